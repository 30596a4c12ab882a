// npm run bench:lookup — cargo-number lookups over HTTP (8 concurrent clients) next to
// pgbench's prepared select-only rate (-M prepared, custom -S-style script) on the same table,
// in the same run. BENCH_N declarations are loaded first (default 100,000); BENCH_SECONDS per run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { demoApiKey } from '../../src/adapters/demo/seed-demo.ts';
import { fmt, percentile, startTarget, targetsFromEnv } from '../intake/harness.ts';

const N = Number(process.env.BENCH_N ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 8);
const KEY = demoApiKey('ALIEXPRESS');

async function fill(base: string): Promise<void> {
  const consignees = demoConsignees(Math.max(1000, Math.floor(N / 4)), 13);
  const today = new Date().toISOString().slice(0, 10);
  const starts = Array.from({ length: Math.ceil(N / 1000) }, (_, i) => i * 1000);
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < starts.length) {
        const i = starts[next++]!;
        const declarations = generateDemoDeclarations({ count: Math.min(1000, N - i), until: today, days: 30, consignees, seed: 5000 + i, refPrefix: `LK-${i}` });
        const res = await fetch(`${base}/api/v1/declarations`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ declarations }) });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
}

async function httpLookups(base: string, cargoNos: string[]): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const until = performance.now() + SECONDS * 1000;
  let i = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < until) {
        const no = cargoNos[(i++ * 7919) % cargoNos.length]!;
        const t0 = performance.now();
        const res = await fetch(`${base}/api/v1/lookup/cargo/${no}`);
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { rate: latencies.length / ((performance.now() - started) / 1000), latencies: latencies.sort((a, b) => a - b) };
}

function pgbench(databaseUrl: string, minSeq: number, maxSeq: number, prefix: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-pgbench-'));
  const script = path.join(dir, 'lookup.sql');
  // The same table and key as the HTTP lookup (select-only, like pgbench -S).
  fs.writeFileSync(
    script,
    `\\set n random(${minSeq}, ${maxSeq})\nSELECT id, cargo_no, status, route, hold_reason, assessment FROM declarations WHERE cargo_no = '${prefix}' || lpad(:n::text, 10, '0');\n`,
  );
  const u = new URL(databaseUrl);
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', String(CLIENTS), '-j', '2', '-T', String(SECONDS), '-f', script, '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username), u.pathname.slice(1)], {
    env: { ...process.env, PGPASSWORD: decodeURIComponent(u.password) },
    encoding: 'utf8',
  });
  fs.rmSync(dir, { recursive: true, force: true });
  const m = /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}

console.log(`bench:lookup — ${fmt(N)} declarations, ${CLIENTS} concurrent clients, ${SECONDS} s per run`);
for (const name of targetsFromEnv()) {
  const target = await startTarget(name);
  try {
    await fill(target.base);
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    const r = await client.query(`SELECT min(cargo_no) AS lo, max(cargo_no) AS hi, array_agg(cargo_no) AS all FROM declarations`);
    await client.query('VACUUM ANALYZE declarations');
    await client.end();
    const { lo, hi, all } = r.rows[0] as { lo: string; hi: string; all: string[] };
    const prefix = lo.slice(0, 5);
    const http = await httpLookups(target.base, all);
    const tps = pgbench(target.databaseUrl, Number(lo.slice(5)), Number(hi.slice(5)), prefix);
    console.log(
      [
        `\n[${name}] HTTP lookups by cargo number: ${fmt(http.rate)} req/s, p50 ${fmt(percentile(http.latencies, 50), 2)} ms, p99 ${fmt(percentile(http.latencies, 99), 2)} ms`,
        `  pgbench -M prepared select-only on the same table: ${fmt(tps)} tps`,
        `  ratio HTTP / pgbench: ${fmt((http.rate / tps) * 100, 1)} %  (target ≥ 50 %, p99 < 20 ms on the server)`,
      ].join('\n'),
    );
  } finally {
    await target.stop();
  }
}
