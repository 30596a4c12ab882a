// node bench/risk/intake-scoring.bench.ts — what risk scoring adds to the cost of intake, seen
// the way bench/intake/intake.bench.ts loads the platform: the platform as a child process
// (bench/intake/harness.ts), BENCH_N declarations (default 50,000) over HTTP in batches of 1,000
// from BENCH_CLIENTS (default 8) concurrent clients, `Prefer: return=minimal`. Twice, each on a
// fresh database:
//   without scoring: no active model and the scoring queue's intake trigger disabled — the
//                    platform as if risk scoring did not exist;
//   with scoring:    the demo model active; the platform's scoring worker scores while intake
//                    runs, and the run ends when the queue (risk_pending) is empty.
// Reported: intake throughput of each run, the time until every declaration is scored, and the
// CPU of the platform process + the database cluster (from /proc; the embedded database only,
// a shared server's CPU cannot be told apart). Scoring's cost = the CPU the second run used
// beyond the first. Target (issue 5): < 10 % of intake.
// BENCH_TARGETS=embedded (default) | server | server,embedded.
import fs from 'node:fs';
import os from 'node:os';
import pg from 'pg';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { demoApiKey } from '../../src/adapters/demo/seed-demo.ts';
import { fmt, percentile, startTarget } from '../intake/harness.ts';
import { databaseCpu } from './cpu.ts';

const N = Number(process.env.BENCH_N ?? 50_000);
const BATCH = 1000;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const KEY = demoApiKey('ALIEXPRESS');
const targets = (process.env.BENCH_TARGETS ?? 'embedded').split(',').map((x) => x.trim()) as ('server' | 'embedded')[];
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function bodies(): string[] {
  const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 11);
  const today = new Date().toISOString().slice(0, 10);
  const out: string[] = [];
  for (let i = 0; i < N; i += BATCH) out.push(JSON.stringify({ declarations: generateDemoDeclarations({ count: Math.min(BATCH, N - i), until: today, days: 30, consignees, seed: 1000 + i, refPrefix: `RS-${i}` }) }));
  return out;
}

async function load(base: string, payloads: string[]): Promise<{ accepted: number; latencies: number[] }> {
  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < payloads.length) {
        const body = payloads[next++]!;
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/declarations`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', prefer: 'return=minimal' }, body });
        const json = (await res.json()) as { summary?: { accepted: number } };
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
        accepted += json.summary!.accepted;
      }
    }),
  );
  return { accepted, latencies: latencies.sort((a, b) => a - b) };
}

/** The platform child process: the node process started with PORT=<port>. */
function platformCpu(base: string): () => number {
  const port = new URL(base).port;
  const pid = fs
    .readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .find((n) => {
      try {
        return fs.readFileSync(`/proc/${n}/environ`, 'utf8').split('\0').includes(`PORT=${port}`) && fs.readFileSync(`/proc/${n}/cmdline`, 'utf8').includes('src/main.ts');
      } catch {
        return false;
      }
    });
  if (!pid) throw new Error(`no platform process listening on ${port}`);
  return () => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const x = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return (Number(x[11]) + Number(x[12])) * 10;
  };
}

interface Run {
  batches: number;
  intakeS: number;
  allS: number;
  accepted: number;
  p50: number;
  platformMs: number;
  databaseMs: number | null;
}

async function run(name: 'server' | 'embedded', scoring: boolean, payloads: string[]): Promise<Run> {
  const target = await startTarget(name);
  const pool = new pg.Pool({ connectionString: target.databaseUrl, max: 2 });
  try {
    if (!scoring) {
      await pool.query(`UPDATE risk_models SET active = false WHERE active`);
      await pool.query(`ALTER TABLE declarations DISABLE TRIGGER declarations_risk_pending`);
    }
    const platform = platformCpu(target.base);
    const database = name === 'embedded' ? await databaseCpu(pool) : null;
    const p0 = platform();
    const d0 = database?.() ?? 0;
    const t0 = performance.now();
    const r = await load(target.base, payloads);
    const intakeS = (performance.now() - t0) / 1000;
    if (scoring) while (Number((await pool.query(`SELECT count(*) AS n FROM risk_pending`)).rows[0].n) > 0) await new Promise((res) => setTimeout(res, 100));
    const allS = (performance.now() - t0) / 1000;
    // Let the last commits and WAL writes settle before reading the CPU.
    await new Promise((res) => setTimeout(res, 500));
    // Scores of one batch share their transaction's now().
    const batches = Number((await pool.query(`SELECT count(DISTINCT scored_at) AS n FROM risk_scores`)).rows[0].n);
    return { batches, intakeS, allS, accepted: r.accepted, p50: percentile(r.latencies, 50), platformMs: platform() - p0, databaseMs: database ? database() - d0 : null };
  } finally {
    await pool.end();
    await target.stop();
  }
}

console.log(`bench:risk intake — ${fmt(N)} declarations, batches of ${fmt(BATCH)}, ${CLIENTS} concurrent clients over HTTP; ${os.cpus().length} cores, load average ${loadAverage()}`);
const payloads = bodies();
for (const name of targets) {
  const without = await run(name, false, payloads);
  const loadBetween = loadAverage();
  const withScoring = await run(name, true, payloads);
  const cpu = (r: Run) => r.platformMs + (r.databaseMs ?? 0);
  const per = (ms: number, n: number) => fmt((ms / n) * 1000);
  const line = (label: string, r: Run) =>
    `  ${label}: intake ${fmt(r.accepted)} in ${fmt(r.intakeS, 1)} s = ${fmt(r.accepted / r.intakeS)} declarations/s (p50 ${fmt(r.p50)} ms per batch)` +
    (r.batches > 0 ? `, all scored after ${fmt(r.allS, 1)} s in ${fmt(r.batches)} batches` : '') +
    `; CPU per declaration: platform ${per(r.platformMs, r.accepted)} µs${r.databaseMs !== null ? ` + database ${per(r.databaseMs, r.accepted)} µs = ${per(cpu(r), r.accepted)} µs` : ''}`;
  console.log(
    [
      `\n[${name}]`,
      line('without scoring', without),
      line('with scoring   ', withScoring),
      `  scoring adds ${fmt(((cpu(withScoring) - cpu(without)) / cpu(without)) * 100, 1)} % CPU${withScoring.databaseMs === null ? ' (platform process only)' : ' (platform + database)'} and ${fmt(((withScoring.allS - without.intakeS) / without.intakeS) * 100, 1)} % wall time until all are scored, to intake  (target < 10 %)`,
      `  load average: before ${loadBetween} (between runs), after ${loadAverage()}`,
    ].join('\n'),
  );
}
