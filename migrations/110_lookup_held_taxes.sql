-- The public lookup's next action of a taxed parcel an officer held said only to answer the hold,
-- while /me offered to pay: a hold (관세법 제237조) withholds clearance, not the taxes assessed, which
-- may be paid before 수리 (관세법 제9조③). It now says the taxes can be paid too (nextStepsOf,
-- src/domain/lifecycle.ts). Answers stored before keep the old text until their parcel's next event:
-- an empty body makes the service render them again on start (fillMissingLookups, as 082 and 086
-- did). Only held parcels with taxes, not those the engine held (route hold: nothing payable yet).
UPDATE declaration_lookup l
   SET body = ''
  FROM declarations d
 WHERE d.id = l.declaration_id
   AND d.status = 'held'
   AND d.route <> 'hold'
   AND d.taxes_total_krw > 0
   AND l.body <> '';
