-- A staff session's own wrong current passwords (POST /api/v1/me/password; src/app/sign-in-officer.ts
-- signInThrottle's sessionFailed). The shared counts of 075 add up every failure under a username, an
-- attacker's too, so they cannot say whether the session that gave a wrong password is the one guessing:
-- ending the session when they went into effect signed an officer out for one typo during another's
-- attack. The session is ended only when the throttle's policy applied to these counts alone would lock
-- or slow. Counted as 075 counts (on the application's clock, each window begun again at 1 once over):
-- wrong_passwords since wrong_passwords_since, the lock's window (15 minutes); wrong_passwords_hour since
-- wrong_passwords_hour_since and the last at wrong_password_last, the slow-down's (an hour). NULL: none.
-- On the session's row: shared by every instance, gone with the session.
ALTER TABLE sessions
  ADD COLUMN wrong_passwords int,
  ADD COLUMN wrong_passwords_since timestamptz,
  ADD COLUMN wrong_passwords_hour int,
  ADD COLUMN wrong_passwords_hour_since timestamptz,
  ADD COLUMN wrong_password_last timestamptz;
