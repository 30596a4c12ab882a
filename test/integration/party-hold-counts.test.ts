// A party's held and refused counts (the profile: GET /api/v1/officer/parties/:role/:key) are read by
// index alone (migration 097): each of the party's declarations' status from declarations (id)
// INCLUDE (status), its holds from the HOLD events' partial index. Before, each probe fetched the
// declaration's row and walked all its events (a seller of 50,000 parcels: 2.1-2.7 s, 0.31-0.67 s
// after; docs/risk-model.md). The counts themselves: a worked example of three parcels.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partyHoldCountsSql } from '../../src/adapters/db/risk-repository.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let officer: { token: string };
let ids: number[] = [];

const parties = { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Delta Shop', country: 'US' } };
const consignee = { name: '유재석', pccc: 'P999900000001', phone: '010-9999-0001', postcode: '06236', address: '서울특별시 강남구 테헤란로 99' };

beforeAll(async () => {
  t = await startTestPlatform();
  const op = await t.operator('HOLDCOUNT');
  officer = await t.officer('hold-count-officer');
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: ['HC-1', 'HC-2', 'HC-3'].map((ref) => declaration(ref, { parties, consignee })) } });
  expect(r.status).toBe(200);
  ids = r.body.results.map((x: { declarationId: number }) => x.declarationId);
  const until = Date.now() + 30_000;
  while ((await api(t.base, 'GET', '/api/v1/officer/parties/seller/DELTA%20SHOP', { token: officer.token })).body?.parcels !== 3) {
    if (Date.now() > until) throw new Error('not scored');
    await new Promise((res) => setTimeout(res, 50));
  }
});
afterAll(async () => t?.close());

describe("a party's held and refused counts", () => {
  it('count a parcel held then released as held, a refused one as rejected; read by index alone', async () => {
    const decide = (id: number, action: string) => api(t.base, 'POST', `/api/v1/officer/declarations/${id}/${action}`, { token: officer.token, body: { reason: '확인 필요', reasonEn: 'To check' } });
    expect((await decide(ids[0]!, 'hold')).status).toBe(200);
    expect((await decide(ids[0]!, 'release')).status).toBe(200);
    expect((await decide(ids[1]!, 'reject')).status).toBe(200);
    // 3 parcels: HC-1 held once (released since: still counted held), HC-2 refused, HC-3 neither:
    // held 1, rejected 1, hold rate 1 / 3, refusal rate 1 / 3.
    for (const path of ['seller/DELTA%20SHOP', 'consignee/P999900000001']) {
      const p = (await api(t.base, 'GET', `/api/v1/officer/parties/${path}`, { token: officer.token })).body;
      expect(p).toMatchObject({ parcels: 3, held: 1, rejected: 1 });
      expect(p.holdRate).toBeCloseTo(1 / 3, 12);
      expect(p.rejectionRate).toBeCloseTo(1 / 3, 12);
    }

    // The plan, with the tables' visibility maps set (as autovacuum sets them) and scans of whole
    // tables or bitmaps ruled out, so that the choice is between the indexes: both probes by index alone.
    for (const table of ['declarations', 'declaration_events', 'party_declarations', 'risk_parcels']) await t.db.pool.query(`VACUUM ANALYZE ${table}`);
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off');
      for (const [role, key] of [['seller', 'DELTA SHOP'], ['consignee', 'P999900000001']] as const) {
        const plan = JSON.stringify((await c.query(`EXPLAIN (FORMAT JSON) ${partyHoldCountsSql(role)}`, [role, key])).rows[0]['QUERY PLAN']);
        expect(plan).toMatch(/"Node Type":"Index Only Scan"[^}]*"Index Name":"declarations_id_status"/);
        expect(plan).toMatch(/"Node Type":"Index Only Scan"[^}]*"Index Name":"declaration_events_holds"/);
      }
      await c.query('ROLLBACK');
    } finally {
      c.release();
    }
  });
});
