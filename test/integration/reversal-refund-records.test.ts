// A payment reversed (a deposit the bank took back) while the declaration has refunds due of an
// overpayment (reason reassessed_lower, src/adapters/db/reassessment-refunds.ts): what is recorded and
// what the operator that paid is told (tax.refund_due_cancelled, tax.refund_due) agree.
// 1. The new overpayment is always recorded with the reversal: the store promises it by its own refund
//    date (PgTaxPaymentStore's refundBy, data/payments.json). Before, a reversal without a refund date
//    resolved the old parts as "superseded" naming a successor that was never recorded.
// 2. A reversal that leaves only parts kept as they are cancels the others as "payment reversed" (the
//    resolution, the cause and its ko/en text), naming the parts that stay; before: "superseded".
// 3. A part kept before e457e2e still names the situation it was first recorded in: the start re-keys it,
//    once (rekeyKeptReassessedRefunds, one_time_tasks), telling nobody; also one an administrator resolved
//    (not refunded) before the start, so that the situation found again does not record it a second time.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { PgTaxPaymentStore } from '../../src/adapters/db/tax-payment-repository.ts';
import { lockPayments, reconcileReassessedRefund, REKEY_TASK, rekeyKeptReassessedRefunds } from '../../src/adapters/db/reassessment-refunds.ts';
import { inTransaction } from '../../src/adapters/db/in-transaction.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let admin: { token: string };
let hookId: number;

beforeAll(async () => {
  ({ t, alpha, admin } = await refundTestBed('REVREC'));
  const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/revrec' } });
  expect(hook.status).toBe(201);
  hookId = hook.body.id;
});
afterAll(async () => t?.close());

const { declare, correct, payAsOperator } = operatorParcels(() => t, () => alpha);
const refundsOf = async (id: number) =>
  (
    await t.db.pool.query(
      `SELECT id::int, amount_krw::int AS amount, provider_tx, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, resolved_at, resolved_by, resolution, outcome
         FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' ORDER BY id`,
      [id],
    )
  ).rows;
const openOf = async (id: number) => (await refundsOf(id)).filter((x) => x.resolved_at === null);
/** The refund events queued for the operator's webhook about one declaration, in queue order (tax.paid, tax.payment_reversed aside). */
const refundEvents = async (declarationId: number) =>
  (
    await t.db.pool.query(
      `SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND event_id IS NULL AND (payload->'declaration'->>'id')::bigint = $2 AND payload->>'type' LIKE 'tax.refund%' ORDER BY id`,
      [hookId, declarationId],
    )
  ).rows.map((x) => x.payload);
/** The operator pays by transfer: an account issued, the deposit made at the emulator's bank. Its order id. */
const payByTransfer = async (id: number, amountKrw: number) => {
  expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw } })).status).toBe(202);
  const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
  expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  return orderId;
};
const owedOf = async (id: number) => Number((await t.db.pool.query(`SELECT assessment->'taxes'->>'totalKrw' AS owed FROM declarations WHERE id = $1`, [id])).rows[0].owed);

