// The clearance engine: assesses a batch of e-commerce import declarations against the
// reference data in force on each declaration date and the relevant history, and explains
// every decision. Pure: everything comes in as arguments.
//
// Per declaration: validate → classify items → value the goods (weekly customs rate) →
// route-relevant facts (exclusions, prohibited goods, self-use limits, purpose, mode) →
// deemed freight, CIF taxable value, duty (basic or FTA), excise, education, liquor, VAT.
// Then across the batch and history: combined taxation (고시 제68조). Finally the de
// minimis decision, the route, the taxes owed and the reasons.
import type { Bilingual } from './bilingual.ts';
import { plainCategoryName } from './category-name.ts';
import type { Assessment, AssessedLine, FieldError, HistoryEntry, Reason, Route, Taxes } from './assessment.ts';
import { classifyItem, findQuantityBreaches, findUnmeasuredLimits, type ClassifiedItem, type QuantityBreach } from './classify-items.ts';
import { blYearOf, Combiner, historyNode, normalizeKey, type CombinedGroup, type CombineNode } from './combine.ts';
import { rateWeekStart } from './dates.ts';
import type { Declaration } from './declaration-schema.ts';
import { ReasonWriter, renderReasonNamed, type TextWhenRead } from './explain.ts';
import { checkFta, unclaimedFta, type FtaCheck } from './fta.ts';
import { applyRate, formatDecimal2, formatKrw, formatRate, toHundredths } from './money.ts';
import type { Reference, ReferenceAsOf } from './reference/compile-reference.ts';
import type { CategoryMapping, FxWeek, SimplifiedRate } from './reference/types.ts';
import type { Match } from './reference/goods-matcher.ts';
import { lineSums, taxLine, totalTaxes, type LineBasis } from './taxes.ts';
import { informativeTokenCount, validateDeclaration } from './validate-declaration.ts';
import { allocate, customsRateOf, deemedFreight, goodsValueUsdOf, isPlaceholderRate, totalHundredthsOf, valueGoods, withinUsd, type Freight, type GoodsValue } from './valuation.ts';

interface Prepared {
  d: Declaration;
  asOf: ReferenceAsOf;
  fx: FxWeek;
  week: string;
  rate: number;
  items: ClassifiedItem[];
  goods: GoodsValue;
  personal: boolean;
  listEligible: boolean;
  thresholdUsd: number | null;
  usExpress: boolean;
  breaches: QuantityBreach[];
  freight: Freight;
  insuranceKrw: number;
  taxableValueKrw: number;
  bases: LineBasis[];
  fta: FtaCheck | null;
}

export function consigneeKeyOf(d: Declaration): string {
  return d.consignee.pccc.toUpperCase();
}

/** The seller as one party (its code, else its name): the risk engine's and the party history's key. */
export function sellerKeyOf(d: Declaration): string | null {
  const s = d.parties?.seller;
  return normalizeKey(s?.code ?? s?.name);
}

/** What a declaration date selects: the reference data in force and the exchange-rate week with its rates (validation guarantees both). */
interface DateFacts {
  asOf: ReferenceAsOf;
  week: string;
  fx: FxWeek;
}

/**
 * The DateFacts of each date of a batch, looked up once per date instead of by each step that
 * needs them (three Map look-ups in combineNodeOf and again in prepare). A batch's declarations
 * mostly share their date, so the last date's are kept at hand.
 */
function dateFactsOf(reference: Reference): (date: string) => DateFacts {
  const byDate = new Map<string, DateFacts>();
  let lastDate: string | null = null;
  let last: DateFacts | undefined;
  return (date) => {
    if (date === lastDate) return last!;
    last = byDate.get(date);
    if (!last) {
      const week = rateWeekStart(date)!;
      byDate.set(date, (last = { asOf: reference.asOf(date)!, week, fx: reference.fxWeek(week)! }));
    }
    lastDate = date;
    return last;
  };
}

/** What combined taxation needs of a valid personal declaration: its keys and its goods value in USD (valuation.ts, as prepare values it). */
function combineNodeOf(d: Declaration, reference: Reference, { asOf, fx }: DateFacts): CombineNode {
  const currency = d.order.currency.toUpperCase();
  const usd = goodsValueUsdOf(totalHundredthsOf(d), currency === 'USD', customsRateOf(fx, currency)!, reference.fxUnits(currency), fx.rates.USD!);
  // The keys written out rather than spread from combinationKeysOf: one object per declaration, not two.
  return {
    ref: d.ref,
    consigneeKey: consigneeKeyOf(d),
    sellerCodeKey: normalizeKey(d.parties?.seller?.code),
    sellerNameKey: normalizeKey(d.parties?.seller?.name),
    purchasedAt: d.order.purchasedAt ?? null,
    hblNo: normalizeHbl(d.shipment.hblNo),
    arrivalDate: d.shipment.arrivalDate ?? null,
    blYear: blYearOf(d.shipment.arrivalDate, d.declaredAt),
    goodsValueCents: Math.round(usd * 100),
    combineByArrivalDate: asOf.thresholds.combineBySameArrivalDate,
  };
}

/** The fields combined taxation joins on (고시 제68조: one B/L; same consignee and supplier and purchase date; arrival date before 2022-11-17). */
function combinationKeysOf(d: Declaration) {
  return {
    ref: d.ref,
    consigneeKey: consigneeKeyOf(d),
    sellerCodeKey: normalizeKey(d.parties?.seller?.code),
    sellerNameKey: normalizeKey(d.parties?.seller?.name),
    purchasedAt: d.order.purchasedAt ?? null,
    hblNo: normalizeHbl(d.shipment.hblNo),
    arrivalDate: d.shipment.arrivalDate ?? null,
  };
}

function prepare(d: Declaration, reference: Reference, { asOf, week, fx }: DateFacts): Prepared {
  const currency = d.order.currency.toUpperCase();
  const rate = customsRateOf(fx, currency)!;
  const usdRate = fx.rates.USD!;
  const t = asOf.thresholds;
  const items = d.items.map((item, i) => classifyItem(item, i, asOf));
  const goods = valueGoods(d, rate, reference.fxUnits(currency), usdRate, t.rounding.valueUnitKrw);
  const breaches = findQuantityBreaches(items);
  const shipFrom = d.shipment.shipFrom.toUpperCase();
  const { personal, listEligible, usExpress, thresholdUsd } = limitOf(d, items, breaches, t);

  const freight = deemedFreight(asOf.freight, shipFrom, d.shipment.grossWeightKg, goods.goodsValueKrw, t.freightSwitchKrw);
  const insuranceKrw = 0; // not declared separately for small parcels; deemed freight stands for carriage
  const taxableValueKrw = goods.goodsValueKrw + freight.freightKrw + insuranceKrw;
  const fta = checkFta(d, asOf.fta, fx, reference.fxUnits, { goods: goods.goodsValueKrw, taxable: taxableValueKrw }, reference.minorUnits);

  const shareOf = carriageShares(items, goods.lineHundredths, freight.freightKrw + insuranceKrw);
  const bases = items.map((c): LineBasis => {
    const taxable = goods.lineKrw[c.index]! + (shareOf[c.index] ?? 0);
    let dutyRate = c.tariff?.basic ?? 0;
    let rateType: AssessedLine['rateType'] = c.tariff && c.tariffHs.length > 2 ? 'basic' : 'default';
    if (fta && !fta.failure && c.tariff && fta.originates(c.item.originCountry)) {
      const ftaRate = c.tariff.fta?.[fta.agreement!.code];
      if (ftaRate !== undefined && ftaRate < dutyRate) {
        dutyRate = ftaRate;
        rateType = 'fta';
      }
    }
    return { c, taxableValueKrw: taxable, dutyRate, rateType, hsCode: c.tariff ? c.tariffHs : c.hs };
  });
  return { d, asOf, fx, week, rate, items, goods, personal, listEligible, thresholdUsd, usExpress, breaches, freight, insuranceKrw, taxableValueKrw, bases, fta };
}

