// Scoring a batch of stored declarations for the platform, pure. The caller loads the party
// history the batch needs from the profile tables (PCCC identities, seller/forwarder outcomes,
// price statistics, the consignees' recent parcels) into a PartyBook; declarations are taken
// in id order, each snapshot taken before the declaration is recorded in the book — the same
// numbers as snapshotParties over the full history. Detector facts (SQL-backed, loaded by the
// caller) and order data become rule hits next to the officers' rules. The result carries
// everything the caller writes back: scores, party keys, profile deltas, identities, price stats.
import type { Assessment } from '../assessment.ts';
import { dayNumber } from '../dates.ts';
import type { Declaration } from '../declaration-schema.ts';
import { sellerKeyOf } from '../assess.ts';
import type { RiskFactor } from './explain-score.ts';
import { explainRow } from './explain-score.ts';
import { priceFacts, recordDeclaration, riskFeatures, snapshotParties, type PartyBook, type PartySnapshot } from './features.ts';
import { expectedRevenue, scoreRows, type RiskModel } from './model.ts';
import {
  combineWeights,
  declarationQuality,
  normName,
  partyKeysOf,
  phoneDigits,
  platformRuleHits,
  queuePriority,
  reconcileOrder,
  ruleContext,
  type OrderData,
  type PlatformRuleHit,
  type PlatformRuleSet,
  type RiskPolicy,
} from './platform-risk.ts';
import { rowsToData } from './score-declarations.ts';

export interface BatchInput {
  id: number;
  declaration: Declaration;
  assessment: Assessment;
}

/** What the detectors need beyond the book, loaded by SQL for the batch's consignees and addresses. */
export interface DetectorFacts {
  /** Distinct consignees (PCCC) per address key, before the batch. */
  addressConsignees: Map<string, Set<string>>;
  /** Parcels per `${pccc}|${hs6}` in the last 90 days, before the batch. */
  sameGoods90d: Map<string, number>;
  /** Earlier parcels of the batch's consignees within the window (for split shipments across channels). */
  nearby: { id: number; pccc: string; sellerKey: string | null; day: number; valueUsd: number; thresholdUsd: number | null; channel: string }[];
  /** Order data by `${orderNo}|${pccc}`. */
  orders: Map<string, OrderData>;
}

export interface ScoredRow {
  id: number;
  score: number;
  expectedRevenueKrw: number | null;
  ruleScore: number;
  priority: number;
  factors: RiskFactor[];
  ruleHits: PlatformRuleHit[];
  features: Record<string, number | string | null>;
  parties: { role: string; key: string; name: string | null }[];
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
  identities: { pccc: string; name: string; phone: string; postcode: string; firstSeen: string; lastSeen: string; parcels: number }[];
  /** Statistics of this batch's log unit prices only, to merge into price_stats (Chan's formula). */
  prices: { key: string; n: number; mean: number; m2: number }[];
}

const channelOf = (d: Declaration) => `${d.shipment.mode}|${(d.parties?.courier?.code ?? d.parties?.courier?.name ?? '').toUpperCase()}|${(d.parties?.platform?.name ?? '').toUpperCase()}`;
export { channelOf };

function hs6(a: Assessment): string {
  return (a.lines[0]?.hsCode ?? '').slice(0, 6);
}

