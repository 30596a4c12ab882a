-- The scoring worker's prior hit rate (all inspections, and those that found something) was a
-- count(*) over inspection_results in every batch, which grows with the history. Results are
-- append-only (030_risk.sql), so one row of totals kept by an insert trigger stays exact.
CREATE TABLE inspection_totals (
  only_row   boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  inspected  bigint NOT NULL,
  found      bigint NOT NULL
);
INSERT INTO inspection_totals (inspected, found)
SELECT count(*), count(*) FILTER (WHERE outcome <> 'clean') FROM inspection_results;

CREATE FUNCTION inspection_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Qualified: FOUND is also a PL/pgSQL variable.
  UPDATE inspection_totals t
     SET inspected = t.inspected + (SELECT count(*) FROM new_rows),
         found = t.found + (SELECT count(*) FROM new_rows WHERE outcome <> 'clean');
  RETURN NULL;
END $$;
CREATE TRIGGER inspection_results_totals AFTER INSERT ON inspection_results
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inspection_totals_add();
