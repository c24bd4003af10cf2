/**
 * Renders resources/icon.svg to the PNGs electron-builder reads (resources/icon.png, 1024 px; it
 * derives .icns and .ico from it) and a 256 px copy for Linux menus. Run after editing the SVG:
 * `npx tsx scripts/release/render-icon.ts`. Uses Debian's Chromium, like the e2e suite.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const resources = path.resolve(__dirname, '../../resources');
const svg = readFileSync(path.join(resources, 'icon.svg'), 'utf8');

async function main(): Promise<void> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    for (const size of [1024, 256]) {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg style="display:block;width:${size}px;height:${size}px" `)}</body></html>`,
      );
      const file = size === 1024 ? 'icon.png' : `icon-${size}.png`;
      await page.screenshot({ path: path.join(resources, file), omitBackground: true });
      await page.close();
      console.log(`wrote resources/${file}`);
    }
  } finally {
    await browser.close();
  }
}

void main();
