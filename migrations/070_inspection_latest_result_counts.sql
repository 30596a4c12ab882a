-- Several results of one parcel (a re-inspection, a corrected result): the latest supersedes the
-- earlier ones in every count (src/domain/risk/platform-risk.ts inspectionDelta); the earlier rows
-- stay in inspection_results as history. The scoring worker's prior (inspection_totals, 032)
-- counted every row: a parcel with five results was five inspections.
CREATE OR REPLACE FUNCTION inspection_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Per parcel of the statement: its latest new row against its latest earlier row (if any).
  WITH latest_new AS (
    SELECT DISTINCT ON (declaration_id) declaration_id, outcome FROM new_rows ORDER BY declaration_id, id DESC
  ), pair AS (
    SELECT n.outcome AS new_outcome,
           (SELECT i.outcome FROM inspection_results i
             WHERE i.declaration_id = n.declaration_id AND NOT EXISTS (SELECT 1 FROM new_rows r WHERE r.id = i.id)
             ORDER BY i.id DESC LIMIT 1) AS old_outcome
      FROM latest_new n
  )
  -- Qualified: FOUND is also a PL/pgSQL variable.
  UPDATE inspection_totals t
     SET inspected = t.inspected + (SELECT count(*) FROM pair WHERE old_outcome IS NULL),
         found = t.found + (SELECT coalesce(sum((new_outcome <> 'clean')::int - coalesce((old_outcome <> 'clean')::int, 0)), 0) FROM pair);
  RETURN NULL;
END $$;

-- The totals again, by the rule: one per parcel, its latest outcome.
UPDATE inspection_totals t
   SET inspected = x.n, found = x.f
  FROM (SELECT count(*) AS n, count(*) FILTER (WHERE outcome <> 'clean') AS f
          FROM inspection_results i
         WHERE i.id = (SELECT max(j.id) FROM inspection_results j WHERE j.declaration_id = i.declaration_id)) x;

-- party_profiles are not recomputed here: their keys come from the declaration JSON through
-- partyKeysOf (TypeScript); profiles of parcels with several results before this migration keep
-- those results counted (the demo records one result per parcel).
