// The clearance engine: assesses a batch of e-commerce import declarations against the
// reference data in force on each declaration date and the relevant history, and explains
// every decision. Pure: everything comes in as arguments.
//
// Per declaration: validate → classify items → value the goods (weekly customs rate) →
// route-relevant facts (exclusions, prohibited goods, self-use limits, purpose, mode) →
// deemed freight, CIF taxable value, duty (basic or FTA), excise, education, liquor, VAT.
// Then across the batch and history: combined taxation (고시 제68조). Finally the de
// minimis decision, the route, the taxes owed and the reasons.
import type { Assessment, AssessedLine, FieldError, HistoryEntry, Reason, Route, Taxes } from './assessment.ts';
import { classifyItem, findQuantityBreaches, type ClassifiedItem, type QuantityBreach } from './classify-items.ts';
import { groupForCombination, historyNode, normalizeKey, type CombinedGroup, type CombineNode } from './combine.ts';
import { rateWeekStart } from './dates.ts';
import type { Declaration } from './declaration-schema.ts';
import { makeReason, type ReasonParams } from './explain.ts';
import { checkFta, type FtaCheck } from './fta.ts';
import { applyRate, formatDecimal2, formatKrw } from './money.ts';
import type { Reference, ReferenceAsOf } from './reference/compile-reference.ts';
import type { FxWeek } from './reference/types.ts';
import { taxLine, totalTaxes, type LineBasis } from './taxes.ts';
import { informativeTokenCount, validateDeclaration } from './validate-declaration.ts';
import { allocate, deemedFreight, valueGoods, type Freight, type GoodsValue } from './valuation.ts';

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
  node: CombineNode;
}

export function consigneeKeyOf(d: Declaration): string {
  return d.consignee.pccc.toUpperCase();
}

export function sellerKeyOf(d: Declaration): string | null {
  const s = d.parties?.seller;
  return normalizeKey(s?.code ?? s?.name);
}

