-- Refunds due of taxes overpaid: a paid declaration assessed again lower (a correction, combined
-- taxation, corrected reference data) owes less than was paid; the difference is recorded in
-- tax_refunds_due with reason 'reassessed_lower' (관세법 제46조 과오납금의 환급), in the same
-- transaction as the new assessment version (src/adapters/db/reassessment-refunds.ts). At most one
-- is open per declaration: a later assessment resolves it (superseded, or no longer due) before it
-- records another, so the same money is never refunded twice.
CREATE UNIQUE INDEX tax_refunds_due_one_open_reassessed ON tax_refunds_due (declaration_id)
  WHERE reason = 'reassessed_lower' AND resolved_at IS NULL;
