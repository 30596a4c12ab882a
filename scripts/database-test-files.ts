// Prints the test files that open a database (test/support/test-files.ts), one per line. CI runs
// these again on the PostgreSQL server; the others (the pure engine, the HTTP schemas, the CLI)
// give the same result on either database, so a second run of them proves nothing and costs minutes.
import { testFilesByDatabase } from '../test/support/test-files.ts';

const { database } = testFilesByDatabase();
if (!database.length) {
  console.error('no test file opens a database: the pattern in test/support/test-files.ts no longer matches the test helpers');
  process.exit(1);
}
console.log(database.join('\n'));
