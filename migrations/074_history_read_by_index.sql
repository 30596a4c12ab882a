-- The combined-taxation history read (036, 050, 069) is a keyed lookup: a batch's consignees and
-- B/Ls, a few rows each, found by the declarations_pccc and declarations_hbl indexes. On a table
-- without statistics yet (a new database taking its first loads: autovacuum analyses it only after
-- 50 rows + 10 % have changed and its next round, up to a minute later) the planner estimated the
-- OR of two ANYs at more rows than the table has and scanned it whole: 43 ms against 12.6 ms for the
-- same 5,275 rows of 60,000 (measured 2026-12-04 on bench:intake's database), growing with the
-- table, twice per batch, the second time under the combined-taxation locks that concurrent batches
-- wait for. A scan of every declaration is never the right plan for this read.
ALTER FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]) SET enable_seqscan = off;
