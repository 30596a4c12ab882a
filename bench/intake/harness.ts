// Shared by the intake and lookup benches: run the platform as a child process (so the load
// generator does not share its event loop), on a fresh server database or embedded data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const NODE = path.join(ROOT, 'node_modules/.bin/node');
export const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

export interface Target {
  name: 'server' | 'embedded';
  base: string;
  databaseUrl: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

export function targetsFromEnv(): ('server' | 'embedded')[] {
  return (process.env.BENCH_TARGETS ?? 'server,embedded').split(',').map((x) => x.trim()) as ('server' | 'embedded')[];
}

export async function startTarget(name: 'server' | 'embedded'): Promise<Target> {
  // Demo mode on both targets alike (off by default with DATABASE_URL): the benches use the seeded demo API keys.
  // LOOKUP_RATE_LIMIT=0: the lookup bench's 8 clients ask the public route from 127.0.0.1 without a key, far past the per-address limit.
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', TONGGWAN_DEMO: '1', LOOKUP_RATE_LIMIT: '0', SEED_DEMO: '1', DEMO_DECLARATIONS: '0', LOG_LEVEL: 'silent', DATABASE_URL: '' };
  let cleanup = async () => undefined as void;
  if (name === 'server') {
    const base = process.env.DATABASE_URL || DEFAULT_SERVER;
    const db = `tg_bench_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${db}`;
    env.DATABASE_URL = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-bench-'));
    fs.chmodSync(dir, 0o755);
    env.DATA_DIR = path.join(dir, 'data');
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  }
  const child = spawn(NODE, ['src/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const ready = await new Promise<{ base: string; host: string | null }>((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /API docs\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/docs/.exec(out);
      if (m && /started in/.test(out)) resolve({ base: m[1]!, host: /Database\s+embedded, (\S+)/.exec(out)?.[1] ?? null });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`platform exited (${code}):\n${out}`)));
  });
  let databaseUrl = env.DATABASE_URL as string;
  if (name === 'embedded') {
    const password = fs.readFileSync(path.join(env.DATA_DIR as string, 'pg-password'), 'utf8').trim();
    databaseUrl = `postgres://postgres:${encodeURIComponent(password)}@${ready.host}/tonggwan`;
  }
  return {
    name,
    base: ready.base,
    databaseUrl,
    async stop() {
      child.kill('SIGTERM');
      await new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
      await cleanup();
    },
  };
}

/**
 * Waits until the platform's risk worker has scored everything queued (risk_pending empty), so
 * that a baseline measured next does not share the machine with it. Returns the seconds waited.
 */
export async function scoringDone(client: pg.Client): Promise<number> {
  const started = performance.now();
  while (Number((await client.query(`SELECT count(*) AS n FROM risk_pending`)).rows[0].n) > 0) await new Promise((r) => setTimeout(r, 500));
  return (performance.now() - started) / 1000;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export { type ChildProcess };
