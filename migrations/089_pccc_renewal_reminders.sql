-- Renewal reminders of personal customs codes (1-year validity, renewable 30 days either side of
-- expiry: 고시 2025-06-18): one row per code, expiry date and kind, written when the reminder is
-- claimed for sending, so each is sent once across restarts and processes.
CREATE TABLE pccc_renewal_reminders (
  pccc       text NOT NULL REFERENCES pccc_holders (pccc),
  expires_on date NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('window-open', 'expired')),
  sent_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pccc, expires_on, kind)
);

-- The due codes are found by expiry date among the active ones.
CREATE INDEX pccc_holders_active_expiry ON pccc_holders (expires_on) WHERE status = 'active';
