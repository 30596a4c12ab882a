// Builds reasons from the texts in data/reasons.json: each code has Korean and English
// templates and the legal reference; parameters fill the {placeholders}.
// A reason is read as {code, ko, en, ref} and serialises so. Reasons without parameters, and
// those whose parameters are reference data, item numbers or the description (SHARED), are plain
// frozen objects rendered once and shared; the others (amounts) render their texts when read or
// serialised (RenderedWhenRead): a batch keeps its assessments together, and the texts were what
// the garbage collector copied most, so a batch keeps those reasons' arguments, not their texts.
// Their amounts are kept as numbers too, formatted when the text is read (PARAM_FORMATS): a
// formatted copy of each amount was another string per amount that the batch kept. The amount
// reasons of one declaration read their arguments from one array (ReasonWriter), not one each.
// Tried and not kept: own accessor properties on a plain object (slower than rendering eagerly);
// sharing amount reasons by threshold and amount in a direct-mapped table (slower once they
// render when read); rendering the SHARED ones when read too (2-5 % slower on the bench).
// - Each template is compiled once per reference (compileReasons); the engine passes the
//   parameters by position (REASON_PARAMS): no regex, no parameter object to look up.
// - Each text is rendered as one flat string, by one join. Sharing the long literal parts
//   (a rope of pieces) held fewer bytes but more objects: keeping a batch of rope texts cost
//   the collector about 3× what flat strings of the same texts cost (measured).
import type { Reason } from './assessment.ts';
import { formatDecimal2, formatKrw, formatMeasure, formatMoney } from './money.ts';
import type { ReasonText } from './reference/types.ts';
import { fillTemplate } from './validation-messages.ts';

export type ReasonParams = Record<string, string | number>;
/** An argument that writes its own text, only when the reason's text is read (TAX_TOTAL's breakdown of several amounts). */
export interface TextWhenRead {
  text(): string;
}
export type ReasonArg = string | number | TextWhenRead;

