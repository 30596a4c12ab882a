-- Virtual accounts (가상계좌) issued for paying taxes by bank transfer through Toss Payments
-- (src/app/issue-virtual-account.ts). An account waits for the payer's deposit; Toss's deposit
-- callback (src/app/record-virtual-account-deposit.ts), confirmed by a look-up of the payment,
-- records the payment in tax_payments, whose UNIQUE(declaration_id) keeps a declaration at one
-- completed payment whatever the number of accounts issued. Here:
-- * at most one account waits per declaration (the partial unique index): a second request for the
--   same notice answers the waiting one;
-- * an account never runs past the notice's due date (관세법 제9조), checked against the due date
--   the notice had at issue, in Korean time;
-- * the callback's secret is kept as its SHA-256 only: a dump of the table cannot forge a callback.
CREATE TABLE tax_virtual_accounts (
  id               bigserial PRIMARY KEY,
  declaration_id   bigint NOT NULL REFERENCES declarations (id),
  payment_no       text NOT NULL,
  amount_krw       bigint NOT NULL CHECK (amount_krw > 0),
  payer_kind       text NOT NULL CHECK (payer_kind IN ('consumer', 'operator')),
  payer_ref        text NOT NULL,
  provider         text NOT NULL,
  order_id         text NOT NULL UNIQUE,
  payment_key      text NOT NULL,
  bank_code        text NOT NULL,
  account_number   text NOT NULL,
  holder_name      text NOT NULL,
  due_at           timestamptz NOT NULL,
  notice_due_date  date NOT NULL,
  secret_sha256    text NOT NULL,
  idempotency_key  text,
  status           text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'deposited', 'canceled', 'expired')),
  receipt_no       text,
  created_at       timestamptz NOT NULL,
  closed_at        timestamptz,
  CHECK ((due_at AT TIME ZONE 'Asia/Seoul')::date <= notice_due_date),
  CHECK ((status = 'waiting') = (closed_at IS NULL))
);
CREATE UNIQUE INDEX tax_virtual_accounts_one_waiting ON tax_virtual_accounts (declaration_id) WHERE status = 'waiting';
CREATE INDEX tax_virtual_accounts_declaration ON tax_virtual_accounts (declaration_id, id);
