-- Portal read models (issue 4).
--
-- 1. Statistics rollup. Public statistics must stay fast at millions of declarations, and
--    intake must not slow down or serialise because of them. Statement-level triggers append
--    signed deltas (one row per month × origin × HS chapter × route touched by the statement)
--    to declaration_stats: append-only, so concurrent intake batches never wait on each other.
--    Readers sum the deltas by key; compact_declaration_stats() folds them now and then.
--    Measured on 1,000,000 declarations: bench/statistics/statistics.bench.ts.
-- 2. Indexes for the officer workbench (party history, open queue).
-- 3. The operators' submissions log (rejected declarations and their field errors).
-- Numbered 020 to stay clear of the platform's own 0NN migrations.

CREATE TABLE declaration_stats (
  month         date NOT NULL,
  origin        text NOT NULL,               -- origin of the first item, else ship-from (ISO alpha-2)
  chapter       text NOT NULL,               -- HS chapter the engine classified the first item under
  route         text NOT NULL,
  declarations  bigint NOT NULL,             -- not withdrawn
  value_usd     numeric NOT NULL,
  value_krw     bigint NOT NULL,
  taxes_krw     bigint NOT NULL              -- neither withdrawn nor refused
);
CREATE INDEX declaration_stats_month ON declaration_stats (month);

