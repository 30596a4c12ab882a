// The platform's scoring path (compiled trees, features encoded row by row, explanations only
// above a threshold, compact stored features, rescoring) gives exactly what the column-wise
// path of training and evaluation gives.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../../adapters/reference/load-reference-files.ts';
import { assessBatch } from '../assess.ts';
import { dayNumber } from '../dates.ts';
import { compileReference, type Reference } from '../reference/compile-reference.ts';
import { compileRiskModel } from './compiled-model.ts';
import { explainRow } from './explain-score.ts';
import { createPartyBook, descriptionWords } from './features.ts';
import { expectedRevenue, parseRiskModel, scoreRows, type RiskModel } from './model.ts';
import { DEFAULT_POLICY, parsePlatformRuleSet, revenueCeilingKrw, revenueCeilingRatesOn, type PlatformRuleSet } from './platform-risk.ts';
import { usdRateOf } from './risk-history.ts';
import { explainStoredFeatures, parseStoredFeatures, scoreBatch, storeFeatures, type BatchInput, type DetectorFacts } from './score-batch.ts';
import { rowsToData } from './score-declarations.ts';
import { generateSyntheticHistory } from './synthetic-history.ts';

const dataDir = fileURLToPath(new URL('../../../data/', import.meta.url));
let model: RiskModel;
let rules: PlatformRuleSet;
let inputs: BatchInput[];
let reference: Reference;

const facts = (): DetectorFacts => ({ addressConsignees: new Map(), sameGoods90d: new Map(), nearby: [], orders: new Map() });

