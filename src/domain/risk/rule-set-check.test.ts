// An officer's edit of a rule set is refused naming the rule, the field and its value; rules that
// could never hit, or would hit every parcel, are refused rather than published.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ruleSetProblem } from './rule-set-check.ts';
import { parsePlatformRuleSet } from './platform-risk.ts';

const base = {
  version: 'v1',
  signals: [{ signal: 'NEAR_DE_MINIMIS', ko: '면세한도 직전', en: 'near the de minimis', weight: 0.1 }],
  keywords: [{ code: 'KW_WEAPONS', ko: '무기류', en: 'weapons', terms: ['전기충격기', 'stun gun'], weight: 0.5 }],
  routes: [{ code: 'RT_CN', ko: '중국발', en: 'from China', shipFrom: ['CN'], origin: [], weight: 0.05 }],
  valuePerKg: [{ code: 'VPK_9405', ko: '조명 저가', en: 'cheap lighting', hs: '9405', minUsdPerKg: 30, weight: 0.25 }],
  watchlists: [
    { code: 'WL_SELLER', ko: '감시 판매자', en: 'watched seller', role: 'seller', keys: ['Li-Ning Official'], weight: 0.3 },
    { code: 'WL_PCCC', ko: '감시 수하인', en: 'watched consignee', role: 'consignee', keys: ['p123456789012'], weight: 0.3, validUntil: '2027-01-31' },
  ],
};
type Rules = typeof base;
const edit = (f: (r: Rules) => void): unknown => {
  const r = structuredClone(base);
  f(r);
  return r;
};

describe('ruleSetProblem', () => {
  it('passes a good set of every kind, and the shipped rules', () => {
    expect(ruleSetProblem(base)).toBeNull();
    expect(parsePlatformRuleSet(base).ok).toBe(true);
    const shipped = JSON.parse(readFileSync(new URL('../../../data/risk-rules.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const { policy, dataset, source, effectiveFrom, ...rules } = shipped; // as the start publishes it (load-risk-files.ts)
    void [policy, dataset, source, effectiveFrom];
    expect(ruleSetProblem(rules)).toBeNull();
  });

  it('names the rule, the field (its JSON path) and the value', () => {
    const cases: [unknown, string, RegExp, RegExp][] = [
      [edit((r) => (r.keywords[0]!.weight = 1.5)), 'keywords[0].weight', /^키워드 규칙 "KW_WEAPONS": weight — 0 이상 1 미만의 숫자여야 합니다: 1\.5$/, /^keyword rule "KW_WEAPONS": weight — must be a number in \[0, 1\): 1\.5$/],
      [edit((r) => (r.keywords[0]!.terms = ['taser', ' '])), 'keywords[0].terms', /용어는 비어 있지 않은/, /a term must be a non-empty string: " "$/],
      [edit((r) => (r.routes[0]!.shipFrom = ['China'])), 'routes[0].shipFrom', /ISO 두 글자 코드.*"China"$/, /^route rule "RT_CN": shipFrom — a country must be an ISO two-letter code \(e\.g\. CN\): "China"$/],
      [edit((r) => (r.routes[0]!.shipFrom = [])), 'routes[0].shipFrom', /모든 신고에 걸립니다/, /hits every parcel/],
      [edit((r) => ((r.valuePerKg[0] as Record<string, unknown>).minUsdPerKg = 'abc')), 'valuePerKg[0].minUsdPerKg', /0 이상의 숫자/, /^value-per-kg rule "VPK_9405": minUsdPerKg — must be a number ≥ 0 \(USD per kg\): "abc"$/],
      [edit((r) => Object.assign(r.valuePerKg[0]!, { maxUsdPerKg: 10 })), 'valuePerKg[0].maxUsdPerKg', /minUsdPerKg\(30\)보다 커야/, /must be above minUsdPerKg \(30\), or the rule hits every parcel/],
      [edit((r) => (r.valuePerKg[0]!.hs = '94051')), 'valuePerKg[0].hs', /"94051"$/, /HS chapter \(2 digits\) or heading \(4 digits\): "94051"$/],
      [edit((r) => (r.watchlists[0]!.role = 'shop')), 'watchlists[0].role', /"shop"$/, /^watch-list "WL_SELLER": role — must be one of platform, seller, forwarder, courier, broker, consignee: "shop"$/],
      [edit((r) => (r.watchlists[0]!.keys = [])), 'watchlists[0].keys', /비어 있지 않은 배열/, /must be a non-empty array/],
      [edit((r) => (r.watchlists[1]!.keys = ['김민지'])), 'watchlists[1].keys', /개인통관고유부호/, /watched by PCCC .*"김민지"$/],
      [edit((r) => (r.watchlists[1]!.validUntil = '2027-02-30')), 'watchlists[1].validUntil', /YYYY-MM-DD/, /"2027-02-30"$/],
      [edit((r) => (r.signals[0]!.signal = 'NEAR_DEMINIMIS')), 'signals[0].signal', /엔진이 내지 않는 신호/, /not a signal the engine raises: "NEAR_DEMINIMIS"/],
      [edit((r) => ((r.keywords[0] as Record<string, unknown>).ko = { text: '무기' })), 'keywords[0].ko', /비어 있지 않은 문자열/, /if given, a non-empty string/],
      [edit((r) => ((r.routes[0] as Record<string, unknown>).shipfrom = ['CN'])), 'routes[0].shipfrom', /알 수 없는 항목/, /^route rule "RT_CN": shipfrom — unknown field/],
      [edit((r) => ((r as Record<string, unknown>).valuePerKG = [])), 'valuePerKG', /알 수 없는 항목 "valuePerKG"/, /unknown field "valuePerKG"/],
      [edit((r) => ((r as Record<string, unknown>).policy = { selection: { ruleScoreThreshold: 0.5 } })), 'policy', /data\/risk-rules\.json/, /data\/risk-rules\.json/],
      [edit((r) => ((r as Record<string, unknown>).keywords = 'KW')), 'keywords', /배열/, /keywords must be an array/],
      [edit((r) => (r.keywords[0]!.code = '')), 'keywords[0].code', /키워드 규칙 1번째: code/, /^keyword rule #1: code — must be a non-empty string: ""$/],
    ];
    for (const [rules, path, ko, en] of cases) {
      const p = ruleSetProblem(rules);
      expect(p, JSON.stringify(rules)).not.toBeNull();
      expect(p!.path).toBe(path);
      expect(p!.ko).toMatch(ko);
      expect(p!.en).toMatch(en);
    }
  });

  it('refuses what the shape check lets by and scoring would never or always hit', () => {
    // The shape check alone accepts these: the rule is stored and silently does nothing, or selects every parcel.
    for (const r of [
      edit((x) => (x.routes[0]!.shipFrom = ['China'])),
      edit((x) => Object.assign(x.valuePerKg[0]!, { minUsdPerKg: 50, maxUsdPerKg: 10 })),
      edit((x) => (x.watchlists[0]!.keys = [])),
      edit((x) => (x.signals[0]!.signal = 'NEAR_DEMINIMIS')),
    ]) {
      expect(parsePlatformRuleSet(r).ok).toBe(true);
      expect(ruleSetProblem(r)).not.toBeNull();
    }
  });
});
