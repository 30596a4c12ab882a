// A transfer (virtual) account issued before the consignee's "not me" report held the parcel: the hold
// closes it, in the hold's transaction (tax_account_closures reason held_on_not_me), and a deposit the
// bank still takes into it (Toss had not closed it yet) pays no taxes: it is recorded as a deposit to be
// returned (a refund due, reason deposit_while_held), told to the payer in Korean and English, and
// shown alike on the notice (/me), the tracking page and the officer's notice. Once an officer releases
// the hold, the taxes are payable again and the consumer gets a new account; the deposit stays a refund.
// Before: the account stayed open and the deposit was recorded as the payment of the held parcel's
// taxes (the notice 'paid', the receipt issued) although nobody was to pay them until customs had
// checked whose goods these are (관세법 제19조①1). Embedded, or on the server when DATABASE_URL is set.
// Also its edges: a card charge whose answer comes back after the hold (decided under the payment lock:
// cancelled at Toss, or a refund due charge_while_held when the cancel fails; before, recorded as paid); the
// bank reversing a deposit returned while held (its refund cancelled, the payer told that the taxes are still
// unpaid, the account closed as reversal_of_returned_deposit; before, nobody told and the closure's text said
// "paid"); a deposit refunded by hand that the bank then reverses, flagged to the administrators as paid back
// twice (refunded_then_reversed; before, no flag); the account closed with the hold written to the
// administrators' audit log (before, not); and a parcel an officer held whose consignee then reports "not me":
// the report makes the taxes not payable too (before, the officer's hold kept them payable).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { until } from '../support/until.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let officer: { token: string };
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('NOTMEVA'));
  officer = await t.officer('notme-va-officer');
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
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

