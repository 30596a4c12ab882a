-- A refused ('rejected') or withdrawn parcel owes no tax: its lookup answer now says taxes.dueKrw 0
-- (lookup-view.ts, owesTaxes in domain/tax-notice.ts). Answers stored before said the full total;
-- an empty body makes the service render them again on start (fillMissingLookups, migration 002).
UPDATE declaration_lookup l
   SET body = ''
  FROM declarations d
 WHERE d.id = l.declaration_id
   AND d.status IN ('rejected', 'withdrawn');
