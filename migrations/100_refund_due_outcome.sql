-- The outcome of a resolved refund due, structured: 'refunded' (the money went back to the payer,
-- through the provider: provider_refund_ref names the refund there) or 'not_refunded' (nothing was
-- returned: superseded, no longer due, a charge found not taken, a deposit the bank took back, or an
-- administrator's "not due / kept as credit / duplicate record"). Before, the platform took every
-- resolution by someone other than 'system' for money returned (resolved_by <> 'system'), whatever the
-- administrator wrote; the notices and the reassessments netted it as refunded, and a later
-- reassessment higher asked the payer for it again. What nets a payment is this column now.
ALTER TABLE tax_refunds_due
  ADD COLUMN outcome text CHECK (outcome IN ('refunded', 'not_refunded')),
  ADD COLUMN provider_refund_ref text;

-- Rows resolved before: 'system' never refunds (it resolves only as superseded, no longer due, or
-- settled without a charge to return): not refunded. An administrator's resolution meant, by the old
-- route's meaning ("record that the refund was made"), a refund made: refunded, as it was netted until
-- now (the free text stays in resolution; no provider reference was asked, so none is filled in).
UPDATE tax_refunds_due SET outcome = CASE WHEN resolved_by = 'system' THEN 'not_refunded' ELSE 'refunded' END WHERE resolved_at IS NOT NULL;

ALTER TABLE tax_refunds_due
  ADD CONSTRAINT tax_refunds_due_outcome_when_resolved CHECK ((resolved_at IS NULL) = (outcome IS NULL)),
  ADD CONSTRAINT tax_refunds_due_ref_only_when_refunded CHECK (provider_refund_ref IS NULL OR outcome = 'refunded');
