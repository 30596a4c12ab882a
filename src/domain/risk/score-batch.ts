// Scoring a batch of stored declarations for the platform, pure. The caller loads the party
// history the batch needs from the profile tables (PCCC identities, seller/forwarder outcomes,
// price statistics, the consignees' recent parcels) into a PartyBook; declarations are taken
// in id order, each snapshot taken before the declaration is recorded in the book — the same
// numbers as snapshotParties over the full history. Detector facts (SQL-backed, loaded by the
// caller) and order data become rule hits next to the officers' rules. The result carries
// everything the caller writes back: scores, party keys, profile deltas, identities, price stats.
import { dayNumber } from '../dates.ts';
import type { Declaration } from '../declaration-schema.ts';
import { sellerKeyOf } from '../assess.ts';
import type { Reference } from '../reference/compile-reference.ts';
import { categoricalValue, compileRiskModel, contributionsOfEncoded, encodeFeatureRow, numericValue, scoreEncoded, type CompiledModel } from './compiled-model.ts';
import { explainContributions, explainRow, type RiskFactor } from './explain-score.ts';
import { declarationIds, priceFacts, recordDeclaration, RISK_CATEGORICAL_FEATURES, RISK_NUMERIC_FEATURES, riskFeatures, snapshotParties, type DescriptionMemo, type PartyBook, type PartySnapshot, type RiskAssessment } from './features.ts';
import { expectedRevenue, scoreRows, type RiskModel } from './model.ts';
import {
  combineWeights,
  declarationQuality,
  krwPerUnitOn,
  ORDER_DATA_QUALITY,
  partyKeysOf,
  platformRuleHits,
  queuePriority,
  reconcileOrder,
  revenueCeilingKrw,
  revenueCeilingRatesOn,
  ruleContext,
  type OrderData,
  type PlatformRuleHit,
  type PlatformRuleSet,
  type RiskPolicy,
} from './platform-risk.ts';
import type { KeywordMemo } from './rules.ts';
import { rowsToData } from './score-declarations.ts';

export interface BatchInput {
  id: number;
  declaration: Declaration;
  assessment: RiskAssessment;
  /** The document's version (written with the score). */
  version?: number;
  /**
   * Rescoring: the feature row of its last score, when that score was of this same version of
   * the document. Its history features (the party snapshot as it was before the declaration)
   * are kept; without it the history is taken as it stands, leaving the declaration itself out.
   */
  previous?: Record<string, number | string | null>;
  /**
   * Rescoring: whether the parties' profiles count this parcel as one with order data
   * (risk_parcels.order_data); a rescoring that finds otherwise (an order posted since) corrects
   * them. Absent: the parcel was never recorded, there is nothing to correct.
   */
  orderDataCounted?: boolean;
}

/** What the detectors need beyond the book, loaded by SQL for the batch's consignees and addresses. */
export interface DetectorFacts {
  /** Distinct consignees (PCCC) per address key, before the batch. */
  addressConsignees: Map<string, Set<string>>;
  /**
   * The days (dayNumber) of the parcels per `${pccc}|${hs6}` from 90 days before the batch's earliest
   * parcel, before the batch: each parcel counts those of its own 90 days up to its day (a rescoring's
   * facts hold later parcels too).
   */
  sameGoods90d: Map<string, number[]>;
  /** Earlier parcels of the batch's consignees within the window (for split shipments across channels). */
  nearby: { id: number; pccc: string; sellerKey: string | null; day: number; valueUsd: number; thresholdUsd: number | null; channel: string }[];
  /** Order data by `${orderNo}|${pccc}`. */
  orders: Map<string, OrderData>;
}

export interface ScoredRow {
  id: number;
  /** The version of the document scored (BatchInput.version). */
  declarationVersion: number | null;
  score: number;
  expectedRevenueKrw: number | null;
  ruleScore: number;
  priority: number;
  factors: RiskFactor[];
  ruleHits: PlatformRuleHit[];
  features: Record<string, number | string | null>;
  /** The feature row as stored with the score (storeFeatures). */
  storedFeatures: string;
  parties: { role: string; key: string; name: string | null }[];
  /** What the detectors read back for later parcels (risk_parcels). */
  parcel: ParcelFacts;
}

export interface ParcelFacts {
  pccc: string;
  declaredOn: string;
  valueUsd: number;
  thresholdUsd: number | null;
  sellerKey: string | null;
  channel: string;
  hs6: string;
  addressKey: string;
  /** Whether its parties' profiles count it as a parcel with order data (declarationQuality). */
  orderData: boolean;
}

