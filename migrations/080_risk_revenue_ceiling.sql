-- Expected revenue is bounded by what the parcel can owe (src/domain/risk/platform-risk.ts
-- revenueCeilingKrw, applied by the scoring worker since commit 7be7b42): scores written before keep
-- the revenue booster's unbounded figure (286,142원 on a USD 8.20 parcel) and the queue's priority
-- built on it. The open declarations (those the officer queue shows) with an expected revenue are
-- rescored, as at a model's activation: the same feature rows, the bound applied. Closed ones keep
-- their score as it was when they were decided.
INSERT INTO risk_pending (declaration_id, first, reason)
SELECT DISTINCT s.declaration_id, false, 'model'
  FROM risk_scores s JOIN declarations d ON d.id = s.declaration_id
 WHERE s.expected_revenue_krw IS NOT NULL
   AND d.status NOT IN ('cleared', 'released', 'rejected', 'withdrawn')
ON CONFLICT (declaration_id) DO NOTHING;
