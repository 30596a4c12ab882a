// The public tax estimator: builds a one-item declaration from what a consumer knows before
// buying (category or HS code, price, currency, ship-from, mode, quantity) and runs the same
// engine as intake (assessBatch). No second implementation of any rule lives here: the route,
// every tax, the reasons and the next action all come from the engine; this file only fills
// the fields a consumer cannot know (placeholder consignee) and says which ones it assumed.
import type { Assessment, FieldError, Reason } from '../domain/assessment.ts';
import { assessBatch } from '../domain/assess.ts';
import { classifyItem, findUnmeasuredLimits } from '../domain/classify-items.ts';
import { addDays, rateWeekStart } from '../domain/dates.ts';
import { isPlaceholderRate } from '../domain/valuation.ts';
import { describesGoods } from '../domain/validate-declaration.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError } from './field-errors.ts';
import type { Clock, ReferenceSource } from './ports.ts';

export interface EstimateInput {
  category?: string;
  hsCode?: string;
  description?: string;
  /** Unit price in `currency`. */
  price: number;
  currency: string;
  shipFrom: string;
  originCountry?: string;
  mode: 'express' | 'postal' | 'cargo';
  quantity: number;
  /** Gross weight of the parcel; deemed freight depends on it. */
  weightKg?: number;
  /** Per unit, for perfume and liquor. */
  volumeMl?: number;
  /** Net weight of one unit in grams: the self-use limits by weight (ginseng 300 g, herbs 3 kg). */
  weightG?: number;
  alcoholPercent?: number;
  localShipping?: number;
  purpose?: 'personal' | 'business';
}

export interface EstimateAssumption {
  field: string;
  ko: string;
  en: string;
}

export interface EstimateResult {
  declaredAt: string;
  assessment: Assessment;
  /** Form fields of the errors (items[0].price → price), for the form to point at. */
  fieldErrors: (FieldError & { field: string })[];
  /** The engine's "next action" reasons (NEXT_*), first. */
  nextSteps: Reason[];
  /** How much more (or less) the consumer can spend and stay within the de minimis limit. */
  headroomUsd: number | null;
  assumptions: EstimateAssumption[];
  /** The rate used for the estimate's currency is an approximation: the engine's FX_PLACEHOLDER signal. */
  fxPlaceholder: boolean;
}

export const DEFAULT_WEIGHT_KG = 1;

/**
 * The parcel's weight when the form leaves it blank: 1 kg, or the goods' own weight when the weight
 * of one unit is given and comes to more (10 × 300 g of herbs are not a 1 kg parcel; deemed freight
 * goes by weight).
 */
export function assumedWeightKg(input: EstimateInput): number {
  if (input.weightKg !== undefined) return input.weightKg;
  const goodsKg = input.weightG !== undefined ? Math.ceil((input.weightG * input.quantity) / 100) / 10 : 0;
  return Math.max(DEFAULT_WEIGHT_KG, goodsKg);
}
const ESTIMATE_CONSIGNEE = {
  name: '견적 Estimate',
  pccc: 'P000000000000',
  phone: '010-0000-0000',
  postcode: '00000',
  address: '세금 견적 Tax estimate',
};

/** Today, or the last day covered by the exchange-rate file when this week's rate is not loaded yet. */
export function estimateDate(reference: Reference, today: string): string {
  const week = rateWeekStart(today);
  if (week && reference.fxWeek(week)) return today;
  const weeks = reference.files.exchangeRates.weeks.map((w) => w.weekStart).sort();
  const last = weeks[weeks.length - 1];
  return last && last < today ? addDays(last, 6) : today;
}

/**
 * The description made up when none is given, with what each language quotes of it: from the
 * category, both names; from an HS code alone, "품목 HS 2208" ("품목" is an informative word for the
 * engine's description check; the HS code decides the rate), quoted as "HS 2208 물품" / "HS 2208
 * goods", so an English reader is not shown Korean.
 */
