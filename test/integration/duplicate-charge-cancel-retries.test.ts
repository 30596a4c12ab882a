// A second card charge of taxes already paid (two payments of one notice raced, the database kept one) whose void at
// Toss failed for a passing reason (no answer, Toss's own 500) is cancelled again with backoff, by the same retries as
// a charge that crossed a hold (src/app/charge-cancel-retries.ts, migrations/115), before a person is asked to refund
// it: not listed to the administrators meanwhile; a later cancel that goes through settles the refund due by itself
// (not refunded, by the system, cause charge_cancelled) and the payer is told it is off; the attempts exhausted, it is
// listed for the administrators with the last error. Before: a failed void went to a person at once, never tried again.
// The payment emulator (src/adapters/payments/toss-emulator.ts) plays Toss. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { until } from '../support/until.ts';
import { PgTaxPaymentStore } from '../../src/adapters/db/tax-payment-repository.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('DUPVOID'));
});
afterAll(async () => t?.close());

const { payByCard } = consumerTaxNotices(() => t.base, () => minji);
const { declare, smsToMinji } = operatorParcels(() => t, () => alpha);

const refundsDueOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, reason, amount_krw::int AS amount, provider_tx, resolved_at IS NULL AS open FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows as {
    id: number;
    reason: string;
    amount: number;
    provider_tx: string;
    open: boolean;
  }[];
const cancelOf = async (refundId: number) =>
  (await t.db.pool.query(`SELECT cancel_attempts AS attempts, cancel_next_attempt_at IS NOT NULL AS retrying, cancel_last_error AS error, resolved_by, outcome FROM tax_refunds_due WHERE id = $1`, [refundId]))
    .rows[0] as { attempts: number; retrying: boolean; error: string | null; resolved_by: string | null; outcome: string | null };
