-- The consignees seen at each address, for the ADDRESS_MANY_CONSIGNEES detector (issue 5: scoring
-- under 10 % of intake). The scoring worker read them as array_agg(DISTINCT pccc) over every
-- risk_parcels row of the batch's addresses: ~7 rows per address fetched by index at each batch,
-- growing with the history, plus one risk_parcels_address index entry written per parcel
-- (measured in a 50,000-declaration load: ~29 µs of database time per scored declaration for the
-- read). One row per (address, consignee) pair instead: the read is one row per consignee of the
-- address, and a parcel writes nothing when its pair is known (ON CONFLICT DO NOTHING).
-- Kept equal to SELECT DISTINCT address_key, pccc FROM risk_parcels by the scoring worker.
CREATE TABLE risk_address_consignees (
  address_key  text NOT NULL,
  pccc         text NOT NULL,
  PRIMARY KEY (address_key, pccc)
);
INSERT INTO risk_address_consignees (address_key, pccc) SELECT DISTINCT address_key, pccc FROM risk_parcels;
DROP INDEX risk_parcels_address;