function madeDescription(input: EstimateInput, reference: Reference, date: string): { text: string; ko: string; en: string } | null {
  if (ownDescription(input)) return null;
  if (input.category) {
    const c = reference.asOf(date)?.categories.get(input.category);
    if (c) return { text: `${c.ko} ${c.en}`.slice(0, 300), ko: c.ko, en: c.en };
  }
  const hs = input.hsCode?.replace(/[.\-\s]/g, '') ?? '';
  return { text: `품목 HS ${hs}`.trim(), ko: `HS ${hs} 물품`, en: `HS ${hs} goods` };
}

function descriptionOf(input: EstimateInput, reference: Reference, date: string): string {
  return ownDescription(input) ?? madeDescription(input, reference, date)!.text;
}

/**
 * The product name the buyer typed, when it names the goods. One that does not ("선물", "gift": the
 * engine's description check, which refuses it on a declaration) is set aside for the category or HS
 * code, which decide the estimate: the field is optional, and a refused estimate told a buyer of a
 * present nothing about its taxes. The estimate says so among its assumptions.
 */
function ownDescription(input: EstimateInput): string | null {
  const typed = input.description?.trim();
  return typed && describesGoods(typed) ? typed : null;
}

/**
 * Where the engine quotes the description it was given and that description is ours ("건강기능식품
 * Health supplements", made up from the category; "품목 HS 2208"), each language quotes its own
 * words: an English reader is not shown the Korean name.
 */
function inEachLanguage(reasons: Reason[], made: { text: string; ko: string; en: string } | null): Reason[] {
  if (!made) return reasons;
  const quoted = `"${made.text}"`;
  return reasons.map((r) => (r.ko.includes(quoted) || r.en.includes(quoted) ? { code: r.code, ko: r.ko.replaceAll(quoted, `"${made.ko}"`), en: r.en.replaceAll(quoted, `"${made.en}"`), ref: r.ref } : r));
}

const FIELD_OF: Record<string, string> = {
  'items[0].category': 'category',
  'items[0].hsCode': 'hsCode',
  'items[0].description': 'description',
  'items[0].price': 'price',
  'items[0].quantity': 'quantity',
  'items[0].volumeMl': 'volumeMl',
  'items[0].weightG': 'weightG',
  'items[0].alcoholPercent': 'alcoholPercent',
  'items[0].originCountry': 'originCountry',
  'items[0].localShipping': 'localShipping',
  'order.currency': 'currency',
  'shipment.shipFrom': 'shipFrom',
  'shipment.mode': 'mode',
  'shipment.grossWeightKg': 'weightKg',
  purpose: 'purpose',
  declaredAt: 'date',
};

export function declarationOfEstimate(input: EstimateInput, reference: Reference, date: string): Declaration {
  const item: Declaration['items'][number] = {
    description: descriptionOf(input, reference, date),
    quantity: input.quantity,
    price: input.price,
    originCountry: (input.originCountry ?? input.shipFrom).toUpperCase(),
  };
  if (input.category) item.category = input.category;
  if (input.hsCode) item.hsCode = input.hsCode.replace(/[.\-\s]/g, '');
  if (input.volumeMl !== undefined) item.volumeMl = input.volumeMl;
  if (input.weightG !== undefined) item.weightG = input.weightG;
  if (input.alcoholPercent !== undefined) item.alcoholPercent = input.alcoholPercent;
  if (input.localShipping !== undefined) item.localShipping = input.localShipping;
  return {
    ref: 'estimate',
    declaredAt: date,
    ecommerceType: 'direct',
    purpose: input.purpose ?? 'personal',
    shipment: { mode: input.mode, shipFrom: input.shipFrom.toUpperCase(), grossWeightKg: assumedWeightKg(input) },
    consignee: { ...ESTIMATE_CONSIGNEE },
    order: { currency: input.currency.toUpperCase(), purchasedAt: date },
    items: [item],
  };
}