it('records the new overpayment with the reversal, also when the caller gives no refund date: 86,580 by transfer + C by card (assessed at USD 800), assessed again at 136,530 (USD 400): C − 49,950 due; the transfer reversed: C − 136,530 recorded, and the superseded part names it (before: "superseded", nothing recorded, supersededBy null)', async () => {
  const id = await declare('RR-NEW', '2026-11-01', 250);
  await payByTransfer(id, 86_580);
  // Corrected up (USD 250 → 800): C = T(800) − 86,580 short, paid by card (part 1).
  await correct(id, 'RR-NEW', '2026-11-01', 800);
  const card = (await owedOf(id)) - 86_580;
  expect((await payAsOperator(id, card)).status).toBe(201);
  // Corrected down (USD 800 → 400): owed Y = 136,530; 86,580 + C − 136,530 = C − 49,950 over, all from the card (the latest charge first, at most C).
  await correct(id, 'RR-NEW', '2026-11-01', 400);
  const owed = await owedOf(id);
  expect(owed).toBe(136_530);
  expect(card).toBeGreaterThan(owed);
  const before = await openOf(id);
  expect(before.map((x) => x.amount)).toEqual([card - 49_950]);
  // The bank takes the transfer back; the reversal is recorded by the store with no refund date given.
  const transfer = (await t.db.pool.query(`SELECT id FROM tax_payments WHERE declaration_id = $1 AND method = 'transfer'`, [id])).rows[0].id as number;
  const store = new PgTaxPaymentStore(t.db.pool, () => '2026-11-30');
  expect(await store.reverse(Number(transfer), { reason: 'deposit_reversed', at: new Date('2026-11-25T04:00:00Z') })).not.toBeNull();

  // The card's C stands: C − 136,530 over, not the open C − 49,950: that record superseded, one recorded anew.
  const rows = await refundsOf(id);
  expect(rows.slice(0, 1).map((x) => [x.id, x.resolved_by])).toEqual(before.map((x) => [x.id, 'system']));
  const open = await openOf(id);
  expect(open.map((x) => [x.amount, x.refund_by])).toEqual([[card - owed, '2026-11-30']]);
  expect(rows[0].resolution).toMatch(/^superseded: payment \d+ reversed \(version 3\), taxes KRW [\d,]+; the overpayment is now KRW [\d,]+ \(KRW [\d,]+ paid\), recorded anew/);

  // The operator: each part cancelled naming the record that exists, then that record's tax.refund_due.
  const events = await refundEvents(id);
  const after = events.slice(1);
  expect(after.map((e) => `${e.type} ${e.refund.refundNo}`)).toEqual([`tax.refund_due_cancelled ${refundNo(before[0].id)}`, `tax.refund_due ${refundNo(open[0].id)}`]);
  for (const e of after.slice(0, 1)) {
    expect(e.cancellation.cause).toBe('superseded');
    expect(e.supersededBy).toEqual({ refundNo: refundNo(open[0].id), amountKrw: card - owed, refundBy: '2026-11-30' });
  }
  // What an operator keeping a balance of refunds receivable holds is what is open: C − 136,530.
  const balance = events.reduce((sum, e) => sum + (e.type === 'tax.refund_due' ? e.refund.amountKrw : -e.refund.amountKrw), 0);
  expect(balance).toBe(open.reduce((sum, x) => sum + x.amount, 0));
});

it('cancels the reversed payment’s part as "payment reversed" when the other part stays as it is: 86,580 by card + 49,950 by transfer, owed Y; the transfer reversed: its 49,950 cancelled, the card’s 86,580 − Y kept (before: "superseded")', async () => {
  const id = await declare('RR-KEEP', '2026-11-01', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'RR-KEEP', '2026-11-01', 400);
  const orderId = await payByTransfer(id, 49_950);
  await correct(id, 'RR-KEEP', '2026-11-01', 100);
  const owed = await owedOf(id);
  const [transferPart, cardPart] = await openOf(id);
  expect([transferPart.amount, cardPart.amount]).toEqual([49_950, 86_580 - owed]);

  expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  const rows = await refundsOf(id);
  expect(rows.map((x) => [x.id, x.resolved_by])).toEqual([
    [transferPart.id, 'system'],
    [cardPart.id, null],
  ]);
  // The officer page's note says why: the payment was reversed; the card's part stands under its number.
  expect(rows[0].resolution).toMatch(
    new RegExp(`^payment reversed: payment \\d+ reversed \\(version 3\\), taxes KRW [\\d,]+; the overpayment is now KRW ${(86_580 - owed).toLocaleString('en-US')} \\(KRW 86,580 paid\\), held by ${refundNo(cardPart.id)} unchanged; nothing is refunded under this number$`),
  );
  const events = await refundEvents(id);
  const cancelled = events.filter((e) => e.type === 'tax.refund_due_cancelled');
  expect(cancelled).toHaveLength(1);
  const total = (86_580 - owed).toLocaleString('en-US');
  expect(cancelled[0]).toMatchObject({
    refund: { refundNo: refundNo(transferPart.id), amountKrw: 49_950 },
    cancellation: { cause: 'payment_reversed' },
    supersededBy: { refundNo: refundNo(cardPart.id), amountKrw: 86_580 - owed, unchanged: [{ refundNo: refundNo(cardPart.id), amountKrw: 86_580 - owed }] },
  });
  expect(cancelled[0].cancellation.ko).toContain('납부 한 건이 취소되어(입금 취소)');
  expect(cancelled[0].cancellation.ko).toContain(`환불번호 ${refundNo(cardPart.id)}(${total}원)은 그대로입니다`);
  expect(cancelled[0].cancellation.en).toContain('a payment was reversed (the deposit went back)');
  expect(cancelled[0].cancellation.en).toContain(`refund ${refundNo(cardPart.id)} (KRW ${total}) stands unchanged`);
  expect(cancelled[0].cancellation.ko).not.toContain('더 납부된 금액이 없습니다');
});