beforeAll(async () => {
  reference = compileReference(await loadReferenceFiles(dataDir));
  const file = readdirSync(`${dataDir}models`).find((f) => f.startsWith('risk-gbdt-'))!;
  const parsed = parseRiskModel(readFileSync(`${dataDir}models/${file}`, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.message);
  model = parsed.model;
  const r = parsePlatformRuleSet(JSON.parse(readFileSync(`${dataDir}risk-rules.json`, 'utf8')));
  if (!r.ok) throw new Error(r.en);
  rules = r.rules;
  const cases = generateSyntheticHistory({ count: 400, seed: 5, from: '2026-01-05', to: '2026-02-20', usdRate: usdRateOf(reference) });
  const declarations = cases.map((c) => c.declaration);
  const assessments = assessBatch(declarations, reference);
  inputs = declarations.map((declaration, i) => ({ id: i + 1, version: 1, declaration, assessment: assessments[i]! }));
});

describe('the platform scoring path', () => {
  it('scores, expected revenue and factors are those of the column-wise path (encode + gbdtPredict + explainRow), bit for bit', () => {
    const result = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), inputs, facts(), { explainAbove: 0 });
    const data = rowsToData(
      result.rows.map((r) => r.features as Record<string, number | string>),
      model.spec,
    );
    const scores = scoreRows(model, data);
    const revenue = expectedRevenue(model, data, scores)!;
    const sorted = [...inputs].sort((a, b) => a.id - b.id);
    result.rows.forEach((r, i) => {
      expect(r.score).toBe(scores[i]);
      // Bounded by what the parcel can owe (revenueCeilingKrw), as the platform shows it.
      expect(r.expectedRevenueKrw).toBe(Math.round(Math.min(revenue[i]!, scores[i]! * revenueCeilingKrw(sorted[i]!.assessment, DEFAULT_POLICY, revenueCeilingRatesOn(reference, sorted[i]!.declaration.declaredAt))!)));
      expect(r.factors).toEqual(explainRow(model, data, i, scores[i]!, 5).factors);
    });
    expect(compileRiskModel(model)!.forest.roots.length).toBe((model.learner as { trees: unknown[] }).trees.length);
  });

  it('explains only the scores at or above explainAbove; the others are explained from the stored row, the same way', () => {
    const explained = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), inputs, facts(), { explainAbove: 0 });
    const lazy = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), inputs, facts(), { explainAbove: 0.5 });
    lazy.rows.forEach((r, i) => {
      expect(r.score).toBe(explained.rows[i]!.score);
      if (r.score >= 0.5) expect(r.factors).toEqual(explained.rows[i]!.factors);
      else expect(r.factors).toEqual([]);
      const stored = parseStoredFeatures(r.storedFeatures);
      expect(explainStoredFeatures(model, stored, r.score)).toEqual(explained.rows[i]!.factors);
    });
  });

  it('stores the feature row compactly and reads it back (and the objects stored before)', () => {
    const [row] = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), inputs.slice(0, 1), facts()).rows;
    const text = row!.storedFeatures;
    expect(JSON.parse(text)[0]).toBe('ref');
    const back = parseStoredFeatures(text);
    expect(JSON.stringify(Object.entries(back).sort())).toBe(JSON.stringify(Object.entries(JSON.parse(JSON.stringify(row!.features))).sort()));
    expect(text.length).toBeLessThan(JSON.stringify(row!.features).length * 0.7);
    expect(parseStoredFeatures(JSON.stringify(row!.features))).toEqual(JSON.parse(JSON.stringify(row!.features)));
  });

  it('rescoring the same document keeps its history features and records nothing; without them it leaves itself out', () => {
    const book = createPartyBook();
    const first = scoreBatch(model, rules, DEFAULT_POLICY, reference, book, inputs, facts());
    const again = scoreBatch(
      model,
      rules,
      DEFAULT_POLICY,
      reference,
      book,
      inputs.map((x, i) => ({ ...x, previous: parseStoredFeatures(first.rows[i]!.storedFeatures) })),
      facts(),
      { record: false },
    );
    again.rows.forEach((r, i) => {
      expect(r.storedFeatures).toBe(first.rows[i]!.storedFeatures);
      expect(r.score).toBe(first.rows[i]!.score);
    });
    expect(again.profiles).toEqual([]);
    expect(again.identities).toEqual([]);
    expect(again.prices).toEqual([]);
  });

  it('counts the same goods to one PCCC in the 90 days up to the parcel, not those declared after it (a rescoring reads them too)', () => {
    const one = inputs.find((x) => x.assessment.lines[0]?.hsCode)!;
    const pccc = one.declaration.consignee.pccc.trim().toUpperCase();
    const key = `${pccc}|${one.assessment.lines[0]!.hsCode.slice(0, 6)}`;
    const day = dayNumber(one.declaration.declaredAt)!;
    const resale = (days: number[]) =>
      scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [one], { ...facts(), sameGoods90d: new Map([[key, days]]) }, { record: false }).rows[0]!.ruleHits.find((h) => h.code === 'PCCC_RESALE');
    // 4 earlier parcels within 90 days + this one = 5, the policy's figure: flagged, and the text says 5.
    expect(resale([day - 89, day - 30, day - 10, day])?.en).toMatch(/ 5 times in 90 days/);
    // The same 4 declared in the days after it, or more than 90 days before: 1 in 90 days, not flagged.
    expect(resale([day + 1, day + 2, day + 3, day + 4])).toBeUndefined();
    expect(resale([day - 100, day - 95, day - 93, day - 91])).toBeUndefined();
  });

  it('an order paid in won is compared with a parcel declared in another currency, at the customs rate of its week', () => {
    const one = inputs.find((x) => x.declaration.order.orderNo && x.declaration.order.currency !== 'KRW')!;
    const d = one.declaration;
    const pccc = d.consignee.pccc.trim().toUpperCase();
    // Paid 10,000,000 won: far above any synthetic parcel's value in won, so undervalued whatever the rate.
    const order = { orderNo: d.order.orderNo!, platform: 'P', buyerPccc: pccc, currency: 'KRW', amountPaid: 10_000_000, items: [] };
    const [row] = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [one], { ...facts(), orders: new Map([[`${d.order.orderNo}|${pccc}`, order]]) }).rows;
    expect(row!.ruleHits.find((h) => h.code === 'ORDER_UNDERVALUED')?.en).toMatch(/at the customs rate\), below the KRW 10,000,000 paid on the order$/);
  });

  it('an order posted for a parcel counts as its order data: at the first scoring, or by a rescoring that corrects the profiles once', () => {
    // One parcel with an order number and no amount paid of its own.
    const base = inputs.find((x) => x.declaration.order.orderNo && x.declaration.order.amountPaid === undefined)!;
    expect(base).toBeDefined();
    const one: BatchInput = { ...base, id: 1 };
    const d = one.declaration;
    const pccc = d.consignee.pccc.trim().toUpperCase();
    const withOrder = (): DetectorFacts => ({ ...facts(), orders: new Map([[`${d.order.orderNo}|${pccc}`, { orderNo: d.order.orderNo!, platform: 'P', buyerPccc: pccc, currency: d.order.currency, amountPaid: 1, items: [] }]]) });
    const consigneeOf = (r: ReturnType<typeof scoreBatch>) => r.profiles.find((p) => p.role === 'consignee')!;

    const without = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [one], facts());
    const posted = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [one], withOrder());
    expect(without.rows[0]!.parcel.orderData).toBe(false);
    expect(posted.rows[0]!.parcel.orderData).toBe(true);
    expect(consigneeOf(without).withOrderData).toBe(0);
    expect(consigneeOf(posted).withOrderData).toBe(1);
    // Quality is four parts (description, HS code, order data, consent): the order adds one quarter.
    expect(consigneeOf(posted).qualitySum - consigneeOf(without).qualitySum).toBeCloseTo(0.25, 12);

    // Recorded without it, rescored after the order was posted: +1 parcel with order data, +0.25
    // quality, for each party but the address, and no parcel counted again.
    const rescored = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [{ ...one, orderDataCounted: false }], withOrder(), { record: false });
    expect(rescored.rows[0]!.parcel.orderData).toBe(true);
    expect(rescored.profiles.map((p) => p.role).sort()).toEqual(posted.profiles.map((p) => p.role).sort());
    for (const p of rescored.profiles) expect([p.parcels, p.valueUsd, p.withOrderData, p.qualitySum]).toEqual([0, 0, 1, 0.25]);
    // Rescored again (already counted): nothing; never recorded (no flag): nothing.
    expect(scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [{ ...one, orderDataCounted: true }], withOrder(), { record: false }).profiles).toEqual([]);
    expect(scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [one], withOrder(), { record: false }).profiles).toEqual([]);
  });
});

