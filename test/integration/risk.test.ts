// Risk management on the real database (issue 5): the scoring worker, party profiles,
// inspection results feeding the profiles, rules (draft → dry run → publish), PCCC-misuse and
// split-shipment detectors, order data reconciliation, the queue order and the training export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KnownDeclaration } from '../../src/app/ports/risk-store.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { until } from '../support/until.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let beta: { id: number; key: string; code: string };
let officer: { token: string };
let admin: { token: string };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  beta = await t.operator('BETA');
  officer = await t.officer('risk-officer');
  admin = await t.officer('risk-admin', 'admin');
});
afterAll(async () => t?.close());

const submit = async (key: string, declarations: unknown[]) => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: key, body: { declarations } });
  expect(r.status).toBe(200);
  return r.body.results as { declarationId: number; cargoNo: string; accepted?: boolean; status?: string }[];
};

async function riskOf(id: number, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
    expect(r.status).toBe(200);
    if (r.body.score) return r.body;
    if (Date.now() > until) throw new Error(`declaration ${id} not scored`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('risk scoring worker', () => {
  it('scores new declarations with the active model, with factors ko/en and the model version', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-1')]);
    const risk = await riskOf(r!.declarationId);
    expect(risk.activeModelVersion).toMatch(/^gbdt-[0-9a-f]{16}$/);
    expect(risk.score.modelVersion).toBe(risk.activeModelVersion);
    expect(risk.score.score).toBeGreaterThanOrEqual(0);
    expect(risk.score.score).toBeLessThanOrEqual(1);
    expect(risk.score.factors.length).toBeGreaterThan(0);
    expect(risk.score.factors[0]).toHaveProperty('ko');
    expect(risk.score.factors[0]).toHaveProperty('en');
    expect(risk.score.ruleSetVersion).toBe('risk-rules-2026-01-01');
    const n = await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_scores WHERE declaration_id = $1`, [r!.declarationId]);
    expect(n.rows[0].n).toBe(1);
  });

  it('is handed what intake committed: the same document and risk part of the assessment as the stored row, so nothing is read back', async () => {
    const deps = t.platform.deps;
    const worker = deps.scoringHandoff!;
    const handed: ({ id: number } & KnownDeclaration)[] = [];
    deps.scoringHandoff = { accepted: (ds) => (handed.push(...ds), worker.accepted(ds)) };
    let results: { declarationId: number }[];
    try {
      results = await submit(alpha.key, [declaration('RK-H1'), declaration('RK-H2', { items: [{ ...(declaration('x').items as object[])[0], description: 'Vitamin C 1000mg supplement', category: 'supplement', quantity: 2 }] }), { ref: 'RK-H3' }]);
    } finally {
      deps.scoringHandoff = worker;
    }
    const ids = results.filter((r) => r.declarationId).map((r) => r.declarationId);
    expect(ids).toHaveLength(2); // RK-H3 is rejected and handed nothing
    expect(handed.map((h) => h.id)).toEqual(ids);
    const stored = await t.db.pool.query(`SELECT id, version, declaration, assessment FROM declarations WHERE id = ANY($1::bigint[]) ORDER BY id`, [ids]);
    const plain = (x: unknown) => JSON.parse(JSON.stringify(x));
    for (const [i, row] of stored.rows.entries()) {
      expect(handed[i]!.version).toBe(row.version);
      expect(plain(handed[i]!.declaration)).toEqual(row.declaration);
      // What the features read (RiskAssessment, domain/risk/features.ts).
      for (const k of ['goodsValueUsd', 'lines', 'deMinimis', 'signals', 'taxes', 'route']) expect(plain((handed[i]!.assessment as unknown as Record<string, unknown>)[k])).toEqual(row.assessment[k]);
      const risk = await riskOf(row.id);
      expect(risk.score.modelVersion).toBe(risk.activeModelVersion);
    }
  });

  it('profiles every party and the PCCC identities', async () => {
    const [r] = await submit(alpha.key, [
      declaration('RK-2', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Nike Store', country: 'US' }, forwarder: { name: 'Malltail', code: 'FWMT' }, courier: { name: 'CJ대한통운', code: 'CJKX' }, broker: { name: '관세법인 한빛', code: 'BRK1' } } }),
    ]);
    await riskOf(r!.declarationId);
    for (const [role, key] of [
      ['platform', 'AMAZON'],
      ['seller', 'NIKE STORE'],
      ['forwarder', 'FWMT'],
      ['courier', 'CJKX'],
      ['broker', 'BRK1'],
      ['consignee', 'P123456789012'],
    ]) {
      const p = await api(t.base, 'GET', `/api/v1/officer/parties/${role}/${encodeURIComponent(key!)}`, { token: officer.token });
      expect(p.status, `${role} ${key}`).toBe(200);
      expect(p.body.parcels).toBeGreaterThanOrEqual(1);
      expect(p.body.reasons.length).toBeGreaterThan(0);
      expect(p.body.fastLane).toBe(false);
    }
    expect((await api(t.base, 'GET', `/api/v1/officer/parties/seller/NOBODY`, { token: officer.token })).status).toBe(404);
  });

  it('answers a profile in its documented shape: counts, rates and the fast lane, not the running sums behind them', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-SHAPE', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Shape Shop', country: 'US' } } })]);
    await riskOf(r!.declarationId);
    const p = await api(t.base, 'GET', `/api/v1/officer/parties/seller/SHAPE%20SHOP`, { token: officer.token });
    expect(p.status).toBe(200);
    // Exactly these fields (the portal's profile page reads them; held and rejected are counts an officer reads beside the rates).
    expect(Object.keys(p.body).sort()).toEqual(
      ['compliance', 'dataQuality', 'fastLane', 'findRate', 'firstSeen', 'found', 'held', 'holdRate', 'inspected', 'key', 'lastSeen', 'name', 'orderDataShare', 'outcomes', 'parcels', 'reasons', 'rejected', 'rejectionRate', 'revenueFoundKrw', 'role', 'undervalued', 'unscored', 'unscoredNote', 'valueUsd'].sort(),
    );
    for (const internal of ['withOrderData', 'qualitySum', 'inspectedDecayed', 'foundDecayed', 'decayedOn']) expect(p.body).not.toHaveProperty(internal);
    // One parcel, not held, not inspected: 0 / 1 held, no find rate yet.
    expect(p.body).toMatchObject({ role: 'seller', key: 'SHAPE SHOP', parcels: 1, held: 0, rejected: 0, holdRate: 0, inspected: 0, found: 0, findRate: null, unscored: 0, unscoredNote: null });
  });
});

describe('inspection results', () => {
  it('are appended with the model version and score, and update the profiles at once', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-3', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Shady Shop', country: 'CN' } } })]);
    const risk = await riskOf(r!.declarationId);
    const before = await api(t.base, 'GET', `/api/v1/officer/parties/seller/SHADY%20SHOP`, { token: officer.token });
    expect(before.body.inspected).toBe(0);
    const res = await api(t.base, 'POST', `/api/v1/officer/declarations/${r!.declarationId}/inspection`, {
      token: officer.token,
      body: { outcome: 'undervalued', correctedValueKrw: 300000, revenueKrw: 45000, note: '영수증 확인' },
    });
    expect(res.status).toBe(201);
    expect(res.body.modelVersion).toBe(risk.score.modelVersion);
    expect(res.body.score).toBeCloseTo(risk.score.score, 10);
    const after = await api(t.base, 'GET', `/api/v1/officer/parties/seller/SHADY%20SHOP`, { token: officer.token });
    expect(after.body).toMatchObject({ inspected: 1, found: 1, undervalued: 1, revenueFoundKrw: 45000, outcomes: { undervalued: 1 } });
    expect(after.body.compliance).toBeLessThan(before.body.compliance);
    await expect(t.db.pool.query(`DELETE FROM inspection_results`)).rejects.toThrow(/append-only/);
    // The scoring worker's prior reads the totals the insert trigger keeps (migrations/032).
    const totals = await t.db.pool.query(`SELECT inspected::int, found::int FROM inspection_totals`);
    // One per parcel, its latest result (migrations/070).
    const counted = await t.db.pool.query(
      `SELECT count(*)::int AS inspected, count(*) FILTER (WHERE outcome <> 'clean')::int AS found FROM inspection_results i WHERE i.id = (SELECT max(j.id) FROM inspection_results j WHERE j.declaration_id = i.declaration_id)`,
    );
    expect(totals.rows).toEqual(counted.rows);
    expect(totals.rows[0]).toEqual({ inspected: 1, found: 1 });
    const perf = await api(t.base, 'GET', `/api/v1/officer/risk/performance`, { token: officer.token });
    expect(perf.body.totals).toMatchObject({ inspected: 1, found: 1, precision: 1, revenueKrw: 45000 });
    const view = await riskOf(r!.declarationId);
    expect(view.inspections).toHaveLength(1);
    // The training export joins the features as scored with the outcome.
    const csv = await api(t.base, 'GET', `/api/v1/officer/risk/export`, { token: admin.token });
    expect(csv.status).toBe(200);
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toContain('seller hit rate');
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/,1,45000$/);
  });

  it('refuses a corrected value that contradicts the outcome, and records nothing', async () => {
    // USD 40 at a customs rate above 1,000 won is a declared taxable value of more than 40,000 won:
    // an undervaluation "corrected" to 5,000 won (a digit short) would go out in seizure reports as found.
    const [r] = await submit(alpha.key, [declaration('RK-CV', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Corrected Value', country: 'US' } } })]);
    await riskOf(r!.declarationId);
    const inspect = (body: Record<string, unknown>) => api(t.base, 'POST', `/api/v1/officer/declarations/${r!.declarationId}/inspection`, { token: officer.token, body });
    const low = await inspect({ outcome: 'undervalued', correctedValueKrw: 5000, revenueKrw: 1000 });
    expect(low.status).toBe(400);
    expect(low.body.error.details[0]).toMatchObject({ path: 'body.correctedValueKrw', code: 'corrected_not_above_declared' });
    expect(low.body.error.details[0].en).toMatch(/^The corrected value of an undervaluation must be above the declared taxable value, KRW \d{2},\d{3}\.$/);
    const clean = await inspect({ outcome: 'clean', correctedValueKrw: 90000 });
    expect(clean.status).toBe(400);
    expect(clean.body.error.details[0]).toMatchObject({ path: 'body.correctedValueKrw', code: 'corrected_on_clean' });
    expect((await inspect({ outcome: 'clean', correctedHs: '610910' })).body.error.details[0]).toMatchObject({ path: 'body.correctedHs', code: 'corrected_on_clean' });
    expect((await riskOf(r!.declarationId)).inspections).toHaveLength(0);
    expect((await inspect({ outcome: 'undervalued', correctedValueKrw: 900000, revenueKrw: 150000 })).status).toBe(201);
  });

  it('several results of one parcel: the latest supersedes the earlier ones in the profile, the performance page and the totals (the dry run and the export read the latest already); all are kept', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-5X', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Five Results', country: 'US' } } })]);
    await riskOf(r!.declarationId);
    const perfBefore = (await api(t.base, 'GET', `/api/v1/officer/risk/performance`, { token: officer.token })).body.totals;
    const totalsBefore = (await t.db.pool.query(`SELECT inspected::int, found::int FROM inspection_totals`)).rows[0];
    // Four finds, then clean (officer QA 2026-12-03: the party's inspected count went up by five).
    const bodies = [
      { outcome: 'undervalued', revenueKrw: 45000 },
      { outcome: 'undervalued', revenueKrw: 50000 },
      { outcome: 'misclassified', revenueKrw: 20000 },
      { outcome: 'ip_infringement' },
      { outcome: 'clean', note: '재검사: 이상 없음' },
    ];
    const seen: number[] = [];
    for (const body of bodies) {
      expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${r!.declarationId}/inspection`, { token: officer.token, body })).status).toBe(201);
      seen.push((await api(t.base, 'GET', `/api/v1/officer/parties/seller/FIVE%20RESULTS`, { token: officer.token })).body.inspected);
    }
    expect(seen).toEqual([1, 1, 1, 1, 1]);
    const p = await api(t.base, 'GET', `/api/v1/officer/parties/seller/FIVE%20RESULTS`, { token: officer.token });
    expect(p.body).toMatchObject({ inspected: 1, found: 0, undervalued: 0, revenueFoundKrw: 0 });
    expect(p.body.outcomes).toMatchObject({ clean: 1, undervalued: 0, misclassified: 0, ip_infringement: 0 });
    // Performance page: one parcel more, not five; no find, no revenue (the latest is clean).
    const perf = (await api(t.base, 'GET', `/api/v1/officer/risk/performance`, { token: officer.token })).body.totals;
    expect(perf.inspected - perfBefore.inspected).toBe(1);
    expect(perf.found - perfBefore.found).toBe(0);
    expect(perf.revenueKrw - perfBefore.revenueKrw).toBe(0);
    const totals = (await t.db.pool.query(`SELECT inspected::int, found::int FROM inspection_totals`)).rows[0];
    expect({ inspected: totals.inspected - totalsBefore.inspected, found: totals.found - totalsBefore.found }).toEqual({ inspected: 1, found: 0 });
    // The history is kept: five results on the parcel.
    expect((await riskOf(r!.declarationId)).inspections).toHaveLength(5);
  });
});

