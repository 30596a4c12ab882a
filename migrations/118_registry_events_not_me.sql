-- The holder's security activity (/me/security, GET /api/v1/consumer/pccc/events) lists a "not me" report as a
-- registry event (not_me_reported, by the holder, with the cargo number, never the report's note), written since in
-- the report's transaction (src/adapters/db/identity-repository.ts openMisuseCase). The reports made before get theirs
-- here: one per misuse case at its reported_at, on the code it was about. Idempotent: a case whose event is there
-- already (the holder's not_me_reported with that cargo number) gets none again. Both tables stay local
-- (docs/citus-plan.json); pccc_registry_events.action has no CHECK (migrations/003).
INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail)
SELECT m.reported_at, m.holder_id, m.pccc, 'not_me_reported', 'consumer', m.holder_id, jsonb_build_object('cargoNo', m.cargo_no)
  FROM misuse_cases m
 WHERE NOT EXISTS (
         SELECT 1 FROM pccc_registry_events r
          WHERE r.holder_id = m.holder_id AND r.action = 'not_me_reported' AND r.detail ->> 'cargoNo' = m.cargo_no
       )
 ORDER BY m.reported_at, m.id;