function detectorHits(d: Declaration, a: Assessment, id: number, snap: PartySnapshot, facts: DetectorFacts, policy: RiskPolicy): PlatformRuleHit[] {
  const t = policy.detectors;
  const w = t.weights;
  const ref = 'risk-rules:policy.detectors';
  const hits: PlatformRuleHit[] = [];
  const add = (code: string, ko: string, en: string) => hits.push({ code, ko, en, weight: w[code] ?? 0.1, ref });
  if (snap.consigneeNames > t.maxNamesPerPccc) add('PCCC_MANY_NAMES', `개인통관고유부호 하나에 이름 ${snap.consigneeNames}개 사용`, `${snap.consigneeNames} names used with one PCCC`);
  if (snap.consigneePhones > t.maxPhonesPerPccc) add('PCCC_MANY_PHONES', `개인통관고유부호 하나에 전화번호 ${snap.consigneePhones}개 사용`, `${snap.consigneePhones} phone numbers used with one PCCC`);
  if (snap.consigneePostcodes > t.maxPostcodesPerPccc) add('PCCC_MANY_POSTCODES', `개인통관고유부호 하나에 우편번호 ${snap.consigneePostcodes}개 사용`, `${snap.consigneePostcodes} postcodes used with one PCCC`);
  const parcels30 = snap.consigneeParcels30d + 1;
  if (parcels30 >= t.selfUseParcels30d) add('PCCC_VOLUME', `30일간 ${parcels30}건 수입(자가사용 기준 ${t.selfUseParcels30d}건)`, `${parcels30} parcels in 30 days (self-use norm ${t.selfUseParcels30d})`);
  const pccc = d.consignee.pccc.trim().toUpperCase();
  const addr = partyKeysOf(d).find((p) => p.role === 'address')?.key;
  const atAddress = addr ? facts.addressConsignees.get(addr) : undefined;
  const consignees = atAddress ? atAddress.size + (atAddress.has(pccc) ? 0 : 1) : 1;
  if (consignees > t.maxConsigneesPerAddress) add('ADDRESS_MANY_CONSIGNEES', `한 주소에 수취인 ${consignees}명`, `${consignees} consignees at one address`);
  const same = (facts.sameGoods90d.get(`${pccc}|${hs6(a)}`) ?? 0) + 1;
  if (hs6(a) && same >= t.resaleSameGoods90d) add('PCCC_RESALE', `같은 물품(HS ${hs6(a)}) 90일간 ${same}회 수입(판매 목적 의심)`, `same goods (HS ${hs6(a)}) ${same} times in 90 days (possible resale)`);
  const threshold = a.deMinimis.thresholdUsd;
  const value = a.goodsValueUsd ?? 0;
  const near = (v: number, th: number | null) => th !== null && th > 0 && v < th && v >= t.splitNearShare * th;
  if (near(value, threshold)) {
    const day = dayNumber(d.declaredAt) ?? 0;
    const seller = sellerKeyOf(d);
    const channel = channelOf(d);
    const split = facts.nearby.filter((o) => o.id !== id && o.pccc === pccc && seller !== null && o.sellerKey === seller && Math.abs(o.day - day) <= t.windowDays && o.channel !== channel && near(o.valueUsd, o.thresholdUsd));
    if (split.length > 0)
      add(
        'SPLIT_ACROSS_CHANNELS',
        `같은 수취인·판매자의 면세한도 직전 물품이 ${t.windowDays}일 내 다른 경로로 ${split.length + 1}건(분할 반입 의심)`,
        `${split.length + 1} parcels just under the de minimis from one seller to one consignee within ${t.windowDays} days via different channels (possible split shipment)`,
      );
  }
  const order = d.order.orderNo ? facts.orders.get(`${d.order.orderNo}|${pccc}`) : undefined;
  if (order) hits.push(...reconcileOrder(order, d, policy));
  return hits;
}

/**
 * `explainAbove`: parcels whose model score reaches it get their factors now; the others are
 * explained when an officer opens them (explainStoredFeatures, from the stored feature row) —
 * path attribution costs about twice the scoring itself, and most parcels are never opened.
 */
