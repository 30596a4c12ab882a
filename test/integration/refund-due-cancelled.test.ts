// A refund due announced to the operator that paid (tax.refund_due) that no longer stands is announced
// too (tax.refund_due_cancelled, queued in the transaction that resolves it, refund-due-events.ts):
// superseded by a record of another amount (naming it), no longer due, its deposit reversed by the bank,
// or recorded not refunded by an administrator. Before, a superseded record was followed by a second
// tax.refund_due alone (an operator booking both was owed 49,950 + 136,530 instead of 136,530), and one no
// longer due by nothing at all. The PCCC holder who was given the refund number is told as well.
// A charge of unknown outcome is announced neither way; a charge found made and not kept is recorded
// anew and that record announced (tax.refund_due). Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { recordCharge } from '../../src/app/record-charge.ts';
import type { TaxDeps } from '../../src/app/list-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };
let hookId: number;

beforeAll(async () => {
  // A gateway answer held is given up after 2 s (a charge of unknown outcome), as in tax-payments.test.ts.
  ({ t, alpha, minji, admin } = await refundTestBed('CANCEL', { payments: { provider: 'emulator', timeoutMs: 2000 } }));
  // Every type: what an operator registering without eventTypes receives.
  const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/all' } });
  expect(hook.status).toBe(201);
  hookId = hook.body.id;
});
afterAll(async () => t?.close());

const { payByCard } = consumerTaxNotices(() => t.base, () => minji);
const { declare, correct, payAsOperator, cargoNoOf, smsToMinji } = operatorParcels(() => t, () => alpha);
/** The tax events queued for the operator's webhook about one declaration, in queue order (tax.paid aside). */
const taxEvents = async (declarationId: number) =>
  (
    await t.db.pool.query(`SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND event_id IS NULL AND (payload->'declaration'->>'id')::bigint = $2 ORDER BY id`, [hookId, declarationId])
  ).rows.map((x) => x.payload);
const refundsOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount, reason, resolved_at, outcome FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;

