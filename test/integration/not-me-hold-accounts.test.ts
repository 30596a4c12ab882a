// A transfer (virtual) account issued before the consignee's "not me" report held the parcel: the hold
// closes it, in the hold's transaction (tax_account_closures reason held_on_not_me), and a deposit the
// bank still takes into it (Toss had not closed it yet) pays no taxes: it is recorded as a deposit to be
// returned (a refund due, reason deposit_while_held), told to the payer in Korean and English, and
// shown alike on the notice (/me), the tracking page and the officer's notice. Once an officer releases
// the hold, the taxes are payable again and the consumer gets a new account; the deposit stays a refund.
// Before: the account stayed open and the deposit was recorded as the payment of the held parcel's
// taxes (the notice 'paid', the receipt issued) although nobody was to pay them until customs had
// checked whose goods these are (관세법 제19조①1). Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let officer: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji } = await refundTestBed('NOTMEVA'));
  officer = await t.officer('notme-va-officer');
});
afterAll(async () => t?.close());

const { noticeOf } = consumerTaxNotices(() => t.base, () => minji);
const { declare, cargoNoOf, smsToMinji } = operatorParcels(() => t, () => alpha);
const transfer = (id: number, amountKrw: number) => api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw } });
const accountsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT a.order_id, a.status, a.receipt_no, c.reason AS closed_for FROM tax_virtual_accounts a LEFT JOIN tax_account_closures c ON c.account_id = a.id WHERE a.declaration_id = $1 ORDER BY a.id`, [id]))
    .rows as { order_id: string; status: string; receipt_no: string | null; closed_for: string | null }[];
const paymentsOf = async (id: number) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_payments WHERE declaration_id = $1`, [id])).rows[0].n as number;
const refundsDueOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, reason, amount_krw::int AS amount, resolved_at IS NULL AS open FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows as {
    id: number;
    reason: string;
    amount: number;
    open: boolean;
  }[];
const mineOf = async (cargoNo: string) => (await api(t.base, 'GET', '/api/v1/consumer/declarations', { token: minji })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);

