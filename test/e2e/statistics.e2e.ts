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

  test("a table wider than a phone says it scrolls sideways (before: by route, the taxes column lay wholly past the card's edge, the four columns shown fitting it exactly, with nothing to say a fifth was there)", async () => {
    /** The sideways-scroll hint the table's box shows (its ::before), or null when none is drawn; and whether the last column is within the box. */
    const look = (page: Page) =>
      page.getByTestId('stats-table').evaluate((table) => {
        const box = table.parentElement!;
        const before = getComputedStyle(box, '::before');
        const last = table.querySelector('thead th:last-child')!.getBoundingClientRect();
        const hint = before.content && before.content !== 'none' && before.display !== 'none' ? before.content : null;
        return { hint, lastShown: last.right <= box.getBoundingClientRect().right + 1 };
      });
    for (const [lang, viewport, route, hint] of [
      ['ko', 'mobile', '통관경로', '옆으로 밀어 더 보기'],
      ['en', 'mobile', 'Route', 'Swipe sideways for more'],
      ['ko', 'desktop', '통관경로', null],
    ] as const) {
      const { page, errors, close } = await statistics(lang, viewport);
      await page.getByText(route, { exact: true }).click();
      await page.getByTestId('stats-table').locator('tbody tr').first().waitFor();
      await page.waitForFunction(() => document.querySelector('[data-testid=stats-table] th')?.textContent !== '');
      const seen = await look(page);
      if (hint) {
        expect(seen.lastShown, `${lang} ${viewport}: the taxes column is past the edge`).toBe(false);
        expect(seen.hint, `${lang} ${viewport}`).toContain(hint);
      } else {
        expect(seen).toEqual({ hint: null, lastShown: true });
      }
      await snap(page, viewport, `statistics-scroll-hint-${lang}`);
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

  test("a period that ends before it starts, or runs over 60 months, is said beside the months, without asking the server (before: the server's 400, 'VALIDATION_FAILED' below the form, a console error, the months not marked)", async () => {
    for (const [lang, viewport, order, span] of [
      ['ko', 'mobile', '종료 월은 시작 월과 같거나 그 뒤여야 합니다.', '기간은 최대 60개월입니다(지금 61개월).'],
      ['en', 'desktop', 'The end month must be the start month or a later one.', 'A period spans at most 60 months (this one: 61).'],
    ] as const) {
      const { page, errors, close } = await statistics(lang, viewport);
      const asked: string[] = [];
      page.on('request', (r) => {
        if (r.url().includes('/api/v1/statistics/')) asked.push(r.url());
      });
      // 2026-12 to 2026-01: the end before the start.
      await page.locator('#stats-from').fill('2026-12');
      await page.locator('#stats-to').fill('2026-01');
      const error = page.locator('#stats-period-error');
      await error.waitFor();
      expect(await error.innerText()).toContain(order);
      for (const id of ['#stats-from', '#stats-to']) {
        expect(await page.locator(id).getAttribute('aria-invalid'), id).toBe('true');
        expect(await page.locator(id).getAttribute('aria-describedby'), id).toContain('stats-period-error');
      }
      expect(await page.getByText('VALIDATION_FAILED').count()).toBe(0);
      // No CSV of a period the server refuses, no figures of the period before beside the error.
      expect(await page.getByRole('link', { name: /CSV/ }).count()).toBe(0);
      expect(await page.getByTestId('query-time').count()).toBe(0);
      await snap(page, viewport, `statistics-period-order-${lang}`);
      // 2021-12 to 2026-12: 61 months, one over the limit (2021-12..2026-11 is 60).
      await page.locator('#stats-from').fill('2021-12');
      await page.locator('#stats-to').fill('2026-12');
      await page.getByText(span).waitFor();
      expect(asked.filter((u) => u.includes('from=2026-12&to=2026-01') || u.includes('from=2021-12&to=2026-12'))).toEqual([]);
      // Back to 60 months: the figures come back, the error goes.
      await page.locator('#stats-from').fill('2022-01');
      await page.getByTestId('query-time').filter({ hasText: '2022-01' }).waitFor();
      expect(await error.count()).toBe(0);
      expect(await page.locator('#stats-to').getAttribute('aria-invalid')).toBeNull();
      expect(errors).toEqual([]);
      await close();
    }
  });
});
