import { describe, expect, it } from 'vitest';
import { assessProfile, combineWeights, DEFAULT_POLICY, parsePlatformRuleSet, parsePolicy, platformRuleHits, queuePriority, type ProfileCounts, type RuleContext } from './platform-risk.ts';

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
    expect(assessProfile(counts({ role: 'consignee' }), '2026-01-01', DEFAULT_POLICY).fastLane).toBe(false);
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
  it('adds the safety value per expected find to the expected revenue', () => {
    expect(queuePriority(0.5, 100_000, 0, DEFAULT_POLICY)).toBe(100_000 + 0.5 * DEFAULT_POLICY.safetyValuePerFindKrw);
    expect(queuePriority(0.5, null, 0.5, DEFAULT_POLICY)).toBe(combineWeights([0.5, 0.5]) * DEFAULT_POLICY.safetyValuePerFindKrw);
    expect(parsePolicy({ safetyValuePerFindKrw: 1, detectors: { weights: { PCCC_VOLUME: 0.9 } } })).toMatchObject({ safetyValuePerFindKrw: 1, detectors: { windowDays: 3, weights: { PCCC_VOLUME: 0.9, PCCC_MANY_NAMES: 0.3 } } });
  });
});
