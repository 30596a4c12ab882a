// A party's declarations on its profile (issue 5: every party "gets a profile with its history"):
// GET /api/v1/officer/parties/:role/:key/declarations on the real database (embedded, or the server
// of DATABASE_URL). A seller with four parcels, one held and one inspected: newest first, two pages
// of two, each row's date, route, status now, score with model and rule-set version and latest
// inspection result; a forwarder under the same key and another consignee see only their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let officer: { token: string };
let admin: { token: string };
let shopKey: string;
/** The seller ACME's parcels in the order submitted (ids ascending), and the forwarder ACME's one. */
let acme: { declarationId: number; cargoNo: string }[];
let forwarded: { declarationId: number; cargoNo: string };

const acmeParties = { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Acme', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } };
const consignee = (pccc: string) => ({ name: '김민지', pccc, phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' });

async function scored(id: number): Promise<any> {
  const until = Date.now() + 30_000;
  for (;;) {
    const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
    if (r.body?.score) return r.body;
    if (Date.now() > until) throw new Error(`declaration ${id} not scored`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const list = (path: string, token = officer.token) => api(t.base, 'GET', `/api/v1/officer/parties/${path}`, { token });

beforeAll(async () => {
  t = await startTestPlatform();
  const op = await t.operator('PARTYLIST');
  shopKey = op.key;
  officer = await t.officer('party-list-officer');
  admin = await t.officer('party-list-admin', 'admin');
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: shopKey,
    body: {
      declarations: [
        declaration('PD-1', { declaredAt: '2026-11-15', parties: acmeParties, consignee: consignee('P777700000001') }),
        declaration('PD-2', { declaredAt: '2026-11-16', parties: acmeParties, consignee: consignee('P777700000001') }),
        declaration('PD-3', { declaredAt: '2026-11-17', parties: acmeParties, consignee: consignee('P777700000001') }),
        declaration('PD-4', { declaredAt: '2026-11-18', parties: acmeParties, consignee: consignee('P777700000001') }),
        // Another seller, forwarded by a forwarder whose key is ACME too, to another consignee.
        declaration('PD-F', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Other Shop', country: 'US' }, forwarder: { name: 'Acme Forwarding', code: 'ACME' } }, consignee: consignee('P777700000002') }),
      ],
    },
  });
  expect(r.status).toBe(200);
  const results = r.body.results as { declarationId: number; cargoNo: string }[];
  acme = results.slice(0, 4);
  forwarded = results[4]!;
  expect(acme.map((a) => a.declarationId)).toEqual([...acme.map((a) => a.declarationId)].sort((a, b) => a - b));
  for (const x of results) await scored(x.declarationId);
  // PD-2 held by an officer; PD-3 inspected twice, the later result (undervalued) superseding the first (clean).
  expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${acme[1]!.declarationId}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } })).status).toBe(200);
  for (const outcome of ['clean', 'undervalued'])
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${acme[2]!.declarationId}/inspection`, { token: officer.token, body: { outcome, selectedBy: 'queue', ...(outcome === 'clean' ? {} : { revenueKrw: 12000 }) } })).status).toBe(201);
});
afterAll(async () => t?.close());

describe("a party's declarations", () => {
  it('lists the seller’s parcels newest first, two pages of two, with date, route, status, score and the latest inspection', async () => {
    const active = (await scored(acme[0]!.declarationId)).activeModelVersion as string;
    const first = await list('seller/ACME/declarations?limit=2');
    expect(first.status).toBe(200);
    // Four parcels, newest first: PD-4, PD-3 on the first page; its next is PD-3's id.
    expect(first.body.declarations.map((d: { cargoNo: string }) => d.cargoNo)).toEqual([acme[3]!.cargoNo, acme[2]!.cargoNo]);
    expect(first.body.next).toBe(acme[2]!.declarationId);
    const [pd4, pd3] = first.body.declarations;
    expect(pd4).toMatchObject({ id: acme[3]!.declarationId, declaredAt: '2026-11-18', route: 'list', inspection: null });
    // Scored by the active model with the rule set in force (risk view's score, the same numbers).
    const view3 = await scored(acme[2]!.declarationId);
    expect(pd3.score).toEqual({ score: view3.score.score, modelVersion: active, ruleSetVersion: view3.score.ruleSetVersion });
    expect(pd3.score.ruleSetVersion).toMatch(/^risk-rules-/);
    // Two results recorded; the list shows the latest (undervalued), not the superseded clean one.
    expect(pd3.inspection).toMatchObject({ outcome: 'undervalued' });
    expect(Date.parse(pd3.inspection.inspectedAt)).not.toBeNaN();
    expect(Object.keys(pd3).sort()).toEqual(['cargoNo', 'declaredAt', 'id', 'inspection', 'route', 'score', 'status'].sort());

    const second = await list(`seller/ACME/declarations?limit=2&after=${first.body.next}`);
    expect(second.status).toBe(200);
    expect(second.body.declarations.map((d: { id: number }) => d.id)).toEqual([acme[1]!.declarationId, acme[0]!.declarationId]);
    // The last page: nothing older.
    expect(second.body.next).toBeNull();
    const [pd2, pd1] = second.body.declarations;
    // PD-2 held by the officer: its status now; the route stays the engine's (list clearance).
    expect(pd2).toMatchObject({ declaredAt: '2026-11-16', status: 'held', route: 'list', inspection: null });
    expect(pd1).toMatchObject({ declaredAt: '2026-11-15', inspection: null });
    expect(pd1.status).not.toBe('held');

    // One page of the default size has all four; the key is matched as the profile's (upper case, any spacing).
    const all = await list('seller/%20acme%20/declarations', admin.token);
    expect(all.status).toBe(200);
    expect(all.body.declarations.map((d: { id: number }) => d.id)).toEqual([...acme].reverse().map((a) => a.declarationId));
    expect(all.body.next).toBeNull();
    // The profile counts the same parcels: 4, one held (1 / 4 = 0.25).
    expect((await list('seller/ACME')).body).toMatchObject({ parcels: 4, held: 1, holdRate: 0.25, inspected: 1, found: 1 });
  });

  it('gives each role only its own parcels: the forwarder ACME and another consignee do not see the seller ACME’s', async () => {
    const fw = await list('forwarder/ACME/declarations');
    expect(fw.status).toBe(200);
    expect(fw.body.declarations.map((d: { id: number }) => d.id)).toEqual([forwarded.declarationId]);
    const other = await list('consignee/P777700000002/declarations');
    expect(other.body.declarations.map((d: { id: number }) => d.id)).toEqual([forwarded.declarationId]);
    // The seller's consignee: its four, through risk_parcels (PCCC in any case).
    const own = await list('consignee/p777700000001/declarations?limit=3');
    expect(own.body.declarations.map((d: { id: number }) => d.id)).toEqual([acme[3]!.declarationId, acme[2]!.declarationId, acme[1]!.declarationId]);
    expect(own.body.next).toBe(acme[1]!.declarationId);
    // No platform profile is keyed ACME: not found, rather than an empty list that looks like a clean record.
    const platform = await list('platform/ACME/declarations');
    expect(platform.status).toBe(404);
    expect(platform.body.error.code).toBe('PARTY_NOT_FOUND');
  });

  it('is for officers and administrators only, and refuses a bad role, limit or cursor', async () => {
    expect((await api(t.base, 'GET', '/api/v1/officer/parties/seller/ACME/declarations')).status).toBe(401);
    // An operator's key is a valid credential, not an officer's.
    expect((await list('seller/ACME/declarations', shopKey)).status).toBe(403);
    expect((await list('address/ACME/declarations')).status).toBe(400);
    for (const q of ['limit=0', 'limit=101', 'after=0', 'after=x', 'before=5']) expect((await list(`seller/ACME/declarations?${q}`)).status, q).toBe(400);
  });
});
