import path from 'node:path';
import { build } from 'vite';

export const PAGE_API_BUNDLE = path.resolve(__dirname, '../../out/e2e-host/page-api.js');

/** Bundles host/page-api.ts (and with it src/preload/api.ts) into one classic script. */
export async function buildPageApi(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: path.dirname(PAGE_API_BUNDLE),
      emptyOutDir: true,
      minify: false,
      lib: {
        entry: path.resolve(__dirname, 'page-api.ts'),
        formats: ['iife'],
        name: 'ScimConsoleChromiumHost',
        fileName: () => path.basename(PAGE_API_BUNDLE),
      },
    },
  });
}
