// The tax notice on the officer's declaration page, in real Chromium: an officer answering a "세금·납부"
// consultation sees whether and how the taxes were paid or refunded (before, the page showed the taxes
// owed and nothing of their payment: the officer had to ask an administrator). A bag at USD 400
// (136,530원) paid by the operator by card, then corrected to USD 250 (86,580원): 136,530 − 86,580 =
// 49,950원 to refund, open. On a 360 px phone in Korean and on a desktop in English.
// The next action in the decision card says where the taxes stand (officer-next-action.ts; before, it never
// mentioned them): the same bag unpaid and filed (payable before 수리, then due 15 days from the 수리 the
// officer records on the page), paid, held by the engine, accepted 39 days ago and unpaid (overdue); ko and en.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration } from '../support/consumer-tax-notices.ts';
import { koreanDateOf } from '../../src/domain/dates.ts';
import { advanceDeclaration } from '../../src/app/advance-declaration.ts';
import { axeResults, horizontalOverflow, koreanDaysBefore, launchBrowser, newContext, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let declarationId: number;
let receiptNo: string;
let refundNo: string;
let session: unknown;
let heldId: number;
let unpaidId: number;
let overdueId: number;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('OFFTAXE2E');
  // Declared today: due 15 days on whatever day the test runs (declaration()'s fixed date would be overdue).
  const today = koreanDateOf(new Date().toISOString());
  const bag = (price: number) => ({ ...bagDeclaration('E2E-OFFTAX', '2026-11-02', price), declaredAt: today });
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [bag(400)] } });
  declarationId = submitted.body.results[0].declarationId;
  const paid = await api(t.base, 'POST', `/api/v1/declarations/${declarationId}/tax-payments`, {
    token: operator.key,
    body: { method: 'card', amountKrw: 136_530, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' },
  });
  expect(paid.status).toBe(201);
  receiptNo = paid.body.receipt.receiptNo;
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${declarationId}`, { token: operator.key, body: { declaration: bag(250), reason: '가격 정정' } })).status).toBe(200);
  // Held by the engine (cannabis oil, prohibited): taxes it would owe if it cleared, nothing payable (관세법 제9조: due from 수리).
  const cbd = { ...bagDeclaration('E2E-OFFTAX-HELD', '2026-11-02', 300), declaredAt: today, items: [{ description: '영양제 Charlotte CBD 오일', category: 'clothing', quantity: 1, price: 300, originCountry: 'US' }] };
  const held = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [cbd] } });
  expect([held.body.results[0].status, held.body.results[0].assessment.route]).toEqual(['accepted', 'hold']);
  heldId = held.body.results[0].declarationId;
  // For the next action: the same bag unpaid, its import declaration filed (수입신고, waiting for 수리); and
  // one declared 40 days ago, accepted (수리) 39 days ago and never paid: due 15 days from 수리, long past.
  const unpaid = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [{ ...bagDeclaration('E2E-OFFTAX-UNPAID', '2026-11-02', 400), declaredAt: today }] } });
  unpaidId = unpaid.body.results[0].declarationId;
  const filed = await advanceDeclaration(t.platform.deps, unpaidId, (['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED'] as const).map((type) => ({ type, occurredAt: new Date() })));
  expect(filed.ok).toBe(true);
  const old = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [{ ...bagDeclaration('E2E-OFFTAX-OVERDUE', koreanDaysBefore(41), 400), declaredAt: koreanDaysBefore(40) }] } });
  overdueId = old.body.results[0].declarationId;
  const at = Date.parse(`${koreanDaysBefore(39)}T03:00:00Z`);
  const accepted = await advanceDeclaration(
    t.platform.deps,
    overdueId,
    (['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_ACCEPTED'] as const).map((type, k) => ({ type, occurredAt: new Date(at + k * 60_000) })),
  );
  expect(accepted.ok).toBe(true);
  await t.officer('e2e-tax-officer');
  session = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e-tax-officer', password: 'pw-e2e-tax-officer' } })).body;
  const view = await api(t.base, 'GET', `/api/v1/officer/declarations/${declarationId}/tax-notice`, { token: (session as { token: string }).token });
  refundNo = view.body.refundsDue[0].refundNo;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the tax notice on the officer declaration page', () => {
  test('on a 360 px phone in Korean: paid, the receipt, the payer, the refund due open and the notice’s reason; nothing wider than the screen', async () => {
    const context = await newContext(browser, 'phone');
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.officer', s), JSON.stringify(session));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/officer/declarations/${declarationId}`);
    const section = page.getByRole('region', { name: '세금 · 납부' });
    await section.getByTestId('officer-tax-notice').waitFor();
    expect(await section.getByTestId('officer-tax-status').textContent()).toBe('납부 완료');
    const payment = section.getByTestId('officer-tax-payments').locator('li');
    expect(await payment.count()).toBe(1);
    const line = (await payment.textContent()) ?? '';
    expect(line).toContain(receiptNo);
    expect(line).toContain('카드');
    expect(line).toContain('업체 대납(배송대행·특송업체)');
    expect(line).toContain('136,530');
    const open = (await section.getByTestId('officer-refunds-due').textContent()) ?? '';
    expect(open).toContain(refundNo);
    expect(open).toContain('49,950'); // 136,530 − 86,580
    expect(open).toContain('관세법 제46조');
    expect(await section.getByTestId('officer-tax-reason').textContent()).toContain(`관세 등 제세 136,530원을 납부했습니다(영수번호 ${receiptNo}).`);
    expect(await horizontalOverflow(page)).toBe(0);
    // The section's own width fits the screen (360 px less the page's margins).
    const width = await section.evaluate((el) => el.getBoundingClientRect().right);
    expect(width).toBeLessThanOrEqual(360);
    await snap(page, 'phone', 'officer-tax-notice');
    expect(errors).toEqual([]);
    await context.close();
  });

  test('on a desktop in English: the same, in English', async () => {
    const context = await newContext(browser, 'desktop');
    await context.addInitScript((s) => {
      sessionStorage.setItem('tonggwan.officer', s);
      localStorage.setItem('tonggwan.lang', 'en');
    }, JSON.stringify(session));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/officer/declarations/${declarationId}`);
    const section = page.getByRole('region', { name: 'Taxes and payment' });
    await section.getByTestId('officer-tax-notice').waitFor();
    expect(await section.getByTestId('officer-tax-status').textContent()).toBe('Paid');
    await section.getByRole('heading', { name: 'Refunds due (open)' }).waitFor();
    expect(await section.getByTestId('officer-tax-reason').textContent()).toContain(`Taxes of KRW 136,530 were paid on`);
    expect(await section.getByRole('link', { name: receiptNo }).getAttribute('href')).toBe(`/receipts/${receiptNo}`);
    expect(errors).toEqual([]);
    await context.close();
  });
  test('a parcel the engine held: on hold and not payable, the taxes it would owe if it cleared, due within 15 days of acceptance (was: 납부 대기 with a provisional date)', async () => {
    const context = await newContext(browser, 'phone');
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.officer', s), JSON.stringify(session));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/officer/declarations/${heldId}`);
    const notice = page.getByTestId('officer-tax-notice');
    await notice.waitFor();
    expect(await notice.getByTestId('officer-tax-status').textContent()).toBe('보류 중 · 납부 불가');
    await notice.getByText('통관 시 낼 세액').waitFor();
    await notice.getByText('수리일부터 15일 이내').waitFor();
    await snap(page, 'phone', 'officer-tax-notice-held');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the next action on the officer declaration page says where the taxes stand', () => {
  /** The next action's taxes line of a declaration, once its tax notice is read: its code and text. */
  async function nextTaxesOf(page: import('playwright-core').Page, id: number) {
    await page.goto(`${t.base}/officer/declarations/${id}`);
    const line = page.locator('section[aria-labelledby=sec-decision]').getByTestId('officer-next-action').getByTestId('officer-next-taxes');
    await line.waitFor();
    return { code: await line.getAttribute('data-code'), text: (await line.textContent()) ?? '' };
  }

  for (const lang of ['ko', 'en'] as const) {
    test(`on a 360 px phone, ${lang}: payable before 수리, paid, held by the engine, overdue; in the decision card above the form`, async () => {
      const context = await newContext(browser, 'phone');
      await context.addInitScript(
        ([s, l]) => {
          sessionStorage.setItem('tonggwan.officer', s);
          if (l === 'en') localStorage.setItem('tonggwan.lang', 'en');
        },
        [JSON.stringify(session), lang] as const,
      );
      const page = await context.newPage();
      const errors = watchErrors(page);
      const ko = lang === 'ko';

      // Filed, not accepted, not paid: 136,530 payable now, before 수리 too (관세법 제9조③), due 15 days from it.
      const payable = await nextTaxesOf(page, unpaidId);
      expect(payable.code).toBe('TAXES_PAYABLE');
      expect(payable.text).toContain(ko ? '납부 상태: 세금 136,530원이 아직 납부되지 않았습니다. 수리 전에도 납부할 수 있고, 수리되면 수리일부터 15일 안에 납부해야 합니다' : 'Payment: Taxes of KRW 136,530 are not paid yet. They can be paid before acceptance');
      expect(payable.text).toContain(ko ? '관세법 제9조①·③' : 'Customs Act Art. 9(1)·(3)');
      // The parties' step first, then the taxes; the form below.
      const card = page.locator('section[aria-labelledby=sec-decision]');
      expect(await card.getByTestId('officer-next-action').textContent()).toContain(ko ? '수하인·업체 안내: 세관 심사를 기다리고 있습니다.' : 'Consignee and operator are told: Waiting for customs examination.');
      const below = await card.evaluate((c) => {
        const next = c.querySelector('[data-testid=officer-next-action]')!.getBoundingClientRect();
        return c.querySelector('form')!.getBoundingClientRect().top >= next.bottom;
      });
      expect(below).toBe(true);
      expect(await horizontalOverflow(page)).toBe(0);
      // The line's legal reference in muted small type on the box's tint: still readable (no contrast or other serious finding).
      const serious = (await axeResults(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.rule}: ${v.targets.join(', ')}`);
      expect(serious).toEqual([]);
      await snap(page, 'phone', `officer-next-action-payable-${lang}`);

      // Paid by the operator's card: the amount and the receipt.
      const paid = await nextTaxesOf(page, declarationId);
      expect(paid.code).toBe('TAXES_PAID');
      expect(paid.text).toContain(ko ? `세금 136,530원이 납부되었습니다(${koreanDateOf(new Date().toISOString())}, 영수번호 ${receiptNo}).` : `Taxes of KRW 136,530 are paid (${koreanDateOf(new Date().toISOString())}, receipt no. ${receiptNo}).`);

      // Held by the engine: not payable before the hold is resolved.
      const held = await nextTaxesOf(page, heldId);
      expect(held.code).toBe('TAXES_HELD_ENGINE');
      expect(held.text).toContain(ko ? '엔진의 통관보류로 세금' : 'Held by the engine, so the taxes of KRW');
      await snap(page, 'phone', `officer-next-action-held-${lang}`);

      // Accepted 39 days ago, unpaid: due 15 days from 수리, past.
      const overdue = await nextTaxesOf(page, overdueId);
      expect(overdue.code).toBe('TAXES_OVERDUE');
      expect(overdue.text).toContain(ko ? '세금 136,530원의 납부기한(' : 'Taxes of KRW 136,530 were due by ');
      expect(overdue.text).toContain(ko ? '관세법 제42조' : 'Customs Act Art. 42');
      await snap(page, 'phone', `officer-next-action-overdue-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  test('accepted (수리) on the page: the line follows, the due date fixed 15 days from today', async () => {
    const context = await newContext(browser, 'phone');
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.officer', s), JSON.stringify(session));
    const page = await context.newPage();
    const errors = watchErrors(page);
    expect((await nextTaxesOf(page, unpaidId)).text).toContain('지금의 잠정 기한');
    page.on('dialog', (d) => void d.accept());
    await page.locator('.segmented label', { hasText: '수리' }).click();
    await page.locator('textarea[name=reason]').fill('E2E 수리');
    await page.getByRole('button', { name: '수리(통관 완료)', exact: true }).click();
    await page.getByText('처리했습니다. 현재 상태: 통관완료(수리)').waitFor();
    const line = page.getByTestId('officer-next-taxes');
    await line.getByText('납부기한은', { exact: false }).waitFor();
    const text = (await line.textContent()) ?? '';
    expect(text).toContain('세금 136,530원이 아직 납부되지 않았습니다. 납부기한은 ');
    expect(text).toContain('(수리일부터 15일)');
    expect(text).not.toContain('잠정');
    await snap(page, 'phone', 'officer-next-action-accepted-ko');
    expect(errors).toEqual([]);
    await context.close();
  });
});
