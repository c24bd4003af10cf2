import path from 'node:path';
import { defineConfig } from '@playwright/test';

const results = path.resolve(__dirname, '../test-results');

export default defineConfig({
  testDir: './specs',
  globalSetup: './host/global-setup.ts',
  outputDir: path.join(results, 'e2e'),
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: true,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: process.env.E2E_JSON_REPORT ?? path.join(results, 'e2e-report.json') }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
