// The public tax estimator: builds a declaration from what a consumer knows before buying (for
// each item, category or HS code, price and quantity; for the parcel, currency, ship-from, mode)
// and runs the same engine as intake (assessBatch). An order of several items shipped in one
// parcel (items[]) is one declaration: the engine sums it against the de minimis, sends a parcel
// with one excluded item to general clearance as a whole and counts self-use limits across items.
// No second implementation of any rule lives here: the route, every tax, the reasons and the
// next action all come from the engine; this file only fills the fields a consumer cannot know
// (placeholder consignee) and says which ones it assumed, item by item where they are an item's.
import type { Assessment, FieldError, Reason } from '../domain/assessment.ts';
import { assessBatch } from '../domain/assess.ts';
import { classifyItem, findUnmeasuredLimits } from '../domain/classify-items.ts';
import { addDays, rateWeekStart } from '../domain/dates.ts';
import { customsRateOf, isPlaceholderRate } from '../domain/valuation.ts';
import { describesGoods } from '../domain/validate-declaration.ts';
import type { Declaration } from '../domain/declaration-schema.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';
import { ok, type Result } from './errors.ts';
import { invalidRequest, requestFieldError, type RequestFieldError } from './field-errors.ts';
import type { Clock, ReferenceSource } from './ports.ts';

/** One item of the purchase: what it is, its unit price in the parcel's currency, how many. */
export interface EstimateItemInput {
  category?: string;
  hsCode?: string;
  description?: string;
  /** Unit price in `currency`. */
  price: number;
  quantity: number;
  originCountry?: string;
  /** Per unit, for perfume and liquor. */
  volumeMl?: number;
  /** Net weight of one unit in grams: the self-use limits by weight (ginseng 300 g, herbs 3 kg). */
  weightG?: number;
  alcoholPercent?: number;
  localShipping?: number;
}

/** The fields of one item, which the flat form gives beside the parcel's (the estimator's first form, kept). */
export const ITEM_FIELDS = ['category', 'hsCode', 'description', 'price', 'quantity', 'originCountry', 'volumeMl', 'weightG', 'alcoholPercent', 'localShipping'] as const;

/**
 * The parcel and its items: either `items` (1 to 20, an order shipped in one parcel) or, without
 * it, the flat item fields beside the parcel's making one item.
 */
export interface EstimateInput extends Partial<EstimateItemInput> {
  currency: string;
  shipFrom: string;
  mode: 'express' | 'postal' | 'cargo';
  /** Gross weight of the parcel; deemed freight depends on it. */
  weightKg?: number;
  purpose?: 'personal' | 'business';
  items?: EstimateItemInput[];
}

export interface EstimateAssumption {
  field: string;
  ko: string;
  en: string;
}

