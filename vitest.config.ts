import { availableParallelism } from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';
import { TEST_ROOTS, testFilesByDatabase } from './test/support/test-files.ts';

const { database } = testFilesByDatabase();

// Unit and database tests. Browser tests live in vitest.e2e.config.ts.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // A transaction that asks the pool for a second connection throws (src/adapters/db/connection-guard.ts).
    env: { TONGGWAN_CONNECTION_GUARD: '1' },
    // Two test files at a time at least: vitest's default (one less than the cores) runs one at a
    // time on CI's 2 cores, and a database test file spends much of its time waiting (PostgreSQL
    // starting and answering, its workers polling), time the other file runs in. Every file has its
    // own database (test/support/test-database.ts), port and NATS stream names, so two never meet.
    // Six database files on 2 cores: 78 s one at a time, 55 s two at a time.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    unstubGlobals: true,
    unstubEnvs: true,
    projects: [
      {
        extends: true,
        test: {
          name: 'pure',
          include: TEST_ROOTS.map((root) => `${root}/**/*.test.ts`),
          exclude: [...configDefaults.exclude, ...database],
          // The files that open no database keep their workers' modules from one file to the next:
          // each imported the engine, its reference data and the HTTP layer again, about a second a
          // file (151 files: 311 s against 441 s on 2026-12-07, both under the same load).
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'database',
          include: database,
          // These too: each file opens its own database and platform and closes them in afterAll, and
          // none sets process.env for the next. On 2026-12-07, 108 files: embedded 255 s (import 12 s);
          // on the server with FUZZ_RUNS=10, 195 s (import 12 s), where CI's run of the same files in a
          // fresh worker each, beside the browser tests an hour before, took 1,378 s (import 551 s).
          isolate: false,
          // One initialised and one migrated database, copied by every file that opens one (test/support/database-templates.ts).
          globalSetup: ['test/support/database-templates.ts'],
        },
      },
    ],
  },
});
