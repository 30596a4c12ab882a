-- A card charge that crossed a hold (charge_while_held: src/app/record-charge.ts) whose cancel at Toss failed for
-- a passing reason (no answer, Toss's own error) is cancelled again with backoff before it is handed to a person:
-- its refund due is recorded at once (the payer is told its number; nothing is lost if the process stops), with the
-- cancel's retries on the row (src/app/charge-cancel-retries.ts, run by the account-closure worker). While
-- cancel_next_attempt_at is set the record is not listed to the administrators (a cancel is still to come); a cancel
-- that goes through resolves it (not refunded: the charge is cancelled); retries exhausted, or Toss refusing for
-- good (NOT_CANCELABLE_PAYMENT, ...), clear it: listed as a refund to make by hand, with the last error.
-- Columns only (no new table): tax_refunds_due stays distributed by declaration_id (docs/citus-plan.json).
ALTER TABLE tax_refunds_due
  ADD COLUMN cancel_attempts        integer NOT NULL DEFAULT 0 CHECK (cancel_attempts >= 0),
  ADD COLUMN cancel_next_attempt_at timestamptz,
  ADD COLUMN cancel_last_error      text;
-- The worker's claim: the open records with a cancel due (few rows); a claim leases a record by moving its next attempt on.
CREATE INDEX tax_refunds_due_cancel_due ON tax_refunds_due (cancel_next_attempt_at) WHERE cancel_next_attempt_at IS NOT NULL AND resolved_at IS NULL;
