// A first start stopped while seeding the demo data (Ctrl-C): it stops cleanly (one line, no
// stack, the embedded database stopped, the lock file gone), and the next start clears what the
// seed made and seeds again (src/adapters/demo/demo-seed-state.ts). Also: every table is either
// cleared or kept by that, and what may not be cleared (data the seed did not make, a database
// seeded before the record, a complete seed) is not.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createServerDatabase, makeTempDir, serverUrl, startTestDatabase } from '../support/test-database.ts';
import { DEMO_COUNTER_TABLES, DEMO_DATA_TABLES, KEPT_TABLES, completeDemoSeed, noteStartWithoutSeed, prepareDemoSeed } from '../../src/adapters/demo/demo-seed-state.ts';
import { CORRECTION_DEMO_PARCELS } from '../../src/adapters/demo/seed-correction-demo.ts';
import { ENGINE_HOLD_DEMO_PARCELS } from '../../src/adapters/demo/seed-engine-hold-demo.ts';
import { createStaffUser } from '../../src/adapters/db/create-staff-user.ts';
import { nodeSecrets } from '../../src/adapters/crypto/node-secrets.ts';
import { createPlatform } from '../../src/main.ts';
import { freePort } from '../support/free-port.ts';
import { referenceFiles } from '../support/reference.ts';
import { testConfig } from '../support/test-platform.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
/** Operators the demo declarations are spread over (the couriers declare none). */
const DECLARING = ['ALIEXPRESS', 'COUPANG', 'IHERB', 'KIMLEE', 'MALLTAIL', 'TEMU'];
const STACK = /^\s+at .+[(:]\d+/m;

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

/** `node src/main.ts` in its own process group, as a terminal runs it: a Ctrl-C signals node and the embedded postgres alike. */
function spawnPlatform(env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string; exited: Promise<number | null>; waitFor: (re: RegExp) => Promise<RegExpExecArray> } {
  const child = spawn(NODE, ['src/main.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let out = '';
  const waiters: (() => void)[] = [];
  const onData = (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitFor = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = re.exec(out);
        if (m) {
          waiters.splice(waiters.indexOf(check), 1);
          resolve(m);
        }
      };
      waiters.push(check);
      void exited.then(() => reject(new Error(`platform exited before ${re}:\n${out}`)));
      check();
    });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL');
  });
  return { child, output: () => out, exited, waitFor };
}

/** The platform's database, as its own connection (the embedded one: port from postmaster.pid, the password file). */
async function connect(dataDir: string, databaseUrl: string): Promise<pg.Client> {
  let config: pg.ClientConfig;
  if (databaseUrl) config = { connectionString: databaseUrl };
  else {
    const port = Number(fs.readFileSync(path.join(dataDir, 'pgdata/postmaster.pid'), 'utf8').split('\n')[3]);
    config = { host: '127.0.0.1', port, user: 'postgres', password: fs.readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim(), database: 'tonggwan' };
  }
  const client = new pg.Client(config);
  client.on('error', () => undefined); // the embedded server stops under it
  await client.connect();
  return client;
}

