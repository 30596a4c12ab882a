-- Work the platform does once per database at start, not by a migration because it needs more than
-- SQL (e.g. the refunds due of overpayments made before 095, whose day promised needs the holiday
-- calendar and data/payments.json: backfillReassessedRefunds in src/adapters/db/reassessment-refunds.ts).
-- A row says the task finished: later starts skip it instead of scanning again. A start stopped
-- half-way leaves no row, and the task (idempotent) runs again at the next start.
CREATE TABLE one_time_tasks (
  name     text PRIMARY KEY,
  done_at  timestamptz NOT NULL DEFAULT now(),
  detail   jsonb NOT NULL DEFAULT '{}'
);
