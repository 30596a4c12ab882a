// Durability: kill -9 the server in the middle of a bulk load, restart it on the same data,
// and check that every acknowledged declaration is there and that retrying the whole load
// stores nothing twice.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, makeTempDir, serverUrl } from '../support/test-database.ts';
import { declaration } from '../support/test-platform.ts';
import { demoApiKey } from '../../src/adapters/demo/seed-demo.ts';
import { freePort } from '../support/free-port.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const KEY = demoApiKey('ALIEXPRESS');

function startServer(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string; output: () => string }> {
  const child = spawn(NODE, ['src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /API docs\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/docs/.exec(out);
      if (m && /started in/.test(out)) resolve({ child, base: m[1]!, output: () => out });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${out}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

async function post(base: string, batch: unknown[]): Promise<any> {
  const res = await fetch(`${base}/api/v1/declarations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ declarations: batch }),
  });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

async function listAll(base: string): Promise<{ id: number; ref: string; cargoNo: string }[]> {
  const all: { id: number; ref: string; cargoNo: string }[] = [];
  let after = 0;
  for (;;) {
    const res = await fetch(`${base}/api/v1/declarations?limit=500&after=${after}`, { headers: { authorization: `Bearer ${KEY}` } });
    const body = (await res.json()) as { declarations: { id: number; ref: string; cargoNo: string }[]; next: number | null };
    all.push(...body.declarations);
    if (body.next === null) return all;
    after = body.next;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe('crash recovery', () => {
  it('keeps every acknowledged declaration across kill -9, and a full retry duplicates nothing', async () => {
    const env: NodeJS.ProcessEnv = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      SEED_DEMO: '1',
      DEMO_DECLARATIONS: '0',
      LOG_LEVEL: 'silent',
      DATABASE_URL: '',
    };
    // The data folder (embedded database, secret key) is a temporary one in both modes, never the checkout's.
    const dir = makeTempDir('tonggwan-crash-');
    env.DATA_DIR = path.join(dir, 'data');
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const base = serverUrl();
    if (base) {
      const created = await createServerDatabase(base);
      env.DATABASE_URL = created.url;
      cleanups.push(created.drop);
    }

    const consignee = (n: number) => ({ name: '정하은', pccc: `P26${String(n).padStart(10, '0')}`, phone: '010-5555-6666', postcode: '13529', address: '경기도 성남시 분당구 1' });
    const batches = Array.from({ length: 40 }, (_, b) => Array.from({ length: 250 }, (_, i) => declaration(`CR-${b}-${i}`, { consignee: consignee(b * 250 + i) })));
    let server = await startServer(env);
    cleanups.push(async () => {
      server.child.kill('SIGKILL');
    });

    // Load with 4 concurrent clients; kill -9 once a few batches are acknowledged.
    const acked = new Map<string, { id: number; cargoNo: string }>();
    let next = 0;
    let killed = false;
    const client = async () => {
      while (next < batches.length && !killed) {
        const batch = batches[next++]!;
        try {
          const r = await post(server.base, batch);
          for (const x of r.results) if (x.status === 'accepted') acked.set(x.ref, { id: x.declarationId, cargoNo: x.cargoNo });
          if (acked.size >= 1500 && !killed) {
            killed = true;
            server.child.kill('SIGKILL');
          }
        } catch {
          return; // the connection died with the server
        }
      }
    };
    await Promise.all([client(), client(), client(), client()]);
    expect(killed).toBe(true);
    await exited(server.child);
    expect(acked.size).toBeGreaterThanOrEqual(1500);
    expect(acked.size).toBeLessThan(10_000);

    // Restart on the same data (a stale lock and an orphaned postmaster are taken over).
    server = await startServer(env);
    const afterCrash = new Map((await listAll(server.base)).map((d) => [d.ref, d]));
    for (const [ref, a] of acked) {
      expect(afterCrash.get(ref)?.id, ref).toBe(a.id);
      expect(afterCrash.get(ref)?.cargoNo).toBe(a.cargoNo);
    }
    // A batch is one transaction: the batches in flight at the kill (sent, not acknowledged)
    // are there whole, committed before the kill, or not at all; never in part.
    const presentPerBatch = batches.map((batch) => batch.filter((d) => afterCrash.has(String(d.ref))).length);
    for (const [b, present] of presentPerBatch.entries()) expect([0, 250], `batch ${b}: ${present} of 250 stored`).toContain(present);
    expect(afterCrash.size).toBe(presentPerBatch.reduce((s, n) => s + n, 0));

    // Retry the whole load: acknowledged ones come back as replays with the same ids.
    for (const batch of batches) {
      const r = await post(server.base, batch);
      for (const x of r.results) {
        expect(x.status).toBe('accepted');
        const before = acked.get(x.ref);
        if (before) expect({ id: x.declarationId, cargoNo: x.cargoNo, replayed: x.replayed }).toEqual({ ...before, replayed: true });
      }
    }
    const final = await listAll(server.base);
    expect(final.length).toBe(10_000);
    expect(new Set(final.map((d) => d.ref)).size).toBe(10_000);

    server.child.kill('SIGTERM');
    await exited(server.child);
  }, 240_000);
});
