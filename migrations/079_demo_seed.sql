-- The demo seed of a first start (src/adapters/demo/demo-seed-state.ts), recorded as begun and as
-- complete. It runs as many transactions before the platform listens; a start stopped in the
-- middle (Ctrl-C) left it half made (one operator's parcels all at 신고접수, no sample lookup), and
-- the next start, finding operators, never seeded again. Now a start that finds it begun but not
-- complete clears what it made and seeds again; one that finds it complete seeds nothing.
-- No row: no seed was begun under this record. A database seeded before it (operators and no row)
-- is left as it is, as before.
CREATE TABLE demo_seed (
  id            smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),  -- one seed per database
  began_at      timestamptz NOT NULL DEFAULT now(),
  attempts      integer NOT NULL DEFAULT 1,                      -- 2 and more: begun again after an interrupted one
  completed_at  timestamptz,
  -- A start without the seed (SEED_DEMO=0, TONGGWAN_DEMO=0) ran on this database while the seed was
  -- incomplete: it may have taken data of its own, so an incomplete seed is no longer cleared.
  served_at     timestamptz
);
