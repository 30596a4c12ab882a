// The administrators' list of refunds due (GET /api/v1/officer/tax-refunds-due): each names its
// declaration's cargo number (화물관리번호), the reference administrators work with (before: only the
// internal declaration id); and `status` lists the open ones (the default, as before), the resolved ones
// (refunded with the provider's reference, not refunded with the note, settled by the system), or all,
// with `limit` and `total` as before. Administrators only.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clockRunningFrom, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let admin: string;
let officer: string;
let resolvedA: unknown;
type RefundRow = { id: number; declarationId: number; resolvedAt: string | null } & Record<string, unknown>;
/** Four declarations, each with one refund due: a, b, c resolved in that order (c the latest), d left open. */
const ids: Record<'a' | 'b' | 'c' | 'd', { declarationId: number; cargoNo: string; refundId: number }> = {} as never;

const list = (query = '', token = admin) => api(t.base, 'GET', `/api/v1/officer/tax-refunds-due${query}`, { token });
const resolve = (refundId: number, body: unknown) => api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin, body });

beforeAll(async () => {
  t = await startTestPlatform({}, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  const operator = await t.operator('RDLIST');
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: ['RDL-A', 'RDL-B', 'RDL-C', 'RDL-D'].map((ref) => declaration(ref)) } });
  const store = t.platform.deps.taxPayments!.store;
  const keys = ['a', 'b', 'c', 'd'] as const;
  for (const [i, k] of keys.entries()) {
    const declarationId = submitted.body.results[i].declarationId as number;
    const cargoNo = (await t.db.pool.query(`SELECT cargo_no FROM declarations WHERE id = $1`, [declarationId])).rows[0].cargo_no as string;
    const r = await store.recordRefundDue({
      provider: 'local-emulator',
      providerTx: `emu_rdlist_${k}`,
      declarationId,
      paymentNo: `92600000000000001${i}`,
      amountKrw: 10_000 * (i + 1),
      payerKind: 'consumer',
      reason: 'duplicate_charge_not_voided',
      refundBy: '2026-11-30',
      createdAt: new Date(`2026-11-2${i}T01:00:00Z`),
    });
    ids[k] = { declarationId, cargoNo, refundId: r.id };
  }
  admin = (await t.officer('rdlist-admin', 'admin')).token;
  officer = (await t.officer('rdlist-officer')).token;
  // a: refunded at the provider; b: not refunded, with the note; c: settled by the system (the bank took the deposit back).
  const a = await resolve(ids.a.refundId, { outcome: 'refunded', providerRefundRef: 'TOSS-RF-A', resolution: 'PG 취소' });
  expect(a.status).toBe(200);
  resolvedA = a.body;
  expect((await resolve(ids.b.refundId, { outcome: 'not_refunded', resolution: '납부자 요청으로 유지' })).status).toBe(200);
  await store.resolveRefundDueOfTx('local-emulator', 'emu_rdlist_c', { by: 'system', resolution: 'the bank reversed the deposit (입금 취소): nothing to refund', at: new Date('2026-11-26T05:00:00Z'), cause: 'deposit_reversed' });
});
afterAll(async () => t?.close());

const mine = (refunds: RefundRow[]) => refunds.filter((r) => Object.values(ids).some((x) => x.declarationId === r.declarationId));

describe('each refund due names its cargo number', () => {
  it('the open list (the default) gives the cargo number beside the declaration id (before: none)', async () => {
    const r = await list();
    expect(r.status).toBe(200);
    expect(mine(r.body.refunds)).toEqual([expect.objectContaining({ declarationId: ids.d.declarationId, cargoNo: ids.d.cargoNo, outcome: null, resolvedAt: null })]);
    expect(ids.d.cargoNo).toMatch(/^\d{2}[A-Z]{3}\d+$/);
  });

  it('the answer to a resolve names it too', async () => {
    expect(resolvedA).toMatchObject({ id: ids.a.refundId, cargoNo: ids.a.cargoNo, outcome: 'refunded' });
  });
});

