// The tax notice on the officer's declaration page, in real Chromium: an officer answering a "세금·납부"
// consultation sees whether and how the taxes were paid or refunded (before, the page showed the taxes
// owed and nothing of their payment: the officer had to ask an administrator). A bag at USD 400
// (136,530원) paid by the operator by card, then corrected to USD 250 (86,580원): 136,530 − 86,580 =
// 49,950원 to refund, open. On a 360 px phone in Korean and on a desktop in English.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration } from '../support/consumer-tax-notices.ts';
import { koreanDateOf } from '../../src/domain/dates.ts';
import { horizontalOverflow, launchBrowser, newContext, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let declarationId: number;
let receiptNo: string;
let refundNo: string;
let session: unknown;
let heldId: number;

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
