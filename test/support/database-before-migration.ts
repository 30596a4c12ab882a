// A test database migrated up to one migration, not including it: the tests of a migration store
// rows as they were before it, then run it (and the ones after it) on them. Embedded, or on the
// server when DATABASE_URL is set (startTestDatabase).
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR, runMigrations } from '../../src/adapters/db/run-migrations.ts';
import { makeTempDir, startTestDatabase, type TestDatabase } from './test-database.ts';

/** `version`: the migration's three digits ('078'). `migrateRest` applies it and those after it, and answers their file names. */
export async function databaseBeforeMigration(version: string): Promise<TestDatabase & { migrateRest(): Promise<string[]> }> {
  const db = await startTestDatabase({ migrate: false });
  const dir = makeTempDir('tonggwan-migrations-');
  try {
    for (const f of fs.readdirSync(MIGRATIONS_DIR).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f) && f.slice(0, 3) < version)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    await runMigrations(db.pool, dir);
  } catch (e) {
    await db.close();
    throw e;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return Object.assign(db, { migrateRest: () => runMigrations(db.pool) });
}
