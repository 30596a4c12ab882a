-- The holder's other security notices go through the outbox of the notices of changes to their code
-- (pccc_change_notices, migrations/112) instead of a send after the commit, best effort, that a crash or an
-- outage lost: a new passkey registered ("someone who got into the account adds their own"), a passkey
-- removed, the "not me" report received, an order's use of the code approved, an approval request cancelled
-- on a wrong number. Each is queued in the transaction of what it tells (src/adapters/db/identity-repository.ts),
-- one row per channel the holder has then, and sent by the same worker with the same retries. So is the usage
-- alert ("a declaration was filed under your code; not you? tap Not me"), queued after the intake's commit
-- (src/app/verify-declaration-consent.ts): a gateway down no longer loses it.
-- `kind` says which notice a row is; only a change to the code has a registry event and a PcccChange.
-- `ref` names what the notice is about (passkey:<credential id>, misuse_case:<id>, consent:<id>,
-- declaration:<id>), `url` the
-- page a Web Push opens (none: /me/security).
ALTER TABLE pccc_change_notices ADD COLUMN kind text NOT NULL DEFAULT 'pccc_change'
  CHECK (kind IN ('pccc_change', 'passkey_added', 'passkey_removed', 'not_me_report', 'consent_approved', 'consent_cancelled', 'declaration_filed'));
ALTER TABLE pccc_change_notices ADD COLUMN ref text;
ALTER TABLE pccc_change_notices ADD COLUMN url text;
ALTER TABLE pccc_change_notices ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE pccc_change_notices ALTER COLUMN change DROP NOT NULL;
ALTER TABLE pccc_change_notices ADD CONSTRAINT pccc_change_notices_kind_event
  CHECK ((kind = 'pccc_change') = (event_id IS NOT NULL AND change IS NOT NULL));
