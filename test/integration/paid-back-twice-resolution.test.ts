// A deposit paid back twice (refunded_then_reversed: refunded by hand, then reversed by the bank) is money to recover
// from the payer, owed to nobody: an administrator records it as recovered (회수 완료: the payer returned it, or the bank
// settled it) or written off (회수 포기: not recoverable), with a note; "refunded" (환불 완료) is refused, 400 naming
// body.outcome with the outcomes it takes (before: accepted, and counted as a refund made, netting the payments); so is
// "not refunded", which says nothing of the money. The other reasons keep refunded / not refunded, and refuse the two.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clockRunningFrom, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let admin: string;
let twice: number;
let twiceNo: string;
let second: number;

const resolve = (refundId: number, body: unknown) => api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin, body });
const stored = async (refundId: number) =>
  (await t.db.pool.query(`SELECT outcome, resolution, resolved_by, provider_refund_ref FROM tax_refunds_due WHERE id = $1`, [refundId])).rows[0] as Record<string, unknown>;

beforeAll(async () => {
  t = await startTestPlatform({}, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  const operator = await t.operator('TWICE');
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('TWICE-1')] } });
  const declarationId = submitted.body.results[0].declarationId as number;
  const store = t.platform.deps.taxPayments!.store;
  const base = { provider: 'local-emulator', declarationId, paymentNo: '9260000000000000019', amountKrw: 136_530, payerKind: 'consumer' as const, refundBy: '2026-11-30', createdAt: new Date('2026-11-24T01:00:00Z') };
  // RF-… refunded by hand, then the bank reversed the deposit: 136,530 paid back twice.
  const flag = await store.recordRefundDue({ ...base, providerTx: 'refunded-then-reversed:RF-00000001', reason: 'refunded_then_reversed' });
  twice = flag.id;
  twiceNo = `RF-${String(flag.id).padStart(8, '0')}`;
  second = (await store.recordRefundDue({ ...base, providerTx: 'emu_twice_second', reason: 'duplicate_charge_not_voided' })).id;
  admin = (await t.officer('twice-admin', 'admin')).token;
});
afterAll(async () => t?.close());

describe('a deposit paid back twice (refunded_then_reversed)', () => {
  it('refuses "refunded" and "not refunded" (400 naming body.outcome, the outcomes it takes), and records nothing (before: "refunded" accepted, counted as a refund made)', async () => {
    for (const body of [
      { outcome: 'refunded', providerRefundRef: 'TOSS-RF-9', resolution: 'refunded' },
      { outcome: 'not_refunded', resolution: 'nothing' },
    ]) {
      const r = await resolve(twice, body);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'body.outcome', code: 'not_for_reason', params: { reason: 'refunded_then_reversed', allowed: ['recovered', 'written_off'] } })]);
    }
    expect(await stored(twice)).toMatchObject({ outcome: null, resolved_by: null });
    const open = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin })).body.refunds.map((r: { refundNo: string }) => r.refundNo);
    expect(open).toContain(twiceNo);
  });

  it('is recorded as recovered with a note (no provider reference: nothing was refunded), and leaves the open list', async () => {
    const withRef = await resolve(twice, { outcome: 'recovered', providerRefundRef: 'X', resolution: 'returned by the payer' });
    expect(withRef.status).toBe(400);
    expect(withRef.body.error.details).toEqual([expect.objectContaining({ path: 'body.providerRefundRef' })]);
    const r = await resolve(twice, { outcome: 'recovered', resolution: '납부자가 2026-11-27 136,530원 반환' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ refundNo: twiceNo, outcome: 'recovered', providerRefundRef: null, resolvedBy: 'twice-admin', resolution: '납부자가 2026-11-27 136,530원 반환' });
    expect(await stored(twice)).toMatchObject({ outcome: 'recovered', provider_refund_ref: null });
    const resolved = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?status=resolved', { token: admin })).body.refunds;
    expect(resolved.find((x: { refundNo: string }) => x.refundNo === twiceNo)).toMatchObject({ outcome: 'recovered' });
  });
});

describe('a refund to make (duplicate_charge_not_voided)', () => {
  it('refuses "recovered" and "written off" (400 naming body.outcome), and is written off by nobody', async () => {
    const r = await resolve(second, { outcome: 'written_off', resolution: 'x' });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'body.outcome', code: 'not_for_reason', params: { reason: 'duplicate_charge_not_voided', allowed: ['refunded', 'not_refunded'] } })]);
    expect((await resolve(second, { outcome: 'refunded', providerRefundRef: 'TOSS-RF-2', resolution: 'PG 취소' })).status).toBe(200);
  });
});
