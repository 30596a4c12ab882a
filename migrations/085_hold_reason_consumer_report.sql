-- A hold opened by a consignee's "not me" report is theirs (commit 57f5b70): the declaration's
-- hold_reason said source 'officer' while its HOLD event said 'consumer-report', so the operator and
-- officer APIs said an officer had held the parcel. Rows held that way before are corrected from
-- their last HOLD event, the one their hold reason was taken from (planEvents).
UPDATE declarations d
   SET hold_reason = jsonb_set(d.hold_reason, '{source}', '"consumer-report"')
  FROM (SELECT DISTINCT ON (declaration_id) declaration_id, detail
          FROM declaration_events
         WHERE type = 'HOLD'
         ORDER BY declaration_id, seq DESC) AS last_hold
 WHERE last_hold.declaration_id = d.id
   AND last_hold.detail ->> 'source' = 'consumer-report'
   AND d.hold_reason ->> 'source' = 'officer';