-- The statistics keys and measures of one declaration row. Withdrawn declarations never
-- happened; refused ones were declared but owe no tax.
CREATE FUNCTION stat_month(declared_at date) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN date_trunc('month', declared_at::timestamp)::date;
CREATE FUNCTION stat_origin(declaration jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN upper(coalesce(declaration #>> '{items,0,originCountry}', declaration #>> '{shipment,shipFrom}', ''));
CREATE FUNCTION stat_chapter(assessment jsonb) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce(left(assessment #>> '{lines,0,hsCode}', 2), '');
CREATE FUNCTION stat_value_krw(assessment jsonb) RETURNS bigint LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN coalesce((assessment #>> '{valuation,goodsValueKrw}')::numeric, 0)::bigint;

CREATE FUNCTION declaration_stats_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO declaration_stats (month, origin, chapter, route, declarations, value_usd, value_krw, taxes_krw)
  SELECT stat_month(n.declared_at), stat_origin(n.declaration), stat_chapter(n.assessment), n.route,
         count(*) FILTER (WHERE n.status <> 'withdrawn'),
         coalesce(sum(n.goods_value_usd::numeric) FILTER (WHERE n.status <> 'withdrawn'), 0),
         coalesce(sum(stat_value_krw(n.assessment)) FILTER (WHERE n.status <> 'withdrawn'), 0),
         coalesce(sum(n.taxes_total_krw) FILTER (WHERE n.status NOT IN ('withdrawn', 'rejected')), 0)
    FROM new_rows n
   GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

-- Only rows whose statistics can differ (route, measures, class of status, or a correction
-- that replaced the document) produce deltas: the common cargo-status updates produce none.
CREATE FUNCTION declaration_stats_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  WITH changed AS (
    SELECT o.declared_at AS o_declared_at, o.declaration AS o_declaration, o.assessment AS o_assessment, o.route AS o_route,
           o.status AS o_status, o.goods_value_usd AS o_usd, o.taxes_total_krw AS o_taxes,
           n.declared_at AS n_declared_at, n.declaration AS n_declaration, n.assessment AS n_assessment, n.route AS n_route,
           n.status AS n_status, n.goods_value_usd AS n_usd, n.taxes_total_krw AS n_taxes
      FROM old_rows o JOIN new_rows n ON n.id = o.id
     WHERE o.route IS DISTINCT FROM n.route
        OR o.version IS DISTINCT FROM n.version
        OR o.declared_at IS DISTINCT FROM n.declared_at
        OR o.goods_value_usd IS DISTINCT FROM n.goods_value_usd
        OR o.taxes_total_krw IS DISTINCT FROM n.taxes_total_krw
        OR (o.status = 'withdrawn') IS DISTINCT FROM (n.status = 'withdrawn')
        OR (o.status = 'rejected') IS DISTINCT FROM (n.status = 'rejected')
  ), deltas AS (
    SELECT stat_month(o_declared_at) AS month, stat_origin(o_declaration) AS origin, stat_chapter(o_assessment) AS chapter, o_route AS route,
           -(CASE WHEN o_status <> 'withdrawn' THEN 1 ELSE 0 END) AS declarations,
           -(CASE WHEN o_status <> 'withdrawn' THEN o_usd::numeric ELSE 0 END) AS value_usd,
           -(CASE WHEN o_status <> 'withdrawn' THEN stat_value_krw(o_assessment) ELSE 0 END) AS value_krw,
           -(CASE WHEN o_status NOT IN ('withdrawn', 'rejected') THEN coalesce(o_taxes, 0) ELSE 0 END) AS taxes_krw
      FROM changed
    UNION ALL
    SELECT stat_month(n_declared_at), stat_origin(n_declaration), stat_chapter(n_assessment), n_route,
           (CASE WHEN n_status <> 'withdrawn' THEN 1 ELSE 0 END),
           (CASE WHEN n_status <> 'withdrawn' THEN n_usd::numeric ELSE 0 END),
           (CASE WHEN n_status <> 'withdrawn' THEN stat_value_krw(n_assessment) ELSE 0 END),
           (CASE WHEN n_status NOT IN ('withdrawn', 'rejected') THEN coalesce(n_taxes, 0) ELSE 0 END)
      FROM changed
  )
  INSERT INTO declaration_stats (month, origin, chapter, route, declarations, value_usd, value_krw, taxes_krw)
  SELECT month, origin, chapter, route, sum(declarations), sum(value_usd), sum(value_krw), sum(taxes_krw)
    FROM deltas GROUP BY 1, 2, 3, 4
  HAVING sum(declarations) <> 0 OR sum(value_usd) <> 0 OR sum(value_krw) <> 0 OR sum(taxes_krw) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION declaration_stats_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO declaration_stats (month, origin, chapter, route, declarations, value_usd, value_krw, taxes_krw)
  SELECT stat_month(o.declared_at), stat_origin(o.declaration), stat_chapter(o.assessment), o.route,
         -count(*) FILTER (WHERE o.status <> 'withdrawn'),
         -coalesce(sum(o.goods_value_usd::numeric) FILTER (WHERE o.status <> 'withdrawn'), 0),
         -coalesce(sum(stat_value_krw(o.assessment)) FILTER (WHERE o.status <> 'withdrawn'), 0),
         -coalesce(sum(o.taxes_total_krw) FILTER (WHERE o.status NOT IN ('withdrawn', 'rejected')), 0)
    FROM old_rows o
   GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE TRIGGER declarations_stats_insert AFTER INSERT ON declarations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_stats_insert();
CREATE TRIGGER declarations_stats_update AFTER UPDATE ON declarations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_stats_update();
CREATE TRIGGER declarations_stats_delete AFTER DELETE ON declarations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION declaration_stats_delete();

-- Folds the deltas into one row per key when there are more than `threshold` of them.
-- Safe beside concurrent intake: rows committed after this statement's snapshot stay as they are.
CREATE FUNCTION compact_declaration_stats(threshold int) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
  IF NOT pg_try_advisory_xact_lock(7318244020) THEN RETURN 0; END IF;
  SELECT count(*) INTO n FROM declaration_stats;
  IF n <= threshold THEN RETURN 0; END IF;
  WITH moved AS (DELETE FROM declaration_stats RETURNING *)
  INSERT INTO declaration_stats (month, origin, chapter, route, declarations, value_usd, value_krw, taxes_krw)
  SELECT month, origin, chapter, route, sum(declarations), sum(value_usd), sum(value_krw), sum(taxes_krw)
    FROM moved GROUP BY 1, 2, 3, 4
  HAVING sum(declarations) <> 0 OR sum(value_usd) <> 0 OR sum(value_krw) <> 0 OR sum(taxes_krw) <> 0;
  RETURN n;
END $$;

-- Declarations stored before this migration.
INSERT INTO declaration_stats (month, origin, chapter, route, declarations, value_usd, value_krw, taxes_krw)
SELECT stat_month(declared_at), stat_origin(declaration), stat_chapter(assessment), route,
       count(*) FILTER (WHERE status <> 'withdrawn'),
       coalesce(sum(goods_value_usd::numeric) FILTER (WHERE status <> 'withdrawn'), 0),
       coalesce(sum(stat_value_krw(assessment)) FILTER (WHERE status <> 'withdrawn'), 0),
       coalesce(sum(taxes_total_krw) FILTER (WHERE status NOT IN ('withdrawn', 'rejected')), 0)
  FROM declarations GROUP BY 1, 2, 3, 4;

-- Party history for the officer workbench (who else shipped with this seller, courier, …).
CREATE INDEX declarations_seller ON declarations (seller_key) WHERE seller_key IS NOT NULL;
CREATE INDEX declarations_courier ON declarations (courier_code) WHERE courier_code IS NOT NULL;
CREATE INDEX declarations_forwarder ON declarations (forwarder_code) WHERE forwarder_code IS NOT NULL;
-- The officer queue reads the open declarations only.
CREATE INDEX declarations_open ON declarations (updated_at)
  WHERE status NOT IN ('cleared', 'released', 'rejected', 'withdrawn');

-- Submissions log: every intake call, with the rejected declarations and their field errors
-- (accepted ones are in declarations). Shown in the operator console.
CREATE TABLE submissions (
  id           bigserial PRIMARY KEY,
  operator_id  bigint NOT NULL REFERENCES operators (id),
  received_at  timestamptz NOT NULL DEFAULT now(),
  received     int NOT NULL,
  accepted     int NOT NULL,
  rejected     int NOT NULL,
  replayed     int NOT NULL,
  rejections   jsonb NOT NULL                -- [{index, ref, errors: [{path, code, ko, en}]}], first 1,000
);
CREATE INDEX submissions_operator ON submissions (operator_id, id DESC);
