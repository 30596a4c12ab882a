-- Order data posted after a parcel was scored counts in its parties' profiles (issue 5: a trusted
-- operator that sends order data earns the fast lane; the scorecard's own advice is to POST
-- /api/v1/orders). Before, a profile counted a parcel as one with order data only when the
-- declaration itself carried order.orderNo and order.amountPaid, at its first scoring: posting the
-- order later, as KCS asks of e-commerce businesses, changed nothing.
-- risk_parcels.order_data: whether the parcel's parties count it with order data
-- (platform-risk.ts declarationQuality); a rescoring that finds otherwise corrects the profiles by
-- the difference (score-batch.ts) and the flag.
ALTER TABLE risk_parcels ADD COLUMN order_data boolean NOT NULL DEFAULT false;

-- What the profiles counted until now: the declaration's own order number and amount paid.
UPDATE risk_parcels p SET order_data = true
  FROM declarations d
 WHERE d.id = p.declaration_id
   AND coalesce(d.declaration #>> '{order,orderNo}', '') <> ''
   AND (d.declaration -> 'order') ? 'amountPaid';

-- Parcels whose order was posted (matched by order no. and buyer PCCC, as the reconciliation
-- matches) but not counted: rescored, which gives their parties the credit.
INSERT INTO risk_pending (declaration_id, first, reason)
SELECT p.declaration_id, false, 'order'
  FROM risk_parcels p JOIN declarations d ON d.id = p.declaration_id
 WHERE NOT p.order_data
   AND EXISTS (SELECT 1 FROM orders o WHERE o.order_no = d.declaration #>> '{order,orderNo}' AND o.buyer_pccc = d.pccc)
ON CONFLICT (declaration_id) DO NOTHING;