/** The estimate's assumption for each self-use limit by volume or weight it could not check ([별표11]). */
function unmeasuredAssumptions(declaration: Declaration, reference: Reference, date: string): EstimateAssumption[] {
  const asOf = reference.asOf(date);
  if (!asOf || declaration.items.length === 0) return [];
  return findUnmeasuredLimits([classifyItem(declaration.items[0]!, 0, asOf)]).map(({ rule }) => {
    const volume = rule.measure === 'volumeMl';
    const overKo = rule.overAction === 'hold' ? '통관이 보류됩니다(수입요건 확인)' : '금액과 관계없이 과세됩니다';
    const overEn = rule.overAction === 'hold' ? 'it would be held (import requirements)' : 'it would be taxed whatever its value';
    return {
      field: volume ? 'volumeMl' : 'weightG',
      ko: `${volume ? '한 병의 용량을 입력하지 않아' : '1개당 중량을 입력하지 않아'} 자가사용 인정기준(${rule.ko}) 이내로 보고 계산했습니다. 기준을 넘으면 ${overKo}.`,
      en: `${volume ? 'No volume per bottle given' : 'No weight per unit given'}: taken as within the self-use limit (${rule.en}). Over it, ${overEn}.`,
    };
  });
}

export function estimateTaxes(deps: { reference: ReferenceSource; clock: Clock }, input: EstimateInput): Result<EstimateResult> {
  if (!input.category && !input.hsCode) {
    return invalidRequest(requestFieldError('body.category', 'classification_missing', undefined, { ko: '품목 분류 또는 HS 부호 중 하나를 입력하세요.', en: 'Give a category or an HS code.' }));
  }
  const reference = deps.reference.current();
  const today = deps.clock.now().toISOString().slice(0, 10);
  const date = estimateDate(reference, today);
  const declaration = declarationOfEstimate(input, reference, date);
  // The same engine as intake, with no history: an estimate is one parcel on its own.
  const [assessment] = assessBatch([declaration], reference, []);
  // A self-use limit by volume or weight the form left blank is an assumption of the estimate, not
  // a declaration to correct (the engine's QUANTITY_UNMEASURED): said once, among the assumptions.
  const unmeasured = unmeasuredAssumptions(declaration, reference, date);
  const reasons = unmeasured.length ? assessment!.reasons.filter((r) => r.code !== 'QUANTITY_UNMEASURED') : assessment!.reasons;
  const a = { ...assessment!, reasons: inEachLanguage(reasons, madeDescription(input, reference, date)) };

  const assumptions: EstimateAssumption[] = [...unmeasured];
  if (input.weightKg === undefined) {
    const kg = assumedWeightKg(input);
    const goods = kg > DEFAULT_WEIGHT_KG;
    assumptions.push({
      field: 'weightKg',
      ko: `배송 무게를 입력하지 않아 ${goods ? `물품 중량 합계 ${kg}kg` : `${kg}kg`}으로 계산했습니다(과세운임은 실중량 기준).`,
      en: `No parcel weight given: ${goods ? `the goods' own ${kg} kg` : `${kg} kg`} assumed (deemed freight is by actual weight).`,
    });
  }
  if (date !== today) {
    assumptions.push({
      field: 'date',
      ko: `이번 주 과세환율이 아직 없어 ${date} 기준 환율로 계산했습니다.`,
      en: `This week's customs exchange rate is not loaded yet; the rate for ${date} was used.`,
    });
  }
  const typed = input.description?.trim();
  if (typed && !ownDescription(input)) {
    assumptions.push({
      field: 'description',
      ko: `상품명 "${typed}"은(는) 물품을 설명하지 않아 ${input.category ? '선택한 품목 분류' : 'HS 부호'}로 계산했습니다. 세관에 신고하는 상품명은 [품목] [브랜드] [제품명] 순으로 적습니다(예: 운동화 Nike Air Max).`,
      en: `The product name "${typed}" does not describe the goods: the estimate goes by the ${input.category ? 'category' : 'HS code'}. A customs declaration names [item] [brand] [product] (e.g. sneakers Nike Air Max).`,
    });
  }
  if (!input.originCountry) {
    assumptions.push({
      field: 'originCountry',
      ko: '원산지를 발송국가와 같다고 보았습니다(FTA 협정세율 판단에 쓰임).',
      en: 'Origin assumed to be the ship-from country (used for FTA preferential rates).',
    });
  }

  // Headroom under the de minimis limit means something only when the value decides the outcome:
  // not when the parcel is held or taxed whatever its value (self-use quantity exceeded).
  const threshold = a.deMinimis.thresholdUsd;
  const valueDecides = a.route !== 'hold' && !a.reasons.some((r) => r.code === 'QUANTITY_EXEMPTION_LOST');
  const headroomUsd = threshold !== null && a.goodsValueUsd !== null && valueDecides ? Math.round((threshold - a.goodsValueUsd) * 100) / 100 : null;
  return ok({
    declaredAt: date,
    assessment: a,
    fieldErrors: a.errors.map((e) => ({ ...e, field: FIELD_OF[e.path] ?? e.path })),
    nextSteps: a.reasons.filter((r) => r.code.startsWith('NEXT_')),
    headroomUsd,
    assumptions,
    // The engine's own decision (isPlaceholderRate on the currency of the order), not the week's flag.
    fxPlaceholder: a.signals.includes('FX_PLACEHOLDER'),
  });
}