export interface ProfileDelta {
  role: string;
  key: string;
  name: string | null;
  parcels: number;
  valueUsd: number;
  firstSeen: string;
  lastSeen: string;
  withOrderData: number;
  qualitySum: number;
}

export interface BatchResult {
  rows: ScoredRow[];
  profiles: ProfileDelta[];
  /** The batch's PCCC identities (name, phone, postcode), each with the earliest day declared. */
  identities: { pccc: string; name: string; phone: string; postcode: string; firstSeen: string }[];
  /** Statistics of this batch's log unit prices only, to merge into price_stats (Chan's formula). */
  prices: { key: string; n: number; mean: number; m2: number }[];
  /**
   * Earlier parcels a first scoring found split from (SPLIT_ACROSS_CHANNELS), in id order: each was scored
   * before its partner existed, so it carries no such hit until it is scored again (the detector is symmetric).
   */
  splitPartners: number[];
}

const channelOf = (d: Declaration) => `${d.shipment.mode}|${(d.parties?.courier?.code ?? d.parties?.courier?.name ?? '').toUpperCase()}|${(d.parties?.platform?.name ?? '').toUpperCase()}`;
export { channelOf };

function hs6(a: RiskAssessment): string {
  return (a.lines[0]?.hsCode ?? '').slice(0, 6);
}

type Nearby = DetectorFacts['nearby'][number];

function indexNearby(facts: DetectorFacts): Map<string, Nearby[]> {
  const m = new Map<string, Nearby[]>();
  for (const o of facts.nearby) addNearby(m, o);
  return m;
}

function addNearby(m: Map<string, Nearby[]>, o: Nearby): void {
  const list = m.get(o.pccc);
  if (list) list.push(o);
  else m.set(o.pccc, [o]);
}

/** Keys of one declaration that the detectors, the batch's own facts and its parcel row all use (computed once). */
interface DeclarationKeys {
  pccc: string;
  addressKey: string | undefined;
  hs6: string;
  /** `${pccc}|${hs6}`, the key of DetectorFacts.sameGoods90d. */
  goodsKey: string;
  sellerKey: string | null;
  channel: string;
  day: number;
}

function keysOf(d: Declaration, a: RiskAssessment, parties: readonly { role: string; key: string }[], pccc: string): DeclarationKeys {
  const h = hs6(a);
  return { pccc, addressKey: parties.find((p) => p.role === 'address')?.key, hs6: h, goodsKey: `${pccc}|${h}`, sellerKey: sellerKeyOf(d), channel: channelOf(d), day: dayNumber(d.declaredAt) ?? 0 };
}

/** A parcel as the split-shipment detector compares it (DetectorFacts.nearby). */
export type SplitParcel = DetectorFacts['nearby'][number];

const nearDeMinimis = (v: number, th: number | null, t: RiskPolicy['detectors']) => th !== null && th > 0 && v < th && v >= t.splitNearShare * th;

/**
 * Whether `o` is split from `self`: another parcel of the same consignee (PCCC) from the same seller,
 * declared within windowDays, through another channel (mode, courier, platform), both just under
 * their de minimis. The detector counts them; the officer's view of the hit names them.
 */
export function isSplitPartner(self: SplitParcel, o: SplitParcel, t: RiskPolicy['detectors']): boolean {
  return (
    o.id !== self.id &&
    o.pccc === self.pccc &&
    self.sellerKey !== null &&
    o.sellerKey === self.sellerKey &&
    Math.abs(o.day - self.day) <= t.windowDays &&
    o.channel !== self.channel &&
    nearDeMinimis(self.valueUsd, self.thresholdUsd, t) &&
    nearDeMinimis(o.valueUsd, o.thresholdUsd, t)
  );
}

