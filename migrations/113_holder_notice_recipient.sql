-- A holder who changes the mobile number or e-mail address notices go to (/me/security, src/app/change-holder-contact.ts)
-- is told at the OLD address as well as the new: a change made by someone else in their session must not
-- silently send the alerts elsewhere. The notices read the holder's address at the send (migrations/112), which
-- after the change is the new one; the notice to the old address keeps it here (null: the holder's at the send).
-- An old-address notice shares its event and channel with the new one's (an SMS to each number), so the
-- uniqueness of (event_id, channel) takes the recipient in.
ALTER TABLE pccc_change_notices ADD COLUMN recipient text;
ALTER TABLE pccc_change_notices DROP CONSTRAINT pccc_change_notices_event_id_channel_key;
CREATE UNIQUE INDEX pccc_change_notices_event_channel ON pccc_change_notices (event_id, channel, (coalesce(recipient, '')));
