// The operator's tax.paid and tax.payment_reversed (it asked for the virtual account on the consumer's
// behalf) are queued in the webhook outbox in the transaction that records the deposit's payment or its
// reversal: both commit or neither, so webhooks stay at least once. Before, they were queued after the
// commit in a statement of their own: a crash between the two, or the outbox refusing the row, left a
// payment (or a reversal) that the operator was never told of, Toss answered 200 and never asking again.
// Here the outbox refuses the event (a trigger on webhook_outbox, as the refund test's queue that throws):
// the callback fails, nothing is recorded, Toss sends it again and the payment then commits with its one
// event. Toss's callback sent again (after, and two at once) queues no second event.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { operatorParcels, refundTestBed } from '../support/consumer-tax-notices.ts';
import { until } from '../support/until.ts';
import { startWebhookReceiver } from '../support/webhook-receiver.ts';
import { verifyWebhookSignature } from '../../src/adapters/webhooks/signature.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let hookId: number;
let secret: string;
let hooks: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  ({ t, alpha } = await refundTestBed('DEPHOOK'));
  hooks = await startWebhookReceiver();
  const url = `${hooks.base}/tax`;
  const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url, eventTypes: ['tax.paid', 'tax.payment_reversed'] } });
  expect(reg.status).toBe(201);
  hookId = reg.body.id;
  secret = reg.body.secret;
});
afterAll(async () => {
  await t?.close();
  await hooks?.close();
});

const { declare, cargoNoOf } = operatorParcels(() => t, () => alpha);
const paymentsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, receipt_no, amount_krw::int AS amount, to_char(paid_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS paid_at FROM tax_payments WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
const reversalsOf = async (id: number) => (await t.db.pool.query(`SELECT payment_id::int, reason FROM tax_payment_reversals WHERE declaration_id = $1`, [id])).rows;
const accountOf = async (id: number) => (await t.db.pool.query(`SELECT order_id, status, receipt_no FROM tax_virtual_accounts WHERE declaration_id = $1 ORDER BY id`, [id])).rows[0];
/** The operator's tax events of declaration `id` in the outbox, oldest first. */
const eventsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND event_id IS NULL AND (payload->'declaration'->>'id')::bigint = $2 ORDER BY id`, [hookId, id])).rows.map(
    (x) => x.payload as { id: string; type: string } & Record<string, unknown>,
  );
const delivered = (payloadId: string) => hooks.received.filter((h) => h.body.id === payloadId);

/** The outbox refuses the operator's payment events (as a full disk or a broken constraint would), until lifted. */
async function outboxRefusesPaymentEvents(): Promise<() => Promise<void>> {
  await t.db.pool.query(`CREATE FUNCTION refuse_payment_events() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.payload->>'type' IN ('tax.paid', 'tax.payment_reversed') THEN RAISE EXCEPTION 'outbox down'; END IF;
      RETURN NEW;
    END $$`);
  await t.db.pool.query(`CREATE TRIGGER refuse_payment_events BEFORE INSERT ON webhook_outbox FOR EACH ROW EXECUTE FUNCTION refuse_payment_events()`);
  return async () => {
    await t.db.pool.query(`DROP TRIGGER refuse_payment_events ON webhook_outbox`);
    await t.db.pool.query(`DROP FUNCTION refuse_payment_events()`);
  };
}

/** USD 400 declared: 136,530 owed; the operator asks for an account on the consumer's behalf (Toss's order id). */
async function operatorAccount(ref: string, purchasedAt: string): Promise<{ id: number; orderId: string }> {
  const id = await declare(ref, purchasedAt, 400);
  const issued = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 136_530 } });
  expect(issued.status).toBe(202);
  return { id, orderId: (await accountOf(id)).order_id };
}
const secretOf = (orderId: string) => t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.secret!;
/** Toss sends its deposit callback again (as it does until it gets 200). */
const callback = (orderId: string, status: 'DONE' | 'WAITING_FOR_DEPOSIT') =>
  api(t.base, 'POST', '/api/v1/payments/toss/deposit-callback', { body: { secret: secretOf(orderId), status, orderId } });

describe("the operator's tax.paid commits with the deposit's payment", () => {
  it('the outbox refusing tax.paid: the deposit is not recorded (the callback fails, Toss sends it again); then the payment and its one tax.paid commit together, however often Toss calls back', async () => {
    const { id, orderId } = await operatorAccount('DH-PAID', '2026-11-02');
    const cargoNo = await cargoNoOf(id);
    const lift = await outboxRefusesPaymentEvents();
    let first;
    try {
      first = await t.platform.paymentEmulator!.deposit(orderId);
    } finally {
      await lift();
    }
    // Never a payment without its event (before: 200, the payment committed and tax.paid lost for good).
    expect({ payments: (await paymentsOf(id)).length, events: (await eventsOf(id)).length }).toEqual({ payments: 0, events: 0 });
    expect(first).toMatchObject({ ok: true });
    expect(first).not.toEqual({ ok: true, callbackStatus: 200 }); // Toss sends the callback again
    expect(await accountOf(id)).toMatchObject({ status: 'waiting', receipt_no: null });
    // Nor the holder's alert, queued in the same transaction (migrations/108).
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM consumer_refund_alerts WHERE declaration_id = $1 AND payment_id IS NOT NULL`, [id])).rows[0].n).toBe(0);

    // Toss's next try: the payment of 136,530 and its tax.paid, once.
    const again = await callback(orderId, 'DONE');
    expect(again.status).toBe(200);
    const [paid] = await paymentsOf(id);
    expect(paid).toMatchObject({ amount: 136_530 });
    expect(again.body).toEqual({ result: 'paid', receiptNo: paid.receipt_no });
    const body = {
      id: `taxpaid_${paid.receipt_no}`,
      type: 'tax.paid',
      occurredAt: paid.paid_at,
      declaration: { id, ref: 'DH-PAID', cargoNo },
      payment: { receiptNo: paid.receipt_no, paymentNo: expect.any(String), amountKrw: 136_530, method: 'transfer', payerKind: 'operator', paidAt: paid.paid_at },
    };
    expect(await eventsOf(id)).toEqual([body]);

    // Toss sends DONE again, after, then twice at once: taken, nothing more queued.
    expect((await callback(orderId, 'DONE')).body).toEqual({ result: 'paid', receiptNo: paid.receipt_no });
    expect((await Promise.all([callback(orderId, 'DONE'), callback(orderId, 'DONE')])).map((r) => r.status)).toEqual([200, 200]);
    expect(await paymentsOf(id)).toHaveLength(1);
    expect(await eventsOf(id)).toEqual([body]);
    // Delivered, signed, once.
    const [hook] = await until(() => delivered(body.id).length > 0 && delivered(body.id), 'tax.paid delivered');
    expect(hook!.body).toEqual(body);
    expect(verifyWebhookSignature(secret, hook!.raw, hook!.signature, Math.floor(t.platform.deps.clock.now().getTime() / 1000))).toBe(true);
    expect(delivered(body.id)).toHaveLength(1);
  });
});

