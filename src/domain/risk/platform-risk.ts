// The platform side of risk management, pure: party keys of a declaration, the data quality of
// a parcel, the policy figures (data/risk-rules.json "policy"), officer-editable rules beyond
// keywords and signals (routes, value per kg by HS heading, party watch-lists), the compliance
// score with time decay, the fast-lane decision with its reasons, the queue priority, and the
// reconciliation of operators' order data with declarations. No I/O, no clock: "today" is passed in.
import type { DryRun, DryRunRule } from '../api-views.ts';
import { dayNumber, rateWeekStart } from '../dates.ts';
import { formatKrw, formatMoney, roundToMinorUnits } from '../money.ts';
import type { Declaration } from '../declaration-schema.ts';
import type { Reference, ReferenceAsOf } from '../reference/compile-reference.ts';
import { declarationIds, norm, type DeclarationIds, type RiskAssessment } from './features.ts';
import { substitutedItems, substitutionReason } from './order-match.ts';
import { parseRuleSet, ruleHits, type KeywordMemo, type KeywordRule, type RiskRuleSet, type RuleSetResult, type SignalRule } from './rules.ts';

export const PARTY_ROLES = ['platform', 'seller', 'forwarder', 'courier', 'broker', 'consignee'] as const;
export type ProfileRole = (typeof PARTY_ROLES)[number];

export interface Reason {
  code: string;
  ko: string;
  en: string;
  ref: string;
}

/** The keys under which a declaration's parties are profiled (plus the delivery address, for detectors). */
export function partyKeysOf(d: Declaration, ids: DeclarationIds = declarationIds(d)): { role: ProfileRole | 'address'; key: string; name: string | null }[] {
  const p = d.parties ?? {};
  const out: { role: ProfileRole | 'address'; key: string; name: string | null }[] = [];
  const add = (role: ProfileRole | 'address', key: string, name: string | null) => {
    if (key) out.push({ role, key, name });
  };
  add('platform', ids.platform, p.platform?.name ?? null);
  add('seller', ids.seller, p.seller?.name ?? null);
  add('forwarder', ids.forwarder, p.forwarder?.name ?? null);
  add('courier', ids.courier, p.courier?.name ?? null);
  add('broker', ids.broker, p.broker?.name ?? null);
  add('consignee', ids.consignee, d.consignee.name);
  add('address', addressKey(d), null);
  return out;
}

export function addressKey(d: Declaration): string {
  return `${d.consignee.postcode.trim()}|${d.consignee.address.toLowerCase().replace(/[\s,.\-#]+/g, '')}`;
}

export const normName = (s: string) => norm(s);
export const phoneDigits = (s: string) => s.replace(/\D/g, '');

/** What the data quality of a parcel reads (also passed to SQL by the operator scorecard, so both count alike). */
export const QUALITY = { incompleteDescriptionSignal: 'DESCRIPTION_INCOMPLETE', minHsDigits: 6 } as const;

/** Share of a parcel's data quality that its order data makes (one of the four parts below). */
export const ORDER_DATA_QUALITY = 1 / 4;

/**
 * Data quality of one parcel in [0, 1]: informative description, HS code declared (6+ digits), order
 * data, consumer consent. Order data: the order number with the amount paid, in the declaration or
 * in an order posted for it (POST /api/v1/orders, matched by order no. and buyer PCCC) — the two ways
 * KCS asks e-commerce businesses to give it.
 */
export function declarationQuality(d: Declaration, a: RiskAssessment, orderPosted = false): { score: number; orderData: boolean } {
  const descriptive = !a.signals.includes(QUALITY.incompleteDescriptionSignal);
  const hs = d.items.length > 0 && d.items.every((i) => (i.hsCode ?? '').replace(/\D/g, '').length >= QUALITY.minHsDigits);
  const orderData = Boolean(d.order.orderNo && (d.order.amountPaid !== undefined || orderPosted));
  const consent = Boolean(d.consent?.token);
  return { score: ((descriptive ? 1 : 0) + (hs ? 1 : 0) + (orderData ? 1 : 0) + (consent ? 1 : 0)) / 4, orderData };
}

// ---------------------------------------------------------------------------------------------
// Policy figures

export interface RiskPolicy {
  /** KRW-equivalent value of finding prohibited or IP-infringing goods, added per expected find. */
  safetyValuePerFindKrw: number;
  complianceHalfLifeDays: number;
  fastLane: { minParcels: number; minOrderDataShare: number; minQuality: number; minCompliance: number; minInspected: number; maxRejectionRate: number; maxHoldRate: number };
  detectors: {
    windowDays: number;
    maxNamesPerPccc: number;
    maxPhonesPerPccc: number;
    maxPostcodesPerPccc: number;
    selfUseParcels30d: number;
    maxConsigneesPerAddress: number;
    resaleSameGoods90d: number;
    splitNearShare: number;
    weights: Record<string, number>;
  };
  orders: { undervaluationTolerance: number; noDeclarationAfterDays: number };
  /** Risk exchange with partner administrations: the weight a proposed watch-list entry starts with, how long a seizure report is watched, and how far ahead our notices may run. */
  exchange: { watchlistWeight: number; seizureValidDays: number; noticeMaxValidDays: number };
  /** A parcel is selected by the rules when its rule score (1 − Π(1 − weight)) reaches ruleScoreThreshold (the dry run's "flagged"). */
  selection: { ruleScoreThreshold: number };
  /**
   * The most an inspection of a parcel can recover (revenueCeilingKrw): duty and VAT on its
   * declared taxable value ÷ minDeclaredShare (the deepest undervaluation the model is trained to
   * find: declared at 15 % of the real price), or at the tariff's highest rate (a misclassification)
   * when not exempt, less the taxes already collected. Only the modelling choice lives here: the
   * legal figures (highest duty rate, VAT rate, minimum collection) are the reference data's
   * (RevenueCeilingRates).
   */
  revenueCeiling: { minDeclaredShare: number };
}

