-- The revenue bound (revenueCeilingKrw) now reads its rates from the reference data in force on the
-- declaration's date, recovers nothing when the recomputed total stays under the minimum collection
-- (관세법 제40조: KRW 10,000) and subtracts only taxes collected (commit 3f5c0af). Open declarations
-- scored before keep an expected revenue, and a queue priority, under the old bound: they are
-- rescored, as by migration 080. Closed ones keep their score as it was when they were decided.
INSERT INTO risk_pending (declaration_id, first, reason)
SELECT DISTINCT s.declaration_id, false, 'model'
  FROM risk_scores s JOIN declarations d ON d.id = s.declaration_id
 WHERE s.expected_revenue_krw IS NOT NULL
   AND d.status NOT IN ('cleared', 'released', 'rejected', 'withdrawn')
ON CONFLICT (declaration_id) DO NOTHING;
