-- The scoring worker claims rescorings (risk_pending WHERE NOT first) before each batch. With
-- only the primary key, that claim walks every queued first scoring to find none: during a bulk
-- load, thousands of rows per claim (measured: ~70-170 ms of server time per empty claim while
-- 20,000 declarations were loaded). Rescorings are few; their own index makes the claim a lookup.
CREATE INDEX risk_pending_rescore ON risk_pending (declaration_id) WHERE NOT first;
