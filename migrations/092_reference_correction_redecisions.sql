-- Declarations on record decided with reference data a later data-file version corrected
-- (`corrects`, data/README.md; src/domain/reference-corrections.ts). At each start the platform
-- queues here, for each superseded version, the declarations whose assessment recorded it
-- (assessment->'dataVersions'); its worker (src/workers/reference-correction-worker.ts) decides
-- each again with the correction and stores a new version when the decision or its explanation
-- changed (or notes it after clearance).
--
-- A row is kept when done (done_at): it says this declaration was checked against this
-- correction, so the next start does not queue it again when nothing changed (its assessment then
-- still records the old version). A correction of the correction is a new row.
-- leased_until: a worker's claim; a worker that died mid-way leaves it to be taken again, and the
-- decision is idempotent (a declaration no longer recording the old version is done at once).
CREATE TABLE reference_redecisions (
  declaration_id bigint NOT NULL,      -- no foreign key (as combined_redecisions): the worker finishes a row whose declaration is gone
  dataset        text NOT NULL,
  version        text NOT NULL,        -- the superseded version the assessment recorded
  corrected_by   text NOT NULL,        -- the version in force now for its dates
  queued_at      timestamptz NOT NULL DEFAULT now(),
  leased_until   timestamptz,
  attempts       int NOT NULL DEFAULT 0,
  last_error     text,
  done_at        timestamptz,
  outcome        text,                 -- reassessed | noted | unchanged | gone
  PRIMARY KEY (declaration_id, dataset, corrected_by)
);
CREATE INDEX reference_redecisions_due ON reference_redecisions (queued_at, declaration_id) WHERE done_at IS NULL;

-- The superseded versions already looked for: a start looks only for those it has not (a
-- correction ships with the data files, and declarations stored since were decided with it), so a
-- start reads the declarations' assessments once per correction, not at every start.
CREATE TABLE reference_correction_scans (
  dataset      text NOT NULL,
  version      text NOT NULL,
  corrected_by text NOT NULL,
  scanned_at   timestamptz NOT NULL DEFAULT now(),
  queued       int NOT NULL,
  PRIMARY KEY (dataset, version, corrected_by)
);