/** The next attempt made due now (the platform's clock: the backoff passed). */
const dueNow = (refundId: number) => t.db.pool.query(`UPDATE tax_refunds_due SET cancel_next_attempt_at = created_at WHERE id = $1`, [refundId]);
const listedOpen = async () => (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=open', { token: admin.token })).body as { refunds: { refundNo: string }[] };

/**
 * Minji pays the notice of 136,530 by card twice at once (two tabs): both charges are made at Toss before either is
 * recorded (Toss holds both answers), then Toss's cancels fail `failCancels` times (500, a passing failure): the
 * charge not kept cannot be voided.
 */
async function paidTwiceAtOnce(id: number, failCancels: number) {
  const emulator = t.platform.paymentEmulator!;
  emulator.faults.holdAnswers = true;
  try {
    const paying = [payByCard(id, 136_530), payByCard(id, 136_530)];
    await until(() => (emulator.heldAnswers() >= 2 ? true : undefined), 'both charges at Toss');
    emulator.faults.failCancels = failCancels;
    emulator.faults.holdAnswers = false;
    emulator.releaseHeld();
    const answers = await Promise.all(paying);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    return answers.find((a) => a.status === 409)!;
  } finally {
    emulator.faults.holdAnswers = false;
    emulator.releaseHeld();
  }
}

describe('a second card charge of taxes already paid whose void fails for a passing reason', () => {
  it('is cancelled again before any person is asked; the later cancel settles the refund due and the payer hears it is off (before: a refund by hand at once)', async () => {
    const id = await declare('DUP-VOID1', '2026-11-12', 400);
    const emulator = t.platform.paymentEmulator!;
    let second;
    try {
      second = await paidTwiceAtOnce(id, 100);
    } finally {
      emulator.faults.failCancels = 0;
    }
    const [refund] = await refundsDueOf(id);
    expect(refund).toMatchObject({ reason: 'duplicate_charge_not_voided', amount: 136_530, open: true });
    const no = refundNo(refund!.id);
    // The payer: charged twice, the cancel tried again automatically; the number and the date (3 working days from
    // Wednesday 2026-11-25: Monday 2026-11-30) only for a charge never cancelled.
    expect(second.body.error).toMatchObject({ code: 'TAXES_ALREADY_PAID', details: { chargeVoided: false, cancelRetrying: true, refund: { refundNo: no, amountKrw: 136_530, refundBy: '2026-11-30' } } });
    expect(second.body.error.ko).toContain('자동으로 다시 취소하고 있습니다');
    expect(second.body.error.ko).toContain(`환불번호 ${no}`);
    expect(second.body.error.en).toContain('the cancel is being tried again automatically');
    expect(second.body.error.en).toContain(`refund ${no}`);
    // The first attempt made; the next in 1 min; no person is asked yet.
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 1, retrying: true, error: 'the provider did not answer the cancel', resolved_by: null });
    expect(JSON.stringify(await listedOpen())).not.toContain(no);
    const charge = emulator.payments().find((p) => p.paymentKey === refund!.provider_tx)!;
    expect(charge).toMatchObject({ totalAmount: 136_530, status: 'DONE' });

    // A minute on, Toss answers again: the worker's second attempt cancels the second charge.
    await dueNow(refund!.id);
    await t.platform.accountClosures.drain();
    expect(emulator.payments().find((p) => p.paymentKey === charge.paymentKey)).toMatchObject({ status: 'CANCELED' });
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 2, retrying: false, resolved_by: 'system', outcome: 'not_refunded' });
    expect(await refundsDueOf(id)).toEqual([expect.objectContaining({ id: refund!.id, reason: 'duplicate_charge_not_voided', open: false })]);
    expect(JSON.stringify(await listedOpen())).not.toContain(no);
    // Recorded as an event: the settled record is in the resolved list, by the system, with why.
    const resolved = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=resolved', { token: admin.token })).body.refunds.find((r: { refundNo: string }) => r.refundNo === no);
    expect(resolved).toMatchObject({
      resolvedBy: 'system',
      outcome: 'not_refunded',
      resolution: 'the charge was cancelled at the provider on attempt 2: nothing to refund',
      cancelRetries: { attempts: 2, maxAttempts: 8, state: 'cancelled', lastError: 'the provider did not answer the cancel' },
    });
    // Minji, told the number in the answer, hears that the refund is off because the charge was cancelled (ko/en).
    await t.platform.consumerRefundAlerts.drain();
    const told = (await smsToMinji()).filter((b) => b.includes(no));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('결제대행사에서 카드 결제를 다시 취소해 취소되었으므로 환불할 금액이 없습니다');
    expect(told[0]).toContain('the card charge was cancelled at the payment gateway on a later attempt');
    // The kept payment stands: the taxes are paid once.
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_payments WHERE declaration_id = $1`, [id])).rows[0].n).toBe(1);
  });

  it('is handed to the administrators once the 8 attempts are exhausted: listed among the refunds due with the last error', async () => {
    const id = await declare('DUP-VOID2', '2026-11-13', 400);
    const emulator = t.platform.paymentEmulator!;
    try {
      await paidTwiceAtOnce(id, 1_000);
      const [refund] = await refundsDueOf(id);
      const no = refundNo(refund!.id);
      expect(JSON.stringify(await listedOpen())).not.toContain(no);
      // Attempts 2 to 8 fail too (CHARGE_CANCEL_RETRY's 8 in all): handed over, listed for a refund by hand.
      for (let attempt = 2; attempt <= 8; attempt++) {
        await dueNow(refund!.id);
        await t.platform.accountClosures.drain();
      }
      expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 8, retrying: false, error: 'the provider did not answer the cancel', resolved_by: null });
      // The list says so: 8 attempts of 8 made, given up, and the provider's last error.
      expect((await listedOpen()).refunds.find((r) => r.refundNo === no)).toMatchObject({
        reason: 'duplicate_charge_not_voided',
        amountKrw: 136_530,
        cancelRetries: { attempts: 8, maxAttempts: 8, state: 'given_up', lastError: 'the provider did not answer the cancel' },
      });
      // Nothing due any more: a pass sends no 9th cancel.
      const left = emulator.faults.failCancels;
      await t.platform.accountClosures.drain();
      expect(emulator.faults.failCancels).toBe(left);
      // Handed over, it is the administrators' to resolve: refunded by hand at Toss.
      const resolved = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refund!.id}/resolve`, {
        token: admin.token,
        body: { outcome: 'refunded', providerRefundRef: 'toss-refund-dup-void2', resolution: 'refunded by hand at Toss' },
      });
      expect([resolved.status, resolved.body.outcome, resolved.body.resolvedBy]).toEqual([200, 'refunded', 'dupvoid-admin']);
    } finally {
      emulator.faults.failCancels = 0;
    }
  });

  it('cannot be resolved by hand while its cancel is still being tried: 409 REFUND_DUE_CANCEL_RETRYING, with the attempts and the next one (before: resolved, and a later cancel could refund the payer twice)', async () => {
    const id = await declare('DUP-VOID3', '2026-11-16', 400);
    const emulator = t.platform.paymentEmulator!;
    try {
      await paidTwiceAtOnce(id, 100);
    } finally {
      emulator.faults.failCancels = 0;
    }
    const [refund] = await refundsDueOf(id);
    const no = refundNo(refund!.id);
    // The next attempt at 03:07 UTC, 12:07 in Korea (UTC+9).
    await t.db.pool.query(`UPDATE tax_refunds_due SET cancel_next_attempt_at = '2026-11-25T03:07:00Z' WHERE id = $1`, [refund!.id]);
    const resolve = (outcome: string, extra: object = {}) =>
      api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refund!.id}/resolve`, { token: admin.token, body: { outcome, resolution: 'refunded by hand at Toss', ...extra } });
    for (const r of [await resolve('refunded', { providerRefundRef: 'toss-refund-1' }), await resolve('not_refunded')]) {
      expect(r.status).toBe(409);
      expect(r.body.error).toMatchObject({
        code: 'REFUND_DUE_CANCEL_RETRYING',
        details: { refundNo: no, attempts: 1, maxAttempts: 8, nextAttemptAt: '2026-11-25T03:07:00.000Z', lastError: 'the provider did not answer the cancel' },
      });
      expect(r.body.error.ko).toContain(`환불번호 ${no}`);
      expect(r.body.error.ko).toContain('자동으로 다시 취소하고 있습니다(8회 중 1회 시도, 다음 시도 2026-11-25 12:07 KST 무렵)');
      expect(r.body.error.ko).toContain('이중 환불');
      expect(r.body.error.en).toContain(`Refund ${no}`);
      expect(r.body.error.en).toContain('still being cancelled automatically at the payment gateway (1 of 8 attempts made; the next around 2026-11-25 12:07 KST)');
      expect(r.body.error.en).toContain('refunding the payer twice');
    }
    // The store itself resolves no record with a next attempt set (the check is in its UPDATE, not only before it):
    // a resolution that read the record before a retry was set records nothing either.
    const store = new PgTaxPaymentStore(t.db.pool, () => '2026-11-30');
    expect(await store.resolveRefundDue(refund!.id, { by: 'dupvoid-admin', outcome: 'not_refunded', providerRefundRef: null, resolution: 'x', at: new Date('2026-11-25T03:05:00Z') })).toBeNull();
    // Nothing recorded: the record open, still retrying; the cancel goes on and settles it by itself.
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 1, retrying: true, resolved_by: null, outcome: null });
    await dueNow(refund!.id);
    await t.platform.accountClosures.drain();
    expect(await cancelOf(refund!.id)).toMatchObject({ attempts: 2, retrying: false, resolved_by: 'system', outcome: 'not_refunded' });
    // Settled: nothing left to resolve (404, as any resolved record).
    expect((await resolve('not_refunded')).body.error.code).toBe('REFUND_DUE_NOT_FOUND');
  });
});
