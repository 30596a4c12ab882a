-- Combined taxation's supplier ground (수입통관 사무처리에 관한 고시 제68조 제3호) joins two declarations
-- of one consignee and purchase date that give the same seller code, or the same seller name (issues 2
-- and 5: a marketplace declares the seller's code and name, a forwarder the name alone). The history
-- carried one key, seller_key (the code, else the name), so those two never met: 'c123' against
-- 'nikestore'. seller_key keeps that meaning (the seller as one party: party histories, risk); the
-- history read returns the two keys instead, each normalized as the engine does (normalizeKey in
-- src/domain/combine.ts: lower case, only 0-9, a-z and Hangul syllables kept; none when empty).
ALTER TABLE declarations ADD COLUMN seller_code_key text, ADD COLUMN seller_name_key text;

-- Rows stored before: from the declaration as stored. JavaScript's toLowerCase maps two non-ASCII
-- capitals to ASCII letters (U+0130 İ → i + a combining dot, U+212A the Kelvin sign → k); translate does
-- it first, whatever the database's locale does with them.
UPDATE declarations
   SET seller_code_key = CASE WHEN jsonb_typeof(declaration #> '{parties,seller,code}') = 'string'
         THEN NULLIF(regexp_replace(lower(translate(declaration #>> '{parties,seller,code}', U&'\0130\212A', 'ik')), '[^0-9a-z가-힣]', '', 'g'), '') END,
       seller_name_key = CASE WHEN jsonb_typeof(declaration #> '{parties,seller,name}') = 'string'
         THEN NULLIF(regexp_replace(lower(translate(declaration #>> '{parties,seller,name}', U&'\0130\212A', 'ik')), '[^0-9a-z가-힣]', '', 'g'), '') END
 WHERE jsonb_typeof(declaration #> '{parties,seller}') = 'object';

-- The history read (036, 050, 069, 074) returns them in place of seller_key: a changed result needs
-- the function made again, and its settings set again.
DROP FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]);
CREATE FUNCTION combined_taxation_history(lock_space int, lock_keys int[], pcccs text[], hbl_nos text[], dates date[], exclude_ids bigint[])
RETURNS TABLE (id bigint, version int, ref text, declared_at date, consignee_key text, seller_code_key text, seller_name_key text,
               purchased_at date, hbl_no text, arrival_date date, goods_value_usd double precision, personal boolean, de_minimis_usd double precision)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF cardinality(lock_keys) > 0 THEN
    PERFORM pg_advisory_xact_lock(lock_space, k) FROM (SELECT DISTINCT k FROM unnest(lock_keys) AS k ORDER BY k) AS s;
  END IF;
  RETURN QUERY
    SELECT d.id, d.version, d.ref, d.declared_at, d.consignee_key, d.seller_code_key, d.seller_name_key, d.purchased_at, d.hbl_no,
           d.arrival_date, d.goods_value_usd, d.personal, d.de_minimis_usd
      FROM declarations d
     WHERE (d.hbl_no = ANY(hbl_nos)
            OR (d.pccc = ANY(pcccs) AND (dates IS NULL OR d.purchased_at = ANY(dates) OR d.arrival_date = ANY(dates))))
       AND d.status NOT IN ('withdrawn', 'rejected')
       AND NOT (d.id = ANY(exclude_ids));
END $$;
ALTER FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]) SET plan_cache_mode = force_custom_plan;
ALTER FUNCTION combined_taxation_history(int, int[], text[], text[], date[], bigint[]) SET enable_seqscan = off;