export const DEFAULT_POLICY: RiskPolicy = {
  safetyValuePerFindKrw: 500_000,
  complianceHalfLifeDays: 180,
  fastLane: { minParcels: 100, minOrderDataShare: 0.9, minQuality: 0.75, minCompliance: 0.9, minInspected: 3, maxRejectionRate: 0.01, maxHoldRate: 0.05 },
  detectors: {
    windowDays: 3,
    maxNamesPerPccc: 2,
    maxPhonesPerPccc: 2,
    maxPostcodesPerPccc: 3,
    selfUseParcels30d: 10,
    maxConsigneesPerAddress: 4,
    resaleSameGoods90d: 5,
    splitNearShare: 0.8,
    weights: { PCCC_MANY_NAMES: 0.3, PCCC_MANY_PHONES: 0.2, PCCC_MANY_POSTCODES: 0.15, PCCC_VOLUME: 0.2, ADDRESS_MANY_CONSIGNEES: 0.2, PCCC_RESALE: 0.2, SPLIT_ACROSS_CHANNELS: 0.3, ORDER_UNDERVALUED: 0.5, ORDER_ITEM_SUBSTITUTED: 0.4 },
  },
  orders: { undervaluationTolerance: 0.05, noDeclarationAfterDays: 14 },
  exchange: { watchlistWeight: 0.3, seizureValidDays: 180, noticeMaxValidDays: 365 },
  selection: { ruleScoreThreshold: 0.2 },
  revenueCeiling: { minDeclaredShare: 0.15 },
};

/**
 * Keys of the "policy" block that older files carry and that are read no more: the figures come from
 * the reference data in force (revenueCeilingRatesOf). Ignored by parsePolicy; the loader names them.
 */
export const DEPRECATED_POLICY_KEYS: Readonly<Record<string, string>> = {
  'revenueCeiling.maxDutyRate': "the highest basic rate of the tariff in force on the declaration's date (data/tariff.json)",
  'revenueCeiling.vatRate': "the VAT rate in force on the declaration's date (data/vat.json)",
};

/** The deprecated keys (DEPRECATED_POLICY_KEYS) a "policy" block still carries, as paths. */
export function deprecatedPolicyKeys(value: unknown): string[] {
  const ceiling = (value as { revenueCeiling?: Record<string, unknown> } | null | undefined)?.revenueCeiling;
  if (!ceiling || typeof ceiling !== 'object') return [];
  return Object.keys(DEPRECATED_POLICY_KEYS).filter((path) => path.split('.')[1]! in ceiling);
}

/** Reads the "policy" block of data/risk-rules.json over the defaults (unknown and deprecated keys ignored). */
export function parsePolicy(value: unknown): RiskPolicy {
  const v = (value ?? {}) as Partial<RiskPolicy>;
  return {
    safetyValuePerFindKrw: typeof v.safetyValuePerFindKrw === 'number' ? v.safetyValuePerFindKrw : DEFAULT_POLICY.safetyValuePerFindKrw,
    complianceHalfLifeDays: typeof v.complianceHalfLifeDays === 'number' ? v.complianceHalfLifeDays : DEFAULT_POLICY.complianceHalfLifeDays,
    fastLane: { ...DEFAULT_POLICY.fastLane, ...(v.fastLane ?? {}) },
    detectors: { ...DEFAULT_POLICY.detectors, ...(v.detectors ?? {}), weights: { ...DEFAULT_POLICY.detectors.weights, ...(v.detectors?.weights ?? {}) } },
    orders: { ...DEFAULT_POLICY.orders, ...(v.orders ?? {}) },
    exchange: { ...DEFAULT_POLICY.exchange, ...(v.exchange ?? {}) },
    selection: { ...DEFAULT_POLICY.selection, ...(v.selection ?? {}) },
    // minDeclaredShare only: maxDutyRate and vatRate of older files are ignored (DEPRECATED_POLICY_KEYS).
    revenueCeiling: { minDeclaredShare: typeof v.revenueCeiling?.minDeclaredShare === 'number' ? v.revenueCeiling.minDeclaredShare : DEFAULT_POLICY.revenueCeiling.minDeclaredShare },
  };
}

// ---------------------------------------------------------------------------------------------
// Officer-editable rules: the rule set of rules.ts plus routes, value per kg and watch-lists