/** The parameters of each reason the engine gives, in the order the engine passes them (templates may use them in any order). */
export const REASON_PARAMS = {
  ROUTE_LIST: ['via', 'viaEn', 'law'],
  ROUTE_GENERAL: [],
  ROUTE_HOLD: [],
  HOLD_PROHIBITED: ['item', 'description', 'rule', 'ruleEn', 'matched', 'law', 'matchedEn'],
  HOLD_QUANTITY: ['rule', 'ruleEn', 'measured', 'max', 'unit', 'law', 'unitEn'],
  HOLD_LIQUOR_VOLUME: ['item', 'rule', 'ruleEn', 'law'],
  GENERAL_BUSINESS: [],
  GENERAL_MODE: ['mode', 'modeKo'],
  GENERAL_EXCLUDED: ['item', 'description', 'rule', 'ruleEn', 'matched', 'law', 'matchedEn'],
  GENERAL_MIXED_PARCEL: [],
  QUANTITY_EXEMPTION_LOST: ['rule', 'ruleEn', 'measured', 'max', 'unit', 'law', 'unitEn'],
  QUANTITY_UNMEASURED: ['item', 'rule', 'ruleEn', 'field', 'fieldEn', 'law'],
  GOODS_VALUE: ['currency', 'amount', 'rate', 'week', 'krw'],
  GOODS_VALUE_USD: ['currency', 'amount', 'rate', 'usdRate', 'usd'],
  GOODS_VALUE_KRW: ['krw'],
  GIFT_NO_CHARGE: ['item', 'currency', 'amount'],
  GOODS_VALUE_USD_FROM_KRW: ['krw', 'usdRate', 'week', 'usd'],
  FX_PLACEHOLDER: ['week'],
  DE_MINIMIS_NONE_BUSINESS: [],
  DE_MINIMIS_US_EXPRESS: ['threshold'],
  DE_MINIMIS_US_NOT_EXPRESS: ['mode', 'modeEn', 'threshold', 'usThreshold', 'law'],
  DE_MINIMIS_US_EXCLUDED: ['threshold', 'usThreshold', 'law'],
  COMBINED_OVER_DE_MINIMIS: ['refs', 'total', 'threshold', 'grounds', 'groundsEn', 'refsEn'],
  COMBINED_WITHIN_DE_MINIMIS: ['refs', 'total', 'threshold', 'grounds', 'groundsEn', 'refsEn'],
  DE_MINIMIS_EXEMPT: ['usd', 'threshold'],
  DE_MINIMIS_EXCEEDED: ['usd', 'threshold'],
  HS_FROM_CATEGORY: ['item', 'category', 'categoryEn', 'hs'],
  TARIFF_UNKNOWN: ['item', 'hs'],
  TARIFF_CHAPTER_DEFAULT: ['item', 'hs', 'chapter', 'rate'],
  TARIFF_UNCERTAIN: ['item', 'hs', 'line', 'rate'],
  FREIGHT_SEA_PARCEL: ['zone', 'kg', 'freight', 'goods', 'switch', 'zoneEn'],
  FREIGHT_EXPRESS: ['zone', 'kg', 'freight', 'goods', 'switch', 'zoneEn'],
  TAXABLE_VALUE: ['goods', 'freight', 'insurance', 'taxable'],
  FTA_NOT_APPLIED_TRANSPORT: ['agreement', 'shipFrom', 'law'],
  FTA_NOT_APPLIED_PROOF: ['agreement', 'proof', 'value', 'max', 'proofKo', 'proofEn', 'beyondKo', 'beyondEn', 'law'],
  FTA_NOT_APPLIED_PROOF_TYPE: ['agreement', 'proof', 'proofKo', 'proofEn', 'acceptedKo', 'acceptedEn', 'law'],
  FTA_NOT_APPLIED_RATE_MISSING: ['agreement', 'currency'],
  FTA_NOT_APPLIED_ORIGIN: ['item', 'agreement', 'origin'],
  FTA_APPLIED: ['item', 'agreement', 'rate', 'basic'],
  FTA_APPLIED_ESTIMATE: ['item', 'agreement', 'rate', 'basic', 'line'],
  FTA_NO_BENEFIT: ['item', 'agreement'],
  FTA_RATE_UNKNOWN: ['item', 'agreement', 'hs', 'basic'],
  FTA_NOT_CLAIMED: ['item', 'agreement', 'origin', 'rate', 'basic', 'proofKo', 'proofEn', 'law', 'saving'],
  FTA_NOT_NEEDED_EXEMPT: ['agreement', 'threshold'],
  DUTY_LINE: ['item', 'hs', 'rate', 'taxable', 'duty', 'law'],
  DUTY_LINE_EXEMPT: ['item', 'hs', 'rate', 'taxable', 'duty', 'law'],
  EXCISE_LINE: ['item', 'rule', 'ruleEn', 'threshold', 'units', 'base', 'excise', 'rate', 'education', 'eduRate'],
  LIQUOR_LINE: ['item', 'rule', 'ruleEn', 'liquor', 'eduRate', 'law', 'formula', 'formulaEn', 'education'],
  VAT_EXEMPT_BOOKS: ['item'],
  VAT_TOTAL: ['vat', 'rate', 'base'],
  VAT_TOTAL_EXEMPT: ['vat', 'rate', 'base'],
  LIQUOR_TAXES_STILL_DUE: ['liquor'],
  TOBACCO_TAXES_NOT_COMPUTED: ['items'],
  TAX_TOTAL: ['breakdown', 'breakdownEn', 'total', 'unit', 'law'],
  MINIMUM_COLLECTION: ['total', 'minimum'],
  POSTAL_SIMPLIFIED_RATE: ['maxUsd', 'general', 'rates', 'ratesEn', 'taxable', 'simplified', 'unit', 'law'],
  NEXT_HOLD_PROHIBITED: ['total'],
  NEXT_HOLD_QUANTITY: ['total'],
  NEXT_HOLD_LIQUOR_VOLUME: ['items', 'total'],
  NEXT_PAY_OR_DISPUTE_COMBINATION: ['total', 'threshold', 'refs', 'refsEn'],
  NEXT_PAY: ['total', 'threshold'],
  NEXT_PAY_BUSINESS: ['total'],
  NEXT_PAY_QUANTITY: ['total'],
  NEXT_PAY_LIQUOR: ['total'],
  NEXT_PAY_FTA_PROOF: ['total', 'agreement'],
  NEXT_NONE_LIST: ['threshold', 'wouldBe', 'law'],
  NEXT_NONE_EXEMPT: ['threshold', 'wouldBe'],
  NEXT_NONE_LIST_BELOW_MINIMUM: ['threshold', 'wouldBe', 'minimum', 'law'],
  NEXT_NONE_EXEMPT_BELOW_MINIMUM: ['threshold', 'wouldBe', 'minimum'],
  NEXT_NONE_NOT_COLLECTED: [],
  NEXT_NONE_ZERO_TAX: [],
  NEXT_TOBACCO_TAXES: ['total'],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASON_PARAMS;

/**
 * Amounts the engine passes as numbers and the texts write formatted: won grouped by thousands
 * (formatKrw: 1234567 -> "1,234,567"), US dollars the engine computes with two decimals
 * (formatDecimal2: 449.7 -> "449.70"), an amount in the reason's `currency` argument with that
 * currency's minor units ('money', formatMoney: JPY 12000 -> "12,000", CNY 3126.8 -> "3,126.80"), or
 * measures grouped with their decimals as written (formatMeasure: 3500 -> "3,500").
 * A reason of one declaration keeps the number and formats it when its text is read, so a batch
 * keeps no formatted copy of its amounts. A string argument is written as it is.
 */
export const PARAM_FORMATS: { readonly [C in ReasonCode]?: { readonly [P in (typeof REASON_PARAMS)[C][number]]?: ParamFormat } } = {
  GOODS_VALUE: { amount: 'money', krw: 'krw' },
  GOODS_VALUE_USD: { amount: 'money', usd: 'decimal2' },
  GOODS_VALUE_KRW: { krw: 'krw' },
  GIFT_NO_CHARGE: { amount: 'money' },
  GOODS_VALUE_USD_FROM_KRW: { krw: 'krw', usd: 'decimal2' },
  COMBINED_OVER_DE_MINIMIS: { total: 'decimal2' },
  COMBINED_WITHIN_DE_MINIMIS: { total: 'decimal2' },
  DE_MINIMIS_EXEMPT: { usd: 'decimal2' },
  DE_MINIMIS_EXCEEDED: { usd: 'decimal2' },
  HOLD_QUANTITY: { measured: 'measure', max: 'measure' },
  QUANTITY_EXEMPTION_LOST: { measured: 'measure', max: 'measure' },
  FREIGHT_SEA_PARCEL: { freight: 'krw', goods: 'krw', switch: 'krw' },
  FREIGHT_EXPRESS: { freight: 'krw', goods: 'krw', switch: 'krw' },
  TAXABLE_VALUE: { goods: 'krw', freight: 'krw', insurance: 'krw', taxable: 'krw' },
  FTA_NOT_CLAIMED: { saving: 'krw' },
  DUTY_LINE: { taxable: 'krw', duty: 'krw' },
  DUTY_LINE_EXEMPT: { taxable: 'krw', duty: 'krw' },
  EXCISE_LINE: { threshold: 'krw', base: 'krw', excise: 'krw', education: 'krw' },
  LIQUOR_LINE: { liquor: 'krw', education: 'krw' },
  VAT_TOTAL: { vat: 'krw', base: 'krw' },
  VAT_TOTAL_EXEMPT: { vat: 'krw', base: 'krw' },
  LIQUOR_TAXES_STILL_DUE: { liquor: 'krw' },
  TAX_TOTAL: { total: 'krw', unit: 'krw' },
  MINIMUM_COLLECTION: { total: 'krw', minimum: 'krw' },
  POSTAL_SIMPLIFIED_RATE: { maxUsd: 'krw', general: 'krw', taxable: 'krw', simplified: 'krw', unit: 'krw' },
  NEXT_HOLD_PROHIBITED: { total: 'krw' },
  NEXT_HOLD_QUANTITY: { total: 'krw' },
  NEXT_HOLD_LIQUOR_VOLUME: { total: 'krw' },
  NEXT_PAY_OR_DISPUTE_COMBINATION: { total: 'krw' },
  NEXT_PAY: { total: 'krw' },
  NEXT_PAY_BUSINESS: { total: 'krw' },
  NEXT_PAY_QUANTITY: { total: 'krw' },
  NEXT_PAY_LIQUOR: { total: 'krw' },
  NEXT_PAY_FTA_PROOF: { total: 'krw' },
  NEXT_NONE_LIST: { wouldBe: 'krw' },
  NEXT_NONE_EXEMPT: { wouldBe: 'krw' },
  NEXT_NONE_LIST_BELOW_MINIMUM: { wouldBe: 'krw', minimum: 'krw' },
  NEXT_NONE_EXEMPT_BELOW_MINIMUM: { wouldBe: 'krw', minimum: 'krw' },
  NEXT_TOBACCO_TAXES: { total: 'krw' },
};
export type ParamFormat = 'krw' | 'decimal2' | 'money' | 'measure';
/** A currency's minor units (ISO 4217 exponent), from the reference (data/currencies.json). */
export type MinorUnitsOf = (currency: string) => number;
/** Without a reference (tests): two, as every amount was written before. */
const TWO_MINOR_UNITS: MinorUnitsOf = () => 2;
/** Formats an amount; `currency` is the reason's `currency` argument, read by 'money' only. */
type Format = (n: number, currency: ReasonArg | undefined) => string;

function formatsOf(minorUnitsOf: MinorUnitsOf): Record<ParamFormat, Format> {
  return {
    krw: formatKrw,
    decimal2: formatDecimal2,
    measure: formatMeasure,
    money: (n, currency) => formatMoney(n, typeof currency === 'string' ? minorUnitsOf(currency) : 2),
  };
}

/** An argument as its text writes it: a number with a format formatted, anything else as it is; `currency` is the reason's currency argument ('money'). */
export function formatArg(code: ReasonCode, param: string, v: string | number, currency?: ReasonArg, minorUnitsOf: MinorUnitsOf = TWO_MINOR_UNITS): string | number {
  const format = (PARAM_FORMATS[code] as Record<string, ParamFormat> | undefined)?.[param];
  return format && typeof v === 'number' ? formatsOf(minorUnitsOf)[format](v, currency) : v;
}
/** The arguments of a reason, one per name in REASON_PARAMS[code]. */
export type ReasonArgs<C extends ReasonCode> = ArgsFor<(typeof REASON_PARAMS)[C]>;
type ArgsFor<T extends readonly string[]> = { readonly [K in keyof T]: ReasonArg };

/** A template with placeholders: buf holds the literals at even positions, odd positions take the arguments; one join renders it. */
interface CompiledText {
  buf: (string | number)[];
  slots: number[]; // argument index of each placeholder
  names: string[]; // placeholder names, to render a missing argument as "{name}", as fillTemplate does
  formats: (Format | null)[]; // of each placeholder (PARAM_FORMATS), for a number argument
  currencySlot: number; // argument index of `currency` (a 'money' amount's), else -1
}

type Text = string | CompiledText;

export interface ReasonTemplate {
  code: string;
  ko: Text;
  en: Text;
  ref: Text;
  /** The format of each argument (PARAM_FORMATS), by position; null when none has one. */
  argFormats: (Format | null)[] | null;
  /** Argument index of `currency`, which a 'money' amount is written in; -1 when the reason has none. */
  currencySlot: number;
  /** The reason itself when no text takes a parameter (shared, frozen). */
  constant: Reason | null;
  /** Rendered reasons by argument (nested maps, one level per argument) for the codes in SHARED. */
  memo: Map<ReasonArg, unknown> | null;
  memoSize: number;
  /** Rendered references by their one argument (refOf). */
  refs: Map<ReasonArg | undefined, string>;
}

/**
 * Reasons whose arguments are an item number, reference data (category, HS code, rule texts,
 * agreement), the description or the mode: the same texts recur across declarations, so each is
 * rendered once and the frozen reason is shared. Reasons with amounts are always rendered.
 */
const SHARED: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'ROUTE_LIST',
  'HOLD_PROHIBITED',
  'HOLD_LIQUOR_VOLUME',
  'QUANTITY_UNMEASURED',
  'GENERAL_MODE',
  'GENERAL_EXCLUDED',
  'FX_PLACEHOLDER',
  'DE_MINIMIS_US_EXPRESS',
  'DE_MINIMIS_US_NOT_EXPRESS',
  'DE_MINIMIS_US_EXCLUDED',
  'HS_FROM_CATEGORY',
  'TARIFF_UNKNOWN',
  'TARIFF_CHAPTER_DEFAULT',
  'TARIFF_UNCERTAIN',
  'FTA_NOT_APPLIED_ORIGIN',
  'FTA_APPLIED',
  'FTA_APPLIED_ESTIMATE',
  'FTA_NO_BENEFIT',
  'FTA_RATE_UNKNOWN',
  'FTA_NOT_NEEDED_EXEMPT',
  'VAT_EXEMPT_BOOKS',
  'TOBACCO_TAXES_NOT_COMPUTED',
]);
const MEMO_LIMIT = 10_000; // entries per code; descriptions are free text, so the memo starts over when full

