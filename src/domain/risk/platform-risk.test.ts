import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../../adapters/reference/load-reference-files.ts';
import { compileReference, type Reference } from '../reference/compile-reference.ts';
import type { ReferenceFiles } from '../reference/types.ts';
import {
  assessProfile,
  combineWeights,
  DEFAULT_POLICY,
  deprecatedPolicyKeys,
  dryRunRules,
  inspectionDelta,
  parsePlatformRuleSet,
  parsePolicy,
  platformRuleHits,
  queuePriority,
  revenueCeilingKrw,
  revenueCeilingRatesOn,
  type ProfileCounts,
  type RuleContext,
} from './platform-risk.ts';

const base = { version: 'v1', signals: [{ signal: 'NEAR_DE_MINIMIS', ko: '면세 직전', en: 'near de minimis', weight: 0.1 }], keywords: [{ code: 'KW_REPLICA', ko: '모조', en: 'replica', terms: ['replica', '미러급'], weight: 0.6 }] };

const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  declaredAt: '2026-11-20',
  signals: [],
  text: 'herbal tea',
  shipFrom: 'TH',
  origins: ['TH'],
  hsCodes: ['0902100000'],
  valuePerKgUsd: 2,
  parties: [{ role: 'seller', key: 'BAD SELLER' }],
  ...over,
});

describe('officer-editable rules', () => {
  it('parse the declarative format and refuse bad rules with a message', () => {
    const ok = parsePlatformRuleSet({
      ...base,
      routes: [{ code: 'RT_TH', ko: '태국발', en: 'from TH', shipFrom: ['th'], origin: [], weight: 0.2 }],
      valuePerKg: [{ code: 'VK_TEA', ko: '차 저가', en: 'cheap tea', hs: '0902', minUsdPerKg: 5, weight: 0.3 }],
      watchlists: [{ code: 'WL', ko: '감시', en: 'watched', role: 'seller', keys: ['bad  seller'], weight: 0.5 }],
    });
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    expect(ok.rules.routes[0]!.shipFrom).toEqual(['TH']);
    expect(ok.rules.watchlists[0]!.keys).toEqual(['BAD SELLER']);
    expect(parsePlatformRuleSet({ ...base, routes: [{ code: 'X', shipFrom: [], origin: [], weight: 1 }] })).toMatchObject({ ok: false });
    expect(parsePlatformRuleSet({ ...base, valuePerKg: [{ code: 'V', hs: '09', weight: 0.1 }] })).toMatchObject({ ok: false });
    expect(parsePlatformRuleSet({ ...base, watchlists: [{ code: 'KW_REPLICA', role: 'seller', keys: [], weight: 0.1 }] })).toMatchObject({ ok: false, ko: expect.stringMatching(/두 번/), en: expect.stringMatching(/twice/) });
  });

  it('hit with a reason each: keywords, signals, routes, value per kg, watch-lists', () => {
    const parsed = parsePlatformRuleSet({
      ...base,
      routes: [{ code: 'RT_TH', ko: '태국발', en: 'from TH', shipFrom: ['TH'], origin: [], weight: 0.2 }],
      valuePerKg: [{ code: 'VK_TEA', ko: '차 저가', en: 'cheap tea', hs: '0902', minUsdPerKg: 5, weight: 0.3 }],
      watchlists: [{ code: 'WL', ko: '감시', en: 'watched', role: 'seller', keys: ['Bad Seller'], weight: 0.5 }],
    });
    if (!parsed.ok) throw new Error(parsed.en);
    const hits = platformRuleHits(parsed.rules, ctx({ signals: ['NEAR_DE_MINIMIS'], text: '미러급 bag' }));
    expect(hits.map((h) => h.code)).toEqual(['NEAR_DE_MINIMIS', 'KW_REPLICA', 'RT_TH', 'VK_TEA', 'WL']);
    for (const h of hits) expect(h.ref).toBe('risk-rules:v1');
    expect(hits.find((h) => h.code === 'VK_TEA')!.en).toContain('USD 2.0/kg');
    expect(platformRuleHits(parsed.rules, ctx({ shipFrom: 'US', valuePerKgUsd: 50, parties: [] })).map((h) => h.code)).toEqual([]);
  });

  it('a watch-list entry with validUntil applies to declarations up to that date, not after', () => {
    const parsed = parsePlatformRuleSet({ ...base, watchlists: [{ code: 'WL_UNTIL', ko: '감시', en: 'watched', role: 'seller', keys: ['Bad Seller'], weight: 0.5, validUntil: '2026-11-30' }] });
    if (!parsed.ok) throw new Error(parsed.en);
    const codes = (declaredAt: string) => platformRuleHits(parsed.rules, ctx({ declaredAt })).map((h) => h.code);
    expect(codes('2026-11-30')).toEqual(['WL_UNTIL']);
    expect(codes('2026-12-01')).toEqual([]);
    expect(parsePlatformRuleSet({ ...base, watchlists: [{ code: 'WL_BAD', role: 'seller', keys: ['x'], weight: 0.5, validUntil: '2026-02-30' }] })).toMatchObject({ ok: false, ko: expect.stringMatching(/validUntil/), en: expect.stringMatching(/validUntil/) });
  });
});

