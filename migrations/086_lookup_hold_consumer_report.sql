-- The public lookup said OFFICER_HOLD, with the report's own words, of a parcel held by a consignee's
-- "not me" report (holdTextOf read every hold that was not the engine's as an officer's). It now says
-- CONSUMER_REPORT_HOLD with its own text. Answers stored before keep the old hold until their parcel's
-- next event: an empty body makes the service render them again on start (fillMissingLookups, as 082
-- did). Only the parcels held that way now: few, so the start is not held up.
UPDATE declaration_lookup l
   SET body = ''
  FROM declarations d
 WHERE d.id = l.declaration_id
   AND d.status = 'held'
   AND d.hold_reason ->> 'source' = 'consumer-report'
   AND l.body <> '';
