// A party's parcels on its profile include those not scored yet (GET /api/v1/officer/parties/:role/
// :key/declarations): the scoring worker records a parcel with its parties at its first scoring, so
// the list read only party_declarations and risk_parcels and left out every parcel still waiting in
// risk_pending; an officer looking for a seller's latest parcel did not find it. The platform's
// worker is off: the test runs a worker of its own (drain) when it wants parcels scored.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRiskStore } from '../../src/adapters/db/risk-repository.ts';
import { loadRiskRules } from '../../src/adapters/risk/load-risk-files.ts';
import { startRiskScoringWorker, type RiskWorker } from '../../src/workers/risk-scoring-worker.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR } from '../support/reference.ts';

let t: TestPlatform;
let worker: RiskWorker;
let op: { key: string };
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  op = await t.operator('UNSCORED');
  officer = await t.officer('unscored-officer');
  const { policy } = await loadRiskRules(path.join(DATA_DIR, 'risk-rules.json'));
  worker = startRiskScoringWorker({ store: new PgRiskStore(t.db.pool), policy, reference: () => t.platform.deps.reference.current(), pollMs: 60_000, handoffLimit: 0 }, false);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
});

const beta = { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Beta  Shop', country: 'US' } };
const consignee = (n: string) => ({ name: '오세훈', pccc: `P8888000000${n}`, phone: `010-8888-00${n}`, postcode: '06236', address: `서울특별시 강남구 테헤란로 8${n}` });
async function submit(ref: string, over: Record<string, unknown>): Promise<number> {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration(ref, over)] } });
  expect(r.status).toBe(200);
  return r.body.results[0].declarationId as number;
}
const list = (p: string) => api(t.base, 'GET', `/api/v1/officer/parties/${p}`, { token: officer.token });

describe("a party's parcels not scored yet", () => {
  it('are listed with the scored ones, newest first, score null, and counted as unscored; once scored they have their score', async () => {
    // Two parcels of the seller BETA SHOP, scored: its profile exists and counts 2.
    const s1 = await submit('UN-1', { parties: beta, consignee: consignee('01') });
    const s2 = await submit('UN-2', { parties: beta, consignee: consignee('01') });
    expect(await worker.drain()).toBe(2);
    // Two more of the same seller (one under a key spelled otherwise: 'beta shop', the same key
    // BETA SHOP once upper-cased and its spaces folded) and one of another seller, not scored yet.
    const u1 = await submit('UN-3', { parties: { ...beta, seller: { name: 'beta shop', country: 'US' } }, consignee: consignee('02') });
    const other = await submit('UN-4', { parties: { ...beta, seller: { name: 'Gamma Shop', country: 'US' } }, consignee: consignee('01') });
    const u2 = await submit('UN-5', { parties: beta, consignee: consignee('01') });
    const waiting = (await t.db.pool.query(`SELECT declaration_id::int AS id FROM risk_pending WHERE first ORDER BY 1`)).rows.map((x) => x.id);
    expect(waiting).toEqual([u1, other, u2]);

    // The profile counts the two scored; the list has all four of the seller's: 2 scored + 2 waiting.
    expect((await list('seller/BETA%20SHOP')).body.parcels).toBe(2);
    const all = await list('seller/BETA%20SHOP/declarations');
    expect(all.status).toBe(200);
    expect(all.body.declarations.map((d: { id: number }) => d.id)).toEqual([u2, u1, s2, s1]);
    expect(all.body.declarations.map((d: { score: unknown }) => d.score === null)).toEqual([true, true, false, false]);
    expect(all.body.unscored).toBe(2);
    expect(all.body.next).toBeNull();

    // Pages of one: the waiting ones in their place by id, then the scored ones; unscored counts all pages.
    const pages: number[] = [];
    let after: number | null = null;
    do {
      const r = await list(`seller/BETA%20SHOP/declarations?limit=1${after ? `&after=${after}` : ''}`);
      expect(r.body.unscored).toBe(2);
      pages.push(...r.body.declarations.map((d: { id: number }) => d.id));
      after = r.body.next;
    } while (after !== null);
    expect(pages).toEqual([u2, u1, s2, s1]);

    // The consignee P888800000001: s1, s2 scored, other and u2 waiting (u1 is another consignee's).
    const own = await list('consignee/p888800000001/declarations');
    expect(own.body.declarations.map((d: { id: number }) => d.id)).toEqual([u2, other, s2, s1]);
    expect(own.body.unscored).toBe(2);

    // Scored now: the same four, each with its score, none left unscored; the profile counts 4.
    expect(await worker.drain()).toBe(3);
    const after2 = await list('seller/BETA%20SHOP/declarations');
    expect(after2.body.declarations.map((d: { id: number }) => d.id)).toEqual([u2, u1, s2, s1]);
    expect(after2.body.declarations.every((d: { score: unknown }) => d.score !== null)).toBe(true);
    expect(after2.body.unscored).toBe(0);
    expect((await list('seller/BETA%20SHOP')).body.parcels).toBe(4);
  });
});

