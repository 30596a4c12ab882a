// The portal's read models on a real PostgreSQL (embedded, or DATABASE_URL's server): the
// statistics rollup kept by triggers equals the aggregate over the declarations through
// inserts, status changes and corrections; the officer queue order; party history; submissions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { fixtureReference } from '../../../test/fixtures/fixture-reference.ts';
import { computeStatistics, statisticsCsv } from '../../app/compute-statistics.ts';
import { listWorkQueue } from '../../app/list-work-queue.ts';
import { signalPoints } from '../../domain/queue-points.ts';
import type { StatisticsDimension } from '../../app/ports/portal-stores.ts';
import { PgStatisticsStore, monthlyFromDeclarationsSql, rowsOf } from './statistics-repository.ts';
import { PgWorkbenchStore } from './workbench-repository.ts';
import { PgSubmissionStore } from './submission-repository.ts';

let db: TestDatabase;
let operatorId: number;
const statDeps = (today: string) => ({
  statistics: new PgStatisticsStore(db.pool),
  reference: { current: () => fixtureReference, reload: async () => undefined, reloadIfBehind: async () => false },
  clock: { now: () => new Date(`${today}T00:00:00Z`) },
});

interface Row {
  ref: string;
  declaredAt: string;
  origin: string;
  hs: string;
  route: 'list' | 'general' | 'hold';
  status: string;
  usd: number;
  krw: number;
  taxes: number;
  signals?: string[];
  pccc?: string;
  seller?: string | null;
}

async function insert(rows: Row[]): Promise<number[]> {
  const values: unknown[] = [];
  const tuples = rows.map((r, i) => {
    const declaration = { items: [{ originCountry: r.origin, description: `물품 ${r.ref}` }], shipment: { shipFrom: r.origin }, parties: r.seller ? { seller: { name: r.seller } } : {} };
    const assessment = { lines: [{ hsCode: r.hs }], valuation: { goodsValueKrw: r.krw }, signals: r.signals ?? [] };
    const base = i * 15;
    // signal_points as intake writes them (app/declaration-rows.ts rowOf)
    values.push(operatorId, r.ref, 'h', r.declaredAt, r.pccc ?? 'P000000000001', r.pccc ?? 'P000000000001', r.usd, true, r.route, r.status, r.status === 'held' ? 'held' : 'declared', 'pre_arrival', r.taxes, JSON.stringify(declaration), signalPoints(assessment.signals));
    return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7}, $${base + 8}, $${base + 9}, $${base + 10}, $${base + 11}, $${base + 12}, $${base + 13}, $${base + 14}::jsonb, '${JSON.stringify(assessment)}'::jsonb, ${r.seller ? `'${r.seller.toLowerCase()}'` : 'NULL'}, $${base + 15})`;
  });
  const r = await db.pool.query(
    `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment, seller_key, signal_points)
     VALUES ${tuples.join(', ')} RETURNING id`,
    values,
  );
  return r.rows.map((x) => Number(x.id));
}

async function expectRollupEqualsRaw(): Promise<void> {
  const store = new PgStatisticsStore(db.pool);
  for (const dimension of ['origin', 'category', 'route'] as StatisticsDimension[]) {
    const raw = rowsOf(await db.pool.query(monthlyFromDeclarationsSql(dimension), ['2020-01-01', '2030-01-01']));
    const { rows } = await store.monthly({ dimension, from: '2020-01-01', to: '2030-01-01' });
    const key = (x: (typeof rows)[number]) => JSON.stringify([x.month, x.key, x.count, x.valueUsd, x.valueKrw, x.taxesKrw]);
    expect(rows.map(key).sort(), dimension).toEqual(raw.map(key).sort());
  }
}

async function deltaRows(): Promise<number> {
  return Number((await db.pool.query('SELECT count(*) AS n FROM declaration_stats')).rows[0].n);
}

beforeAll(async () => {
  db = await startTestDatabase();
  operatorId = Number((await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('T1', '테스트 특송', 'courier') RETURNING id`)).rows[0].id);
});
afterAll(async () => {
  await db?.close();
});

