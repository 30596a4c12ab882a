-- The combined-taxation history read (036) is planned for its arguments on every call.
-- PL/pgSQL caches the plan of its query; after five calls PostgreSQL may switch to a generic
-- plan, in which `pccc = ANY(pcccs)`, `hbl_no = ANY(hbl_nos)` and `id <> ALL(exclude_ids)` are
-- checked by walking the arrays (about 1,000 keys each for a batch of 1,000) for every
-- candidate row, instead of hashing them once as a plan for the actual arrays does.
-- Measured on 20,000 stored declarations with the arguments of a 1,000-declaration batch
-- (PostgreSQL 15, 2026-12-02): 129-168 ms per call with the generic plan, 34-36 ms with
-- custom plans (planning: ~2.5 ms). Intake calls it twice per batch, once holding the locks.
ALTER FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]) SET plan_cache_mode = force_custom_plan;
