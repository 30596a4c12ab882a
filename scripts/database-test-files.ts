// Prints the test files that open a database (test/support/test-files.ts), one per line; with
// --server, those of them CI runs again on the PostgreSQL server (SERVER_RUN: each for what a server
// changes). The others (the pure engine, the HTTP schemas, the CLI) give the same result on either
// database, so a second run of them proves nothing and costs minutes.
import { SERVER_RUN, testFilesByDatabase } from '../test/support/test-files.ts';

const { database } = testFilesByDatabase();
if (!database.length) {
  console.error('no test file opens a database: the pattern in test/support/test-files.ts no longer matches the test helpers');
  process.exit(1);
}
if (process.argv.includes('--server')) {
  // A renamed or moved file must not drop out of the server run unnoticed.
  const missing = SERVER_RUN.filter((s) => !database.includes(s.file)).map((s) => s.file);
  if (missing.length) {
    console.error(`SERVER_RUN names files that are not database test files: ${missing.join(', ')}`);
    process.exit(1);
  }
  console.log(SERVER_RUN.map((s) => s.file).join('\n'));
} else console.log(database.join('\n'));
