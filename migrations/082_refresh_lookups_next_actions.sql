-- The public lookup's hold reason and next action say what is true of each state and who must act
-- (16ae7ef, a44d072: engine holds show their hold reasons only and the engine's own next step; a
-- "not me" hold tells the holder nothing is to be filed; cleared and released parcels give the tax
-- and its due date or say none is owed; arrived, withdrawn and rejected parcels their own step).
-- Answers stored before keep the old texts until their parcel's next event: an empty body makes the
-- service render them again on start (fillMissingLookups, migration 002), as 066 did.
UPDATE declaration_lookup SET body = '' WHERE body <> '';