it('re-keys at start, once, a part kept before e457e2e that still names the situation it was first recorded in: the card’s 86,580 − Y kept when the transfer was reversed, left as reassessed:v3.2.parts2:… (before: kept so until the next transition)', async () => {
  const id = await declare('RR-STALE', '2026-11-01', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'RR-STALE', '2026-11-01', 400);
  const orderId = await payByTransfer(id, 49_950);
  await correct(id, 'RR-STALE', '2026-11-01', 100);
  const [, cardPart] = await openOf(id);
  // The first situation: version 3, 2 payments, in 2 parts.
  expect(cardPart.provider_tx).toMatch(/^reassessed:v3\.2\.parts2:/);
  const cardTx = cardPart.provider_tx.slice('reassessed:v3.2.parts2:'.length);
  expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
  // As e457e2e keys it: the situation it stands for now (86,580 stands, one part).
  const current = `reassessed:v3.2.paid86580:${cardTx}`;
  expect((await openOf(id)).map((x) => [x.id, x.provider_tx])).toEqual([[cardPart.id, current]]);

  // A database from before e457e2e: the kept row still has its first situation's key, and the task never ran.
  await t.db.pool.query(`UPDATE tax_refunds_due SET provider_tx = $2 WHERE id = $1`, [cardPart.id, cardPart.provider_tx]);
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [REKEY_TASK]);
  const outbox = async () => Number((await t.db.pool.query(`SELECT count(*) FROM webhook_outbox`)).rows[0].count) + Number((await t.db.pool.query(`SELECT count(*) FROM consumer_refund_alerts`)).rows[0].count);
  const queued = await outbox();
  const at = new Date('2026-11-26T00:00:00Z');
  const refundBy = () => '2026-12-01';

  // The start: re-keyed, nothing else changed (number, amount, refundBy), nobody told.
  expect(await rekeyKeptReassessedRefunds(t.db.pool, { at, refundBy })).toEqual({ rekeyed: 1 });
  const repaired = await refundsOf(id);
  expect(repaired.find((x) => x.id === cardPart.id)).toMatchObject({ provider_tx: current, amount: cardPart.amount, refund_by: cardPart.refund_by, resolved_at: null });
  expect(await outbox()).toBe(queued);
  expect((await t.db.pool.query(`SELECT detail FROM one_time_tasks WHERE name = $1`, [REKEY_TASK])).rows[0].detail).toMatchObject({ rekeyed: 1 });

  // The next start: the task ran; nothing is looked at or changed.
  expect(await rekeyKeptReassessedRefunds(t.db.pool, { at: new Date('2026-11-27T00:00:00Z'), refundBy })).toEqual({ rekeyed: 0 });
  expect(await refundsOf(id)).toEqual(repaired);
  expect(await outbox()).toBe(queued);
});

