// The officer sign-in throttle's counts in PostgreSQL (src/app/ports/sign-in-throttle-store.ts,
// migrations/075_sign_in_throttle.sql, 077), shared by every instance of the platform; and each
// session's own wrong current passwords, on its row of sessions (migrations/101).
// Usernames and addresses are kept as their SHA-256 (storedKeyOf, migration 077): the throttle tells
// them apart, it need not read them.
// An attempt is checked and counted in one transaction holding the rows of its counts (reserve): the
// username's row first, then the pair's, always in that order, so two attempts cannot deadlock; a row
// not there yet is inserted at 0 to be held, so the first attempts at a pair wait on each other too.
// The attempt is counted as a failure before its password is checked (a crash then leaves it counted,
// the safe side); a success takes it back. A count whose window is over begins again at 1.
// After a failure or a success, up to EXPIRED_PER_WRITE expired rows of each table it wrote are
// deleted: an attempt adds at most one row to a table and removes up to that many expired ones, so a
// table never holds many more rows than were written in its busiest window; no periodic worker.
import type pg from 'pg';
import type { SessionFailureCounts, SignInReservation, SignInThrottleState, SignInThrottleStore } from '../../app/ports/sign-in-throttle-store.ts';
import { storedKeyOf } from './stored-key.ts';

export const EXPIRED_PER_WRITE = 100;

const READ = `
  SELECT a.failures AS address_failures, a.since AS address_since,
         u.failures AS username_failures, u.since AS username_since, u.last_failure AS username_last,
         k.signed_in_at AS known_since
    FROM (SELECT 1) one
    LEFT JOIN sign_in_address_failures a ON a.username = $1 AND a.address = $2
    LEFT JOIN sign_in_username_failures u ON u.username = $1
    LEFT JOIN sign_in_known_addresses k ON k.username = $1 AND k.address = $2`;

// Held until the transaction ends (the no-op update locks the row, inserted at 0 if missing).
const HOLD_USERNAME = `
  INSERT INTO sign_in_username_failures AS f (username, failures, since, last_failure) VALUES ($1, 0, $2, $2)
  ON CONFLICT (username) DO UPDATE SET failures = f.failures
  RETURNING failures AS username_failures, since AS username_since, last_failure AS username_last`;

const HOLD_ADDRESS = `
  WITH a AS (
    INSERT INTO sign_in_address_failures AS f (username, address, failures, since) VALUES ($1, $2, 0, $3)
    ON CONFLICT (username, address) DO UPDATE SET failures = f.failures
    RETURNING failures, since
  )
  SELECT a.failures AS address_failures, a.since AS address_since, k.signed_in_at AS known_since
    FROM a LEFT JOIN sign_in_known_addresses k ON k.username = $1 AND k.address = $2`;

// Both rows are held by this transaction: the order of the two updates does not matter.
const COUNT = `
  WITH address_count AS (
    UPDATE sign_in_address_failures AS f
       SET failures = CASE WHEN f.since > $4 THEN f.failures + 1 ELSE 1 END,
           since = CASE WHEN f.since > $4 THEN f.since ELSE $3 END
     WHERE f.username = $1 AND f.address = $2
  )
  UPDATE sign_in_username_failures AS f
     SET failures = CASE WHEN f.since > $5 THEN f.failures + 1 ELSE 1 END,
         since = CASE WHEN f.since > $5 THEN f.since ELSE $3 END,
         last_failure = CASE WHEN f.since > $5 THEN greatest(f.last_failure, $3) ELSE $3 END
   WHERE f.username = $1`;

// A statement of its own, after the count's: it never waits (SKIP LOCKED), so it cannot deadlock
// with another instance's attempt holding a row it deletes.
const FAILURES_EXPIRED = `
  WITH addresses AS (
    DELETE FROM sign_in_address_failures
     WHERE (username, address) IN (SELECT username, address FROM sign_in_address_failures WHERE since <= $1 LIMIT $3 FOR UPDATE SKIP LOCKED)
  )
  DELETE FROM sign_in_username_failures
   WHERE username IN (SELECT username FROM sign_in_username_failures WHERE since <= $2 LIMIT $3 FOR UPDATE SKIP LOCKED)`;

// The success's own count taken back, if its window still runs (another attempt may have begun a new
// one since, at 1 without it). The last failure is put back unless a later attempt moved it.
const TAKEN_BACK = `
  UPDATE sign_in_username_failures
     SET failures = failures - 1,
         last_failure = CASE WHEN last_failure = $2 THEN $3 ELSE last_failure END
   WHERE username = $1 AND since <= $2 AND failures > 0`;

// One row of each table, not the username's: a statement of its own after TAKEN_BACK, so a success
// never holds the pair's row while waiting for the username's (reserve takes them the other way).
const SUCCEEDED = `
  WITH forgiven AS (
    DELETE FROM sign_in_address_failures WHERE username = $1 AND address = $2
  )
  INSERT INTO sign_in_known_addresses AS k (username, address, signed_in_at) VALUES ($1, $2, $3)
  ON CONFLICT (username, address) DO UPDATE SET signed_in_at = greatest(k.signed_in_at, EXCLUDED.signed_in_at)`;

