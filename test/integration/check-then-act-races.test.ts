// Use cases that read, decide, then write in another statement or transaction, run twice at
// once: what they decided must still hold when they write. Each test makes the interleaving
// happen instead of hoping for it: a transaction of the test holds a lock that the requests meet
// after their check (a row lock, or a table lock that lets reads through and stops inserts), and
// commits once every request waits on a lock or has finished; the requests then go through in
// turn, each after the others' checks. Nothing here depends on timing: the outcome is decided by
// the locks.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let op: { key: string };

beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  op = await t.operator('RACES');
});
afterAll(async () => t?.close());

/**
 * Runs `requests` while a transaction of the test holds the lock `hold` takes: each request starts
 * once the ones before it wait on a lock or have finished (so they queue for a lock in this order);
 * once all of them wait or have finished, the transaction commits. Answers the requests' results.
 */
async function whileHeld<T>(hold: (c: pg.PoolClient) => Promise<unknown>, requests: (() => Promise<T>)[]): Promise<T[]> {
  const holder = await t.db.pool.connect();
  try {
    await holder.query('BEGIN');
    await hold(holder);
    let settled = 0;
    const pending: Promise<T>[] = [];
    for (const request of requests) {
      pending.push(request().finally(() => settled++));
      for (let i = 0; ; i++) {
        const waiting = (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n as number;
        if (waiting + settled >= pending.length) break;
        if (i > 400) throw new Error(`${settled} requests finished and ${waiting} wait on a lock, of ${pending.length}`);
        await new Promise((res) => setTimeout(res, 25));
      }
    }
    await holder.query('COMMIT');
    return await Promise.all(pending);
  } catch (e) {
    await holder.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    holder.release();
  }
}

describe('two copies of one correction (PATCH with the same content) in flight at once', () => {
  it('make one new version: the second answers it as a replay', async () => {
    const doc = declaration('RACE-PATCH');
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [doc] } });
    const id = submitted.body.results[0].declarationId as number;
    const corrected = { ...doc, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 55, originCountry: 'VN' }] };
    const patch = () => api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: op.key, body: { reason: '가격 정정', declaration: corrected } });
    // Both copies read version 1 (identical content not yet stored) before either takes the row.
    const answers = await whileHeld((c) => c.query(`SELECT id FROM declarations WHERE id = $1 FOR UPDATE`, [id]), [patch, patch]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.version)).toEqual([2, 2]);
    expect(answers.map((a) => a.headers.get('idempotent-replayed'))).toEqual([null, 'true']); // the first in the lock's queue writes
    const events = await t.db.pool.query(`SELECT type FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id]);
    expect(events.rows.map((e) => e.type)).toEqual(['SUBMITTED', 'AMENDED']);
    const revisions = await t.db.pool.query(`SELECT version FROM declaration_revisions WHERE declaration_id = $1`, [id]);
    expect(revisions.rows).toEqual([{ version: 1 }]);
  });
});
