-- A PCCC reissue moves the holder's live consumer sessions to the new code and an officer's ex officio
-- cancel ends them (src/adapters/identity/pg-pccc-registry.ts: MOVE_CONSUMER_SESSIONS,
-- END_CONSUMER_SESSIONS), each by the code, in the registry's transaction that holds the holder's row
-- locked. sessions had no index but its primary key (the token's hash): each read every session row,
-- officers' and consumers', live and ended. Consumer sessions only (officers' have no code); partial on
-- kind alone, so a sign-out (revoked_at) stays HOT-eligible. The plans: test/integration/sessions-pccc-plan.test.ts.
CREATE INDEX sessions_consumer_pccc ON sessions (pccc) WHERE kind = 'consumer';