export interface RouteRule {
  code: string;
  ko: string;
  en: string;
  /** Ship-from countries (ISO alpha-2); empty = any. */
  shipFrom: string[];
  /** Origin countries of any item; empty = any. */
  origin: string[];
  weight: number;
}

export interface ValuePerKgRule {
  code: string;
  ko: string;
  en: string;
  /** HS heading (4 digits) or chapter (2 digits) of any line. */
  hs: string;
  minUsdPerKg?: number;
  maxUsdPerKg?: number;
  weight: number;
}

export interface WatchlistRule {
  code: string;
  ko: string;
  en: string;
  role: ProfileRole;
  keys: string[];
  weight: number;
  /** The last declaration date the entry applies to (YYYY-MM-DD); none: until removed. A partner's notice carries one. */
  validUntil?: string;
}

export interface PlatformRuleSet extends RiskRuleSet {
  routes: RouteRule[];
  valuePerKg: ValuePerKgRule[];
  watchlists: WatchlistRule[];
}

/** Why a rule set was refused, in Korean and English, as parseRuleSet says it (the HTTP error and the CLI give both or the one asked for). */
export type PlatformRuleSetResult = { ok: true; rules: PlatformRuleSet } | Extract<RuleSetResult, { ok: false }>;

const invalid = (ko: string, en: string) => ({ ok: false, code: 'RULE_SET_INVALID', ko, en }) as const;

const weightOk = (w: unknown) => typeof w === 'number' && w >= 0 && w < 1;
const strings = (x: unknown) => Array.isArray(x) && x.every((s) => typeof s === 'string');

export function parsePlatformRuleSet(value: unknown): PlatformRuleSetResult {
  const base = parseRuleSet(value);
  if (!base.ok) return base;
  const v = value as Partial<PlatformRuleSet>;
  const routes = v.routes ?? [];
  const valuePerKg = v.valuePerKg ?? [];
  const watchlists = v.watchlists ?? [];
  if (!Array.isArray(routes) || !Array.isArray(valuePerKg) || !Array.isArray(watchlists)) return invalid('routes, valuePerKg, watchlists는 배열이어야 합니다', 'routes, valuePerKg and watchlists must be arrays');
  const codes = new Set<string>();
  for (const r of [...base.rules.keywords, ...routes, ...valuePerKg, ...watchlists] as { code: string }[]) {
    if (codes.has(r.code)) return invalid(`같은 규칙 코드가 두 번 쓰였습니다: ${r.code}`, `rule code ${r.code} is used twice`);
    codes.add(r.code);
  }
  for (const k of base.rules.keywords) if (k.terms.length === 0 || k.terms.some((t) => typeof t !== 'string' || t.trim() === '')) return invalid(`키워드 규칙 ${k.code}: terms는 비어 있지 않은 문자열이어야 합니다`, `keyword rule ${k.code}: terms must be non-empty strings`);
  for (const r of routes) if (!r || typeof r.code !== 'string' || !strings(r.shipFrom ?? []) || !strings(r.origin ?? []) || !weightOk(r.weight)) return invalid(`경로 규칙 ${JSON.stringify(r?.code)}: code, shipFrom[], origin[]와 [0, 1) 범위의 weight가 필요합니다`, `route rule ${JSON.stringify(r?.code)}: needs code, shipFrom[], origin[] and a weight in [0, 1)`);
  for (const r of valuePerKg)
    if (!r || typeof r.code !== 'string' || typeof r.hs !== 'string' || !/^\d{2}(\d{2})?$/.test(r.hs) || !weightOk(r.weight) || (r.minUsdPerKg === undefined && r.maxUsdPerKg === undefined))
      return invalid(
        `kg당 가격 규칙 ${JSON.stringify(r?.code)}: code, hs(2자리 또는 4자리), minUsdPerKg 또는 maxUsdPerKg와 [0, 1) 범위의 weight가 필요합니다`,
        `value-per-kg rule ${JSON.stringify(r?.code)}: needs code, hs (2 or 4 digits), minUsdPerKg or maxUsdPerKg and a weight in [0, 1)`,
      );
  for (const r of watchlists)
    if (!r || typeof r.code !== 'string' || !(PARTY_ROLES as readonly string[]).includes(r.role) || !strings(r.keys) || !weightOk(r.weight) || (r.validUntil !== undefined && dayNumber(r.validUntil) === null))
      return invalid(
        `감시 대상 ${JSON.stringify(r?.code)}: code, role(${PARTY_ROLES.join('/')}), keys[], [0, 1) 범위의 weight가 필요하고, validUntil은 있으면 YYYY-MM-DD 형식이어야 합니다`,
        `watch-list ${JSON.stringify(r?.code)}: needs code, role (${PARTY_ROLES.join('/')}), keys[], a weight in [0, 1) and, if any, validUntil as YYYY-MM-DD`,
      );
  const t = <T extends { code: string; ko?: string; en?: string }>(r: T) => ({ ...r, ko: r.ko ?? r.code, en: r.en ?? r.code });
  return {
    ok: true,
    rules: {
      ...base.rules,
      routes: routes.map((r) => t({ ...r, shipFrom: (r.shipFrom ?? []).map((s) => s.toUpperCase()), origin: (r.origin ?? []).map((s) => s.toUpperCase()) })),
      valuePerKg: valuePerKg.map(t),
      watchlists: watchlists.map((r) => t({ ...r, keys: r.keys.map((k) => (r.role === 'consignee' ? k.trim().toUpperCase() : norm(k))) })),
    },
  };
}