export type CompiledReasons = { readonly [C in ReasonCode]: ReasonTemplate };

const PLACEHOLDER = /\{(\w+)\}/g; // as fillTemplate

function compileText(template: string, params: readonly string[], formats: Readonly<Record<string, ParamFormat>>, FORMAT: Record<ParamFormat, Format>): Text {
  const buf: string[] = [];
  const slots: number[] = [];
  const names: string[] = [];
  const slotFormats: CompiledText['formats'] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const slot = params.indexOf(m[1]!);
    if (slot < 0) continue; // no such parameter: the placeholder stays in the text, as fillTemplate leaves it
    buf.push(template.slice(last, m.index), '');
    slots.push(slot);
    names.push(m[1]!);
    const format = formats[m[1]!];
    slotFormats.push(format ? FORMAT[format] : null);
    last = m.index + m[0].length;
  }
  if (!slots.length) return template;
  buf.push(template.slice(last));
  return { buf, slots, names, formats: slotFormats, currencySlot: params.indexOf('currency') };
}

/** Compiles the templates of every reason the engine gives, once per reference (whose currencies give their minor units). */
export function compileReasons(texts: Record<string, ReasonText>, minorUnitsOf: MinorUnitsOf = TWO_MINOR_UNITS): CompiledReasons {
  const out: Record<string, ReasonTemplate> = {};
  const FORMAT = formatsOf(minorUnitsOf);
  for (const code of Object.keys(REASON_PARAMS) as ReasonCode[]) {
    const t = texts[code];
    const params: readonly string[] = REASON_PARAMS[code];
    const formats: Readonly<Record<string, ParamFormat>> = PARAM_FORMATS[code] ?? {};
    const ko = t ? compileText(t.ko, params, formats, FORMAT) : code;
    const en = t ? compileText(t.en, params, formats, FORMAT) : code;
    const ref = t ? compileText(t.ref, params, formats, FORMAT) : '';
    const constant = typeof ko === 'string' && typeof en === 'string' && typeof ref === 'string' ? Object.freeze({ code, ko, en, ref }) : null;
    const argFormats = params.some((p) => formats[p]) ? params.map((p) => (formats[p] ? FORMAT[formats[p]] : null)) : null;
    out[code] = { code, ko, en, ref, argFormats, currencySlot: params.indexOf('currency'), constant, memo: !constant && SHARED.has(code) ? new Map() : null, memoSize: 0, refs: new Map() };
  }
  return out as CompiledReasons;
}

