// A tax notice paid, then assessed again (the declaration corrected before the import declaration
// is filed), in real Chromium: the consumer's notice and the operator's taxes-on-behalf row show the
// amount paid and the taxes as assessed again, with the difference and whom to ask; the public
// receipt keeps the taxes the payment paid. Before, the paid notice showed the new taxes as its
// amount (86,580원 beside 'paid' for 136,530원 paid) and the receipt's breakdown did not add up to
// the amount paid.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { paidThenCorrected } from './paid-then-corrected.ts';
import { horizontalOverflow, launchBrowser, newContext, signInAs, signInOperator, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let operator: { id: number; key: string; code: string };
let consumer: { token: string; expiresAt: string };
let cargoNo = '';
let declarationId = 0;
let paid = { amountKrw: 0, receiptNo: '', dutyKrw: 0 };
let owedKrw = 0;
let refund = { refundNo: '', refundBy: '' };

const won = (n: number) => n.toLocaleString('en-US');

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  // Paid at USD 400, corrected to USD 250: lower taxes.
  const f = await paidThenCorrected(t, { ref: 'E2E-REASSESS', operatorCode: 'REASSESSE2E', usd: 400, correctedUsd: 250 });
  ({ operator, consumer, cargoNo, paid, declarationId } = f);
  owedKrw = f.notice.amountKrw;
  expect(owedKrw).toBeLessThan(paid.amountKrw);
  // Recorded for a refund with the new assessment (관세법 제46조).
  refund = f.notice.refund!;
  expect(refund.refundNo).toMatch(/^RF-\d{8}$/);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('a notice paid, then assessed again', () => {
  test('the consumer reads the amount paid, the taxes now, and the refundable difference, in Korean and English at 375 px', async () => {
    const context = await newContext(browser, 'mobile');
    await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
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
    await signInOperator(context, t.base, operator.key);
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

  test('an administrator reads why each refund is due, and after a withdrawal the whole amount; the operator\'s row says why too', async () => {
    await t.officer('e2e-reassess-admin', 'admin');
    const paymentTx = (await t.db.pool.query(`SELECT provider_tx FROM tax_payments WHERE receipt_no = $1`, [paid.receiptNo])).rows[0].provider_tx as string;
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/officer`);
    await page.locator('input[name=username]').fill('e2e-reassess-admin');
    await page.locator('input[name=password]').fill('pw-e2e-reassess-admin');
    await page.getByRole('button', { name: '로그인' }).click();
    const item = page.getByRole('listitem').filter({ hasText: refund.refundNo });
    await item.waitFor();
    // Assessed again lower: the overpayment, a part of the charge (the charge's own number, not the record's).
    let text = (await item.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${won(paid.amountKrw - owedKrw)}원`);
    expect(text).toContain(`납부 후 재산정`);
    expect(text).toContain(`결제 ${paymentTx}의 이 금액만 부분 취소하세요`);

    // Withdrawn after payment (관세법 제250조): everything paid is refundable, under a new number.
    const withdrawn = await api(t.base, 'POST', `/api/v1/declarations/${declarationId}/withdraw`, { token: operator.key, body: { reason: '주문 취소' } });
    expect(withdrawn.status).toBe(200);
    const whole = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: consumer.token })).body.notices.find((n: { declarationId: number }) => n.declarationId === declarationId).refund;
    expect(whole.amountKrw).toBe(paid.amountKrw);
    await page.reload();
    const after = page.getByRole('listitem').filter({ hasText: whole.refundNo });
    await after.waitFor();
    text = (await after.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`${won(paid.amountKrw)}원`);
    expect(text).toContain('납부 후 신고 취하');
    expect(text).toContain(`결제 ${paymentTx}의 이 금액을 취소하세요`);
    expect(await page.getByRole('listitem').filter({ hasText: refund.refundNo }).count()).toBe(0); // the partial one superseded

    // The operator's row: paid as much as the notice says, and still why (the refund of the whole amount).
    await signInOperator(context, t.base, operator.key);
    await page.goto(`${t.base}/operator`);
    await page.getByRole('tab', { name: '세금 대납' }).click();
    const row = page.getByTestId(`operator-notice-${cargoNo}`);
    await row.waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(`환불번호 ${whole.refundNo}`);
    // The reason wraps in its cell: before, the cell's nowrap laid its 200-odd characters on one line, the row several screens wide.
    expect(await row.evaluate((r) => r.getBoundingClientRect().width)).toBeLessThanOrEqual(1280);

    // Recorded refunded at the provider: no refund due stands, and the notice lists as much paid as
    // assessed (the demo's withdrawn parcel: 51,070 paid, 51,070 refunded). The row still says why,
    // from the refund made; before, it showed the receipt alone, as if the taxes were paid and kept.
    const admin = await t.officer('e2e-reassess-admin-2', 'admin');
    const open = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin.token })).body.refunds.find((r: { refundNo: string }) => r.refundNo === whole.refundNo);
    const resolved = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${open.id}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'R-E2E-WHOLE', resolution: '신고 취하로 전액 취소' } });
    expect(resolved.status).toBe(200);
    await page.reload();
    await page.getByRole('tab', { name: '세금 대납' }).click();
    await row.waitFor();
    const refundedText = (await row.innerText()).replace(/\s+/g, ' ');
    expect(refundedText).toContain(`${won(paid.amountKrw)}원이`);
    expect(refundedText).toContain(`환급되었습니다(환불번호 ${whole.refundNo})`);
    expect(errors).toEqual([]);
    await context.close();
  });

  test('the public receipt of the payment refunded in full says so, with the refund number, day and 0 remaining, in Korean and English at 375 px; before: "확인된 납부" alone', async () => {
    // After the test above: the whole amount paid was refunded (withdrawn, recorded refunded); the receipt stays valid.
    const made = (await t.db.pool.query(`SELECT id::int FROM tax_refunds_due WHERE declaration_id = $1 AND outcome = 'refunded'`, [declarationId])).rows;
    expect(made).toHaveLength(1);
    const refundNo = `RF-${String(made[0].id).padStart(8, '0')}`;
    const context = await newContext(browser, 'mobile');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${t.base}/receipts/${paid.receiptNo}`);
    const receipt = page.getByTestId('receipt');
    await receipt.getByRole('heading', { name: '납부 후 전액 환급됨' }).waitFor();
    const ko = (await receipt.innerText()).replace(/\s+/g, ' ');
    expect(ko).not.toContain('확인된 납부');
    // Paid 136,530 (USD 400), refunded 136,530 in one refund after the withdrawal: 136,530 − 136,530 = 0 remains.
    expect(ko).toContain(`이 납부 ${won(paid.amountKrw)}원 중 ${won(paid.amountKrw)}원(`);
    expect(ko).toContain(`환불번호 ${refundNo})이 환급되었습니다(관세법 제46조 과오납금의 환급, 제250조 신고의 취하). 남은 납부액은 0원입니다.`);
    expect(ko).toContain('이 영수증은 위 납부가 있었다는 증빙으로 유효합니다.');
    expect(ko).toContain(`남은 납부액 0원`);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await snap(page, 'mobile', 'receipt-refunded');
    await page.getByRole('button', { name: /English/ }).click();
    await receipt.getByRole('heading', { name: 'Payment made, since refunded in full' }).waitFor();
    const en = (await receipt.innerText()).replace(/\s+/g, ' ');
    expect(en).toContain(`(refund ${refundNo}) was refunded (Customs Act art. 46, refund of taxes overpaid; art. 250, withdrawal of a declaration). KRW 0 remains paid.`);
    expect(errors).toEqual([]);
    await context.close();
  });
});
