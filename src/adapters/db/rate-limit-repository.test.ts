// The per-route rate limits' counts on PostgreSQL, as every instance of the platform keeps them: two
// counters on two pools of one database count one window together, lose no hit when they count at
// once, begin again at 1 once the window is over (the database's clock), and delete expired rows.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anotherPool, startTestDatabase, type TestDatabase } from '../../../test/support/test-database.ts';
import { CLEANUP_EVERY, EXPIRED_PER_CLEANUP, PgRateLimitCounter } from './rate-limit-repository.ts';
import { storedKeyOf } from './stored-key.ts';

let db: TestDatabase;
let other: pg.Pool;
beforeAll(async () => {
  db = await startTestDatabase();
  other = anotherPool(db, 4);
});
afterAll(async () => {
  await other?.end();
  await db?.close();
});

const MINUTE = 60_000;

describe('PgRateLimitCounter: one count per route and key, shared by instances', () => {
  it('hits through two instances, at once, count 1 to 40 in one window; another key and another route count apart', async () => {
    const instances = [new PgRateLimitCounter(db.pool), new PgRateLimitCounter(other)];
    const hits = await Promise.all(Array.from({ length: 40 }, (_, i) => instances[i % 2]!.hit('GET /a', '198.51.100.1', MINUTE)));
    expect(hits.map((h) => h.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const h of hits) {
      expect(h.ttlMs).toBeGreaterThan(0);
      expect(h.ttlMs).toBeLessThanOrEqual(MINUTE);
    }
    expect((await instances[1]!.hit('GET /a', '198.51.100.2', MINUTE)).count).toBe(1);
    expect((await instances[0]!.hit('POST /a', '198.51.100.1', MINUTE)).count).toBe(1);
    expect((await instances[0]!.hit('GET /a', '198.51.100.1', MINUTE)).count).toBe(41);
    // Keys are kept as their SHA-256 only (a consumer's PCCC is a key on the consultation routes).
    const { rows } = await db.pool.query<{ key: string }>(`SELECT key FROM rate_limit_counts WHERE route = 'GET /a' ORDER BY hits DESC`);
    expect(rows.map((r) => r.key)).toEqual([storedKeyOf('198.51.100.1'), storedKeyOf('198.51.100.2')]);
    expect(rows.some((r) => r.key.includes('198.51'))).toBe(false);
  });

  it('a window that is over begins again at 1 with the whole window left; the window does not move while it runs', async () => {
    const counter = new PgRateLimitCounter(db.pool);
    for (let i = 0; i < 3; i++) await counter.hit('GET /b', 'k', MINUTE);
    const { rows: before } = await db.pool.query<{ window_ends: Date }>(`SELECT window_ends FROM rate_limit_counts WHERE route = 'GET /b' AND key = $1`, [storedKeyOf('k')]);
    expect((await counter.hit('GET /b', 'k', MINUTE)).count).toBe(4);
    const { rows: after } = await db.pool.query<{ window_ends: Date }>(`SELECT window_ends FROM rate_limit_counts WHERE route = 'GET /b' AND key = $1`, [storedKeyOf('k')]);
    expect(after[0]!.window_ends).toEqual(before[0]!.window_ends); // a fixed window: hits do not extend it
    // The window ran out (set back: the database's clock decides, not the test's).
    await db.pool.query(`UPDATE rate_limit_counts SET window_ends = now() - interval '1 second' WHERE route = 'GET /b' AND key = $1`, [storedKeyOf('k')]);
    const fresh = await counter.hit('GET /b', 'k', MINUTE);
    expect(fresh.count).toBe(1);
    expect(fresh.ttlMs).toBe(MINUTE); // a new minute from this hit (one statement, one now()), not what was left of the old one
  });

  it('peek reads the count of an open window without counting; none open (never hit, or over): 0', async () => {
    const counter = new PgRateLimitCounter(db.pool);
    expect(await counter.peek('GET /p', 'k')).toEqual({ count: 0, ttlMs: 0 });
    for (let i = 0; i < 3; i++) await counter.hit('GET /p', 'k', MINUTE);
    const seen = await counter.peek('GET /p', 'k');
    expect(seen.count).toBe(3);
    expect(seen.ttlMs).toBeGreaterThan(0);
    expect((await counter.peek('GET /p', 'k')).count).toBe(3); // not counted
    expect((await counter.peek('POST /p', 'k')).count).toBe(0);
    await db.pool.query(`UPDATE rate_limit_counts SET window_ends = now() - interval '1 second' WHERE route = 'GET /p' AND key = $1`, [storedKeyOf('k')]);
    expect(await counter.peek('GET /p', 'k')).toEqual({ count: 0, ttlMs: 0 });
    await db.pool.query(`DELETE FROM rate_limit_counts WHERE route = 'GET /p'`); // the cleanup test below counts expired rows
  });

  it(`every ${CLEANUP_EVERY} hits of an instance delete up to ${EXPIRED_PER_CLEANUP} expired rows, never a running window`, async () => {
    await db.pool.query(`INSERT INTO rate_limit_counts (route, key, hits, window_ends)
      SELECT 'GET /old', 'k' || i, 1, now() - interval '1 minute' FROM generate_series(1, 150) i`);
    const expired = async () => Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM rate_limit_counts WHERE window_ends <= now()`)).rows[0]!.n);
    const running = async () => Number((await db.pool.query<{ n: string }>(`SELECT count(*) AS n FROM rate_limit_counts WHERE window_ends > now()`)).rows[0]!.n);
    const counter = new PgRateLimitCounter(db.pool);
    const runningBefore = await running();
    for (let i = 1; i < CLEANUP_EVERY; i++) await counter.hit('GET /c', `k${i}`, MINUTE);
    expect(await expired()).toBe(150); // not yet
    await counter.hit('GET /c', `k${CLEANUP_EVERY}`, MINUTE);
    expect(await expired()).toBe(150 - EXPIRED_PER_CLEANUP);
    expect(await running()).toBe(runningBefore + CLEANUP_EVERY);
    for (let i = 1; i <= CLEANUP_EVERY; i++) await counter.hit('GET /c', 'k1', MINUTE);
    expect(await expired()).toBe(0);
  });
});
