-- A refund due of an overpayment (reason 'reassessed_lower', src/adapters/db/reassessment-refunds.ts) is
-- a partial cancel of the charge it is recorded against, and a provider never cancels more than the
-- charge. A declaration paid in several charges (the notice's payment and the shortfalls paid after it,
-- tax_payments.part, migrations/096) has its overpayment split: one open record per charge, each at most
-- what is left of it (src/domain/refund-due.ts allocateRefund). 095 allowed one open record per
-- declaration; now one open per declaration and charge (the charge is the end of the provider
-- transaction, reassessed:v<version>.<payments>…:<charge>). The same money is still never refunded
-- twice: a later assessment resolves all the open parts (superseded, or no longer due) before it
-- records the new ones, in the same transaction, under the declaration's payment lock.
DROP INDEX tax_refunds_due_one_open_reassessed;
CREATE UNIQUE INDEX tax_refunds_due_one_open_reassessed_per_charge ON tax_refunds_due (declaration_id, provider, (regexp_replace(provider_tx, '^reassessed:[^:]*:', '')))
  WHERE reason = 'reassessed_lower' AND resolved_at IS NULL;