describe('statistics rollup', () => {
  let ids: number[] = [];
  test('inserts: counts, values and taxes by month and key, the same as the aggregate over the declarations', async () => {
    ids = await insert([
      { ref: 'a', declaredAt: '2026-01-05', origin: 'CN', hs: '6109101000', route: 'list', status: 'released', usd: 20, krw: 28_000, taxes: 0 },
      { ref: 'b', declaredAt: '2026-01-20', origin: 'CN', hs: '6403', route: 'general', status: 'cleared', usd: 250.5, krw: 350_700, taxes: 92_240 },
      { ref: 'c', declaredAt: '2026-02-02', origin: 'US', hs: '3303', route: 'general', status: 'in_warehouse', usd: 160, krw: 224_000, taxes: 41_530 },
      { ref: 'd', declaredAt: '2026-02-28', origin: 'us', hs: '2106', route: 'hold', status: 'held', usd: 160, krw: 224_000, taxes: 46_950 },
    ]);
    const store = new PgStatisticsStore(db.pool);
    const { rows } = await store.monthly({ dimension: 'origin', from: '2026-01-01', to: '2026-03-01' });
    expect(rows).toEqual([
      { month: '2026-01-01', key: 'CN', count: 2, valueUsd: 270.5, valueKrw: 378_700, taxesKrw: 92_240 },
      { month: '2026-02-01', key: 'US', count: 2, valueUsd: 320, valueKrw: 448_000, taxesKrw: 88_480 },
    ]);
    await expectRollupEqualsRaw();
  });

  test('withdrawn leaves the counts, refused keeps the count but owes no tax; cargo moves add no deltas', async () => {
    const before = await deltaRows();
    await db.pool.query(`UPDATE declarations SET status = 'released', cargo_stage = 'released' WHERE id = $1`, [ids[1]]);
    expect(await deltaRows()).toBe(before);
    await db.pool.query(`UPDATE declarations SET status = 'withdrawn' WHERE id = $1`, [ids[2]]);
    await db.pool.query(`UPDATE declarations SET status = 'rejected' WHERE id = $1`, [ids[3]]);
    const { rows } = await new PgStatisticsStore(db.pool).monthly({ dimension: 'origin', from: '2026-02-01', to: '2026-03-01' });
    expect(rows).toEqual([{ month: '2026-02-01', key: 'US', count: 1, valueUsd: 160, valueKrw: 224_000, taxesKrw: 0 }]);
    await expectRollupEqualsRaw();
  });

  test('a correction that re-routes and re-values moves the declaration between groups', async () => {
    await db.pool.query(
      `UPDATE declarations SET version = version + 1, route = 'list', goods_value_usd = 90, taxes_total_krw = 0,
              assessment = jsonb_set(jsonb_set(assessment, '{valuation,goodsValueKrw}', '126000'), '{lines,0,hsCode}', '"4202"')
        WHERE id = $1`,
      [ids[1]],
    );
    const { rows } = await new PgStatisticsStore(db.pool).monthly({ dimension: 'route', from: '2026-01-01', to: '2026-02-01' });
    expect(rows).toEqual([{ month: '2026-01-01', key: 'list', count: 2, valueUsd: 110, valueKrw: 154_000, taxesKrw: 0 }]);
    await expectRollupEqualsRaw();
  });

  test('compaction folds the deltas and changes no figure', async () => {
    await insert(
      Array.from({ length: 30 }, (_, i) => ({
        ref: `bulk-${i}`,
        declaredAt: `2026-0${1 + (i % 3)}-1${i % 10}`,
        origin: ['CN', 'JP', 'DE'][i % 3]!,
        hs: ['6109', '8471', '9503'][i % 3]!,
        route: 'list' as const,
        status: 'released',
        usd: 10 + i,
        krw: (10 + i) * 1400,
        taxes: i % 2 ? 0 : 10_000,
      })),
    );
    const before = await deltaRows();
    expect(await new PgStatisticsStore(db.pool).compact(0)).toBe(before);
    expect(await deltaRows()).toBeLessThan(before);
    await expectRollupEqualsRaw();
  });

  test('computeStatistics fills every month of the period, names the keys and reports the query time', async () => {
    const r = await computeStatistics(
      { ...statDeps('2026-03-15'), disclosure: { minCount: 1 } }, // every cell published
      { dimension: 'route', from: '2025-12', to: '2026-03' },
    );
    if (!r.ok) throw new Error(r.error.code);
    // A month is YYYY-MM in the rows and totals as in from/to (the store's are first days).
    expect([r.value.from, r.value.to]).toEqual(['2025-12', '2026-03']);
    expect(r.value.totals.map((t) => t.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03']);
    expect(r.value.rows.length).toBeGreaterThan(0);
    for (const x of r.value.rows) expect(['2025-12', '2026-01', '2026-02', '2026-03']).toContain(x.month);
    expect(r.value.totals[0]!.count).toBe(0);
    expect(r.value.rows.some((x) => x.suppressed)).toBe(false);
    expect(r.value.declarations).toBe(r.value.rows.reduce((s, x) => s + x.count!, 0));
    expect(r.value.labels.list).toEqual({ ko: '목록통관', en: 'List clearance' });
    expect(r.value.queryMs).toBeGreaterThanOrEqual(0);
    const bad = await computeStatistics(
      { ...statDeps('2026-03-15'), disclosure: { minCount: 3 } },
      { dimension: 'route', from: '2026-05', to: '2026-01' },
    );
    expect(bad.ok).toBe(false);
    // YYYY-MM-01, the form the months had in responses before, is taken for the same month
    const old = await computeStatistics({ ...statDeps('2026-03-15'), disclosure: { minCount: 1 } }, { dimension: 'route', from: '2025-12-01', to: '2026-03-01' });
    if (!old.ok) throw new Error(old.error.code);
    expect({ ...old.value, queryMs: 0 }).toEqual({ ...r.value, queryMs: 0 });
    // Without a period: the 12 months up to Korea's current month. 2026-02-28T16:00Z is 2026-03-01 01:00 KST:
    // March already (the UTC month, February, left the new month out for the first 9 hours of it).
    const atKoreanMonthStart = { ...statDeps('2026-03-15'), clock: { now: () => new Date('2026-02-28T16:00:00Z') }, disclosure: { minCount: 1 } };
    const byDefault = await computeStatistics(atKoreanMonthStart, { dimension: 'route' });
    if (!byDefault.ok) throw new Error(byDefault.error.code);
    expect([byDefault.value.from, byDefault.value.to]).toEqual(['2025-04', '2026-03']);
    for (const month of ['2026-13', '2026-03-02', '2026-3']) {
      expect(await computeStatistics({ ...statDeps('2026-03-15'), disclosure: { minCount: 1 } }, { dimension: 'route', from: month })).toMatchObject({ ok: false, error: { details: [{ path: 'querystring.from' }] } });
    }
  });
});

describe('officer workbench', () => {
  test('queue: held first, then by the weights of the signals, then oldest', async () => {
    await insert([
      { ref: 'q1', declaredAt: '2026-03-01', origin: 'CN', hs: '6109', route: 'general', status: 'import_declared', usd: 140, krw: 1, taxes: 0, signals: ['NEAR_DE_MINIMIS', 'NO_SELLER'] },
      { ref: 'q2', declaredAt: '2026-03-01', origin: 'CN', hs: '6109', route: 'general', status: 'import_declared', usd: 90, krw: 1, taxes: 0, signals: ['QUANTITY_OVER_SELF_USE'] },
      { ref: 'q3', declaredAt: '2026-03-01', origin: 'CN', hs: '2106', route: 'hold', status: 'held', usd: 50, krw: 1, taxes: 0, signals: [] },
      { ref: 'q4', declaredAt: '2026-03-01', origin: 'CN', hs: '6109', route: 'list', status: 'import_declared', usd: 10, krw: 1, taxes: 0, signals: ['SOMETHING_NEW'] },
    ]);
    const rows = await listWorkQueue({ workbench: new PgWorkbenchStore(db.pool) }, { status: 'import_declared', limit: 10 });
    expect(rows.map((r) => [r.ref, r.riskScore])).toEqual([
      ['q2', 30],
      ['q1', 20],
      ['q4', 1],
    ]);
    const open = await listWorkQueue({ workbench: new PgWorkbenchStore(db.pool) }, { limit: 1 });
    expect(open[0]!.status).toBe('held');
    expect(open[0]!.operatorName).toBe('테스트 특송');
  });

  test('queue pages: consecutive offsets walk the same ranking without gaps or repeats', async () => {
    const store = { workbench: new PgWorkbenchStore(db.pool) };
    const whole = await listWorkQueue(store, { limit: 500 });
    expect(whole.length).toBeGreaterThanOrEqual(4); // q1–q4 above at least
    const paged = [];
    for (let offset = 0; offset < whole.length; offset += 2) paged.push(...(await listWorkQueue(store, { limit: 2, offset })));
    expect(paged.map((r) => r.id)).toEqual(whole.map((r) => r.id));
    expect(await listWorkQueue(store, { limit: 2, offset: whole.length })).toEqual([]);
  });

  test('party history: totals, holds and recent declarations of a seller and a consignee', async () => {
    const ids = await insert([
      { ref: 'p1', declaredAt: '2026-03-02', origin: 'CN', hs: '6109', route: 'list', status: 'released', usd: 10, krw: 1, taxes: 0, seller: 'Shady Shop', pccc: 'P000000000777' },
      { ref: 'p2', declaredAt: '2026-03-03', origin: 'CN', hs: '6109', route: 'hold', status: 'held', usd: 20, krw: 1, taxes: 0, seller: 'Shady Shop', pccc: 'P000000000777' },
      { ref: 'p3', declaredAt: '2026-03-04', origin: 'CN', hs: '6109', route: 'list', status: 'rejected', usd: 30, krw: 1, taxes: 0, seller: 'Shady Shop', pccc: 'P000000000888' },
    ]);
    const store = new PgWorkbenchStore(db.pool);
    const seller = await store.partyStats({ by: 'seller_key', value: 'shady shop' }, ids[2]!, 5);
    expect(seller).toMatchObject({ total: 3, held: 1, rejected: 1, released: 1, valueUsd: 60 });
    // First seen: the day of its first declaration (as its risk profile says), not when the rows were
    // written (the demo writes six weeks of declarations at its first start: 'first seen' today).
    expect(seller.firstSeen).toBe('2026-03-02');
    expect(seller.recent.map((r) => r.id)).toEqual([ids[1], ids[0]]);
    const consignee = await store.partyStats({ by: 'pccc', value: 'P000000000777' }, ids[0]!, 5);
    expect(consignee).toMatchObject({ total: 2, held: 1, firstSeen: '2026-03-02' });
  });
});

describe('submissions log', () => {
  test('records each intake call with its rejections; lists newest first, optionally only those with rejections', async () => {
    const store = new PgSubmissionStore(db.pool);
    await store.record({ operatorId, receivedAt: new Date('2026-03-01T00:00:00Z'), received: 2, accepted: 2, rejected: 0, replayed: 0, rejections: [] });
    await store.record({
      operatorId,
      receivedAt: new Date('2026-03-02T00:00:00Z'),
      received: 2,
      accepted: 1,
      rejected: 1,
      replayed: 0,
      rejections: [{ index: 1, ref: 'x', errors: [{ path: 'items[0].description', code: 'description_uninformative', ko: '품명', en: 'name' }] }],
    });
    const all = await store.list(operatorId, { limit: 10, onlyWithRejections: false });
    expect(all.map((s) => s.rejected)).toEqual([1, 0]);
    const rejected = await store.list(operatorId, { limit: 10, onlyWithRejections: true });
    expect(rejected).toHaveLength(1);
    expect(rejected[0]!.rejections[0]!.errors[0]!.path).toBe('items[0].description');
  });
});

// Last: its declarations would enter the officer queue of the tests above.
describe('public statistics withhold small cells', () => {
  // Hand-built months (origin; minCount 3), each declaration USD 10, KRW 13,000, taxes 1,000:
  // 2024-04 none; 2024-05 CN 5, US 4, DE 2, JP 1 (DE and JP withheld, together 3: enough);
  // 2024-06 CN 6, US 3, JP 1 (JP withheld; alone it would be the month total − CN − US, so US,
  // the next smallest, is withheld too); 2024-07 GB 2 (the cell and the month total withheld;
  // among the months, 2024-07 alone would be the period total − the others, so 2024-06 is too).
  const decl = (month: string, origin: string, n: number): Row[] =>
    Array.from({ length: n }, (_, i) => ({ ref: `sc-${month}-${origin}-${i}`, declaredAt: `${month}-10`, origin, hs: '6109', route: 'list', status: 'import_declared', usd: 10, krw: 13_000, taxes: 1_000 }));
  const open = (count: number) => ({ suppressed: false, belowMin: false, count, valueUsd: count * 10, valueKrw: count * 13_000, taxesKrw: count * 1_000 });
  const hidden = (belowMin: boolean) => ({ suppressed: true, belowMin, count: null, valueUsd: null, valueKrw: null, taxesKrw: null });

  test('counts and values of cells under 3 declarations are null, with the complementary cells and totals', async () => {
    await insert([...decl('2024-05', 'CN', 5), ...decl('2024-05', 'US', 4), ...decl('2024-05', 'DE', 2), ...decl('2024-05', 'JP', 1)]);
    await insert([...decl('2024-06', 'CN', 6), ...decl('2024-06', 'US', 3), ...decl('2024-06', 'JP', 1), ...decl('2024-07', 'GB', 2)]);
    const r = await computeStatistics({ ...statDeps('2024-08-01'), disclosure: { minCount: 3 } }, { dimension: 'origin', from: '2024-04', to: '2024-07' });
    if (!r.ok) throw new Error(r.error.code);
    const cell = (month: string, key: string) => {
      const { month: _m, key: _k, ...c } = r.value.rows.find((x) => x.month === month && x.key === key)!;
      return c;
    };
    expect(cell('2024-05', 'CN')).toEqual(open(5));
    expect(cell('2024-05', 'US')).toEqual(open(4));
    expect(cell('2024-05', 'DE')).toEqual(hidden(true));
    expect(cell('2024-05', 'JP')).toEqual(hidden(true));
    expect(cell('2024-06', 'CN')).toEqual(open(6));
    expect(cell('2024-06', 'US')).toEqual(hidden(false));
    expect(cell('2024-06', 'JP')).toEqual(hidden(true));
    expect(cell('2024-07', 'GB')).toEqual(hidden(true));
    expect(r.value.totals.map(({ month: _m, ...t }) => t)).toEqual([open(0), open(12), hidden(false), hidden(true)]);
    expect(r.value.period).toEqual(open(24));
    expect(r.value.declarations).toBe(24);
    expect(r.value.disclosure).toEqual({ minCount: 3 });
    // No published figure gives a withheld one back: 2024-05 total 12 − CN 5 − US 4 = 3 declarations (DE + JP together).
    const csv = statisticsCsv(r.value, 'en').split('\r\n');
    expect(csv[0]).toBe('\uFEFFmonth,key,label,count,goods_value_usd,goods_value_krw,taxes_krw,suppressed');
    expect(csv).toContain('2024-05,JP,JP,,,,,fewer than 3');
    expect(csv).toContain('2024-06,US,US,,,,,protects another cell');
    expect(csv).toContain('2024-05,CN,CN,5,50.00,65000,5000,');
  });

  test('a period of fewer than 3 declarations publishes no count at all', async () => {
    const r = await computeStatistics({ ...statDeps('2024-08-01'), disclosure: { minCount: 3 } }, { dimension: 'route', from: '2024-07', to: '2024-07' });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.rows.map((x) => x.suppressed)).toEqual([true]);
    expect(r.value.totals[0]).toMatchObject({ suppressed: true, count: null, taxesKrw: null });
    expect(r.value.period).toMatchObject({ suppressed: true, belowMin: true, count: null });
    expect(r.value.declarations).toBeNull();
  });
});
