-- The public lookup's hold reason and next action say what is true of each state and who must act
-- (16ae7ef, a44d072: an engine hold shows its hold reasons only and the engine's own next step, not
-- the whole explanation with the refs of the declarations it is combined with; a "not me" hold tells
-- the holder nothing is to be filed; cleared parcels give the tax and its due date or say none is
-- owed; arrived, withdrawn and rejected parcels their own step). Answers stored before keep the old
-- texts until their parcel's next event: an empty body makes the service render them again on start
-- (fillMissingLookups, migration 002), as 066 did. Released parcels, most of a database that has run
-- a while and the ones nobody waits on, keep theirs: rendering every one before the service listens
-- would hold a large database's start for as long.
UPDATE declaration_lookup l
   SET body = ''
  FROM declarations d
 WHERE d.id = l.declaration_id
   AND d.status <> 'released'
   AND l.body <> '';
