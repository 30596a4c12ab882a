// What the payer and the operator are told of a deposit that leaves a refund due
// (src/app/record-virtual-account-deposit.ts), through the Toss Payments emulator:
// 1. A deposit into an account issued before the taxes were assessed again lower pays the old amount:
//    the overpayment is recorded for a refund with it. The consumer's message and the operator's
//    tax.paid say so (before: "paid", the refund left unsaid).
// 2. A deposit into an account closed by a withdrawal paid nothing owed: refunded in full, so no
//    tax.paid goes to the operator (before: tax.paid, as if the taxes were paid).
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let hookId: number;

beforeAll(async () => {
  ({ t, alpha, minji } = await refundTestBed('DEPMSG'));
  const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/tax', eventTypes: ['tax.paid'] } });
  expect(hook.status).toBe(201);
  hookId = hook.body.id;
});
afterAll(async () => t?.close());

const item = bagDeclaration;
const { noticeOf } = consumerTaxNotices(() => t.base, () => minji);
const openOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount, to_char(refund_by, 'YYYY-MM-DD') AS refund_by FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL ORDER BY id`, [id])).rows;
const accountsOf = async (id: number) => (await t.db.pool.query(`SELECT order_id, status, receipt_no FROM tax_virtual_accounts WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
const smsToMinji = async () => (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications.map((n: { body: string }) => n.body) as string[];
const taxPaidOf = async (id: number) =>
  (await t.db.pool.query(`SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND payload->>'type' = 'tax.paid' AND (payload->'declaration'->>'id')::bigint = $2`, [hookId, id])).rows.map((x) => x.payload);
const refundNoOf = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/** USD 400 (136,530), an account for it asked by the operator on the consumer's behalf. */
async function operatorAccount(ref: string, purchasedAt: string): Promise<{ id: number; cargoNo: string; orderId: string }> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item(ref, purchasedAt, 400)] } });
  const id = r.body.results[0].declarationId as number;
  const notice = await noticeOf(id);
  expect(notice.amountKrw).toBe(136_530);
  const issued = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 136_530 } });
  expect(issued.status).toBe(202);
  return { id, cargoNo: notice.cargoNo, orderId: (await accountsOf(id))[0].order_id };
}

it('tells of the part refunded when a deposit pays an amount assessed again lower since: 136,530 deposited, owed 86,580, 49,950 recorded for a refund, in the SMS (ko/en) and in tax.paid', async () => {
  const { id, cargoNo, orderId } = await operatorAccount('DM-LOWER', '2026-11-06');
  // Corrected to USD 250 before the deposit: owed 86,580; the account of 136,530 still waits (still something to pay).
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item('DM-LOWER', '2026-11-06', 250), reason: '가격 정정' } })).status).toBe(200);
  expect((await noticeOf(id)).taxes.totalKrw).toBe(86_580);
  expect((await accountsOf(id))[0].status).toBe('waiting');
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
  const [account] = await accountsOf(id);
  expect(account).toMatchObject({ status: 'deposited', receipt_no: expect.any(String) });
  // 136,530 paid − 86,580 owed = 49,950 recorded for a refund with the payment.
  const open = await openOf(id);
  expect(open).toMatchObject([{ amount: 136_530 - 86_580, refund_by: '2026-11-30' }]);
  const refundNo = refundNoOf(open[0].id);
  await t.platform.consumerRefundAlerts.drain(); // queued with the payment (migrations/108)
  const told = (await smsToMinji()).filter((b) => b.includes(cargoNo) && b.includes('가상계좌 입금'));
  expect(told).toHaveLength(1);
  expect(told[0]).toContain(`세금 136,530원이 가상계좌 입금으로 납부되었습니다. 세액이 86,580원으로 다시 산정되어 더 납부된 49,950원은 환급 대상으로 등록했습니다(환불번호 ${refundNo}, 관세법 제46조 과오납금의 환급).`);
  expect(told[0]).toContain(`the KRW 49,950 paid too much is recorded for a refund (refund ${refundNo};`);
  expect(told[0]).toContain(account.receipt_no);
  const [paid] = await taxPaidOf(id);
  expect(paid).toMatchObject({ type: 'tax.paid', payment: { receiptNo: account.receipt_no, amountKrw: 136_530, payerKind: 'operator' }, refund: { refundNo, amountKrw: 49_950, refundBy: '2026-11-30' } });
});

it('sends no tax.paid for a deposit into an account closed by a withdrawal: 136,530 deposited, 0 owed, refunded in full; the payer is told it is recorded for a refund', async () => {
  const { id, cargoNo, orderId } = await operatorAccount('DM-WD', '2026-11-07');
  const emulator = t.platform.paymentEmulator!;
  // Toss refuses the cancel for a while, so the bank still takes the transfer after the withdrawal.
  emulator.faults.refuseCancels = true;
  try {
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    expect((await accountsOf(id))[0].status).toBe('canceled');
    await t.platform.accountClosures.drain();
    expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
  } finally {
    emulator.faults.refuseCancels = false;
  }
  const open = await openOf(id);
  expect(open).toMatchObject([{ amount: 136_530 - 0 }]);
  await t.platform.consumerRefundAlerts.drain(); // queued with the payment (migrations/108)
  const told = (await smsToMinji()).filter((b) => b.includes(cargoNo) && b.includes('입금하신'));
  expect(told).toHaveLength(1);
  expect(told[0]).toContain(`입금하신 136,530원은 받았으므로 환급 대상으로 등록했습니다(환불번호 ${refundNoOf(open[0].id)}`);
  expect(await taxPaidOf(id)).toEqual([]);
});
