-- The declarations of each supply-chain party (platform, seller, forwarder, courier, broker), for
-- the held/rejected counts of its profile page, as one row per party and scoring batch with the
-- batch's declaration ids, instead of one declaration_parties row (and primary-key entry) per party
-- and parcel: ~3 rows per scored declaration became ~30 per batch of 1,000 (issue 5: scoring under
-- 10 % of intake; declaration_parties was the largest write of a scored declaration: measured in a
-- 50,000-declaration load, 154,000 rows, 157,000 WAL records). Written by the scoring worker with a
-- declaration's first scoring, read only by a party's profile; consignees and addresses are found
-- through risk_parcels as before.
CREATE TABLE party_declarations (
  role             text NOT NULL,   -- platform | seller | forwarder | courier | broker
  key              text NOT NULL,
  declaration_ids  bigint[] NOT NULL
);
CREATE INDEX party_declarations_key ON party_declarations (role, key);
INSERT INTO party_declarations (role, key, declaration_ids)
SELECT role, key, array_agg(declaration_id ORDER BY declaration_id) FROM declaration_parties
 WHERE role NOT IN ('consignee', 'address') GROUP BY role, key;
DROP TABLE declaration_parties;
