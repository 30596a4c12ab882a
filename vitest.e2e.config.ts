import { defineConfig } from 'vitest/config';

// Browser tests: the real platform (node src/main.ts, embedded PostgreSQL, demo data) and the
// built portal, driven in real Chromium by playwright-core. `npm run test:e2e`.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    // One seeded data folder for the run, copied by each platform start (E2E_FRESH=1: each seeds its own).
    // The files that run the platform in-process open their database from the run's template (test/support/database-templates.ts).
    globalSetup: ['test/e2e/global-setup.ts', 'test/support/database-templates.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // In CI a failed browser test runs once more, and the summary names it as passed on a retry with
    // the first run's error (scripts/ci-summary.ts): a page that timed out once on a loaded machine
    // is shown, not hidden, and a test that fails twice still fails the run. The last landing's CI
    // failed on one browser test of 264 that had passed in the two runs before it (2026-12-07).
    retry: process.env.CI ? 1 : 0,
    pool: 'forks',
    // A transaction that asks the pool for a second connection throws (src/adapters/db/connection-guard.ts).
    env: { TONGGWAN_CONNECTION_GUARD: '1' },
    // Two files at a time (E2E_WORKERS=1: one): Chromium keeps the cores busy but not full, so two
    // ran the 264 tests in 1,146 s against 1,284 one at a time (2026-12-07, quiet machine), each file
    // 1.8× slower; every file has its own platform, port, data folder and browser.
    fileParallelism: process.env.E2E_WORKERS !== '1',
    maxWorkers: Number(process.env.E2E_WORKERS ?? 2),
    // A worker keeps its modules (playwright-core, the platform for the files that run it
    // in-process) from one file to the next: import 6 s for the 30 files, where a fresh worker per
    // file spent 130 s importing in CI (2026-12-07). Each file starts and stops its own platform and browser.
    isolate: false,
    sequence: { concurrent: false },
  },
});
