// The administrators' list of refunds due (GET /api/v1/officer/tax-refunds-due): each names its
// declaration's cargo number (화물관리번호), the reference administrators work with (before: only the
// internal declaration id); and `status` lists the open ones (the default, as before), the resolved ones
// (refunded with the provider's reference, not refunded with the note, settled by the system), or all,
// with `limit` and `total` as before, each paged on by keyset (`after`, `nextAfter`). Administrators only.
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
  it('follows nextAfter page by page, each resolved refund once, in the order of the whole list, two resolved at the same instant included (before: no cursor, 500 at most)', async () => {
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
  });
});

/** Follows nextAfter from the first page of `query` (limit `n`) to the end: every id listed, and the cursors given. */
async function walk(query: string, n: number, between?: (page: number, nextAfter: unknown) => Promise<void>): Promise<{ ids: number[]; cursors: unknown[] }> {
  const ids: number[] = [];
  const cursors: unknown[] = [];
  let after: unknown = null;
  for (let page = 0; page < 1_000; page++) {
    const r = await list(`${query}&limit=${n}${after === null ? '' : `&after=${encodeURIComponent(String(after))}`}`);
    expect(r.status).toBe(200);
    ids.push(...r.body.refunds.map((x: { id: number }) => x.id));
    after = r.body.nextAfter;
    if (after === null) break;
    cursors.push(after);
    await between?.(page, after);
  }
  return { ids, cursors };
}

describe('open and all: keyset pages too (before: the first 500 at most, after refused with them)', () => {
  /** Open refunds due of declaration d, created a minute apart from `from`, the last two at the very same instant (a tie on created_at). */
  const openMore = async (tag: string, n: number, from: string) => {
    const store = t.platform.deps.taxPayments!.store;
    const made: number[] = [];
    for (let i = 0; i < n; i++) {
      const at = i === n - 1 ? 60 * (n - 2) : 60 * i; // the last at the same instant as the one before it
      const r = await store.recordRefundDue({
        provider: 'local-emulator',
        providerTx: `emu_rdlist_${tag}_${i}`,
        declarationId: ids.d.declarationId,
        paymentNo: '926000000000000013',
        amountKrw: 2_000 + i,
        payerKind: 'consumer',
        reason: 'duplicate_charge_not_voided',
        refundBy: '2026-11-30',
        createdAt: new Date(Date.parse(from) + at * 1000),
      });
      made.push(r.id);
    }
    return made;
  };

  it('open: follows nextAfter (the id of the last listed) page by page, each open refund due once, in the order of the single page; one resolved between two pages skips none', async () => {
    await openMore('o', 5, '2026-11-28T01:00:00Z');
    const whole = await list('?status=open&limit=500');
    expect(whole.body.nextAfter).toBeNull();
    const order = whole.body.refunds.map((x: { id: number }) => x.id) as number[];
    expect(order.length).toBe(whole.body.total);
    expect(order.length).toBeGreaterThanOrEqual(6); // d and the five
    // Pages of 1 and of 2: the whole list, each nextAfter the id of the last one listed (before: no nextAfter, after 400).
    for (const n of [1, 2]) {
      const { ids: paged, cursors } = await walk('?status=open', n);
      expect(paged).toEqual(order);
      expect(cursors).toEqual(order.filter((_, i) => (i + 1) % n === 0 && i + 1 < order.length));
    }
    // The administrator resolves the last one listed (the cursor) before asking the next page: its place holds, the
    // ones after it come next (an open keyset read only among the open would have listed nothing).
    const first = await list('?status=open&limit=2');
    const cursor = first.body.nextAfter as number;
    expect(cursor).toBe(order[1]);
    expect((await resolve(cursor, { outcome: 'not_refunded', resolution: '중복 기록' })).status).toBe(200);
    const next = await list(`?status=open&limit=500&after=${cursor}`);
    expect(next.body.refunds.map((x: { id: number }) => x.id)).toEqual(order.slice(2));
    expect(next.body.nextAfter).toBeNull();
  });

  it('all: open-<id> then resolved-<id>, page by page to the end, each once, in the order of the single page; one listed open and resolved before the next page skips none of the open after it', async () => {
    const made = await openMore('a', 3, '2026-11-29T01:00:00Z'); // the latest open ones: the last three of the open part
    const whole = await list('?status=all&limit=500');
    expect(whole.body.nextAfter).toBeNull();
    const order = whole.body.refunds.map((x: { id: number }) => x.id) as number[];
    const openCount = whole.body.refunds.filter((x: RefundRow) => x.resolvedAt === null).length;
    expect(order.length).toBe(whole.body.total);
    const { ids: paged, cursors } = await walk('?status=all', 1);
    expect(paged).toEqual(order);
    // The cursor names the part each was listed in: the open ones, then the resolved.
    expect(cursors).toEqual(order.slice(0, -1).map((id, i) => `${i < openCount ? 'open' : 'resolved'}-${id}`));

    // A page that ends on an open one (the second of made), resolved before the next page is asked: the next page goes on with
    // the open one after it (the third), then the resolved ones, it among them (before: no paging; taken for a resolved
    // one, resolved-<id> would have gone on after it among the resolved, skipping the third).
    const upTo = order.indexOf(made[1]!);
    const page = await list(`?status=all&limit=${upTo + 1}`);
    expect(page.body.nextAfter).toBe(`open-${made[1]}`);
    expect((await resolve(made[1]!, { outcome: 'not_refunded', resolution: '중복 기록' })).status).toBe(200);
    const rest = await list(`?status=all&limit=500&after=open-${made[1]}`);
    const restIds = rest.body.refunds.map((x: { id: number }) => x.id) as number[];
    // The third, still open; then the resolved part as it is now, the one just resolved among them.
    const resolvedNow = (await list('?status=resolved&limit=500')).body.refunds.map((x: { id: number }) => x.id) as number[];
    expect(restIds).toEqual([made[2], ...resolvedNow]);
    expect(resolvedNow).toContain(made[1]);
    expect(resolvedNow.filter((id) => id !== made[1])).toEqual(order.slice(openCount));
  });

  it('refuses a cursor of another list (400 naming querystring.after, ko/en): an id with all, open-… or resolved-… with open or resolved, and one of neither form', async () => {
    for (const q of [`?status=all&after=${ids.c.refundId}`, `?status=open&after=resolved-${ids.c.refundId}`, `?after=open-${ids.d.refundId}`, `?status=resolved&after=open-${ids.d.refundId}`]) {
      const bad = await list(q);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
      expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'querystring.after', code: 'cursor_of_other_list' })]);
      expect(bad.body.error.details[0].ko).toContain('nextAfter');
    }
    for (const q of ['?status=all&after=closed-3', '?after=abc', '?status=resolved&after=0']) {
      const bad = await list(q);
      expect(bad.status, q).toBe(400);
      expect(bad.body.error.details.map((d: { path: string }) => d.path)).toContain('querystring.after');
    }
  });
});
