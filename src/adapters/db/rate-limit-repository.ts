// The per-route request counts in PostgreSQL (src/app/ports/rate-limit-counter.ts,
// migrations/076_rate_limit_counts.sql), shared by every instance of the platform. A request is one
// statement: INSERT … ON CONFLICT DO UPDATE (the row lock serialises two instances, so none is lost);
// a count whose window is over begins again at 1. Windows are judged by the database's clock, not
// each instance's: one clock for the window's start, its end and the ttl answered, whichever instance
// counts (the application clock of 075 is the sign-in policy's input; here no policy reads it).
// Every CLEANUP_EVERY hits of this process, a second statement deletes up to EXPIRED_PER_CLEANUP
// expired rows: a hit adds at most one row, and deletions outpace additions two to one, so the table
// holds the counts of the current windows and a bounded number of expired ones; no periodic worker.
// Keys are kept as their SHA-256 (storedKeyOf): a counter tells clients apart, it need not read them.
import type pg from 'pg';
import type { RateLimitCounter, RateLimitHit } from '../../app/ports/rate-limit-counter.ts';
import { storedKeyOf } from './stored-key.ts';

export const CLEANUP_EVERY = 50;
export const EXPIRED_PER_CLEANUP = 100;

const HIT = `
  INSERT INTO rate_limit_counts AS c (route, key, hits, window_ends)
  VALUES ($1, $2, 1, now() + $3::float8 * interval '1 millisecond')
  ON CONFLICT (route, key) DO UPDATE
    SET hits = CASE WHEN c.window_ends > now() THEN c.hits + 1 ELSE 1 END,
        window_ends = CASE WHEN c.window_ends > now() THEN c.window_ends ELSE EXCLUDED.window_ends END
  RETURNING hits, ceil(extract(epoch FROM c.window_ends - now()) * 1000)::int AS ttl_ms`;

const PEEK = `
  SELECT hits, ceil(extract(epoch FROM window_ends - now()) * 1000)::int AS ttl_ms
    FROM rate_limit_counts WHERE route = $1 AND key = $2 AND window_ends > now()`;

// A statement of its own, after the count's (committed): it never waits (SKIP LOCKED), so it cannot
// deadlock with another instance's count waiting on a row it deletes.
const EXPIRED = `
  DELETE FROM rate_limit_counts
   WHERE (route, key) IN (SELECT route, key FROM rate_limit_counts WHERE window_ends <= now() LIMIT $1 FOR UPDATE SKIP LOCKED)`;

export class PgRateLimitCounter implements RateLimitCounter {
  private readonly pool: pg.Pool;
  private hits = 0;
  constructor(pool: pg.Pool) {
    this.pool = pool;
  }

  async hit(route: string, key: string, windowMs: number): Promise<RateLimitHit> {
    const { rows } = await this.pool.query<{ hits: number; ttl_ms: number }>(HIT, [route, storedKeyOf(key), windowMs]);
    if (++this.hits % CLEANUP_EVERY === 0) await this.pool.query(EXPIRED, [EXPIRED_PER_CLEANUP]);
    return { count: rows[0]!.hits, ttlMs: rows[0]!.ttl_ms };
  }

  async peek(route: string, key: string): Promise<RateLimitHit> {
    const { rows } = await this.pool.query<{ hits: number; ttl_ms: number }>(PEEK, [route, storedKeyOf(key)]);
    return rows[0] ? { count: rows[0].hits, ttlMs: rows[0].ttl_ms } : { count: 0, ttlMs: 0 };
  }
}