describe('expected revenue of an undervalued parcel (officer QA 2026-12-03: 기대 세수 2–12원)', () => {
  // A jacket paid USD 180 on the order but declared at USD 45 (the amount paid is on the declaration).
  const parcel = (price: number) => ({
    ref: 'QA-180-45',
    declaredAt: '2026-11-20',
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: 'HJ2611200000001', mblNo: '180-47224915', arrivalDate: '2026-11-21', grossWeightKg: 0.9 },
    parties: { platform: { name: 'Temu', country: 'CN' }, seller: { name: 'Li-Ning Official', country: 'CN' }, courier: { name: '한진', code: 'HJEX' } },
    consignee: { name: '장다은', pccc: 'P236270173606', phone: '010-7410-5606', postcode: '06236', address: '서울특별시 강남구 테헤란로 279, 7층' },
    order: { orderNo: 'TE665736781299', purchasedAt: '2026-11-16', currency: 'USD', amountPaid: 180 },
    items: [{ description: '재킷 Li-Ning 러닝 바람막이', category: 'clothing', quantity: 1, unit: 'piece', price, originCountry: 'CN' }],
  });

  it('is P(illicit) × a revenue if found of the order of the taxes the undervaluation evades (tens of thousands of won), not a few won', async () => {
    const [declared, paid] = assessBatch([parcel(45), parcel(180)] as unknown as Parameters<typeof assessBatch>[0], reference);
    if (declared!.status !== 'assessed' || paid!.status !== 'assessed') throw new Error('the QA parcel must assess');
    // Revenue at stake = taxes on USD 180 − taxes on USD 45 (engine figures with the data of
    // 2026-12-03: 65,860 − 17,520 = 48,340원).
    const atStake = paid!.taxes!.totalKrw - declared!.taxes!.totalKrw;
    expect(atStake).toBeGreaterThan(20_000);
    const [row] = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [{ id: 1, version: 1, declaration: parcel(45) as unknown as BatchInput['declaration'], assessment: declared! }], facts()).rows;
    expect(row!.features['amount paid ratio']).toBe(4); // 180 / 45
    // Shipped model: P = 0.88, expected revenue 69,320원 → revenue if found = 69,320 / 0.88 ≈ 78,800원,
    // 1.6 × the 48,340원 at stake. The file before (log-revenue booster): 135원 → 164원 if found.
    const ifFound = row!.expectedRevenueKrw! / row!.score;
    expect(ifFound).toBeGreaterThan(atStake / 3);
    expect(ifFound).toBeLessThan(atStake * 3);
    // The queue's expected value = expected revenue + 500,000원 × P(find by model or rules).
    expect(row!.priority).toBeGreaterThan(row!.expectedRevenueKrw!);
  });
});

