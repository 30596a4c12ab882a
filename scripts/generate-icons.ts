// Renders web/public/icons/icon.svg to the PNG icons of the web app manifest, in real
// Chromium (playwright-core): icon-192.png, icon-512.png and maskable-512.png (the icon inside
// the 80% safe zone on a full-bleed background). Run once after changing the SVG:
//   node scripts/generate-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const dir = path.resolve(import.meta.dirname, '../web/public/icons');
const svg = fs.readFileSync(path.join(dir, 'icon.svg'), 'utf8');
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  const render = async (file: string, size: number, maskable: boolean) => {
    await page.setViewportSize({ width: size, height: size });
    const inner = maskable ? Math.round(size * 0.8) : size;
    const body = maskable
      ? `<div style="width:${size}px;height:${size}px;background:#0b4f8a;display:flex;align-items:center;justify-content:center"><div style="width:${inner}px;height:${inner}px">${svg}</div></div>`
      : `<div style="width:${size}px;height:${size}px">${svg}</div>`;
    await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
    await page.addStyleTag({ content: 'svg{width:100%;height:100%;display:block}' });
    await page.screenshot({ path: path.join(dir, file), omitBackground: !maskable, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`wrote ${file}`);
  };
  await render('icon-192.png', 192, false);
  await render('icon-512.png', 512, false);
  await render('maskable-512.png', 512, true);
} finally {
  await browser.close();
}