describe('profiles', () => {
  const counts = (over: Partial<ProfileCounts> = {}): ProfileCounts => ({
    role: 'seller',
    parcels: 500,
    withOrderData: 490,
    qualitySum: 450,
    held: 2,
    rejected: 0,
    inspected: 10,
    found: 0,
    inspectedDecayed: 10,
    foundDecayed: 0,
    decayedOn: '2026-01-01',
    ...over,
  });

  it('give the fast lane to an operator that sends order data and behaves well, with the reasons', () => {
    const a = assessProfile(counts(), '2026-01-01', DEFAULT_POLICY);
    expect(a.fastLane).toBe(true);
    expect(a.reasons.every((r) => r.met)).toBe(true);
    const noOrders = assessProfile(counts({ withOrderData: 100 }), '2026-01-01', DEFAULT_POLICY);
    expect(noOrders.fastLane).toBe(false);
    expect(noOrders.reasons.filter((r) => !r.met).map((r) => r.code)).toEqual(['FL_ORDER_DATA']);
    // A consignee meets every figure here and still gets no fast lane: its first reason says why.
    const consignee = assessProfile(counts({ role: 'consignee' }), '2026-01-01', DEFAULT_POLICY);
    expect(consignee.fastLane).toBe(false);
    expect(consignee.reasons.filter((r) => !r.met)).toEqual([expect.objectContaining({ code: 'FL_OPERATOR', en: 'the fast lane is for operators (platforms, sellers, forwarders, couriers, brokers), not for consignees' })]);
  });

  it('let compliance recover as finds age (half-life)', () => {
    const bad = counts({ inspected: 10, found: 5, inspectedDecayed: 10, foundDecayed: 5 });
    const now = assessProfile(bad, '2026-01-01', DEFAULT_POLICY).compliance;
    const later = assessProfile(bad, '2027-01-01', DEFAULT_POLICY).compliance;
    expect(now).toBeCloseTo((10 - 5 + 4.5) / 15, 10);
    expect(later).toBeGreaterThan(now);
    expect(later).toBeLessThan(0.9);
  });
});

describe('queue priority and policy', () => {
  it('combines weights as independent chances of a find (1 − Π(1 − w)), each clamped to [0, 0.999]', () => {
    expect(combineWeights([])).toBe(0); // 1 − 1
    expect(combineWeights([0.5, 0.5])).toBe(0.75); // 1 − 0.5 × 0.5
    expect(combineWeights([0.2, 0.5, 0])).toBeCloseTo(0.6, 12); // 1 − 0.8 × 0.5 × 1 = 1 − 0.4
    expect(combineWeights([1])).toBeCloseTo(0.999, 12); // clamped: 1 − (1 − 0.999)
    expect(combineWeights([-0.5, 0.3])).toBeCloseTo(0.3, 12); // −0.5 clamped to 0: 1 − 1 × 0.7
  });

  it('adds the safety value per expected find to the expected revenue', () => {
    expect(DEFAULT_POLICY.safetyValuePerFindKrw).toBe(500_000);
    // 100,000 + 500,000 × (1 − 0.5 × 1) = 100,000 + 250,000
    expect(queuePriority(0.5, 100_000, 0, DEFAULT_POLICY)).toBe(350_000);
    // no expected revenue: 500,000 × (1 − 0.5 × 0.5) = 500,000 × 0.75
    expect(queuePriority(0.5, null, 0.5, DEFAULT_POLICY)).toBe(375_000);
    expect(parsePolicy({ safetyValuePerFindKrw: 1, detectors: { weights: { PCCC_VOLUME: 0.9 } } })).toMatchObject({ safetyValuePerFindKrw: 1, detectors: { windowDays: 3, weights: { PCCC_VOLUME: 0.9, PCCC_MANY_NAMES: 0.3 } } });
  });
});

