// Risk features of one declaration: facts of the declaration, of its assessment by the
// clearance engine, and of the parties' history (profiles) as it stood before the declaration.
// The names are the column names of the risk history files (with spaces, as officers read
// them); feature-labels.ts gives each a Korean and an English label.
//
// Party history is a pure accumulator (`PartyBook`): the caller feeds declarations in time
// order and inspection outcomes when they become known, and asks for the snapshot of a
// declaration before recording it. Nothing here reads a clock: days come from declaredAt.
import { dayNumber } from '../dates.ts';
import type { Declaration } from '../declaration-schema.ts';
import { firstTag, termIndex } from './term-matcher.ts';

export const RISK_NUMERIC_FEATURES = [
  'declared value usd',
  'max unit price usd',
  'unit price vs category',
  'unit price vs brand',
  'gross weight kg',
  'value per kg usd',
  'items',
  'total quantity',
  'value to de minimis',
  'duty rate',
  'taxes owed krw',
  'hs digits declared',
  'description words',
  'description hs mismatch',
  'luxury brand',
  'concealment words',
  'amount paid ratio',
  'days purchase to declaration',
  'consignee parcels 30d',
  'consignee names',
  'consignee phones',
  'consignee postcodes',
  'consignee parcels same day',
  'consignee value 7d usd',
  'consignee days known',
  'seller parcels',
  'seller hit rate',
  'seller days known',
  'forwarder hit rate',
  'signal count',
  'near de minimis',
  'amount paid mismatch',
  'combined',
  'no seller',
  'prohibited goods',
  'quantity over self use',
] as const;

export const RISK_CATEGORICAL_FEATURES = [
  'platform',
  'seller',
  'forwarder',
  'courier',
  'broker',
  'ship from',
  'mode',
  'ecommerce type',
  'category',
  'hs heading',
  'brand',
  'route',
  'postcode area',
  'currency',
] as const;

/** DATE-style interactions: the seller (the "importer" of e-commerce) with the HS heading, and the brand with the seller's country. */
export const RISK_INTERACTIONS: [string, string][] = [
  ['seller', 'hs heading'],
  ['brand', 'ship from'],
];

/**
 * What the risk features, rules and detectors read of the engine's assessment (the scoring
 * worker loads only this part of the stored assessment; a full Assessment fits).
 */
export interface RiskAssessment {
  goodsValueUsd: number | null;
  /** taxableValueKrw: the line's taxable value (goods and freight) in KRW, read by revenueCeilingKrw. */
  lines: readonly { index: number; hsCode: string; dutyRate: number; taxableValueKrw?: number }[];
  /** exempt: read by revenueCeilingKrw (absent in older callers: taken as not exempt). */
  deMinimis: { thresholdUsd: number | null; exempt?: boolean };
  signals: readonly string[];
  taxes: { collected: boolean; totalKrw: number } | null;
  route: string | null;
}

export type RiskFeatureName = (typeof RISK_NUMERIC_FEATURES)[number] | (typeof RISK_CATEGORICAL_FEATURES)[number];
export type RiskFeatureRow = Record<RiskFeatureName, number | string> & { description: string; signals: string };

// ---------------------------------------------------------------------------------------------
// Description heuristics

