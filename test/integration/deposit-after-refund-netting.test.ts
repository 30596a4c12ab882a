// The virtual-account deposit path (src/app/record-virtual-account-deposit.ts) after a refund was made
// (a reassessed_lower refund due an administrator recorded as refunded): what was paid counts net of
// it, as the notice and the refunds-due reconciliation count it (0c1e337, 8fc7014). Through the Toss
// Payments emulator: the account issued for the shortfall, the payer's deposit and Toss's callback.
// Embedded, or on the server when DATABASE_URL is set.
// Which test guards what: the netting in the deposit path itself (its nothing-owed check) decides only
// whether an open refund due is the payer's message, so only the third case fails without it (checked
// by taking it out by hand). The first two pin the deposit path's outcome after a refund made (paid in
// full; a withdrawal's refund of 136,530 and its message); with a withdrawal nothing is owed either way.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('DEPNET'));
});
afterAll(async () => t?.close());

const item = bagDeclaration;
const { noticeOf } = consumerTaxNotices(() => t.base, () => minji);
const refundsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount, reason, resolved_by FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows as {
    id: number;
    amount: number;
    reason: string;
    resolved_by: string | null;
  }[];
const openOf = async (id: number) => (await refundsOf(id)).filter((x) => x.resolved_by === null);
const accountsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT order_id, status, amount_krw::int AS amount, receipt_no FROM tax_virtual_accounts WHERE declaration_id = $1 ORDER BY id`, [id])).rows as {
    order_id: string;
    status: string;
    amount: number;
    receipt_no: string | null;
  }[];
const paymentsOf = async (id: number) => (await t.db.pool.query(`SELECT amount_krw::int AS amount, method, part FROM tax_payments WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
const smsToMinji = async () => (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications.map((n: { body: string }) => n.body) as string[];
const refundNoOf = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/**
 * Paid 136,530 by card (USD 400); corrected to USD 250 (owed 86,580): 136,530 − 86,580 = 49,950 due, an
 * administrator records it refunded; corrected back to USD 400 (owed 136,530): paid net
 * 136,530 − 49,950 = 86,580, so 136,530 − 86,580 = 49,950 owed; the consumer asks for a transfer account.
 */
async function shortfallAccount(ref: string, purchasedAt: string): Promise<{ id: number; cargoNo: string; orderId: string }> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item(ref, purchasedAt, 400)] } });
  expect(r.body.results[0].status).toBe('accepted');
  const id = r.body.results[0].declarationId as number;
  const first = await noticeOf(id);
  expect(first.amountKrw).toBe(136_530);
  const cargoNo = first.cargoNo as string;
  const card = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'card', amountKrw: 136_530, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
  expect(card.status).toBe(201);
  const correct = async (price: number) =>
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item(ref, purchasedAt, price), reason: '가격 정정' } })).status).toBe(200);
  await correct(250);
  expect((await noticeOf(id)).taxes.totalKrw).toBe(86_580);
  const due = await openOf(id);
  expect(due).toMatchObject([{ amount: 136_530 - 86_580, reason: 'reassessed_lower' }]);
  expect((await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${due[0]!.id}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-1', resolution: 'refunded: partial cancel at Toss' } })).status).toBe(200);
  await correct(400);
  expect(await noticeOf(id)).toMatchObject({ status: 'due', amountKrw: 136_530, shortfallKrw: 136_530 - (136_530 - 49_950) });
  const issued = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 49_950 } });
  expect(issued.status).toBe(202);
  expect(issued.body.virtualAccount).toMatchObject({ amountKrw: 49_950, status: 'waiting' });
  const accounts = await accountsOf(id);
  expect(accounts).toMatchObject([{ status: 'waiting', amount: 49_950 }]);
  return { id, cargoNo, orderId: accounts[0]!.order_id };
}

it('takes a deposit of the 49,950 left owed after a refund was made as the shortfall (part 1): 136,530 − 49,950 + 49,950 = 136,530 = owed, paid in full, nothing to refund', async () => {
  const { id, cargoNo, orderId } = await shortfallAccount('DN-PAY', '2026-11-06');
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
  const [account] = await accountsOf(id);
  expect(account).toMatchObject({ status: 'deposited', receipt_no: expect.any(String) });
  expect(await paymentsOf(id)).toEqual([
    { amount: 136_530, method: 'card', part: 0 },
    { amount: 49_950, method: 'transfer', part: 1 },
  ]);
  // Paid net: 136,530 + 49,950 − 49,950 refunded = 136,530 = owed: paid in full, nothing refundable, no refund due open.
  const notice = await noticeOf(id);
  expect(notice).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
  expect(notice.reason.ko).toContain('다시 산정된 세액 136,530원을 모두 납부했습니다.');
  expect(await openOf(id)).toEqual([]);
  // The payer is told the taxes are paid (the receipt), not that the deposit is to be refunded.
  await t.platform.consumerRefundAlerts.drain(); // queued with the payment (migrations/108)
  const told = (await smsToMinji()).filter((b) => b.includes(cargoNo));
  expect(told.some((b) => b.includes(account!.receipt_no!) && b.includes('49,950원'))).toBe(true);
  // The only refund told as recorded is the correction's to 86,580 (its consumer alert), refunded since: none for the deposit.
  const correction = refundNoOf((await refundsOf(id))[0]!.id);
  expect(told.some((b) => (b.includes('환급 대상으로 등록') || b.includes('환불 대상으로 등록')) && !b.includes(correction))).toBe(false);
});