describe('detectors', () => {
  it('flag one PCCC used with several names and phones', async () => {
    const pccc = 'P555500000001';
    const people = [
      ['김철수', '010-1111-1111'],
      ['이영희', '010-2222-2222'],
      ['박민수', '010-3333-3333'],
    ];
    const results = await submit(
      alpha.key,
      people.map(([name, phone], i) => declaration(`RK-M${i}`, { consignee: { name, pccc, phone, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } })),
    );
    const last = await riskOf(results[2]!.declarationId);
    const codes = last.score.ruleHits.map((h: { code: string }) => h.code);
    expect(codes).toContain('PCCC_MANY_NAMES');
    expect(codes).toContain('PCCC_MANY_PHONES');
    // The officer reads who: the names and numbers declared with the PCCC, not only how many.
    const hit = (code: string) => last.score.ruleHits.find((h: { code: string }) => h.code === code);
    expect(hit('PCCC_MANY_NAMES')).toMatchObject({ ko: '개인통관고유부호 하나에 이름 3개 사용', detail: { ko: '지금까지 신고된 이름: 김철수, 박민수, 이영희', en: 'names declared so far: 김철수, 박민수, 이영희' } });
    expect(hit('PCCC_MANY_PHONES').detail.en).toBe('phone numbers declared so far: 010-1111-1111, 010-3333-3333, 010-2222-2222');
    const first = await riskOf(results[0]!.declarationId);
    expect(first.score.ruleHits.map((h: { code: string }) => h.code)).not.toContain('PCCC_MANY_NAMES');
  });

  it('flag a split across channels: same consignee and seller, different couriers, each just under the de minimis', async () => {
    const pccc = 'P555500000002';
    const consignee = { name: '최분할', pccc, phone: '010-5555-0002', postcode: '04524', address: '서울특별시 중구 세종대로 2' };
    const near = (ref: string, courier: { name: string; code: string }, date: string) =>
      declaration(ref, {
        declaredAt: date,
        consignee,
        // Bought on different days: not combined by law (고시 제68조 needs the same purchase date), so only the detector joins them.
        order: { orderNo: `O-${ref}`, purchasedAt: date, currency: 'USD' },
        parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Split Seller', country: 'US' }, courier },
        items: [{ description: '운동화 Nike Pegasus', category: 'shoes', quantity: 1, price: 190, originCountry: 'VN' }],
      });
    const [a] = await submit(alpha.key, [near('RK-S1', { name: 'CJ대한통운', code: 'CJKX' }, '2026-11-17')]);
    // a is scored before b arrives, as it would be a day apart: a worker lagging behind both would score a with b already on record.
    const ra = await riskOf(a!.declarationId);
    const [b] = await submit(beta.key, [near('RK-S2', { name: '롯데글로벌', code: 'LOTTE' }, '2026-11-18')]);
    const rb = await riskOf(b!.declarationId);
    expect(ra.score.ruleHits.map((h: { code: string }) => h.code)).not.toContain('SPLIT_ACROSS_CHANNELS');
    expect(rb.score.ruleHits.map((h: { code: string }) => h.code)).toContain('SPLIT_ACROSS_CHANNELS');
    expect(rb.score.priority).toBeGreaterThan(ra.score.priority);
    // The hit names the parcel it is split with, by its cargo number: the officer combines the two.
    const split = rb.score.ruleHits.find((h: { code: string }) => h.code === 'SPLIT_ACROSS_CHANNELS');
    expect(split.detail).toEqual({ ko: `함께 볼 화물: ${a!.cargoNo}`, en: `the other parcels: ${a!.cargoNo}` });
    // And a, scored before b existed, is scored again ('split'): the officer who opens a first sees the split
    // too, naming b (it flagged only the last parcel of a split).
    const scoredAt = async (id: number) => (await t.db.pool.query(`SELECT scored_at FROM risk_scores WHERE declaration_id = $1`, [id])).rows.map((r) => String(r.scored_at));
    const bScored = await scoredAt(b!.declarationId);
    const again = await riskUntil(a!.declarationId, (r) => codesOf(r).includes('SPLIT_ACROSS_CHANNELS'));
    expect(again.score.ruleHits.find((h: { code: string }) => h.code === 'SPLIT_ACROSS_CHANNELS').detail).toEqual({ ko: `함께 볼 화물: ${b!.cargoNo}`, en: `the other parcels: ${b!.cargoNo}` });
    expect(again.score.priority).toBeGreaterThan(ra.score.priority);
    // Once: a's rescoring queues neither b nor a again.
    await until(async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_pending WHERE declaration_id = ANY($1::bigint[])`, [[a!.declarationId, b!.declarationId]])).rows[0].n === 0, 'the split rescoring');
    expect(await scoredAt(b!.declarationId)).toEqual(bScored);
  });
});

describe('order data', () => {
  const order = (orderNo: string, amountPaid: number) => ({
    orderNo,
    platform: 'Amazon',
    seller: 'Nike Store',
    buyerPccc: 'P123456789012',
    currency: 'USD',
    amountPaid,
    orderedAt: '2026-11-15',
    items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: amountPaid }],
  });

  it('is idempotent by (operator, orderNo) and refuses a different body under the same number', async () => {
    const first = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order('ORD-1', 120) });
    expect(first.status).toBe(201);
    const again = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order('ORD-1', 120) });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ replayed: true, order: { id: first.body.order.id } });
    const changed = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order('ORD-1', 99) });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('ORDER_CONFLICT');
    expect(changed.body.error.details).toEqual({ path: 'body.orderNo', orderNo: 'ORD-1' }); // the field at fault (before: no path)
    const bad = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: { ...order('ORD-X', 1), buyerPccc: 'nope' } });
    expect(bad.status).toBe(400);
  });

  it('flags undervaluation against the amount paid, on the score and on the declaration view', async () => {
    await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order('ORD-2', 180) });
    const [r] = await submit(alpha.key, [declaration('RK-O2', { order: { orderNo: 'ORD-2', purchasedAt: '2026-11-15', currency: 'USD' } })]);
    const risk = await riskOf(r!.declarationId);
    expect(risk.orderMissing).toBe(false);
    expect(risk.orders[0].findings.map((f: { code: string }) => f.code)).toContain('ORDER_UNDERVALUED');
    expect(risk.score.ruleHits.map((h: { code: string }) => h.code)).toContain('ORDER_UNDERVALUED');
  });

  it('lists orders no declaration carries', async () => {
    await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: { ...order('ORD-LOST', 50), orderedAt: '2020-01-01' } });
    const r = await api(t.base, 'GET', '/api/v1/officer/orders/without-declaration', { token: officer.token });
    expect(r.body.orders.map((o: { orderNo: string }) => o.orderNo)).toContain('ORD-LOST');
  });
});

const codesOf = (risk: { score: { ruleHits: { code: string }[] } }) => risk.score.ruleHits.map((h) => h.code);

/** Polls the risk view until `ok` holds (the worker rescored). */
async function riskUntil(id: number, ok: (risk: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const risk = await riskOf(id);
    if (ok(risk)) return risk;
    if (Date.now() > until) throw new Error(`declaration ${id}: not rescored (${JSON.stringify(codesOf(risk))})`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

describe('rescoring (risk_pending queue)', () => {
  const consignee = (n: string) => ({ name: '정재평', pccc: `P5555000001${n}`, phone: `010-5555-01${n}`, postcode: '06236', address: `서울특별시 강남구 테헤란로 1${n}` });
  const scoreRows = async (id: number) => (await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_scores WHERE declaration_id = $1`, [id])).rows[0].n as number;

  it('an order posted after the declaration rescores it: the reconciliation finds the undervaluation; the parcel is recorded once', async () => {
    const c = consignee('10');
    const [r] = await submit(alpha.key, [declaration('RK-LATE-ORDER', { consignee: c, order: { orderNo: 'ORD-LATE', purchasedAt: '2026-11-15', currency: 'USD' } })]);
    const before = await riskOf(r!.declarationId);
    expect(codesOf(before)).not.toContain('ORDER_UNDERVALUED');
    const profile = async () => (await api(t.base, 'GET', `/api/v1/officer/parties/consignee/${c.pccc}`, { token: officer.token })).body;
    const profileBefore = await profile();
    const order = { orderNo: 'ORD-LATE', platform: 'Amazon', seller: 'Nike Store', buyerPccc: c.pccc, currency: 'USD', amountPaid: 180, orderedAt: '2026-11-15', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 180 }] };
    const posted = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order });
    expect(posted.status).toBe(201);
    const after = await riskUntil(r!.declarationId, (x) => codesOf(x).includes('ORDER_UNDERVALUED'));
    expect(after.score.modelVersion).toBe(before.score.modelVersion);
    expect(Date.parse(after.score.scoredAt)).toBeGreaterThan(Date.parse(before.score.scoredAt));
    expect(after.score.ruleScore).toBeGreaterThan(before.score.ruleScore);
    expect(after.score.priority).toBeGreaterThan(before.score.priority);
    expect(await scoreRows(r!.declarationId)).toBe(1);
    const profileAfter = await profile();
    expect(profileAfter.parcels).toBe(profileBefore.parcels);
    expect(profileAfter.valueUsd).toBe(profileBefore.valueUsd);
    // The posted order is the parcel's order data (the declaration has no amountPaid of its own):
    // the consignee's one parcel now has it, and its quality one part of four more.
    expect([profileBefore.parcels, profileBefore.orderDataShare, profileAfter.orderDataShare]).toEqual([1, 0, 1]);
    expect(profileAfter.dataQuality - profileBefore.dataQuality).toBeCloseTo(0.25, 9);
    expect((await t.db.pool.query(`SELECT order_data FROM risk_parcels WHERE declaration_id = $1`, [r!.declarationId])).rows[0].order_data).toBe(true);
    // Another operator's order under the same number and buyer rescores it again: counted once.
    expect((await api(t.base, 'POST', '/api/v1/orders', { token: beta.key, body: order })).status).toBe(201);
    await until(async () => (await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_pending WHERE declaration_id = $1`, [r!.declarationId])).rows[0].n === 0, 'the second order\'s rescoring');
    const profileAgain = await profile();
    expect([profileAgain.parcels, profileAgain.orderDataShare, profileAgain.dataQuality]).toEqual([1, 1, profileAfter.dataQuality]);
    // The same order again is a replay: nothing is queued.
    expect((await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order })).status).toBe(200);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_pending WHERE declaration_id = $1`, [r!.declarationId])).rows[0].n).toBe(0);
  });

  it('an amended declaration (PATCH) is rescored with the corrected document', async () => {
    const c = consignee('11');
    const order = { orderNo: 'ORD-AMEND', platform: 'Amazon', seller: 'Nike Store', buyerPccc: c.pccc, currency: 'USD', amountPaid: 40, orderedAt: '2026-11-15', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    expect((await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order })).status).toBe(201);
    const doc = declaration('RK-AMEND', { consignee: c, order: { orderNo: 'ORD-AMEND', purchasedAt: '2026-11-15', currency: 'USD' } });
    const [r] = await submit(alpha.key, [doc]);
    const before = await riskOf(r!.declarationId);
    expect(codesOf(before)).not.toContain('ORDER_UNDERVALUED');
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${r!.declarationId}`, {
      token: alpha.key,
      body: { reason: '가격 정정', declaration: { ...doc, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 15, originCountry: 'VN' }] } },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    const after = await riskUntil(r!.declarationId, (x) => codesOf(x).includes('ORDER_UNDERVALUED'));
    expect(after.score.modelVersion).toBe(before.score.modelVersion);
    expect(await scoreRows(r!.declarationId)).toBe(1);
    const parcel = await t.db.pool.query(`SELECT value_usd FROM risk_parcels WHERE declaration_id = $1`, [r!.declarationId]);
    expect(Number(parcel.rows[0].value_usd)).toBeCloseTo(15, 6);
  });

  it('an amendment that moves the consignee moves its address pair (risk_address_consignees stays the pairs of risk_parcels)', async () => {
    const c = consignee('12');
    const doc = declaration('RK-MOVE', { consignee: c });
    const [r] = await submit(alpha.key, [doc]);
    const before = await riskOf(r!.declarationId);
    const moved = { ...c, postcode: '48058', address: '부산광역시 해운대구 센텀중앙로 97' };
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${r!.declarationId}`, { token: alpha.key, body: { reason: '주소 정정', declaration: { ...doc, consignee: moved } } });
    expect(amended.status).toBe(200);
    await riskUntil(r!.declarationId, (x) => Date.parse(x.score.scoredAt) > Date.parse(before.score.scoredAt));
    const pairs = await t.db.pool.query(`SELECT address_key FROM risk_address_consignees WHERE pccc = $1`, [c.pccc]);
    expect(pairs.rows.map((x) => x.address_key)).toEqual(['48058|부산광역시해운대구센텀중앙로97']);
    const differ = await t.db.pool.query(
      `SELECT count(*)::int AS n FROM ((SELECT address_key, pccc FROM risk_address_consignees EXCEPT SELECT address_key, pccc FROM risk_parcels)
                                      UNION ALL (SELECT address_key, pccc FROM risk_parcels EXCEPT SELECT address_key, pccc FROM risk_address_consignees)) x`,
    );
    expect(differ.rows[0].n).toBe(0);
  });

  it('scores an intake transaction that commits after later declarations were scored, without rescanning', async () => {
    const [src] = await submit(alpha.key, [declaration('RK-LATE-SRC')]);
    await riskOf(src!.declarationId);
    const c = await t.db.pool.connect();
    try {
      await c.query('BEGIN');
      const late = await c.query(
        `INSERT INTO declarations (operator_id, ref, content_hash, declared_at, pccc, consignee_key, seller_key, purchased_at, hbl_no, mbl_no, bl_year, arrival_date, goods_value_usd,
                                   personal, route, status, clearance_stage, cargo_stage, held_from, hold_reason, taxes_total_krw, courier_code, forwarder_code, declaration, assessment)
         SELECT operator_id, ref || '-LATE', content_hash, declared_at, pccc, consignee_key, seller_key, purchased_at, hbl_no, mbl_no, bl_year, arrival_date, goods_value_usd,
                personal, route, status, clearance_stage, cargo_stage, held_from, hold_reason, taxes_total_krw, courier_code, forwarder_code, declaration, assessment
           FROM declarations WHERE id = $1 RETURNING id`,
        [src!.declarationId],
      );
      const lateId = Number(late.rows[0].id);
      const [next] = await submit(alpha.key, [declaration('RK-LATE-NEXT')]);
      expect(next!.declarationId).toBeGreaterThan(lateId);
      await riskOf(next!.declarationId);
      await c.query('COMMIT');
      const risk = await riskOf(lateId);
      expect(risk.score.modelVersion).toBe(risk.activeModelVersion);
    } finally {
      c.release();
    }
    const pending = await t.db.pool.query(`SELECT count(*)::int AS n FROM risk_pending`);
    expect(pending.rows[0].n).toBe(0);
  });
});

