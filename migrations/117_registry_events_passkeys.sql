-- The holder's security activity (/me/security, GET /api/v1/consumer/pccc/events) lists a passkey added or removed as
-- a registry event (passkey_added/passkey_removed, by the holder, with the passkey's label, never its credential id or
-- key), written since in the change's transaction (src/adapters/db/identity-repository.ts). The passkeys added or
-- removed before get theirs here: passkey_added at created_at, passkey_removed at removed_at, on the holder's live code
-- (active or suspended; else the latest), as the store writes them. Idempotent: a passkey whose event is there already
-- (the holder's event of that kind at that very moment) gets none again. A holder with no code gets none.
-- pccc_registry_events.action has no CHECK (migrations/003): no constraint to widen. Both tables stay local
-- (docs/citus-plan.json). The events are inserted in the order of their moments, after the existing ones; the list
-- orders by moment (at), then id. "Not me" reports made before: migrations/118.
INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail)
SELECT e.at, e.holder_id, c.code, e.action, 'consumer', e.holder_id, jsonb_build_object('label', e.label)
  FROM (
    SELECT p.created_at AS at, p.holder_id, p.label, 'passkey_added' AS action FROM passkeys p
    UNION ALL
    SELECT p.removed_at, p.holder_id, p.label, 'passkey_removed' FROM passkeys p WHERE p.removed_at IS NOT NULL
  ) e
  CROSS JOIN LATERAL (
    SELECT h.pccc AS code FROM pccc_holders h WHERE h.holder_id = e.holder_id ORDER BY h.status IN ('active', 'suspended') DESC, h.updated_at DESC LIMIT 1
  ) c
 WHERE NOT EXISTS (SELECT 1 FROM pccc_registry_events r WHERE r.holder_id = e.holder_id AND r.action = e.action AND r.at = e.at)
 ORDER BY e.at, e.action;