it('records a deposit into the shortfall account closed by a withdrawal for a refund of what the netting implies: 136,530 + 49,950 − 49,950 refunded − 0 owed = 136,530, split 49,950 to the deposit + 86,580 to the card, and tells the payer the deposit\'s (ko/en)', async () => {
  const { id, cargoNo, orderId } = await shortfallAccount('DN-WD', '2026-11-07');
  const emulator = t.platform.paymentEmulator!;
  let smsBefore = 0;
  // Toss refuses the cancel for a while, so the bank still takes the transfer after the withdrawal.
  emulator.faults.refuseCancels = true;
  try {
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    // Withdrawn: owes 0, so the account is closed as nothing owed; paid net 136,530 − 49,950 = 86,580 is due back.
    expect(await accountsOf(id)).toMatchObject([{ status: 'canceled', amount: 49_950 }]);
    expect(await openOf(id)).toMatchObject([{ amount: 136_530 - 49_950 - 0, reason: 'reassessed_lower' }]);
    await t.platform.accountClosures.drain();
    await t.platform.consumerRefundAlerts.drain();
    smsBefore = (await smsToMinji()).filter((b) => b.includes(cargoNo)).length;
    expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
  } finally {
    emulator.faults.refuseCancels = false;
  }
  // The deposit is recorded as paid, then, owing nothing, for a refund: 136,530 + 49,950 − 49,950 − 0 = 136,530.
  expect(await paymentsOf(id)).toEqual([
    { amount: 136_530, method: 'card', part: 0 },
    { amount: 49_950, method: 'transfer', part: 1 },
  ]);
  expect((await accountsOf(id))[0]).toMatchObject({ status: 'deposited' });
  const open = await openOf(id);
  // Split over the two charges, the latest first (reassessed-refunds.ts allocateRefund): the transfer's 49,950 in full, and
  // the card's 136,530 less the 49,950 already refunded from it = 86,580; 49,950 + 86,580 = 136,530, none above its charge.
  // The card's part is the withdrawal's 86,580 as it was (same charge, same amount): kept under its number; the deposit's 49,950 is new.
  expect(open).toMatchObject([
    { amount: 136_530 - 49_950, reason: 'reassessed_lower' },
    { amount: 49_950, reason: 'reassessed_lower' },
  ]);
  expect((await refundsOf(id)).map((x) => [x.amount, x.resolved_by])).toEqual([
    [49_950, 'depnet-admin'],
    [86_580, null],
    [49_950, null],
  ]);
  const refundNo = refundNoOf(open[1]!.id);
  expect((await noticeOf(id)).refunds).toEqual(
    expect.arrayContaining([expect.objectContaining({ refundNo, amountKrw: 49_950 }), expect.objectContaining({ refundNo: refundNoOf(open[0]!.id), amountKrw: 86_580 })]),
  );
  // The payer's message: the deposit (49,950) received and recorded for a refund to it, under its own number.
  // The withdrawal's refund due stands as it was: nothing of it is cancelled, so no second message about it: one
  // situation (the deposit), one message (before: the deposit's, and the refund alerts' cancellation of the 86,580).
  await t.platform.consumerRefundAlerts.drain();
  expect((await smsToMinji()).filter((b) => b.includes(cargoNo)).length - smsBefore).toBe(1);
  const told = (await smsToMinji()).filter((b) => b.includes(refundNo) && b.includes('입금하신'));
  expect(told).toHaveLength(1);
  expect(told[0]).toContain(`화물관리번호 ${cargoNo}의 신고가 취하되어(관세법 제250조) 이 계좌는 닫혔지만, 입금하신 49,950원은 받았으므로 환급 대상으로 등록했습니다(환불번호 ${refundNo}, 관세법 제46조 과오납금의 환급)`);
  expect(told[0]).toContain(`your deposit of KRW 49,950 reached us and is recorded for a refund (refund ${refundNo}; Customs Act art. 46`);
});

it('takes a deposit into the shortfall account as the payment when a correction lower leaves part of it owed net of the refund made: owed Y (USD 300) > 136,530 − 49,950 = 86,580, so the account stays and its 49,950 pays; 86,580 + 49,950 − Y is recorded for a refund (before the netting in the deposit path: told the account was closed and nothing was owed)', async () => {
  const { id, cargoNo, orderId } = await shortfallAccount('DN-LOWER', '2026-11-08');
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item('DN-LOWER', '2026-11-08', 300), reason: '가격 정정' } })).status).toBe(200);
  const owed = (await noticeOf(id)).taxes.totalKrw as number;
  // Still owed net of the refund made (Y > 86,580), but less than what stands paid (Y < 136,530).
  expect(owed).toBeGreaterThan(136_530 - 49_950);
  expect(owed).toBeLessThan(136_530);
  expect(await accountsOf(id)).toMatchObject([{ status: 'waiting', amount: 49_950 }]);
  expect(await openOf(id)).toEqual([]);
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
  const [account] = await accountsOf(id);
  expect(account).toMatchObject({ status: 'deposited', receipt_no: expect.any(String) });
  // Paid net 136,530 + 49,950 − 49,950 = 136,530, owed Y: 136,530 − Y over, recorded for a refund.
  expect(await openOf(id)).toMatchObject([{ amount: 136_530 + 49_950 - 49_950 - owed, reason: 'reassessed_lower' }]);
  // The payer is told the deposit paid the taxes (its receipt), not that the account was closed with nothing owed.
  await t.platform.consumerRefundAlerts.drain(); // queued with the payment (migrations/108)
  const told = (await smsToMinji()).filter((b) => b.includes(cargoNo));
  expect(told.some((b) => b.includes(account!.receipt_no!) && b.includes('49,950원'))).toBe(true);
  expect(told.some((b) => b.includes('이 계좌는 닫혔지만'))).toBe(false);
});