describe('rules officers can edit', () => {
  it('draft → dry run on past parcels → publish (admin only), audited; new declarations use the new version', async () => {
    const draft = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { note: 'Nike watch' } });
    expect(draft.status).toBe(201);
    const rules = { ...draft.body.rules, watchlists: [{ code: 'WL_SHADY', ko: '감시 판매자', en: 'watch-listed seller', role: 'seller', keys: ['Shady Shop'], weight: 0.5 }], keywords: [...draft.body.rules.keywords, { code: 'KW_DRIFIT', ko: '드라이핏', en: 'Dri-FIT', terms: ['dri-fit'], weight: 0.1 }] };
    const bad = await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${draft.body.id}`, { token: officer.token, body: { rules: { ...rules, watchlists: [{ code: 'X', role: 'nobody', keys: [], weight: 2 }] } } });
    expect(bad.status).toBe(422);
    // the problem named in both languages, in the error's text and its details (message: the English, as before)
    expect(bad.body.error).toMatchObject({
      code: 'RULE_SET_INVALID',
      ko: '위험 선별 규칙 형식이 올바르지 않습니다: 감시 대상 "X": weight — 0 이상 1 미만의 숫자여야 합니다: 2',
      en: 'The risk rule set is invalid: watch-list "X": weight — must be a number in [0, 1): 2',
      details: { ko: expect.stringMatching(/^감시 대상 "X"/), en: expect.stringMatching(/^watch-list "X"/), message: expect.stringMatching(/^watch-list "X"/), path: 'body.rules.watchlists[0].weight' },
    });
    const put = await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${draft.body.id}`, { token: officer.token, body: { rules } });
    expect(put.status).toBe(200);
    // An edit of the rules alone keeps the draft's note (PATCH: what is left out is unchanged).
    expect(put.body.note).toBe('Nike watch');
    const dry = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/dry-run`, { token: officer.token });
    expect(dry.status).toBe(200);
    const wl = dry.body.rules.find((x: { code: string }) => x.code === 'WL_SHADY');
    // WL_SHADY (0.5) alone reaches the selection threshold (0.2): hit and flagged.
    expect(wl).toMatchObject({ hit: 1, flagged: 1, inspected: 1, foundBad: 1, newlyFlagged: 1 });
    expect(dry.body.rules.find((x: { code: string }) => x.code === 'KW_DRIFIT').hit).toBeGreaterThan(1);
    // Flagged = rule score ≥ threshold, not "any rule hit": fewer than the parcels tried.
    expect(dry.body.threshold).toBe(0.2);
    expect(dry.body.flagged).toBeLessThan(dry.body.declarations);
    expect(dry.body.changed.rules).toEqual(expect.arrayContaining(['WL_SHADY', 'KW_DRIFIT']));
    expect(dry.body.changed.parcels).toBeGreaterThanOrEqual(dry.body.rules.find((x: { code: string }) => x.code === 'KW_DRIFIT').hit);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: officer.token, body: {} })).status).toBe(403);
    const pub = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.id}/publish`, { token: admin.token, body: { version: 'rules-test-2' } });
    expect(pub.status).toBe(201);
    expect(pub.body.version).toBe('rules-test-2');
    const list = await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token });
    expect(list.body.audit.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['draft_created', 'draft_updated', 'dry_run', 'published']));
    // The dry run's audit entry holds what the dry run answered, the inspected count too: the administrator who
    // publishes an officer's draft is told what it found (rule-dry-run.ts; before, "not tried in a dry run").
    const tried = list.body.audit.find((a: { action: string; draftId: number }) => a.action === 'dry_run' && a.draftId === draft.body.id);
    expect(tried).toMatchObject({ actor: 'risk-officer', detail: { declarations: dry.body.declarations, threshold: 0.2, flagged: dry.body.flagged, inspected: dry.body.inspected, foundBad: dry.body.foundBad } });
    const [r] = await submit(alpha.key, [declaration('RK-R1', { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Shady Shop', country: 'CN' } } })]);
    const risk = await riskOf(r!.declarationId);
    expect(risk.score.ruleSetVersion).toBe('rules-test-2');
    expect(risk.score.ruleHits.map((h: { code: string }) => h.code)).toContain('WL_SHADY');
  });
});

