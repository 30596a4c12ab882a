-- Combined taxation (고시 제68조) with declarations on record: a group is judged against the lowest
-- de minimis of its members (assess.ts), and the stored ones did not say theirs. A US-express
-- T-shirt (USD 200) joining a stored parcel of vitamins (USD 150) on the same B/L was judged
-- against USD 200 alone, where the same two in one batch are judged against USD 150.
--
-- de_minimis_usd: the declaration's own limit (null: business, none). Rows stored before keep the
-- limit they were decided with (assessment.deMinimis.thresholdUsd): their own for a declaration not
-- combined; for a combined one its group's, which is the lowest of its members' and so never above
-- its own (its own is not stored elsewhere; a corrected or newly stored row writes its own).
ALTER TABLE declarations ADD COLUMN de_minimis_usd double precision;
UPDATE declarations SET de_minimis_usd = (assessment #>> '{deMinimis,thresholdUsd}')::float8
 WHERE personal AND assessment #>> '{deMinimis,thresholdUsd}' IS NOT NULL;

-- The history read (036, 050) returns it: a new column in the result needs the function made again.
DROP FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]);
CREATE FUNCTION combined_taxation_history(lock_space int, lock_keys int[], pcccs text[], hbl_nos text[], dates date[], exclude_ids bigint[])
RETURNS TABLE (id bigint, version int, ref text, declared_at date, consignee_key text, seller_key text, purchased_at date,
               hbl_no text, arrival_date date, goods_value_usd double precision, personal boolean, de_minimis_usd double precision)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(lock_keys) > 0 THEN
    PERFORM pg_advisory_xact_lock(lock_space, k) FROM (SELECT DISTINCT k FROM unnest(lock_keys) AS k ORDER BY k) AS s;
  END IF;
  RETURN QUERY
    SELECT d.id, d.version, d.ref, d.declared_at, d.consignee_key, d.seller_key, d.purchased_at, d.hbl_no, d.arrival_date,
           d.goods_value_usd, d.personal, d.de_minimis_usd
      FROM declarations d
     WHERE (d.hbl_no = ANY(hbl_nos)
            OR (d.pccc = ANY(pcccs) AND (dates IS NULL OR d.purchased_at = ANY(dates) OR d.arrival_date = ANY(dates))))
       AND d.status NOT IN ('withdrawn', 'rejected')
       AND NOT (d.id = ANY(exclude_ids));
END $$;
ALTER FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]) SET plan_cache_mode = force_custom_plan;

-- Closes of virtual accounts at Toss (065, 067): the error object Toss answered the last refused
-- cancel with ({code, message}, as Toss sent them), so that the administrators' page explains
-- the code in Korean or English and shows Toss's code and message as detail. Null when the
-- last failure had no answer from Toss (no connection, a timeout, a 5xx) or came before this.
ALTER TABLE tax_account_closures ADD COLUMN last_provider_error jsonb
  CHECK (last_provider_error IS NULL OR (jsonb_typeof(last_provider_error -> 'code') = 'string' AND jsonb_typeof(last_provider_error -> 'message') = 'string'));