it('re-keys at start a kept part an administrator resolved before it (not refunded): the same situation found again records nothing (before: only open parts were re-keyed, and 49,950 was recorded a second time)', async () => {
  // Paid 86,580 + 49,950, corrected to 83,260: 53,270 over = 49,950 (second charge) + 3,320 (first).
  const id = await declare('RR-DONE', '2026-11-07', 250);
  expect((await payAsOperator(id, 86_580)).status).toBe(201);
  await correct(id, 'RR-DONE', '2026-11-07', 400);
  expect((await payAsOperator(id, 49_950)).status).toBe(201);
  await correct(id, 'RR-DONE', '2026-11-07', 240);
  const lower = await openOf(id);
  expect(lower.map((x) => x.amount)).toEqual([49_950, 3_320]);
  expect(lower[0].provider_tx).toMatch(/^reassessed:v3\.2\.parts2:/);
  // Corrected back to USD 250: owed 86,580; 136,530 − 86,580 = 49,950 over, all of the second charge: the 49,950 kept, nothing new.
  await correct(id, 'RR-DONE', '2026-11-07', 250);
  const charge = lower[0].provider_tx.slice('reassessed:v3.2.parts2:'.length);
  expect((await openOf(id)).map((x) => [x.id, x.provider_tx])).toEqual([[lower[0].id, `reassessed:v4.2:${charge}`]]);

  // A database from before e457e2e: the kept part still has its first key; the administrator recorded it not refunded (credit); the task never ran.
  await t.db.pool.query(`UPDATE tax_refunds_due SET provider_tx = $2 WHERE id = $1`, [lower[0].id, lower[0].provider_tx]);
  const r = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${lower[0].id}/resolve`, { token: admin.token, body: { outcome: 'not_refunded', resolution: '납부자 요청으로 적립' } });
  expect(r.status).toBe(200);
  expect(await openOf(id)).toEqual([]);
  await t.db.pool.query(`DELETE FROM one_time_tasks WHERE name = $1`, [REKEY_TASK]);
  const outbox = async () => Number((await t.db.pool.query(`SELECT count(*) FROM webhook_outbox`)).rows[0].count) + Number((await t.db.pool.query(`SELECT count(*) FROM consumer_refund_alerts`)).rows[0].count);
  const queued = await outbox();
  const refundBy = () => '2026-12-01';

  // The start, then the same situation found again (version 4, two payments, 49,950 over, all kept).
  const { rekeyed } = await rekeyKeptReassessedRefunds(t.db.pool, { at: new Date('2026-11-26T00:00:00Z'), refundBy });
  const repaired = await refundsOf(id);
  await inTransaction(t.db.pool, async (c) => {
    await lockPayments(c, id);
    await reconcileReassessedRefund(c, id, { at: new Date('2026-11-27T00:00:00Z'), refundBy: '2026-12-01', why: 'run again' });
  });
  // Recorded already: nothing new, nothing open, nobody told (before: a second 49,950 recorded, open and announced).
  expect((await openOf(id)).map((x) => x.amount)).toEqual([]);
  expect(await refundsOf(id)).toEqual(repaired);
  expect(await outbox()).toBe(queued);
  // The start re-keyed the resolved part to the situation's key (outcome, resolution, amount unchanged), telling nobody.
  expect(rekeyed).toBe(1);
  expect(repaired.find((x) => x.id === lower[0].id)).toMatchObject({ provider_tx: `reassessed:v4.2:${charge}`, amount: 49_950, outcome: 'not_refunded', resolution: '납부자 요청으로 적립' });
  // The next start: nothing.
  expect(await rekeyKeptReassessedRefunds(t.db.pool, { at: new Date('2026-11-28T00:00:00Z'), refundBy })).toEqual({ rekeyed: 0 });
  expect(await refundsOf(id)).toEqual(repaired);
});

it('the published webhooks documentation says in supersededBy’s own clause that, with cause payment_reversed, it names only the parts that stay unchanged (no record new, no tax.refund_due to follow), as the case above delivers it', async () => {
  const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
  const description: string = doc.paths['/api/v1/webhooks'].post.description;
  expect(description).toContain('supersededBy, by cause:');
  const clause = description.slice(description.indexOf('supersededBy, by cause:'));
  expect(clause).toContain('payment_reversed, only the parts that stay due unchanged');
  expect(clause).toContain('none of them is new and no tax.refund_due follows');
  expect(clause).toContain('null when none stays');
  expect(clause).toContain('null for no_longer_due, deposit_reversed and not_refunded');
});