const KNOWN_EXPIRED = `
  DELETE FROM sign_in_known_addresses
   WHERE (username, address) IN (SELECT username, address FROM sign_in_known_addresses WHERE signed_in_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`;

// The session's row is held by the update itself: two of its failures at once are counted one after
// the other. In SET every expression reads the row as it was, so each CASE sees the old window.
const SESSION_FAILED = `
  UPDATE sessions
     SET wrong_passwords = CASE WHEN wrong_passwords_since > $3 THEN wrong_passwords + 1 ELSE 1 END,
         wrong_passwords_since = CASE WHEN wrong_passwords_since > $3 THEN wrong_passwords_since ELSE $2 END,
         wrong_passwords_hour = CASE WHEN wrong_passwords_hour_since > $4 THEN wrong_passwords_hour + 1 ELSE 1 END,
         wrong_passwords_hour_since = CASE WHEN wrong_passwords_hour_since > $4 THEN wrong_passwords_hour_since ELSE $2 END,
         wrong_password_last = CASE WHEN wrong_passwords_hour_since > $4 THEN greatest(wrong_password_last, $2) ELSE $2 END
   WHERE token_hash = $1
  RETURNING wrong_passwords, wrong_passwords_since, wrong_passwords_hour, wrong_passwords_hour_since, wrong_password_last`;

const SESSION_SUCCEEDED = `
  UPDATE sessions
     SET wrong_passwords = NULL, wrong_passwords_since = NULL, wrong_passwords_hour = NULL, wrong_passwords_hour_since = NULL, wrong_password_last = NULL
   WHERE token_hash = $1 AND wrong_passwords IS NOT NULL`;

interface StateRow {
  address_failures: number | null;
  address_since: Date | null;
  username_failures: number | null;
  username_since: Date | null;
  username_last: Date | null;
  known_since: Date | null;
}

const stateOf = (r: StateRow): SignInThrottleState => ({
  address: r.address_failures !== null && r.address_since ? { failures: r.address_failures, since: r.address_since } : null,
  username: r.username_failures !== null && r.username_since && r.username_last ? { failures: r.username_failures, since: r.username_since, last: r.username_last } : null,
  knownSince: r.known_since,
});

export class PgSignInThrottleStore implements SignInThrottleStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async read(username: string, address: string): Promise<SignInThrottleState> {
    const { rows } = await this.pool.query<StateRow>(READ, [storedKeyOf(username), storedKeyOf(address)]);
    return stateOf(rows[0]!);
  }

  async reserve<R>(
    username: string,
    address: string,
    now: Date,
    expiredFrom: { address: Date; username: Date },
    refuse: (state: SignInThrottleState) => R | null,
  ): Promise<{ refused: R } | { refused: null; reservation: SignInReservation }> {
    const u = storedKeyOf(username);
    const a = storedKeyOf(address);
    const c = await this.pool.connect();
    let broken = false;
    try {
      await c.query('BEGIN');
      const held = (await c.query<StateRow>(HOLD_USERNAME, [u, now])).rows[0]!;
      Object.assign(held, (await c.query<StateRow>(HOLD_ADDRESS, [u, a, now])).rows[0]!);
      const refused = refuse(stateOf(held));
      if (refused !== null) {
        await c.query('ROLLBACK'); // the rows inserted only to be held go too
        return { refused };
      }
      await c.query(COUNT, [u, a, now, expiredFrom.address, expiredFrom.username]);
      await c.query('COMMIT');
      return { refused: null, reservation: { previousLast: held.username_last } };
    } catch (e) {
      await c.query('ROLLBACK').catch(() => (broken = true));
      throw e;
    } finally {
      c.release(broken); // a connection that cannot roll back is closed, not reused
    }
  }

  async failed(expiredFrom: { address: Date; username: Date }): Promise<void> {
    await this.pool.query(FAILURES_EXPIRED, [expiredFrom.address, expiredFrom.username, EXPIRED_PER_WRITE]);
  }

  async succeeded(username: string, address: string, now: Date, reservation: SignInReservation, knownExpiredFrom: Date): Promise<void> {
    const u = storedKeyOf(username);
    await this.pool.query(TAKEN_BACK, [u, now, reservation.previousLast ?? now]);
    await this.pool.query(SUCCEEDED, [u, storedKeyOf(address), now]);
    await this.pool.query(KNOWN_EXPIRED, [knownExpiredFrom, EXPIRED_PER_WRITE]);
  }

  async sessionFailed(tokenHash: string, now: Date, expiredFrom: { address: Date; username: Date }): Promise<SessionFailureCounts | null> {
    const r = (await this.pool.query<{ wrong_passwords: number; wrong_passwords_since: Date; wrong_passwords_hour: number; wrong_passwords_hour_since: Date; wrong_password_last: Date }>(
      SESSION_FAILED,
      [tokenHash, now, expiredFrom.address, expiredFrom.username],
    )).rows[0];
    return r
      ? { lock: { failures: r.wrong_passwords, since: r.wrong_passwords_since }, slowDown: { failures: r.wrong_passwords_hour, since: r.wrong_passwords_hour_since, last: r.wrong_password_last } }
      : null;
  }

  async sessionSucceeded(tokenHash: string): Promise<void> {
    await this.pool.query(SESSION_SUCCEEDED, [tokenHash]);
  }
}
