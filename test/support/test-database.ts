// A fresh, migrated database for one test file: an embedded PostgreSQL 15 in a temp folder,
// or, when DATABASE_URL is set, a new database on that server (dropped afterwards).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/adapters/db/open-database.ts';
import { connectionGuardOn, guardPool } from '../../src/adapters/db/connection-guard.ts';
import { runMigrations } from '../../src/adapters/db/run-migrations.ts';
import { copyDataDir } from './copy-data-dir.ts';
import type { DatabaseTemplates } from './database-templates.ts';

export interface TestDatabase extends Database {
  /** The DATA_DIR used (embedded) — a child process may reuse it. */
  dataDir: string | null;
}

/**
 * Another pool on the same database, as a second instance of the platform has its own connections
 * (guarded as the platform's are). pool.end() resolves before its clients have closed: one still
 * closing when the embedded server stops gets "terminating connection", an unhandled error that
 * would fail the run, so its errors are ignored.
 */
export function anotherPool(db: { connectionString: string }, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: db.connectionString, max });
  pool.on('error', () => undefined);
  if (connectionGuardOn()) guardPool(pool);
  return pool;
}

export function serverUrl(): string | null {
  return process.env.DATABASE_URL || null;
}

/** This run's database templates (test/support/database-templates.ts); undefined outside vitest or with TEST_DB_FRESH=1. */
function templates(): DatabaseTemplates | undefined {
  try {
    return inject('databaseTemplates');
  } catch {
    return undefined; // not under vitest's runner (the benches)
  }
}

/** Creates a database on the server, empty or a copy of `template`, and returns its URL. */
export async function createServerDatabase(baseUrl: string, template?: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `tg_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function makeTempDir(prefix = 'tonggwan-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // the embedded server runs as the postgres user
  return dir;
}

export async function startTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const base = serverUrl();
  let db: Database;
  let dataDir: string | null = null;
  let drop: () => Promise<void> = async () => undefined;
  const made = templates();
  const migrate = options.migrate !== false;
  if (base) {
    const created = await createServerDatabase(base, migrate && made?.kind === 'server' ? made.migrated : undefined);
    drop = created.drop;
    db = await openDatabase({ databaseUrl: created.url, dataDir: '' });
  } else {
    dataDir = makeTempDir();
    if (made?.kind === 'embedded') copyDataDir(migrate ? made.migrated : made.bare, dataDir);
    db = await openDatabase({ databaseUrl: null, dataDir });
  }
  // Over a migrated template: finds every migration applied, runs none.
  if (migrate) await runMigrations(db.pool);
  const dir = dataDir;
  return {
    ...db,
    dataDir: dir,
    async close() {
      await db.close();
      await drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
