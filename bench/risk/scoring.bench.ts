// node bench/risk/scoring.bench.ts — the cost of risk scoring per declaration against the cost
// of intake per declaration, measured in the same run on the same database (embedded, or
// DATABASE_URL's server). Intake: BENCH_N declarations (default 20,000) over HTTP in batches of
// 1,000 from one client, with no active model (the scoring worker idles). Scoring: then one
// scoring worker (batches of 200, FOR UPDATE SKIP LOCKED, history from the profile tables,
// GBDT + explanations + rules + detectors, writes) scores them all. Both figures are wall time
// per declaration with one client / one worker, and this process's CPU time per declaration
// (the platform runs in-process; the database's own CPU is not counted in either).
// Target: scoring < 10 % of intake.
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

const N = Number(process.env.BENCH_N ?? 20_000);
const BATCH = 1000;
const fmt = (x: number, d = 0) => x.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const db = await startTestDatabase();
const platform = await createPlatform(testConfig({ webhookPollMs: 1000 }), { db, files: await referenceFiles() });
try {
  const { key } = await createOperator(platform.deps, 'system', { code: 'BENCH', name: 'Bench', role: 'marketplace' });
  const version = (await db.pool.query(`UPDATE risk_models SET active = false WHERE active RETURNING version`)).rows[0]?.version as string;
  const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 11);
  const today = new Date().toISOString().slice(0, 10);
  const bodies: string[] = [];
  for (let i = 0; i < N; i += BATCH) bodies.push(JSON.stringify({ declarations: generateDemoDeclarations({ count: Math.min(BATCH, N - i), until: today, days: 30, consignees, seed: 1000 + i, refPrefix: `RB-${i}` }) }));
  console.log(`bench:risk — ${fmt(N)} declarations, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; ${platform.db.kind} database`);

  let accepted = 0;
  const c0 = cpuMs();
  const t0 = performance.now();
  for (const body of bodies) {
    const res = await fetch(`${platform.url}/api/v1/declarations`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', prefer: 'return=minimal' }, body });
    const json = (await res.json()) as { summary: { accepted: number } };
    accepted += json.summary.accepted;
  }
  const intakeMs = performance.now() - t0;
  const intakeCpu = cpuMs() - c0;

  // Score with one worker of our own (the platform's worker stays idle: we re-activate after closing it).
  await platform.close();
  await db.pool.query(`UPDATE risk_models SET active = true WHERE version = $1`, [version]);
  const { policy } = await loadRiskRules(`${DATA_DIR}/risk-rules.json`);
  const worker = startRiskScoringWorker({ store: new PgRiskStore(db.pool), policy, pollMs: 1000 }, false);
  const c1 = cpuMs();
  const t1 = performance.now();
  const scored = await worker.drain();
  const scoreMs = performance.now() - t1;
  const scoreCpu = cpuMs() - c1;
  await worker.stop();

  const perIntake = intakeMs / accepted;
  const perScore = scoreMs / scored;
  console.log(
    [
      `intake:  ${fmt(accepted)} accepted in ${fmt(intakeMs / 1000, 1)} s (one client) = ${fmt(perIntake * 1000)} µs wall, ${fmt((intakeCpu / accepted) * 1000)} µs CPU (this process) per declaration`,
      `scoring: ${fmt(scored)} scored in ${fmt(scoreMs / 1000, 1)} s (one worker)  = ${fmt(perScore * 1000)} µs wall, ${fmt((scoreCpu / scored) * 1000)} µs CPU (this process) per declaration`,
      `ratio scoring / intake: ${fmt((perScore / perIntake) * 100, 1)} % wall, ${fmt((scoreCpu / scored / (intakeCpu / accepted)) * 100, 1)} % CPU  (target < 10 %)`,
    ].join('\n'),
  );
} finally {
  await platform.close().catch(() => undefined);
  await db.close();
}
