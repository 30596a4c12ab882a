-- A digest of the data-file versions each declaration's assessment recorded (assessment->'dataVersions'),
-- kept by PostgreSQL on every write: the start's look for declarations decided with a superseded
-- version (reference_redecisions, migrations/092) groups the declarations by it and reads one
-- assessment per key, not each declaration's (an assessment is stored out of line, ~4 KB compressed:
-- reading all of them took 3.7 s at 200,000 declarations, 0.3 s by this key). Equal dataVersions
-- give equal keys (jsonb's text form is canonical); a declaration without them has none.
-- Adding it rewrites the table once (15 s at 200,000 declarations on the server here).
ALTER TABLE declarations ADD COLUMN data_versions_key uuid GENERATED ALWAYS AS (md5((assessment -> 'dataVersions')::text)::uuid) STORED;