/** Words that name goods, with the HS chapter they belong to (Korean substrings, English words). */
const GOODS_WORDS: [string[], string][] = [
  [['티셔츠', '셔츠', '바지', '청바지', '원피스', '자켓', '재킷', '코트', '후드', '스웨터', '니트', '레깅스', 't-shirt', 'shirt', 'pants', 'jeans', 'dress', 'jacket', 'coat', 'hoodie', 'sweater', 'leggings'], '62'],
  [['운동화', '신발', '스니커즈', '구두', '부츠', '샌들', 'sneakers', 'shoes', 'boots', 'sandals'], '64'],
  [['가방', '핸드백', '지갑', '백팩', '벨트', 'handbag', 'bag', 'wallet', 'backpack', 'tote', 'belt'], '42'],
  [['시계', 'watch'], '91'],
  [['목걸이', '반지', '귀걸이', '팔찌', 'necklace', 'bracelet', 'earrings'], '71'],
  [['립스틱', '크림', '세럼', '로션', '선크림', '쿠션', 'lipstick', 'cream', 'serum', 'lotion', 'sunscreen'], '33'],
  [['향수', 'perfume', 'eau de'], '33'],
  [['비타민', '영양제', '오메가3', '유산균', '프로틴', 'vitamin', 'supplement', 'omega-3', 'probiotic', 'protein'], '21'],
  [['이어폰', '헤드폰', '스피커', '충전기', '케이블', 'earbuds', 'headphones', 'speaker', 'charger', 'cable'], '85'],
  [['노트북', '키보드', '마우스', 'laptop', 'keyboard', 'mouse'], '84'],
  [['장난감', '레고', '피규어', '인형', 'toy', 'lego', 'figure', 'doll'], '95'],
  [['골프', '요가매트', '덤벨', 'golf', 'yoga mat', 'dumbbell'], '95'],
  [['도서', '책', 'book'], '49'],
  [['꿀', 'honey'], '04'],
  [['홍차', '녹차', '차 ', 'black tea', 'green tea', 'tea'], '09'],
  [['커피', 'coffee'], '09'],
  [['홍삼', '인삼', 'ginseng'], '12'],
  [['허브', 'herbal'], '12'],
  [['우산', 'umbrella'], '66'],
  [['스카프', 'scarf'], '62'],
];

const LUXURY_BRANDS = ['gucci', 'louis vuitton', 'chanel', 'prada', 'hermes', 'rolex', 'cartier', 'dior', 'balenciaga', 'burberry', 'omega', 'bottega veneta'];
const CONCEALMENT_WORDS = ['herbal', 'gummy', 'gummies', 'candy', 'e-liquid', 'incense', 'bath salt', '허브', '젤리', '캔디', '액상'];
// riskFeatures looks for them item by item (the same as in the joined descriptions only while no word holds the joint).
if (CONCEALMENT_WORDS.some((w) => w.includes('|') || w.startsWith(' ') || w.endsWith(' '))) throw new Error('a concealment word holds the joint of descriptions');

const WORD_SEPARATORS = /[^\p{L}\p{N}\-+]+/u;

/** Lower-case words: runs of letters, digits, '-' and '+'. A character loop for ASCII and Hangul, the Unicode rule otherwise (same result). */
export function descriptionWords(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  let start = -1;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    let word: boolean;
    if (c < 128) word = (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 43;
    else if (c >= 0xac00 && c <= 0xd7a3) word = true;
    else return lower.split(WORD_SEPARATORS).filter(Boolean);
    if (word) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push(lower.slice(start, i));
      start = -1;
    }
  }
  if (start >= 0) out.push(lower.slice(start));
  return out;
}

/** ASCII words are matched as whole tokens: each with the first group naming it. */
const GOODS_TOKENS = new Map<string, number>();
/** The other terms (Hangul, several words, hyphenated) as substrings, tagged with their group. */
const GOODS_SUBSTRINGS = termIndex(
  GOODS_WORDS.flatMap(([terms], group) =>
    terms.flatMap((term) => {
      const token = /^[\x20-\x7e]+$/.test(term) && !term.includes(' ') && !term.includes('-');
      if (token && !GOODS_TOKENS.has(term)) GOODS_TOKENS.set(term, group);
      return token ? [] : [{ term, tag: group }];
    }),
  ),
);

/**
 * The HS chapter the description's goods words point to, or null when none is recognised: the
 * chapter of the first group (in GOODS_WORDS order) with a term in the description.
 */
