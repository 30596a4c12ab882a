// npm run bench:statistics — loads N synthetic declarations (default 1,000,000) with COPY, in
// batches of 10,000 like intake, into a fresh embedded PostgreSQL (or a new database on
// DATABASE_URL's server), then times the public statistics query (the rollup the triggers of
// migrations/020_portal.sql keep) next to the raw baseline measured in the same run: the same
// figures aggregated from the declarations themselves. It also checks that both agree.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { performance } from 'node:perf_hooks';
import copyStreams from 'pg-copy-streams';
import { startTestDatabase } from '../../test/support/test-database.ts';
import { copyField, copyJson } from '../../src/adapters/db/copy-text.ts';
import { PgStatisticsStore, monthlyFromDeclarationsSql, monthlyStatisticsSql, rowsOf } from '../../src/adapters/db/statistics-repository.ts';
import type { StatisticsDimension } from '../../src/app/ports/portal-stores.ts';
import { seededRandom } from '../../src/domain/risk/random.ts';

const N = Number(process.env.BENCH_N ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MONTHS = 24;
const BATCH = 10_000;

const ORIGINS = [['CN', 68], ['US', 16], ['JP', 7], ['DE', 3], ['GB', 2], ['FR', 2], ['VN', 1], ['HK', 1]] as const;
const CHAPTERS = ['61', '62', '64', '42', '33', '85', '95', '21', '49', '39', '71', '90'];
const STATUSES = ['released', 'released', 'released', 'released', 'cleared', 'held', 'in_warehouse', 'rejected', 'withdrawn'];

function* rows(operatorId: number, from: number, to: number, r: () => number): Generator<string> {
  const total = ORIGINS.reduce((a, [, w]) => a + w, 0);
  let chunk: string[] = [];
  for (let i = from; i < to; i++) {
    let w = r() * total;
    const origin = (ORIGINS.find(([, x]) => (w -= x) < 0) ?? ORIGINS[0])[0];
    const monthOffset = Math.floor(r() * MONTHS);
    const year = 2025 + Math.floor((monthOffset) / 12);
    const month = (monthOffset % 12) + 1;
    const day = 1 + Math.floor(r() * 28);
    const declaredAt = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const usd = Math.round((5 + r() * r() * 400) * 100) / 100;
    const krw = Math.floor(usd * 1400);
    const route = usd > 150 ? (r() < 0.05 ? 'hold' : 'general') : r() < 0.03 ? 'hold' : 'list';
    const status = STATUSES[Math.floor(r() * STATUSES.length)]!;
    const taxes = usd > 150 ? Math.floor(krw * 0.18 / 10) * 10 : 0;
    const chapter = CHAPTERS[Math.floor(r() * CHAPTERS.length)]!;
    const pccc = `P${String(100000000000 + Math.floor(r() * N * 0.6)).slice(-12)}`;
    const declaration = { items: [{ originCountry: origin }], shipment: { shipFrom: origin } };
    const assessment = { lines: [{ hsCode: `${chapter}01` }], valuation: { goodsValueKrw: krw }, signals: r() < 0.1 ? ['NEAR_DE_MINIMIS'] : [] };
    chunk.push(
      [
        operatorId, `s-${i}`, 'h', declaredAt, pccc, pccc, usd, true, route, status, status === 'held' ? 'held' : 'cleared', 'released', taxes, copyJson(declaration), copyJson(assessment),
      ].map((v) => (typeof v === 'string' && (v.startsWith('{') || v.startsWith('[')) ? v : copyField(v as string | number | boolean))).join('\t') + '\n',
    );
    if (chunk.length === 5000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length) yield chunk.join('');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const db = await startTestDatabase();
try {
  const op = await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('BENCH', 'Bench', 'courier') RETURNING id`);
  const operatorId = Number(op.rows[0].id);
  const random = seededRandom(7);
  const t0 = performance.now();
  for (let from = 0; from < N; from += BATCH) {
    const client = await db.pool.connect();
    try {
      await pipeline(
        Readable.from(rows(operatorId, from, Math.min(N, from + BATCH), random)),
        client.query(
          copyStreams.from(
            `COPY declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, taxes_total_krw, declaration, assessment) FROM STDIN`,
          ),
        ),
      );
    } finally {
      client.release();
    }
  }
  const loadMs = performance.now() - t0;
  // Some later changes, through the update trigger: 1% withdrawn, 1% refused.
  const t2 = performance.now();
  await db.pool.query(`UPDATE declarations SET status = 'withdrawn' WHERE id % 100 = 0`);
  await db.pool.query(`UPDATE declarations SET status = 'rejected' WHERE id % 100 = 1`);
  const updateMs = performance.now() - t2;
  await db.pool.query('VACUUM ANALYZE');
  const deltaRows = Number((await db.pool.query('SELECT count(*) AS n FROM declaration_stats')).rows[0].n);
  const store = new PgStatisticsStore(db.pool);
  const t3 = performance.now();
  await store.compact(0);
  const compactMs = performance.now() - t3;
  const rollupRows = Number((await db.pool.query('SELECT count(*) AS n FROM declaration_stats')).rows[0].n);
  console.log(`bench:statistics  ${N.toLocaleString()} declarations over ${MONTHS} months (${db.kind} PostgreSQL 15), COPY in batches of ${BATCH.toLocaleString()}`);
  console.log(`  COPY load               ${(loadMs / 1000).toFixed(1)} s  (${Math.round(N / (loadMs / 1000)).toLocaleString()} rows/s, rollup triggers and indexes on)`);
  console.log(`  2 x UPDATE of 1%        ${(updateMs / 1000).toFixed(1)} s`);
  console.log(`  rollup                  ${deltaRows.toLocaleString()} delta rows, compacted to ${rollupRows.toLocaleString()} in ${compactMs.toFixed(0)} ms`);

  const range = ['2025-01-01', '2027-01-01'];
  for (const dimension of ['origin', 'category', 'route'] as StatisticsDimension[]) {
    const raw: number[] = [];
    let rawRows: ReturnType<typeof rowsOf> = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      rawRows = rowsOf(await db.pool.query(monthlyFromDeclarationsSql(dimension), range));
      raw.push(performance.now() - s);
    }
    const times: number[] = [];
    let out: ReturnType<typeof rowsOf> = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await store.monthly({ dimension, from: range[0]!, to: range[1]! });
      times.push(r.elapsedMs);
      out = r.rows;
    }
    const key = (x: { month: string; key: string; count: number; valueKrw: number; taxesKrw: number; valueUsd: number }) =>
      `${x.month}|${x.key}|${x.count}|${x.valueKrw}|${x.taxesKrw}|${x.valueUsd.toFixed(2)}`;
    const same = JSON.stringify(rawRows.map(key).sort()) === JSON.stringify(out.map(key).sort());
    const counted = out.reduce((a, r) => a + r.count, 0);
    console.log(
      `  by ${dimension.padEnd(8)} raw aggregate ${median(raw).toFixed(1).padStart(7)} ms | page query (rollup) ${median(times).toFixed(2).padStart(6)} ms | ratio ${(median(raw) / median(times)).toFixed(0)}x | ${out.length} groups, ${counted.toLocaleString()} declarations | equal: ${same ? 'yes' : 'NO'}`,
    );
    if (!same) process.exitCode = 1;
  }
  const plan = await db.pool.query(`EXPLAIN (ANALYZE, FORMAT TEXT) ${monthlyStatisticsSql('origin')}`, range);
  console.log('  plan of the page query (origin, 24 months):');
  for (const l of plan.rows.map((r) => String(r['QUERY PLAN'])).filter((l) => /Scan|Aggregate|Execution Time/.test(l))) console.log(`    ${l.trim()}`);
} finally {
  await db.close();
}