describe('status: open, resolved, all', () => {
  it('resolved: the three resolved, the latest resolved first, with outcome, reference, note, who and when (before: 400, status refused)', async () => {
    const r = await list('?status=resolved');
    expect(r.status).toBe(200);
    const rows = mine(r.body.refunds);
    // Resolved in the order a, b (by the administrator, at the clock's now: 2026-11-25, a then b), c (the system's, 2026-11-26): c, b, a.
    expect(rows.map((x: { id: number }) => x.id)).toEqual([ids.c.refundId, ids.b.refundId, ids.a.refundId]);
    expect(rows[0]).toMatchObject({ cargoNo: ids.c.cargoNo, outcome: 'not_refunded', providerRefundRef: null, resolvedBy: 'system', resolvedAt: '2026-11-26T05:00:00.000Z', resolution: expect.stringContaining('입금 취소') });
    expect(rows[1]).toMatchObject({ cargoNo: ids.b.cargoNo, outcome: 'not_refunded', providerRefundRef: null, resolvedBy: 'rdlist-admin', resolution: '납부자 요청으로 유지' });
    expect(rows[2]).toMatchObject({ cargoNo: ids.a.cargoNo, outcome: 'refunded', providerRefundRef: 'TOSS-RF-A', resolvedBy: 'rdlist-admin', resolution: 'PG 취소', amountKrw: 10_000 });
    expect(rows.every((x: { resolvedAt: string | null }) => x.resolvedAt !== null)).toBe(true);
    expect(r.body.total).toBeGreaterThanOrEqual(3);
  });

  it('open is the default and lists only the open one; all: the open first, then the resolved (latest first)', async () => {
    const open = await list('?status=open');
    expect(mine(open.body.refunds).map((x: { id: number }) => x.id)).toEqual([ids.d.refundId]);
    expect(open.body).toEqual((await list()).body);
    const all = await list('?status=all');
    expect(mine(all.body.refunds).map((x: { id: number }) => x.id)).toEqual([ids.d.refundId, ids.c.refundId, ids.b.refundId, ids.a.refundId]);
    // total counts the status asked: all = open + resolved.
    const resolvedTotal = (await list('?status=resolved')).body.total as number;
    expect(all.body.total).toBe(open.body.total + resolvedTotal);
  });

  it('limit pages as before, total says how many in all: resolved, limit 2 lists c and b of 3', async () => {
    const r = await list('?status=resolved&limit=2');
    expect(r.body.refunds).toHaveLength(2);
    expect(r.body.total).toBeGreaterThan(r.body.refunds.length);
  });

  it('refuses an unknown status (400), and an officer who is not an administrator (403)', async () => {
    const bad = await list('?status=closed');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect((await list('?status=resolved', officer)).status).toBe(403);
  });
});

describe('resolved: keyset pages beyond a page (after, nextAfter)', () => {
  it('follows nextAfter page by page, each resolved refund once, in the order of the whole list, two resolved at the same instant included; after with another status is 400 (before: no cursor, 500 at most)', async () => {
    // Two more, resolved by the system at the very same instant (the parts of one reconciliation are): a tie on resolved_at.
    const store = t.platform.deps.taxPayments!.store;
    const tie = new Date('2026-11-27T02:00:00Z');
    for (const k of ['e', 'f']) {
      await store.recordRefundDue({
        provider: 'local-emulator',
        providerTx: `emu_rdlist_${k}`,
        declarationId: ids.a.declarationId,
        paymentNo: `9260000000000009${k === 'e' ? 1 : 2}`,
        amountKrw: 1_000,
        payerKind: 'consumer',
        reason: 'duplicate_charge_not_voided',
        refundBy: '2026-11-30',
        createdAt: new Date('2026-11-24T01:00:00Z'),
      });
      await store.resolveRefundDueOfTx('local-emulator', `emu_rdlist_${k}`, { by: 'system', resolution: 'tie', at: tie, cause: 'not_refunded' });
    }
    const whole = await list('?status=resolved&limit=500');
    expect(whole.body.total).toBeLessThanOrEqual(500);
    expect(whole.body.nextAfter).toBeNull();
    const order = whole.body.refunds.map((x: { id: number }) => x.id) as number[];
    // Pages of 1: as many pages as resolved refunds, each the next of the whole list; the last says no more.
    const paged: number[] = [];
    let after: number | null = null;
    for (let page = 0; page <= order.length; page++) {
      const r = await list(`?status=resolved&limit=1${after === null ? '' : `&after=${after}`}`);
      expect(r.status).toBe(200);
      paged.push(...r.body.refunds.map((x: { id: number }) => x.id));
      after = r.body.nextAfter;
      if (after === null) break;
      expect(after).toBe(paged.at(-1));
    }
    expect(paged).toEqual(order);
    // Ours among them: f and e (the same instant, the later id first), then c, b, a.
    const ours = new Set([ids.a.refundId, ids.b.refundId, ids.c.refundId]);
    expect(paged.filter((id) => ours.has(id))).toEqual([ids.c.refundId, ids.b.refundId, ids.a.refundId]);
    const bad = await list(`?status=open&after=${ids.c.refundId}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });
});