export function chapterOfDescription(description: string, knownWords?: readonly string[]): string | null {
  let best = Number.POSITIVE_INFINITY;
  for (const w of knownWords ?? descriptionWords(description)) {
    const g = GOODS_TOKENS.get(w);
    if (g !== undefined && g < best) best = g;
  }
  best = firstTag(GOODS_SUBSTRINGS, ` ${description.toLowerCase()} `, best);
  return best === Number.POSITIVE_INFINITY ? null : GOODS_WORDS[best]![1];
}

const LUXURY = termIndex(LUXURY_BRANDS.map((term, tag) => ({ term, tag })));
const CONCEALMENT = termIndex(CONCEALMENT_WORDS.map((term, tag) => ({ term, tag })));

export function isLuxuryBrand(brand: string | undefined, description: string): boolean {
  return firstTag(LUXURY, `${brand ?? ''} ${description}`.toLowerCase()) !== Number.POSITIVE_INFINITY;
}

export function hasConcealmentWords(description: string): boolean {
  return firstTag(CONCEALMENT, description.toLowerCase()) !== Number.POSITIVE_INFINITY;
}

/**
 * What the features read of one item's description (its words, the chapter they point to, the
 * concealment words; the luxury check by brand): the same for every parcel declaring the same
 * goods, so a caller scoring a batch keeps them by description (DescriptionMemo) instead of
 * tokenising and matching the same text again (goods recur across parcels).
 */
export interface DescriptionFacts {
  words: number;
  chapter: string | null;
  concealment: boolean;
  /** isLuxuryBrand by the item's brand ('' for none: the same text). */
  luxury: Map<string, boolean>;
}

/** Description facts by description, kept by the caller for a batch (scoreBatch). */
export type DescriptionMemo = Map<string, DescriptionFacts>;

function descriptionFacts(description: string, memo: DescriptionMemo | undefined): DescriptionFacts {
  let f = memo?.get(description);
  if (f) return f;
  const words = descriptionWords(description);
  f = { words: words.length, chapter: chapterOfDescription(description, words), concealment: hasConcealmentWords(description), luxury: new Map() };
  memo?.set(description, f);
  return f;
}

