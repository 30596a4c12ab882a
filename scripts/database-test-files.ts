// Prints the test files that open a database (they import test/support/test-database.ts,
// test-platform.ts or database-before-migration.ts, or read DATABASE_URL themselves), one per line. CI runs these again on the
// PostgreSQL server; the others (the pure engine, the HTTP schemas, the CLI) give the same
// result on either database, so a second run of them proves nothing and costs minutes.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOTS = ['src', 'web/src', 'bench', 'test/integration'];
const OPENS_DATABASE = /support\/(test-(database|platform)|database-before-migration)\.ts|DATABASE_URL/;

function* testFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(file);
    else if (entry.name.endsWith('.test.ts')) yield file;
  }
}

const files = ROOTS.flatMap((root) => [...testFiles(root)]).filter((f) => OPENS_DATABASE.test(readFileSync(f, 'utf8')));
if (!files.length) {
  console.error('no test file opens a database: the pattern in scripts/database-test-files.ts no longer matches the test helpers');
  process.exit(1);
}
console.log(files.sort().join('\n'));
