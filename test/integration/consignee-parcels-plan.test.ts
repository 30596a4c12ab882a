// A consignee's parcels on its profile (GET /api/v1/officer/parties/consignee/:pccc/declarations) are
// found by the PCCC index (risk_parcels_pccc), not by walking risk_parcels newest first. Asked for the
// newest page (ORDER BY declaration_id DESC LIMIT n), the planner preferred the primary key read
// backwards, filtering each row by PCCC: cheap when the consignee's parcels are the newest, a walk of
// the whole table when they are old (a reseller who stopped buying months ago, or a later page): on
// PostgreSQL 15 with 102,000 parcels and one consignee's 2,000 older than all, 102,000 rows read
// and dropped by the filter, 27 ms (60 ms on a loaded machine) against 1-3 ms by the PCCC index
// (docs/risk-model.md). The plan is checked on such a table, made in a transaction rolled back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSIGNEE_PAGE_IDS } from '../../src/adapters/db/risk-repository.ts';
import { startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
});
afterAll(async () => t?.close());

describe("a consignee's page of parcels", () => {
  it('is read by the PCCC index, not the primary key walked backwards, when the consignee’s parcels are older than the rest', async () => {
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      // 100,000 parcels of 20,000 consignees (5 each), then 2,000 of one consignee older than all
      // (ids below the others'), the table's statistics read (ANALYZE is rolled back with the rest).
      await c.query(`INSERT INTO risk_parcels (declaration_id, pccc, declared_on, value_usd, seller_key, channel, hs6, address_key)
                     SELECT g, 'P' || lpad(((g * 7919) % 20000)::text, 12, '0'), date '2026-01-01' + (g * 365 / 100000), 50, 'S', 'express|CJKX|AMAZON', '610910', 'x'
                       FROM generate_series(1, 100000) g`);
      await c.query(`INSERT INTO risk_parcels (declaration_id, pccc, declared_on, value_usd, seller_key, channel, hs6, address_key)
                     SELECT -g, 'P888888888888', date '2025-06-01' + (g % 200), 50, 'S', 'express|CJKX|AMAZON', '610910', 'x' FROM generate_series(1, 2000) g`);
      await c.query('ANALYZE risk_parcels');
      for (const before of [null, -1000]) {
        const plan = JSON.stringify((await c.query(`EXPLAIN (FORMAT JSON) ${CONSIGNEE_PAGE_IDS}`, ['consignee', 'P888888888888', before, 21])).rows[0]['QUERY PLAN']);
        // No walk of the primary key newest first (a range of it below the cursor is the planner's
        // choice to make: it reads only what lies below).
        expect(plan, `after ${before}`).not.toMatch(/"Scan Direction":"Backward","Index Name":"risk_parcels_pkey"/);
        if (before === null) expect(plan).toContain('"Index Name":"risk_parcels_pccc"');
      }
      // The page itself: the newest 21 of the 2,000 (ids -1 … -21), then the 21 below -1000.
      const page = async (before: number | null) => (await c.query(CONSIGNEE_PAGE_IDS, ['consignee', 'P888888888888', before, 21])).rows.map((r) => Number(r.id));
      expect(await page(null)).toEqual(Array.from({ length: 21 }, (_, k) => -1 - k));
      expect(await page(-1000)).toEqual(Array.from({ length: 21 }, (_, k) => -1001 - k));
    } finally {
      await c.query('ROLLBACK');
      c.release();
    }
  });
});
