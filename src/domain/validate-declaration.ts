// Validates one declaration: first its shape against DeclarationSchema (the same schema
// the HTTP API publishes), then the facts a schema cannot express (real dates, PCCC,
// informative descriptions, ISO codes, reference data available on the date).
// Never throws: every problem becomes a FieldError naming the field.
import { Ajv, type ErrorObject } from 'ajv';
import type { FieldError } from './assessment.ts';
import { categoryNamedIn } from './category-from-description.ts';
import { closestCode } from './closest-code.ts';
import { fieldPlaces, suggestField } from './field-suggestion.ts';
import { dayNumber, rateWeekStart } from './dates.ts';
import { DeclarationSchema, type Declaration } from './declaration-schema.ts';
import type { Reference } from './reference/compile-reference.ts';
import type { CategoryMapping } from './reference/types.ts';
import { expectedTypeParams, fillTemplate, VALIDATION_MESSAGES, type ValidationCode } from './validation-messages.ts';
import { customsRateOf } from './valuation.ts';

// verbose: an error carries its parent schema, whose properties the unknown-field hint needs.
const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, removeAdditional: false, verbose: true });
const checkShape = ajv.compile(DeclarationSchema);
/**
 * A first pass over the shape that says only whether it is valid: it stops at the first error and
 * counts maxLength in UTF-16 units, which is never fewer than the characters checkShape counts, so
 * what it accepts checkShape accepts too (and a minLength of 1 means the same in both; the guard
 * below keeps it so). Only what it refuses goes through checkShape, for the errors. Valid
 * declarations, nearly all of them, skip checkShape's error bookkeeping and per-character counts.
 * (Ajv calls `unicode` deprecated; logger: false keeps that notice out of the logs.)
 */
const looksValid = minLengthsAtMostOne(DeclarationSchema) ? new Ajv({ allErrors: false, strict: false, unicode: false, logger: false }).compile(DeclarationSchema) : checkShape;

/** Whether every minLength in a schema is 0 or 1: one UTF-16 unit or more is one character or more. */
export function minLengthsAtMostOne(schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return true;
  const s = schema as Record<string, unknown>;
  if (typeof s.minLength === 'number' && s.minLength > 1) return false;
  return Object.values(s).every(minLengthsAtMostOne);
}
const DECLARATION_FIELD_PLACES = fieldPlaces(DeclarationSchema);

export const LIMITS = { unitPrice: 1_000_000_000, quantity: 1_000_000, lineValue: 10_000_000_000, weightKg: 100_000 };

/** category_unknown's parameters: the value, and the category it most likely meant (closest-code.ts), if any. */
function categoryHint(value: string, categories: ReadonlyMap<string, CategoryMapping>): Record<string, string> {
  const named = [...categories.values()].map((c) => ({ code: c.category, names: [c.ko, ...c.ko.split('·')] }));
  const m = closestCode(value, named);
  const c = m ? categories.get(m.code)! : null;
  return { value, hintKo: c ? ` 혹시 '${c.category}'(${c.ko})인가요?` : '', hintEn: c ? ` Did you mean '${c.category}' (${c.en})?` : '' };
}

