// Text that grows with the reader's own text size (the browser's font-size setting, a phone's large
// text): sizes in rem/em, never pixels (WCAG 1.4.4).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const css = fs.readFileSync(path.join(import.meta.dirname, 'styles.css'), 'utf8');

describe('styles.css', () => {
  it('sets no font size in pixels: the body text stayed at 16 px at a 200 % text size while the headings (rem) doubled', () => {
    expect(css.match(/font-size:\s*[\d.]+px/g) ?? []).toEqual([]);
  });
});

describe('the tax notices on /me at a 200 % text size', () => {
  it('their list is one column no wider than the phone: a payment number widened it to 444 px of 390 and the page scrolled sideways', () => {
    const list = /\.notice-list \{([^}]*)\}/.exec(css)?.[1] ?? '';
    expect(list).toMatch(/grid-template-columns:\s*minmax\(0, 1fr\)/);
  });
});