/** Whether a declaration can be list-cleared and its de minimis (null: business, none). */
function limitOf(d: Declaration, items: ClassifiedItem[], breaches: QuantityBreach[], t: ReferenceAsOf['thresholds']) {
  const personal = (d.purpose ?? 'personal') === 'personal';
  const mode = d.shipment.mode;
  const excluded = items.some((c) => c.exclusions.length > 0);
  const taxedBreach = breaches.some((b) => b.rule.overAction === 'taxed');
  const listEligible = personal && !excluded && !taxedBreach && t.listClearanceModes.includes(mode);
  // USD 200 is a list-clearance special case for express goods shipped from the US (KORUS); every other parcel, and every excluded good, has USD 150.
  const usExpress = listEligible && t.usExpressShipFrom.includes(d.shipment.shipFrom.toUpperCase()) && t.usExpressModes.includes(mode);
  const thresholdUsd = personal ? (usExpress ? t.usExpressDeMinimisUsd : t.deMinimisUsd) : null;
  return { personal, listEligible, usExpress, thresholdUsd };
}

/** The de minimis of a valid declaration alone (limitOf), for the other members of a combined group. */
function thresholdOfDeclaration(d: Declaration, asOf: ReferenceAsOf): number | null {
  const items = d.items.map((item, i) => classifyItem(item, i, asOf)); // memoized per description
  return limitOf(d, items, findQuantityBreaches(items), asOf.thresholds).thresholdUsd;
}

const NORMAL_HBL = /^[0-9A-Z]+$/;

function normalizeHbl(hbl: string | undefined): string | null {
  if (hbl && NORMAL_HBL.test(hbl)) return hbl; // already normal, as most are
  const k = hbl?.trim().toUpperCase().replace(/[\s-]/g, '');
  return k ? k : null;
}

/**
 * Each line's share of the freight and insurance, by item index: in proportion to the declared values
 * (one currency, exact), allocated in canonical order. Truncating each line to the won first would let
 * a line worth under a won take no share, or all of it when every line is (first line). A parcel of
 * one line, most of them, gives it the whole amount, as allocate does.
 */
function carriageShares(items: ClassifiedItem[], lineHundredths: number[], amountKrw: number): number[] {
  if (items.length === 1) return [amountKrw];
  const order = canonicalOrder(items);
  const shares = allocate(amountKrw, order.map((i) => lineHundredths[i]!));
  const shareOf = order.map(() => 0);
  for (let k = 0; k < order.length; k++) shareOf[order[k]!] = shares[k]!;
  return shareOf;
}

/** Lines ordered by value, then content, so that allocation does not depend on the order items were listed in. */
function canonicalOrder(items: ClassifiedItem[]): number[] {
  const order = items.map((c) => c.index);
  if (items.length < 2) return order;
  let keys: string[] | null = null; // built only when HS codes cannot decide
  const before = (a: number, b: number): boolean => {
    const ha = items[a]!.hs;
    const hb = items[b]!.hs;
    // The key starts with the HS code: codes that differ before either ends decide alone.
    if (ha !== hb && !ha.startsWith(hb) && !hb.startsWith(ha)) return ha < hb;
    keys ??= items.map((c) => `${c.hs}|${c.item.description}|${c.item.price}|${c.item.quantity}`);
    const ka = keys[a]!;
    const kb = keys[b]!;
    return ka < kb || (ka === kb && a < b);
  };
  // Insertion sort: parcels have a few lines, and the order is total (ties go by position), so any sort gives this result.
  for (let i = 1; i < order.length; i++) {
    const x = order[i]!;
    let j = i - 1;
    while (j >= 0 && before(x, order[j]!)) {
      order[j + 1] = order[j]!;
      j--;
    }
    order[j + 1] = x;
  }
  return order;
}

/** The answer for a declaration that is not assessed: its ref (when a string) and why. */
export function rejectedAssessment(ref: unknown, errors: FieldError[]): Assessment {
  return {
    ref: typeof ref === 'string' ? ref : '',
    status: 'rejected',
    errors,
    route: null,
    reasons: [],
    goodsValueUsd: null,
    deMinimis: { thresholdUsd: null, exempt: false },
    combinedWith: [],
    valuation: null,
    lines: [],
    taxes: null,
    taxesWithoutExemption: null,
    signals: [],
    dataVersions: {},
  };
}

/**
 * Assesses declarations in order; `history` holds declarations already on record that
 * combined taxation must see (the caller leaves out the declarations being assessed).
 * Validate each declaration and link it for combined taxation; group; then value, tax and
 * explain each declaration, so the working data of one declaration is dropped as soon as it
 * is decided (it dies young, which the garbage collector handles cheaply) instead of being
 * kept for the whole batch.
 */
export function assessBatch(inputs: readonly unknown[], reference: Reference, history: readonly HistoryEntry[] = []): Assessment[] {
  const assessAt = linkBatch(inputs, reference, history);
  const out: Assessment[] = [];
  for (let i = 0; i < inputs.length; i++) out.push(assessAt(i)); // a loop, not a spread of assessEach: no generator to resume per declaration
  return out;
}

/**
 * assessBatch, yielding each assessment in order as soon as it is decided, so a caller that
 * writes them out (the CLI on a file of 200,000 declarations) never holds the batch's
 * assessments at once and can wait for its reader. Combined taxation still sees the whole
 * batch: it is linked before the first declaration is decided.
 */
export function* assessEach(inputs: readonly unknown[], reference: Reference, history: readonly HistoryEntry[] = []): Generator<Assessment, void, undefined> {
  const assessAt = linkBatch(inputs, reference, history);
  for (let i = 0; i < inputs.length; i++) yield assessAt(i);
}

/**
 * Validates every declaration of a batch and links the valid personal ones, with the history, for
 * combined taxation; gives the function that decides the declaration at an index.
 */