/** classification_missing's parameters: the category the description names, if exactly one (category-from-description.ts). */
function classificationHint(description: unknown, categories: ReadonlyMap<string, CategoryMapping> | undefined): Record<string, string> {
  const c = categories ? categoryNamedIn(description, categories) : null;
  if (!c) return { hintKo: '', hintEn: '' };
  const en = c.en.replace(/\s*\(.*$/, '');
  return { hintKo: ` 품명으로 보아 '${c.category}'(${c.ko}, HS ${c.hs})일 수 있습니다.`, hintEn: ` From the description it may be '${c.category}' (${en}, HS ${c.hs}).` };
}

/**
 * hs_unknown's parameters: the code, and up to five HSK codes sharing its first 8, 6 or 4 digits
 * (the longest that has any) with their names, so the operator sees what the subheading holds.
 */
function hsHint(digits: string, reference: Reference): Record<string, string> {
  const codes = reference.files.hsCodes ?? [];
  const names = reference.files.hsNames;
  for (const n of [8, 6, 4]) {
    const prefix = digits.slice(0, n);
    let lo = 0;
    let hi = codes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (codes[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: number[] = [];
    for (let k = lo; k < codes.length && codes[k]!.startsWith(prefix); k++) found.push(k);
    if (!found.length) continue;
    const more = found.length - 5;
    const list = (lang: 'ko' | 'en') => found.slice(0, 5).map((k) => (names?.[k] ? `${codes[k]} ${names[k]![lang]}` : codes[k]!)).join('; '); // names hold commas
    return {
      value: digits,
      hintKo: ` 앞 ${n}자리가 같은 부호: ${list('ko')}${more > 0 ? ` 외 ${more}개` : ''}.`,
      hintEn: ` Codes with the same first ${n} digits: ${list('en')}${more > 0 ? ` and ${more} more` : ''}.`,
    };
  }
  return { value: digits, hintKo: '', hintEn: '' };
}

function fieldError(path: string, code: ValidationCode, params?: Record<string, string | number>): FieldError {
  const text = VALIDATION_MESSAGES[code];
  return { path, code, ko: fillTemplate(text.ko, params), en: fillTemplate(text.en, params) };
}

/** "/items/2/description" -> "items[2].description" */
export function toFieldPath(pointer: string, child?: string): string {
  let out = '';
  for (const part of pointer.split('/').slice(1)) {
    const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
    out += /^\d+$/.test(key) ? `[${key}]` : out ? `.${key}` : key;
  }
  if (child) out += out ? `.${child}` : child;
  return out;
}

/**
 * The FieldError of an Ajv error, for the keywords the schemas here use (declarations, and the
 * risk exchange's messages); null for other keywords, which the caller words. `at(child)` gives
 * the field's path, `formatOf(path)` the format a pattern stands for, `places` where a field
 * given in the wrong object belongs (field-suggestion.ts).
 */
export function schemaFieldError(
  e: ErrorObject,
  at: (child?: string) => string,
  formatOf: (path: string) => string,
  places?: ReadonlyMap<string, string>,
): FieldError | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return fieldError(at(String(p.missingProperty)), 'required');
    case 'additionalProperties':
      return fieldError(at(String(p.additionalProperty)), 'unknown_field', { ...suggestField(String(p.additionalProperty), Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}), places) });
    case 'type':
      return fieldError(at(), 'wrong_type', expectedTypeParams(String(p.type)));
    case 'enum':
      return fieldError(at(), 'not_allowed_value', { allowed: (p.allowedValues as string[]).join(' | ') });
    case 'pattern':
      return fieldError(at(), 'bad_format', { format: formatOf(at()) });
    case 'maxLength':
      return fieldError(at(), 'too_long', { limit: Number(p.limit) });
    case 'minLength':
      return fieldError(at(), 'too_short');
    case 'maxItems':
      return fieldError(at(), 'too_many', { limit: Number(p.limit) });
    default:
      return null;
  }
}

function shapeError(e: ErrorObject): FieldError {
  const at = (child?: string) => toFieldPath(e.instancePath, child);
  return schemaFieldError(e, at, describePattern, DECLARATION_FIELD_PLACES) ?? fieldError(at(), 'bad_format', { format: e.keyword });
}

function describePattern(path: string): string {
  if (/Date|At$/.test(path) || path.endsWith('arrivalDate')) return 'YYYY-MM-DD';
  if (path.endsWith('currency')) return 'ISO 4217, e.g. USD';
  if (/country|shipFrom|Country/.test(path)) return 'ISO 3166 alpha-2, e.g. US';
  if (path.endsWith('hsCode')) return 'HS code digits';
  return 'pattern';
}

// Placeholder words that name no goods (seed 002: names such as 0, 123, A, AAA BB are refused).
const PLACEHOLDER_WORDS = new Set([
  'item', 'items', 'goods', 'product', 'products', 'gift', 'sample', 'test', 'none', 'n/a', 'na', 'etc', 'other', 'others',
  'misc', 'stuff', 'thing', 'things', 'package', 'parcel', 'box', 'unknown', 'null', 'undefined',
  '상품', '물품', '기타', '선물', '샘플', '제품', '물건', '택배', '박스', '없음', '테스트',
]);

/** A token that names something: a Hangul word of 2+ syllables, or a Latin word of 3+ letters with a vowel and 2+ distinct letters. */
function isInformativeToken(token: string): boolean {
  const t = token.toLowerCase();
  if (PLACEHOLDER_WORDS.has(t)) return false;
  const hangul = t.match(/[가-힣]/g);
  if (hangul && hangul.length >= 2) return true;
  const letters = t.replace(/[^a-z]/g, '');
  if (letters.length < 3) return false;
  if (!/[aeiouy]/.test(letters)) return false;
  return new Set(letters).size >= 2;
}