describe('a party none of whose parcels is scored yet', () => {
  it('has its parcels listed and a profile of zero scored counts saying so, not PARTY_NOT_FOUND; a key with no parcel at all stays 404', async () => {
    // The seller DELTA SHOP and the consignee P888800000009 appear only in parcels still waiting for
    // their first scoring: no party_profiles row yet (the worker writes it at that scoring).
    const delta = { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Delta Shop', country: 'US' } };
    const d1 = await submit('UN-D1', { parties: delta, consignee: consignee('09'), declaredAt: '2026-11-17' });
    const d2 = await submit('UN-D2', { parties: delta, consignee: consignee('09'), declaredAt: '2026-11-18' });
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM party_profiles WHERE key IN ('DELTA SHOP', 'P888800000009')`)).rows[0].n).toBe(0);

    // The list: both parcels, newest first, not scored, counted as unscored (before: 404 PARTY_NOT_FOUND).
    const parcels = await list('seller/Delta%20Shop/declarations');
    expect(parcels.status).toBe(200);
    expect(parcels.body.declarations.map((d: { id: number }) => d.id)).toEqual([d2, d1]);
    expect(parcels.body.declarations.every((d: { score: unknown }) => d.score === null)).toBe(true);
    expect(parcels.body.unscored).toBe(2);
    const own = await list('consignee/P888800000009/declarations');
    expect(own.status).toBe(200);
    expect(own.body.declarations.map((d: { id: number }) => d.id)).toEqual([d2, d1]);

    // The profile: nothing scored counts 0, the two waiting are counted apart and the note says why
    // (before: 404). Seen from the first to the last waiting parcel's declaration day; the name as declared.
    const profile = await list('seller/Delta%20Shop');
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({ role: 'seller', key: 'DELTA SHOP', name: 'Delta Shop', parcels: 0, valueUsd: 0, inspected: 0, found: 0, held: 0, rejected: 0, firstSeen: '2026-11-17', lastSeen: '2026-11-18', unscored: 2, fastLane: false, findRate: null });
    expect(profile.body.unscoredNote.ko).toMatch(/신고 2건은 아직 위험 선별\(채점\) 전/);
    expect(profile.body.unscoredNote.en).toMatch(/2 parcels .*not scored yet/);
    const consigneeProfile = await list('consignee/p888800000009');
    expect(consigneeProfile.status).toBe(200);
    expect(consigneeProfile.body).toMatchObject({ key: 'P888800000009', parcels: 0, unscored: 2 });

    // A key no parcel names: 404 as before, on both.
    for (const p of ['seller/NOBODY%20SHOP', 'seller/NOBODY%20SHOP/declarations', 'consignee/P888800000077']) {
      const r = await list(p);
      expect(r.status, p).toBe(404);
      expect(r.body.error.code).toBe('PARTY_NOT_FOUND');
    }

    // Scored now: the profile counts them and the note is gone.
    await worker.drain();
    const scored = await list('seller/Delta%20Shop');
    expect(scored.body).toMatchObject({ parcels: 2, unscored: 0, unscoredNote: null });
  });
});