function linkBatch(inputs: readonly unknown[], reference: Reference, history: readonly HistoryEntry[]): (i: number) => Assessment {
  const n = inputs.length;
  const rejections = new Map<number, Assessment>();
  const combiner = new Combiner(); // personal declarations, then the personal history
  const refs: string[] = []; // of each node
  const nodeOf = new Int32Array(n).fill(-1); // node of each personal declaration
  const inputOfNode: number[] = []; // the batch declaration of each node (history nodes have none)
  const factsOn = dateFactsOf(reference);
  for (let i = 0; i < n; i++) {
    const input = inputs[i];
    const errors = validateDeclaration(input, reference);
    if (errors.length) {
      rejections.set(i, rejectedAssessment((input as { ref?: unknown } | null)?.ref, errors));
      continue;
    }
    const d = input as Declaration;
    if ((d.purpose ?? 'personal') === 'personal') {
      nodeOf[i] = refs.length;
      inputOfNode.push(i);
      refs.push(d.ref);
      combiner.add(combineNodeOf(d, reference, factsOn(d.declaredAt)));
    }
  }
  const historyLimits: (number | null)[] = []; // of each history node, after the batch's nodes
  for (const h of history) {
    if (!h.personal) continue;
    refs.push(h.ref);
    historyLimits.push(h.thresholdUsd);
    combiner.add(historyNode(h, reference.asOf(h.declaredAt)?.thresholds.combineBySameArrivalDate ?? false));
  }
  const batchNodes = inputOfNode.length;
  const groups = combiner.size > 1 ? combiner.groups() : null;
  // What every member of a group shares, worked out once per group (not per member):
  // - its refs, sorted (a member's reasons and combinedWith name the others);
  // - its limit: a combined group is one importation, so its total is compared with the lowest de
  //   minimis of its members, in the batch or on record (a group holding an excluded good has USD
  //   150, as a mixed parcel does, even for US express members).
  const shared = new Map<CombinedGroup, { sortedRefs: string[]; thresholdUsd: number | null }>();
  const sharedOf = (g: CombinedGroup) => {
    let facts = shared.get(g);
    if (!facts) {
      let limit: number | null = null;
      for (const m of g.members) {
        const member = m < batchNodes ? (inputs[inputOfNode[m]!] as Declaration) : null;
        const own = member ? thresholdOfDeclaration(member, factsOn(member.declaredAt).asOf) : (historyLimits[m - batchNodes] ?? null);
        if (own !== null && (limit === null || own < limit)) limit = own;
      }
      shared.set(g, (facts = { sortedRefs: g.members.map((m) => refs[m]!).sort(), thresholdUsd: limit }));
    }
    return facts;
  };

  return (i) => {
    const r = rejections.get(i);
    if (r) return r;
    const self = nodeOf[i]!;
    const group = self >= 0 && groups ? groups[self] : null;
    const d = inputs[i] as Declaration;
    return decide(prepare(d, reference, factsOn(d.declaredAt)), reference, group ? { group, ownRef: refs[self]!, ...sharedOf(group) } : null);
  };
}

/** Assesses one declaration on its own (no batch, no history). */
export function assessDeclaration(input: unknown, reference: Reference, history: readonly HistoryEntry[] = []): Assessment {
  return assessBatch([input], reference, history)[0]!;
}

interface GroupView {
  group: CombinedGroup;
  sortedRefs: string[]; // of every member, sorted
  ownRef: string;
  /** The lowest de minimis of the group's members (batch and history): the limit its total is compared with. */
  thresholdUsd: number | null;
}

const NONE: never[] = [];

// What most assessments share, as frozen values: an assessment keeps only what is its own
// (the batch's assessments stay in memory together, and the collector copies what they hold).
const NO_ERRORS: FieldError[] = Object.freeze([]) as never;
const NO_REFS: string[] = Object.freeze([]) as never;
const deMinimisShared = new Map<number | null, readonly [Assessment['deMinimis'], Assessment['deMinimis']]>();

/**
 * The signals of a declaration, in the order raised, as one frozen array shared by every
 * declaration that raised the same ones in the same order: a tree whose branches are the signal
 * raised next, walked as the signals are raised (no array or key string per declaration). The
 * engine raises them in a fixed order (but for two raised item by item), so the tree holds at most
 * a few thousand lists, and in practice a few dozen.
 */
class RaisedSignals {
  readonly list: readonly EngineSignal[];
  private readonly next = new Map<EngineSignal, RaisedSignals>();
  constructor(list: readonly EngineSignal[]) {
    this.list = Object.freeze(list);
  }
  /** The signals with `s` raised too: each signal once, in the order first raised. */
  raise(s: EngineSignal): RaisedSignals {
    if (this.list.includes(s)) return this;
    let after = this.next.get(s);
    if (!after) this.next.set(s, (after = new RaisedSignals([...this.list, s])));
    return after;
  }
}
const NO_SIGNALS = new RaisedSignals([]);

const NOTHING_OWED = [false, true].map((collected) => Object.freeze({ dutyKrw: 0, exciseKrw: 0, educationKrw: 0, liquorKrw: 0, vatKrw: 0, totalKrw: 0, collected }));

/** Taxes are mostly nothing owed (exempt parcels): those share one frozen object. */
function sharedTaxes(t: Taxes): Taxes {
  if (t.totalKrw !== 0 || t.dutyKrw !== 0 || t.exciseKrw !== 0 || t.educationKrw !== 0 || t.liquorKrw !== 0 || t.vatKrw !== 0) return t;
  return NOTHING_OWED[t.collected ? 1 : 0]!;
}

function deMinimisOf(thresholdUsd: number | null, exempt: boolean): Assessment['deMinimis'] {
  let pair = deMinimisShared.get(thresholdUsd);
  if (!pair) {
    pair = [Object.freeze({ thresholdUsd, exempt: false }), Object.freeze({ thresholdUsd, exempt: true })];
    if (deMinimisShared.size > 100) deMinimisShared.clear(); // thresholds come from the data: a handful
    deMinimisShared.set(thresholdUsd, pair);
  }
  return pair[exempt ? 1 : 0];
}

/** The signals the engine raises for officers (the consent check adds CONSENT_SIGNALS, src/domain/consent.ts). */
export const ENGINE_SIGNALS = [
  'FX_PLACEHOLDER',
  'HS_FROM_CATEGORY',
  'TARIFF_UNKNOWN',
  'DESCRIPTION_INCOMPLETE',
  'COMBINED',
  'AMOUNT_PAID_MISMATCH',
  'QUANTITY_OVER_SELF_USE',
  'QUANTITY_UNMEASURED',
  'NEAR_DE_MINIMIS',
  'NO_SELLER',
  'PROHIBITED_GOODS',
] as const;
export type EngineSignal = (typeof ENGINE_SIGNALS)[number];

const reasonWriter = new ReasonWriter(); // the reasons of the declaration being decided

