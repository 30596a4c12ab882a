-- Intake's locked phase, shorter (what concurrent batches for the same consignees wait for).
--
-- 1. A transaction may take back or rewrite the events it inserted itself, before anyone could
--    see them: intake writes a batch's first events before it takes the consignees' locks, and
--    rewrites the few whose declaration the combined-taxation re-check changed. Everything
--    committed stays append-only.
CREATE FUNCTION refuse_change_of_seen_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM declaration_events e WHERE e.id = OLD.id AND e.xmin = pg_current_xact_id()::xid) THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END $$;

DROP TRIGGER declaration_events_append_only ON declaration_events;
CREATE TRIGGER declaration_events_append_only BEFORE UPDATE OR DELETE ON declaration_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_seen_event();

-- 2. The history combined taxation reads (고시 제68조: the same B/L, or the same consignee with
--    the same purchase date or, before 2022-11-17, arrival date), after taking the advisory
--    locks of `lock_keys` in one round trip. A VOLATILE function takes a new snapshot for each
--    statement, so under READ COMMITTED the read sees what was committed while it waited.
CREATE FUNCTION combined_taxation_history(lock_space int, lock_keys int[], pcccs text[], hbl_nos text[], dates date[], exclude_ids bigint[])
RETURNS TABLE (id bigint, version int, ref text, declared_at date, consignee_key text, seller_key text, purchased_at date,
               hbl_no text, arrival_date date, goods_value_usd double precision, personal boolean)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(lock_keys) > 0 THEN
    PERFORM pg_advisory_xact_lock(lock_space, k) FROM (SELECT DISTINCT k FROM unnest(lock_keys) AS k ORDER BY k) AS s;
  END IF;
  RETURN QUERY
    SELECT d.id, d.version, d.ref, d.declared_at, d.consignee_key, d.seller_key, d.purchased_at, d.hbl_no, d.arrival_date,
           d.goods_value_usd, d.personal
      FROM declarations d
     WHERE (d.hbl_no = ANY(hbl_nos)
            OR (d.pccc = ANY(pcccs) AND (dates IS NULL OR d.purchased_at = ANY(dates) OR d.arrival_date = ANY(dates))))
       AND d.status NOT IN ('withdrawn', 'rejected')
       AND NOT (d.id = ANY(exclude_ids));
END $$;