function prepare(d: Declaration, reference: Reference): Prepared {
  const asOf = reference.asOf(d.declaredAt)!; // validation guarantees reference data on the date
  const week = rateWeekStart(d.declaredAt)!;
  const fx = reference.fxWeek(week)!;
  const currency = d.order.currency.toUpperCase();
  const rate = fx.rates[currency]!;
  const usdRate = fx.rates.USD!;
  const t = asOf.thresholds;
  const items = d.items.map((item, i) => classifyItem(item, i, asOf));
  const goods = valueGoods(d, rate, reference.fxUnits(currency), usdRate, t.rounding.valueUnitKrw);
  const personal = (d.purpose ?? 'personal') === 'personal';
  const breaches = findQuantityBreaches(items);
  const mode = d.shipment.mode;
  const shipFrom = d.shipment.shipFrom.toUpperCase();
  const excluded = items.some((c) => c.exclusions.length > 0);
  const taxedBreach = breaches.some((b) => b.rule.overAction === 'taxed');
  const listEligible = personal && !excluded && !taxedBreach && t.listClearanceModes.includes(mode);
  // USD 200 is a list-clearance special case for express goods shipped from the US (KORUS); every other parcel, and every excluded good, has USD 150.
  const usExpress = listEligible && t.usExpressShipFrom.includes(shipFrom) && t.usExpressModes.includes(mode);
  const thresholdUsd = personal ? (usExpress ? t.usExpressDeMinimisUsd : t.deMinimisUsd) : null;

  const freight = deemedFreight(asOf.freight, shipFrom, d.shipment.grossWeightKg, goods.goodsValueKrw, t.freightSwitchKrw);
  const insuranceKrw = 0; // not declared separately for small parcels; deemed freight stands for carriage
  const taxableValueKrw = goods.goodsValueKrw + freight.freightKrw + insuranceKrw;
  const fta = checkFta(d, asOf.fta, fx, reference.fxUnits, { goods: goods.goodsValueKrw, taxable: taxableValueKrw });

  const order = canonicalOrder(items);
  const freightShares = allocate(freight.freightKrw + insuranceKrw, order.map((i) => goods.lineKrw[i]!));
  const shareOf = new Map(order.map((lineIndex, k) => [lineIndex, freightShares[k]!]));
  const bases: LineBasis[] = items.map((c) => {
    const taxable = goods.lineKrw[c.index]! + (shareOf.get(c.index) ?? 0);
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

  const node: CombineNode = {
    ref: d.ref,
    consigneeKey: consigneeKeyOf(d),
    sellerKey: sellerKeyOf(d),
    purchasedAt: d.order.purchasedAt ?? null,
    hblNo: normalizeHbl(d.shipment.hblNo),
    arrivalDate: d.shipment.arrivalDate ?? null,
    goodsValueCents: Math.round(goods.goodsValueUsd * 100),
    combineByArrivalDate: t.combineBySameArrivalDate,
  };
  return { d, asOf, fx, week, rate, items, goods, personal, listEligible, thresholdUsd, usExpress, breaches, freight, insuranceKrw, taxableValueKrw, bases, fta, node };
}

function normalizeHbl(hbl: string | undefined): string | null {
  const k = hbl?.trim().toUpperCase().replace(/[\s-]/g, '');
  return k ? k : null;
}

/** Lines ordered by value, then content, so that allocation does not depend on the order items were listed in. */
function canonicalOrder(items: ClassifiedItem[]): number[] {
  const key = (c: ClassifiedItem) => `${c.hs}|${c.item.description}|${c.item.price}|${c.item.quantity}`;
  return items
    .map((c) => c.index)
    .sort((a, b) => {
      const ka = key(items[a]!);
      const kb = key(items[b]!);
      return ka < kb ? -1 : ka > kb ? 1 : a - b;
    });
}

function rejected(ref: unknown, errors: FieldError[]): Assessment {
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
 */
export function assessBatch(inputs: readonly unknown[], reference: Reference, history: readonly HistoryEntry[] = []): Assessment[] {
  const results: (Assessment | Prepared)[] = inputs.map((input) => {
    const errors = validateDeclaration(input, reference);
    if (errors.length) return rejected((input as { ref?: unknown } | null)?.ref, errors);
    return prepare(input as Declaration, reference);
  });

  const prepared: Prepared[] = [];
  for (const r of results) if (!('status' in r) && r.personal) prepared.push(r);
  const nodes = prepared.map((p) => p.node);
  for (const h of history) {
    if (!h.personal) continue;
    nodes.push(historyNode(h, reference.asOf(h.declaredAt)?.thresholds.combineBySameArrivalDate ?? false));
  }
  const groups = nodes.length > 1 ? groupForCombination(nodes) : nodes.map(() => null);
  const groupOf = new Map<Prepared, { group: CombinedGroup; self: number }>();
  prepared.forEach((p, i) => {
    const g = groups[i];
    if (g) groupOf.set(p, { group: g, self: i });
  });

  return results.map((r) => {
    if ('status' in r) return r;
    const g = groupOf.get(r);
    return decide(r, reference, g ? { group: g.group, nodes, self: g.self } : null);
  });
}

/** Assesses one declaration on its own (no batch, no history). */
export function assessDeclaration(input: unknown, reference: Reference, history: readonly HistoryEntry[] = []): Assessment {
  return assessBatch([input], reference, history)[0]!;
}

interface GroupView {
  group: CombinedGroup;
  nodes: CombineNode[];
  self: number;
}

function decide(p: Prepared, reference: Reference, combined: GroupView | null): Assessment {
  const { d, asOf } = p;
  const t = asOf.thresholds;
  const texts = reference.reasons;
  const reasons: Reason[] = [];
  const say = (code: string, params?: ReasonParams) => reasons.push(makeReason(texts, code, params));
  const signals: string[] = [];
  const currency = d.order.currency.toUpperCase();
  const usd = (v: number) => formatDecimal2(v);

  // Facts that decide the route.
  const prohibited = p.items.flatMap((c) => c.prohibited.map((m) => ({ c, m })));
  const holdBreaches = p.breaches.filter((b) => b.rule.overAction === 'hold');
  const taxedBreaches = p.breaches.filter((b) => b.rule.overAction === 'taxed');
  const excluded = p.items.flatMap((c) => c.exclusions.map((m) => ({ c, m })));
  const ownWithin = p.thresholdUsd !== null && p.goods.withinUsd(p.thresholdUsd);
  const combinedCents = combined ? combined.group.totalCents : p.node.goodsValueCents;
  const combinedOver = !!combined && p.thresholdUsd !== null && combinedCents > p.thresholdUsd * 100;
  const exempt = p.personal && taxedBreaches.length === 0 && ownWithin && !combinedOver;
  const modeAllowsList = t.listClearanceModes.includes(d.shipment.mode);

  let route: Route;
  if (prohibited.length || holdBreaches.length) route = 'hold';
  else if (p.listEligible && exempt) route = 'list';
  else route = 'general';

  // Taxes: what is owed, and what would be owed without the exemption.
  const vatRate = asOf.vat.rules.rate;
  const fullLines = p.bases.map((b) => taxLine(b, vatRate, false));
  const fullTaxes = totalTaxes(fullLines, t.rounding.taxUnitKrw, t.minimumCollectionKrw);
  const lines = exempt ? p.bases.map((b) => taxLine(b, vatRate, true)) : fullLines;
  const taxes: Taxes = exempt ? totalTaxes(lines, t.rounding.taxUnitKrw, t.minimumCollectionKrw) : fullTaxes;

  // 1. Why this route.
  say(route === 'list' ? 'ROUTE_LIST' : route === 'general' ? 'ROUTE_GENERAL' : 'ROUTE_HOLD');
  for (const { c, m } of prohibited) say('HOLD_PROHIBITED', { item: c.index + 1, description: c.item.description, rule: m.rule.ko, ruleEn: m.rule.en, matched: m.detail, law: m.rule.ref });
  for (const b of holdBreaches) say('HOLD_QUANTITY', { rule: b.rule.ko, ruleEn: b.rule.en, measured: b.measured, max: b.rule.max, unit: unitOf(b.rule.measure), law: b.rule.ref });
  if (!p.personal) say('GENERAL_BUSINESS');
  if (p.personal && !modeAllowsList) say('GENERAL_MODE', { mode: d.shipment.mode });
  for (const { c, m } of excluded) say('GENERAL_EXCLUDED', { item: c.index + 1, description: c.item.description, rule: m.rule.ko, ruleEn: m.rule.en, matched: m.detail, law: m.rule.ref });
  if (excluded.length && excluded.length < p.items.length && p.items.some((c) => c.exclusions.length === 0)) say('GENERAL_MIXED_PARCEL');
  for (const b of taxedBreaches) say('QUANTITY_EXEMPTION_LOST', { rule: b.rule.ko, ruleEn: b.rule.en, measured: b.measured, max: b.rule.max, unit: unitOf(b.rule.measure), law: b.rule.ref });

  // 2. The value compared with the de minimis.
  const goodsForeign = formatDecimal2(p.goods.totalHundredths / 100);
  say('GOODS_VALUE', { currency, amount: goodsForeign, rate: p.rate, week: p.week, krw: formatKrw(p.goods.goodsValueKrw), usd: usd(p.goods.goodsValueUsd) });
  if (p.fx.placeholder || p.fx.placeholderCurrencies?.includes(currency)) {
    say('FX_PLACEHOLDER', { week: p.week });
    signals.push('FX_PLACEHOLDER');
  }
  if (p.thresholdUsd === null) say('DE_MINIMIS_NONE_BUSINESS');
  else {
    if (p.usExpress) say('DE_MINIMIS_US_EXPRESS', { threshold: p.thresholdUsd });
    if (combined) {
      const others = combined.group.members.filter((i) => i !== combined.self).map((i) => combined.nodes[i]!.ref);
      const grounds = [...combined.group.grounds].map((g) => groundText[g]);
      say(combinedOver ? 'COMBINED_OVER_DE_MINIMIS' : 'COMBINED_WITHIN_DE_MINIMIS', {
        refs: others.sort().join(', '),
        total: usd(combinedCents / 100),
        threshold: p.thresholdUsd,
        grounds: grounds.map((g) => g.ko).join(', '),
        groundsEn: grounds.map((g) => g.en).join(', '),
      });
    }
    if (exempt) say('DE_MINIMIS_EXEMPT', { usd: usd(p.goods.goodsValueUsd), threshold: p.thresholdUsd });
    else if (!ownWithin) say('DE_MINIMIS_EXCEEDED', { usd: usd(p.goods.goodsValueUsd), threshold: p.thresholdUsd });
  }

  // 3. Classification and valuation.
  for (const b of p.bases) {
    const c = b.c;
    if (c.hsSource === 'category') say('HS_FROM_CATEGORY', { item: c.index + 1, category: c.item.category ?? '', hs: c.hs });
    if (!c.tariff) {
      say('TARIFF_UNKNOWN', { item: c.index + 1, hs: c.hs });
      signals.push('TARIFF_UNKNOWN');
    } else if (c.tariffHs.length === 2) say('TARIFF_CHAPTER_DEFAULT', { item: c.index + 1, hs: c.hs, chapter: c.tariffHs, rate: pct(c.tariff.basic) });
    if (informativeTokenCount(c.item.description) < 2) signals.push('DESCRIPTION_INCOMPLETE');
  }
  say(p.freight.basis === 'sea-parcel' ? 'FREIGHT_SEA_PARCEL' : 'FREIGHT_EXPRESS', {
    zone: p.freight.zone,
    kg: d.shipment.grossWeightKg,
    freight: formatKrw(p.freight.freightKrw),
    goods: formatKrw(p.goods.goodsValueKrw),
    switch: formatKrw(t.freightSwitchKrw),
  });
  say('TAXABLE_VALUE', { goods: formatKrw(p.goods.goodsValueKrw), freight: formatKrw(p.freight.freightKrw), insurance: formatKrw(p.insuranceKrw), taxable: formatKrw(p.taxableValueKrw) });

  // 4. Each tax, with its formula filled in (on what is owed, or would be owed).
  if (p.fta) {
    if (p.fta.failure) say(p.fta.failure.code, p.fta.failure.params);
    else {
      for (const b of p.bases) {
        const ag = p.fta.agreement!.code;
        if (!p.fta.originates(b.c.item.originCountry)) say('FTA_NOT_APPLIED_ORIGIN', { item: b.c.index + 1, agreement: ag, origin: b.c.item.originCountry ?? '-' });
        else if (b.rateType === 'fta') say('FTA_APPLIED', { item: b.c.index + 1, agreement: ag, rate: pct(b.dutyRate), basic: pct(b.c.tariff!.basic) });
        else say('FTA_NO_BENEFIT', { item: b.c.index + 1, agreement: ag });
      }
    }
  }
  const shown = exempt ? fullLines : lines;
  for (const l of shown) {
    const c = p.items[l.index]!;
    say('DUTY_LINE', { item: l.index + 1, hs: l.hsCode, rate: pct(l.dutyRate), taxable: formatKrw(l.taxableValueKrw), duty: formatKrw(l.dutyKrw), law: l.rateType === 'fta' ? 'FTA 관세특례법 제5조' : '관세법 제50조' });
    if (l.exciseKrw > 0 && c.excise) say('EXCISE_LINE', { item: l.index + 1, rule: c.excise.ko, ruleEn: c.excise.en, threshold: formatKrw(c.excise.thresholdKrw), units: Math.max(1, c.units), base: formatKrw(l.taxableValueKrw + l.dutyKrw), excise: formatKrw(l.exciseKrw), rate: pct(c.excise.rate), education: formatKrw(applyRate(l.exciseKrw, c.excise.educationRate)), eduRate: pct(c.excise.educationRate) });
    if (c.liquor) say('LIQUOR_LINE', { item: l.index + 1, rule: c.liquor.ko, ruleEn: c.liquor.en, liquor: formatKrw(l.liquorKrw), eduRate: pct(c.liquor.educationRate), law: c.liquor.ref });
    if (c.vatExempt) say('VAT_EXEMPT_BOOKS', { item: l.index + 1 });
  }
  say('VAT_TOTAL', { vat: formatKrw(fullTaxes.vatKrw), rate: pct(vatRate) });
  if (exempt && taxes.liquorKrw > 0) say('LIQUOR_TAXES_STILL_DUE', { liquor: formatKrw(taxes.liquorKrw + taxes.educationKrw) });
  if (taxes.totalKrw > 0 && !taxes.collected) say('MINIMUM_COLLECTION', { total: formatKrw(taxes.totalKrw), minimum: formatKrw(t.minimumCollectionKrw) });

  // 5. What to do next.
  const owed = taxes.collected ? taxes.totalKrw : 0;
  if (route === 'hold') say(prohibited.length ? 'NEXT_HOLD_PROHIBITED' : 'NEXT_HOLD_QUANTITY', { total: formatKrw(owed) });
  else if (owed > 0 && combinedOver && ownWithin) {
    const others = combined!.group.members.filter((i) => i !== combined!.self).map((i) => combined!.nodes[i]!.ref).sort().join(', ');
    say('NEXT_PAY_OR_DISPUTE_COMBINATION', { total: formatKrw(owed), threshold: p.thresholdUsd ?? 0, refs: others });
  } else if (owed > 0) say('NEXT_PAY', { total: formatKrw(owed), threshold: p.thresholdUsd ?? 0 });
  else if (exempt) say(route === 'list' ? 'NEXT_NONE_LIST' : 'NEXT_NONE_EXEMPT', { threshold: p.thresholdUsd ?? 0, wouldBe: formatKrw(fullTaxes.collected ? fullTaxes.totalKrw : 0) });
  else say('NEXT_NONE_NOT_COLLECTED');

  // Rule-based signals for officers (the risk engine adds its own).
  if (p.thresholdUsd !== null && ownWithin && p.goods.goodsValueUsd >= p.thresholdUsd * 0.9) signals.push('NEAR_DE_MINIMIS');
  if (!d.parties?.seller) signals.push('NO_SELLER');
  if (prohibited.length) signals.push('PROHIBITED_GOODS');
  if (holdBreaches.length || taxedBreaches.length) signals.push('QUANTITY_OVER_SELF_USE');
  if (combined) signals.push('COMBINED');
  if (d.order.amountPaid !== undefined && Math.abs(d.order.amountPaid * 100 - p.goods.totalHundredths) > Math.max(100, p.goods.totalHundredths * 0.05)) signals.push('AMOUNT_PAID_MISMATCH');
  if (p.items.some((c) => c.hsSource === 'category')) signals.push('HS_FROM_CATEGORY');

  return {
    ref: d.ref,
    status: 'assessed',
    errors: [],
    route,
    reasons,
    goodsValueUsd: p.goods.goodsValueUsd,
    deMinimis: { thresholdUsd: p.thresholdUsd, exempt },
    combinedWith: combined ? combined.group.members.filter((i) => i !== combined.self).map((i) => combined.nodes[i]!.ref).sort() : [],
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
    taxes,
    taxesWithoutExemption: exempt ? fullTaxes : null,
    signals: [...new Set(signals)],
    dataVersions: { ...asOf.versions, exchangeRateWeek: p.week },
  };
}

const groundText = {
  bl: { ko: '하나의 B/L 분할', en: 'one B/L split' },
  'supplier-date': { ko: '같은 공급자·같은 구매일', en: 'same supplier, same purchase date' },
  'arrival-date': { ko: '같은 입항일(2022-11-16 이전 규정)', en: 'same arrival date (rule before 2022-11-17)' },
} as const;

function pct(rate: number): string {
  return `${Math.round(rate * 10_000) / 100}%`;
}

function unitOf(measure: string): string {
  return measure === 'count' ? '병/개' : measure === 'volumeMl' ? 'ml' : 'g';
}

/** What combined taxation needs to remember of an assessed declaration. */
export function historyEntryOf(d: Declaration, a: Assessment): HistoryEntry {
  return {
    ref: d.ref,
    declaredAt: d.declaredAt,
    consigneeKey: consigneeKeyOf(d),
    sellerKey: sellerKeyOf(d),
    purchasedAt: d.order.purchasedAt ?? null,
    hblNo: normalizeHbl(d.shipment.hblNo),
    arrivalDate: d.shipment.arrivalDate ?? null,
    goodsValueUsd: a.goodsValueUsd ?? 0,
    personal: (d.purpose ?? 'personal') === 'personal',
  };
}

