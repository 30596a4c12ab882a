// What a product review of the portal on a phone (390 px) found, kept from coming back: figures
// shown whole, wide tables that scroll inside their card instead of widening the page or breaking
// words letter by letter, no empty status box. Screenshots: test-results/screenshots/ux-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { horizontalOverflow, launchBrowser, seedPortal, signInEverywhere, snap, startPlatform, trackRequests, waitForQuiet, watchErrors, type Platform, type PortalData } from './support.ts';

let platform: Platform;
let browser: Browser;
let data: PortalData;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  data = await seedPortal(platform);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

/** A 390 px phone (the review's width), signed in everywhere, in the language asked. */
async function phone(lang: 'ko' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'ko-KR', timezoneId: 'Asia/Seoul', isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  await signInEverywhere(context, data);
  const page = await context.newPage();
  trackRequests(page);
  return { context, page, errors: watchErrors(page) };
}

async function open(page: Page, path: string): Promise<void> {
  await page.goto(`${platform.url}${path}`);
  await page.locator('h1').first().waitFor();
  await waitForQuiet(page);
}

describe('on a phone', () => {
  test.each(['ko', 'en'] as const)('statistics (%s): each summary figure is shown whole, not cut with an ellipsis (USD 198,598.…)', async (lang) => {
    const { context, page, errors } = await phone(lang);
    await open(page, '/statistics');
    await page.getByTestId('query-time').waitFor();
    const cut = await page.locator('.stat-value').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await snap(page, 'phone', `ux-statistics-${lang}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('selection performance: the weekly table scrolls inside its card instead of widening the page', async () => {
    const { context, page, errors } = await phone('en');
    await open(page, '/officer/risk/performance');
    await page.getByTestId('performance-totals').waitFor();
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'phone', 'ux-performance-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('administration: a one-word cell of the operators table stays on one line (Marketplace, not Marketplac/e)', async () => {
    const { context, page, errors } = await phone('en');
    await open(page, '/officer/admin');
    const table = page.getByTestId('admin-operator-table');
    await table.waitFor();
    const broken = await table.locator('td').evaluateAll((cells) =>
      cells.flatMap((cell) => {
        const text = cell.textContent ?? '';
        if (!text.trim() || /\s/.test(text.trim())) return [];
        const range = document.createRange();
        range.selectNodeContents(cell);
        // One word on one line: its line boxes all share one top.
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        return tops.size > 1 ? [text] : [];
      }),
    );
    expect(broken).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'phone', 'ux-admin-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('officer declaration: no empty green status box above "Record result" before anything is recorded', async () => {
    const { context, page, errors } = await phone('ko');
    await open(page, `/officer/declarations/${data.held.id}`);
    await page.getByTestId('record-inspection').waitFor();
    expect(await page.getByTestId('inspection-recorded').count()).toBe(0);
    const emptyBoxes = await page.locator('.alert').evaluateAll((els) => els.filter((e) => !(e.textContent ?? '').trim() && (e as HTMLElement).offsetHeight > 0).length);
    expect(emptyBoxes).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
