// The public statistics page as its readers find it, in real Chromium (desktop 1280×800 and a
// 375×812 phone, Korean and English), on the demo platform: each test pins a defect found by hand
// (admin-console and statistics audit, 2026-12-05) and fails without its fix.
// Screenshots: test-results/screenshots/statistics-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import path from 'node:path';
import { launchBrowser, newContext, SCREENSHOTS, snap, startPlatform, watchErrors, type Platform, type ViewportName } from './support.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

async function statistics(lang: 'ko' | 'en', viewport: ViewportName): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await newContext(browser, viewport);
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${platform.url}/statistics`);
  await page.getByTestId('query-time').waitFor();
  return { page, errors, close: () => context.close() };
}

/** Each x-axis label of a chart, and how far it runs past the chart's drawing (px; 0 when it is inside). */
function xLabels(page: Page, chart: string) {
  return page.evaluate((id) => {
    const card = document.getElementById(id)!.closest('.card')!;
    const svg = card.querySelector('.recharts-wrapper')!.getBoundingClientRect(); // the chart's box (the legend's icons are svgs too)
    return Array.from(card.querySelectorAll('.recharts-xAxis-tick-labels text.recharts-cartesian-axis-tick-value')).map((text) => {
      const box = text.getBoundingClientRect();
      return { label: text.textContent ?? '', outside: Math.max(0, svg.left - box.left, box.right - svg.right) };
    });
  }, chart);
}

describe('statistics charts', () => {
  test("every month label of both charts is whole, the last month's too (before: the taxes chart cut 26.12 to '26.1', Dec '26 to Dec ')", async () => {
    for (const [lang, viewport] of [['ko', 'desktop'], ['en', 'desktop'], ['ko', 'mobile'], ['en', 'mobile']] as const) {
      const { page, errors, close } = await statistics(lang, viewport);
      await page.locator('#chart-taxes').locator('xpath=..').locator('.recharts-xAxis-tick-labels text').first().waitFor();
      for (const chart of ['chart-count', 'chart-taxes']) {
        const labels = await xLabels(page, chart);
        expect(labels.length, `${lang} ${viewport} ${chart}`).toBeGreaterThan(2);
        expect(labels.filter((l) => l.outside > 0.5), `${lang} ${viewport} ${chart}: ${JSON.stringify(labels)}`).toEqual([]);
      }
      // Both charts label the same months.
      expect((await xLabels(page, 'chart-taxes')).map((l) => l.label)).toEqual((await xLabels(page, 'chart-count')).map((l) => l.label));
      // The share column with one decimal on every row, so it lines up (4.0%, not 4% under 67.3%).
      const shares = await page.getByTestId('stats-table').locator('tbody tr td:nth-of-type(2)').allInnerTexts();
      expect(shares.filter((s) => !/^(\d{1,3}\.\d%|—)$/.test(s))).toEqual([]);
      await page.locator('section.card', { has: page.locator('#chart-taxes') }).screenshot({ path: path.join(SCREENSHOTS, `statistics-taxes-axis-${lang}-${viewport}.png`) });
      expect(errors).toEqual([]);
      await close();
    }
  });

  test('a period without declarations says so once, without empty charts or tables of zeros (before: two blank charts, the taxes axis 0 to 4 won, and a header-only table)', async () => {
    for (const [lang, viewport, none] of [
      ['ko', 'desktop', '이 기간에는 신고가 없습니다.'],
      ['en', 'mobile', 'No declarations in this period.'],
    ] as const) {
      const { page, errors, close } = await statistics(lang, viewport);
      await page.locator('#stats-from').fill('2020-01');
      await page.locator('#stats-to').fill('2020-03');
      await page.getByTestId('query-time').filter({ hasText: '2020-01' }).filter({ hasText: '2020-03' }).waitFor();
      await page.getByText(none).waitFor();
      expect(await page.getByTestId('stats-count').innerText()).toBe('0');
      for (const id of ['#chart-count', '#chart-taxes', '#table-keys', '#table-months']) expect(await page.locator(id).count(), id).toBe(0);
      await snap(page, viewport, `statistics-empty-${lang}`);
      expect(errors).toEqual([]);
      await close();
    }
  });
});