export interface RuleContext {
  /** The declaration's date: a watch-list entry past its validUntil does not apply. */
  declaredAt: string;
  signals: readonly string[];
  text: string;
  shipFrom: string;
  origins: string[];
  hsCodes: string[];
  valuePerKgUsd: number | null;
  parties: { role: string; key: string }[];
}

export function ruleContext(d: Declaration, a: RiskAssessment, parties: RuleContext['parties'] = partyKeysOf(d)): RuleContext {
  return {
    declaredAt: d.declaredAt,
    signals: a.signals,
    text: d.items.map((i) => `${i.description} ${i.brand ?? ''}`).join(' | '),
    shipFrom: d.shipment.shipFrom.toUpperCase(),
    origins: d.items.map((i) => (i.originCountry ?? '').toUpperCase()).filter(Boolean),
    hsCodes: a.lines.map((l) => l.hsCode),
    valuePerKgUsd: a.goodsValueUsd !== null && d.shipment.grossWeightKg > 0 ? a.goodsValueUsd / d.shipment.grossWeightKg : null,
    parties,
  };
}

export interface PlatformRuleHit extends Reason {
  weight: number;
}

/** `memo`: keyword hits by text for this rule set (ruleHits), kept by a caller scoring a batch. */
export function platformRuleHits(rules: PlatformRuleSet, c: RuleContext, memo?: KeywordMemo): PlatformRuleHit[] {
  const ref = `risk-rules:${rules.version}`;
  const hits: PlatformRuleHit[] = ruleHits(rules, c.signals, c.text, memo).map((h) => ({ code: h.code, ko: h.ko, en: h.en, weight: h.weight, ref }));
  for (const r of rules.routes)
    if ((r.shipFrom.length === 0 || r.shipFrom.includes(c.shipFrom)) && (r.origin.length === 0 || c.origins.some((o) => r.origin.includes(o)))) hits.push({ code: r.code, ko: r.ko, en: r.en, weight: r.weight, ref });
  for (const r of rules.valuePerKg) {
    if (c.valuePerKgUsd === null || !c.hsCodes.some((h) => h.startsWith(r.hs))) continue;
    const low = r.minUsdPerKg !== undefined && c.valuePerKgUsd < r.minUsdPerKg;
    const high = r.maxUsdPerKg !== undefined && c.valuePerKgUsd > r.maxUsdPerKg;
    if (low || high) hits.push({ code: r.code, ko: `${r.ko} (kg당 USD ${c.valuePerKgUsd.toFixed(1)})`, en: `${r.en} (USD ${c.valuePerKgUsd.toFixed(1)}/kg)`, weight: r.weight, ref });
  }
  for (const r of rules.watchlists) {
    if (r.validUntil !== undefined && c.declaredAt > r.validUntil) continue;
    const p = c.parties.find((x) => x.role === r.role && r.keys.includes(x.key));
    if (p) hits.push({ code: r.code, ko: `${r.ko} (${p.key})`, en: `${r.en} (${p.key})`, weight: r.weight, ref });
  }
  return hits;
}

export function combineWeights(weights: readonly number[]): number {
  let keep = 1;
  for (const w of weights) keep *= 1 - Math.min(0.999, Math.max(0, w));
  return 1 - keep;
}

/** Every rule of a set, flat (for the dry run's per-rule counts). */
export function ruleCodes(rules: PlatformRuleSet): { code: string; ko: string; en: string }[] {
  const all: { code: string; ko: string; en: string }[] = [
    ...rules.signals.map((s: SignalRule) => ({ code: s.signal, ko: s.ko, en: s.en })),
    ...rules.keywords.map((k: KeywordRule) => ({ code: k.code, ko: k.ko, en: k.en })),
    ...rules.routes,
    ...rules.valuePerKg,
    ...rules.watchlists,
  ];
  return all.map(({ code, ko, en }) => ({ code, ko, en }));
}

/** Each rule's definition by code (signals by their signal), to tell a draft's new, edited and removed rules. */
function ruleDefinitions(rules: PlatformRuleSet): Map<string, string> {
  return new Map<string, string>([
    ...rules.signals.map((r: SignalRule): [string, string] => [r.signal, JSON.stringify(r)]),
    ...[...rules.keywords, ...rules.routes, ...rules.valuePerKg, ...rules.watchlists].map((r: { code: string }): [string, string] => [r.code, JSON.stringify(r)]),
  ]);
}

/** One past parcel of a dry run: its rule context and its latest inspection (null: never inspected; true: found bad). */
export interface DryRunParcel {
  context: RuleContext;
  found: boolean | null;
}