describe('the officer queue', () => {
  it('orders open parcels by the expected value of an inspection once scored', async () => {
    // The parcels of these tests share a consignee, seller and purchase date (one combined-taxation
    // group): a later one gives the earlier ones a new version listing it, and one that becomes
    // combined is rescored (its signals change). Read the queue once that work is done.
    await t.platform.combinedRedecisions.drain();
    await until(
      async () => Number((await t.db.pool.query(`SELECT (SELECT count(*) FROM risk_pending) + (SELECT count(*) FROM combined_redecisions) AS n`)).rows[0].n) === 0,
      'the rescorings queued by the combined-taxation versions',
    );
    const q = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=500', { token: officer.token });
    expect(q.status).toBe(200);
    expect(q.body.modelVersion).toMatch(/^gbdt-/);
    const scored = q.body.declarations.filter((d: { risk?: unknown; status: string }) => d.risk && d.status !== 'held');
    expect(scored.length).toBeGreaterThan(5);
    const priorities = scored.map((d: { risk: { priority: number } }) => d.risk.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    // expected value = expected revenue + safety value × combined probability
    for (const d of scored) expect(d.risk.priority).toBeGreaterThanOrEqual(d.risk.expectedRevenueKrw ?? 0);
    const points = q.body.declarations.map((d: { riskScore: number }) => d.riskScore);
    expect(points).toEqual([...points].sort((a, b) => b - a));
    // Each scored row says why, before it is opened: its rule hits by weight and the factors that
    // raised it, the side carrying the score first (the rules when their score is at least the model's).
    for (const d of scored) {
      const detail = await api(t.base, 'GET', `/api/v1/officer/declarations/${d.id}/risk`, { token: officer.token });
      const hits = [...detail.body.score.ruleHits].sort((a: { weight: number }, b: { weight: number }) => b.weight - a.weight).map((h: { en: string }) => h.en);
      expect(d.risk.reasons.length).toBeLessThanOrEqual(3);
      const reasons = d.risk.reasons.map((r: { en: string }) => r.en);
      const fromHits = reasons.filter((r: string) => hits.includes(r));
      expect(fromHits).toEqual(hits.slice(0, fromHits.length)); // hits by weight
      if (d.risk.ruleScore >= d.risk.score) expect(reasons.slice(0, Math.min(3, hits.length))).toEqual(hits.slice(0, 3));
      else if (reasons.length > fromHits.length) {
        expect(hits).not.toContain(reasons[0]); // a factor of the model first
        expect(reasons.slice(reasons.length - fromHits.length)).toEqual(fromHits);
      }
      // The expected revenue is P × the revenue if found, never above P × what the parcel can owe;
      // the priority is that + the safety value × P(find by model or rules) (rounding: ±1 won).
      const s = detail.body.score;
      expect(s.revenueCeilingKrw).toBeGreaterThanOrEqual(0);
      expect(s.expectedRevenueKrw).toBeLessThanOrEqual(Math.round(s.score * s.revenueCeilingKrw) + 1);
      expect(s.safetyValuePerFindKrw).toBe(500_000);
      expect(s.priority).toBeCloseTo(s.expectedRevenueKrw + 500_000 * (1 - (1 - s.score) * (1 - s.ruleScore)), 6);
    }
    // A score stored before the bound (as a decided parcel keeps it): shown bounded, its priority with it.
    const [first] = scored as { id: number }[];
    const before = (await api(t.base, 'GET', `/api/v1/officer/declarations/${first!.id}/risk`, { token: officer.token })).body.score;
    await t.db.pool.query(`UPDATE risk_scores SET expected_revenue_krw = 1000000000000 + $2::bigint, priority = priority + 1000000000000 WHERE declaration_id = $1`, [first!.id, before.expectedRevenueKrw]);
    const after = (await api(t.base, 'GET', `/api/v1/officer/declarations/${first!.id}/risk`, { token: officer.token })).body.score;
    expect(after.expectedRevenueKrw).toBe(Math.round(after.score * after.revenueCeilingKrw));
    expect(after.priority).toBeCloseTo(before.priority - before.expectedRevenueKrw + after.expectedRevenueKrw, 2); // ± the doubles of priority ± 10¹²
    await t.db.pool.query(`UPDATE risk_scores SET expected_revenue_krw = $2, priority = priority - 1000000000000 WHERE declaration_id = $1`, [first!.id, before.expectedRevenueKrw]);
    expect(scored.some((d: { risk: { reasons: unknown[] } }) => d.risk.reasons.length > 0)).toBe(true);
    for (const d of q.body.declarations) expect(d.hold === null).toBe(d.status !== 'held');
  });

  it('pages through the ranking by limit and offset, with the length of the whole queue', async () => {
    const whole = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=500', { token: officer.token });
    const ids = whole.body.declarations.map((d: { id: number }) => d.id);
    const open = ['held', 'under_review', 'import_declared', 'list_submitted', 'in_warehouse', 'unloaded', 'arrived', 'arrival_reported', 'declared'];
    expect(whole.body.total).toBe(open.reduce((n, s) => n + (whole.body.counts[s] ?? 0), 0));
    expect(ids.length).toBe(Math.min(500, whole.body.total));
    const second = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=3&offset=3', { token: officer.token });
    expect(second.body).toMatchObject({ offset: 3, limit: 3, total: whole.body.total });
    expect(second.body.declarations.map((d: { id: number }) => d.id)).toEqual(ids.slice(3, 6));
    expect((await api(t.base, 'GET', '/api/v1/officer/work-queue?offset=-1', { token: officer.token })).status).toBe(400);
  });
});

describe('retraining on the platform\'s own data', () => {
  it('exports features as scored with inspection outcomes, which `tonggwan risk train` reads', async () => {
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync, readdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const decls = Array.from({ length: 60 }, (_, i) =>
      declaration(`RK-T${i}`, { parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: i % 2 ? 'Bad Seller' : 'Good Seller', country: 'US' } } }),
    );
    const results = await submit(alpha.key, decls);
    for (const [i, r] of results.entries()) {
      await riskOf(r.declarationId);
      const res = await api(t.base, 'POST', `/api/v1/officer/declarations/${r.declarationId}/inspection`, { token: officer.token, body: i % 2 ? { outcome: 'undervalued', revenueKrw: 20000 + i } : { outcome: 'clean' } });
      expect(res.status).toBe(201);
    }
    const csv = await api(t.base, 'GET', `/api/v1/officer/risk/export`, { token: admin.token });
    const dir = mkdtempSync(path.join(tmpdir(), 'tg-retrain-'));
    writeFileSync(path.join(dir, 'train.csv'), String(csv.body));
    const { RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES } = await import('../../src/domain/risk/features.ts');
    const root = path.resolve(import.meta.dirname, '../..');
    const r = spawnSync(
      path.join(root, 'node_modules/.bin/node'),
      ['bin/tonggwan.js', 'risk', 'train', '--out', dir, '--train', path.join(dir, 'train.csv'), '--id', 'ref', '--label', 'illicit', '--revenue', 'revenue at stake krw', '--numeric', RISK_NUMERIC_FEATURES.join(','), '--categorical', RISK_CATEGORICAL_FEATURES.join(',')],
      { cwd: root, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readdirSync(dir).filter((f) => /^risk-gbdt-[0-9a-f]{16}\.json$/.test(f))).toHaveLength(1);
  });
});

