-- misuse_cases.closed_by without a foreign key everywhere. 087 first added it as REFERENCES users (id);
-- the same day (4e3e958) the file was changed to a plain bigint, because misuse_cases is distributed
-- in the Citus plan and users is local, which Citus refuses (docs/scaling-out.md). The migrator keeps
-- no checksum, so a database that ran the first 087 kept the constraint: drop it there, so every
-- database has the schema the migrations now describe. Nothing else changes (the column is set from
-- the signed-in officer's id; users are never deleted).
ALTER TABLE misuse_cases DROP CONSTRAINT IF EXISTS misuse_cases_closed_by_fkey;