/**
 * A draft applied to past parcels. "Flagged" = selected: the parcel's rule score under the draft
 * (combineWeights of its hits) reaches policy.selection.ruleScoreThreshold — one weak rule hit is
 * not a selection (HS_FROM_CATEGORY, 0.03, hits nearly every parcel). Per rule: `hit` = parcels it
 * hits, `flagged` = of those, selected; inspected and foundBad = of the flagged. `changed` = the
 * parcels hit by the rules the draft adds or edits (as drafted) or edits or removes (as published).
 */
export function dryRunRules(draft: PlatformRuleSet, published: PlatformRuleSet | null, parcels: readonly DryRunParcel[], threshold: number): Omit<DryRun, 'draftId' | 'against'> {
  const per = new Map<string, DryRunRule>(ruleCodes(draft).map((r) => [r.code, { ...r, hit: 0, flagged: 0, inspected: 0, foundBad: 0, newlyFlagged: 0 }]));
  const now = ruleDefinitions(draft);
  const before = published ? ruleDefinitions(published) : new Map<string, string>();
  const changedCodes = new Set([...now].filter(([code, def]) => before.get(code) !== def).map(([code]) => code));
  for (const code of before.keys()) if (!now.has(code)) changedCodes.add(code);
  const changed = { rules: [...changedCodes].sort(), parcels: 0, flagged: 0, inspected: 0, foundBad: 0 };
  let flagged = 0;
  let flaggedBefore = 0;
  let inspected = 0;
  let foundBad = 0;
  for (const p of parcels) {
    const hits = platformRuleHits(draft, p.context);
    const old = published ? platformRuleHits(published, p.context) : [];
    const selected = hits.length > 0 && combineWeights(hits.map((h) => h.weight)) >= threshold;
    if (old.length > 0 && combineWeights(old.map((h) => h.weight)) >= threshold) flaggedBefore++;
    if (selected) {
      flagged++;
      if (p.found !== null) inspected++;
      if (p.found) foundBad++;
    }
    if (hits.some((h) => changedCodes.has(h.code)) || old.some((h) => changedCodes.has(h.code))) {
      changed.parcels++;
      if (selected) changed.flagged++;
      if (p.found !== null) changed.inspected++;
      if (p.found) changed.foundBad++;
    }
    const oldCodes = new Set(old.map((h) => h.code));
    for (const h of hits) {
      const r = per.get(h.code);
      if (!r) continue;
      r.hit++;
      if (!oldCodes.has(h.code)) r.newlyFlagged++;
      if (!selected) continue;
      r.flagged++;
      if (p.found !== null) r.inspected++;
      if (p.found) r.foundBad++;
    }
  }
  return { declarations: parcels.length, threshold, flagged, flaggedBefore, inspected, foundBad, changed, rules: [...per.values()] };
}

// ---------------------------------------------------------------------------------------------
// Profiles: decay, compliance, fast lane

export const decayFactor = (days: number, halfLifeDays: number) => (days <= 0 ? 1 : 0.5 ** (days / halfLifeDays));

/**
 * Compliance is smoothed towards COMPLIANCE_PRIOR with the weight of COMPLIANCE_PRIOR_WEIGHT
 * inspections: (clean + 0.9 × 5) / (inspected + 5), so that one or two inspections cannot make it 0%
 * or 100%; the more inspections, the nearer it comes to the raw share clean.
 */
export const COMPLIANCE_PRIOR = 0.9;
export const COMPLIANCE_PRIOR_WEIGHT = 5;

export interface ProfileCounts {
  role: string;
  parcels: number;
  withOrderData: number;
  qualitySum: number;
  held: number;
  rejected: number;
  inspected: number;
  found: number;
  inspectedDecayed: number;
  foundDecayed: number;
  decayedOn: string | null;
}

export interface ProfileAssessment {
  holdRate: number;
  rejectionRate: number;
  findRate: number | null;
  dataQuality: number;
  orderDataShare: number;
  /** In [0, 1]: share of recent inspections that were clean, decayed with time, smoothed towards 0.9 with the weight of 5 inspections. */
  compliance: number;
  fastLane: boolean;
  reasons: (Reason & { met: boolean })[];
}