/** Adds the detectors' hits to `hits`. */
function detectorHits(
  hits: PlatformRuleHit[],
  d: Declaration,
  a: RiskAssessment,
  id: number,
  snap: PartySnapshot,
  facts: DetectorFacts,
  nearby: Map<string, Nearby[]>,
  keys: DeclarationKeys,
  order: OrderData | undefined,
  policy: RiskPolicy,
  reference: Pick<Reference, 'minorUnits' | 'fxWeek' | 'fxUnits'>,
  splitPartners: Set<number> | null,
): PlatformRuleHit[] {
  const t = policy.detectors;
  const w = t.weights;
  const ref = 'risk-rules:policy.detectors';
  const add = (code: string, ko: string, en: string) => hits.push({ code, ko, en, weight: w[code] ?? 0.1, ref });
  if (snap.consigneeNames > t.maxNamesPerPccc) add('PCCC_MANY_NAMES', `개인통관고유부호 하나에 이름 ${snap.consigneeNames}개 사용`, `${snap.consigneeNames} names used with one PCCC`);
  if (snap.consigneePhones > t.maxPhonesPerPccc) add('PCCC_MANY_PHONES', `개인통관고유부호 하나에 전화번호 ${snap.consigneePhones}개 사용`, `${snap.consigneePhones} phone numbers used with one PCCC`);
  if (snap.consigneePostcodes > t.maxPostcodesPerPccc) add('PCCC_MANY_POSTCODES', `개인통관고유부호 하나에 우편번호 ${snap.consigneePostcodes}개 사용`, `${snap.consigneePostcodes} postcodes used with one PCCC`);
  const parcels30 = snap.consigneeParcels30d + 1;
  // Flagged from the policy's figure on: the text says so ("기준 10건" read as within a norm of 10).
  if (parcels30 >= t.selfUseParcels30d)
    add('PCCC_VOLUME', `30일간 ${parcels30}건 수입(${t.selfUseParcels30d}건 이상이면 자가사용 초과 의심)`, `${parcels30} parcels in 30 days (${t.selfUseParcels30d} or more suggests more than self use)`);
  const { pccc, addressKey: addr, hs6: goods } = keys;
  const atAddress = addr ? facts.addressConsignees.get(addr) : undefined;
  const consignees = atAddress ? atAddress.size + (atAddress.has(pccc) ? 0 : 1) : 1;
  if (consignees > t.maxConsigneesPerAddress) add('ADDRESS_MANY_CONSIGNEES', `한 주소에 수하인 ${consignees}명`, `${consignees} consignees at one address`);
  let same = 1;
  for (const day of facts.sameGoods90d.get(keys.goodsKey) ?? []) if (day >= keys.day - 90 && day <= keys.day) same++;
  if (goods && same >= t.resaleSameGoods90d) add('PCCC_RESALE', `같은 물품(HS ${goods}) 90일간 ${same}회 수입(판매 목적 의심)`, `same goods (HS ${goods}) ${same} times in 90 days (possible resale)`);
  const threshold = a.deMinimis.thresholdUsd;
  const value = a.goodsValueUsd ?? 0;
  const self: SplitParcel = { id, pccc, sellerKey: keys.sellerKey, day: keys.day, channel: keys.channel, valueUsd: value, thresholdUsd: threshold };
  if (nearDeMinimis(value, threshold, t)) {
    const split = (nearby.get(pccc) ?? []).filter((o) => isSplitPartner(self, o, t));
    if (split.length > 0) {
      add(
        'SPLIT_ACROSS_CHANNELS',
        `같은 수하인·판매자의 면세한도 직전 물품이 ${t.windowDays}일 내 다른 경로로 ${split.length + 1}건(분할 반입 의심)`,
        `${split.length + 1} parcels just under the de minimis from one seller to one consignee within ${t.windowDays} days via different channels (possible split shipment)`,
      );
      if (splitPartners) for (const o of split) splitPartners.add(o.id);
    }
  }
  if (order) for (const h of reconcileOrder(order, d, policy, reference.minorUnits, krwPerUnitOn(reference, d.declaredAt))) hits.push(h);
  return hits;
}

/**
 * `reference`: the compiled reference data, whose version in force on each declaration's date gives
 * the legal figures of its revenue ceiling (highest duty rate, VAT rate, minimum collection), and whose
 * currencies' minor units write the order data's amounts (reconcileOrder) and whose customs rates compare an
 * order paid in another currency than the declaration's.
 * `explainAbove`: parcels whose model score reaches it get their factors now; the others are
 * explained when an officer opens them (explainStoredFeatures, from the stored feature row) —
 * most parcels are never opened. GBDT models are scored through their compiled form
 * (compiled-model.ts), the others column-wise; both give the same numbers.
 * `record: false` (rescoring declarations already recorded): an input with `previous` keeps its
 * history features, the others take the book as it stands without themselves; nothing is
 * recorded (no identity, price or party deltas), but for the order data its parties' profiles
 * count (orderDataCounted): an order posted after the parcel was recorded gives them credit.
 */
