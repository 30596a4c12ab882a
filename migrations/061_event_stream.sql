-- The declaration event stream to NATS JetStream (docs/event-stream.md), without touching intake:
-- no trigger and no outbox row per event. Each event row carries the id of the transaction that
-- wrote it; the relay (src/workers/event-stream-relay.ts) publishes, per pass, the events of the
-- transactions that completed since its last pass, compared by MVCC snapshots (PgQ's "ticks").
--
-- 1. Added without a default, then given one, so both steps only change the catalog and the
--    events written before keep NULL: they are before the stream (the relay begins at its first
--    start, or replays them with NATS_STREAM_START=all) and the partial index below leaves them
--    out. (pg_current_xact_id() is STABLE, so a default in ADD COLUMN would not rewrite the table
--    either, but would give every old row the migration's own transaction id.) COPY and INSERT
--    fill the default for the columns they do not list, and intake lists its columns
--    (declaration-repository.ts). It is the top-level transaction's id, also inside a savepoint.
ALTER TABLE declaration_events ADD COLUMN txid xid8;
ALTER TABLE declaration_events ALTER COLUMN txid SET DEFAULT pg_current_xact_id();

-- 2. The relay reads the events of a set of transaction ids (those in progress at its last pass,
--    and those from then on): an index on txid makes that a range read, whatever the table's size.
--    Partial: the events before the stream need no entry.
CREATE INDEX declaration_events_txid ON declaration_events (txid) WHERE txid IS NOT NULL;

-- 3. One relay position per JetStream stream (NATS_STREAM). `done`: every event whose transaction
--    is complete in this snapshot is published (NULL: nothing yet, the history is replayed first).
--    `reading`: the snapshot of the pass under way, set while its events go out in id order;
--    `last_id`: the last of them published. A relay holds an advisory lock on the stream's name while it
--    publishes (pg_try_advisory_xact_lock: skipped, not waited for), so two processes never publish
--    at once; an idle pass writes nothing.
CREATE TABLE event_stream_cursor (
  stream        text PRIMARY KEY,
  done          pg_snapshot,
  reading       pg_snapshot,
  last_id       bigint NOT NULL DEFAULT 0,
  published     bigint NOT NULL DEFAULT 0,     -- for the status endpoint: events published in all,
  last_event_id bigint,                        -- the last one,
  started_at    timestamptz NOT NULL DEFAULT now(),
  published_at  timestamptz                   -- and when
);
