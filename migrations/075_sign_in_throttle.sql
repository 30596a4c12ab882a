-- Officer sign-in throttling shared by every instance of the platform (src/app/sign-in-officer.ts;
-- src/adapters/db/sign-in-throttle-repository.ts). Before, each process counted its own failures,
-- so N instances behind a load balancer gave a guesser N times the attempts.
-- Usernames are stored lower case, known or not. A count's window started at `since`; whether it
-- still runs is the application's call (the stored `now` of each attempt, not the database clock).
-- Expired rows are deleted on write, a bounded number at a time (the `since`/`signed_in_at` indexes).

-- Failures under one username from one address (the lock: 10 in 15 minutes).
CREATE TABLE sign_in_address_failures (
  username text NOT NULL,
  address text NOT NULL,
  failures int NOT NULL,
  since timestamptz NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX sign_in_address_failures_since ON sign_in_address_failures (since);

-- Failures under one username from all addresses (the slow-down: past 20 in an hour).
CREATE TABLE sign_in_username_failures (
  username text PRIMARY KEY,
  failures int NOT NULL,
  since timestamptz NOT NULL,
  last_failure timestamptz NOT NULL
);
CREATE INDEX sign_in_username_failures_since ON sign_in_username_failures (since);

-- Addresses a username signed in from (not slowed for 30 days).
CREATE TABLE sign_in_known_addresses (
  username text NOT NULL,
  address text NOT NULL,
  signed_in_at timestamptz NOT NULL,
  PRIMARY KEY (username, address)
);
CREATE INDEX sign_in_known_addresses_signed_in_at ON sign_in_known_addresses (signed_in_at);
