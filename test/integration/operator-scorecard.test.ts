// The operator scorecard on the real database: hand-made declarations of two operators, with
// every expected figure computed by hand below; the window, authorization and bad `days`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { declarationQuality } from '../../src/domain/risk/platform-risk.ts';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

// 2026-11-20 12:00 KST, a Friday. Default window: 90 days to 2026-11-20 → from 2026-08-23.
const NOW = new Date('2026-11-20T03:00:00Z');

let t: TestPlatform;
let a: { id: number; key: string; code: string };
let b: { id: number; key: string; code: string };
let officer: { token: string };
const ids: Record<string, number> = {};

const HS10 = '6109101000';

beforeAll(async () => {
  t = await startTestPlatform({}, { clock: { now: () => NOW } });
  a = await t.operator('SCORE-A');
  b = await t.operator('SCORE-B', 'courier');
  officer = await t.officer('sc-officer');

  const submit = async (key: string, declarations: unknown[]) => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: key, body: { declarations } });
    expect(r.status).toBe(200);
    for (const x of r.body.results) if (x.status === 'accepted') ids[x.ref] = x.declarationId;
    return r.body.summary;
  };
  const item = (overrides: Record<string, unknown>) => [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN', ...overrides }];
  // Operator A. Batch 1: three received, one refused at intake (an uninformative description).
  // SC-1 (2026-11-18): informative, 10-digit HS, order no. + amount paid, no consent → quality 3/4
  // SC-2 (2026-11-18): informative, 10-digit HS, no amount paid                      → quality 2/4
  expect(
    await submit(a.key, [
      declaration('SC-1', { order: { orderNo: 'O-SC-1', purchasedAt: '2026-11-15', currency: 'USD', amountPaid: 40 }, items: item({ hsCode: HS10 }) }),
      declaration('SC-2', { items: item({ hsCode: HS10 }) }),
      declaration('SC-BAD', { items: item({ description: '???' }) }),
    ]),
  ).toMatchObject({ received: 3, accepted: 2, rejected: 1, replayed: 0 });
  // Batch 2: three received, none refused.
  // SC-3 (2026-11-10): '티셔츠' alone (one informative word: DESCRIPTION_INCOMPLETE), no HS, no amount → 0/4
  // SC-4 (2026-11-10): informative, a 4-digit HS only, no amount                                     → 1/4
  // SC-OLD (2026-08-01): before the window, with order data: counted nowhere in the default window
  const nov10 = { declaredAt: '2026-11-10', order: { orderNo: 'O-SC-NOV10', purchasedAt: '2026-11-08', currency: 'USD' }, shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-SC', mblNo: 'M988-1234', arrivalDate: '2026-11-11', grossWeightKg: 0.5 } };
  expect(
    await submit(a.key, [
      declaration('SC-3', { ...nov10, shipment: { ...nov10.shipment, hblNo: 'H-SC-3' }, items: item({ description: '티셔츠' }) }),
      declaration('SC-4', { ...nov10, shipment: { ...nov10.shipment, hblNo: 'H-SC-4' }, items: item({ hsCode: '6109' }) }),
      declaration('SC-OLD', {
        declaredAt: '2026-08-01',
        shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-SC-OLD', mblNo: 'M988-1234', arrivalDate: '2026-08-02', grossWeightKg: 0.5 },
        order: { orderNo: 'O-SC-OLD', purchasedAt: '2026-07-28', currency: 'USD', amountPaid: 40 },
      }),
    ]),
  ).toMatchObject({ received: 3, accepted: 3, rejected: 0 });
  // SC-1 again (same ref): received 1, replayed 1 → 0 new declarations received.
  expect(await submit(a.key, [declaration('SC-1', { order: { orderNo: 'O-SC-1', purchasedAt: '2026-11-15', currency: 'USD', amountPaid: 40 }, items: item({ hsCode: HS10 }) })])).toMatchObject({ received: 1, replayed: 1 });

  // Officers: SC-2 held; SC-4 refused clearance; SC-1 inspected (undervalued, KRW 12,000 recovered); SC-2 inspected clean.
  const officerPost = async (path: string, body: unknown) => {
    const r = await api(t.base, 'POST', path, { token: officer.token, body });
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
  };
  await officerPost(`/api/v1/officer/declarations/${ids['SC-2']}/hold`, { reason: '서류 확인' });
  await officerPost(`/api/v1/officer/declarations/${ids['SC-4']}/reject`, { reason: '수입 요건 미충족' });
  await officerPost(`/api/v1/officer/declarations/${ids['SC-1']}/inspection`, { outcome: 'undervalued', revenueKrw: 12_000 });
  await officerPost(`/api/v1/officer/declarations/${ids['SC-2']}/inspection`, { outcome: 'clean' });

  // Operator B: one declaration with a 10-digit HS and order data (quality 3/4), nothing else.
  expect(await submit(b.key, [declaration('SC-B1', { order: { orderNo: 'O-SC-B1', purchasedAt: '2026-11-15', currency: 'USD', amountPaid: 40 }, items: item({ hsCode: HS10 }) })])).toMatchObject({ accepted: 1 });
}, 60_000);
afterAll(async () => t?.close());

