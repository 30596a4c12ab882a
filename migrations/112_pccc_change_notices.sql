-- The PCCC holder's notices of a change to their code (suspend, resume, reissue, renew; an officer's ex
-- officio cancel) were sent after the change's commit, best effort (src/app/tell-pccc-holder.ts): a crash
-- between the commit and the send, or a channel down, lost them, and these are the security notices ("your
-- code was reissued; other devices were signed out") a holder must get, after a SIM swap most of all. Now the
-- notice is written in the change's transaction (src/adapters/identity/pg-pccc-registry.ts), one row per
-- channel the holder has then (SMS always; e-mail when registered; Web Push when an app subscribed), and
-- sent by a worker (src/workers/pccc-change-notice-worker.ts) that claims each row by a lease and tries a
-- failed channel again with backoff, apart from the others: a channel that took it is not sent again, one
-- that keeps failing is given up (dead) with its last error. At least once.
-- The text is rendered in the change's transaction (pcccChangeText, Korean and English) and kept as sent;
-- the holder's phone and e-mail are read at the send (the registry's holder of `pccc`), not copied here.
-- A work queue: local, no foreign keys (docs/citus-plan.json).
CREATE TABLE pccc_change_notices (
  id               bigserial PRIMARY KEY,
  event_id         bigint NOT NULL,                        -- pccc_registry_events.id of the change
  holder_id        text NOT NULL,
  pccc             text NOT NULL,                          -- the code after the change (the new one after a reissue)
  channel          text NOT NULL CHECK (channel IN ('sms', 'email', 'push')),
  change           jsonb NOT NULL,                         -- the domain's PcccChange
  subject          text NOT NULL,
  text_ko          text NOT NULL,
  text_en          text NOT NULL,
  -- no_target: nothing to send it to at the send (the e-mail address removed, every app unsubscribed).
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'no_target', 'dead')),
  attempts         int NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL,
  last_error       text,
  created_at       timestamptz NOT NULL,
  done_at          timestamptz,
  UNIQUE (event_id, channel),
  CHECK ((status = 'pending') = (done_at IS NULL))
);
CREATE INDEX pccc_change_notices_due ON pccc_change_notices (next_attempt_at) WHERE status = 'pending';
-- The notices of a holder, and those given up (for administrators' queries), by index.
CREATE INDEX pccc_change_notices_holder ON pccc_change_notices (holder_id, id);
CREATE INDEX pccc_change_notices_dead ON pccc_change_notices (done_at) WHERE status = 'dead';