/** A measure of one unit a self-use limit counts ([별표11]: 향수 60ml, 인삼 300g). */
export type UnitMeasure = 'volumeMl' | 'weightG';

/**
 * The measures of one unit the self-use limits of a category need (ginseng: its weight), found as
 * the estimate finds them (the engine's findUnmeasuredLimits on the item the estimate builds), so
 * the form asks for exactly what the engine would otherwise assume.
 */
function categoryMeasures(category: string, reference: Reference, date: string): UnitMeasure[] {
  const asOf = reference.asOf(date);
  if (!asOf) return [];
  const item = declarationOfEstimate({ category, price: 1, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 }, reference, date).items[0]!;
  const measures = findUnmeasuredLimits([classifyItem(item, 0, asOf)]).map(({ rule }) => rule.measure as UnitMeasure);
  return [...new Set(measures)].sort();
}

/** What the estimator form offers: categories (as of today), currencies, countries, modes. */
export function estimatorOptions(deps: { reference: ReferenceSource; clock: Clock }) {
  const reference = deps.reference.current();
  const date = estimateDate(reference, deps.clock.now().toISOString().slice(0, 10));
  const asOf = reference.asOf(date);
  const week = reference.fxWeek(rateWeekStart(date) ?? '');
  return {
    date,
    categories: asOf ? [...asOf.categories.values()].map((c) => ({ code: c.category, hs: c.hs, ko: c.ko, en: c.en, measures: categoryMeasures(c.category, reference, date) })) : [],
    // For an HS code typed in: the HS prefixes whose self-use limit counts a measure of one unit.
    measuredHs: asOf
      ? asOf.quantityLimits.rules.flatMap((r) => (r.measure === 'count' ? [] : (r.hsPrefixes ?? []).map((prefix) => ({ prefix, measure: r.measure as UnitMeasure }))))
      : [],
    currencies: reference.files.currencies
      .filter((c) => week?.rates[c.code] !== undefined)
      .map((c) => ({ code: c.code, ko: c.ko, en: c.en, rate: week?.rates[c.code] ?? null, units: reference.fxUnits(c.code), placeholder: week ? isPlaceholderRate(week, c.code) : false })),
    countries: reference.files.countries.map((c) => ({ code: c.code, ko: c.ko, en: c.en })),
    modes: ['express', 'postal', 'cargo'] as const,
    thresholds: asOf
      ? { deMinimisUsd: asOf.thresholds.deMinimisUsd, usExpressDeMinimisUsd: asOf.thresholds.usExpressDeMinimisUsd, minimumCollectionKrw: asOf.thresholds.minimumCollectionKrw }
      : null,
    fxWeek: week?.weekStart ?? null,
    fxPlaceholder: week?.placeholder ?? false,
  };
}