describe('a first start interrupted while seeding the demo data', () => {
  it('stops cleanly on SIGINT, and the next start seeds the demo data again, completely', async () => {
    const dir = makeTempDir('tonggwan-demo-seed-');
    cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    const env: NodeJS.ProcessEnv = { PORT: String(await freePort()), HOST: '127.0.0.1', DATA_DIR: dataDir, TONGGWAN_DEMO: '1', SEED_DEMO: '1', DEMO_DECLARATIONS: '600', LOG_LEVEL: 'silent', DATABASE_URL: '' };
    const base = serverUrl();
    if (base) {
      const created = await createServerDatabase(base);
      env.DATABASE_URL = created.url;
      cleanups.push(created.drop);
    }

    // The first start, held in its seed: once the first operator's declarations are stored, their
    // rows are locked, so the lifecycle (which moves them on from 신고접수) waits for them — as long
    // as this test wants, whatever the machine's speed.
    const first = spawnPlatform(env);
    await first.waitFor(/Seeding demo data \(first start\)/);
    const holder = await connect(dataDir, env.DATABASE_URL!);
    for (;;) {
      if ((await holder.query(`SELECT 1 FROM declarations LIMIT 1`)).rowCount) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    await holder.query('BEGIN');
    await holder.query(`SELECT id FROM declarations FOR UPDATE`);
    // Caught before any parcel moved: none has arrived yet.
    expect((await holder.query(`SELECT count(*)::int AS n FROM declaration_events WHERE type = 'ARRIVAL_REPORT_SUBMITTED'`)).rows[0].n).toBe(0);

    // Ctrl-C (the whole process group, postgres included).
    process.kill(-first.child.pid!, 'SIGINT');
    if (env.DATABASE_URL) await holder.query('ROLLBACK'); // a server does not stop: let the seed's transaction go
    expect(await first.exited).toBe(130);
    await holder.end().catch(() => undefined);
    const said = first.output();
    expect(said).toMatch(/^SIGINT: start interrupted; stopped cleanly\./m);
    expect(said).not.toMatch(STACK);
    expect(said).not.toMatch(/Tonggwan failed to start|Tonggwan is running|Unhandled|Connection terminated/);
    expect(fs.existsSync(path.join(dataDir, 'tonggwan.lock'))).toBe(false);
    if (!env.DATABASE_URL) expect(fs.existsSync(path.join(dataDir, 'pgdata/postmaster.pid'))).toBe(false); // postgres stopped

    // The second start: the half-made seed is cleared and done again.
    const second = spawnPlatform(env);
    const [, url] = await second.waitFor(/API docs\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/docs/);
    await second.waitFor(/started in/);
    const out = second.output();
    expect(out).toMatch(/what it made is cleared and seeded again/);
    expect(out).not.toMatch(STACK);
    expect(out).not.toMatch(/worker:|error/i);

    const [, sample] = /Sample lookup\s+\S+\/api\/v1\/lookup\/cargo\/(\S+)/.exec(out) ?? [];
    expect(sample).toBeTruthy();
    const lookup = await fetch(`${url}/api/v1/lookup/cargo/${sample}`);
    expect(lookup.status).toBe(200);
    const signIn = await fetch(`${url}/api/v1/auth/sign-in`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'tonggwan-admin' }) });
    expect(signIn.status).toBe(200);

    let inspections = 0;
    const db = await connect(dataDir, env.DATABASE_URL!);
    try {
      const states = await db.query(`SELECT o.code, count(DISTINCT d.status)::int AS states, count(*)::int AS n FROM declarations d JOIN operators o ON o.id = d.operator_id GROUP BY o.code ORDER BY o.code`);
      expect(states.rows.map((r) => r.code)).toEqual(DECLARING);
      for (const r of states.rows) expect(r.states, r.code).toBeGreaterThan(1);
      // 600 asked for, and the parcels decided before the latest data corrections (seed-correction-demo.ts): once, not the first try's on top.
      expect((await db.query(`SELECT count(*)::int AS n FROM declarations`)).rows[0].n).toBe(600 + CORRECTION_DEMO_PARCELS + ENGINE_HOLD_DEMO_PARCELS);
      // Those were decided again once (each recorded two superseded versions: two rows, all done).
      expect((await db.query(`SELECT count(*)::int AS n FROM declaration_events WHERE type = 'REFERENCE_REASSESSED'`)).rows[0].n).toBe(CORRECTION_DEMO_PARCELS - 1);
      expect((await db.query(`SELECT count(*)::int AS n, count(done_at)::int AS done FROM reference_redecisions`)).rows[0]).toEqual({ n: 2 * CORRECTION_DEMO_PARCELS, done: 2 * CORRECTION_DEMO_PARCELS });
      expect((await db.query(`SELECT count(*)::int AS n FROM operators`)).rows[0].n).toBe(10);
      expect((await db.query(`SELECT count(*)::int AS n FROM users`)).rows[0].n).toBe(2);
      expect((await db.query(`SELECT count(*)::int AS n FROM pccc_registry_events WHERE actor_kind = 'system' AND action = 'issue'`)).rows[0].n).toBe(6); // 5 holders, one reissued: once each
      inspections = (await db.query(`SELECT count(*)::int AS n FROM inspection_results`)).rows[0].n;
      expect(inspections).toBeGreaterThan(0);
      const seed = (await db.query(`SELECT attempts, completed_at FROM demo_seed`)).rows[0];
      expect(seed.attempts).toBe(2);
      expect(seed.completed_at).not.toBeNull();
      expect((await db.query(`SELECT detail FROM audit_log WHERE action = 'demo.reseed'`)).rows).toHaveLength(1);
    } finally {
      await db.end();
    }

    process.kill(second.child.pid!, 'SIGTERM');
    expect(await second.exited).toBe(0);

    // A third start over the seeded data (as the browser tests start from a copy of one seeded folder):
    // nothing seeded again, and the banner names what the seeding start's did (logins, API keys,
    // the same sample parcel, the demo consumer), only at its own address.
    const third = spawnPlatform(env);
    const [, url3] = await third.waitFor(/API docs\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/docs/);
    await third.waitFor(/started in/);
    const out3 = third.output();
    expect(out3).not.toMatch(/Seeding demo data|seeded again|not done again/);
    const logins = (text: string, at: string) => text.slice(text.indexOf('Demo logins:'), text.indexOf('(started in')).replaceAll(at, 'URL');
    expect(logins(out, url!)).toMatch(/admin\s+admin \/ tonggwan-admin[\s\S]*API key: tgk_demo_aliexpress_[\s\S]*Sample lookup\s+URL\/api\/v1\/lookup\/cargo\/\S+[\s\S]*Consumer\s+PCCC P250000000001/);
    expect(logins(out3, url3!)).toBe(logins(out, url!));
    expect((await fetch(`${url3}/api/v1/lookup/cargo/${sample}`)).status).toBe(200);
    const again = await connect(dataDir, env.DATABASE_URL!);
    try {
      expect((await again.query(`SELECT count(*)::int AS n FROM declarations`)).rows[0].n).toBe(600 + CORRECTION_DEMO_PARCELS + ENGINE_HOLD_DEMO_PARCELS);
      expect((await again.query(`SELECT count(*)::int AS n FROM declaration_events WHERE type = 'REFERENCE_REASSESSED'`)).rows[0].n).toBe(CORRECTION_DEMO_PARCELS - 1);
      expect((await again.query(`SELECT count(*)::int AS n FROM operators`)).rows[0].n).toBe(10);
      expect((await again.query(`SELECT count(*)::int AS n FROM pccc_registry_events WHERE actor_kind = 'system' AND action = 'issue'`)).rows[0].n).toBe(6);
      expect((await again.query(`SELECT count(*)::int AS n FROM inspection_results`)).rows[0].n).toBe(inspections);
      expect((await again.query(`SELECT attempts FROM demo_seed`)).rows[0].attempts).toBe(2);
    } finally {
      await again.end();
    }
    process.kill(third.child.pid!, 'SIGTERM');
    expect(await third.exited).toBe(0);
  }, 180_000);
});