function decide(p: Prepared, reference: Reference, combined: GroupView | null): Assessment {
  const { d, asOf } = p;
  const t = asOf.thresholds;
  const R = reference.reasonTemplates;
  const reasons = reasonWriter;
  reasons.start(R);
  let signals = NO_SIGNALS;
  const currency = d.order.currency.toUpperCase();

  // Facts that decide the route.
  let prohibitedCount = 0;
  let excludedCount = 0;
  let someNotExcluded = false;
  for (const c of p.items) {
    prohibitedCount += c.prohibited.length;
    if (c.exclusions.length) excludedCount++; // items, not rules: compared with the item count below
    if (c.exclusions.length === 0) someNotExcluded = true;
  }
  // A per-litre liquor tax (beer, 탁주, 주정: 주세법 제8조) without the volume cannot be computed:
  // the parcel is held until the declaration says it, rather than cleared with the tax left out.
  let volumeMissing: ClassifiedItem[] | null = null;
  for (const c of p.items) if (c.liquor && c.liquor.adValoremRate === undefined && c.totalVolumeMl <= 0) (volumeMissing ??= []).push(c);
  const holdBreaches = p.breaches.length ? p.breaches.filter((b) => b.rule.overAction === 'hold') : NONE;
  const taxedBreaches = p.breaches.length ? p.breaches.filter((b) => b.rule.overAction === 'taxed') : NONE;
  const ownWithin = p.thresholdUsd !== null && withinUsd(p.goods, p.thresholdUsd);
  const combinedCents = combined ? combined.group.totalCents : Math.round(p.goods.goodsValueUsd * 100);
  // The group's limit (GroupView), not this declaration's own: one total cannot be both over and within.
  const groupLimit = combined && p.thresholdUsd !== null ? Math.min(p.thresholdUsd, combined.thresholdUsd ?? p.thresholdUsd) : p.thresholdUsd;
  const combinedOver = !!combined && groupLimit !== null && combinedCents > groupLimit * 100;
  const exempt = p.personal && taxedBreaches.length === 0 && ownWithin && !combinedOver;
  const modeAllowsList = t.listClearanceModes.includes(d.shipment.mode);
  // The other declarations of the group, sorted (the reasons and combinedWith name them).
  const others = combined ? othersOf(combined) : null;
  const othersText = others ? refsText(others) : null;

  let route: Route;
  if (prohibitedCount || holdBreaches.length || volumeMissing) route = 'hold';
  else if (p.listEligible && exempt) route = 'list';
  else route = 'general';

  // Taxes: what is owed, and what would be owed without the exemption.
  const vatRate = asOf.vat.rules.rate;
  const fullLines = p.bases.map((b) => taxLine(b, vatRate, false));
  const fullTaxes = totalTaxes(fullLines, t.rounding.taxUnitKrw, t.minimumCollectionKrw);
  const lines = exempt ? p.bases.map((b) => taxLine(b, vatRate, true)) : fullLines;
  const taxes: Taxes = exempt ? totalTaxes(lines, t.rounding.taxUnitKrw, t.minimumCollectionKrw) : fullTaxes;
  // Amounts go to the reasons as numbers: the texts format them when read (PARAM_FORMATS, explain.ts).
  const goodsKrw = p.goods.goodsValueKrw;
  const freightKrw = p.freight.freightKrw;

  // 1. Why this route.
  const listVia = route === 'list' ? (LIST_CLEARANCE_VIA[d.shipment.mode] ?? LIST_CLEARANCE_VIA.express!) : null;
  if (listVia) reasons.say('ROUTE_LIST', [listVia.ko, listVia.en, listVia.law]);
  else reasons.say(route === 'general' ? 'ROUTE_GENERAL' : 'ROUTE_HOLD', []);
  if (prohibitedCount) {
    for (const c of p.items) for (const m of c.prohibited) reasons.say('HOLD_PROHIBITED', [c.index + 1, c.item.description, m.rule.ko, m.rule.en, matchedText(m, asOf.categories, 'ko'), m.rule.ref, matchedText(m, asOf.categories, 'en')]);
  }
  for (const b of holdBreaches) reasons.say('HOLD_QUANTITY', [b.rule.ko, b.rule.en, b.measured, b.rule.max, unitOf(b.rule.measure).ko, b.rule.ref, unitOf(b.rule.measure).en]);
  if (volumeMissing) for (const c of volumeMissing) reasons.say('HOLD_LIQUOR_VOLUME', [c.index + 1, c.liquor!.ko, c.liquor!.en, c.liquor!.ref]);
  if (!p.personal) reasons.say('GENERAL_BUSINESS', []);
  if (p.personal && !modeAllowsList) reasons.say('GENERAL_MODE', [d.shipment.mode, MODE_KO[d.shipment.mode] ?? d.shipment.mode]);
  if (excludedCount) {
    for (const c of p.items) for (const m of c.exclusions) reasons.say('GENERAL_EXCLUDED', [c.index + 1, c.item.description, m.rule.ko, m.rule.en, matchedText(m, asOf.categories, 'ko'), m.rule.ref, matchedText(m, asOf.categories, 'en')]);
  }
  if (excludedCount && excludedCount < p.items.length && someNotExcluded) reasons.say('GENERAL_MIXED_PARCEL', []);
  for (const b of taxedBreaches) reasons.say('QUANTITY_EXEMPTION_LOST', [b.rule.ko, b.rule.en, b.measured, b.rule.max, unitOf(b.rule.measure).ko, b.rule.ref, unitOf(b.rule.measure).en]);
  // A limit by volume or weight on an item that declares neither ([별표11]): decided as within it,
  // and the declaration is asked for the measure (a per-litre liquor without it is held above).
  const measurable = findUnmeasuredLimits(p.items);
  const unmeasured = volumeMissing ? measurable.filter((u) => !volumeMissing.includes(u.c)) : measurable;
  for (const u of unmeasured) {
    const field = MEASURE_FIELDS[u.rule.measure as 'volumeMl' | 'weightG'];
    reasons.say('QUANTITY_UNMEASURED', [u.c.index + 1, u.rule.ko, u.rule.en, field.ko, field.en, u.rule.ref]);
  }

  // 2. The value compared with the de minimis.
  const usdCents = Math.round(p.goods.goodsValueUsd * 100); // what formatDecimal2 prints of the goods value
  // A rate quoted per 100 units (KCS: JPY per 100 yen) is written "940.12/100", so that the product reads right.
  // The value in won once; in dollars (the limit's currency) only when declared in another currency, on a
  // line of its own with its own arithmetic (goodsValueUsdOf: through won at the week's rates, domain rules
  // §1.2). Before, every value ended "= KRW … = USD …", a dollar value repeating the one declared.
  const goodsRate = p.goods.units === 1 ? rateText(p.rate) : `${rateText(p.rate)}/${p.goods.units}`;
  // An order paid in won is not converted (rate 1): its value in won, then in dollars at the USD rate.
  if (currency === 'KRW') {
    reasons.say('GOODS_VALUE_KRW', [goodsKrw]);
    reasons.say('GOODS_VALUE_USD_FROM_KRW', [p.goods.totalHundredths / 100, rateText(p.fx.rates.USD!), p.week, p.goods.goodsValueUsd]);
  } else {
    reasons.say('GOODS_VALUE', [currency, p.goods.totalHundredths / 100, goodsRate, p.week, goodsKrw]);
    if (!p.goods.isUsd) reasons.say('GOODS_VALUE_USD', [currency, p.goods.totalHundredths / 100, goodsRate, rateText(p.fx.rates.USD!), p.goods.goodsValueUsd]);
  }
  // A gift or sample declared at its price with no discount is counted at no charge (lineValueHundredths: the
  // equal discount of seed 002 taken for it): say so, or the goods value reads less than the items' prices.
  for (let i = 0; i < d.items.length; i++) {
    const item = d.items[i]!;
    if (item.gift && item.discount === undefined && item.price > 0) reasons.say('GIFT_NO_CHARGE', [i + 1, currency, (toHundredths(item.price) * item.quantity) / 100]);
  }
  if (isPlaceholderRate(p.fx, currency)) {
    reasons.say('FX_PLACEHOLDER', [p.week]);
    signals = signals.raise('FX_PLACEHOLDER');
  }
  if (p.thresholdUsd === null) reasons.say('DE_MINIMIS_NONE_BUSINESS', []);
  else {
    if (p.usExpress) reasons.say('DE_MINIMIS_US_EXPRESS', [p.thresholdUsd]);
    // Shipped from the US and yet USD 150: the USD 200 is a KORUS special case of list clearance for
    // express consignments only; by post or as cargo, or with goods excluded from list clearance
    // (수입신고), every origin has USD 150 (domain rules §1.1; seed 002: 미국 $200 — 목록통관
    // 배제대상품목 제외). Said where the limit decided (over it), not where a self-use quantity did.
    else if (!taxedBreaches.length && (!ownWithin || combinedOver) && p.thresholdUsd < t.usExpressDeMinimisUsd && t.usExpressShipFrom.includes(d.shipment.shipFrom.toUpperCase())) {
      const law = [t.refs.usExpress, t.refs.deMinimis].filter(Boolean).join('; ');
      const mode = d.shipment.mode;
      if (!t.usExpressModes.includes(mode)) {
        const phrase = US_NOT_EXPRESS_MODE[mode] ?? { ko: `${mode}(으)로 반입되어`, en: `sent as ${mode}` };
        reasons.say('DE_MINIMIS_US_NOT_EXPRESS', [phrase.ko, phrase.en, p.thresholdUsd, t.usExpressDeMinimisUsd, law]);
      } else if (excludedCount) reasons.say('DE_MINIMIS_US_EXCLUDED', [p.thresholdUsd, t.usExpressDeMinimisUsd, law]);
    }
    if (combined) {
      const grounds = [...combined.group.grounds].map((g) => groundText[g]);
      reasons.say(combinedOver ? 'COMBINED_OVER_DE_MINIMIS' : 'COMBINED_WITHIN_DE_MINIMIS', [
        othersText!.ko,
        combinedCents / 100,
        groupLimit ?? p.thresholdUsd,
        grounds.map((g) => g.ko).join(', '),
        grounds.map((g) => g.en).join(', '),
        othersText!.en,
      ]);
    }
    if (exempt) reasons.say('DE_MINIMIS_EXEMPT', [usdCents / 100, p.thresholdUsd]);
    else if (!ownWithin) reasons.say('DE_MINIMIS_EXCEEDED', [overLimitUsdText(p.goods, usdCents, p.thresholdUsd), p.thresholdUsd]);
  }

  // 3. Classification and valuation.
  for (const b of p.bases) {
    const c = b.c;
    if (c.hsSource === 'category') {
      // The category's names, not its code: a consumer reads "신발", not "shoes".
      const category = asOf.categories.get(c.item.category ?? '');
      const code = c.item.category ?? '';
      reasons.say('HS_FROM_CATEGORY', [c.index + 1, category?.ko ?? code, category ? plainCategoryName(category.en) : code, c.hs]);
    }
    if (!c.tariff) {
      reasons.say('TARIFF_UNKNOWN', [c.index + 1, c.hs]);
      signals = signals.raise('TARIFF_UNKNOWN');
    } else if (c.tariffHs.length === 2) reasons.say('TARIFF_CHAPTER_DEFAULT', [c.index + 1, c.hs, c.tariffHs, pct(c.tariff.basic)]);
    // A line flagged uncertain in data/tariff.json is an estimate too: the consumer is told so.
    else if (c.tariff.uncertain) reasons.say('TARIFF_UNCERTAIN', [c.index + 1, c.hs, c.tariffHs, pct(c.tariff.basic)]);
    if (informativeTokenCount(c.item.description) < 2) signals = signals.raise('DESCRIPTION_INCOMPLETE');
  }
  // The zone by its name in each language (data/freight.json: '기타' / 'Other countries'), not its code ('OTHER').
  const zone = asOf.freight.table.zones.find((z) => z.zone === p.freight.zone);
  reasons.say(p.freight.basis === 'sea-parcel' ? 'FREIGHT_SEA_PARCEL' : 'FREIGHT_EXPRESS', [zone?.ko ?? p.freight.zone, d.shipment.grossWeightKg, freightKrw, goodsKrw, t.freightSwitchKrw, zone?.en ?? p.freight.zone]);
  reasons.say('TAXABLE_VALUE', [goodsKrw, freightKrw, p.insuranceKrw, p.taxableValueKrw]);

  // 4. Each tax, with its formula filled in (on what is owed, or would be owed).
  // An agreement claimed for a parcel the de minimis exempts changes nothing owed: said first, so that the
  // agreement's rate below reads as what it is, the rate without the exemption (seed 002: 목록통관 건, 일반통관
  // 건 중 $150 이하는 FTA 신청하지 않아도 됩니다).
  if (p.fta && exempt) reasons.say('FTA_NOT_NEEDED_EXEMPT', [p.fta.agreement!.code, p.thresholdUsd ?? 0]);
  if (p.fta) {
    if (p.fta.failure) reasons.add(renderReasonNamed(R, p.fta.failure.code, p.fta.failure.params));
    else {
      for (const b of p.bases) {
        const ag = p.fta.agreement!.code;
        if (!p.fta.originates(b.c.item.originCountry)) reasons.say('FTA_NOT_APPLIED_ORIGIN', [b.c.index + 1, ag, b.c.item.originCountry ?? '-']);
        else if (b.rateType === 'fta') {
          // On an estimated line (a chapter default or one flagged uncertain) the agreement's rate is an estimate too.
          const t = b.c.tariff!;
          if (t.uncertain || b.c.tariffHs.length === 2) reasons.say('FTA_APPLIED_ESTIMATE', [b.c.index + 1, ag, pct(b.dutyRate), pct(t.basic), b.c.tariffHs]);
          else reasons.say('FTA_APPLIED', [b.c.index + 1, ag, pct(b.dutyRate), pct(t.basic)]);
        }
        // A line without this agreement's rate in data/tariff.json (a chapter default, most estimated
        // lines): not "no lower rate" but "not known here", which the consumer should check.
        else if (b.c.tariff && b.c.tariff.basic > 0 && b.c.tariff.fta?.[ag] === undefined) reasons.say('FTA_RATE_UNKNOWN', [b.c.index + 1, ag, b.c.hs, pct(b.c.tariff.basic)]);
        else reasons.say('FTA_NO_BENEFIT', [b.c.index + 1, ag]);
      }
    }
  }
  // Taxed, no agreement claimed, and a line that originates in a partner and travelled directly from one:
  // its preferential rate is there for the asking, before 수리 (domain rules §5; seed 002: 관부가세가
  // 발생하였다면 FTA 신청을 해보세요), which the consumer is told with the proof its value calls for.
  else if (!exempt) {
    for (let k = 0; k < p.bases.length; k++) {
      const b = p.bases[k]!;
      const tariff = b.c.tariff;
      if (!tariff || b.dutyRate <= 0) continue;
      const chance = unclaimedFta(d, b.c.item.originCountry, asOf.fta, p.fx, reference.fxUnits, { goods: p.goods.goodsValueKrw, taxable: p.taxableValueKrw });
      const rate = chance ? tariff.fta?.[chance.agreement.code] : undefined;
      if (!chance || rate === undefined || rate >= b.dutyRate) continue;
      // What the claim would save on this line: the duty, and every tax on a base that holds it (excise over its
      // threshold and its education tax, an ad valorem liquor tax, VAT), each per line to the won as computed.
      const saving = lineTotal(fullLines[k]!) - lineTotal(taxLine({ ...b, dutyRate: rate, rateType: 'fta' }, vatRate, false));
      reasons.say('FTA_NOT_CLAIMED', [b.c.index + 1, chance.agreement.code, b.c.item.originCountry!.toUpperCase(), pct(rate), pct(b.dutyRate), chance.proofKo, chance.proofEn, chance.law, saving]);
    }
  }
  // The lines shown are those without the exemption (fullLines is lines when there is none),
  // but for liquor taxes, which an exempt parcel still owes: its line gives what is owed.
  for (let k = 0; k < fullLines.length; k++) {
    const l = fullLines[k]!;
    const c = p.items[l.index]!;
    // Exempt: the duty is 0, and what the line gives is what it would be without the exemption (said so,
    // not as a duty owed beside a liquor line that adds no duty to its base).
    reasons.say(exempt ? 'DUTY_LINE_EXEMPT' : 'DUTY_LINE', [l.index + 1, l.hsCode, pct(l.dutyRate), l.taxableValueKrw, l.dutyKrw, l.rateType === 'fta' ? 'FTA 관세특례법 제5조' : '관세법 제50조']);
    if (l.exciseKrw > 0 && c.excise) {
      reasons.say('EXCISE_LINE', [
        l.index + 1,
        c.excise.ko,
        c.excise.en,
        c.excise.thresholdKrw,
        Math.max(1, c.units),
        l.taxableValueKrw + l.dutyKrw,
        l.exciseKrw,
        pct(c.excise.rate),
        applyRate(l.exciseKrw, c.excise.educationRate),
        pct(c.excise.educationRate),
      ]);
    }
    if (c.liquor) {
      // The line owed (lines, not fullLines): an exempt bottle pays liquor taxes on a base without duty.
      const owed = lines[k]!;
      const f = liquorFormula(c.liquor, owed.taxableValueKrw + owed.dutyKrw, c.totalVolumeMl);
      reasons.say('LIQUOR_LINE', [l.index + 1, c.liquor.ko, c.liquor.en, owed.liquorKrw, pct(c.liquor.educationRate), c.liquor.ref, f.ko, f.en, applyRate(owed.liquorKrw, c.liquor.educationRate)]);
    }
    if (c.vatExempt) reasons.say('VAT_EXEMPT_BOOKS', [l.index + 1]);
  }
  const sums = lineSums(fullLines);
  let vatBase = 0;
  for (const l of fullLines) if (!p.items[l.index]!.vatExempt) vatBase += l.taxableValueKrw + l.dutyKrw + l.exciseKrw + l.educationKrw + l.liquorKrw;
  reasons.say(exempt ? 'VAT_TOTAL_EXEMPT' : 'VAT_TOTAL', [sums.vatKrw, pct(vatRate), vatBase]);
  // Tobacco (the exclusion list's TOBACCO: 담배사업법's 담배 by HS 2401–2404, category or name) owes taxes the
  // engine does not compute — 개별소비세, 담배소비세·지방교육세, 국민건강증진부담금, by quantity (domain rules §4.4:
  // "plus tobacco taxes"; data/tariff.json's 2402 line) — so the taxes shown leave them out and say so.
  let tobaccoItems: number[] | null = null;
  for (const c of p.items) if (c.exclusions.some((m) => m.rule.code === 'TOBACCO')) (tobaccoItems ??= []).push(c.index + 1);
  if (tobaccoItems) reasons.say('TOBACCO_TAXES_NOT_COMPUTED', [tobaccoItems.join(', ')]);
  // What is paid per tax, and why it can be a few won under the lines' sum (a total truncated to the tax unit).
  // An exempt parcel that still owes (the liquor taxes of one bottle, domain rules §1.3) says it of what it owes:
  // its liquor line and LIQUOR_TAXES_STILL_DUE differ by that truncation too.
  const paid = exempt ? taxes : fullTaxes;
  if (paid.totalKrw > 0) {
    const paidSums = exempt ? lineSums(lines) : sums;
    reasons.say('TAX_TOTAL', [new TaxBreakdown(paidSums, paid, 'ko'), new TaxBreakdown(paidSums, paid, 'en'), paid.totalKrw, t.rounding.taxUnitKrw, t.refs.rounding ?? '국고금 관리법 제47조']);
  }
  // Due only when collected: under the minimum (MINIMUM_COLLECTION, next) they are not, and "still due" would say otherwise.
  if (exempt && taxes.liquorKrw > 0 && taxes.collected) reasons.say('LIQUOR_TAXES_STILL_DUE', [taxes.liquorKrw + taxes.educationKrw]);
  if (taxes.totalKrw > 0 && !taxes.collected) reasons.say('MINIMUM_COLLECTION', [taxes.totalKrw, t.minimumCollectionKrw]);
  // A taxed personal postal parcel within the 간이수입신고 limit: the post office may apply the 간이세율
  // (관세법 제81조, 시행령 [별표2]; domain rules §4.7) instead of the general rates estimated here. Its
  // figures are UNCERTAIN (data/simplified-rates.json), so the estimate stays on the general rates and
  // says what the simplified ones would give.
  const simplified = asOf.simplified;
  let simplifiedUsed = false;
  if (simplified && route !== 'hold' && !exempt && p.personal && simplified.rules.modes.includes(d.shipment.mode) && p.goods.goodsValueUsd <= simplified.rules.maxGoodsValueUsd.value) {
    const groups = simplifiedGroupsOf(p.items, simplified.rules.rates);
    let owed = 0;
    for (const l of fullLines) owed += applyRate(l.taxableValueKrw, groups.rateOf[l.index]!.rate); // 과세가격 × 간이세율, per line to the won
    owed = Math.floor(owed / t.rounding.taxUnitKrw) * t.rounding.taxUnitKrw; // 국고금 관리법 제47조
    reasons.say('POSTAL_SIMPLIFIED_RATE', [simplified.rules.maxGoodsValueUsd.value, taxes.totalKrw, new SimplifiedRatesText(groups, 'ko'), new SimplifiedRatesText(groups, 'en'), p.taxableValueKrw, owed, t.rounding.taxUnitKrw, simplified.rules.ref]);
    simplifiedUsed = true;
  }

  // 5. What to do next.
  const owed = taxes.collected ? taxes.totalKrw : 0;
  if (route === 'hold') {
    if (prohibitedCount) reasons.say('NEXT_HOLD_PROHIBITED', [owed]);
    else if (holdBreaches.length) reasons.say('NEXT_HOLD_QUANTITY', [owed]);
    else reasons.say('NEXT_HOLD_LIQUOR_VOLUME', [volumeMissing!.map((c) => c.index + 1).join(', '), owed]);
  }
  // Disputing the combination helps only a parcel the combination alone made taxable: one over a self-use
  // quantity ([별표11]: perfume over 60 ml, a second bottle of liquor) is taxed on its own (NEXT_PAY_QUANTITY below).
  // Nothing to pay as computed here, but the tobacco taxes left out: not "nothing to do".
  else if (tobaccoItems && owed === 0) reasons.say('NEXT_TOBACCO_TAXES', [owed]);
  else if (owed > 0 && combinedOver && ownWithin && !taxedBreaches.length) reasons.say('NEXT_PAY_OR_DISPUTE_COMBINATION', [owed, groupLimit ?? 0, othersText!.ko, othersText!.en]);
  else if (owed > 0) {
    if (p.thresholdUsd === null) reasons.say('NEXT_PAY_BUSINESS', [owed]);
    else if (exempt) reasons.say('NEXT_PAY_LIQUOR', [owed]); // duty and VAT exempt: what is owed is liquor taxes
    // Within the value limit and taxed all the same: the advice on splitting purchases does not apply.
    else if (ownWithin && taxedBreaches.length) reasons.say('NEXT_PAY_QUANTITY', [owed]);
    // An FTA claim refused for its proof alone (FTA_NOT_APPLIED_PROOF / _TYPE): the rate can still be had with
    // the right proof, before acceptance or within a year after it (FTA 관세특례법 제9조 사후적용).
    else if (p.fta?.agreement && (p.fta.failure?.code === 'FTA_NOT_APPLIED_PROOF' || p.fta.failure?.code === 'FTA_NOT_APPLIED_PROOF_TYPE')) reasons.say('NEXT_PAY_FTA_PROOF', [owed, p.fta.agreement.code]);
    else reasons.say('NEXT_PAY', [owed, p.thresholdUsd]);
  }
  else if (exempt) {
    // What the exemption saves; a total under the minimum would not be collected anyway (관세법 제40조).
    const wouldBe = fullTaxes.totalKrw;
    if (fullTaxes.collected) {
      if (listVia) reasons.say('NEXT_NONE_LIST', [p.thresholdUsd ?? 0, wouldBe, listVia.nextLaw]);
      else reasons.say('NEXT_NONE_EXEMPT', [p.thresholdUsd ?? 0, wouldBe]);
    } else if (listVia) reasons.say('NEXT_NONE_LIST_BELOW_MINIMUM', [p.thresholdUsd ?? 0, wouldBe, t.minimumCollectionKrw, listVia.nextLaw]);
    else reasons.say('NEXT_NONE_EXEMPT_BELOW_MINIMUM', [p.thresholdUsd ?? 0, wouldBe, t.minimumCollectionKrw]);
  }
  // Nothing computed at all (a book: 0% duty and VAT exempt, 부가가치세법 제27조): not the collection
  // minimum of 관세법 제40조, which only a total above zero and under it meets.
  else if (taxes.totalKrw === 0) reasons.say('NEXT_NONE_ZERO_TAX', []);
  else reasons.say('NEXT_NONE_NOT_COLLECTED', []);

  // Rule-based signals for officers (the risk engine adds its own).
  if (p.thresholdUsd !== null && ownWithin && p.goods.goodsValueUsd >= p.thresholdUsd * 0.9) signals = signals.raise('NEAR_DE_MINIMIS');
  if (!d.parties?.seller) signals = signals.raise('NO_SELLER');
  if (prohibitedCount) signals = signals.raise('PROHIBITED_GOODS');
  if (holdBreaches.length || taxedBreaches.length) signals = signals.raise('QUANTITY_OVER_SELF_USE');
  if (unmeasured.length) signals = signals.raise('QUANTITY_UNMEASURED');
  if (combined) signals = signals.raise('COMBINED');
  if (d.order.amountPaid !== undefined && Math.abs(d.order.amountPaid * 100 - p.goods.totalHundredths) > Math.max(100, p.goods.totalHundredths * 0.05)) signals = signals.raise('AMOUNT_PAID_MISMATCH');
  if (p.items.some((c) => c.hsSource === 'category')) signals = signals.raise('HS_FROM_CATEGORY');

  return {
    ref: d.ref,
    status: 'assessed',
    errors: NO_ERRORS,
    route,
    reasons: reasons.toArray(),
    goodsValueUsd: p.goods.goodsValueUsd,
    deMinimis: deMinimisOf(groupLimit, exempt), // the limit that decided: the group's when combined
    combinedWith: others ?? NO_REFS,
    valuation: {
      currency,
      exchangeRate: p.rate,
      rateWeekStart: p.week,
      goodsValueKrw: p.goods.goodsValueKrw,
      freightKrw: p.freight.freightKrw,
      freightBasis: p.freight.basis,
      insuranceKrw: p.insuranceKrw,
      taxableValueKrw: p.taxableValueKrw,
    },
    lines,
    taxes: sharedTaxes(taxes),
    taxesWithoutExemption: exempt ? sharedTaxes(fullTaxes) : null,
    signals: signals.list as string[],
    dataVersions: simplifiedUsed ? asOf.simplified!.dataVersions : asOf.dataVersions, // shared per date (frozen)
  };
}

