-- A deposit paid back twice (refunded_then_reversed: refunded by hand, then reversed by the bank) is money to recover
-- from the payer, owed to nobody: an administrator records it as recovered (the payer returned it, or the bank settled
-- it) or written off (not recoverable), with a note, never as refunded (which nets the payments: migrations/100) nor
-- not refunded (src/domain/refund-due.ts outcomesFor; the resolve route refuses them, 400 naming body.outcome). The two
-- outcomes are that reason's only. Before, 'refunded' was accepted for it. Rows resolved so before are left as they are.
-- A constraint only (no new table): tax_refunds_due stays distributed by declaration_id (docs/citus-plan.json).
ALTER TABLE tax_refunds_due DROP CONSTRAINT tax_refunds_due_outcome_check;
ALTER TABLE tax_refunds_due
  ADD CONSTRAINT tax_refunds_due_outcome_check CHECK (outcome IN ('refunded', 'not_refunded', 'recovered', 'written_off')),
  ADD CONSTRAINT tax_refunds_due_recovery_only_paid_back_twice CHECK (outcome NOT IN ('recovered', 'written_off') OR reason = 'refunded_then_reversed');
