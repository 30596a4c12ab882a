// The test run's database templates (vitest globalSetup): made once, copied by every test file's
// startTestDatabase instead of each running initdb and the 100-odd migrations again (about 1.3 s
// of CPU a file on the embedded PostgreSQL, 0.6 s on the server). Embedded: two stopped data
// folders, one just initialised (for { migrate: false }) and one migrated. On the server
// (DATABASE_URL): a migrated database that CREATE DATABASE … TEMPLATE copies. Both are removed
// when the run ends. TEST_DB_FRESH=1: none, every file makes its own as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/adapters/db/open-database.ts';
import { runMigrations } from '../../src/adapters/db/run-migrations.ts';
import { copyDataDir } from './copy-data-dir.ts';
import { makeTempDir } from './test-database.ts';

export type DatabaseTemplates =
  | { kind: 'embedded'; bare: string; migrated: string }
  | { kind: 'server'; migrated: string };

declare module 'vitest' {
  export interface ProvidedContext {
    databaseTemplates: DatabaseTemplates | undefined;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const made = process.env.TEST_DB_FRESH === '1' ? null : process.env.DATABASE_URL ? await serverTemplate(process.env.DATABASE_URL) : await embeddedTemplates();
  project.provide('databaseTemplates', made?.templates);
  return async () => made?.remove();
}

async function embeddedTemplates(): Promise<{ templates: DatabaseTemplates; remove(): Promise<void> }> {
  const bare = makeTempDir('tonggwan-template-bare-');
  const migrated = makeTempDir('tonggwan-template-migrated-');
  const remove = async () => {
    for (const dir of [bare, migrated]) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    // Stopped cleanly (close): no postmaster.pid or lock file is copied along.
    await (await openDatabase({ databaseUrl: null, dataDir: bare })).close();
    copyDataDir(bare, migrated);
    const db = await openDatabase({ databaseUrl: null, dataDir: migrated });
    try {
      await runMigrations(db.pool);
    } finally {
      await db.close();
    }
    return { templates: { kind: 'embedded', bare, migrated }, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}

async function serverTemplate(baseUrl: string): Promise<{ templates: DatabaseTemplates; remove(): Promise<void> }> {
  const name = `tg_template_${crypto.randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: baseUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  const remove = () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    // Its connections closed: CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
    try {
      await runMigrations(db.pool);
    } finally {
      await db.close();
    }
    return { templates: { kind: 'server', migrated: name }, remove };
  } catch (e) {
    await remove();
    throw e;
  }
}