describe('rule dry run (officer QA 2026-12-03: "3003건 중 3003건 선별")', () => {
  const set = (over: Record<string, unknown> = {}) => {
    const r = parsePlatformRuleSet({
      version: 'v1',
      signals: [
        { signal: 'HS_FROM_CATEGORY', ko: '카테고리 추정', en: 'HS from category', weight: 0.03 },
        { signal: 'NEAR_DE_MINIMIS', ko: '면세 직전', en: 'near de minimis', weight: 0.12 },
        { signal: 'COMBINED', ko: '합산', en: 'combined', weight: 0.15 },
      ],
      keywords: [{ code: 'KW_LUXURY_BRAND', ko: '명품', en: 'luxury', terms: ['gucci'], weight: 0.2 }],
      ...over,
    });
    if (!r.ok) throw new Error(r.en);
    return r.rules;
  };
  // Four past parcels, every one with HS_FROM_CATEGORY (0.03), as every demo parcel:
  //   A: + NEAR_DE_MINIMIS + COMBINED  → 1 − 0.97 × 0.88 × 0.85 = 0.274 ≥ 0.2 selected; inspected, found bad
  //   B: + NEAR_DE_MINIMIS             → 1 − 0.97 × 0.88        = 0.146 < 0.2; inspected, clean
  //   C: + "gucci" (0.2)               → 1 − 0.97 × 0.80        = 0.224 ≥ 0.2 selected; not inspected
  //   D: HS_FROM_CATEGORY only         → 0.03; not inspected
  const parcels = [
    { context: ctx({ signals: ['HS_FROM_CATEGORY', 'NEAR_DE_MINIMIS', 'COMBINED'] }), found: true },
    { context: ctx({ signals: ['HS_FROM_CATEGORY', 'NEAR_DE_MINIMIS'] }), found: false },
    { context: ctx({ signals: ['HS_FROM_CATEGORY'], text: 'gucci bag' }), found: null },
    { context: ctx({ signals: ['HS_FROM_CATEGORY'] }), found: null },
  ];

  it('flags only the parcels whose rule score reaches the policy threshold (0.2), not every parcel a rule hits', () => {
    expect(DEFAULT_POLICY.selection.ruleScoreThreshold).toBe(0.2);
    const r = dryRunRules(set(), set(), parcels, 0.2);
    expect(r).toMatchObject({ declarations: 4, threshold: 0.2, flagged: 2, flaggedBefore: 2, inspected: 1, foundBad: 1 });
    const hs = r.rules.find((x) => x.code === 'HS_FROM_CATEGORY')!;
    expect(hs).toMatchObject({ hit: 4, flagged: 2, inspected: 1, foundBad: 1, newlyFlagged: 0 });
    expect(r.rules.find((x) => x.code === 'NEAR_DE_MINIMIS')).toMatchObject({ hit: 2, flagged: 1, inspected: 1, foundBad: 1 });
    // Nothing changed: no changed rules, no parcels hit by them.
    expect(r.changed).toEqual({ rules: [], parcels: 0, flagged: 0, inspected: 0, foundBad: 0 });
  });

  it('reports the parcels the changed rules hit: NEAR_DE_MINIMIS 0.12 → 0.2 now selects B (1 − 0.97 × 0.8 = 0.224), a clean one', () => {
    const draft = set({
      signals: [
        { signal: 'HS_FROM_CATEGORY', ko: '카테고리 추정', en: 'HS from category', weight: 0.03 },
        { signal: 'NEAR_DE_MINIMIS', ko: '면세 직전', en: 'near de minimis', weight: 0.2 },
        { signal: 'COMBINED', ko: '합산', en: 'combined', weight: 0.15 },
      ],
    });
    const r = dryRunRules(draft, set(), parcels, 0.2);
    expect(r).toMatchObject({ flagged: 3, flaggedBefore: 2, inspected: 2, foundBad: 1 });
    // A and B are hit by the edited rule: both selected now, both inspected, one found bad.
    expect(r.changed).toEqual({ rules: ['NEAR_DE_MINIMIS'], parcels: 2, flagged: 2, inspected: 2, foundBad: 1 });
    // The threshold is the policy's: at 0.35 none reaches it (A: 1 − 0.97 × 0.8 × 0.85 = 0.340).
    expect(dryRunRules(draft, set(), parcels, 0.35).flagged).toBe(0);
  });

  it('a removed rule counts as changed, with the parcels it hit under the published set', () => {
    const r = dryRunRules(set({ keywords: [] }), set(), parcels, 0.2);
    expect(r.changed).toEqual({ rules: ['KW_LUXURY_BRAND'], parcels: 1, flagged: 0, inspected: 0, foundBad: 0 });
    expect(r.flagged).toBe(1);
  });

  it('reads policy.selection from data/risk-rules.json over the default', () => {
    expect(parsePolicy({ selection: { ruleScoreThreshold: 0.35 } }).selection.ruleScoreThreshold).toBe(0.35);
    expect(parsePolicy({}).selection.ruleScoreThreshold).toBe(0.2);
  });
});