export function assessProfile(p: ProfileCounts, today: string, policy: RiskPolicy): ProfileAssessment {
  const days = p.decayedOn ? (dayNumber(today) ?? 0) - (dayNumber(p.decayedOn) ?? 0) : 0;
  const f = decayFactor(days, policy.complianceHalfLifeDays);
  const inspD = p.inspectedDecayed * f;
  const foundD = p.foundDecayed * f;
  const compliance = (inspD - foundD + COMPLIANCE_PRIOR * COMPLIANCE_PRIOR_WEIGHT) / (inspD + COMPLIANCE_PRIOR_WEIGHT);
  const n = Math.max(1, p.parcels);
  const a = { holdRate: p.held / n, rejectionRate: p.rejected / n, dataQuality: p.qualitySum / n, orderDataShare: p.withOrderData / n };
  const fl = policy.fastLane;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const ref = 'risk-rules:policy.fastLane';
  const reasons: (Reason & { met: boolean })[] = [
    { code: 'FL_VOLUME', met: p.parcels >= fl.minParcels, ko: `처리 실적 ${p.parcels}건 (기준 ${fl.minParcels}건 이상)`, en: `${p.parcels} parcels (needs ≥ ${fl.minParcels})`, ref },
    { code: 'FL_ORDER_DATA', met: a.orderDataShare >= fl.minOrderDataShare, ko: `주문정보 제공 ${pct(a.orderDataShare)} (기준 ${pct(fl.minOrderDataShare)} 이상)`, en: `order data sent for ${pct(a.orderDataShare)} (needs ≥ ${pct(fl.minOrderDataShare)})`, ref },
    { code: 'FL_DATA_QUALITY', met: a.dataQuality >= fl.minQuality, ko: `신고 정보 품질 ${pct(a.dataQuality)} (기준 ${pct(fl.minQuality)} 이상)`, en: `data quality ${pct(a.dataQuality)} (needs ≥ ${pct(fl.minQuality)})`, ref },
    { code: 'FL_INSPECTED', met: p.inspected >= fl.minInspected, ko: `검사 실적 ${p.inspected}건 (기준 ${fl.minInspected}건 이상)`, en: `${p.inspected} inspections (needs ≥ ${fl.minInspected})`, ref },
    { code: 'FL_COMPLIANCE', met: compliance >= fl.minCompliance, ko: `성실도 ${pct(compliance)} (기준 ${pct(fl.minCompliance)} 이상)`, en: `compliance ${pct(compliance)} (needs ≥ ${pct(fl.minCompliance)})`, ref },
    { code: 'FL_REJECTIONS', met: a.rejectionRate <= fl.maxRejectionRate, ko: `불허율 ${pct(a.rejectionRate)} (기준 ${pct(fl.maxRejectionRate)} 이하)`, en: `rejection rate ${pct(a.rejectionRate)} (needs ≤ ${pct(fl.maxRejectionRate)})`, ref },
    { code: 'FL_HOLDS', met: a.holdRate <= fl.maxHoldRate, ko: `보류율 ${pct(a.holdRate)} (기준 ${pct(fl.maxHoldRate)} 이하)`, en: `hold rate ${pct(a.holdRate)} (needs ≤ ${pct(fl.maxHoldRate)})`, ref },
  ];
  // A consignee (a consumer) is never fast-laned, and the reasons say so: all met and 'no' beside them read as a fault.
  if (p.role === 'consignee')
    reasons.unshift({ code: 'FL_OPERATOR', met: false, ko: '신속통관은 업체(플랫폼·판매자·배송대행·특송·관세사)에만 적용되며 수하인(소비자)은 대상이 아닙니다', en: 'the fast lane is for operators (platforms, sellers, forwarders, couriers, brokers), not for consignees', ref });
  return { ...a, findRate: p.inspected > 0 ? p.found / p.inspected : null, compliance, fastLane: reasons.every((r) => r.met), reasons };
}

// ---------------------------------------------------------------------------------------------
// The queue

/**
 * The legal figures of revenueCeilingKrw, from the reference data in force on the declaration's date,
 * as the engine reads them (assess.ts): the highest basic duty rate of the tariff (a misclassification
 * can reach it), the VAT rate (부가가치세법 제30조) and the minimum collection (관세법 제40조).
 */
export interface RevenueCeilingRates {
  maxDutyRate: number;
  vatRate: number;
  minimumCollectionKrw: number;
}

const ratesOfAsOf = new WeakMap<ReferenceAsOf, RevenueCeilingRates>();

export function revenueCeilingRatesOf(asOf: ReferenceAsOf): RevenueCeilingRates {
  let r = ratesOfAsOf.get(asOf);
  if (!r) ratesOfAsOf.set(asOf, (r = { maxDutyRate: asOf.maxBasicDutyRate, vatRate: asOf.vat.rules.rate, minimumCollectionKrw: asOf.thresholds.minimumCollectionKrw }));
  return r;
}

/** The rates in force on a declaration's date (YYYY-MM-DD); null when the reference has no data on it. */
export function revenueCeilingRatesOn(reference: Pick<Reference, 'asOf'>, declaredAt: string): RevenueCeilingRates | null {
  const asOf = reference.asOf(declaredAt);
  return asOf ? revenueCeilingRatesOf(asOf) : null;
}

/**
 * The most tax an inspection of this parcel can recover, in KRW, the larger of what the two frauds
 * that recover tax can hide:
 * - its value: duty and VAT on its declared taxable value (goods and freight, per line at the
 *   line's duty rate) scaled up to the real price of the deepest undervaluation the model is trained
 *   to find (÷ minDeclaredShare), de minimis not applied (a split or a resale ends the exemption);
 * - its goods: duty and VAT on its declared taxable value at the highest duty rate of the tariff
 *   (rates.maxDutyRate), for a parcel not exempt under the de minimis — a misclassification leaves
 *   the value, and so the exemption, as they are.
 * What an inspection recovers is what would be collected beyond what is collected already
 * (관세법 제40조, 징수금액의 최저한; 시행령 제37조: under KRW 10,000, rates.minimumCollectionKrw):
 *   recovered = 0                                  when the recomputed total < the minimum,
 *             = recomputed total − taxes collected otherwise (never below 0),
 * the minimum tested on the parcel's total, as the engine does (taxes.ts). Taxes assessed under the
 * minimum were not collected, so nothing is subtracted: assessed 8,000원 (not collected), recomputed
 * 12,000원 → 12,000원 recovered, not 4,000원; recomputed 9,500원 → 0. The recomputed total is not
 * truncated to the tax unit, and a shortfall under the minimum on a total above it is kept (whether
 * its notice is collected is not modelled): an upper bound errs high.
 * Per parcel, as the revenue an inspection recovers is (docs/risk-model.md, Synthetic history:
 * value × (duty + VAT on value + duty)); the revenue booster's E[revenue | illicit] is learned
 * over all parcels and not tied to this one's value, and never goes past it (a booster leaf of
 * rare, expensive headings gave an unseen heading's USD 8 night light 548,127원 if found).
 * Null when there are no lines, a line has no taxable value, or there are no rates (no reference
 * data on the declaration's date): no bound.
 */
