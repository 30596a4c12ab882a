-- Our risky-party notices are numbered KR-TG-PN-<n>, and partners read a gap in <n> as a notice
-- lost on the way. The number came from exchange_messages_out's own sequence, drawn before the
-- notice's checks: a refused notice (no findings, unknown partner, a day out of range) still used
-- one, and a sequence never gives a number back when its transaction rolls back. The number now
-- comes from a counter row, updated in the transaction that stores the notice, after its checks:
-- a failure rolls the number back with the notice, and two notices at once wait for each other's
-- row lock, so they get consecutive numbers (src/adapters/db/risk-exchange-repository.ts).
CREATE TABLE exchange_counters (
  name  text PRIMARY KEY,
  last  bigint NOT NULL CHECK (last >= 0)   -- the last number given; the next is last + 1
);

-- It goes on from the highest number a stored notice has (the sequence's gaps are history).
INSERT INTO exchange_counters (name, last)
SELECT 'risky_party_notice', coalesce(max(substring(message_id FROM '-TG-PN-([0-9]+)$')::bigint), 0)
  FROM exchange_messages_out
 WHERE kind = 'risky_party_notice';