function luxuryOf(f: DescriptionFacts, brand: string | undefined, description: string): boolean {
  const key = brand ?? '';
  let v = f.luxury.get(key);
  if (v === undefined) f.luxury.set(key, (v = isLuxuryBrand(brand, description)));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Party history

interface RunningStats {
  n: number;
  mean: number;
  m2: number;
}

interface ConsigneeProfile {
  firstDay: number;
  names: Set<string>;
  phones: Set<string>;
  postcodes: Set<string>;
  /** Parcels in the last 30 days (id: the declaration's, when loaded from the store). */
  recent: { day: number; valueUsd: number; id?: number }[];
}

interface OutcomeCounts {
  parcels: number;
  firstDay: number;
  inspected: number;
  found: number;
}

export interface PartyBook {
  consignees: Map<string, ConsigneeProfile>;
  sellers: Map<string, OutcomeCounts>;
  forwarders: Map<string, OutcomeCounts>;
  categoryPrices: Map<string, RunningStats>;
  brandPrices: Map<string, RunningStats>;
  /** Prior for the smoothed hit rates (share of inspections that found something). */
  hitPrior: { inspected: number; found: number };
}

export interface PartySnapshot {
  consigneeParcels30d: number;
  consigneeNames: number;
  consigneePhones: number;
  consigneePostcodes: number;
  consigneeParcelsSameDay: number;
  consigneeValue7dUsd: number;
  consigneeDaysKnown: number;
  sellerParcels: number;
  sellerHitRate: number;
  sellerDaysKnown: number;
  forwarderHitRate: number;
  categoryLogPrice: RunningStats | null;
  brandLogPrice: RunningStats | null;
}

export function createPartyBook(): PartyBook {
  return { consignees: new Map(), sellers: new Map(), forwarders: new Map(), categoryPrices: new Map(), brandPrices: new Map(), hitPrior: { inspected: 0, found: 0 } };
}

/** Trimmed, upper case, each run of white space (\s) one space. */
export function norm(s: string | undefined): string {
  const t = (s ?? '').trim().toUpperCase();
  // Most keys have nothing to fold: testing for it is cheaper than a replace that rebuilds the string.
  return SPACE_TO_FOLD.test(t) ? t.replace(/\s+/g, ' ') : t;
}

/** What /\s+/g → ' ' would change: two white-space characters in a row, or one that is not ' '. */
const SPACE_TO_FOLD = /\s\s|[^\S ]/;
export const sellerKey = (d: Declaration) => norm(d.parties?.seller?.code ?? d.parties?.seller?.name);
export const forwarderKey = (d: Declaration) => norm(d.parties?.forwarder?.code ?? d.parties?.forwarder?.name);
const consigneeKey = (d: Declaration) => d.consignee.pccc.trim().toUpperCase();

/**
 * A declaration's parties as the book, the features and the profiles key them (norm), and its
 * consignee's name, phone digits and postcode as the book counts them. A caller that needs them
 * several times per declaration (scoreBatch: the snapshot, the features, the party keys, the
 * record, the identity) computes them once; one string per key also means one hash per key.
 */
export interface DeclarationIds {
  platform: string;
  seller: string;
  forwarder: string;
  courier: string;
  broker: string;
  /** The PCCC, trimmed and upper case. */
  consignee: string;
  name: string;
  phone: string;
  postcode: string;
}

export function declarationIds(d: Declaration): DeclarationIds {
  const p = d.parties;
  return {
    platform: norm(p?.platform?.code ?? p?.platform?.name),
    seller: sellerKey(d),
    forwarder: forwarderKey(d),
    courier: norm(p?.courier?.code ?? p?.courier?.name),
    broker: norm(p?.broker?.code ?? p?.broker?.name),
    consignee: consigneeKey(d),
    name: norm(d.consignee.name),
    phone: d.consignee.phone.replace(/\D/g, ''),
    postcode: d.consignee.postcode.trim(),
  };
}

function dayOf(d: Declaration): number {
  return dayNumber(d.declaredAt) ?? 0;
}

/** Hit rate smoothed towards the book-wide rate with the weight of 5 inspections. */
function smoothedHitRate(book: PartyBook, c: OutcomeCounts | undefined): number {
  const prior = (book.hitPrior.found + 1) / (book.hitPrior.inspected + 2);
  const m = 5;
  return ((c?.found ?? 0) + m * prior) / ((c?.inspected ?? 0) + m);
}

/** `excludeId`: a declaration already in the book's recent parcels (rescoring) is left out of its own counts. */
export function snapshotParties(book: PartyBook, d: Declaration, priceKey: string | null, brand: string | null, excludeId?: number, ids: DeclarationIds = declarationIds(d)): PartySnapshot {
  const day = dayOf(d);
  const c = book.consignees.get(ids.consignee);
  const seller = book.sellers.get(ids.seller);
  // One pass over the recent parcels (the 7-day value summed in the same order as before).
  let parcels30d = 0;
  let sameDay = 0;
  let value7d = 0;
  if (c)
    for (const r of c.recent) {
      // Up to this parcel's day: a rescoring's book holds the consignee's later parcels too (counted, a parcel of
      // 2 November read '30일간 13건' from parcels up to 6 December).
      if (!(r.day > day - 30 && r.day <= day && (excludeId === undefined || r.id !== excludeId))) continue;
      parcels30d++;
      if (r.day === day) sameDay++;
      if (r.day > day - 7) value7d += r.valueUsd;
    }
  const withThis = (set: Set<string> | undefined, v: string) => (set ? set.size + (set.has(v) ? 0 : 1) : 1);
  return {
    consigneeParcels30d: parcels30d,
    consigneeNames: withThis(c?.names, ids.name),
    consigneePhones: withThis(c?.phones, ids.phone),
    consigneePostcodes: withThis(c?.postcodes, ids.postcode),
    consigneeParcelsSameDay: sameDay,
    consigneeValue7dUsd: value7d,
    // Never negative: a parcel dated before the first one on record (declarations come in any date order) is a first sight, 0 days (-1 read '첫 반입 후 경과일: -1').
    consigneeDaysKnown: c ? Math.max(0, day - c.firstDay) : Number.NaN,
    sellerParcels: seller?.parcels ?? 0,
    sellerHitRate: smoothedHitRate(book, seller),
    sellerDaysKnown: seller ? Math.max(0, day - seller.firstDay) : Number.NaN,
    forwarderHitRate: smoothedHitRate(book, book.forwarders.get(ids.forwarder)),
    categoryLogPrice: priceKey ? (book.categoryPrices.get(priceKey) ?? null) : null,
    brandLogPrice: brand ? (book.brandPrices.get(brand) ?? null) : null,
  };
}

function addStat(map: Map<string, RunningStats>, key: string, x: number): void {
  let s = map.get(key);
  if (!s) map.set(key, (s = { n: 0, mean: 0, m2: 0 }));
  s.n++;
  const delta = x - s.mean;
  s.mean += delta / s.n;
  s.m2 += delta * (x - s.mean);
}

/** A party's counts, first seen on the earliest day recorded (as the stored profiles keep it: least(first_seen, …)). */
function counts(map: Map<string, OutcomeCounts>, key: string, day: number): OutcomeCounts {
  let c = map.get(key);
  if (!c) map.set(key, (c = { parcels: 0, firstDay: day, inspected: 0, found: 0 }));
  else if (day < c.firstDay) c.firstDay = day;
  return c;
}

/** Records a declaration in the book (after its features were taken). */
export function recordDeclaration(book: PartyBook, d: Declaration, valueUsd: number, prices: { priceKey: string | null; brand: string | null; logUnitPrice: number | null }, ids: DeclarationIds = declarationIds(d)): void {
  const day = dayOf(d);
  const key = ids.consignee;
  let c = book.consignees.get(key);
  if (!c) book.consignees.set(key, (c = { firstDay: day, names: new Set(), phones: new Set(), postcodes: new Set(), recent: [] }));
  else if (day < c.firstDay) c.firstDay = day; // declarations need not come in date order: the earliest, as stored
  c.names.add(ids.name);
  c.phones.add(ids.phone);
  c.postcodes.add(ids.postcode);
  c.recent.push({ day, valueUsd });
  if (c.recent.length > 64 || (c.recent[0] && c.recent[0].day <= day - 30)) c.recent = c.recent.filter((r) => r.day > day - 30);
  const s = ids.seller;
  if (s) counts(book.sellers, s, day).parcels++;
  const f = ids.forwarder;
  if (f) counts(book.forwarders, f, day).parcels++;
  if (prices.logUnitPrice !== null) {
    if (prices.priceKey) addStat(book.categoryPrices, prices.priceKey, prices.logUnitPrice);
    if (prices.brand) addStat(book.brandPrices, prices.brand, prices.logUnitPrice);
  }
}

/** Records the result of an inspection (fed back by officers). */
export function recordOutcome(book: PartyBook, d: Declaration, illicit: boolean): void {
  const day = dayOf(d);
  book.hitPrior.inspected++;
  if (illicit) book.hitPrior.found++;
  for (const [map, key] of [
    [book.sellers, sellerKey(d)],
    [book.forwarders, forwarderKey(d)],
  ] as const) {
    if (!key) continue;
    const c = counts(map, key, day);
    c.inspected++;
    if (illicit) c.found++;
  }
}

// ---------------------------------------------------------------------------------------------
// The feature row

/** What the book needs to learn from this declaration's prices (returned with the features). */
export interface PriceFacts {
  priceKey: string | null;
  brand: string | null;
  logUnitPrice: number | null;
}

function zScore(stats: RunningStats | null, x: number | null): number {
  if (!stats || x === null || stats.n < 5) return Number.NaN;
  const sd = Math.sqrt(stats.m2 / (stats.n - 1));
  return (x - stats.mean) / Math.max(sd, 0.1);
}

/** Price facts of the declaration's most valuable line (category or HS heading, brand, log unit price in USD). */
export function priceFacts(d: Declaration, a: RiskAssessment): PriceFacts {
  const total = declaredTotal(d);
  const usdPerUnit = total > 0 && a.goodsValueUsd !== null ? a.goodsValueUsd / total : null;
  let best: { i: number; v: number } | null = null;
  d.items.forEach((it, i) => {
    const v = it.price * it.quantity;
    if (!best || v > best.v) best = { i, v };
  });
  if (!best || usdPerUnit === null) return { priceKey: null, brand: null, logUnitPrice: null };
  const item = d.items[(best as { i: number }).i]!;
  const line = a.lines.find((l) => l.index === (best as { i: number }).i);
  const unitUsd = item.price * usdPerUnit;
  const brand = item.brand?.trim().toLowerCase() || null;
  return {
    priceKey: item.category ? `c:${item.category}` : line ? `h:${line.hsCode.slice(0, 4)}` : null,
    brand,
    logUnitPrice: unitUsd > 0 ? Math.log(unitUsd) : null,
  };
}

function declaredTotal(d: Declaration): number {
  let t = 0;
  for (const it of d.items) t += it.price * it.quantity + (it.localTax ?? 0) + (it.localShipping ?? 0) + (it.otherCosts ?? 0) - (it.discount ?? 0);
  return t;
}

const SIGNAL_FLAGS: [RiskFeatureName, string][] = [
  ['near de minimis', 'NEAR_DE_MINIMIS'],
  ['amount paid mismatch', 'AMOUNT_PAID_MISMATCH'],
  ['combined', 'COMBINED'],
  ['no seller', 'NO_SELLER'],
  ['prohibited goods', 'PROHIBITED_GOODS'],
  ['quantity over self use', 'QUANTITY_OVER_SELF_USE'],
];

/** Signals that say nothing about risk (data-quality flags of the reference, not the parcel). */
const IGNORED_SIGNALS = new Set(['FX_PLACEHOLDER']);

/**
 * `memo`: description facts kept across the calls of a batch (descriptionFacts). The concealment
 * words are looked for in each description instead of in the joined text: the same answer, as no
 * concealment word contains the joint (' | ') or begins or ends with a space.
 */
export function riskFeatures(d: Declaration, a: RiskAssessment, p: PartySnapshot, prices: PriceFacts = priceFacts(d, a), memo?: DescriptionMemo, ids: DeclarationIds = declarationIds(d)): RiskFeatureRow {
  const day = dayOf(d);
  const valueUsd = a.goodsValueUsd ?? Number.NaN;
  const total = declaredTotal(d);
  const usdPerUnit = total > 0 ? valueUsd / total : Number.NaN;
  const description = d.items.map((i) => i.description).join(' | ');
  // The most valuable item (the first of equals), the highest unit price (Math.max pairwise is
  // Math.max over all: NaN wins, -Infinity without items) and the description ↔ HS check, in one loop.
  let main: (typeof d.items)[number] | null = null;
  let mainIndex = -1;
  let maxUnitUsd = Number.NEGATIVE_INFINITY;
  let known = 0;
  let mismatched = false;
  let mainWords = 0;
  let luxury = false;
  let concealment = false;
  for (let i = 0; i < d.items.length; i++) {
    const it = d.items[i]!;
    const facts = descriptionFacts(it.description, memo);
    if (!main || it.price * it.quantity > main.price * main.quantity) {
      main = it;
      mainIndex = i;
      mainWords = facts.words;
    }
    maxUnitUsd = Math.max(maxUnitUsd, it.price * usdPerUnit);
    if (!luxury) luxury = luxuryOf(facts, it.brand, it.description);
    if (facts.concealment) concealment = true;
    const said = facts.chapter;
    const line = said === null ? undefined : a.lines.find((l) => l.index === i);
    if (said !== null && line) {
      known++;
      if (said !== line.hsCode.slice(0, 2)) mismatched = true;
    }
  }
  const mainLine = main ? a.lines.find((l) => l.index === mainIndex) : undefined;
  const signals = a.signals.filter((s) => !IGNORED_SIGNALS.has(s));
  const purchased = d.order.purchasedAt ? dayNumber(d.order.purchasedAt) : null;
  const taxes = a.taxes && a.taxes.collected ? a.taxes.totalKrw : 0;
  const row: Record<string, number | string> = {
    'declared value usd': valueUsd,
    'max unit price usd': maxUnitUsd,
    'unit price vs category': zScore(p.categoryLogPrice, prices.logUnitPrice),
    'unit price vs brand': zScore(p.brandLogPrice, prices.logUnitPrice),
    'gross weight kg': d.shipment.grossWeightKg,
    'value per kg usd': d.shipment.grossWeightKg > 0 ? valueUsd / d.shipment.grossWeightKg : Number.NaN,
    items: d.items.length,
    'total quantity': d.items.reduce((s, i) => s + i.quantity, 0),
    'value to de minimis': a.deMinimis.thresholdUsd ? valueUsd / a.deMinimis.thresholdUsd : Number.NaN,
    'duty rate': a.lines.reduce((m, l) => Math.max(m, l.dutyRate), 0),
    'taxes owed krw': taxes,
    'hs digits declared': main?.hsCode ? main.hsCode.replace(/\D/g, '').length : 0,
    'description words': main ? mainWords : 0,
    'description hs mismatch': known > 0 ? (mismatched ? 1 : 0) : Number.NaN,
    'luxury brand': luxury ? 1 : 0,
    'concealment words': concealment ? 1 : 0,
    'amount paid ratio': d.order.amountPaid !== undefined && total > 0 ? d.order.amountPaid / total : Number.NaN,
    'days purchase to declaration': purchased !== null ? day - purchased : Number.NaN,
    'consignee parcels 30d': p.consigneeParcels30d,
    'consignee names': p.consigneeNames,
    'consignee phones': p.consigneePhones,
    'consignee postcodes': p.consigneePostcodes,
    'consignee parcels same day': p.consigneeParcelsSameDay,
    'consignee value 7d usd': p.consigneeValue7dUsd,
    'consignee days known': p.consigneeDaysKnown,
    'seller parcels': p.sellerParcels,
    'seller hit rate': p.sellerHitRate,
    'seller days known': p.sellerDaysKnown,
    'forwarder hit rate': p.forwarderHitRate,
    'signal count': signals.length,
    platform: ids.platform,
    seller: ids.seller,
    forwarder: ids.forwarder,
    courier: ids.courier,
    broker: ids.broker,
    'ship from': d.shipment.shipFrom.toUpperCase(),
    mode: d.shipment.mode,
    'ecommerce type': d.ecommerceType ?? '',
    category: main?.category ?? '',
    'hs heading': mainLine ? mainLine.hsCode.slice(0, 4) : '',
    brand: main?.brand?.trim().toLowerCase() ?? '',
    route: a.route ?? '',
    'postcode area': ids.postcode.slice(0, 2),
    currency: d.order.currency.toUpperCase(),
    description,
    signals: signals.join(';'),
  };
  for (const [name, signal] of SIGNAL_FLAGS) row[name] = signals.includes(signal) ? 1 : 0;
  return row as RiskFeatureRow;
}
