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

describe('the compliance figure explained', () => {
  test('the scorecard says how its smoothed compliance is computed, the raw share beside it, in Korean and English', async () => {
    // The demo's inspection results are drawn at random: the demo operator with the most of them in the default 90 days.
    type Basis = { compliance: number; inspections: { inspected: number; found: number }; complianceBasis: { ko: string; en: string } };
    const cards = await Promise.all(Object.values(platform.demo.apiKeys).map(async (k) => ({ key: k, card: (await api<Basis>(platform.url, '/api/v1/operator/scorecard', { token: k })).body })));
    const { key, card: body } = cards.sort((a, b) => b.card.inspections.inspected - a.card.inspections.inspected)[0]!;
    const card = { body };
    const { inspected, found } = card.body.inspections;
    expect(inspected).toBeGreaterThan(0);
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    try {
      await page.goto(`${platform.url}/operator`);
      await page.locator('input[name=apiKey]').fill(key);
      await page.getByRole('button', { name: '확인' }).click();
      await page.getByRole('tab', { name: '성적표' }).click();
      const basis = page.getByTestId('compliance-basis');
      await basis.waitFor();
      // Before: "성실도 85.6%" alone, nothing said of how. Now the smoothing, the raw share and why, with the figure shown.
      expect(await page.getByTestId('sc-compliance').textContent()).toBe(pct(card.body.compliance));
      const ko = (await basis.textContent())!;
      expect(ko).toContain(`성실도 ${pct(card.body.compliance)}는 검사 결과를 평활한 값입니다. 검사 ${inspected}건 중 적발 없음 ${inspected - found}건, 그대로의 비율은 ${pct((inspected - found) / inspected)}입니다.`);
      expect(ko).toMatch(/계산: \(가중 적발 없음 [\d.]+건 \+ 0\.9 × 5\) ÷ \(가중 검사 [\d.]+건 \+ 5\) = /);
      expect(ko).toContain('평활하는 이유:');
      await page.getByRole('heading', { name: '성실도는 어떻게 계산하나요' }).scrollIntoViewIfNeeded();
      await snap(page, 'desktop', 'operator-scorecard-compliance-basis');
      await page.getByRole('button', { name: 'Switch to English' }).click();
      await page.getByRole('heading', { name: 'How compliance is computed' }).waitFor();
      expect(await basis.textContent()).toBe(card.body.complianceBasis.en);
      expect(card.body.complianceBasis.en).toContain(`${inspected - found} of ${inspected} inspections found nothing: the raw share clean is ${pct((inspected - found) / inspected)}.`);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
