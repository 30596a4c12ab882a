// A PCCC reissue, a suspend and a cancel end the holder's live consumer sessions, and the holder's own
// reissue moves the one session that made it to the new code (pg-pccc-registry.ts), each in the registry's
// transaction, which holds the holder's row locked meanwhile: the ends by the holder's codes, the move by the
// session's token hash (the primary key). Until migration 109 sessions had no index on pccc: each read every
// session row (officers' and consumers', live and ended, until they are purged). Now the partial index
// sessions_consumer_pccc finds them. The plans are checked on 20,000 sessions made in a transaction
// rolled back, with a generic plan too (as node-pg's prepared statements may run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { END_CONSUMER_SESSIONS, MOVE_KEPT_SESSION } from '../../src/adapters/identity/pg-pccc-registry.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { planNodes as nodes } from '../support/query-plan.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
});
afterAll(async () => t?.close());


describe("a holder's consumer sessions", () => {
  it('are moved at a reissue and ended at a cancel by the index on their code, not by reading every session', async () => {
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      // 20,000 consumer sessions on 10,000 codes (two each: g mod 10,000), a tenth of them ended.
      await c.query(
        `INSERT INTO sessions (token_hash, kind, pccc, amr, expires_at, revoked_at)
         SELECT 'plan-' || g, 'consumer', 'P' || lpad((g % 10000)::text, 12, '0'), 'otp', now() + interval '1 day', CASE WHEN g % 10 = 0 THEN now() END
           FROM generate_series(1, 20000) g`,
      );
      await c.query('ANALYZE sessions');
      for (const mode of ['auto', 'force_generic_plan']) {
        await c.query(`SET LOCAL plan_cache_mode = ${mode}`);
        await c.query(`PREPARE move_sessions(text[], text, text, timestamptz) AS ${MOVE_KEPT_SESSION}`);
        await c.query(`PREPARE end_sessions(text[], timestamptz, text) AS ${END_CONSUMER_SESSIONS}`);
        const moved = nodes((await c.query(`EXPLAIN (FORMAT JSON) EXECUTE move_sessions(ARRAY['P000000000007'], 'P999999999999', 'plan-7', now())`)).rows);
        const ended = nodes((await c.query(`EXPLAIN (FORMAT JSON) EXECUTE end_sessions(ARRAY['P000000000007', 'P000000000008'], now(), '')`)).rows);
        expect(moved.some((n) => n.endsWith('sessions_pkey')), `${mode}: ${moved.join(' > ')}`).toBe(true);
        expect(ended.some((n) => n.endsWith('sessions_consumer_pccc')), `${mode}: ${ended.join(' > ')}`).toBe(true); // before 109: Seq Scan sessions
        for (const plan of [moved, ended]) expect(plan.filter((n) => n.startsWith('Seq Scan')), mode).toEqual([]);
        await c.query('DEALLOCATE move_sessions');
        await c.query('DEALLOCATE end_sessions');
      }
      // The answers: code 7's two sessions (g = 7 and 10,007), both live; the one kept (g = 7) moved, then the other ended.
      expect((await c.query(MOVE_KEPT_SESSION, [['P000000000007'], 'P999999999999', 'plan-7', new Date()])).rowCount).toBe(1);
      expect((await c.query(END_CONSUMER_SESSIONS, [['P000000000007'], new Date(), 'plan-7'])).rowCount).toBe(1);
      // Code 10's: g = 10 was ended (a tenth), g = 10,010 too (10,010 mod 10 = 0): none to end. Codes 11's and 12's two each, but the one kept (g = 12): 3.
      expect((await c.query(END_CONSUMER_SESSIONS, [['P000000000010'], new Date(), ''])).rowCount).toBe(0);
      expect((await c.query(END_CONSUMER_SESSIONS, [['P000000000011', 'P000000000012'], new Date(), 'plan-12'])).rowCount).toBe(3);
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });
});
