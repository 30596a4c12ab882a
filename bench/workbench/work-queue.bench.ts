// npm run bench:work-queue — loads N open declarations (default 100,000) whose declaration and
// assessment are the engine's own output for synthetic parcels (so the stored JSON has its real
// size), with the signal points intake stores with them (app/declaration-rows.ts), into a fresh
// embedded PostgreSQL (or a new database on DATABASE_URL's server), and times the officer work
// queue's first page without an active risk model (the ranking by the rule-based signals), next
// to a plain page of the open declarations by age measured in the same run.
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { startTestDatabase } from '../../test/support/test-database.ts';
import { loadReferenceFiles } from '../../src/adapters/reference/load-reference-files.ts';
import { compileReference } from '../../src/domain/reference/compile-reference.ts';
import { assessBatch } from '../../src/domain/assess.ts';
import { listWorkQueue, OPEN_STATUSES } from '../../src/app/list-work-queue.ts';
import { PgWorkbenchStore } from '../../src/adapters/db/workbench-repository.ts';
import { syntheticDeclarations } from '../synthetic-declarations.ts';
import { signalPoints } from '../../src/domain/queue-points.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const SAMPLES = 2_000;

const reference = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
const inputs = syntheticDeclarations(SAMPLES);
const assessed = assessBatch(inputs, reference)
  .map((a, i) => ({ a, d: inputs[i]! }))
  .filter((x) => x.a.status !== 'rejected');

const db = await startTestDatabase();
try {
  const op = await db.pool.query(`INSERT INTO operators (code, name, role) VALUES ('BENCH', 'Bench', 'courier') RETURNING id`);
  const operatorId = Number(op.rows[0].id);
  await db.pool.query(`CREATE TEMP TABLE samples (k int, declaration jsonb, assessment jsonb, usd float8, route text, points int)`);
  await db.pool.query(
    `INSERT INTO samples SELECT * FROM unnest($1::int[], $2::jsonb[], $3::jsonb[], $4::float8[], $5::text[], $6::int[])`,
    [assessed.map((_, i) => i), assessed.map((x) => JSON.stringify(x.d)), assessed.map((x) => JSON.stringify(x.a)), assessed.map((x) => x.a.goodsValueUsd ?? 0), assessed.map((x) => x.a.route), assessed.map((x) => signalPoints(x.a.signals))],
  );
  const t0 = performance.now();
  // Open statuses only; one parcel in 20 held.
  await db.pool.query(
    `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, goods_value_usd, personal, route, status, clearance_stage, cargo_stage, declaration, assessment, signal_points)
     SELECT $1, 'wq-' || g, 'h', date '2026-01-01' + (g % 60), 'P' || lpad((g % 60000)::text, 12, '0'), 'c' || (g % 60000), s.usd, true, s.route,
            CASE WHEN g % 20 = 0 THEN 'held' ELSE ($3::text[])[1 + g % array_length($3::text[], 1)] END,
            CASE WHEN g % 20 = 0 THEN 'held' ELSE 'declared' END, 'pre_arrival', s.declaration, s.assessment, s.points
       FROM generate_series(1, $2::int) g JOIN samples s ON s.k = g % $4::int`,
    [operatorId, N, OPEN_STATUSES.filter((s) => s !== 'held'), assessed.length],
  );
  await db.pool.query('VACUUM ANALYZE declarations');
  console.log(`loaded ${N.toLocaleString('en-US')} open declarations (${assessed.length} engine assessments) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const store = { workbench: new PgWorkbenchStore(db.pool) };
  const time = async (f: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await f();
      ms.push(performance.now() - t);
    }
    return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)]!;
  };
  const baseline = await time(() => db.pool.query(`SELECT id FROM declarations WHERE status = ANY($1::text[]) ORDER BY updated_at, id LIMIT 50`, [OPEN_STATUSES]));
  const queue = await time(() => listWorkQueue(store, { limit: 50 }));
  const page = await listWorkQueue(store, { limit: 3 });
  console.log(`work queue, first 50 (no model): median ${queue.toFixed(1)} ms over ${RUNS} runs`);
  console.log(`baseline, first 50 open by age:  median ${baseline.toFixed(1)} ms`);
  console.log(`top of the queue: ${page.map((r) => `${r.riskScore} [${r.signals.join(' ')}]`).join(' | ')}`);
} finally {
  await db.close();
}
