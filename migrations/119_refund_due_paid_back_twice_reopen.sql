-- A deposit paid back twice (reason refunded_then_reversed: refunded by hand, then reversed by the bank) is money to
-- recover from the payer, owed to nobody: since migrations/116 it is resolved only as recovered or written off. Before,
-- the resolve route took 'refunded' for it, which counts as money returned to the payer (it nets the payments: the
-- notice's refunds made, the reassessments, migrations/100), and 116 left the rows resolved so as they were. They are
-- opened again here (the resolution, its outcome, who, when and the provider's reference cleared), listed among the
-- open refunds due for an administrator to resolve again as recovered or written off. Each earlier resolution is kept
-- in the audit log first (refund-due.reopened, by the system, subject refund-due:<id>, all it said in detail), as the
-- administrators read it at GET /api/v1/admin/audit. Nobody is told (an administrator's record, not the payer's refund).
-- Those resolved as not refunded (what the reason's text asked before 116) are left as they are: they net nothing.
-- Idempotent: once opened, a record is no longer resolved as refunded, so a second run finds none and writes nothing.
-- Two statements, not one with a CTE: audit_log is local and tax_refunds_due distributed (docs/citus-plan.json).
INSERT INTO audit_log (actor_kind, actor_id, action, subject, detail)
SELECT 'system', NULL, 'refund-due.reopened', 'refund-due:' || f.id,
       jsonb_build_object(
         'refundNo', 'RF-' || lpad(f.id::text, 8, '0'),
         'declarationId', f.declaration_id,
         'reason', f.reason,
         'amountKrw', f.amount_krw,
         'providerTx', f.provider_tx,
         'why', 'migration 119: a deposit paid back twice (refunded_then_reversed) is resolved only as recovered or written_off (migration 116); resolved as refunded before, it counted as money returned to the payer: opened again to be resolved anew',
         'earlier', jsonb_build_object(
           'resolvedAt', to_char(f.resolved_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           'resolvedBy', f.resolved_by,
           'resolution', f.resolution,
           'outcome', f.outcome,
           'providerRefundRef', f.provider_refund_ref))
  FROM tax_refunds_due f
 WHERE f.reason = 'refunded_then_reversed' AND f.outcome = 'refunded'
 ORDER BY f.id;

UPDATE tax_refunds_due
   SET resolved_at = NULL, resolved_by = NULL, resolution = NULL, outcome = NULL, provider_refund_ref = NULL
 WHERE reason = 'refunded_then_reversed' AND outcome = 'refunded';