export interface EstimateResult {
  declaredAt: string;
  assessment: Assessment;
  /** Form fields of the errors, for the form to point at: of the flat form items[0].price → price; of items[], items[1].price as it is. */
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

/** The items of the estimate: `items`, or the one the flat fields make. */
export function itemsOf(input: EstimateInput): EstimateItemInput[] {
  if (input.items) return input.items;
  const item: EstimateItemInput = { price: input.price!, quantity: input.quantity! };
  for (const key of ITEM_FIELDS) if (input[key] !== undefined) (item as unknown as Record<string, unknown>)[key] = input[key];
  return [item];
}

/**
 * The parcel's weight when the form leaves it blank: 1 kg, or the goods' own weight when the weight
 * of one unit is given and comes to more (10 × 300 g of herbs are not a 1 kg parcel; deemed freight
 * goes by weight): the items' weights added up, each unit's weight × its quantity.
 */
export function assumedWeightKg(input: EstimateInput): number {
  if (input.weightKg !== undefined) return input.weightKg;
  const goodsG = itemsOf(input).reduce((sum, it) => sum + (it.weightG !== undefined ? it.weightG * it.quantity : 0), 0);
  const goodsKg = Math.ceil(goodsG / 100) / 10;
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
function madeDescription(input: EstimateItemInput, reference: Reference, date: string): { text: string; ko: string; en: string } | null {
  if (ownDescription(input)) return null;
  if (input.category) {
    const c = reference.asOf(date)?.categories.get(input.category);
    if (c) return { text: `${c.ko} ${c.en}`.slice(0, 300), ko: c.ko, en: c.en };
  }
  const hs = input.hsCode?.replace(/[.\-\s]/g, '') ?? '';
  return { text: `품목 HS ${hs}`.trim(), ko: `HS ${hs} 물품`, en: `HS ${hs} goods` };
}

function descriptionOf(input: EstimateItemInput, reference: Reference, date: string): string {
  return ownDescription(input) ?? madeDescription(input, reference, date)!.text;
}

/**
 * The product name the buyer typed, when it names the goods. One that does not ("선물", "gift": the
 * engine's description check, which refuses it on a declaration) is set aside for the category or HS
 * code, which decide the estimate: the field is optional, and a refused estimate told a buyer of a
 * present nothing about its taxes. The estimate says so among its assumptions.
 */
function ownDescription(input: EstimateItemInput): string | null {
  const typed = input.description?.trim();
  return typed && describesGoods(typed) ? typed : null;
}

/**
 * Where the engine quotes the description it was given and that description is ours ("건강기능식품
 * Health supplements", made up from the category; "품목 HS 2208"), each language quotes its own
 * words: an English reader is not shown the Korean name.
 */
function inEachLanguage(reasons: Reason[], made: readonly ({ text: string; ko: string; en: string } | null)[]): Reason[] {
  let out = reasons;
  for (const m of made) {
    if (!m) continue;
    const quoted = `"${m.text}"`;
    out = out.map((r) => (r.ko.includes(quoted) || r.en.includes(quoted) ? { code: r.code, ko: r.ko.replaceAll(quoted, `"${m.ko}"`), en: r.en.replaceAll(quoted, `"${m.en}"`), ref: r.ref } : r));
  }
  return out;
}

/** The flat form's field of each declaration path it fills. */
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

/** A declaration path as the form names it: of the flat form by FIELD_OF; of items[], the parcel's fields so, an item's as it is (items[1].price). */
function formFieldOf(path: string, flat: boolean): string {
  if (flat) return FIELD_OF[path] ?? path;
  return path.startsWith('items[') ? path : (FIELD_OF[path] ?? path);
}

function declarationItem(input: EstimateItemInput, shipFrom: string, reference: Reference, date: string): Declaration['items'][number] {
  const item: Declaration['items'][number] = {
    description: descriptionOf(input, reference, date),
    quantity: input.quantity,
    price: input.price,
    originCountry: (input.originCountry ?? shipFrom).toUpperCase(),
  };
  if (input.category) item.category = input.category;
  if (input.hsCode) item.hsCode = input.hsCode.replace(/[.\-\s]/g, '');
  if (input.volumeMl !== undefined) item.volumeMl = input.volumeMl;
  if (input.weightG !== undefined) item.weightG = input.weightG;
  if (input.alcoholPercent !== undefined) item.alcoholPercent = input.alcoholPercent;
  if (input.localShipping !== undefined) item.localShipping = input.localShipping;
  return item;
}

export function declarationOfEstimate(input: EstimateInput, reference: Reference, date: string): Declaration {
  return {
    ref: 'estimate',
    declaredAt: date,
    ecommerceType: 'direct',
    purpose: input.purpose ?? 'personal',
    shipment: { mode: input.mode, shipFrom: input.shipFrom.toUpperCase(), grossWeightKg: assumedWeightKg(input) },
    consignee: { ...ESTIMATE_CONSIGNEE },
    order: { currency: input.currency.toUpperCase(), purchasedAt: date },
    items: itemsOf(input).map((it) => declarationItem(it, input.shipFrom, reference, date)),
  };
}

/** The field and words of an item's assumption: of the flat form as they are; of items[], items[1].x and "품목 2: " / "Item 2: " before the words. */
function ofItem(flat: boolean, index: number, field: string, ko: string, en: string): EstimateAssumption {
  return flat ? { field, ko, en } : { field: `items[${index}].${field}`, ko: `품목 ${index + 1}: ${ko}`, en: `Item ${index + 1}: ${en}` };
}

/** The estimate's assumption for each self-use limit by volume or weight it could not check ([별표11]), item by item. */
function unmeasuredAssumptions(declaration: Declaration, reference: Reference, date: string, flat: boolean): EstimateAssumption[] {
  const asOf = reference.asOf(date);
  if (!asOf || declaration.items.length === 0) return [];
  return findUnmeasuredLimits(declaration.items.map((it, i) => classifyItem(it, i, asOf))).map(({ c, rule }) => {
    const volume = rule.measure === 'volumeMl';
    const overKo = rule.overAction === 'hold' ? '통관이 보류됩니다(수입요건 확인)' : '금액과 관계없이 과세됩니다';
    const overEn = rule.overAction === 'hold' ? 'it would be held (import requirements)' : 'it would be taxed whatever its value';
    return ofItem(
      flat,
      c.index,
      volume ? 'volumeMl' : 'weightG',
      `${volume ? '한 병의 용량을 입력하지 않아' : '1개당 중량을 입력하지 않아'} 자가사용 인정기준(${rule.ko}) 이내로 보고 계산했습니다. 기준을 넘으면 ${overKo}.`,
      `${volume ? 'No volume per bottle given' : 'No weight per unit given'}: taken as within the self-use limit (${rule.en}). Over it, ${overEn}.`,
    );
  });
}

/**
 * What the schema cannot say of the two forms: items[] with no flat item field beside it (which
 * would be said twice), the flat form's price and quantity, and each item's category or HS code.
 */
function formErrors(input: EstimateInput): RequestFieldError[] {
  const errors: RequestFieldError[] = [];
  if (input.items) {
    for (const key of ITEM_FIELDS) if (input[key] !== undefined) errors.push(requestFieldError(`body.${key}`, 'not_allowed_with', { other: 'items' }));
  } else {
    if (input.price === undefined) errors.push(requestFieldError('body.price', 'required'));
    if (input.quantity === undefined) errors.push(requestFieldError('body.quantity', 'required'));
  }
  const at = (i: number) => (input.items ? `body.items[${i}].category` : 'body.category');
  (input.items ?? [input]).forEach((it, i) => {
    if (!it.category && !it.hsCode) errors.push(requestFieldError(at(i), 'classification_missing', undefined, { ko: '품목 분류 또는 HS 부호 중 하나를 입력하세요.', en: 'Give a category or an HS code.' }));
  });
  return errors;
}

export function estimateTaxes(deps: { reference: ReferenceSource; clock: Clock }, input: EstimateInput): Result<EstimateResult> {
  const refused = formErrors(input);
  if (refused.length) return invalidRequest(refused);
  const flat = !input.items;
  const items = itemsOf(input);
  const reference = deps.reference.current();
  const today = deps.clock.now().toISOString().slice(0, 10);
  const date = estimateDate(reference, today);
  const declaration = declarationOfEstimate(input, reference, date);
  // The same engine as intake, with no history: an estimate is one parcel on its own.
  const [assessment] = assessBatch([declaration], reference, []);
  // A self-use limit by volume or weight the form left blank is an assumption of the estimate, not
  // a declaration to correct (the engine's QUANTITY_UNMEASURED): said once per item, among the assumptions.
  const unmeasured = unmeasuredAssumptions(declaration, reference, date, flat);
  const reasons = unmeasured.length ? assessment!.reasons.filter((r) => r.code !== 'QUANTITY_UNMEASURED') : assessment!.reasons;
  const a = { ...assessment!, reasons: inEachLanguage(reasons, items.map((it) => madeDescription(it, reference, date))) };

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
  items.forEach((it, i) => {
    const typed = it.description?.trim();
    if (typed && !ownDescription(it)) {
      assumptions.push(
        ofItem(
          flat,
          i,
          'description',
          `상품명 "${typed}"은(는) 물품을 설명하지 않아 ${it.category ? '선택한 품목 분류' : 'HS 부호'}로 계산했습니다. 세관에 신고하는 상품명은 [품목] [브랜드] [제품명] 순으로 적습니다(예: 운동화 Nike Air Max).`,
          `The product name "${typed}" does not describe the goods: the estimate goes by the ${it.category ? 'category' : 'HS code'}. A customs declaration names [item] [brand] [product] (e.g. sneakers Nike Air Max).`,
        ),
      );
    }
  });
  // The origin: once when no item gives it (the flat form, a page with one origin for the order), else for each item without one.
  const ORIGIN = { ko: '원산지를 발송국가와 같다고 보았습니다(FTA 협정세율 판단에 쓰임).', en: 'Origin assumed to be the ship-from country (used for FTA preferential rates).' };
  const noOrigin = items.flatMap((it, i) => (it.originCountry ? [] : [i]));
  if (noOrigin.length === items.length) assumptions.push({ field: 'originCountry', ...ORIGIN });
  else for (const i of noOrigin) assumptions.push(ofItem(flat, i, 'originCountry', ORIGIN.ko, ORIGIN.en));

  // Headroom under the de minimis limit means something only when the value decides the outcome:
  // not when the parcel is held or taxed whatever its value (self-use quantity exceeded).
  const threshold = a.deMinimis.thresholdUsd;
  const valueDecides = a.route !== 'hold' && !a.reasons.some((r) => r.code === 'QUANTITY_EXEMPTION_LOST');
  const headroomUsd = threshold !== null && a.goodsValueUsd !== null && valueDecides ? Math.round((threshold - a.goodsValueUsd) * 100) / 100 : null;
  return ok({
    declaredAt: date,
    assessment: a,
    fieldErrors: a.errors.map((e) => ({ ...e, field: formFieldOf(e.path, flat) })),
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
    // Those the engine can value this week: with a customs rate, and the won (an order paid in won needs none: customsRateOf).
    currencies: reference.files.currencies
      .filter((c) => week !== undefined && customsRateOf(week, c.code) !== undefined)
      .map((c) => ({ code: c.code, ko: c.ko, en: c.en, rate: (week && customsRateOf(week, c.code)) ?? null, units: reference.fxUnits(c.code), placeholder: week ? isPlaceholderRate(week, c.code) : false })),
    countries: reference.files.countries.map((c) => ({ code: c.code, ko: c.ko, en: c.en })),
    modes: ['express', 'postal', 'cargo'] as const,
    thresholds: asOf
      ? { deMinimisUsd: asOf.thresholds.deMinimisUsd, usExpressDeMinimisUsd: asOf.thresholds.usExpressDeMinimisUsd, minimumCollectionKrw: asOf.thresholds.minimumCollectionKrw }
      : null,
    fxWeek: week?.weekStart ?? null,
    fxPlaceholder: week?.placeholder ?? false,
  };
}