describe('several inspection results of one parcel: the latest supersedes the earlier ones in the counts', () => {
  it('five results (four finds, then clean) add up to one parcel inspected, not found, no revenue', () => {
    // Party before: inspected 9, found 3, undervalued 1, revenue 10,000원.
    const results = [
      { outcome: 'undervalued', revenueKrw: 45_000 },
      { outcome: 'undervalued', revenueKrw: 50_000 }, // corrected amount
      { outcome: 'misclassified', revenueKrw: 20_000 },
      { outcome: 'ip_infringement', revenueKrw: 0 },
      { outcome: 'clean', revenueKrw: 0 },
    ];
    const p = { inspected: 9, found: 3, undervalued: 1, revenueKrw: 10_000, outcomes: {} as Record<string, number> };
    let previous: (typeof results)[number] | null = null;
    const after: number[] = [];
    for (const r of results) {
      const d = inspectionDelta(previous, r);
      p.inspected += d.inspected;
      p.found += d.found;
      p.undervalued += d.undervalued;
      p.revenueKrw += d.revenueKrw;
      if (d.outcomeRemoved) p.outcomes[d.outcomeRemoved] = (p.outcomes[d.outcomeRemoved] ?? 0) - 1;
      p.outcomes[r.outcome] = (p.outcomes[r.outcome] ?? 0) + d.outcomeAdded;
      after.push(p.inspected);
      previous = r;
    }
    // 9 → 10 at the first result, then 10 (was 9 → 14: one per record).
    expect(after).toEqual([10, 10, 10, 10, 10]);
    // The latest says clean: found and revenue back where they were, one clean outcome.
    expect(p).toEqual({ inspected: 10, found: 3, undervalued: 1, revenueKrw: 10_000, outcomes: { undervalued: 0, misclassified: 0, ip_infringement: 0, clean: 1 } });
  });

  it('a correction with the same outcome changes only the revenue', () => {
    expect(inspectionDelta({ outcome: 'undervalued', revenueKrw: 45_000 }, { outcome: 'undervalued', revenueKrw: 50_000 })).toEqual({ inspected: 0, found: 0, undervalued: 0, revenueKrw: 5_000, outcomeAdded: 0, outcomeRemoved: null });
    expect(inspectionDelta(null, { outcome: 'prohibited', revenueKrw: 0 })).toEqual({ inspected: 1, found: 1, undervalued: 0, revenueKrw: 0, outcomeAdded: 1, outcomeRemoved: null });
  });
});