/** Every tax of one line, to the won (before the totals are truncated to the tax unit). */
function lineTotal(l: AssessedLine): number {
  return l.dutyKrw + l.exciseKrw + l.educationKrw + l.liquorKrw + l.vatKrw;
}

/** The 간이세율 group of each line (by item index): the longest HS prefix of a group, else the group with none (기타). */
function simplifiedGroupsOf(items: readonly ClassifiedItem[], rates: readonly SimplifiedRate[]): { rateOf: SimplifiedRate[]; items: ClassifiedItem[] } {
  const fallback = rates.find((r) => r.hsPrefixes.length === 0) ?? rates[rates.length - 1]!;
  const rateOf: SimplifiedRate[] = [];
  for (const c of items) {
    let best = fallback;
    let bestLength = 0;
    for (const r of rates) for (const prefix of r.hsPrefixes) if (prefix.length > bestLength && c.hs.startsWith(prefix)) ((best = r), (bestLength = prefix.length));
    rateOf[c.index] = best;
  }
  return { rateOf, items: items as ClassifiedItem[] };
}

/** The simplified rates of a parcel's lines, written when read: "신발·의류 25%" or, of several groups, "신발·의류 25%(품목 1), 기타 20%(품목 2)". */
class SimplifiedRatesText implements TextWhenRead {
  readonly #groups: { rateOf: SimplifiedRate[]; items: ClassifiedItem[] };
  readonly #lang: 'ko' | 'en';
  constructor(groups: { rateOf: SimplifiedRate[]; items: ClassifiedItem[] }, lang: 'ko' | 'en') {
    this.#groups = groups;
    this.#lang = lang;
  }
  text(): string {
    const byGroup = new Map<SimplifiedRate, number[]>();
    for (const c of this.#groups.items) {
      const r = this.#groups.rateOf[c.index]!;
      const list = byGroup.get(r) ?? [];
      list.push(c.index + 1);
      byGroup.set(r, list);
    }
    const ko = this.#lang === 'ko';
    const parts: string[] = [];
    for (const [r, lines] of byGroup) {
      const name = `${ko ? r.ko : r.en} ${pct(r.rate)}`;
      parts.push(byGroup.size === 1 ? name : ko ? `${name}(품목 ${lines.join(', ')})` : `${name} (item ${lines.join(', ')})`);
    }
    return parts.join(ko ? ', ' : '; ');
  }
}