export function revenueCeilingKrw(
  assessment: { lines: readonly { dutyRate: number; taxableValueKrw?: number }[]; deMinimis: { exempt?: boolean }; taxes: { collected: boolean; totalKrw: number } | null },
  policy: RiskPolicy,
  rates: RevenueCeilingRates | null,
): number | null {
  if (!rates || assessment.lines.length === 0) return null;
  const { minDeclaredShare } = policy.revenueCeiling;
  const { maxDutyRate, vatRate, minimumCollectionKrw } = rates;
  let value = 0;
  let goods = 0;
  for (const l of assessment.lines) {
    if (typeof l.taxableValueKrw !== 'number' || !Number.isFinite(l.taxableValueKrw)) return null;
    value += (l.taxableValueKrw / minDeclaredShare) * (l.dutyRate + vatRate * (1 + l.dutyRate));
    goods += l.taxableValueKrw * (maxDutyRate + vatRate * (1 + maxDutyRate));
  }
  const collected = assessment.taxes?.collected ? assessment.taxes.totalKrw : 0;
  const recovered = (total: number) => (total < minimumCollectionKrw ? 0 : total - collected);
  return Math.max(0, recovered(value), assessment.deMinimis.exempt === true ? 0 : recovered(goods));
}

/** Expected value of inspecting a parcel in KRW: revenue expected + the safety value per expected find. */
export function queuePriority(score: number, expectedRevenueKrw: number | null, ruleScore: number, policy: RiskPolicy): number {
  const p = combineWeights([score, ruleScore]);
  return (expectedRevenueKrw ?? 0) + policy.safetyValuePerFindKrw * p;
}

export const INSPECTION_OUTCOMES = ['clean', 'undervalued', 'misclassified', 'prohibited', 'ip_infringement', 'pccc_misuse'] as const;
/**
 * Why a parcel was inspected: selected from the work queue (the model's and the rules' ranking), a
 * random sample (what selection misses), an audit sample (a post-clearance review of an operator),
 * or other (a tip, an officer's own judgement). Only the queue's inspections measure the selection's
 * precision; the random sample estimates what it misses.
 */
export const INSPECTION_SELECTIONS = ['queue', 'random', 'audit', 'other'] as const;
export type InspectionSelection = (typeof INSPECTION_SELECTIONS)[number];
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];
export const isFind = (o: InspectionOutcome) => o !== 'clean';

/**
 * What a new inspection result changes in a party's counts. Rule: the latest result of a parcel
 * supersedes its earlier ones for every count (profiles, selection performance, dry run, training
 * export), the earlier ones stay as history — as a customs administration counts inspected parcels,
 * not reports (a re-inspection or a corrected result is one parcel inspected, with its final
 * outcome). First result: +1 inspected, its find, outcome and revenue. Later result: the previous
 * one's find, outcome and revenue are replaced by the new one's; inspected does not change.
 */
export function inspectionDelta(previous: { outcome: string; revenueKrw: number } | null, next: { outcome: string; revenueKrw: number }): { inspected: number; found: number; undervalued: number; revenueKrw: number; outcomeAdded: number; outcomeRemoved: string | null } {
  const f = (o: string) => (o === 'clean' ? 0 : 1);
  const u = (o: string) => (o === 'undervalued' ? 1 : 0);
  if (!previous) return { inspected: 1, found: f(next.outcome), undervalued: u(next.outcome), revenueKrw: next.revenueKrw, outcomeAdded: 1, outcomeRemoved: null };
  const same = previous.outcome === next.outcome;
  return {
    inspected: 0,
    found: f(next.outcome) - f(previous.outcome),
    undervalued: u(next.outcome) - u(previous.outcome),
    revenueKrw: next.revenueKrw - previous.revenueKrw,
    outcomeAdded: same ? 0 : 1,
    outcomeRemoved: same ? null : previous.outcome,
  };
}

// ---------------------------------------------------------------------------------------------
// Order data reconciliation

export interface OrderData {
  orderNo: string;
  platform: string;
  seller?: string | undefined;
  buyerPccc: string;
  currency: string;
  amountPaid: number;
  orderedAt?: string | undefined;
  items: { description: string; quantity: number; price: number; hsCode?: string | undefined }[];
}