describe('the revenue ceiling (revenueCeilingKrw)', () => {
  let files: ReferenceFiles;
  let reference: Reference;
  beforeAll(async () => {
    files = await loadReferenceFiles(fileURLToPath(new URL('../../../data/', import.meta.url)));
    reference = compileReference(files);
  });
  const policy = DEFAULT_POLICY; // minDeclaredShare 0.15
  const nothingCollected = { collected: false, totalKrw: 0 };

  it("takes the highest duty rate, the VAT rate and the minimum collection from the reference data in force, not from the policy", () => {
    // Every basic rate of every version of data/tariff.json: the highest is green tea's 513.6 %.
    const rates: number[] = [];
    const walk = (x: unknown): void => {
      if (Array.isArray(x)) x.forEach(walk);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) k === 'basic' && typeof v === 'number' ? rates.push(v) : walk(v);
    };
    walk(JSON.parse(readFileSync(new URL('../../../data/tariff.json', import.meta.url), 'utf8')));
    expect(rates.length).toBeGreaterThan(100);
    expect(Math.max(...rates)).toBe(5.136);
    for (const v of files.tariff.versions) {
      const asOf = reference.asOf(v.effectiveFrom)!;
      expect(asOf.maxBasicDutyRate).toBe(Math.max(...[...asOf.tariff.values()].map((l) => l.basic)));
    }
    expect(revenueCeilingRatesOn(reference, '2026-12-03')).toEqual({ maxDutyRate: 5.136, vatRate: 0.1, minimumCollectionKrw: 10_000 });
    expect(revenueCeilingRatesOn(reference, '2026-12-03')!.vatRate).toBe(reference.asOf('2026-12-03')!.vat.rules.rate); // as assess.ts reads it
    // No reference data on the date: no rates, no bound.
    expect(revenueCeilingRatesOn(reference, '1990-01-01')).toBeNull();
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 30_000 }], deMinimis: { exempt: true }, taxes: nothingCollected }, policy, null)).toBeNull();
    // The policy keeps the modelling choice only.
    const file = parsePolicy(JSON.parse(readFileSync(new URL('../../../data/risk-rules.json', import.meta.url), 'utf8')).policy);
    expect(file.revenueCeiling).toEqual({ minDeclaredShare: 0.15 });
    expect(DEFAULT_POLICY.revenueCeiling).toEqual({ minDeclaredShare: 0.15 });
  });

  it('gives another bound under another VAT rate or tariff, each as of the declaration date (worked by hand)', () => {
    // Test versions from 2027: VAT at 12 % from 2027-01-01, and a tariff whose highest basic rate is 800 % from 2027-07-01.
    const vat = files.vat.versions.at(-1)!;
    const tariff = files.tariff.versions.at(-1)!;
    const changed = compileReference({
      ...files,
      vat: { ...files.vat, versions: [...files.vat.versions, { ...vat, version: 'vat-test-2027-01-01', effectiveFrom: '2027-01-01', records: { ...vat.records, rate: 0.12 } }] },
      tariff: { ...files.tariff, versions: [...files.tariff.versions, { ...tariff, version: 'tariff-test-2027-07-01', effectiveFrom: '2027-07-01', records: [...tariff.records, { hs: '0902109000', ko: '시험', en: 'test line', basic: 8, source: 'test' }] }] },
    });
    const at = (date: string) => revenueCeilingRatesOn(changed, date)!;
    expect(at('2026-12-31')).toEqual({ maxDutyRate: 5.136, vatRate: 0.1, minimumCollectionKrw: 10_000 });
    expect(at('2027-01-01')).toEqual({ maxDutyRate: 5.136, vatRate: 0.12, minimumCollectionKrw: 10_000 });
    expect(at('2027-07-01')).toEqual({ maxDutyRate: 8, vatRate: 0.12, minimumCollectionKrw: 10_000 });

    // Exempt, 30,000원 taxable at 8 %, nothing collected: the undervaluation bound only.
    //   10 %: 30,000 ÷ 0.15 = 200,000 × (0.08 + 0.10 × 1.08 = 0.188)  = 37,600원
    //   12 %: 200,000 × (0.08 + 0.12 × 1.08 = 0.2096)                 = 41,920원
    const exempt = { lines: [{ dutyRate: 0.08, taxableValueKrw: 30_000 }], deMinimis: { exempt: true }, taxes: nothingCollected };
    expect(revenueCeilingKrw(exempt, policy, at('2026-12-31'))).toBeCloseTo(200_000 * 0.188, 6);
    expect(revenueCeilingKrw(exempt, policy, at('2026-12-31'))).toBeCloseTo(37_600, 6);
    expect(revenueCeilingKrw(exempt, policy, at('2027-01-01'))).toBeCloseTo(41_920, 6);

    // Not exempt, 100,000원 taxable at 8 %, 18,800원 collected (8,000 duty + 10,800 VAT): the misclassification bound is the larger.
    //   513.6 %, 10 %: 100,000 × (5.136 + 0.10 × 6.136 = 5.7496) = 574,960 − 18,800 = 556,160원
    //     (undervaluation: 666,666.67 × 0.188 = 125,333.33 − 18,800 = 106,533.33원, smaller)
    //   513.6 %, 12 %: 100,000 × (5.136 + 0.12 × 6.136 = 5.87232) = 587,232 − 18,800 = 568,432원
    //   800 %,   12 %: 100,000 × (8 + 0.12 × 9 = 9.08)            = 908,000 − 18,800 = 889,200원
    const general = { lines: [{ dutyRate: 0.08, taxableValueKrw: 100_000 }], deMinimis: { exempt: false }, taxes: { collected: true, totalKrw: 18_800 } };
    expect(revenueCeilingKrw(general, policy, at('2026-12-31'))).toBeCloseTo(100_000 * (5.136 + 0.1 * 6.136) - 18_800, 6);
    expect(revenueCeilingKrw(general, policy, at('2026-12-31'))).toBeCloseTo(556_160, 6);
    expect(revenueCeilingKrw(general, policy, at('2027-01-01'))).toBeCloseTo(568_432, 6);
    expect(revenueCeilingKrw(general, policy, at('2027-07-01'))).toBeCloseTo(889_200, 6);
  });

  it('is 0 when the recomputed total is under the minimum collection, and subtracts only taxes collected (관세법 제40조, worked by hand)', () => {
    const rates = revenueCeilingRatesOn(reference, '2026-12-03')!; // 513.6 %, 10 %, KRW 10,000
    // Exempt, 7,500원 taxable at 8 %: 7,500 ÷ 0.15 = 50,000 × 0.188 = 9,400원 < 10,000: not collected, 0 (was 9,400원).
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 7_500 }], deMinimis: { exempt: true }, taxes: nothingCollected }, policy, rates)).toBe(0);
    // 8,000원: 8,000 ÷ 0.15 = 53,333.33 × 0.188 = 10,026.67원 ≥ 10,000: collected in full.
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 8_000 }], deMinimis: { exempt: true }, taxes: nothingCollected }, policy, rates)).toBeCloseTo((8_000 / 0.15) * 0.188, 6);
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 8_000 }], deMinimis: { exempt: true }, taxes: nothingCollected }, policy, rates)).toBeCloseTo(10_026.67, 2);
    // Not exempt, 1,500원 taxable at 0 %, 150원 VAT assessed and not collected: misclassified,
    // 1,500 × 5.7496 = 8,624.40원; undervalued, 1,500 ÷ 0.15 = 10,000 × 0.10 = 1,000원: both under 10,000, 0.
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0, taxableValueKrw: 1_500 }], deMinimis: { exempt: false }, taxes: { collected: false, totalKrw: 150 } }, policy, rates)).toBe(0);
    // Not exempt, 40,000원 taxable at 8 %, 7,520원 assessed (3,200 duty + 4,320 VAT) under the minimum, so
    // not collected: 40,000 × 5.7496 = 229,984원 recovered in full, nothing subtracted (not 229,984 − 7,520).
    expect(revenueCeilingKrw({ lines: [{ dutyRate: 0.08, taxableValueKrw: 40_000 }], deMinimis: { exempt: false }, taxes: { collected: false, totalKrw: 7_520 } }, policy, rates)).toBeCloseTo(229_984, 6);
    // Two lines, each bound under 10,000, the parcel's over it: the minimum is per parcel, 5,000 + 5,000 taxable
    // at 8 % (exempt): 10,000 ÷ 0.15 = 66,666.67 × 0.188 = 12,533.33원.
    const two = { lines: [{ dutyRate: 0.08, taxableValueKrw: 5_000 }, { dutyRate: 0.08, taxableValueKrw: 5_000 }], deMinimis: { exempt: true }, taxes: nothingCollected };
    expect(revenueCeilingKrw(two, policy, rates)).toBeCloseTo(12_533.33, 2);
    // Under another minimum (a reference at KRW 20,000), the same parcel recovers nothing.
    expect(revenueCeilingKrw(two, policy, { ...rates, minimumCollectionKrw: 20_000 })).toBe(0);
  });

  it('loads an older policy that still carries maxDutyRate and vatRate, ignoring them and naming them', () => {
    const old = { safetyValuePerFindKrw: 500_000, revenueCeiling: { minDeclaredShare: 0.2, maxDutyRate: 5.136, vatRate: 0.1 } };
    expect(parsePolicy(old).revenueCeiling).toEqual({ minDeclaredShare: 0.2 });
    expect(deprecatedPolicyKeys(old)).toEqual(['revenueCeiling.maxDutyRate', 'revenueCeiling.vatRate']);
    expect(deprecatedPolicyKeys(JSON.parse(readFileSync(new URL('../../../data/risk-rules.json', import.meta.url), 'utf8')).policy)).toEqual([]);
    expect(deprecatedPolicyKeys(undefined)).toEqual([]);
  });
});
