-- Who closed a "not me" report (misuse case), when, and what the check found, kept on the case: before,
-- only the audit log said (action pccc.not-me.closed, by the officer, detail {caseId, note, officer}),
-- and the officers' list showed a closed case without either. Cases closed before are filled from
-- that entry; one without it (the close committed, the audit entry not) keeps nulls. closed_by has no
-- foreign key to users: misuse_cases is distributed in the Citus plan and users is local, which Citus
-- refuses (docs/scaling-out.md); it is set from the signed-in officer's id, and users are never deleted.
ALTER TABLE misuse_cases
  ADD COLUMN closed_at  timestamptz,
  ADD COLUMN closed_by  bigint,
  ADD COLUMN close_note text;

UPDATE misuse_cases m
   SET closed_at = a.at, closed_by = a.actor_id, close_note = a.detail ->> 'note'
  FROM (SELECT DISTINCT ON ((detail ->> 'caseId')) (detail ->> 'caseId') AS case_id, at, actor_id, detail
          FROM audit_log
         WHERE action = 'pccc.not-me.closed' AND actor_kind = 'officer' AND detail ->> 'caseId' ~ '^[0-9]+$'
         ORDER BY (detail ->> 'caseId'), id DESC) AS a
 WHERE m.status = 'closed'
   AND a.case_id = m.id::text
   AND (a.actor_id IS NULL OR EXISTS (SELECT 1 FROM users u WHERE u.id = a.actor_id));
