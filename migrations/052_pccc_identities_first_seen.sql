-- PCCC identities hold what the scoring worker reads: which (name, phone, postcode) combinations a
-- PCCC was declared with, and since when. last_seen and parcels were merged into every identity
-- row at every scored parcel (an updated row version per parcel) and read by nothing; a
-- consignee's parcel count and last day are in party_profiles. Without them the worker writes an
-- identity only when it is new or seen earlier than recorded (issue 5: scoring under 10 % of intake).
ALTER TABLE pccc_identities DROP COLUMN last_seen, DROP COLUMN parcels;