export function scoreBatch(
  model: RiskModel,
  rules: PlatformRuleSet,
  policy: RiskPolicy,
  reference: Pick<Reference, 'asOf' | 'minorUnits' | 'fxWeek' | 'fxUnits'>,
  book: PartyBook,
  inputs: readonly BatchInput[],
  facts: DetectorFacts,
  options: { topFactors?: number; explainAbove?: number; record?: boolean } = {},
): BatchResult {
  const topFactors = options.topFactors ?? 5;
  const explainAbove = options.explainAbove ?? 0;
  const record = options.record ?? true;
  const compiled = compileRiskModel(model);
  const sorted = [...inputs].sort((a, b) => a.id - b.id);
  const featureRows: Record<string, number | string>[] = [];
  const modelScores: { score: number; expectedRevenue: number | null; factors: RiskFactor[] }[] = [];
  const partiesOf: ReturnType<typeof partyKeysOf>[] = [];
  // By role, then key: no composite key string per party and parcel.
  const profiles = new Map<string, Map<string, ProfileDelta>>();
  const identities = new Map<string, BatchResult['identities'][number]>();
  const prices = new Map<string, { n: number; mean: number; m2: number }>();
  const addPrice = (key: string, x: number) => {
    let s = prices.get(key);
    if (!s) prices.set(key, (s = { n: 0, mean: 0, m2: 0 }));
    s.n++;
    const delta = x - s.mean;
    s.mean += delta / s.n;
    s.m2 += delta * (x - s.mean);
  };
  const nearby = indexNearby(facts);
  // The same goods recur across a batch's parcels: their descriptions are read once.
  const descriptions: DescriptionMemo = new Map();
  const keywordHits: KeywordMemo = new Map();
  const hitsOf: PlatformRuleHit[][] = [];
  // Only first scorings: a rescoring that finds the partner again would queue it again, and it again.
  const splitPartners = record ? new Set<number>() : null;
  const parcels: ParcelFacts[] = [];
  const ceilings: (number | null)[] = [];
  const profileOf = (p: { role: string; key: string; name: string | null }, on: string): ProfileDelta => {
    let ofRole = profiles.get(p.role);
    if (!ofRole) profiles.set(p.role, (ofRole = new Map()));
    let cur = ofRole.get(p.key);
    if (!cur) ofRole.set(p.key, (cur = { role: p.role, key: p.key, name: p.name, parcels: 0, valueUsd: 0, firstSeen: on, lastSeen: on, withOrderData: 0, qualitySum: 0 }));
    if (on < cur.firstSeen) cur.firstSeen = on;
    if (on > cur.lastSeen) cur.lastSeen = on;
    if (p.name) cur.name = p.name;
    return cur;
  };
  for (const { id, declaration: d, assessment: a, previous: stored, orderDataCounted } of sorted) {
    const ids = declarationIds(d);
    const parties = partyKeysOf(d, ids);
    partiesOf.push(parties);
    const keys = keysOf(d, a, parties, ids.consignee);
    const order = d.order.orderNo && facts.orders.size > 0 ? facts.orders.get(`${d.order.orderNo}|${keys.pccc}`) : undefined;
    const q = declarationQuality(d, a, order !== undefined);
    parcels.push(parcelOf(d, a, keys, q.orderData));
    ceilings.push(revenueCeilingKrw(a, policy, revenueCeilingRatesOn(reference, d.declaredAt)));
    const pf = priceFacts(d, a);
    const previous = record ? undefined : stored;
    const snap = previous ? snapshotOfFeatures(previous) : snapshotParties(book, d, pf.priceKey, pf.brand, record ? undefined : id, ids);
    const row: Record<string, number | string> = riskFeatures(d, a, snap, pf, descriptions, ids);
    if (previous) for (const k of PRICE_HISTORY_FEATURES) row[k] = numberOf(previous[k]);
    row[model.spec.id] = String(id);
    featureRows.push(row);
    if (compiled) modelScores.push(scoreFeatures(compiled, row, explainAbove, topFactors));
    hitsOf.push(detectorHits(platformRuleHits(rules, ruleContext(d, a, parties), keywordHits), d, a, id, snap, facts, nearby, keys, order, policy, reference, splitPartners));
    if (!record) {
      // The order data it is counted with changed (mostly: an order posted after it was recorded).
      const change = orderDataCounted === undefined ? 0 : Number(q.orderData) - Number(orderDataCounted);
      if (change !== 0)
        for (const p of parties) {
          if (p.role === 'address') continue;
          const cur = profileOf(p, d.declaredAt);
          cur.withOrderData += change;
          cur.qualitySum += change * ORDER_DATA_QUALITY;
        }
      continue;
    }
    // Detectors of later parcels in the batch see this one.
    const { pccc, addressKey: addr, goodsKey: g } = keys;
    if (addr) {
      const set = facts.addressConsignees.get(addr) ?? new Set<string>();
      set.add(pccc);
      facts.addressConsignees.set(addr, set);
    }
    const goodsDays = facts.sameGoods90d.get(g);
    if (goodsDays) goodsDays.push(keys.day);
    else facts.sameGoods90d.set(g, [keys.day]);
    const near = { id, pccc, sellerKey: keys.sellerKey, day: keys.day, valueUsd: a.goodsValueUsd ?? 0, thresholdUsd: a.deMinimis.thresholdUsd, channel: keys.channel };
    facts.nearby.push(near);
    addNearby(nearby, near);
    recordDeclaration(book, d, a.goodsValueUsd ?? 0, pf, ids);
    if (pf.logUnitPrice !== null) {
      if (pf.priceKey) addPrice(pf.priceKey, pf.logUnitPrice);
      if (pf.brand) addPrice(`b:${pf.brand}`, pf.logUnitPrice);
    }
    for (const p of parties) {
      if (p.role === 'address') continue;
      const cur = profileOf(p, d.declaredAt);
      cur.parcels++;
      cur.valueUsd += a.goodsValueUsd ?? 0;
      if (q.orderData) cur.withOrderData++;
      cur.qualitySum += q.score;
    }
    const ident = { pccc, name: ids.name, phone: ids.phone, postcode: ids.postcode };
    const ik = `${ident.pccc}|${ident.name}|${ident.phone}|${ident.postcode}`;
    const ic = identities.get(ik);
    if (!ic) identities.set(ik, { ...ident, firstSeen: d.declaredAt });
    else if (d.declaredAt < ic.firstSeen) ic.firstSeen = d.declaredAt;
  }
  if (!compiled) modelScores.push(...scoreColumnwise(model, featureRows, explainAbove, topFactors));
  const rows: ScoredRow[] = sorted.map((input, i) => {
    const m = modelScores[i]!;
    const hits = hitsOf[i]!;
    const ruleScore = combineWeights(hits.map((h) => h.weight));
    // P(illicit) × E[revenue | illicit], the latter never above what the parcel can owe (revenueCeilingKrw).
    const ceiling = ceilings[i]!;
    const expectedRevenueKrw = m.expectedRevenue === null ? null : Math.round(ceiling === null ? m.expectedRevenue : Math.min(m.expectedRevenue, m.score * ceiling));
    return {
      id: input.id,
      declarationVersion: input.version ?? null,
      score: m.score,
      expectedRevenueKrw,
      ruleScore,
      priority: queuePriority(m.score, expectedRevenueKrw, ruleScore, policy),
      factors: m.factors,
      ruleHits: hits,
      // Non-finite numbers (missing values) are written as null by JSON.stringify.
      features: featureRows[i]!,
      storedFeatures: storeFeatures(featureRows[i]!, model.spec.id),
      parties: partiesOf[i]!,
      parcel: parcels[i]!,
    };
  });
  return {
    rows,
    // By role, then key (the order of the strings role \0 key before: no role is a prefix of another), and pccc|name|phone|postcode.
    profiles: [...profiles.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).flatMap((e) => byKey(e[1])),
    identities: byKey(identities),
    prices: [...prices.entries()].map(([key, s]) => ({ key, ...s })).sort((a, b) => (a.key < b.key ? -1 : 1)),
    splitPartners: splitPartners ? [...splitPartners].sort((a, b) => a - b) : [],
  };
}