/** The text with the arguments from `offset` on (a declaration's amount reasons share one array: ReasonWriter). */
function fill(t: Text, args: readonly ReasonArg[], offset = 0): string {
  if (typeof t === 'string') return t;
  const { buf, slots, names, formats, currencySlot } = t;
  for (let i = 0; i < slots.length; i++) {
    const v = args[offset + slots[i]!] as ReasonArg | null | undefined;
    const format = formats[i];
    // join() would print undefined and null as '': keep what `text + value` printed.
    buf[2 * i + 1] = v === undefined ? `{${names[i]}}` : v === null ? 'null' : typeof v === 'object' ? v.text() : format && typeof v === 'number' ? format(v, currencySlot < 0 ? undefined : args[offset + currencySlot]) : v;
  }
  if (buf.length === 3 && buf[0] === '' && buf[2] === '') return String(buf[1]); // "{law}": the argument itself
  return buf.join(''); // flat: `a + b + …` would make a rope node per `+`
}

/** The reason `code` with its arguments, in the order of REASON_PARAMS[code]. */
export function renderReason<C extends ReasonCode>(reasons: CompiledReasons, code: C, args: ReasonArgs<C>): Reason {
  const t = reasons[code];
  if (t.constant) return t.constant;
  if (t.memo) return memoized(t, args as readonly ReasonArg[]);
  return new RenderedWhenRead(t, args as readonly ReasonArg[]);
}

