-- The codes sent for one PCCC lately and not used (src/app/verify-consumer.ts: at most 5 per 15 minutes),
-- counted at every start of a verification: by code and expiry, not by a scan of every challenge ever made.
CREATE INDEX verification_challenges_pccc ON verification_challenges (pccc, method, expires_at);