/**
 * "USD 1,234.50", "JPY 12,000", "KWD 12.340": the code, thousands grouped, rounded to and written with the
 * currency's minor units as the engine's reasons write money (formatMoney). `minorUnits`: the shared source,
 * the reference's (data/currencies.json, ISO 4217 exponent), so an order's amounts and a reason's cannot disagree.
 */
export function orderMoney(currency: string, amount: number, minorUnits: (currency: string) => number): string {
  const code = currency.toUpperCase();
  const units = minorUnits(code);
  return `${code} ${formatMoney(roundToMinorUnits(amount, units), units)}`;
}

/**
 * KRW per one unit of each currency at the customs rates of the week `date` falls in (관세법 제18조, the
 * week the engine valued the declaration in); null for a currency the week has no rate for.
 */
export function krwPerUnitOn(reference: Pick<Reference, 'fxWeek' | 'fxUnits'>, date: string): (currency: string) => number | null {
  const week = rateWeekStart(date);
  const fx = week === null ? undefined : reference.fxWeek(week);
  return (currency) => {
    const c = currency.toUpperCase();
    if (c === 'KRW') return 1;
    const rate = fx?.rates[c];
    return rate === undefined ? null : rate / reference.fxUnits(c);
  };
}

/**
 * `minorUnits`: the currencies' minor units (Reference.minorUnits), for the amounts the reasons state.
 * `krwPerUnit` (krwPerUnitOn the declaration's date): an order paid in another currency than the
 * declaration's (won at a Korean platform, dollars declared) is compared in won; without it, or
 * without a rate, it is not compared.
 */
export function reconcileOrder(order: OrderData, d: Declaration, policy: RiskPolicy, minorUnits: (currency: string) => number, krwPerUnit?: (currency: string) => number | null): PlatformRuleHit[] {
  const hits: PlatformRuleHit[] = [];
  const ref = `order:${order.orderNo}`;
  const w = policy.detectors.weights;
  const declared = d.items.reduce((s, i) => s + i.price * i.quantity - (i.discount ?? 0), 0);
  const undervalued = (ko: string, en: string) => hits.push({ code: 'ORDER_UNDERVALUED', ko, en, weight: w.ORDER_UNDERVALUED ?? 0.5, ref });
  if (order.currency.toUpperCase() === d.order.currency.toUpperCase()) {
    // Both amounts as money in the order's currency (USD 33.86, not "78 USD보다 낮게 신고(33.86)").
    const money = (x: number) => orderMoney(order.currency, x, minorUnits);
    if (declared < order.amountPaid * (1 - policy.orders.undervaluationTolerance))
      undervalued(`신고가격 ${money(declared)}: 주문 결제금액 ${money(order.amountPaid)}보다 낮음`, `declared ${money(declared)}, below the ${money(order.amountPaid)} paid on the order`);
  } else if (krwPerUnit) {
    const [declaredRate, paidRate] = [krwPerUnit(d.order.currency), krwPerUnit(order.currency)];
    if (declaredRate !== null && paidRate !== null) {
      const [declaredKrw, paidKrw] = [Math.round(declared * declaredRate), Math.round(order.amountPaid * paidRate)];
      // Each amount in its own currency, with its won at the customs rate unless it is in won.
      const side = (currency: string, amount: number, krw: number) => {
        const money = orderMoney(currency, amount, minorUnits);
        return currency.toUpperCase() === 'KRW' ? { ko: money, en: money } : { ko: `${money}(과세환율 환산 ${formatKrw(krw)}원)`, en: `${money} (KRW ${formatKrw(krw)} at the customs rate)` };
      };
      if (declaredKrw < paidKrw * (1 - policy.orders.undervaluationTolerance)) {
        const [a, b] = [side(d.order.currency, declared, declaredKrw), side(order.currency, order.amountPaid, paidKrw)];
        undervalued(`신고가격 ${a.ko}: 주문 결제금액 ${b.ko}보다 낮음`, `declared ${a.en}, below the ${b.en} paid on the order`);
      }
    }
  }
  // Substitution: an ordered line that no declared line may be (order-match.ts: accessories, HS
  // heading/subheading, descriptions), or fewer units declared than ordered.
  const substituted = substitutedItems(order.items, d.items);
  const orderedQty = order.items.reduce((s, i) => s + i.quantity, 0);
  const declaredQty = d.items.reduce((s, i) => s + i.quantity, 0);
  const qty = orderedQty > declaredQty ? { ko: `주문 수량 ${orderedQty}개, 신고 수량 ${declaredQty}개`, en: `${orderedQty} units ordered, ${declaredQty} declared` } : null;
  const goods = substituted[0] ? substitutionReason(substituted[0], substituted.length - 1) : null;
  if (goods || qty)
    hits.push({
      code: 'ORDER_ITEM_SUBSTITUTED',
      ko: [goods?.ko, qty?.ko].filter(Boolean).join('; '),
      en: [goods?.en, qty?.en].filter(Boolean).join('; '),
      weight: w.ORDER_ITEM_SUBSTITUTED ?? 0.4,
      ref,
    });
  return hits;
}