/**
 * A reason of one declaration alone (its arguments are amounts): `ko` and `en` are rendered each
 * time they are read, and once more when serialised (toJSON gives the plain reason), so a batch of
 * assessments keeps the arguments instead of two texts per reason. The texts are what the
 * collector copied most (see the top of this file): assessBatch +21 to +28 %, assessing and
 * serialising +12 to +18 % (bench:engine, alternated runs, 2026-12-02). Its code and reference are
 * read from the template too (the reference is shared: refOf), so it keeps three fields. As a class
 * instance it is not plain data: a spread or structuredClone keeps nothing, so readers read its fields.
 */
export class RenderedWhenRead implements Reason {
  readonly #template: ReasonTemplate;
  readonly #args: readonly ReasonArg[];
  readonly #offset: number; // of its first argument in #args
  constructor(template: ReasonTemplate, args: readonly ReasonArg[], offset = 0) {
    this.#template = template;
    this.#args = args;
    this.#offset = offset;
  }
  get code(): string {
    return this.#template.code;
  }
  get ref(): string {
    return refOf(this.#template, this.#args, this.#offset);
  }
  get ko(): string {
    return fill(this.#template.ko, this.#args, this.#offset);
  }
  get en(): string {
    return fill(this.#template.en, this.#args, this.#offset);
  }
  toJSON(): Reason {
    return render(this.#template, this.#args, this.#offset, this.ref);
  }
}

/**
 * An amount reason's legal reference. Its parameter is reference data (the law a line's duty is
 * under), so each text is rendered once and shared: DUTY_LINE_EXEMPT's rendered per line was a
 * string per exempt parcel that the batch kept.
 */
function refOf(t: ReasonTemplate, args: readonly ReasonArg[], offset: number): string {
  const ref = t.ref;
  // "{law}" alone gives the argument itself: nothing rendered, nothing to share.
  if (typeof ref === 'string' || ref.slots.length !== 1 || (ref.buf.length === 3 && ref.buf[0] === '' && ref.buf[2] === '')) return fill(ref, args, offset);
  const key = args[offset + ref.slots[0]!];
  let text = t.refs.get(key);
  if (text === undefined) {
    text = fill(ref, args, offset);
    if (t.refs.size >= MEMO_LIMIT) t.refs.clear();
    t.refs.set(key, text);
  }
  return text;
}

/**
 * The reasons of the declaration being decided, written into scratch arrays that are reused for
 * each declaration (never shortened: an array set to length 0 gives up its room) and copied out at
 * their exact length. The arguments of its amount reasons are copied out as one array, which each
 * reason reads from its offset: the batch keeps one arguments array per declaration instead of one
 * per reason, and the collector copies fewer objects.
 */
export class ReasonWriter {
  #reasons: CompiledReasons | null = null;
  private readonly written: (Reason | null)[] = []; // shared reasons; null where an amount reason goes
  private readonly templates: (ReasonTemplate | null)[] = []; // of each amount reason, else null
  private readonly offsets: number[] = [];
  private readonly args: ReasonArg[] = [];
  private count = 0;
  private argCount = 0;

  start(reasons: CompiledReasons): void {
    this.#reasons = reasons;
    this.count = 0;
    this.argCount = 0;
  }

  /** Writes the reason `code` with its arguments, as renderReason gives it. */
  say<C extends ReasonCode>(code: C, args: ReasonArgs<C>): void {
    const t = this.#reasons![code];
    if (t.constant) return this.add(t.constant);
    if (t.memo) return this.add(memoized(t, args as readonly ReasonArg[]));
    this.written[this.count] = null;
    this.templates[this.count] = t;
    this.offsets[this.count++] = this.argCount;
    for (let i = 0; i < args.length; i++) this.args[this.argCount++] = args[i]!;
  }

  add(r: Reason): void {
    this.written[this.count] = r;
    this.templates[this.count++] = null;
  }

  toArray(): Reason[] {
    const out = this.written.slice(0, this.count) as Reason[];
    const args = this.args.slice(0, this.argCount);
    for (let k = 0; k < out.length; k++) {
      const t = this.templates[k];
      if (t) out[k] = new RenderedWhenRead(t, args, this.offsets[k]);
    }
    return out;
  }
}

/** The arguments from `offset` with their amounts formatted (PARAM_FORMATS), so that two texts format each amount once. */
function formatted(t: ReasonTemplate, args: readonly ReasonArg[], offset: number): readonly ReasonArg[] | null {
  const formats = t.argFormats;
  if (!formats) return null;
  const out = args.slice(offset, offset + formats.length);
  const currency = t.currencySlot < 0 ? undefined : out[t.currencySlot];
  for (let i = 0; i < out.length; i++) {
    const f = formats[i];
    const v = out[i];
    // Measures stay numbers here, as before (their template formats them).
    if (typeof v === 'number' && f && f !== formatMeasure) out[i] = f(v, currency);
  }
  return out;
}

function render(t: ReasonTemplate, args: readonly ReasonArg[], offset: number, ref?: string): Reason {
  const a = formatted(t, args, offset);
  if (a) return { code: t.code, ko: fill(t.ko, a), en: fill(t.en, a), ref: ref ?? fill(t.ref, a) };
  return { code: t.code, ko: fill(t.ko, args, offset), en: fill(t.en, args, offset), ref: ref ?? fill(t.ref, args, offset) };
}

function memoized(t: ReasonTemplate, args: readonly ReasonArg[]): Reason {
  if (t.memoSize >= MEMO_LIMIT) {
    t.memo = new Map();
    t.memoSize = 0;
  }
  let map = t.memo!;
  const last = args.length - 1;
  for (let i = 0; i < last; i++) {
    let next = map.get(args[i]!) as Map<ReasonArg, unknown> | undefined;
    if (!next) map.set(args[i]!, (next = new Map()));
    map = next;
  }
  let r = map.get(args[last]!) as Reason | undefined;
  if (!r) {
    r = Object.freeze(render(t, args, 0));
    map.set(args[last]!, r);
    t.memoSize++;
  }
  return r;
}

/** The same with named parameters (for reasons whose parameters come as an object, e.g. FTA failures). */
export function renderReasonNamed(reasons: CompiledReasons, code: ReasonCode, params: ReasonParams): Reason {
  const args = (REASON_PARAMS[code] as readonly string[]).map((name) => params[name]!);
  return renderReason(reasons, code, args as never);
}

export function makeReason(texts: Record<string, ReasonText>, code: string, params?: ReasonParams): Reason {
  const t = texts[code];
  if (!t) return { code, ko: code, en: code, ref: '' };
  return { code, ko: fillTemplate(t.ko, params), en: fillTemplate(t.en, params), ref: fillTemplate(t.ref, params) };
}