const scorecard = (token: string | undefined, query = '') => api(t.base, 'GET', `/api/v1/operator/scorecard${query}`, token ? { token } : {});

describe('operator scorecard', () => {
  it('gives operator A its own figures over the default 90 days, computed by hand', async () => {
    const r = await scorecard(a.key);
    expect(r.status).toBe(200);
    const s = r.body;
    expect(s.operator).toEqual({ code: 'SCORE-A', role: 'marketplace' });
    // 2026-11-20 − 89 days = 2026-08-23.
    expect(s.window).toMatchObject({ days: 90, from: '2026-08-23', to: '2026-11-20' });
    // SC-1..SC-4 (SC-OLD is before the window, SC-BAD was refused). Held: SC-2 → 1/4; refused by an officer: SC-4 → 1/4.
    expect(s.volumes).toEqual({ declarations: 4, held: 1, holdRate: 0.25, officerRejected: 1, officerRejectionRate: 0.25 });
    // Intake: (3 − 0) + (3 − 0) + (1 − 1 replayed) = 6 received, 1 refused → 1/6.
    expect(s.intake).toEqual({ received: 6, rejected: 1, rejectionRate: 1 / 6 });
    // Inspections: 2, one find (undervalued) → 1/2; KRW 12,000 recovered.
    expect(s.inspections).toEqual({
      inspected: 2,
      found: 1,
      findRate: 0.5,
      outcomes: { clean: 1, undervalued: 1, misclassified: 0, prohibited: 0, ip_infringement: 0, pccc_misuse: 0 },
      undervalued: 1,
      revenueFoundKrw: 12_000,
    });
    // Quality per declaration: 3/4 + 2/4 + 0/4 + 1/4 = 1.5 → 1.5 / 4 = 0.375.
    // Parts: order data 1/4 (SC-1), informative 3/4 (not SC-3), 6+ digit HS 2/4 (SC-1, SC-2), consent 0/4.
    expect(s.dataQuality).toEqual({ score: 0.375, orderDataShare: 0.25, descriptionShare: 0.75, hsCode6Share: 0.5, consentShare: 0 });
    // Compliance: (inspected − found + 0.9 × 5) / (inspected + 5) = (2 − 1 + 4.5) / 7 = 5.5 / 7 (inspected today: no decay).
    expect(s.compliance).toBeCloseTo(5.5 / 7, 12);
    // Every criterion fails: 4 < 100 parcels, 25% < 90% order data, 37.5% < 75% quality, 2 < 3 inspections,
    // 78.6% < 90% compliance, 25% > 1% refusals, 25% > 5% holds.
    expect(s.fastLane.eligible).toBe(false);
    expect(s.fastLane.criteria.map((c: { code: string; met: boolean }) => [c.code, c.met])).toEqual([
      ['FL_VOLUME', false],
      ['FL_ORDER_DATA', false],
      ['FL_DATA_QUALITY', false],
      ['FL_INSPECTED', false],
      ['FL_COMPLIANCE', false],
      ['FL_REJECTIONS', false],
      ['FL_HOLDS', false],
    ]);
    expect(s.fastLane.criteria[2]).toMatchObject({ ko: '신고 정보 품질 37.5% (기준 75.0% 이상)', en: 'data quality 37.5% (needs ≥ 75.0%)' });
    // Next steps: one per criterion not met; data quality's parts below 100% weakest first (consent 0, HS 0.5,
    // descriptions 0.75), the order part left to NEXT_ORDER_DATA.
    expect(s.nextSteps.map((n: { code: string }) => n.code)).toEqual(['NEXT_VOLUME', 'NEXT_ORDER_DATA', 'NEXT_CONSENT', 'NEXT_HS_CODE', 'NEXT_DESCRIPTION', 'NEXT_INSPECTED', 'NEXT_COMPLIANCE', 'NEXT_REJECTIONS', 'NEXT_HOLDS']);
    const order = s.nextSteps.find((n: { code: string }) => n.code === 'NEXT_ORDER_DATA');
    expect(order.en).toContain('POST /api/v1/orders');
    expect(order.ko).toContain('주문정보 제공 25.0%');
    expect(s.nextSteps.find((n: { code: string }) => n.code === 'NEXT_DESCRIPTION').ko).toContain('[품목] [브랜드] [제품명]');
    expect(s.nextSteps.find((n: { code: string }) => n.code === 'NEXT_COMPLIANCE').ko).toContain('저가신고 1');
    // Weeks from Monday 2026-08-17 (the week of 08-23) to Monday 2026-11-16: 91 days / 7 + 1 = 14.
    expect(s.weeks).toHaveLength(14);
    expect(s.weeks[0].week).toBe('2026-08-17');
    expect(s.weeks[13].week).toBe('2026-11-16');
    // Week of 11-09: SC-3 (0) and SC-4 (1/4) → 0.125, SC-4 refused. Week of 11-16: SC-1 (3/4), SC-2 (2/4) → 0.625,
    // SC-2 held, and every intake call (2026-11-20) with 6 received, 1 refused.
    expect(s.weeks[12]).toEqual({ week: '2026-11-09', declarations: 2, dataQuality: 0.125, orderDataShare: 0, held: 0, officerRejected: 1, intakeReceived: 0, intakeRejected: 0, intakeRejectionRate: null });
    expect(s.weeks[13]).toEqual({ week: '2026-11-16', declarations: 2, dataQuality: 0.625, orderDataShare: 0.5, held: 1, officerRejected: 0, intakeReceived: 6, intakeRejected: 1, intakeRejectionRate: 1 / 6 });
    expect(s.weeks[0]).toMatchObject({ declarations: 0, dataQuality: null });
  });

  it('reads the same per-declaration quality as the risk module (declarationQuality over the stored rows)', async () => {
    const rows = await t.db.pool.query(`SELECT declaration, assessment FROM declarations WHERE operator_id = $1 AND declared_at >= '2026-08-23'`, [a.id]);
    const sum = rows.rows.reduce((s, r) => s + declarationQuality(r.declaration, r.assessment).score, 0);
    expect(rows.rows).toHaveLength(4);
    expect(sum / 4).toBe((await scorecard(a.key)).body.dataQuality.score);
  });

  it('takes a shorter window: 7 days → 2026-11-14 to 2026-11-20, only SC-1 and SC-2', async () => {
    const s = (await scorecard(a.key, '?days=7')).body;
    expect(s.window).toMatchObject({ days: 7, from: '2026-11-14', to: '2026-11-20' });
    // SC-1 3/4 + SC-2 2/4 = 1.25 → / 2 = 0.625; SC-2 held → 1/2; both inspected, one find.
    expect(s.volumes).toMatchObject({ declarations: 2, held: 1, holdRate: 0.5, officerRejected: 0 });
    expect(s.dataQuality.score).toBe(0.625);
    expect(s.inspections).toMatchObject({ inspected: 2, found: 1 });
    // Weeks: Mondays 11-09 and 11-16.
    expect(s.weeks.map((w: { week: string }) => w.week)).toEqual(['2026-11-09', '2026-11-16']);
  });

  it('shows another operator only its own figures, with the criteria it meets', async () => {
    const s = (await scorecard(b.key)).body;
    expect(s.operator).toEqual({ code: 'SCORE-B', role: 'courier' });
    expect(s.volumes).toEqual({ declarations: 1, held: 0, holdRate: 0, officerRejected: 0, officerRejectionRate: 0 });
    expect(s.intake).toEqual({ received: 1, rejected: 0, rejectionRate: 0 });
    expect(s.inspections.inspected).toBe(0);
    expect(s.inspections.findRate).toBeNull();
    // SC-B1: informative + HS + order data, no consent → 3/4 = 0.75 (≥ 0.75: met).
    expect(s.dataQuality).toEqual({ score: 0.75, orderDataShare: 1, descriptionShare: 1, hsCode6Share: 1, consentShare: 0 });
    // No inspections: (0 + 4.5) / (0 + 5) = 0.9 (≥ 0.9: met).
    expect(s.compliance).toBeCloseTo(0.9, 12);
    expect(s.fastLane.eligible).toBe(false);
    expect(Object.fromEntries(s.fastLane.criteria.map((c: { code: string; met: boolean }) => [c.code, c.met]))).toEqual({
      FL_VOLUME: false,
      FL_ORDER_DATA: true,
      FL_DATA_QUALITY: true,
      FL_INSPECTED: false,
      FL_COMPLIANCE: true,
      FL_REJECTIONS: true,
      FL_HOLDS: true,
    });
    expect(s.nextSteps.map((n: { code: string }) => n.code)).toEqual(['NEXT_VOLUME', 'NEXT_INSPECTED']);
  });

  it('counts an order posted for a declaration (POST /api/v1/orders) as its order data, as the scorecard advises', async () => {
    const c = await t.operator('SCORE-C');
    const item = [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', hsCode: HS10, quantity: 1, price: 40, originCountry: 'VN' }];
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: c.key,
      body: {
        declarations: [
          declaration('SC-C1', { order: { orderNo: 'O-SC-C1', purchasedAt: '2026-11-15', currency: 'USD' }, items: item }),
          declaration('SC-C2', { order: { orderNo: 'O-SC-C2', purchasedAt: '2026-11-15', currency: 'USD' }, items: item }),
        ],
      },
    });
    expect(r.body.summary).toMatchObject({ accepted: 2 });
    // Each: informative, 10-digit HS, no amount paid, no consent → 2/4; (0.5 + 0.5) / 2 = 0.5.
    expect((await scorecard(c.key)).body.dataQuality).toMatchObject({ score: 0.5, orderDataShare: 0 });
    const stored = await t.db.pool.query(`SELECT pccc FROM declarations WHERE id = $1`, [r.body.results[0].declarationId]);
    const order = { orderNo: 'O-SC-C1', platform: 'Amazon', buyerPccc: stored.rows[0].pccc, currency: 'USD', amountPaid: 40, orderedAt: '2026-11-15', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    expect((await api(t.base, 'POST', '/api/v1/orders', { token: c.key, body: order })).status).toBe(201);
    // SC-C1 now has its order data: 3/4; (0.75 + 0.5) / 2 = 0.625; order data on 1 of 2.
    const after = (await scorecard(c.key)).body;
    expect(after.dataQuality).toMatchObject({ score: 0.625, orderDataShare: 0.5 });
    expect(after.nextSteps.map((n: { code: string }) => n.code)).toContain('NEXT_ORDER_DATA');
  });

  it('refuses officers, consumers and requests without a valid operator key', async () => {
    expect((await scorecard(undefined)).status).toBe(401);
    expect((await scorecard('tgk_not_a_real_key_000000000000')).status).toBe(401);
    expect((await scorecard(officer.token)).status).toBe(403);
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    const consumer = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
    expect((await scorecard(consumer)).status).toBe(403);
  });

  it('answers 400 naming `days` for a bad window', async () => {
    for (const q of ['?days=0', '?days=366', '?days=abc', '?days=1.5', '?days=-3']) {
      const r = await scorecard(a.key, q);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(r.body.error), q).toContain('days');
    }
    expect((await scorecard(a.key, '?other=1')).status).toBe(400);
  });

  it('is documented in the OpenAPI document: the days parameter and the answer schema', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    const op = doc.paths['/api/v1/operator/scorecard'].get;
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'days', in: 'query', schema: expect.objectContaining({ minimum: 1, maximum: 365, default: 90 }) })]);
    const body = op.responses['200'].content['application/json'].schema;
    expect(Object.keys(body.properties)).toEqual(['operator', 'window', 'volumes', 'intake', 'inspections', 'dataQuality', 'compliance', 'complianceBasis', 'fastLane', 'nextSteps', 'weeks']);
  });
});
