// /me at 360 px, in real Chromium: each parcel card has a closed section "처리 근거와 세금 계산"
// (in English "Why this route and how the taxes were worked out") that opens on the engine's
// reasons, grouped as the estimator groups them (outcome, what to do, how it is calculated, why),
// each with its law; a held parcel's card leaves out the engine's next steps (the API does).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { declaration } from '../support/test-platform.ts';
import { api, launchBrowser, SCREENSHOTS, seedPortal, signInEverywhere, startPlatform, until, watchErrors, type Platform, type PortalData } from './support.ts';

let platform: Platform;
let browser: Browser;
let data: PortalData;

const NARROW = { width: 360, height: 780 };
type Reason = { code: string; ko: string; en: string; ref: string };

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  data = await seedPortal(platform);
});

afterAll(async () => {
  await browser?.close();
  await platform?.stop();
});

describe('my parcels explain themselves', () => {
  test('a card opens on why the route and how each tax was worked out, Korean by default and English in English, at 360 px', async () => {
    const c = platform.demo.consumer;
    const tag = crypto.randomUUID().slice(0, 8);
    const consignee = { name: c.name, pccc: c.pccc, phone: c.phone, postcode: c.postcode, address: '서울특별시 강남구 테헤란로 123' };
    // Two taxed parcels (USD 450 of shoes: over the limit): one as assessed, one held by an officer afterwards.
    const sent = await api<{ results: { declarationId: number; cargoNo: string; status: string }[] }>(platform.url, '/api/v1/declarations', {
      token: platform.demo.apiKeys.MALLTAIL!,
      body: {
        declarations: [`E2E-WHY-${tag}`, `E2E-WHY-HELD-${tag}`].map((ref) =>
          declaration(ref, { consignee, items: [{ description: `운동화 ${tag}`, category: 'shoes', quantity: 1, price: 450, originCountry: 'VN' }] }),
        ),
      },
    });
    const [taxed, held] = sent.body.results;
    expect(taxed!.status).toBe('accepted');
    const hold = await api(platform.url, `/api/v1/officer/declarations/${held!.declarationId}/hold`, { token: data.adminToken, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);
    const own = await api<{ declarations: { cargoNo: string; reasons: Reason[] }[] }>(platform.url, '/api/v1/consumer/declarations?limit=10', { token: data.consumer.token });
    const reasons = own.body.declarations.find((d) => d.cargoNo === taxed!.cargoNo)!.reasons;
    const total = reasons.find((r) => r.code === 'TAX_TOTAL')!;
    const route = reasons.find((r) => r.code === 'ROUTE_GENERAL')!;
    expect(total).toBeTruthy();
    expect(route).toBeTruthy();

    for (const lang of ['ko', 'en'] as const) {
      const context = await browser.newContext({ viewport: NARROW, deviceScaleFactor: 1, locale: lang === 'ko' ? 'ko-KR' : 'en-GB', timezoneId: 'Asia/Seoul', isMobile: true, hasTouch: true, serviceWorkers: 'block' });
      await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
      await signInEverywhere(context, data);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${platform.url}/me`);
      const card = (cargoNo: string) => page.locator('article.lookup-card', { has: page.locator(`[id="cargo-${cargoNo}"]`) });
      // The newest parcels come after the held ones: "more" until the taxed one is there.
      await until(
        async () => {
          if (await card(taxed!.cargoNo).count()) return true;
          const more = page.getByTestId('more-parcels');
          if (await more.count()) await more.click();
          return false;
        },
        (v) => v,
        'the taxed parcel’s card',
        30_000,
      );
      const section = card(taxed!.cargoNo).getByTestId('parcel-reasons');
      const summary = section.locator('summary');
      // The parcel's number follows for screen readers only (one such section per card).
      expect((await summary.innerText()).split('\n')[0]!.trim()).toBe(lang === 'ko' ? '처리 근거와 세금 계산' : 'Why this route and how the taxes were worked out');
      // Closed until opened.
      expect(await section.getAttribute('open')).toBeNull();
      expect(await section.getByTestId('parcel-reasons-calculation').isVisible()).toBe(false);
      await summary.click();
      await section.getByTestId('parcel-reasons-calculation').waitFor();
      const text = (testId: string) => section.getByTestId(testId).locator('.reason > p:first-child').allInnerTexts();
      expect(await text('parcel-reasons-outcome')).toEqual([lang === 'ko' ? route.ko : route.en]);
      expect(await text('parcel-reasons-calculation')).toContain(lang === 'ko' ? total.ko : total.en);
      expect((await text('parcel-reasons-next')).length).toBeGreaterThan(0);
      // Each with its law, in the page's language (the Korean in the title, in English).
      const law = await section.getByTestId('parcel-reasons-calculation').locator('.reason .ref').first().innerText();
      expect(law).toMatch(lang === 'ko' ? /[가-힣]/ : /Act|Decree|Notice|Rules|Art\./);
      // Readable at 360 px: nothing wider than the screen, the open section inside the card.
      const widths = await page.evaluate(() => ({ doc: document.documentElement.scrollWidth, view: window.innerWidth }));
      expect(widths.doc).toBeLessThanOrEqual(widths.view);
      const box = (await section.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(NARROW.width);

      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      await card(taxed!.cargoNo).screenshot({ path: path.join(SCREENSHOTS, `me-parcel-reasons-${lang}-360.png`) });

      // The held parcel: its reasons still, without the engine's "what to do" (the next action says what holds now).
      const heldSection = card(held!.cargoNo).getByTestId('parcel-reasons');
      await heldSection.locator('summary').click();
      await heldSection.getByTestId('parcel-reasons-calculation').waitFor();
      expect(await heldSection.getByTestId('parcel-reasons-next').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }
  });
});
