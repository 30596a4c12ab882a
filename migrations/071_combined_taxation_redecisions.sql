-- Combined taxation (고시 제68조) decided again for declarations on record that a later one joins.
-- Intake's transaction queues here the stored members its new declarations were combined with
-- (src/adapters/db/declaration-repository.ts); after the commit the platform's worker
-- (src/workers/combined-redecision-worker.ts) re-assesses each against its group as it stands and
-- stores a new version when the outcome changed (or notes it after clearance). A row stays until
-- the worker is done with it: a restart, or a worker that died mid-way (its lease runs out),
-- leaves it to be taken again, and the re-decision is idempotent.
--
-- round: bumped when another intake queues the declaration again while it waits or is being
--        decided; the worker deletes the row only if the round is the one it claimed, so the
--        later join is decided too.
-- leased_until: the claim of a worker (no transaction is held while it decides: the decision
--        takes intake's combined-taxation locks, which intake may hold while it queues here).
CREATE TABLE combined_redecisions (
  declaration_id bigint PRIMARY KEY,   -- no foreign key (as risk_pending): the worker drops a row whose declaration is gone
  round          int NOT NULL DEFAULT 1,
  queued_at      timestamptz NOT NULL DEFAULT now(),
  leased_until   timestamptz,
  attempts       int NOT NULL DEFAULT 0,
  last_error     text
);
