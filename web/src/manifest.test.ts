// The installed app's manifest (web/public/manifest.webmanifest), as a phone reads it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const pub = path.join(import.meta.dirname, '..', 'public');
const manifest = JSON.parse(fs.readFileSync(path.join(pub, 'manifest.webmanifest'), 'utf8')) as Record<string, unknown> & { icons: { src: string; sizes: string; type: string }[] };

describe('the home-screen app', () => {
  it('turns with the phone: no orientation lock (WCAG 1.3.4), so a phone held sideways or mounted in landscape shows the app sideways too', () => {
    // "orientation": "portrait" locked the installed app upright; the pages lay out at any width.
    expect(manifest.orientation === undefined || manifest.orientation === 'any' || manifest.orientation === 'natural').toBe(true);
  });

  it('each PNG icon is on disk at the size it states', () => {
    for (const icon of manifest.icons.filter((i) => i.type === 'image/png')) {
      const png = fs.readFileSync(path.join(pub, icon.src));
      expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    }
  });
});
