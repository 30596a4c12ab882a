-- The operator's taxes-on-behalf list (GET /api/v1/tax-notices, listTaxedForOperator): the
-- operator's taxed declarations, newest first, read by keyset (id < afterId). A partial index
-- holds only declarations whose assessment collects taxes, so large operators are not scanned
-- and untaxed parcels (most list-clearance ones) cost intake nothing here. The predicate is the
-- query's, word for word, so the planner can use the index.
CREATE INDEX declarations_operator_taxed ON declarations (operator_id, id DESC)
  WHERE (assessment -> 'taxes' ->> 'collected')::boolean AND (assessment -> 'taxes' ->> 'totalKrw')::bigint > 0;
