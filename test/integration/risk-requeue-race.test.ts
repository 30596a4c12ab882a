// A declaration amended, or matched by a new order, while the scoring worker holds its queue row
// (claimed FOR UPDATE, scoring the version it read, deleting the row when it commits) is queued
// again once the worker's transaction is done (migration 058). Before, the amendment's insert saw
// the claimed row and did nothing, and the worker's delete dropped the rescoring: the new version
// kept the previous version's score. The worker is off here; a transaction of the test claims the
// row as the worker does (src/adapters/db/risk-repository.ts CLAIM, then risk_unqueue).
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRiskStore } from '../../src/adapters/db/risk-repository.ts';
import { loadRiskRules } from '../../src/adapters/risk/load-risk-files.ts';
import { startRiskScoringWorker } from '../../src/workers/risk-scoring-worker.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR } from '../support/reference.ts';
import { anotherPool } from '../support/test-database.ts';

let t: TestPlatform;
let op: { key: string };
beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  op = await t.operator('RACE');
});
afterAll(async () => t?.close());

const consignee = (n: string) => ({ name: '김민지', pccc: `P1000000000${n}`, phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' });

async function submit(doc: Record<string, unknown>): Promise<number> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [doc] } });
  expect(r.status).toBe(200);
  return r.body.results[0].declarationId as number;
}

const queued = async (id: number) => (await t.db.pool.query(`SELECT first, reason FROM risk_pending WHERE declaration_id = $1`, [id])).rows;

/**
 * Runs `request` while a transaction holds `id`'s queue row as the worker's claim does; once the
 * request has finished or waits on that lock, the transaction deletes the row and commits, as
 * the worker does after scoring. Answers the request's result.
 */
async function whileClaimed<T>(id: number, request: () => Promise<T>): Promise<T> {
  const worker: pg.PoolClient = await t.db.pool.connect();
  try {
    await worker.query('BEGIN');
    const claimed = await worker.query(`SELECT declaration_id FROM risk_pending WHERE declaration_id = $1 FOR UPDATE SKIP LOCKED`, [id]);
    expect(claimed.rows).toHaveLength(1);
    let settled = false;
    const pending = request().finally(() => (settled = true));
    // Either the request went through without waiting (the bug), or it waits for the claim's lock.
    for (let i = 0; !settled; i++) {
      const waiting = await worker.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`);
      if (waiting.rows[0].n > 0) break;
      if (i > 400) throw new Error('the request neither finished nor waited');
      await new Promise((res) => setTimeout(res, 25));
    }
    await worker.query(`DELETE FROM risk_pending WHERE declaration_id = $1`, [id]);
    await worker.query('COMMIT');
    return await pending;
  } catch (e) {
    await worker.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    worker.release();
  }
}

describe('the scoring queue, while the worker scores a declaration', () => {
  it('queues an amendment again once the worker is done with the previous version', async () => {
    const doc = declaration('RACE-1', { consignee: consignee('01') });
    const id = await submit(doc);
    expect(await queued(id)).toEqual([{ first: true, reason: 'intake' }]);
    const amended = await whileClaimed(id, () =>
      api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: op.key, body: { reason: '가격 정정', declaration: { ...doc, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 15, originCountry: 'VN' }] } } }),
    );
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    expect(await queued(id)).toEqual([{ first: false, reason: 'amended' }]);
  });

  it('queues a declaration again when an order matching it arrives meanwhile', async () => {
    const c = consignee('02');
    const id = await submit(declaration('RACE-2', { consignee: c, order: { orderNo: 'ORD-RACE-2', purchasedAt: '2026-11-15', currency: 'USD' } }));
    const order = { orderNo: 'ORD-RACE-2', platform: 'Amazon', seller: 'Nike Store', buyerPccc: c.pccc, currency: 'USD', amountPaid: 40, orderedAt: '2026-11-15', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    const posted = await whileClaimed(id, () => api(t.base, 'POST', '/api/v1/orders', { token: op.key, body: order }));
    expect(posted.status).toBe(201);
    expect(await queued(id)).toEqual([{ first: false, reason: 'order' }]);
  });

  it('keeps a first scoring still waiting as it is: it reads the amended version and records the parties', async () => {
    const doc = declaration('RACE-3', { consignee: consignee('03') });
    const id = await submit(doc);
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: op.key, body: { reason: '정정', declaration: { ...doc, items: [{ description: '운동화 Adidas Ultraboost', category: 'shoes', quantity: 1, price: 90, originCountry: 'VN' }] } } });
    expect(amended.status).toBe(200);
    expect(await queued(id)).toEqual([{ first: true, reason: 'intake' }]);
  });
});

describe('the scoring worker on its connection', () => {
  it('scores a batch on a pool of one connection: nothing asks for a second while the claim holds its rows', async () => {
    // The claim locks the batch's queue rows until it commits; a correction of one of them waits on
    // that lock. The worker once read the parties' history on other connections of the pool meanwhile:
    // with the pool taken by twenty such corrections and the intakes queued behind them (read-models
    // test, 합산과세 race), nobody could go on, and PostgreSQL, seeing only the row lock, broke nothing.
    // A pool of one connection makes that wait certain: before the fix this drain never returned.
    const id = await submit(declaration('ONE-CONN-1', { consignee: consignee('04') }));
    const pool = anotherPool(t.db, 1); // its errors heard: a client still closing when the database stops is not an uncaught error
    const { policy } = await loadRiskRules(path.join(DATA_DIR, 'risk-rules.json'));
    const worker = startRiskScoringWorker({ store: new PgRiskStore(pool), policy, reference: () => t.platform.deps.reference.current(), pollMs: 60_000, handoffLimit: 0 });
    try {
      expect(await worker.drain()).toBeGreaterThanOrEqual(1);
      const scored = await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_scores WHERE declaration_id = $1`, [id]);
      expect(scored.rows[0].n).toBe(1);
      expect(await queued(id)).toEqual([]);
    } finally {
      await worker.stop();
      await pool.end();
    }
  });
});