const tokenCountCache = new Map<string, number>();

/** Counts informative tokens: fewer than 2 means item, brand or product name is probably missing. */
export function informativeTokenCount(description: string): number {
  let n = tokenCountCache.get(description);
  if (n === undefined) {
    n = description.split(/[\s,/()[\]{}·|+]+/).filter(isInformativeToken).length;
    if (tokenCountCache.size > 20_000) tokenCountCache.clear(); // operators repeat descriptions; keep it bounded
    tokenCountCache.set(description, n);
  }
  return n;
}

export function describesGoods(description: string): boolean {
  return informativeTokenCount(description) > 0;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/**
 * A finite number; a number that is not (JSON.parse turns 1e999 into Infinity, which the schema's
 * type lets through) is refused at its path: `field`, or `items[item].field` (built only then).
 */
function finite(errors: FieldError[], field: string, v: unknown, item = -1): v is number {
  if (typeof v !== 'number') return false;
  if (Number.isFinite(v)) return true;
  add(errors, fieldError(item < 0 ? field : itemPath(item, field), 'number_not_finite'));
  return false;
}
const isStr = (v: unknown): v is string => typeof v === 'string';

type PartyRole = 'platform' | 'seller' | 'forwarder' | 'courier' | 'broker';
// A phone number is 9 to 12 digits once spaces, dashes, plus signs and brackets are left out.
const PHONE = /^[\s\-+()]*(?:\d[\s\-+()]*){9,12}$/;
// The other patterns checked on every declaration, made once (a literal in a function is a new RegExp at each call).
const COUNTRY = /^[A-Za-z]{2}$/;
const PCCC = /^P\d{12}$/;
const POSTCODE = /^\d{5}$/;
const CURRENCY = /^[A-Za-z]{3}$/;
const HS_SEPARATORS = /[.\-\s]/g; // replace() starts a global pattern from 0 each time
const DIGITS = /^\d+$/;

/** One error per field: the first found is kept. */
function add(errors: FieldError[], e: FieldError): void {
  for (const x of errors) if (x.path === e.path) return;
  errors.push(e);
}

/** A well-formed country code that is not in the reference data. shapeValid: the schema's pattern held, so it is not tested again. */
function unknownCountry(reference: Reference, v: unknown, shapeValid: boolean): v is string {
  return isStr(v) && (shapeValid || COUNTRY.test(v)) && !reference.countries.has(v.toUpperCase());
}

/** A date that is a real calendar date, and when notAfterDay is given, not after it (one dayNumber look-up). */
function checkDate(errors: FieldError[], path: string, v: unknown, notAfterDay: number | null = null): void {
  if (!isStr(v)) return;
  const day = dayNumber(v);
  if (day === null) add(errors, fieldError(path, 'invalid_date'));
  else if (notAfterDay !== null && day > notAfterDay) add(errors, fieldError(path, 'date_after_declaration'));
}

const itemPath = (i: number, field: string) => `items[${i}].${field}`; // built only for an error

// The fields below are read by name, one call each, not as it[key] in a loop over their names: a
// keyed read that meets several names is V8's slow (megamorphic) kind, and it ran on every item.

/** A party's country, when given, in the reference data. */
function checkPartyCountry(errors: FieldError[], reference: Reference, role: PartyRole, party: unknown, shapeValid: boolean): void {
  if (isObj(party) && unknownCountry(reference, party.country, shapeValid)) add(errors, fieldError(`parties.${role}.country`, 'country_unknown', { value: party.country }));
}

/** An item's amount (price, localTax, localShipping, discount, otherCosts): finite, not negative, within LIMITS.unitPrice. */
function checkAmount(errors: FieldError[], i: number, key: string, v: unknown): void {
  if (!finite(errors, key, v, i)) return;
  if (v < 0) add(errors, fieldError(itemPath(i, key), 'amount_negative'));
  else if (v > LIMITS.unitPrice) add(errors, fieldError(itemPath(i, key), 'amount_too_large', { limit: LIMITS.unitPrice }));
}

/** An item's measure of one unit (volumeMl, weightG): finite and positive. */
function checkMeasure(errors: FieldError[], i: number, key: string, v: unknown): void {
  if (finite(errors, key, v, i) && !(v > 0)) add(errors, fieldError(itemPath(i, key), 'number_not_positive'));
}

export function validateDeclaration(input: unknown, reference: Reference): FieldError[] {
  if (!isObj(input)) return [fieldError('', 'not_an_object')];
  const errors: FieldError[] = [];
  // Of a valid shape, the schema's patterns held (country and currency codes): not tested again below.
  const shapeValid = looksValid(input) || checkShape(input);
  if (!shapeValid) for (const e of checkShape.errors ?? []) add(errors, shapeError(e));

  const d = input as Partial<Declaration> & Record<string, unknown>;
  // A ref of spaces names nothing: the operator could not find the declaration again by it.
  if (isStr(d.ref) && d.ref.length > 0 && !d.ref.trim()) add(errors, fieldError('ref', 'too_short'));
  const declaredDay = isStr(d.declaredAt) ? dayNumber(d.declaredAt) : null;
  const declaredOk = declaredDay !== null;
  if (isStr(d.declaredAt) && !declaredOk) add(errors, fieldError('declaredAt', 'invalid_date'));
  const asOf = declaredOk ? reference.asOf(d.declaredAt as string) : null;
  if (declaredOk && !asOf) add(errors, fieldError('declaredAt', 'reference_data_missing', { value: d.declaredAt as string }));

  if (asOf?.thresholds.ecommerceTypeRequired && d.ecommerceType === undefined) add(errors, fieldError('ecommerceType', 'ecommerce_type_required'));

  if (isObj(d.shipment)) {
    const s = d.shipment;
    if (unknownCountry(reference, s.shipFrom, shapeValid)) add(errors, fieldError('shipment.shipFrom', 'country_unknown', { value: s.shipFrom }));
    checkDate(errors, 'shipment.arrivalDate', s.arrivalDate);
    if (finite(errors, 'shipment.grossWeightKg', s.grossWeightKg)) {
      if (!(s.grossWeightKg > 0)) add(errors, fieldError('shipment.grossWeightKg', 'number_not_positive'));
      else if (s.grossWeightKg > LIMITS.weightKg) add(errors, fieldError('shipment.grossWeightKg', 'weight_too_large', { limit: LIMITS.weightKg }));
    }
  }
  if (isObj(d.parties)) {
    const p = d.parties;
    checkPartyCountry(errors, reference, 'platform', p.platform, shapeValid);
    checkPartyCountry(errors, reference, 'seller', p.seller, shapeValid);
    checkPartyCountry(errors, reference, 'forwarder', p.forwarder, shapeValid);
    checkPartyCountry(errors, reference, 'courier', p.courier, shapeValid);
    checkPartyCountry(errors, reference, 'broker', p.broker, shapeValid);
  }
  if (isObj(d.consignee)) {
    const c = d.consignee;
    if (isStr(c.pccc) && !PCCC.test(c.pccc)) add(errors, fieldError('consignee.pccc', 'pccc_invalid'));
    if (isStr(c.phone) && !PHONE.test(c.phone)) add(errors, fieldError('consignee.phone', 'phone_invalid'));
    if (isStr(c.postcode) && !POSTCODE.test(c.postcode)) add(errors, fieldError('consignee.postcode', 'postcode_invalid'));
    if (isStr(c.name) && !c.name.trim()) add(errors, fieldError('consignee.name', 'too_short'));
    if (isStr(c.address) && !c.address.trim()) add(errors, fieldError('consignee.address', 'too_short'));
  }
  let currency: string | null = null;
  if (isObj(d.order)) {
    const o = d.order;
    checkDate(errors, 'order.purchasedAt', o.purchasedAt, declaredDay);
    if (isStr(o.currency) && (shapeValid || CURRENCY.test(o.currency))) {
      if (!reference.currencies.has(o.currency.toUpperCase())) add(errors, fieldError('order.currency', 'currency_unknown', { value: o.currency }));
      else currency = o.currency.toUpperCase();
    }
    if (finite(errors, 'order.amountPaid', o.amountPaid) && o.amountPaid < 0) add(errors, fieldError('order.amountPaid', 'amount_negative'));
  }
  if (currency && declaredOk && asOf) {
    const week = rateWeekStart(d.declaredAt as string) as string;
    const fx = reference.fxWeek(week);
    if (!fx || !(customsRateOf(fx, currency) && fx.rates.USD)) {
      // With the currencies that have a rate that week, and the week's rates' address (UNI-PASS API012): what to do,
      // not only what is missing. Worked out only here: every valid declaration passes this check.
      const available = fx?.rates.USD ? Object.keys(fx.rates).filter((c) => fx.rates[c]) : [];
      add(errors, fieldError('order.currency', 'exchange_rate_missing', { value: week, currency, available: available.join(', ') || '—', day: week.replace(/-/g, '') }));
    }
  }

  if (Array.isArray(d.items)) {
    if (d.items.length === 0) add(errors, fieldError('items', 'items_empty'));
    for (let i = 0; i < d.items.length; i++) {
      const it: unknown = d.items[i];
      if (!isObj(it)) continue;
      if (isStr(it.description)) {
        if (!it.description.trim()) add(errors, fieldError(itemPath(i, 'description'), 'description_missing'));
        else if (!describesGoods(it.description)) add(errors, fieldError(itemPath(i, 'description'), 'description_uninformative', { value: it.description.slice(0, 40) }));
      }
      if (finite(errors, 'quantity', it.quantity, i)) {
        if (!(it.quantity > 0)) add(errors, fieldError(itemPath(i, 'quantity'), 'quantity_not_positive'));
        else if (it.quantity > LIMITS.quantity) add(errors, fieldError(itemPath(i, 'quantity'), 'quantity_too_large', { limit: LIMITS.quantity }));
        else if ((it.unit === undefined || it.unit === 'piece' || it.unit === 'bottle') && !Number.isInteger(it.quantity)) add(errors, fieldError(itemPath(i, 'quantity'), 'quantity_not_integer'));
      }
      checkAmount(errors, i, 'price', it.price);
      checkAmount(errors, i, 'localTax', it.localTax);
      checkAmount(errors, i, 'localShipping', it.localShipping);
      checkAmount(errors, i, 'discount', it.discount);
      checkAmount(errors, i, 'otherCosts', it.otherCosts);
      if (isNum(it.price) && isNum(it.quantity) && it.price >= 0 && it.quantity > 0) {
        const gross = it.price * it.quantity + num(it.localTax) + num(it.localShipping) + num(it.otherCosts);
        if (isNum(it.discount) && it.discount > gross + 1e-9) add(errors, fieldError(itemPath(i, 'discount'), 'discount_exceeds_value'));
        if (gross > LIMITS.lineValue) add(errors, fieldError(itemPath(i, 'price'), 'amount_too_large', { limit: LIMITS.lineValue }));
      }
      checkMeasure(errors, i, 'volumeMl', it.volumeMl);
      checkMeasure(errors, i, 'weightG', it.weightG);
      if (finite(errors, 'alcoholPercent', it.alcoholPercent, i) && (it.alcoholPercent < 0 || it.alcoholPercent > 100)) add(errors, fieldError(itemPath(i, 'alcoholPercent'), 'percent_out_of_range'));
      if (unknownCountry(reference, it.originCountry, shapeValid)) add(errors, fieldError(itemPath(i, 'originCountry'), 'country_unknown', { value: it.originCountry }));
      const hsGiven = isStr(it.hsCode);
      if (hsGiven) {
        const digits = (it.hsCode as string).replace(HS_SEPARATORS, '');
        if (!DIGITS.test(digits) || ![2, 4, 6, 8, 10].includes(digits.length)) add(errors, fieldError(itemPath(i, 'hsCode'), 'hs_invalid'));
        else if (digits.length === 10 && reference.hsCodes && !reference.hsCodes.has(digits)) add(errors, fieldError(itemPath(i, 'hsCode'), 'hs_unknown', hsHint(digits, reference)));
      }
      if (isStr(it.category) && asOf && !asOf.categories.has(it.category)) add(errors, fieldError(itemPath(i, 'category'), 'category_unknown', categoryHint(it.category, asOf.categories)));
      if (!hsGiven && it.category === undefined) add(errors, fieldError(itemPath(i, 'hsCode'), 'classification_missing', classificationHint(it.description, asOf?.categories)));
    }
  }

  if (isObj(d.fta)) {
    if (isStr(d.fta.agreement) && asOf && !asOf.fta.has(d.fta.agreement.toUpperCase())) add(errors, fieldError('fta.agreement', 'fta_unknown', { value: d.fta.agreement }));
    if (d.fta.proof === 'approved-exporter' && !(isStr(d.fta.approvedExporterNo) && d.fta.approvedExporterNo.trim())) add(errors, fieldError('fta.approvedExporterNo', 'approved_exporter_no_required'));
  }
  return errors;
}

function num(v: unknown): number {
  return isNum(v) ? v : 0;
}