describe('what an interrupted seed clears', () => {
  it('places every table of the schema: cleared, set back, or kept', async () => {
    const db = await startTestDatabase();
    try {
      const tables = (await db.pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.tablename as string);
      const placed = [...DEMO_DATA_TABLES, ...DEMO_COUNTER_TABLES, ...KEPT_TABLES];
      expect(new Set(placed).size).toBe(placed.length);
      expect([...placed].sort()).toEqual(tables);
    } finally {
      await db.close();
    }
  });

  it('clears only a seed it began on a database without operators, and never data the seed did not make', async () => {
    const db = await startTestDatabase();
    const log: string[] = [];
    const say = (l: string) => log.push(l);
    const user = (name: string) => db.pool.query(`INSERT INTO users (username, display_name, role, password_hash) VALUES ($1, $1, 'officer', 'x')`, [name]);
    const operator = (code: string) => db.pool.query(`INSERT INTO operators (code, name, role) VALUES ($1, $1, 'seller')`, [code]);
    const count = async (t: string) => (await db.pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n as number;
    try {
      // A database seeded before the record (operators, no row): left as it is, as before.
      await operator('ALIEXPRESS');
      expect(await prepareDemoSeed(db.pool, say)).toBe('existing');
      await db.pool.query(`DELETE FROM operators`);

      // Begun on an empty database, interrupted (a demo operator and user made): cleared and begun again.
      expect(await prepareDemoSeed(db.pool, say)).toBe('seed');
      await operator('TEMU');
      await user('admin');
      expect(await prepareDemoSeed(db.pool, say)).toBe('seed');
      expect([await count('operators'), await count('users')]).toEqual([0, 0]);

      // Incomplete, but with a staff account the seed did not make (tonggwan users add): kept, and said.
      await operator('TEMU');
      await user('kim');
      expect(await prepareDemoSeed(db.pool, say)).toBe('incomplete');
      expect([await count('operators'), await count('users')]).toEqual([1, 1]);
      expect(log.at(-1)).toMatch(/not done again \(it has staff accounts the seed did not make: kim\)/);
      await db.pool.query(`DELETE FROM users WHERE username = 'kim'`);

      // Incomplete, and a start without the seed ran on it: kept.
      await noteStartWithoutSeed(db.pool);
      expect(await prepareDemoSeed(db.pool, say)).toBe('incomplete');
      expect(await count('operators')).toBe(1);
      expect(log.at(-1)).toMatch(/the platform ran on this database without the seed since/);

      // Complete: never seeded again.
      await db.pool.query(`UPDATE demo_seed SET served_at = NULL`);
      await completeDemoSeed(db.pool);
      expect(await prepareDemoSeed(db.pool, say)).toBe('complete');
      await noteStartWithoutSeed(db.pool);
      expect((await db.pool.query(`SELECT served_at FROM demo_seed`)).rows[0].served_at).toBeNull();
      expect(await count('operators')).toBe(1);
    } finally {
      await db.close();
    }
  });
});

describe('a staff account made before the first start (`tonggwan users add admin`)', () => {
  it('is seeded around and kept: the first start does not fail on its name, and a start after an interrupted seed does not replace it with the demo login', async () => {
    // Before: the seed failed on users_username_key (a stack trace), and the next start deleted the account as the
    // demo one and made admin / tonggwan-admin again, under the name its owner chose and with the public password.
    const db = await startTestDatabase();
    let platform: Awaited<ReturnType<typeof createPlatform>> | undefined;
    try {
      const own = 'our own admin passphrase';
      expect(await createStaffUser(db.pool, { username: 'admin', displayName: '관리자', role: 'admin', passwordHash: await nodeSecrets.hashPassword(own) })).toMatchObject({ ok: true });
      platform = await createPlatform(testConfig({ seedDemo: true, demoDeclarations: 30 }), { db, files: await referenceFiles() });
      // the banner does not announce the demo password for it; the demo officer is made as usual
      expect(platform.demo!.users).toEqual([
        { username: 'admin', password: null, role: 'admin' },
        { username: 'officer', password: 'tonggwan-officer', role: 'officer' },
      ]);
      expect((await db.pool.query(`SELECT count(*)::int AS n FROM operators`)).rows[0].n).toBe(10);
      const ownAccount = async () => {
        const u = await platform!.deps.access.findUserByUsername('admin');
        return { displayName: u?.displayName, ownPassword: u ? await nodeSecrets.verifyPassword(own, u.passwordHash) : false };
      };
      expect(await ownAccount()).toEqual({ displayName: '관리자', ownPassword: true });

      // A seed stopped before its end (as if Ctrl-C): the next start keeps what is there, and says why.
      await db.pool.query(`UPDATE demo_seed SET completed_at = NULL`);
      const log: string[] = [];
      expect(await prepareDemoSeed(db.pool, (l) => log.push(l))).toBe('incomplete');
      expect(log.at(-1)).toMatch(/not done again \(it has staff accounts the seed did not make: admin\)/);
      expect(await ownAccount()).toEqual({ displayName: '관리자', ownPassword: true });
    } finally {
      await platform?.close();
      await db.close();
    }
  }, 120_000);
});
