import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildPageApi } from './build-page-api';

/** Checks the renderer was built, and builds the Chromium host's page API bundle. */
export default async function globalSetup(): Promise<void> {
  const index = path.resolve(__dirname, '../../out/renderer/index.html');
  if (!existsSync(index)) {
    throw new Error('out/renderer is missing: run `npm run build` before the e2e suite (./scripts/test does).');
  }
  await buildPageApi();
}
