-- Closes of virtual accounts at Toss (migrations/065), two follow-ups:
--
-- 1. Every cancel sent to Toss for an account needs an Idempotency-Key of its own: Toss answers a
--    key it has seen with its first answer (15 days), a refusal too. The key was numbered by the
--    close's attempts, which start again at 0 when the same account is closed a second time (a
--    deposit reversed by the bank reopened it at Toss) or when an administrator retries a close
--    given up (dead): the first cancel then got the old refusal back. `requests` counts the cancels
--    ever sent for the account's close and is never reset; `attempts` stays the count of this round
--    (its backoff and its limit).
-- 2. Closes given up (dead) are listed for the administrators (GET /api/v1/admin/account-closures),
--    newest first.
ALTER TABLE tax_account_closures ADD COLUMN requests int NOT NULL DEFAULT 0 CHECK (requests >= 0);
UPDATE tax_account_closures SET requests = attempts;
CREATE INDEX tax_account_closures_dead ON tax_account_closures (done_at DESC, id DESC) WHERE status = 'dead';