describe('a parcel an officer held, then reported "not me" by its consignee', () => {
  it('the report makes the taxes not payable whatever else holds it: the notice held, the account closed, a card payment refused (409 TAXES_NOT_PAYABLE_HELD heldBy not_me), the lookup says so (before: the officer\'s hold kept them payable)', async () => {
    const id = await declare('NM-OFF2', '2026-11-14', 400);
    const cargoNo = await cargoNoOf(id);
    expect((await transfer(id, 136_530)).status).toBe(202);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요' } })).status).toBe(200);
    // The officer's hold alone: payable (관세법 제237조 withholds clearance, not the tax).
    expect(await noticeOf(id)).toMatchObject({ status: 'due', payable: true });

    const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} });
    expect(report.status).toBe(201);
    expect(report.body.held).toBe(true);
    // Still the officer's hold (its reason kept), the report recorded on it: nothing payable (관세법 제19조①1).
    const stored = (await t.db.pool.query(`SELECT status, hold_reason FROM declarations WHERE id = $1`, [id])).rows[0];
    expect(stored).toMatchObject({ status: 'held', hold_reason: { source: 'officer', reason: '구매 증빙 필요', notMe: { at: expect.any(String) } } });
    const held = await noticeOf(id);
    expect(held).toMatchObject({ status: 'held', payable: false, payment: null, virtualAccount: null });
    expect(held.reason.ko).toContain("'내가 아님'");
    // The account issued before the report is closed with it, as for the report's own hold.
    expect((await accountsOf(id)).map((a) => [a.status, a.closed_for])).toEqual([['canceled', 'held_on_not_me']]);
    // A card payment is refused before any charge, with the report's why.
    const charges = t.platform.paymentEmulator!.payments().length;
    const paid = await payByCard(id, 136_530);
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { heldBy: 'not_me' } });
    expect(t.platform.paymentEmulator!.payments()).toHaveLength(charges);
    // The tracking page: the officer's hold and the report's, nothing to pay.
    const look = (await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`)).body;
    expect(look).toMatchObject({ status: 'held', hold: { codes: ['OFFICER_HOLD', 'CONSUMER_REPORT_HOLD'] } });
    expect(look.nextAction.ko).not.toContain('납부할 수 있고');
    // The officer's tax notice agrees.
    const desk = (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/tax-notice`, { token: officer.token })).body;
    expect(desk.notice).toMatchObject({ status: 'held', payable: false });

    // Released by the officer (checked: the order is Minji's): payable again.
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/release`, { token: officer.token, body: { reason: '본인 주문 확인' } })).status).toBe(200);
    expect(await noticeOf(id)).toMatchObject({ status: 'due', payable: true });
  });
});

/**
 * A transfer account issued, the parcel held on Minji's "not me" report, and a deposit the bank took before
 * the close reached Toss (Toss refusing cancels meanwhile): recorded to be returned (deposit_while_held).
 */
async function depositWhileHeld(ref: string, purchasedAt: string) {
  const id = await declare(ref, purchasedAt, 400);
  const cargoNo = await cargoNoOf(id);
  expect((await transfer(id, 136_530)).status).toBe(202);
  const [issued] = await accountsOf(id);
  const emulator = t.platform.paymentEmulator!;
  emulator.faults.refuseCancels = true;
  try {
    expect((await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} })).status).toBe(201);
    await t.platform.accountClosures.drain();
    expect(await emulator.deposit(issued!.order_id)).toEqual({ ok: true, callbackStatus: 200 });
  } finally {
    emulator.faults.refuseCancels = false;
  }
  const [refund] = await refundsDueOf(id);
  expect(refund).toMatchObject({ reason: 'deposit_while_held', amount: 136_530, open: true });
  return { id, cargoNo, orderId: issued!.order_id, refund: refund! };
}

/** A card payment of 136,530 whose answer Toss holds until Minji's "not me" report has held the parcel. */
async function cardPaymentAcrossTheHold(id: number, cargoNo: string) {
  const emulator = t.platform.paymentEmulator!;
  emulator.faults.holdAnswers = true;
  try {
    // The notice was checked (due, payable) and the charge is at Toss: its answer is on its way.
    const paying = payByCard(id, 136_530);
    await until(() => (emulator.heldAnswers() >= 1 ? true : undefined), 'the charge at Toss');
    // The report commits the hold in between (no waiting account: nothing of it goes to Toss).
    const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} });
    expect(report.status).toBe(201);
    expect(report.body.held).toBe(true);
    emulator.faults.holdAnswers = false;
    emulator.releaseHeld();
    return await paying;
  } finally {
    emulator.faults.holdAnswers = false;
    emulator.releaseHeld();
  }
}

describe('a card charge that crosses a "not me" hold', () => {
  it('is decided under the payment lock: the taxes held, the charge is cancelled at Toss and nothing is recorded as paid (409 TAXES_NOT_PAYABLE_HELD, ko/en why and what to do)', async () => {
    const id = await declare('NM-CARD', '2026-11-10', 400);
    const cargoNo = await cargoNoOf(id);
    expect(await noticeOf(id)).toMatchObject({ status: 'due', payable: true, amountKrw: 136_530 });
    const paid = await cardPaymentAcrossTheHold(id, cargoNo);
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { amountKrw: 136_530, heldBy: 'not_me', chargeCancelled: true } });
    expect(paid.body.error.ko).toContain("'내가 아님'");
    expect(paid.body.error.ko).toContain('결제하신 136,530원은 취소했습니다');
    expect(paid.body.error.ko).toContain('관세법 제19조');
    expect(paid.body.error.en).toContain('The card charge of KRW 136,530 was cancelled');
    expect(paid.body.error.en).toContain('Customs Act art. 19(1)1');
    // Nothing paid, nothing to refund: the charge is cancelled at Toss.
    expect(await paymentsOf(id)).toBe(0);
    expect(await refundsDueOf(id)).toEqual([]);
    const charge = t.platform.paymentEmulator!.payments().at(-1)!;
    expect(charge).toMatchObject({ totalAmount: 136_530, status: 'CANCELED' });
    expect(await noticeOf(id)).toMatchObject({ status: 'held', payable: false, payment: null });
  });

  it('a cancel Toss refuses is recorded as a refund due (charge_while_held), named to the payer and listed for the administrators', async () => {
    const id = await declare('NM-CARD2', '2026-11-11', 400);
    const cargoNo = await cargoNoOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    let paid;
    try {
      paid = await cardPaymentAcrossTheHold(id, cargoNo);
    } finally {
      emulator.faults.refuseCancels = false;
    }
    expect(await paymentsOf(id)).toBe(0);
    const refunds = await refundsDueOf(id);
    expect(refunds).toEqual([{ id: expect.any(Number), reason: 'charge_while_held', amount: 136_530, open: true }]);
    const no = refundNo(refunds[0]!.id);
    expect(paid.status).toBe(409);
    // Three working days from Wednesday 2026-11-25: Monday 2026-11-30.
    expect(paid.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { heldBy: 'not_me', chargeCancelled: false, refund: { refundNo: no, amountKrw: 136_530, refundBy: '2026-11-30' } } });
    expect(paid.body.error.ko).toContain(`환불번호 ${no}`);
    expect(paid.body.error.en).toContain(`refund ${no}`);
    // The administrators' list of refunds due, with its reason.
    const list = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body;
    expect(JSON.stringify(list)).toContain(no);
    const listed = list.refunds.find((r: { refundNo: string }) => r.refundNo === no);
    expect(listed).toMatchObject({ reason: 'charge_while_held', amountKrw: 136_530 });
  });
});

describe('a card charge across the hold whose cancel fails for a passing reason (Toss answering 500 FAILED_INTERNAL_SYSTEM_PROCESSING to each try: no answer that settles it)', () => {
  const cancelOf = async (refundId: number) =>
    (await t.db.pool.query(`SELECT cancel_attempts AS attempts, cancel_next_attempt_at IS NOT NULL AS retrying, cancel_last_error AS error, resolved_by, outcome FROM tax_refunds_due WHERE id = $1`, [refundId]))
      .rows[0] as { attempts: number; retrying: boolean; error: string | null; resolved_by: string | null; outcome: string | null };
  /** The next attempt made due now (the platform's clock: the minute of backoff passed). */
  const dueNow = (refundId: number) => t.db.pool.query(`UPDATE tax_refunds_due SET cancel_next_attempt_at = created_at WHERE id = $1`, [refundId]);
  const listedOpen = async () => JSON.stringify((await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body);

  it('is tried again before any person is asked: not listed to the administrators meanwhile; cancelled by a later attempt, nothing is left to refund (before: a manual refund at once, never tried again)', async () => {
    const id = await declare('NM-CARD3', '2026-11-12', 400);
    const cargoNo = await cargoNoOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.failCancels = 100; // every cancel of this charge fails for now (the adapter's own retries too)
    let paid;
    try {
      paid = await cardPaymentAcrossTheHold(id, cargoNo);
    } finally {
      emulator.faults.failCancels = 0;
    }
    expect(await paymentsOf(id)).toBe(0);
    const [refund] = await refundsDueOf(id);
    expect(refund).toMatchObject({ reason: 'charge_while_held', amount: 136_530, open: true });
    const no = refundNo(refund!.id);
    // The payer: not cancelled yet, tried again; the number and date only for a charge never cancelled.
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { heldBy: 'not_me', chargeCancelled: false, cancelRetrying: true, refund: { refundNo: no, amountKrw: 136_530, refundBy: '2026-11-30' } } });
    expect(paid.body.error.ko).toContain('자동으로 다시 취소하고 있습니다');
    expect(paid.body.error.en).toContain('the cancel is being tried again automatically');
    // The first attempt made; the next in 1 min; no person is asked yet.
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 1, retrying: true, error: 'the provider did not answer the cancel', resolved_by: null });
    expect(await listedOpen()).not.toContain(no);
    const charge = emulator.payments().at(-1)!;
    expect(charge).toMatchObject({ totalAmount: 136_530, status: 'DONE' });

    // A minute on, Toss answers again: the worker's second attempt cancels the charge.
    await dueNow(refund!.id);
    await t.platform.accountClosures.drain();
    expect(emulator.payments().find((p) => p.paymentKey === charge.paymentKey)).toMatchObject({ status: 'CANCELED' });
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 2, retrying: false, resolved_by: 'system', outcome: 'not_refunded' });
    expect(await refundsDueOf(id)).toEqual([{ id: refund!.id, reason: 'charge_while_held', amount: 136_530, open: false }]);
    expect(await listedOpen()).not.toContain(no);
    // Minji hears that the refund is off because the charge was cancelled (ko/en).
    await t.platform.consumerRefundAlerts.drain();
    const told = (await smsToMinji()).filter((b) => b.includes(no));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('결제대행사에서 카드 결제를 다시 취소해 취소되었으므로 환불할 금액이 없습니다');
    expect(told[0]).toContain('the card charge was cancelled at the payment gateway on a later attempt');
    expect(await noticeOf(id)).toMatchObject({ status: 'held', payable: false, payment: null });
  });

  it('handed to the administrators once the attempts are exhausted: listed among the refunds due with the last error', async () => {
    const id = await declare('NM-CARD4', '2026-11-13', 400);
    const cargoNo = await cargoNoOf(id);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.failCancels = 1_000;
    try {
      await cardPaymentAcrossTheHold(id, cargoNo);
      const [refund] = await refundsDueOf(id);
      const no = refundNo(refund!.id);
      expect(await listedOpen()).not.toContain(no);
      // The 2nd attempt fails too: the 3rd 2 min later, still nobody asked.
      await dueNow(refund!.id);
      await t.platform.accountClosures.drain();
      expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 2, retrying: true });
      expect(await listedOpen()).not.toContain(no);
      // Six more fail (the 8th is the last of CHARGE_CANCEL_RETRY): handed over, listed for a refund by hand.
      for (let attempt = 3; attempt <= 8; attempt++) {
        await dueNow(refund!.id);
        await t.platform.accountClosures.drain();
      }
      expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 8, retrying: false, error: 'the provider did not answer the cancel', resolved_by: null });
      const list = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body;
      expect(list.refunds.find((r: { refundNo: string }) => r.refundNo === no)).toMatchObject({ reason: 'charge_while_held', amountKrw: 136_530 });
      // Nothing due any more: a pass sends no 9th cancel.
      const sent = emulator.faults.failCancels;
      await t.platform.accountClosures.drain();
      expect(emulator.faults.failCancels).toBe(sent);
    } finally {
      emulator.faults.failCancels = 0;
    }
  });
});

describe('a card payment asked for a parcel already held on the "not me" report', () => {
  it('is refused before any charge with the notice’s own why (관세법 제19조①1, not only 제9조) and heldBy (was: the generic held text, no heldBy)', async () => {
    const id = await declare('NM-EARLY', '2026-11-11', 400);
    const cargoNo = await cargoNoOf(id);
    expect((await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} })).status).toBe(201);
    const charges = t.platform.paymentEmulator!.payments().length;
    const paid = await payByCard(id, 136_530);
    expect(paid.status).toBe(409);
    expect(paid.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { heldBy: 'not_me', amountKrw: 136_530 } });
    expect(paid.body.error.ko).toContain("'내가 아님'");
    expect(paid.body.error.ko).toContain('관세법 제19조①1');
    expect(paid.body.error.en).toContain('Customs Act art. 19(1)1');
    expect(t.platform.paymentEmulator!.payments().length).toBe(charges); // nothing charged
    expect(await paymentsOf(id)).toBe(0);
  });
});

describe('the bank reverses a deposit recorded to be returned while held', () => {
  it('cancels its refund due, tells the payer why (ko/en), and closes the account again with a reason whose text is true', async () => {
    const { id, cargoNo, orderId, refund } = await depositWhileHeld('NM-REV', '2026-11-12');
    const no = refundNo(refund.id);
    await t.platform.consumerRefundAlerts.drain();
    const before = new Set(await smsToMinji());

    expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    // Nothing to return any more: the bank took it back.
    expect(await refundsDueOf(id)).toEqual([{ id: refund.id, reason: 'deposit_while_held', amount: 136_530, open: false }]);
    expect(await paymentsOf(id)).toBe(0);
    // The account, waiting again at Toss, is closed there: not "the taxes are paid" (they are not).
    const closed = (await t.db.pool.query(`SELECT c.reason FROM tax_account_closures c JOIN tax_virtual_accounts a ON a.id = c.account_id WHERE a.order_id = $1`, [orderId])).rows;
    expect(closed).toEqual([{ reason: 'reversal_of_returned_deposit' }]);
    const dead = await import('../../src/app/manage-account-closures.ts');
    expect(dead.CLOSURE_REASON_TEXT.reversal_of_returned_deposit.ko).not.toContain('납부되어');
    expect(dead.CLOSURE_REASON_TEXT.reversal_of_returned_deposit.en).toContain('not paid');

    // The payer is told, once, in Korean and English: the refund is off because the money went back, and the taxes are still unpaid.
    await t.platform.consumerRefundAlerts.drain();
    const told = (await smsToMinji()).filter((b) => !before.has(b) && b.includes(no));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`화물관리번호 ${cargoNo}`);
    expect(told[0]).toContain('은행에서 취소되어');
    expect(told[0]).not.toContain('세금은 이미 납부된');
    expect(told[0]).toContain('세금은 납부되지 않았습니다');
    expect(told[0]).toContain('The taxes are not paid');
    expect(await noticeOf(id)).toMatchObject({ status: 'held', payable: false, payment: null });
  });
});

describe("an account closed with the parcel's hold", () => {
  it('is written to the audit log the administrators read, with the close', async () => {
    const id = await declare('NM-AUD', '2026-11-13', 400);
    const cargoNo = await cargoNoOf(id);
    expect((await transfer(id, 136_530)).status).toBe(202);
    const [issued] = await accountsOf(id);
    expect((await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: minji, body: {} })).status).toBe(201);
    const closure = (await t.db.pool.query(`SELECT c.id::int FROM tax_account_closures c JOIN tax_virtual_accounts a ON a.id = c.account_id WHERE a.order_id = $1`, [issued!.order_id])).rows[0].id as number;
    const log = await api(t.base, 'GET', `/api/v1/admin/audit?action=account-closure.held&subject=account-closure:${closure}`, { token: admin.token });
    expect(log.status).toBe(200);
    expect(log.body.entries).toEqual([
      expect.objectContaining({
        actorKind: 'system',
        action: 'account-closure.held',
        subject: `account-closure:${closure}`,
        actionText: { ko: '통관보류로 가상계좌 해지', en: 'Virtual account closed: parcel held' },
        detail: { reason: 'held_on_not_me', declarationId: id, cargoNo, paymentNo: expect.any(String), orderId: issued!.order_id, amountKrw: 136_530, closedAt: expect.any(String) },
      }),
    ]);
    await t.platform.accountClosures.drain();
  });
});

describe('a deposit an administrator refunded by hand, then reversed by the bank', () => {
  it('is flagged to the administrators as paid back twice (refunded_then_reversed, ko/en why and what to do), once, and told to nobody else (before: no flag at all)', async () => {
    const { id, cargoNo, orderId, refund } = await depositWhileHeld('NM-REV2', '2026-11-13');
    const no = refundNo(refund.id);
    // The administrator returns the 136,530 (Toss refund to the payer's account) and records it.
    const resolved = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refund.id}/resolve`, {
      token: admin.token,
      body: { outcome: 'refunded', providerRefundRef: 'TOSS-RFND-REV2', resolution: 'returned to the payer account' },
    });
    expect(resolved.status).toBe(200);
    await t.platform.consumerRefundAlerts.drain();
    const before = new Set(await smsToMinji());

    // Then the bank reverses the deposit itself: the 136,530 goes back to the payer a second time.
    expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    const refunds = await refundsDueOf(id);
    expect(refunds).toEqual([
      { id: refund.id, reason: 'deposit_while_held', amount: 136_530, open: false },
      { id: expect.any(Number), reason: 'refunded_then_reversed', amount: 136_530, open: true },
    ]);
    const flag = refundNo(refunds[1]!.id);
    // The administrators' list of refunds due: the flag with its alert, in Korean and English.
    const list = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body;
    const listed = list.refunds.find((r: { refundNo: string }) => r.refundNo === flag);
    expect(listed).toMatchObject({ reason: 'refunded_then_reversed', amountKrw: 136_530, cargoNo, providerTx: `refunded-then-reversed:${no}`, alert: { code: 'PAID_BACK_TWICE', ref: expect.stringContaining('민법 제741조') } });
    expect(listed.alert.ko).toContain(`환불번호 ${no}로 이미 환불했는데`);
    expect(listed.alert.ko).toContain('136,530원을 두 번 돌려받았습니다');
    expect(listed.alert.en).toContain('The payer got KRW 136,530 back twice.');
    // The officer's notice shows it among the refunds due too.
    const desk = (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/tax-notice`, { token: officer.token })).body;
    expect(desk.refundsDue).toEqual([expect.objectContaining({ refundNo: flag, reason: 'refunded_then_reversed', amountKrw: 136_530 })]);

    // Toss's callback again: still one flag.
    const secret = t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.secret!;
    const copy = await api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body: { createdAt: '2026-11-25T13:00:00.000000', secret, status: 'WAITING_FOR_DEPOSIT', transactionKey: 'tx-rev-copy', orderId } });
    expect(copy.status).toBe(200);
    expect((await refundsDueOf(id)).filter((r) => r.reason === 'refunded_then_reversed')).toHaveLength(1);
    // Not the payer's refund: no message names the flag.
    await t.platform.consumerRefundAlerts.drain();
    expect((await smsToMinji()).filter((b) => !before.has(b) && b.includes(flag))).toEqual([]);
  });
});

