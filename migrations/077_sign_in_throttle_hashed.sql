-- The officer sign-in throttle (migrations/075) keeps usernames and client addresses as their SHA-256
-- (base64url, 43 characters), as rate_limit_counts keeps its keys (076): the counts need to tell
-- officers and addresses apart, not to read them, and the tables were a readable list of who signed
-- in, or tried to, from where (src/adapters/db/stored-key.ts storedKeyOf, the same hash in Node).
-- The rows are converted in place rather than emptied: the failure counts are short-lived (15 minutes,
-- an hour) and could be dropped, but a known address is kept 30 days and emptying it would make every
-- officer's desk a stranger again, slowed under an attack until the next sign-in there. Usernames
-- were already lower case; distinct values give distinct hashes, so no key collides.
-- The CHECKs refuse clear text from here on (an instance still running the code before this one
-- fails its write rather than storing it).

-- storedKeyOf in SQL: SHA-256 of the UTF-8 text, base64url without padding.
UPDATE sign_in_address_failures
   SET username = translate(rtrim(encode(sha256(convert_to(username, 'UTF8')), 'base64'), '='), '+/', '-_'),
       address = translate(rtrim(encode(sha256(convert_to(address, 'UTF8')), 'base64'), '='), '+/', '-_');
UPDATE sign_in_username_failures
   SET username = translate(rtrim(encode(sha256(convert_to(username, 'UTF8')), 'base64'), '='), '+/', '-_');
UPDATE sign_in_known_addresses
   SET username = translate(rtrim(encode(sha256(convert_to(username, 'UTF8')), 'base64'), '='), '+/', '-_'),
       address = translate(rtrim(encode(sha256(convert_to(address, 'UTF8')), 'base64'), '='), '+/', '-_');

ALTER TABLE sign_in_address_failures
  ADD CONSTRAINT sign_in_address_failures_hashed CHECK (username ~ '^[A-Za-z0-9_-]{43}$' AND address ~ '^[A-Za-z0-9_-]{43}$');
ALTER TABLE sign_in_username_failures
  ADD CONSTRAINT sign_in_username_failures_hashed CHECK (username ~ '^[A-Za-z0-9_-]{43}$');
ALTER TABLE sign_in_known_addresses
  ADD CONSTRAINT sign_in_known_addresses_hashed CHECK (username ~ '^[A-Za-z0-9_-]{43}$' AND address ~ '^[A-Za-z0-9_-]{43}$');