/** A map's values in the order of its keys. */
const byKey = <T>(m: Map<string, T>): T[] => [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map((e) => e[1]);

const numberOf = (v: number | string | null | undefined) => (typeof v === 'number' ? v : Number.NaN);

/** The features computed from running price statistics (kept from the first scoring when the document is the same). */
const PRICE_HISTORY_FEATURES = ['unit price vs category', 'unit price vs brand'] as const;

/** The party snapshot a stored feature row was computed with (price statistics aside: their z-scores are copied). */
function snapshotOfFeatures(f: Record<string, number | string | null>): PartySnapshot {
  const n = (k: string) => numberOf(f[k]);
  return {
    consigneeParcels30d: n('consignee parcels 30d'),
    consigneeNames: n('consignee names'),
    consigneePhones: n('consignee phones'),
    consigneePostcodes: n('consignee postcodes'),
    consigneeParcelsSameDay: n('consignee parcels same day'),
    consigneeValue7dUsd: n('consignee value 7d usd'),
    consigneeDaysKnown: n('consignee days known'),
    sellerParcels: n('seller parcels'),
    sellerHitRate: n('seller hit rate'),
    sellerDaysKnown: n('seller days known'),
    forwarderHitRate: n('forwarder hit rate'),
    categoryLogPrice: null,
    brandLogPrice: null,
  };
}

function parcelOf(d: Declaration, a: RiskAssessment, keys: DeclarationKeys, orderData: boolean): ParcelFacts {
  return {
    pccc: keys.pccc,
    declaredOn: d.declaredAt,
    valueUsd: a.goodsValueUsd ?? 0,
    thresholdUsd: a.deMinimis.thresholdUsd,
    sellerKey: keys.sellerKey,
    channel: keys.channel,
    hs6: keys.hs6,
    addressKey: keys.addressKey ?? '',
    orderData,
  };
}

/**
 * The feature row as stored with a score: a JSON array [id column, id value, …the values of
 * STORED_FEATURE_COLUMNS in order] (missing numbers as null) — half the size of an object with
 * the names. parseStoredFeatures reads it back, and the objects written before.
 */
export const STORED_FEATURE_COLUMNS: readonly string[] = [...RISK_NUMERIC_FEATURES, ...RISK_CATEGORICAL_FEATURES, 'description', 'signals'];

export function storeFeatures(features: Record<string, number | string | null | undefined>, idColumn: string): string {
  const values: (number | string | null | undefined)[] = [idColumn, features[idColumn]];
  for (const c of STORED_FEATURE_COLUMNS) values.push(features[c] ?? null);
  return JSON.stringify(values);
}

export function parseStoredFeatures(text: string): Record<string, number | string | null> {
  const v = JSON.parse(text) as unknown;
  if (!Array.isArray(v)) return v as Record<string, number | string | null>;
  const out: Record<string, number | string | null> = {};
  STORED_FEATURE_COLUMNS.forEach((c, k) => (out[c] = v[k + 2] ?? null));
  out[String(v[0])] = v[1] ?? null;
  return out;
}

/** One row through the compiled GBDT: score, expected revenue, factors when the score reaches explainAbove. */
function scoreFeatures(c: CompiledModel, features: Record<string, number | string | null | undefined>, explainAbove: number, topFactors: number): { score: number; expectedRevenue: number | null; factors: RiskFactor[] } {
  encodeFeatureRow(c, features);
  const { score, expectedRevenue } = scoreEncoded(c);
  const factors = score >= explainAbove ? explainContributions(c.model, contributionsOfEncoded(c), featureValues(c, features), score, topFactors).factors : [];
  return { score, expectedRevenue, factors };
}

const featureValues = (c: CompiledModel, features: Record<string, number | string | null | undefined>) => ({
  numeric: (k: number) => numericValue(features[c.numeric[k]!]),
  categorical: (k: number) => (k >= 0 ? categoricalValue(features[c.categoricalColumns[k]!]) : ''),
});

/** Models without a compiled form (logistic, rules): the column-wise path. */
function scoreColumnwise(model: RiskModel, featureRows: Record<string, number | string>[], explainAbove: number, topFactors: number) {
  const data = rowsToData(featureRows, model.spec);
  const scores = scoreRows(model, data);
  const revenue = expectedRevenue(model, data, scores);
  return featureRows.map((_, i) => ({
    score: scores[i]!,
    expectedRevenue: revenue ? revenue[i]! : null,
    factors: scores[i]! >= explainAbove ? explainRow(model, data, i, scores[i]!, topFactors).factors : [],
  }));
}

/** Factors of a score from the feature row stored with it (for parcels not explained at scoring time). */
export function explainStoredFeatures(model: RiskModel, features: Record<string, number | string | null>, score: number, topFactors = 5): RiskFactor[] {
  const row: Record<string, number | string | undefined> = {};
  for (const [k, v] of Object.entries(features)) row[k] = v === null ? Number.NaN : v;
  const c = compileRiskModel(model);
  if (c) {
    encodeFeatureRow(c, row);
    return explainContributions(model, contributionsOfEncoded(c), featureValues(c, row), score, topFactors).factors;
  }
  const data = rowsToData([row], model.spec);
  return explainRow(model, data, 0, score, topFactors).factors;
}
