-- Withdrawing a risky-party notice (docs/risk-exchange.md, "Withdrawing a notice"): a notice issued
-- in error, or about a party cleared since, is withdrawn by its sender with a signed
-- `party_notice_withdrawal` message, both ways: ours to partners (exchange_messages_out) and
-- partners' to us (exchange_messages_in). The withdrawal is a message like the others, stored in the
-- same append-only tables, pointing at the notice it withdraws; a notice's withdrawn state is derived
-- from it, never written over the notice. One withdrawal per notice, held by the database itself (a
-- unique index), whatever two officers or two deliveries do at once. Same SQL embedded and on a server.

ALTER TABLE exchange_messages_out ADD COLUMN withdraws_id bigint REFERENCES exchange_messages_out (id);
ALTER TABLE exchange_messages_out ADD CONSTRAINT exchange_messages_out_withdrawal
  CHECK ((kind = 'party_notice_withdrawal') = (withdraws_id IS NOT NULL));
CREATE UNIQUE INDEX exchange_messages_out_withdrawn_once ON exchange_messages_out (withdraws_id) WHERE withdraws_id IS NOT NULL;

ALTER TABLE exchange_messages_in ADD COLUMN withdraws_id bigint REFERENCES exchange_messages_in (id);
ALTER TABLE exchange_messages_in ADD CONSTRAINT exchange_messages_in_withdrawal
  CHECK ((kind = 'party_notice_withdrawal') = (withdraws_id IS NOT NULL));
CREATE UNIQUE INDEX exchange_messages_in_withdrawn_once ON exchange_messages_in (withdraws_id) WHERE withdraws_id IS NOT NULL;

-- Our withdrawals are numbered KR-TG-PW-<n> without gaps, as our notices are (migrations/059): a
-- partner reads a gap as a withdrawal it never got, and would go on acting on the notice.
INSERT INTO exchange_counters (name, last) VALUES ('party_notice_withdrawal', 0);
