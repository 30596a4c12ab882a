-- The officer work queue without an active risk model ranks open declarations by a held bonus
-- plus the weights of the engine's signals. It summed the weights out of assessment->'signals'
-- for every open declaration on every page (detoasting each assessment): 2.0 s for the first
-- page at 100,000 open declarations (bench/workbench/work-queue.bench.ts). The points are now
-- stored when the assessment is written (intake and amendments, from src/domain/queue-points.ts)
-- and the rank is an indexed column.
--
-- signal_points: the sum of the signals' weights (src/domain/queue-points.ts signalPoints).
-- queue_points:  + 100 (HOLD_WEIGHT) while held; generated, so every status change keeps it right.
ALTER TABLE declarations ADD COLUMN signal_points int NOT NULL DEFAULT 0;

-- Rows written before: the weights of src/domain/queue-points.ts as of this migration
-- (unknown signals weigh 1). test/integration/queue-points-migration.test.ts checks both agree.
UPDATE declarations d
   SET signal_points = w.points
  FROM (SELECT x.id, sum(coalesce(k.points, 1))::int AS points
          FROM declarations x
         CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(x.assessment -> 'signals') = 'array' THEN x.assessment -> 'signals' ELSE '[]'::jsonb END) AS sg(code)
          LEFT JOIN (VALUES ('PROHIBITED_GOODS', 50), ('QUANTITY_OVER_SELF_USE', 30), ('AMOUNT_PAID_MISMATCH', 25), ('COMBINED', 20),
                            ('NEAR_DE_MINIMIS', 15), ('DESCRIPTION_INCOMPLETE', 10), ('TARIFF_UNKNOWN', 8), ('NO_SELLER', 5),
                            ('HS_FROM_CATEGORY', 3), ('FX_PLACEHOLDER', 0)) AS k(code, points) ON k.code = sg.code
         GROUP BY x.id) w
 WHERE d.id = w.id AND d.signal_points <> w.points;

ALTER TABLE declarations ADD COLUMN queue_points int GENERATED ALWAYS AS ((CASE WHEN status = 'held' THEN 100 ELSE 0 END) + signal_points) STORED;

-- The queue's order, over the statuses an officer can still act on (src/app/list-work-queue.ts
-- OPEN_STATUSES): a page is the first rows of this index.
CREATE INDEX declarations_work_queue ON declarations (queue_points DESC, updated_at, id)
  WHERE status IN ('held', 'under_review', 'import_declared', 'list_submitted', 'in_warehouse', 'unloaded', 'arrived', 'arrival_reported', 'declared');