describe('an operator told of a refund due hears when it no longer stands', () => {
  it('superseded: paid 136,530, corrected to 86,580 (49,950 due), then withdrawn (136,530 − 0 = 136,530 due): the 49,950 is cancelled naming the 136,530 that replaces it, queued before it', async () => {
    const id = await declare('RC-SUP', '2026-11-02', 400);
    expect((await payAsOperator(id, 136_530)).status).toBe(201);
    await correct(id, 'RC-SUP', '2026-11-02', 250);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const [first, second] = await refundsOf(id);
    expect([first.amount, second.amount]).toEqual([136_530 - 86_580, 136_530 - 0]);
    expect(first).toMatchObject({ outcome: 'not_refunded' });
    expect(second).toMatchObject({ resolved_at: null });
    const events = await taxEvents(id);
    expect(events.map((e) => `${e.type} ${e.refund.refundNo}`)).toEqual([
      `tax.refund_due ${refundNo(first.id)}`,
      `tax.refund_due_cancelled ${refundNo(first.id)}`,
      `tax.refund_due ${refundNo(second.id)}`,
    ]);
    const cancelled = events[1];
    expect(cancelled).toEqual({
      id: `taxrefundduecancelled_${refundNo(first.id)}`,
      type: 'tax.refund_due_cancelled',
      occurredAt: new Date(first.resolved_at).toISOString(),
      declaration: { id, ref: 'RC-SUP', cargoNo: await cargoNoOf(id) },
      refund: { refundNo: refundNo(first.id), paymentNo: events[0].refund.paymentNo, amountKrw: 49_950, reason: 'reassessed_lower', cancelledAt: new Date(first.resolved_at).toISOString() },
      cancellation: { cause: 'superseded', ko: expect.any(String), en: expect.any(String) },
      // Recorded on Wednesday 2026-11-25: the third working day after is Monday 2026-11-30.
      supersededBy: { refundNo: refundNo(second.id), amountKrw: 136_530, refundBy: '2026-11-30' },
    });
    expect(cancelled.cancellation.ko).toBe(
      `환불번호 ${refundNo(first.id)}(49,950원)의 환불은 취소되었습니다. 세액이 다시 산정되어 더 납부된 금액이 136,530원으로 바뀌었고, 환불번호 ${refundNo(second.id)}로 새로 등록되었습니다(관세법 제46조). 2026-11-30(월)까지 ${refundNo(second.id)}의 136,530원만 환급되며, 두 금액을 더하지 않습니다.`,
    );
    expect(cancelled.cancellation.en).toContain(`Only KRW 136,530 under ${refundNo(second.id)} is refunded, by 2026-11-30 (Mon): the two amounts do not add up.`);
    // What an operator keeping a balance of refunds receivable holds: + 49,950 − 49,950 + 136,530 = 136,530 (before: 49,950 + 136,530 = 186,480).
    const balance = events.reduce((sum, e) => sum + (e.type === 'tax.refund_due' ? e.refund.amountKrw : -e.refund.amountKrw), 0);
    expect(balance).toBe(136_530);
  });

  it('no longer due: paid 136,530, corrected to 86,580 (49,950 due), corrected back to 136,530 (136,530 − 136,530 = 0 overpaid): the 49,950 is cancelled, superseded by nothing', async () => {
    const id = await declare('RC-BACK', '2026-11-03', 400);
    expect((await payAsOperator(id, 136_530)).status).toBe(201);
    await correct(id, 'RC-BACK', '2026-11-03', 250);
    await correct(id, 'RC-BACK', '2026-11-03', 400);
    const [only] = await refundsOf(id);
    const events = await taxEvents(id);
    expect(events.map((e) => e.type)).toEqual(['tax.refund_due', 'tax.refund_due_cancelled']);
    expect(events[1]).toMatchObject({
      refund: { refundNo: refundNo(only.id), amountKrw: 49_950 },
      cancellation: { cause: 'no_longer_due', ko: `환불번호 ${refundNo(only.id)}(49,950원)의 환불은 취소되었습니다. 세액이 다시 산정되어 납부하신 금액보다 적지 않으므로 더 납부된 금액이 없습니다. 환급되지 않습니다.` },
      supersededBy: null,
    });
  });

  it('recorded not refunded by an administrator: cancelled (cause not_refunded), queued with the record; refunded instead: tax.refunded, no cancellation', async () => {
    const kept = await declare('RC-KEPT', '2026-11-04', 400);
    const made = await declare('RC-MADE', '2026-11-05', 400);
    for (const [id, ref, day] of [[kept, 'RC-KEPT', '2026-11-04'], [made, 'RC-MADE', '2026-11-05']] as const) {
      expect((await payAsOperator(id, 136_530)).status).toBe(201);
      await correct(id, ref, day, 250);
    }
    const resolve = (refundId: number, body: unknown) => api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body });
    const [k] = await refundsOf(kept);
    expect((await resolve(k.id, { outcome: 'not_refunded', resolution: 'the operator asked by phone to keep it' })).status).toBe(200);
    const keptEvents = await taxEvents(kept);
    expect(keptEvents.map((e) => e.type)).toEqual(['tax.refund_due', 'tax.refund_due_cancelled']);
    expect(keptEvents[1].cancellation.cause).toBe('not_refunded');
    expect(keptEvents[1].cancellation.ko).toContain('운영 관리자가 환불하지 않음으로 처리했습니다');
    // The administrator's note is theirs: not sent to the operator.
    expect(JSON.stringify(keptEvents[1])).not.toContain('by phone');
    const [m] = await refundsOf(made);
    expect((await resolve(m.id, { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-RC', resolution: 'partial cancel' })).status).toBe(200);
    expect((await taxEvents(made)).map((e) => e.type)).toEqual(['tax.refund_due', 'tax.refunded']);
  });

  it('deposit reversed: the operator’s deposit of 136,530 after its card payment was a refund due; the bank takes it back: cancelled (cause deposit_reversed)', async () => {
    const id = await declare('RC-DEP', '2026-11-06', 400);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 136_530 } })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1`, [id])).rows[0].order_id as string;
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    try {
      expect((await payAsOperator(id, 136_530)).status).toBe(201);
      expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
      expect((await refundsOf(id)).map((r) => r.reason)).toEqual(['deposit_after_paid']);
      expect(await emulator.reverseDeposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    } finally {
      emulator.faults.refuseCancels = false;
    }
    const [r] = await refundsOf(id);
    expect(r).toMatchObject({ outcome: 'not_refunded' });
    const events = await taxEvents(id);
    expect(events.map((e) => e.type)).toEqual(['tax.refund_due', 'tax.refund_due_cancelled']);
    expect(events[1]).toMatchObject({ refund: { refundNo: refundNo(r.id), amountKrw: 136_530, reason: 'deposit_after_paid' }, cancellation: { cause: 'deposit_reversed' }, supersededBy: null });
  });

  it('tells the operator nothing of a refund due of the consumer’s own payment (it was never told of it)', async () => {
    const id = await declare('RC-CONS', '2026-11-07', 400);
    expect((await payByCard(id, 136_530)).status).toBe(201);
    await correct(id, 'RC-CONS', '2026-11-07', 250);
    await correct(id, 'RC-CONS', '2026-11-07', 400);
    expect((await refundsOf(id)).map((r) => r.outcome)).toEqual(['not_refunded']);
    expect(await taxEvents(id)).toEqual([]);
  });
});

describe('the PCCC holder who was given the refund number', () => {
  it('is told when an administrator records it not refunded: 김민지’s deposit of 136,530 after her card payment (refund number in the deposit alert), kept as credit', async () => {
    const id = await declare('RC-HOLDER', '2026-11-08', 400);
    const transfer = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token: minji, body: { method: 'transfer', amountKrw: 136_530 } });
    expect(transfer.status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1`, [id])).rows[0].order_id as string;
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    try {
      expect((await payByCard(id, 136_530)).status).toBe(201);
      expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    } finally {
      emulator.faults.refuseCancels = false;
    }
    const [r] = await refundsOf(id);
    // The deposit's alert is queued with its record (migrations/106) and sent by the refund alerts' worker.
    await t.platform.consumerRefundAlerts.drain();
    expect((await smsToMinji()).filter((b) => b.includes(refundNo(r.id)))).toHaveLength(1); // the deposit's alert
    expect((await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${r.id}/resolve`, { token: admin.token, body: { outcome: 'not_refunded', resolution: 'kept as credit at her request' } })).status).toBe(200);
    await t.platform.consumerRefundAlerts.drain();
    expect((await t.db.pool.query(`SELECT event, status FROM consumer_refund_alerts WHERE refund_id = $1 ORDER BY id`, [r.id])).rows).toEqual([
      { event: 'deposit_after_paid', status: 'sent' },
      { event: 'refund_due_cancelled', status: 'sent' },
    ]);
    const sent = (await smsToMinji()).filter((b) => b.includes(refundNo(r.id)));
    expect(sent).toHaveLength(2);
    const cancelled = sent.find((b) => b.includes('취소되었습니다'))!;
    expect(cancelled).toContain(`화물관리번호 ${await cargoNoOf(id)}: 환불번호 ${refundNo(r.id)}(136,530원)의 환불은 취소되었습니다. 운영 관리자가 환불하지 않음으로 처리했습니다`);
    expect(cancelled).toContain(`Refund ${refundNo(r.id)} (KRW 136,530) is cancelled: the administrators recorded it as not refunded`);
    expect(cancelled).not.toContain('credit at her request');
  });
});

describe('a charge of unknown outcome', () => {
  it('is announced neither when recorded nor when settled as the payment (it was never known to be due)', async () => {
    const id = await declare('RC-UNK', '2026-11-09', 400);
    const gw = t.platform.paymentEmulator!;
    gw.faults.holdAnswers = true;
    let lost: Awaited<ReturnType<typeof payAsOperator>>;
    try {
      lost = await payAsOperator(id, 136_530, 'rc-unknown-1');
    } finally {
      gw.faults.holdAnswers = false;
      gw.releaseHeld();
    }
    expect(lost.status).toBe(502);
    expect((await refundsOf(id)).map((r) => r.reason)).toEqual(['charge_outcome_unknown']);
    expect(await taxEvents(id)).toEqual([]);
    // The same request again: the gateway answers the first charge, recorded as the payment; the record closed, nothing announced.
    expect((await payAsOperator(id, 136_530, 'rc-unknown-1')).status).toBe(201);
    expect((await refundsOf(id)).map((r) => r.outcome)).toEqual(['not_refunded']);
    expect(await taxEvents(id)).toEqual([]);
  });

  it('found made and not kept (the taxes were paid meanwhile, the void refused): recorded anew as a second charge, and that record is announced (tax.refund_due of 136,530); the unknown one closes unannounced', async () => {
    const id = await declare('RC-UNK2', '2026-11-10', 400);
    const gw = t.platform.paymentEmulator!;
    gw.faults.holdAnswers = true;
    let lost: Awaited<ReturnType<typeof payAsOperator>>;
    try {
      lost = await payAsOperator(id, 136_530, 'rc-unknown-2');
    } finally {
      gw.faults.holdAnswers = false;
      gw.releaseHeld();
    }
    expect(lost.status).toBe(502);
    const orderRef = lost.body.error.details.orderRef as string;
    const charge = gw.payments().find((p) => p.orderId === orderRef)!;
    expect(charge.status).toBe('DONE');
    // The consumer pays meanwhile by card; then the retry's answer (the first charge) arrives after it
    // committed, as when the two race: recorded through the same function a retry goes through.
    expect((await payByCard(id, 136_530)).status).toBe(201);
    const p = t.platform.deps;
    const tp = p.taxPayments!;
    const deps: TaxDeps = {
      declarations: p.declarations,
      clock: p.clock,
      secrets: p.secrets,
      reference: p.reference,
      taxPayments: tp.store,
      virtualAccounts: tp.virtualAccounts,
      paymentProvider: tp.provider,
      refunds: tp.refunds,
      virtualAccountPolicy: tp.virtualAccountPolicy,
    };
    const d = (await t.platform.deps.declarations.findById(id))!;
    gw.faults.refuseCancels = true;
    try {
      const notice = (await t.db.pool.query(`SELECT payment_no FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].payment_no as string;
      const r = await recordCharge(deps, d, { paymentNo: notice, amountKrw: 136_530, method: 'card' }, { payerKind: 'operator', payerRef: String(alpha.id) }, { providerTx: charge.paymentKey, orderRef }, 'rc-unknown-2', 'void');
      expect(r.ok).toBe(false);
    } finally {
      gw.faults.refuseCancels = false;
    }
    const [unknown, second] = await refundsOf(id);
    expect(unknown).toMatchObject({ reason: 'charge_outcome_unknown', outcome: 'not_refunded' });
    expect(second).toMatchObject({ reason: 'duplicate_charge_not_voided', amount: 136_530, resolved_at: null });
    const events = await taxEvents(id);
    expect(events).toEqual([expect.objectContaining({ type: 'tax.refund_due', refund: expect.objectContaining({ refundNo: refundNo(second.id), amountKrw: 136_530, reason: 'duplicate_charge_not_voided' }) })]);
  });
});
