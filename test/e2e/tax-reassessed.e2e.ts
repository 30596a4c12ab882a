// A tax notice paid, then assessed again (the declaration corrected before the import declaration
// is filed), in real Chromium: the consumer's notice and the operator's taxes-on-behalf row show the
// amount paid and the taxes as assessed again, with the difference and whom to ask; the public
// receipt keeps the taxes the payment paid. Before, the paid notice showed the new taxes as its
// amount (86,580원 beside 'paid' for 136,530원 paid) and the receipt's breakdown did not add up to
// the amount paid.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { horizontalOverflow, launchBrowser, newContext, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let operator: { id: number; key: string; code: string };
let consumer: { token: string; expiresAt: string };
let cargoNo = '';
let paid = { amountKrw: 0, receiptNo: '', dutyKrw: 0 };
let owedKrw = 0;
let refund = { refundNo: '', refundBy: '' };

const jacket = (price: number) =>
  declaration('E2E-REASSESS', {
    order: { orderNo: 'O-E2E-REASSESS', purchasedAt: '2026-11-14', currency: 'USD' },
    items: [{ description: '자켓 Nike', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
  });
const won = (n: number) => n.toLocaleString('en-US');

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  operator = await t.operator('REASSESSE2E', 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [jacket(400)] } });
  const id = submitted.body.results[0].declarationId as number;
  cargoNo = submitted.body.results[0].cargoNo;
  const token = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  consumer = { token, expiresAt: new Date(Date.now() + 20 * 60_000).toISOString() };
  const due = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices[0];
  const r = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, {
    token,
    body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' },
  });
  expect(r.status).toBe(201);
  paid = { amountKrw: due.amountKrw, receiptNo: r.body.receipt.receiptNo, dutyKrw: due.taxes.dutyKrw };
  // Corrected before the import declaration is filed: USD 400 → 250, lower taxes.
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: operator.key, body: { declaration: jacket(250), reason: '가격 정정' } })).status).toBe(200);
  owedKrw = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices[0].amountKrw;
  expect(owedKrw).toBeLessThan(paid.amountKrw);
  // Recorded for a refund with the new assessment (관세법 제46조).
  refund = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices[0].refund;
  expect(refund.refundNo).toMatch(/^RF-\d{8}$/);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a notice paid, then assessed again', () => {
  test('the consumer reads the amount paid, the taxes now, and the refundable difference, in Korean and English at 375 px', async () => {
    const context = await newContext(browser, 'mobile');
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.consumer', s), JSON.stringify({ ...consumer, pccc: 'P123456789012', method: 'otp' }));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/me`);
    const notice = page.getByTestId(`notice-${cargoNo}`);
    await notice.getByText('납부 완료').waitFor();
    const text = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`납부한 금액 ${won(paid.amountKrw)}원`);
    expect(text).toContain(`다시 산정된 세액 ${won(owedKrw)}원`);
    expect(text).not.toContain(`납부 금액 ${won(owedKrw)}원`); // the new taxes are not the amount paid
    expect(text).toContain(`${won(paid.amountKrw - owedKrw)}원이 더 납부되었습니다`);
    // The overpayment (paid − owed) recorded for a refund: its row, and the reason with the number and the law.
    expect(text).toContain(`환급 예정 ${won(paid.amountKrw - owedKrw)}원 · 환불번호 ${refund.refundNo} · ${refund.refundBy}까지`);
    expect(text).toContain(`환급 대상으로 등록되었습니다(환불번호 ${refund.refundNo}, 관세법 제46조 과오납금의 환급)`);
    expect(text).toContain('환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.');
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'mobile', 'me-tax-reassessed');

    await page.getByRole('button', { name: /English/ }).click();
    await notice.getByText('Paid', { exact: true }).waitFor();
    const en = (await notice.innerText()).replace(/\s+/g, ' ');
    expect(en).toContain(`Amount paid KRW ${won(paid.amountKrw)}`);
    expect(en).toContain(`Taxes as assessed again KRW ${won(owedKrw)}`);
    expect(en).toContain(`KRW ${won(paid.amountKrw - owedKrw)} was paid too much. It is recorded for a refund (refund ${refund.refundNo}`);
    expect(en).toContain(`Refund due KRW ${won(paid.amountKrw - owedKrw)} · refund ${refund.refundNo} · by ${refund.refundBy}`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    // The public receipt: the taxes the payment paid, adding up to it.
    await page.goto(`${t.base}/receipts/${paid.receiptNo}`);
    const receipt = page.getByTestId('receipt');
    await receipt.getByText(`KRW ${won(paid.dutyKrw)}`).first().waitFor();
    expect((await receipt.innerText()).replace(/\s+/g, ' ')).not.toContain(`KRW ${won(owedKrw)}`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("the operator's taxes-on-behalf row shows the amount paid and the taxes now, and why", async () => {
    const context = await newContext(browser, 'desktop');
    const me = await api(t.base, 'GET', '/api/v1/me', { token: operator.key });
    const session = { apiKey: operator.key, operator: { operatorId: me.body.operatorId, operatorCode: me.body.operatorCode, role: me.body.role } };
    await context.addInitScript((s) => sessionStorage.setItem('tonggwan.operator', s), JSON.stringify(session));
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '세금 대납' }).click();
    const row = page.getByTestId(`operator-notice-${cargoNo}`);
    await row.waitFor();
    const text = (await row.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${won(paid.amountKrw)}원 다시 산정된 세액 ${won(owedKrw)}원`);
    expect(text).toContain(`${won(paid.amountKrw - owedKrw)}원이 더 납부되었습니다`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
