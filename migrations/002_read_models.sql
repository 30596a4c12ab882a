-- Read models for the hot public lookups (issue 3 item 11).
--
-- declaration_lookup holds, per declaration, the public lookup answer (status, timeline, hold
-- reason, next action, taxes due; no personal data) as ready-to-send JSON text, so a lookup is
-- one primary-key read and the server sends the stored text as it is. It is written in the
-- same transaction as every event of its declaration (intake, cargo events, officer decisions,
-- corrections, withdrawals), so it never lags the event history; it is derived data and can be
-- rebuilt from declarations + declaration_events at any time (the service fills missing rows
-- on start). No foreign key: intake writes it with COPY and the row is derived, not owned.
CREATE TABLE declaration_lookup (
  cargo_no        text PRIMARY KEY,
  declaration_id  bigint NOT NULL,
  hbl_no          text,
  mbl_no          text,
  bl_year         text,
  body            text NOT NULL
) WITH (toast_tuple_target = 8160); -- keep bodies (a few KB) inline and uncompressed: one page read per lookup

-- B/L lookups: house or master B/L with the B/L year, in declaration order.
CREATE INDEX declaration_lookup_hbl ON declaration_lookup (hbl_no, bl_year, declaration_id) WHERE hbl_no IS NOT NULL;
CREATE INDEX declaration_lookup_mbl ON declaration_lookup (mbl_no, bl_year, declaration_id) WHERE mbl_no IS NOT NULL;

-- Declarations stored before this migration get a placeholder (empty body); the service
-- renders them on start (DeclarationStore.fillMissingLookups) before it listens.
INSERT INTO declaration_lookup (cargo_no, declaration_id, hbl_no, mbl_no, bl_year, body)
SELECT cargo_no, id, hbl_no, mbl_no, bl_year, '' FROM declarations;
CREATE INDEX declaration_lookup_pending ON declaration_lookup (declaration_id) WHERE body = '';
