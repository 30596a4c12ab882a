-- Party profiles counted every inspection result before migration 070; since then the latest
-- result of a parcel supersedes its earlier ones (src/domain/risk/platform-risk.ts inspectionDelta),
-- but 070 left the profiles alone, so a parcel given several results before it still counts as
-- several inspections (and its superseded finds as finds). Recomputed here, for the parties of every
-- parcel with more than one result, from all the results of all their parcels, as the code would
-- have counted them:
--   inspected, found, undervalued, revenue_found_krw, outcomes: one per parcel with its latest
--   result (exact; an outcome whose count fell to 0 keeps its key at 0, as the code leaves it);
--   inspected_d, found_d, decayed_on: the writes of recordInspection replayed in result order
--   (risk-repository.ts: brought forward from decayed_on to the result's Korean day, halving every
--   180 days, then + the delta — inspected +1 for a parcel's first result, found + the change of
--   find — found_d never below 0, decayed_on the latest day). Exact to the code given the
--   half-life: 180 days is policy.complianceHalfLifeDays of data/risk-rules.json today; a database
--   run with another half-life gets decayed counts at 180.
-- A party's parcels are those its profile page reads: party_declarations (platform, seller,
-- forwarder, courier, broker, written at a parcel's first scoring) and risk_parcels (consignees);
-- a parcel inspected but never scored, or amended to other parties after its scoring, is counted
-- as scored (the worker scores every declaration, so the first should not occur).
CREATE TEMP TABLE m072_parties ON COMMIT DROP AS
WITH multi AS (
  SELECT declaration_id FROM inspection_results GROUP BY declaration_id HAVING count(*) > 1
), affected AS (
  SELECT pd.role, pd.key FROM party_declarations pd
   WHERE pd.declaration_ids && (SELECT coalesce(array_agg(declaration_id), '{}') FROM multi)
  UNION
  SELECT 'consignee', rp.pccc FROM risk_parcels rp JOIN multi m ON m.declaration_id = rp.declaration_id
)
SELECT DISTINCT a.role, a.key, x.declaration_id
  FROM affected a
  JOIN LATERAL (
    SELECT unnest(pd.declaration_ids) AS declaration_id FROM party_declarations pd WHERE pd.role = a.role AND pd.key = a.key
    UNION ALL
    SELECT rp.declaration_id FROM risk_parcels rp WHERE a.role = 'consignee' AND rp.pccc = a.key
  ) x ON true;

CREATE TEMP TABLE m072_results ON COMMIT DROP AS
SELECT p.role, p.key, i.id, i.declaration_id, i.outcome, i.revenue_krw,
       (i.inspected_at AT TIME ZONE 'Asia/Seoul')::date AS day,
       lag(i.outcome) OVER (PARTITION BY p.role, p.key, i.declaration_id ORDER BY i.id) AS previous
  FROM m072_parties p JOIN inspection_results i ON i.declaration_id = p.declaration_id;

-- The plain counts: each parcel once, with its latest result.
UPDATE party_profiles pp
   SET inspected = x.inspected,
       found = x.found,
       undervalued = x.undervalued,
       revenue_found_krw = x.revenue,
       outcomes = coalesce((SELECT jsonb_object_agg(k, 0) FROM jsonb_object_keys(pp.outcomes) k), '{}'::jsonb) || x.outcomes,
       updated_at = now()
  FROM (SELECT l.role, l.key, count(*) AS inspected,
               count(*) FILTER (WHERE l.outcome <> 'clean') AS found,
               count(*) FILTER (WHERE l.outcome = 'undervalued') AS undervalued,
               sum(l.revenue_krw) AS revenue,
               (SELECT jsonb_object_agg(o.outcome, o.n) FROM (SELECT l2.outcome, count(*) AS n FROM (
                   SELECT DISTINCT ON (r.declaration_id) r.outcome FROM m072_results r WHERE r.role = l.role AND r.key = l.key ORDER BY r.declaration_id, r.id DESC
                 ) l2 GROUP BY l2.outcome) o) AS outcomes
          FROM (SELECT DISTINCT ON (role, key, declaration_id) role, key, outcome, revenue_krw FROM m072_results ORDER BY role, key, declaration_id, id DESC) l
         GROUP BY l.role, l.key) x
 WHERE pp.role = x.role AND pp.key = x.key;

-- The decayed counts: recordInspection's writes replayed in result order.
DO $$
DECLARE
  r record;
  cur_role text;
  cur_key text;
  insp double precision;
  fnd double precision;
  on_day date;
  f double precision;
BEGIN
  FOR r IN
    SELECT role, key, day,
           CASE WHEN previous IS NULL THEN 1 ELSE 0 END AS d_inspected,
           (outcome <> 'clean')::int - coalesce((previous <> 'clean')::int, 0) AS d_found
      FROM m072_results ORDER BY role, key, id
  LOOP
    IF cur_role IS DISTINCT FROM r.role OR cur_key IS DISTINCT FROM r.key THEN
      IF cur_role IS NOT NULL THEN
        UPDATE party_profiles SET inspected_d = insp, found_d = fnd, decayed_on = on_day WHERE role = cur_role AND key = cur_key;
      END IF;
      cur_role := r.role;
      cur_key := r.key;
      insp := 0;
      fnd := 0;
      on_day := NULL;
    END IF;
    f := power(0.5, greatest(0, r.day - coalesce(on_day, r.day))::float8 / 180);
    insp := insp * f + r.d_inspected;
    fnd := greatest(0, fnd * f + r.d_found);
    on_day := greatest(coalesce(on_day, r.day), r.day);
  END LOOP;
  IF cur_role IS NOT NULL THEN
    UPDATE party_profiles SET inspected_d = insp, found_d = fnd, decayed_on = on_day WHERE role = cur_role AND key = cur_key;
  END IF;
END $$;