describe('expected revenue of a USD 8 parcel (officer QA 2026-12-04: 기대 세수 286,142원)', () => {
  // Demo parcel DEMO-0000052: an LED night light declared (and paid) at USD 8.20, HS 9405 from the
  // category (a heading the synthetic training history never has), seller unseen in training.
  const nightLight = {
    ref: 'DEMO-0000052',
    declaredAt: '2026-10-26',
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: 'LT2610260000052', grossWeightKg: 0.9 },
    parties: { platform: { name: 'Temu', country: 'CN' }, seller: { name: 'Shenzhen Baseus Official Store', country: 'CN' }, courier: { name: '롯데글로벌로지스', code: 'LTEX' } },
    consignee: { name: '조가은', pccc: 'P239755625650', phone: '010-5562-5650', postcode: '34126', address: '대전광역시 유성구 대학로 99' },
    order: { orderNo: 'TE807393656810', purchasedAt: '2026-10-25', currency: 'USD', amountPaid: 8.2 },
    items: [{ description: 'LED조명 Opple 센서 야간등', category: 'lamp', quantity: 1, price: 8.2, originCountry: 'CN' }],
  };

  it('is at most P(illicit) × the duty and VAT on the declared taxable value ÷ 0.15, not P × 548,127원', async () => {
    const [a] = assessBatch([nightLight] as unknown as Parameters<typeof assessBatch>[0], reference);
    if (a!.status !== 'assessed') throw new Error('the QA parcel must assess');
    const line = a!.lines[0]!;
    expect(line.dutyRate).toBe(0.08);
    expect(a!.taxes!.collected).toBe(false); // USD 8.20: under the de minimis, nothing assessed
    expect(a!.deMinimis.exempt).toBe(true);
    const taxable = line.taxableValueKrw;
    // Undervaluation: taxable ÷ 0.15 × (8 % duty + 10 % VAT × 1.08) − 0 assessed; misclassification:
    // none (exempt: a misclassification leaves the value, and the exemption). For the demo's
    // figures (taxable 18,435원 = 11,235 goods + 7,200 freight): 18,435 ÷ 0.15 = 122,900; × 0.188 = 23,105.2원.
    // The reference data in force on 2026-10-26: 10 % VAT, the tariff's highest basic rate 513.6 %, KRW 10,000 minimum.
    const rates = revenueCeilingRatesOn(reference, nightLight.declaredAt)!;
    expect(rates).toEqual({ vatRate: 0.1, maxDutyRate: 5.136, minimumCollectionKrw: 10_000 });
    const exempt = { deMinimis: { exempt: true }, taxes: { collected: false, totalKrw: 0 } };
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 18_435 }], ...exempt }, DEFAULT_POLICY, rates)).toBeCloseTo(23_105.2, 6);
    const ceiling = revenueCeilingKrw(a!, DEFAULT_POLICY, rates)!;
    expect(ceiling).toBeCloseTo((taxable / 0.15) * 0.188, 6);
    // Not exempt, 60,690원 assessed on 265,424원 at 13 %: undervaluation 265,424 ÷ 0.15 × (0.13 + 0.113)
    // = 429,986.88 − 60,690 = 369,296.88; misclassification at the tariff's 513.6 %: 265,424 ×
    // (5.136 + 0.6136) = 1,526,081.83 − 60,690 = 1,465,391.83원, the larger (a Manuka honey at 243 %
    // declared as a food preparation at 8 % recovers 2.6 × its value: more than the undervaluation bound).
    const assessed = { deMinimis: { exempt: false }, taxes: { collected: true, totalKrw: 60_690 } };
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.13, taxableValueKrw: 265_424 }], ...assessed }, DEFAULT_POLICY, rates)).toBeCloseTo(1_465_391.83, 1);
    // Exempt, the same parcel: the undervaluation bound only.
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.13, taxableValueKrw: 265_424 }], deMinimis: { exempt: true }, taxes: { collected: true, totalKrw: 60_690 } }, DEFAULT_POLICY, rates)).toBeCloseTo(369_296.88, 1);
    // No taxable value on a line, or no lines (an assessment stored without them): no bound, not 0.
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08 }], ...exempt }, DEFAULT_POLICY, rates)).toBeNull();
    expect(revenueCeilingKrw({ lines: [], ...exempt }, DEFAULT_POLICY, rates)).toBeNull();

    const [row] = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), [{ id: 1, version: 1, declaration: nightLight as unknown as BatchInput['declaration'], assessment: a! }], facts()).rows;
    expect(row!.features['declared value usd']).toBe(8.2);
    // The revenue booster alone: 548,127원 if found (an unseen HS heading lands in the leaves of the
    // rarest, dearest headings of training), so P × 548,127 ≈ 286,000원 for a USD 8 parcel.
    const data = rowsToData([row!.features as Record<string, number | string>], model.spec);
    const unbounded = expectedRevenue(model, data, scoreRows(model, data))![0]!;
    expect(unbounded / row!.score).toBeGreaterThan(500_000);
    // Bounded: P × ceiling (≈ 0.5 × 23,000 ≈ 12,000원), the revenue if found is the ceiling.
    expect(row!.expectedRevenueKrw).toBe(Math.round(row!.score * ceiling));
    expect(row!.expectedRevenueKrw! / row!.score).toBeLessThanOrEqual(ceiling + 1);
    expect(row!.expectedRevenueKrw).toBeLessThan(20_000);
  });
});

