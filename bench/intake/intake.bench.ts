// npm run bench:intake — loads BENCH_N declarations (default 200,000) over HTTP in batches
// of 1,000 with 8 concurrent clients, into a PostgreSQL server and into the embedded
// database, and prints declarations/s and p50/p99 request latency next to the raw rate of a
// PostgreSQL COPY of the same rows (same table shape) measured in the same run.
// Requests ask for `Prefer: return=minimal` (the per-declaration outcome without the full
// assessment), as a bulk loader would; BENCH_RESPONSE=full asks for the full answer instead.
import os from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { demoApiKey } from '../../src/adapters/demo/seed-demo.ts';
import { fmt, percentile, scoringDone, startTarget, targetsFromEnv } from './harness.ts';

const N = Number(process.env.BENCH_N ?? 200_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const KEY = demoApiKey('ALIEXPRESS');
const MINIMAL = (process.env.BENCH_RESPONSE ?? 'minimal') !== 'full';
const loadAverage = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');

function bodies(): string[] {
  const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 11);
  const today = new Date().toISOString().slice(0, 10);
  const out: string[] = [];
  for (let i = 0; i < N; i += BATCH) {
    const batch = generateDemoDeclarations({ count: Math.min(BATCH, N - i), until: today, days: 30, consignees, seed: 1000 + i, refPrefix: `BENCH-${i}` });
    out.push(JSON.stringify({ declarations: batch }));
  }
  return out;
}

async function load(base: string, payloads: string[]): Promise<{ seconds: number; accepted: number; latencies: number[] }> {
  let next = 0;
  let accepted = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < payloads.length) {
        const body = payloads[next++]!;
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/declarations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...(MINIMAL ? { prefer: 'return=minimal' } : {}) },
          body,
        });
        const json = (await res.json()) as { summary?: { accepted: number } };
        latencies.push(performance.now() - t0);
        if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
        accepted += json.summary!.accepted;
      }
    }),
  );
  return { seconds: (performance.now() - started) / 1000, accepted, latencies: latencies.sort((a, b) => a - b) };
}

/** Raw baseline: COPY the stored rows (exported first) into an empty table of the same shape. */
async function rawCopy(databaseUrl: string): Promise<{ rows: number; seconds: number; scoredAfter: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // Intake's time includes the risk worker scoring alongside; the baseline runs once it is done.
    const scoredAfter = await scoringDone(client);
    await client.query(`DROP TABLE IF EXISTS bench_copy; CREATE TABLE bench_copy (LIKE declarations INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING GENERATED)`);
    const chunks: Buffer[] = [];
    const out = client.query(copyStreams.to(`COPY declarations TO STDOUT`));
    for await (const c of out) chunks.push(c as Buffer);
    const rows = (await client.query(`SELECT count(*)::int AS n FROM declarations`)).rows[0].n as number;
    const t0 = performance.now();
    await client.query('BEGIN');
    await pipeline(Readable.from(chunks), client.query(copyStreams.from(`COPY bench_copy FROM STDIN`)));
    await client.query('COMMIT');
    const seconds = (performance.now() - t0) / 1000;
    await client.query(`DROP TABLE bench_copy`);
    return { rows, seconds, scoredAfter };
  } finally {
    await client.end();
  }
}

console.log(
  `bench:intake — ${fmt(N)} declarations, batches of ${fmt(BATCH)}, ${CLIENTS} concurrent clients over HTTP, ${MINIMAL ? 'Prefer: return=minimal' : 'full responses'}; ${os.cpus().length} cores, load average ${loadAverage()}`,
);
const payloads = bodies();
console.log(`(generated ${payloads.length} request bodies, ${fmt(payloads.reduce((a, b) => a + b.length, 0) / 1e6, 1)} MB)`);
for (const name of targetsFromEnv()) {
  const target = await startTarget(name);
  try {
    const r = await load(target.base, payloads);
    const raw = await rawCopy(target.databaseUrl);
    const rate = r.accepted / r.seconds;
    const rawRate = raw.rows / raw.seconds;
    console.log(
      [
        `\n[${name}] HTTP intake: ${fmt(r.accepted)} accepted in ${fmt(r.seconds, 1)} s = ${fmt(rate)} declarations/s`,
        `  request latency (batch of ${BATCH}): p50 ${fmt(percentile(r.latencies, 50))} ms, p99 ${fmt(percentile(r.latencies, 99))} ms`,
        `  raw PostgreSQL COPY of the same ${fmt(raw.rows)} rows (same table shape, one stream, after the risk worker finished ${fmt(raw.scoredAfter, 1)} s later): ${fmt(rawRate)} rows/s`,
        `  ratio intake / raw COPY: ${fmt((rate / rawRate) * 100, 1)} %  (target ≥ 50 % on the server); load average ${loadAverage()}`,
      ].join('\n'),
    );
  } finally {
    await target.stop();
  }
}