describe('selection performance by week', () => {
  it('groups inspections by the Korean week: Monday 01:00 KST (Sunday 16:00 UTC) is that Monday\'s week, not the week before', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-WEEK')]);
    // The Monday 00:00 KST of last week (7–13 days ago, inside the page's 26 weeks), plus one hour.
    const DAY = 86_400_000;
    const kstNow = Date.now() + 9 * 3_600_000;
    const kstToday = Math.floor(kstNow / DAY) * DAY; // 00:00 of today in Korea, as a UTC-based day count
    const sinceMonday = (new Date(kstToday).getUTCDay() + 6) % 7; // 0 on a Monday
    const monday = kstToday - (sinceMonday + 7) * DAY;
    const at = new Date(monday - 9 * 3_600_000 + 3_600_000); // 01:00 KST = 16:00 UTC the Sunday before
    expect(at.getUTCDay()).toBe(0);
    await t.db.pool.query(`INSERT INTO inspection_results (declaration_id, inspected_at, outcome, revenue_krw, model_version) VALUES ($1, $2, 'undervalued', 1234, 'week-test')`, [r!.declarationId, at]);
    const perf = await api(t.base, 'GET', `/api/v1/officer/risk/performance`, { token: officer.token });
    const row = perf.body.weeks.find((w: { modelVersion: string }) => w.modelVersion === 'week-test');
    expect(row).toMatchObject({ week: new Date(monday).toISOString().slice(0, 10), inspected: 1, found: 1, revenueKrw: 1234 });
  });

  it('counts whole weeks: ?weeks=N starts on the Monday 00:00 KST N − 1 weeks before this week’s, not N × 7 days ago', async () => {
    const [r] = await submit(alpha.key, [declaration('RK-WHOLE-WEEKS')]);
    const DAY = 86_400_000;
    const kstToday = Math.floor((Date.now() + 9 * 3_600_000) / DAY) * DAY;
    const thisMonday = kstToday - ((new Date(kstToday).getUTCDay() + 6) % 7) * DAY; // 00:00 KST, as a UTC-based day count
    // 23:00 KST on the Sunday that ends last week: inside the last 7 × 24 hours all week long but its last hour.
    const lastSunday = new Date(thisMonday - 9 * 3_600_000 - 3_600_000);
    if (Date.now() - lastSunday.getTime() >= 7 * DAY) return; // the last hour of a Sunday: no rolling window reaches it either
    await t.db.pool.query(`INSERT INTO inspection_results (declaration_id, inspected_at, outcome, revenue_krw, model_version) VALUES ($1, $2, 'undervalued', 777, 'whole-weeks-test')`, [r!.declarationId, lastSunday]);
    const rows = async (weeks: number) =>
      (await api(t.base, 'GET', `/api/v1/officer/risk/performance?weeks=${weeks}`, { token: officer.token })).body.weeks.filter((w: { modelVersion: string }) => w.modelVersion === 'whole-weeks-test');
    // One week is this week alone: last week's Sunday is not in it, even as a stub of last week.
    expect(await rows(1)).toEqual([]);
    expect(await rows(2)).toEqual([expect.objectContaining({ week: new Date(thisMonday - 7 * DAY).toISOString().slice(0, 10), inspected: 1, found: 1, revenueKrw: 777 })]);
  });

  it('counts the work queue’s inspections apart from the random sample’s: the selection’s precision is not the find rate of all inspections', async () => {
    const totals = async () => (await api(t.base, 'GET', `/api/v1/officer/risk/performance`, { token: officer.token })).body.totals;
    const before = await totals();
    const parcels = await submit(alpha.key, ['RK-SEL-1', 'RK-SEL-2', 'RK-SEL-3', 'RK-SEL-4', 'RK-SEL-5'].map((ref) => declaration(ref)));
    const inspect = (i: number, body: Record<string, unknown>) => api(t.base, 'POST', `/api/v1/officer/declarations/${parcels[i]!.declarationId}/inspection`, { token: officer.token, body });
    // From the queue: a find and a clean one; a random sample: clean twice; without a reason: a find.
    const found = await inspect(0, { outcome: 'undervalued', revenueKrw: 20000, selectedBy: 'queue' });
    expect(found.status).toBe(201);
    expect(found.body.selectedBy).toBe('queue');
    await inspect(1, { outcome: 'clean', selectedBy: 'queue' });
    await inspect(2, { outcome: 'clean', selectedBy: 'random' });
    await inspect(3, { outcome: 'clean', selectedBy: 'random' });
    expect((await inspect(4, { outcome: 'misclassified', revenueKrw: 0 })).body.selectedBy).toBeNull();
    expect((await inspect(4, { outcome: 'misclassified', revenueKrw: 0, selectedBy: 'hunch' })).status).toBe(400);
    const after = await totals();
    // Five inspected, two found: find rate of all 2/5; the queue's 1/2 (its precision); the sample's 0/2.
    expect(after.inspected - before.inspected).toBe(5);
    expect(after.found - before.found).toBe(2);
    expect([after.queue.inspected - before.queue.inspected, after.queue.found - before.queue.found]).toEqual([2, 1]);
    expect([after.random.inspected - before.random.inspected, after.random.found - before.random.found]).toEqual([2, 0]);
    expect(after.queue.findRate).toBeCloseTo(after.queue.found / after.queue.inspected, 12);
    expect((await riskOf(parcels[2]!.declarationId)).inspections[0].selectedBy).toBe('random');
  });
});