/**
 * The goods value in USD said over the limit: to the cent (a number, which the reason writes with two
 * decimals), unless the cents round it down to the limit itself (JPY 23,025 = USD 150.0021 would read
 * "USD 150.00 is over USD 150"): then to 4 places.
 */
function overLimitUsdText(g: GoodsValue, usdCents: number, thresholdUsd: number): number | string {
  if (usdCents > thresholdUsd * 100) return usdCents / 100;
  const exact = ((g.totalHundredths / 100) * (g.rate / g.units)) / g.usdRate;
  return exact.toLocaleString('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });
}

/** The other members of a group, sorted: the group's sorted refs less one occurrence of this declaration's own. */
function othersOf(g: GroupView): string[] {
  const k = g.sortedRefs.indexOf(g.ownRef);
  return k < 0 ? g.sortedRefs : g.sortedRefs.slice(0, k).concat(g.sortedRefs.slice(k + 1));
}

/**
 * The refs a reason names: all of a small group; of a large one (a reseller's hundreds of parcels
 * from one seller on one day) the first NAMED_REFS and how many more, so that each reason stays
 * readable and a group of n does not write n² refs into its reasons (combinedWith lists them all).
 */
export const NAMED_REFS = 10;
export function refsText(refs: readonly string[]): Bilingual {
  if (refs.length <= NAMED_REFS) {
    const all = refs.join(', ');
    return { ko: all, en: all };
  }
  const named = refs.slice(0, NAMED_REFS).join(', ');
  const more = formatKrw(refs.length - NAMED_REFS);
  return { ko: `${named} 외 ${more}건`, en: `${named} and ${more} more` };
}

const groundText = {
  bl: { ko: '하나의 B/L 분할', en: 'one B/L split' },
  'supplier-date': { ko: '같은 공급자·같은 구매일', en: 'same supplier, same purchase date' },
  'arrival-date': { ko: '같은 입항일(2022-11-16 이전 규정)', en: 'same arrival date (rule before 2022-11-17)' },
} as const;

const pctText = new Map<number, string>(); // rates come from the data: a few dozen
const rateTexts = new Map<number, string>(); // exchange rates: a handful per week

function rateText(rate: number): string {
  let text = rateTexts.get(rate);
  if (text === undefined) {
    text = formatRate(rate);
    if (rateTexts.size > 1000) rateTexts.clear();
    rateTexts.set(rate, text);
  }
  return text;
}

function pct(rate: number): string {
  let text = pctText.get(rate);
  if (text === undefined) {
    text = `${Math.round(rate * 10_000) / 100}%`;
    if (pctText.size > 1000) pctText.clear();
    pctText.set(rate, text);
  }
  return text;
}

/**
 * How a list-cleared parcel is released, by its mode (ROUTE_LIST, and the law of NEXT_NONE_LIST*): an express
 * consignment on the courier's manifest list (특송물품 수입통관 사무처리에 관한 고시); a postal item once the
 * customs post office has given customs its list of mail and customs has examined it (관세법 제257조; 국제우편물
 * 수입통관 사무처리에 관한 고시), with no courier and under another notice.
 */
const LIST_CLEARANCE_VIA: Record<string, Bilingual & { law: string; nextLaw: string }> = {
  express: {
    ko: '통관목록 제출만으로 반출됩니다',
    en: "released on the courier's manifest list without an import declaration",
    law: '특송물품 수입통관 사무처리에 관한 고시 (목록통관); 관세법 제241조②',
    nextLaw: '특송물품 수입통관 사무처리에 관한 고시 (목록통관)',
  },
  postal: {
    ko: '통관우체국이 세관에 우편물목록을 제출하고 세관 검사를 받는 것만으로 수입신고 없이 배달됩니다',
    en: 'delivered without an import declaration once the customs post office has listed it for customs and customs has examined it',
    law: '국제우편물 수입통관 사무처리에 관한 고시; 관세법 제241조②; 관세법 제257조',
    nextLaw: '국제우편물 수입통관 사무처리에 관한 고시; 관세법 제257조',
  },
};

/** The shipping modes as a Korean reader names them (GENERAL_MODE; the English text keeps the field value). */
const MODE_KO: Record<string, string> = { express: '특송', postal: '우편', cargo: '일반 수입화물' };

/** How a parcel from the US came when it was not by express (DE_MINIMIS_US_NOT_EXPRESS). */
const US_NOT_EXPRESS_MODE: Record<string, Bilingual> = {
  postal: { ko: '우편물로 반입되어', en: 'sent by post' },
  cargo: { ko: '일반 수입화물로 반입되어', en: 'shipped as cargo' },
};

/** The unit of a self-use limit: counts are in bottles ([별표11]: 건강기능식품·의약품 6병, 주류·향수 1병). */
const UNITS: Record<QuantityMeasure, Bilingual> = { count: { ko: '병', en: ' bottle(s)' }, volumeMl: { ko: 'ml', en: ' ml' }, weightG: { ko: 'g', en: ' g' } };
function unitOf(measure: QuantityMeasure): Bilingual {
  return UNITS[measure];
}
type QuantityMeasure = 'count' | 'volumeMl' | 'weightG';
/** The field a limit by volume or weight needs, as QUANTITY_UNMEASURED names it. */
/**
 * What matched a rule, as the reason names it: a keyword in quotes as the text has it ("홍삼"), an
 * HS heading as such (HS 2106), a 품목 category by its name in the reader's language (신고 품목
 * 비타민(영양제) / declared category Vitamin supplements), not by its code ("vitamin").
 */
function matchedText(m: Match<unknown>, categories: ReadonlyMap<string, CategoryMapping>, lang: 'ko' | 'en'): string {
  if (m.by === 'hs') return m.detail;
  const key = `${m.by}\u0000${lang}\u0000${m.detail}`;
  let text = matchedTexts.get(key);
  if (text === undefined) {
    const category = m.by === 'category' ? categories.get(m.detail) : undefined;
    if (!category) text = `"${m.detail}"`;
    else text = lang === 'ko' ? `신고 품목 ${category.ko}` : `declared category ${plainCategoryName(category.en)}`;
    if (matchedTexts.size > 10_000) matchedTexts.clear(); // keywords and categories come from the data; bounded anyway
    matchedTexts.set(key, text);
  }
  return text;
}
const matchedTexts = new Map<string, string>();

const MEASURE_FIELDS: Record<'volumeMl' | 'weightG', Bilingual> = {
  volumeMl: { ko: '한 단위의 용량(ml, volumeMl)', en: 'volume of one unit (ml, volumeMl)' },
  weightG: { ko: '한 단위의 중량(g, weightG)', en: 'weight of one unit (g, weightG)' },
};

/** What combined taxation needs to remember of an assessed declaration (with its own de minimis, not its group's). */
export function historyEntryOf(d: Declaration, a: Assessment, reference: Reference): HistoryEntry {
  return {
    ...combinationKeysOf(d),
    declaredAt: d.declaredAt,
    goodsValueUsd: a.goodsValueUsd ?? 0,
    personal: (d.purpose ?? 'personal') === 'personal',
    thresholdUsd: thresholdOfDeclaration(d, reference.asOf(d.declaredAt)!), // validation guarantees reference data on the date
  };
}


/** TAX_TOTAL's terms, in the order the reason names them. */
const TAX_TERMS = [
  { ko: '관세', en: 'duty', key: 'dutyKrw' },
  { ko: '개별소비세', en: 'excise', key: 'exciseKrw' },
  { ko: '교육세', en: 'education tax', key: 'educationKrw' },
  { ko: '주세', en: 'liquor tax', key: 'liquorKrw' },
  { ko: '부가가치세', en: 'VAT', key: 'vatKrw' },
] as const;
// Pieces of the text being joined (one flat string, as explain.ts renders texts); emptied after each use.
const breakdownParts: string[] = [];

/**
 * TAX_TOTAL's terms in one language: each tax owed, with the lines' sum in brackets where truncation
 * changed it. Written when the reason's text is read, as its amounts are (explain.ts): a batch keeps
 * the sums, not two texts per taxed declaration.
 */
class TaxBreakdown implements TextWhenRead {
  readonly #sums: ReturnType<typeof lineSums>;
  readonly #taxes: Taxes;
  readonly #lang: 'ko' | 'en';
  constructor(sums: ReturnType<typeof lineSums>, taxes: Taxes, lang: 'ko' | 'en') {
    this.#sums = sums;
    this.#taxes = taxes;
    this.#lang = lang;
  }
  text(): string {
    const ko = this.#lang === 'ko';
    const parts = breakdownParts;
    for (const term of TAX_TERMS) {
      const sum = this.#sums[term.key];
      if (sum === 0) continue;
      const owed = this.#taxes[term.key];
      if (parts.length) parts.push(' + ');
      const owedText = formatKrw(owed);
      if (ko) parts.push(term.ko, ' ', owedText, '원');
      else parts.push(term.en, ' KRW ', owedText);
      if (sum !== owed) {
        const sumText = formatKrw(sum);
        if (ko) parts.push(' (', sumText, '원)');
        else parts.push(' (', sumText, ')');
      }
    }
    const text = parts.join('');
    parts.length = 0;
    return text;
  }
}

/** LIQUOR_LINE's formula: ad valorem on (taxable value + duty), or litres × the specific rate (taxes.ts). */
function liquorFormula(rule: NonNullable<ClassifiedItem['liquor']>, baseKrw: number, volumeMl: number): Bilingual {
  if (rule.adValoremRate !== undefined) return { ko: `(과세가격+관세 ${formatKrw(baseKrw)}원) × ${pct(rule.adValoremRate)}`, en: `(taxable value + duty KRW ${formatKrw(baseKrw)}) × ${pct(rule.adValoremRate)}` };
  const litres = (volumeMl / 1000).toLocaleString('en-US', { maximumFractionDigits: 3 });
  const perLitre = (rule.perLiterKrw ?? 0).toLocaleString('en-US', { maximumFractionDigits: 1 });
  return { ko: `${litres}L × 1L당 ${perLitre}원`, en: `${litres} L × KRW ${perLitre} per litre` };
}