describe("the operator's tax.payment_reversed commits with the reversal", () => {
  it('the outbox refusing tax.payment_reversed: the bank reversal is not recorded (the payment stands, the callback fails); Toss again: the reversal and its one event commit together, once however often', async () => {
    const { id, orderId } = await operatorAccount('DH-REV', '2026-11-03');
    const emulator = t.platform.paymentEmulator!;
    expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    const [paid] = await paymentsOf(id);
    expect((await eventsOf(id)).map((e) => e.id)).toEqual([`taxpaid_${paid.receipt_no}`]);

    const lift = await outboxRefusesPaymentEvents();
    let first;
    try {
      first = await emulator.reverseDeposit(orderId);
    } finally {
      await lift();
    }
    // Never a reversal without its event (before: 200, the reversal committed and tax.payment_reversed lost for good).
    expect({ reversals: (await reversalsOf(id)).length, events: (await eventsOf(id)).map((e) => e.type) }).toEqual({ reversals: 0, events: ['tax.paid'] });
    expect(first).toMatchObject({ ok: true });
    expect(first).not.toEqual({ ok: true, callbackStatus: 200 });
    expect(await accountOf(id)).toMatchObject({ status: 'deposited', receipt_no: paid.receipt_no });

    // Toss's next try: the payment of 136,530 undone, with its event, once.
    const again = await callback(orderId, 'WAITING_FOR_DEPOSIT');
    expect([again.status, again.body]).toEqual([200, { result: 'reversed', receiptNo: paid.receipt_no }]);
    expect(await reversalsOf(id)).toEqual([{ payment_id: paid.id, reason: 'deposit_reversed' }]);
    const events = await eventsOf(id);
    expect(events.map((e) => e.id)).toEqual([`taxpaid_${paid.receipt_no}`, `taxrev_${paid.receipt_no}`]);
    expect(events[1]).toMatchObject({
      type: 'tax.payment_reversed',
      declaration: { id, ref: 'DH-REV' },
      payment: { receiptNo: paid.receipt_no, amountKrw: 136_530, method: 'transfer', payerKind: 'operator', paidAt: paid.paid_at },
      reversal: { reason: 'deposit_reversed', reversedAt: events[1]!.occurredAt },
    });

    // Sent again, after and twice at once: nothing more.
    expect((await callback(orderId, 'WAITING_FOR_DEPOSIT')).body).toEqual({ result: 'reversed', receiptNo: paid.receipt_no });
    expect((await Promise.all([callback(orderId, 'WAITING_FOR_DEPOSIT'), callback(orderId, 'WAITING_FOR_DEPOSIT')])).map((r) => r.status)).toEqual([200, 200]);
    expect(await reversalsOf(id)).toHaveLength(1);
    expect((await eventsOf(id)).map((e) => e.type)).toEqual(['tax.paid', 'tax.payment_reversed']);
    await until(() => delivered(`taxrev_${paid.receipt_no}`).length > 0, 'tax.payment_reversed delivered');
    expect(delivered(`taxrev_${paid.receipt_no}`)).toHaveLength(1);
  });
});
