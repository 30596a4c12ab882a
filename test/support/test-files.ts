// Which unit and integration test files open a database. They import test/support/test-database.ts,
// test-platform.ts or database-before-migration.ts, or read process.env.DATABASE_URL themselves. A
// file that only names DATABASE_URL, setting its own (the secrets CLI's unreachable server, the
// config parser's cases, main.ts started on '' for the embedded one), runs the same on either
// database: the secrets CLI's ran again on the server for 60 s of CI (2026-12-07). CI runs them
// again on the PostgreSQL server (scripts/database-test-files.ts), and vitest.config.ts runs the
// others (the pure engine, the HTTP schemas, the CLI's parsing) in workers that keep their modules
// from one file to the next.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const TEST_ROOTS = ['src', 'web/src', 'bench', 'test/integration'];
const OPENS_DATABASE = /support\/(test-(database|platform)|database-before-migration)\.ts|process\.env\.DATABASE_URL/;

function* testFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(file);
    else if (entry.name.endsWith('.test.ts')) yield file;
  }
}

/** The test files under root (a relative path each, '/'-separated, sorted), split by whether they open a database. */
export function testFilesByDatabase(root = '.'): { database: string[]; pure: string[] } {
  const database: string[] = [];
  const pure: string[] = [];
  for (const r of TEST_ROOTS) {
    for (const file of testFiles(path.join(root, r))) {
      const relative = path.relative(root, file).split(path.sep).join('/');
      (OPENS_DATABASE.test(readFileSync(file, 'utf8')) ? database : pure).push(relative);
    }
  }
  return { database: database.sort(), pure: pure.sort() };
}