describe('description words', () => {
  const reference = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}\-+]+/u).filter(Boolean);
  it('the character loop splits as the Unicode rule does', () => {
    for (const t of ['티셔츠 Nike Dri-FIT', '  A+B  c--d ', '허브 gummies 1:1 (AAA grade)', 'Ünïcode café', '', '🙂 emoji', '日本語 テキスト']) expect(descriptionWords(t)).toEqual(reference(t));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'aZ09-+ ,.|/\t가힣한글éß日🙂'.split('')), maxLength: 40 }), (t) => {
        expect(descriptionWords(t)).toEqual(reference(t));
      }),
      { numRuns: 500 },
    );
  });
});

describe('the PCCC volume detector', () => {
  it('flags the parcel that reaches the self-use figure, and says that the figure is where flagging starts', () => {
    const n = DEFAULT_POLICY.detectors.selfUseParcels30d;
    const same = inputs.slice(0, n).map((x, i) => ({ ...x, id: 10_000 + i, declaration: { ...x.declaration, declaredAt: '2026-02-01', consignee: { ...x.declaration.consignee, pccc: 'P700000000001' } } }));
    const rows = scoreBatch(model, rules, DEFAULT_POLICY, reference, createPartyBook(), same, facts()).rows;
    const volume = rows.map((r) => r.ruleHits.find((h) => h.code === 'PCCC_VOLUME'));
    expect(volume.slice(0, n - 1).every((h) => h === undefined)).toBe(true);
    expect(volume[n - 1]).toMatchObject({ ko: `30일간 ${n}건 수입(${n}건 이상이면 자가사용 초과 의심)`, en: `${n} parcels in 30 days (${n} or more suggests more than self use)` });
  });
});
