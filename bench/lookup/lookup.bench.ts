// npm run bench:lookup — cargo-number lookups over HTTP (8 concurrent clients) next to
// pgbench's prepared select-only rate (-M prepared, custom -S-style script) on the same table,
// in the same run. BENCH_N declarations are loaded first (default 100,000); BENCH_SECONDS per run.
// Fair baseline: pgbench reads the same row of the same table by the same index as the HTTP
// route (declaration_lookup by cargo_no, the body column), prepared, with the same number of
// clients. The HTTP load comes from its own process (bench/lookup/http-client.ts). Both start
// once the platform's risk worker has scored the load (risk_pending empty), on a vacuumed table.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { demoConsignees, generateDemoDeclarations } from '../../src/adapters/demo/generate-demo-declarations.ts';
import { demoApiKey } from '../../src/adapters/demo/seed-demo.ts';
import { fmt, NODE, percentile, scoringDone, startTarget, targetsFromEnv } from '../intake/harness.ts';

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
        const res = await fetch(`${base}/api/v1/declarations`, {
          method: 'POST',
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', prefer: 'return=minimal' },
          body: JSON.stringify({ declarations }),
        });
        if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
        await res.arrayBuffer();
      }
    }),
  );
}

async function httpLookups(base: string, cargoNos: string[], seconds = SECONDS, pathPrefix = '/api/v1/lookup/cargo/'): Promise<{ rate: number; latencies: number[]; cpuSeconds: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-lookup-'));
  const file = path.join(dir, 'cargo-numbers.txt');
  fs.writeFileSync(file, cargoNos.join('\n'));
  const child = spawn(NODE, [path.join(import.meta.dirname, 'http-client.ts'), base, file, String(CLIENTS), String(seconds), pathPrefix], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  fs.rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`http client exited with ${code}`);
  const r = JSON.parse(out) as { requests: number; seconds: number; latencies: number[]; cpuSeconds: number };
  return { rate: r.requests / r.seconds, latencies: r.latencies, cpuSeconds: r.cpuSeconds };
}

function pgbench(databaseUrl: string, minSeq: number, maxSeq: number, prefix: string): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-pgbench-'));
  const script = path.join(dir, 'lookup.sql');
  // The same table and key as the HTTP lookup (select-only, like pgbench -S).
  fs.writeFileSync(
    script,
    `\\set n random(${minSeq}, ${maxSeq})\nSELECT body FROM declaration_lookup WHERE cargo_no = '${prefix}' || lpad(:n::text, 10, '0');\n`,
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

const load = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
console.log(`bench:lookup — ${fmt(N)} declarations, ${CLIENTS} concurrent clients, ${SECONDS} s per run; ${os.cpus().length} cores, load average ${load()}`);
for (const name of targetsFromEnv()) {
  const target = await startTarget(name);
  try {
    await fill(target.base);
    const client = new pg.Client({ connectionString: target.databaseUrl });
    await client.connect();
    // The platform's risk worker scores the load in the background: both measurements start once
    // it is done, so that neither shares the machine with it.
    const scoredAfter = await scoringDone(client);
    const r = await client.query(`SELECT min(cargo_no) AS lo, max(cargo_no) AS hi, array_agg(cargo_no) AS all FROM declaration_lookup`);
    await client.query('VACUUM ANALYZE declarations');
    await client.query('VACUUM ANALYZE declaration_lookup');
    await client.end();
    const { lo, hi, all } = r.rows[0] as { lo: string; hi: string; all: string[] };
    const prefix = lo.slice(0, 5);
    const http = await httpLookups(target.base, all);
    const tps = pgbench(target.databaseUrl, Number(lo.slice(5)), Number(hi.slice(5)), prefix);
    // Context: the same client against the liveness route (no database), the HTTP stack's own ceiling here.
    const ceiling = await httpLookups(target.base, ['x'], Math.min(SECONDS, 5), '/api/health?');
    console.log(
      [
        `\n[${name}] (the risk worker finished scoring the load ${fmt(scoredAfter, 1)} s after it)`,
        `  HTTP lookups by cargo number: ${fmt(http.rate)} req/s, p50 ${fmt(percentile(http.latencies, 50), 2)} ms, p99 ${fmt(percentile(http.latencies, 99), 2)} ms (client process ${fmt(http.cpuSeconds, 1)} CPU s)`,
        `  pgbench -M prepared select-only on the same table (declaration_lookup by cargo_no, ${CLIENTS} clients): ${fmt(tps)} tps`,
        `  (same client, GET /api/health, no database: ${fmt(ceiling.rate)} req/s)`,
        `  ratio HTTP / pgbench: ${fmt((http.rate / tps) * 100, 1)} %  (target ≥ 50 %, p99 < 20 ms on the server); load average ${load()}`,
      ].join('\n'),
    );
  } finally {
    await target.stop();
  }
}