export function scoreBatch(model: RiskModel, rules: PlatformRuleSet, policy: RiskPolicy, book: PartyBook, inputs: readonly BatchInput[], facts: DetectorFacts, options: { topFactors?: number; explainAbove?: number } = {}): BatchResult {
  const topFactors = options.topFactors ?? 5;
  const explainAbove = options.explainAbove ?? 0;
  const sorted = [...inputs].sort((a, b) => a.id - b.id);
  const featureRows: Record<string, number | string>[] = [];
  const profiles = new Map<string, ProfileDelta>();
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
  const hitsOf: PlatformRuleHit[][] = [];
  for (const { id, declaration: d, assessment: a } of sorted) {
    const pf = priceFacts(d, a);
    const snap = snapshotParties(book, d, pf.priceKey, pf.brand);
    featureRows.push({ ...riskFeatures(d, a, snap, pf), [model.spec.id]: String(id) });
    hitsOf.push([...platformRuleHits(rules, ruleContext(d, a)), ...detectorHits(d, a, id, snap, facts, policy)]);
    // Detectors of later parcels in the batch see this one.
    const pccc = d.consignee.pccc.trim().toUpperCase();
    const addr = partyKeysOf(d).find((p) => p.role === 'address')?.key;
    if (addr) {
      const set = facts.addressConsignees.get(addr) ?? new Set<string>();
      set.add(pccc);
      facts.addressConsignees.set(addr, set);
    }
    const g = `${pccc}|${hs6(a)}`;
    facts.sameGoods90d.set(g, (facts.sameGoods90d.get(g) ?? 0) + 1);
    facts.nearby.push({ id, pccc, sellerKey: sellerKeyOf(d), day: dayNumber(d.declaredAt) ?? 0, valueUsd: a.goodsValueUsd ?? 0, thresholdUsd: a.deMinimis.thresholdUsd, channel: channelOf(d) });
    recordDeclaration(book, d, a.goodsValueUsd ?? 0, pf);
    if (pf.logUnitPrice !== null) {
      if (pf.priceKey) addPrice(pf.priceKey, pf.logUnitPrice);
      if (pf.brand) addPrice(`b:${pf.brand}`, pf.logUnitPrice);
    }
    const q = declarationQuality(d, a);
    for (const p of partyKeysOf(d)) {
      if (p.role === 'address') continue;
      const k = `${p.role}\u0000${p.key}`;
      const cur = profiles.get(k) ?? { role: p.role, key: p.key, name: p.name, parcels: 0, valueUsd: 0, firstSeen: d.declaredAt, lastSeen: d.declaredAt, withOrderData: 0, qualitySum: 0 };
      cur.parcels++;
      cur.valueUsd += a.goodsValueUsd ?? 0;
      if (d.declaredAt < cur.firstSeen) cur.firstSeen = d.declaredAt;
      if (d.declaredAt > cur.lastSeen) cur.lastSeen = d.declaredAt;
      if (q.orderData) cur.withOrderData++;
      cur.qualitySum += q.score;
      if (p.name) cur.name = p.name;
      profiles.set(k, cur);
    }
    const ident = { pccc, name: normName(d.consignee.name), phone: phoneDigits(d.consignee.phone), postcode: d.consignee.postcode.trim() };
    const ik = `${ident.pccc}|${ident.name}|${ident.phone}|${ident.postcode}`;
    const ic = identities.get(ik) ?? { ...ident, firstSeen: d.declaredAt, lastSeen: d.declaredAt, parcels: 0 };
    ic.parcels++;
    if (d.declaredAt < ic.firstSeen) ic.firstSeen = d.declaredAt;
    if (d.declaredAt > ic.lastSeen) ic.lastSeen = d.declaredAt;
    identities.set(ik, ic);
  }
  const data = rowsToData(featureRows, model.spec);
  const scores = scoreRows(model, data);
  const revenue = expectedRevenue(model, data, scores);
  const rows: ScoredRow[] = sorted.map((input, i) => {
    const explained = scores[i]! >= explainAbove ? explainRow(model, data, i, scores[i]!, topFactors) : { factors: [] };
    const hits = hitsOf[i]!;
    const ruleScore = combineWeights(hits.map((h) => h.weight));
    const expectedRevenueKrw = revenue ? Math.round(revenue[i]!) : null;
    const features: Record<string, number | string | null> = {};
    for (const [k, v] of Object.entries(featureRows[i]!)) features[k] = typeof v === 'number' && !Number.isFinite(v) ? null : v;
    return {
      id: input.id,
      score: scores[i]!,
      expectedRevenueKrw,
      ruleScore,
      priority: queuePriority(scores[i]!, expectedRevenueKrw, ruleScore, policy),
      factors: explained.factors,
      ruleHits: hits,
      features,
      parties: partyKeysOf(input.declaration),
    };
  });
  return {
    rows,
    profiles: [...profiles.values()].sort((a, b) => (a.role === b.role ? (a.key < b.key ? -1 : 1) : a.role < b.role ? -1 : 1)),
    identities: [...identities.values()].sort((a, b) => (`${a.pccc}|${a.name}|${a.phone}|${a.postcode}` < `${b.pccc}|${b.name}|${b.phone}|${b.postcode}` ? -1 : 1)),
    prices: [...prices.entries()].map(([key, s]) => ({ key, ...s })).sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

/** Factors of a score from the feature row stored with it (for parcels not explained at scoring time). */
export function explainStoredFeatures(model: RiskModel, features: Record<string, number | string | null>, score: number, topFactors = 5): RiskFactor[] {
  const row: Record<string, number | string | undefined> = {};
  for (const [k, v] of Object.entries(features)) row[k] = v === null ? Number.NaN : v;
  const data = rowsToData([row], model.spec);
  return explainRow(model, data, 0, score, topFactors).factors;
}
