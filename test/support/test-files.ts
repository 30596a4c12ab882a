// Which unit and integration test files open a database. They import test/support/test-database.ts,
// test-platform.ts or database-before-migration.ts, or read process.env.DATABASE_URL themselves. A
// file that only names DATABASE_URL, setting its own (the secrets CLI's unreachable server, the
// config parser's cases, main.ts started on '' for the embedded one), runs the same on either
// database: the secrets CLI's ran again on the server for 60 s of CI (2026-12-07). CI runs SERVER_RUN
// of them again on the PostgreSQL server (scripts/database-test-files.ts --server), and vitest.config.ts runs the
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

/**
 * The database files CI runs again on the PostgreSQL server (scripts/database-test-files.ts --server),
 * each for what a server changes. The embedded database is the same PostgreSQL 15 (real server
 * binaries), so the other database files would run the same SQL on the same engine a second time:
 * all 111 again took CI 34.4 minutes on a slower machine (2026-12-07; 28 on the one before), past its 30. The whole
 * suite still runs on a server with `DATABASE_URL=… npm test` (795 passed, 2026-12-07 13:28 UTC), and
 * CI's server run migrates the server's template database through every migration before these run.
 * Not the API fuzz: 146 s of the server run beside the browser run (CI, 2026-12-07 15:00 UTC) for
 * the same routes it sends 30 requests each on the embedded database.
 */
export const SERVER_RUN: readonly { file: string; why: string }[] = [
  { file: 'test/integration/platform.test.ts', why: 'intake, lifecycle, lookups and UNI-PASS answers end to end on the server' },
  { file: 'test/integration/crash-recovery.test.ts', why: 'an acknowledged declaration survives kill -9 with the server holding it' },
  { file: 'test/integration/demo-seed.test.ts', why: 'the demo seed on a server database' },
  { file: 'test/integration/demo-seed-interrupted.test.ts', why: 'main.ts on DATABASE_URL: an interrupted seed, then a complete one' },
  { file: 'test/integration/demo-seed-day-start.test.ts', why: 'main.ts on DATABASE_URL: the seed of a new day' },
  { file: 'test/integration/tax-payments.test.ts', why: 'payments, one of two concurrent ones winning, under the server’s locks' },
  { file: 'test/integration/payment-correction-lock-order.test.ts', why: 'lock order between a payment and a correction' },
  { file: 'test/integration/check-then-act-races.test.ts', why: 'check-then-act races between connections' },
  { file: 'test/integration/risk-requeue-race.test.ts', why: 'the risk queue’s requeue race' },
  { file: 'test/integration/rate-limit-shared.test.ts', why: 'rate limits shared by two instances through the database' },
  { file: 'test/integration/sign-in-throttle-shared.test.ts', why: 'sign-in throttling shared by two instances' },
  { file: 'src/adapters/db/rate-limit-repository.test.ts', why: 'the rate-limit counters’ upserts at once from two pools' },
  { file: 'test/integration/reference-reload-across-processes.test.ts', why: 'reference data published by one process, read by another' },
  { file: 'test/integration/event-stream.test.ts', why: 'the outbox relayed to NATS from the server' },
  { file: 'test/integration/copy-rows.test.ts', why: 'COPY of many rows into the server' },
  { file: 'test/integration/citus-plan.test.ts', why: 'every table of the migrated schema placed for scaling out' },
];
