// The officer sign-in throttle's counts in PostgreSQL (src/app/ports/sign-in-throttle-store.ts,
// migrations/075_sign_in_throttle.sql), shared by every instance of the platform. A failure's two
// counts go up in one statement with INSERT … ON CONFLICT DO UPDATE (the row lock serialises two
// instances, so none is lost); a count whose window is over begins again at 1. After each write, up
// to EXPIRED_PER_WRITE expired rows of each table it wrote are deleted: a write adds at most one row
// to a table and removes up to that many expired ones, so a table never holds many more rows than were
// written in its busiest window (a guesser's own failures delete their expired ones); no periodic worker.
import type pg from 'pg';
import type { SignInThrottleState, SignInThrottleStore } from '../../app/ports/sign-in-throttle-store.ts';

export const EXPIRED_PER_WRITE = 100;

const READ = `
  SELECT a.failures AS address_failures, a.since AS address_since,
         u.failures AS username_failures, u.since AS username_since, u.last_failure AS username_last,
         k.signed_in_at AS known_since
    FROM (SELECT 1) one
    LEFT JOIN sign_in_address_failures a ON a.username = $1 AND a.address = $2
    LEFT JOIN sign_in_username_failures u ON u.username = $1
    LEFT JOIN sign_in_known_addresses k ON k.username = $1 AND k.address = $2`;

const FAILED = `
  WITH address_count AS (
    INSERT INTO sign_in_address_failures AS f (username, address, failures, since) VALUES ($1, $2, 1, $3)
    ON CONFLICT (username, address) DO UPDATE
      SET failures = CASE WHEN f.since > $4 THEN f.failures + 1 ELSE 1 END,
          since = CASE WHEN f.since > $4 THEN f.since ELSE EXCLUDED.since END
  )
  INSERT INTO sign_in_username_failures AS f (username, failures, since, last_failure) VALUES ($1, 1, $3, $3)
  ON CONFLICT (username) DO UPDATE
    SET failures = CASE WHEN f.since > $5 THEN f.failures + 1 ELSE 1 END,
        since = CASE WHEN f.since > $5 THEN f.since ELSE EXCLUDED.since END,
        last_failure = CASE WHEN f.since > $5 THEN greatest(f.last_failure, EXCLUDED.last_failure) ELSE EXCLUDED.last_failure END`;

// A statement of its own, after the count's: it never waits (SKIP LOCKED), so it cannot deadlock
// with another instance's count waiting on a row it deletes.
const FAILURES_EXPIRED = `
  WITH addresses AS (
    DELETE FROM sign_in_address_failures
     WHERE (username, address) IN (SELECT username, address FROM sign_in_address_failures WHERE since <= $1 LIMIT $3 FOR UPDATE SKIP LOCKED)
  )
  DELETE FROM sign_in_username_failures
   WHERE username IN (SELECT username FROM sign_in_username_failures WHERE since <= $2 LIMIT $3 FOR UPDATE SKIP LOCKED)`;

const SUCCEEDED = `
  WITH forgiven AS (
    DELETE FROM sign_in_address_failures WHERE username = $1 AND address = $2
  )
  INSERT INTO sign_in_known_addresses AS k (username, address, signed_in_at) VALUES ($1, $2, $3)
  ON CONFLICT (username, address) DO UPDATE SET signed_in_at = greatest(k.signed_in_at, EXCLUDED.signed_in_at)`;

const KNOWN_EXPIRED = `
  DELETE FROM sign_in_known_addresses
   WHERE (username, address) IN (SELECT username, address FROM sign_in_known_addresses WHERE signed_in_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED)`;

interface StateRow {
  address_failures: number | null;
  address_since: Date | null;
  username_failures: number | null;
  username_since: Date | null;
  username_last: Date | null;
  known_since: Date | null;
}

export class PgSignInThrottleStore implements SignInThrottleStore {
  private readonly pool: pg.Pool;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async read(username: string, address: string): Promise<SignInThrottleState> {
    const { rows } = await this.pool.query<StateRow>(READ, [username, address]);
    const r = rows[0]!;
    return {
      address: r.address_failures !== null && r.address_since ? { failures: r.address_failures, since: r.address_since } : null,
      username: r.username_failures !== null && r.username_since && r.username_last ? { failures: r.username_failures, since: r.username_since, last: r.username_last } : null,
      knownSince: r.known_since,
    };
  }

  async failed(username: string, address: string, now: Date, expiredFrom: { address: Date; username: Date }): Promise<void> {
    await this.pool.query(FAILED, [username, address, now, expiredFrom.address, expiredFrom.username]);
    await this.pool.query(FAILURES_EXPIRED, [expiredFrom.address, expiredFrom.username, EXPIRED_PER_WRITE]);
  }

  async succeeded(username: string, address: string, now: Date, knownExpiredFrom: Date): Promise<void> {
    await this.pool.query(SUCCEEDED, [username, address, now]);
    await this.pool.query(KNOWN_EXPIRED, [knownExpiredFrom, EXPIRED_PER_WRITE]);
  }
}
