// The operator scorecard in real Chromium, on a phone and a desktop: a demo operator signs in
// with its API key, opens the 성적표 tab, sees the fast-lane checklist, the figures (checked
// against the API's answer for the same key), the next steps and the weekly trend; English too.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, horizontalOverflow, launchBrowser, newContext, snap, startPlatform, unlabelledControls, watchErrors, type Platform, type ViewportName } from './support.ts';

let platform: Platform;
let browser: Browser;

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

interface Card {
  volumes: { declarations: number };
  dataQuality: { score: number };
  fastLane: { eligible: boolean; criteria: { code: string; met: boolean }[] };
  nextSteps: { code: string }[];
}

describe.each(['phone', 'desktop'] as ViewportName[])('operator scorecard (%s)', (vp) => {
  test('a demo operator opens its scorecard', async () => {
    const key = platform.demo.apiKeys.KIMLEE!;
    expect(key).toBeTruthy();
    const expected = await api<Card>(platform.url, '/api/v1/operator/scorecard', { token: key });
    expect(expected.status).toBe(200);
    const expected30 = await api<Card>(platform.url, '/api/v1/operator/scorecard?days=30', { token: key });
    const context = await newContext(browser, vp);
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${platform.url}/operator`);
      await page.locator('input[name=apiKey]').fill(key);
      await page.getByRole('button', { name: '확인' }).click();
      // Greeted by its name, the code beside it (the code alone read '업체 KIMLEE').
      await page.getByTestId('operator-signed-in-as').getByText('김앤리 관세사무소 · 업체 코드 KIMLEE', { exact: true }).waitFor();
      await page.getByRole('tab', { name: '성적표' }).click();
      await page.getByTestId('fast-lane-status').waitFor();

      // The figures are the API's for this key: declarations in the default 90 days, data quality in %.
      const declarations = expected.body.volumes.declarations;
      expect(declarations).toBeGreaterThan(0);
      expect((await page.getByTestId('sc-declarations').textContent())!.replace(/,/g, '')).toBe(String(declarations));
      expect(await page.getByTestId('sc-quality').textContent()).toBe(`${(expected.body.dataQuality.score * 100).toFixed(1)}%`);
      expect(await page.getByTestId('fast-lane-status').textContent()).toBe(expected.body.fastLane.eligible ? '신속통관 대상' : '아직 대상 아님');
      // Seven criteria, each marked met or not as the API says (the mark is spoken, not only drawn).
      for (const c of expected.body.fastLane.criteria) {
        const item = page.getByTestId(`criterion-${c.code}`);
        expect(await item.locator('.visually-hidden').textContent()).toBe(c.met ? '충족: ' : '미충족: ');
      }
      expect(await page.getByTestId('next-steps').locator('li').count()).toBe(expected.body.nextSteps.length);
      expect(await page.getByTestId('scorecard-weeks').locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await page.locator('.recharts-surface').count()).toBeGreaterThan(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      expect(await unlabelledControls(page)).toEqual([]);
      await snap(page, vp, 'operator-scorecard');

      // Another window: the count follows the API's 30-day answer.
      await page.getByLabel('기간').selectOption('30');
      await page.waitForFunction((n) => document.querySelector('[data-testid=sc-declarations]')?.textContent?.replace(/,/g, '') === String(n), expected30.body.volumes.declarations);

      // English.
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('tab', { name: 'Scorecard' }).waitFor();
      expect(await page.getByTestId('fast-lane-status').textContent()).toBe(expected30.body.fastLane.eligible ? 'Eligible' : 'Not yet eligible');
      await snap(page, vp, 'operator-scorecard-en');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