describe('a transfer account issued before a "not me" hold', () => {
  it('is closed by the hold; a deposit into it afterwards pays no taxes and is recorded to be returned; released, the taxes are payable again with a new account', async () => {
    // USD 400 of bags from Viet Nam: 136,530 (duty 8% and VAT 10% of CIF + duty, refundTestBed's figures).
    const id = await declare('NM-VA', '2026-11-08', 400);
    const cargoNo = await cargoNoOf(id);
    const due = await noticeOf(id);
    expect(due).toMatchObject({ status: 'due', payable: true, amountKrw: 136_530 });
    expect((await transfer(id, 136_530)).status).toBe(202);
    const [issued] = await accountsOf(id);
    expect(issued).toMatchObject({ status: 'waiting', closed_for: null });

    const emulator = t.platform.paymentEmulator!;
    // Toss refuses the cancel for a while, so the bank still takes a transfer into the account after the hold.
    emulator.faults.refuseCancels = true;
    try {
      const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} });
      expect(report.status).toBe(201);
      expect(report.body.held).toBe(true);
      // Closed here in the hold's transaction, its close at Toss queued with the reason.
      expect(await accountsOf(id)).toEqual([{ order_id: issued!.order_id, status: 'canceled', receipt_no: null, closed_for: 'held_on_not_me' }]);
      await t.platform.accountClosures.drain();
      expect(await emulator.deposit(issued!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    } finally {
      emulator.faults.refuseCancels = false;
    }

    // Not a payment: no receipt, the taxes unpaid; the 136,530 deposited is recorded to be returned.
    expect(await paymentsOf(id)).toBe(0);
    const refunds = await refundsDueOf(id);
    expect(refunds).toEqual([{ id: expect.any(Number), reason: 'deposit_while_held', amount: 136_530, open: true }]);
    const no = refundNo(refunds[0]!.id);
    expect((await accountsOf(id))[0]).toMatchObject({ status: 'deposited', receipt_no: null });

    // /me: the notice is held, not payable, unpaid, and says the deposit is returned under its number.
    const held = await noticeOf(id);
    expect(held).toMatchObject({ status: 'held', payable: false, payment: null, virtualAccount: null });
    expect(held.reason.ko).toContain("'내가 아님'");
    expect(held.reason.ko).toContain(`통관보류 중 입금하신 136,530원은 세금 납부로 처리하지 않고 돌려드립니다(환불번호 ${no}`);
    expect(held.reason.en).toContain(`The KRW 136,530 you deposited while the parcel was held does not pay the taxes and is returned to you (refund ${no}`);
    const mine = await mineOf(cargoNo);
    expect(mine.taxNotice).toMatchObject({ status: 'held', payable: false, payment: null });
    expect(mine.nextAction.ko).not.toContain('납부하세요');
    // The tracking page: held on the report, nothing to pay.
    const look = (await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`)).body;
    expect(look).toMatchObject({ status: 'held', hold: { codes: ['CONSUMER_REPORT_HOLD'] } });
    expect(look.nextAction.ko).not.toContain('납부할 수 있고');
    // The officer's notice: the same, and the deposit among the refunds due with its reason.
    const desk = (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/tax-notice`, { token: officer.token })).body;
    expect(desk.notice).toMatchObject({ status: 'held', payable: false, payment: null });
    expect(desk.refundsDue).toEqual([{ refundNo: no, amountKrw: 136_530, payerKind: 'consumer', reason: 'deposit_while_held', refundBy: expect.any(String), createdAt: expect.any(String) }]);
    // The payer is told (the alert queued with the record), in Korean and English.
    await t.platform.consumerRefundAlerts.drain();
    const told = (await smsToMinji()).filter((b) => b.includes(no));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`화물관리번호 ${cargoNo}`);
    expect(told[0]).toContain("'내가 아님'");
    expect(told[0]).toContain("does not pay the taxes: it is returned to you");

    // The close at Toss, tried again, finds the deposit: recorded once, still no payment.
    await t.platform.accountClosures.drain();
    expect(await paymentsOf(id)).toBe(0);
    expect(await refundsDueOf(id)).toHaveLength(1);

    // Released by an officer (the order is Minji's after all): the taxes are payable again.
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/release`, { token: officer.token, body: { reason: '본인 주문 확인' } })).status).toBe(200);
    const again = await noticeOf(id);
    expect(again).toMatchObject({ status: 'due', payable: true, payment: null, amountKrw: 136_530 });
    // Toss's callback sent again for the old deposit: still the refund, never the payment of the taxes now payable.
    const secret = emulator.payments().find((p) => p.orderId === issued!.order_id)!.secret!;
    const copy = await api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body: { createdAt: '2026-11-25T12:00:00.000000', secret, status: 'DONE', transactionKey: 'tx-copy', orderId: issued!.order_id } });
    expect(copy.status).toBe(200);
    expect(await paymentsOf(id)).toBe(0);
    expect(await refundsDueOf(id)).toEqual([{ id: refunds[0]!.id, reason: 'deposit_while_held', amount: 136_530, open: true }]);
    // A new account, as for any payable notice.
    const next = await transfer(id, 136_530);
    expect(next.status).toBe(202);
    expect(next.body.virtualAccount).toMatchObject({ status: 'waiting', amountKrw: 136_530 });
    const rows = await accountsOf(id);
    expect(rows.map((a) => a.status)).toEqual(['deposited', 'waiting']);
    expect(rows[1]!.order_id).not.toBe(issued!.order_id);
  });

  it("an officer's hold of a taxed parcel leaves its account open: the taxes stay payable (관세법 제237조 withholds clearance, not the tax)", async () => {
    const id = await declare('NM-OFF', '2026-11-09', 400);
    expect((await transfer(id, 136_530)).status).toBe(202);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요' } })).status).toBe(200);
    expect((await accountsOf(id)).map((a) => [a.status, a.closed_for])).toEqual([['waiting', null]]);
    expect(await noticeOf(id)).toMatchObject({ status: 'due', payable: true });
  });
});
