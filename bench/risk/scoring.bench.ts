// npm run bench:risk — the cost of risk scoring per declaration next to the cost of intake per
// declaration, measured in the same run on the same database (embedded, or DATABASE_URL's
// server).
//   intake:  BENCH_N declarations (default 20,000) over HTTP in batches of 1,000 from one client,
//            the platform in this process without its own scoring worker; intake hands what it
//            commits to the bench's worker, which does not run yet (the queue rows intake writes
//            for the worker and the hand-over are part of intake's cost).
//   scoring: then that worker (batches of BENCH_BATCH, default 1000, as the platform) scores them all:
//            claim from risk_pending, the handed-over declarations (BENCH_HANDOFF=0: read back
//            from the database instead), history from the profile tables, GBDT + factors above
//            0.5 + rules + detectors, writes.
// BENCH_DUMP=file: afterwards writes what scoring stored (dump-risk-tables.ts), to compare versions.
// Each is given as wall time per declaration (one client / one worker), CPU of this process per
// declaration, and CPU of the database cluster per declaration (from /proc, embedded database
// only: a shared server's CPU cannot be told apart). The cost ratio is (process + database CPU)
// of scoring over that of intake. Target (issue 5): scoring < 10 % of intake.
// The intake bench's view (throughput with and without the worker): bench/risk/intake-scoring.bench.ts.
import os from 'node:os';
import { createPlatform } from '../../src/main.ts';
import { createOperator } from '../../src/app/manage-api-keys.ts';
import { PgRiskStore } from '../../src/adapters/db/risk-repository.ts';
import { loadRiskRules } from '../../src/adapters/risk/load-risk-files.ts';
import { startRiskScoringWorker } from '../../src/workers/risk-scoring-worker.ts';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { startTestDatabase } from '../../test/support/test-database.ts';
import { referenceFiles, DATA_DIR } from '../../test/support/reference.ts';
import { testConfig } from '../../test/support/test-platform.ts';
import { databaseCpu, processCpuMs } from './cpu.ts';
import { dumpRiskTables } from './dump-risk-tables.ts';

const N = Number(process.env.BENCH_N ?? 20_000);
const BATCH = 1000;
const WORKER_BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

const db = await startTestDatabase();
const HANDOFF = process.env.BENCH_HANDOFF !== '0';
const platform = await createPlatform(testConfig({ webhookPollMs: 1000, riskWorker: false }), { db, files: await referenceFiles() });
try {
  const { key } = await createOperator(platform.deps, 'system', { code: 'BENCH', name: 'Bench', role: 'marketplace' });
  const { policy } = await loadRiskRules(`${DATA_DIR}/risk-rules.json`);
  const worker = startRiskScoringWorker({ store: new PgRiskStore(db.pool), policy, reference: () => platform.deps.reference.current(), pollMs: 1000, batchSize: WORKER_BATCH, handoffLimit: HANDOFF ? N : 0 }, false);
  await worker.drain(); // reads the active model: from now on it keeps what intake hands over
  platform.deps.scoringHandoff = worker;
  const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 11);
  const today = new Date().toISOString().slice(0, 10);
  const bodies: string[] = [];
  for (let i = 0; i < N; i += BATCH) bodies.push(JSON.stringify({ declarations: generateDemoDeclarations({ count: Math.min(BATCH, N - i), until: today, days: 30, consignees, seed: 1000 + i, refPrefix: `RB-${i}` }) }));
  const dbCpu = await databaseCpu(db.pool);
  console.log(`bench:risk — ${fmt(N)} declarations, ${os.cpus().length} cores, load average ${loadAverage()}; ${platform.db.kind} database${dbCpu ? '' : ' (its CPU is not visible from here)'}`);

  let accepted = 0;
  const c0 = processCpuMs();
  const d0 = dbCpu?.() ?? 0;
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${platform.url}/api/v1/declarations`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', prefer: 'return=minimal' }, body });
    const json = (await res.json()) as { summary: { accepted: number } };
    accepted += json.summary.accepted;
  }
  const intakeMs = performance.now() - t0;
  const intakeCpu = processCpuMs() - c0;
  const intakeDb = (dbCpu?.() ?? 0) - d0;
  const loadAfterIntake = loadAverage();

  await platform.close();
  const c1 = processCpuMs();
  const d1 = dbCpu?.() ?? 0;
  const t1 = performance.now();
  const scored = await worker.drain();
  const scoreMs = performance.now() - t1;
  const scoreCpu = processCpuMs() - c1;
  const scoreDb = (dbCpu?.() ?? 0) - d1;
  await worker.stop();

  const per = (ms: number, n: number) => (ms / n) * 1000; // µs per declaration
  const line = (label: string, n: number, ms: number, cpu: number, dbMs: number, who: string) =>
    `${label} ${fmt(n)} in ${fmt(ms / 1000, 1)} s (${who}) = ${fmt(per(ms, n))} µs wall, ${fmt(per(cpu, n))} µs CPU this process${dbCpu ? ` + ${fmt(per(dbMs, n))} µs CPU database = ${fmt(per(cpu + dbMs, n))} µs CPU` : ''} per declaration`;
  const pct = (a: number, b: number) => `${fmt((a / b) * 100, 1)} %`;
  console.log(
    [
      line('intake: ', accepted, intakeMs, intakeCpu, intakeDb, 'one client'),
      line('scoring:', scored, scoreMs, scoreCpu, scoreDb, `one worker, batches of ${WORKER_BATCH}, ${HANDOFF ? 'declarations handed over by intake' : 'declarations read back from the database'}`),
      `ratio scoring / intake per declaration: ${pct(per(scoreMs, scored), per(intakeMs, accepted))} wall, ${pct(per(scoreCpu, scored), per(intakeCpu, accepted))} CPU this process${
        dbCpu ? `, ${pct(per(scoreDb, scored), per(intakeDb, accepted))} CPU database, ${pct(per(scoreCpu + scoreDb, scored), per(intakeCpu + intakeDb, accepted))} CPU total (the cost)` : ''
      }  (target < 10 %)`,
      `load average after intake ${loadAfterIntake}, after scoring ${loadAverage()}`,
    ].join('\n'),
  );
  if (process.env.BENCH_DUMP) await dumpRiskTables(db.pool, process.env.BENCH_DUMP); // to compare two versions of the code
} finally {
  await platform.close().catch(() => undefined);
  await db.close();
}
