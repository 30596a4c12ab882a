-- PCCC renewal reminders at least once: the row is the claim (claimed_at, a lease) and sent_at is set
-- only once the message went out. A process that stopped between the claim and the send (crash,
-- restart) left a row that said "sent" (089): that reminder was lost. Now a claim without sent_at
-- whose lease ran out is taken again by the next pass; a fresh one by no other process.
ALTER TABLE pccc_renewal_reminders ADD COLUMN claimed_at timestamptz;
-- Rows written before: claimed and, as far as anyone can tell now, sent at the same moment.
UPDATE pccc_renewal_reminders SET claimed_at = sent_at;
ALTER TABLE pccc_renewal_reminders ALTER COLUMN claimed_at SET NOT NULL;
ALTER TABLE pccc_renewal_reminders ALTER COLUMN sent_at DROP NOT NULL;
ALTER TABLE pccc_renewal_reminders ALTER COLUMN sent_at DROP DEFAULT;
