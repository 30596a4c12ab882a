// Builds reasons from the texts in data/reasons.json: each code has Korean and English
// templates and the legal reference; parameters fill the {placeholders}.
// A reason is read as {code, ko, en, ref} and serialises so. Reasons without parameters, and
// those whose parameters are reference data, item numbers or the description (SHARED), are plain
// frozen objects rendered once and shared; the others (amounts) render their texts when read or
// serialised (RenderedWhenRead): a batch keeps its assessments together, and the texts were what
// the garbage collector copied most, so a batch keeps those reasons' arguments, not their texts.
// Tried and not kept: own accessor properties on a plain object (slower than rendering eagerly);
// sharing amount reasons by threshold and amount in a direct-mapped table (slower once they
// render when read); rendering the SHARED ones when read too (2-5 % slower on the bench).
// - Each template is compiled once per reference (compileReasons); the engine passes the
//   parameters by position (REASON_PARAMS): no regex, no parameter object to look up.
// - Each text is rendered as one flat string, by one join. Sharing the long literal parts
//   (a rope of pieces) held fewer bytes but more objects: keeping a batch of rope texts cost
//   the collector about 3× what flat strings of the same texts cost (measured).
import type { Reason } from './assessment.ts';
import type { ReasonText } from './reference/types.ts';
import { fillTemplate } from './validation-messages.ts';

export type ReasonParams = Record<string, string | number>;
export type ReasonArg = string | number;

/** The parameters of each reason the engine gives, in the order the engine passes them (templates may use them in any order). */
export const REASON_PARAMS = {
  ROUTE_LIST: [],
  ROUTE_GENERAL: [],
  ROUTE_HOLD: [],
  HOLD_PROHIBITED: ['item', 'description', 'rule', 'ruleEn', 'matched', 'law'],
  HOLD_QUANTITY: ['rule', 'ruleEn', 'measured', 'max', 'unit', 'law', 'unitEn'],
  HOLD_LIQUOR_VOLUME: ['item', 'rule', 'ruleEn', 'law'],
  GENERAL_BUSINESS: [],
  GENERAL_MODE: ['mode'],
  GENERAL_EXCLUDED: ['item', 'description', 'rule', 'ruleEn', 'matched', 'law'],
  GENERAL_MIXED_PARCEL: [],
  QUANTITY_EXEMPTION_LOST: ['rule', 'ruleEn', 'measured', 'max', 'unit', 'law', 'unitEn'],
  GOODS_VALUE: ['currency', 'amount', 'rate', 'week', 'krw', 'usd'],
  FX_PLACEHOLDER: ['week'],
  DE_MINIMIS_NONE_BUSINESS: [],
  DE_MINIMIS_US_EXPRESS: ['threshold'],
  COMBINED_OVER_DE_MINIMIS: ['refs', 'total', 'threshold', 'grounds', 'groundsEn', 'refsEn'],
  COMBINED_WITHIN_DE_MINIMIS: ['refs', 'total', 'threshold', 'grounds', 'groundsEn', 'refsEn'],
  DE_MINIMIS_EXEMPT: ['usd', 'threshold'],
  DE_MINIMIS_EXCEEDED: ['usd', 'threshold'],
  HS_FROM_CATEGORY: ['item', 'category', 'categoryEn', 'hs'],
  TARIFF_UNKNOWN: ['item', 'hs'],
  TARIFF_CHAPTER_DEFAULT: ['item', 'hs', 'chapter', 'rate'],
  TARIFF_UNCERTAIN: ['item', 'hs', 'line', 'rate'],
  FREIGHT_SEA_PARCEL: ['zone', 'kg', 'freight', 'goods', 'switch'],
  FREIGHT_EXPRESS: ['zone', 'kg', 'freight', 'goods', 'switch'],
  TAXABLE_VALUE: ['goods', 'freight', 'insurance', 'taxable'],
  FTA_NOT_APPLIED_TRANSPORT: ['agreement', 'shipFrom', 'law'],
  FTA_NOT_APPLIED_PROOF: ['agreement', 'proof', 'value', 'max', 'proofKo', 'proofEn', 'beyondKo', 'beyondEn', 'law'],
  FTA_NOT_APPLIED_PROOF_TYPE: ['agreement', 'proof', 'proofKo', 'proofEn'],
  FTA_NOT_APPLIED_RATE_MISSING: ['agreement', 'currency'],
  FTA_NOT_APPLIED_ORIGIN: ['item', 'agreement', 'origin'],
  FTA_APPLIED: ['item', 'agreement', 'rate', 'basic'],
  FTA_NO_BENEFIT: ['item', 'agreement'],
  DUTY_LINE: ['item', 'hs', 'rate', 'taxable', 'duty', 'law'],
  EXCISE_LINE: ['item', 'rule', 'ruleEn', 'threshold', 'units', 'base', 'excise', 'rate', 'education', 'eduRate'],
  LIQUOR_LINE: ['item', 'rule', 'ruleEn', 'liquor', 'eduRate', 'law', 'formula', 'formulaEn', 'education'],
  VAT_EXEMPT_BOOKS: ['item'],
  VAT_TOTAL: ['vat', 'rate', 'base'],
  LIQUOR_TAXES_STILL_DUE: ['liquor'],
  TAX_TOTAL: ['breakdown', 'breakdownEn', 'total', 'unit', 'law'],
  MINIMUM_COLLECTION: ['total', 'minimum'],
  NEXT_HOLD_PROHIBITED: ['total'],
  NEXT_HOLD_QUANTITY: ['total'],
  NEXT_HOLD_LIQUOR_VOLUME: ['items', 'total'],
  NEXT_PAY_OR_DISPUTE_COMBINATION: ['total', 'threshold', 'refs', 'refsEn'],
  NEXT_PAY: ['total', 'threshold'],
  NEXT_PAY_BUSINESS: ['total'],
  NEXT_PAY_QUANTITY: ['total'],
  NEXT_PAY_LIQUOR: ['total'],
  NEXT_NONE_LIST: ['threshold', 'wouldBe'],
  NEXT_NONE_EXEMPT: ['threshold', 'wouldBe'],
  NEXT_NONE_LIST_BELOW_MINIMUM: ['threshold', 'wouldBe', 'minimum'],
  NEXT_NONE_EXEMPT_BELOW_MINIMUM: ['threshold', 'wouldBe', 'minimum'],
  NEXT_NONE_NOT_COLLECTED: [],
} as const satisfies Record<string, readonly string[]>;

export type ReasonCode = keyof typeof REASON_PARAMS;
/** The arguments of a reason, one per name in REASON_PARAMS[code]. */
export type ReasonArgs<C extends ReasonCode> = ArgsFor<(typeof REASON_PARAMS)[C]>;
type ArgsFor<T extends readonly string[]> = { readonly [K in keyof T]: ReasonArg };

/** A template with placeholders: buf holds the literals at even positions, odd positions take the arguments; one join renders it. */
interface CompiledText {
  buf: (string | number)[];
  slots: number[]; // argument index of each placeholder
  names: string[]; // placeholder names, to render a missing argument as "{name}", as fillTemplate does
}

type Text = string | CompiledText;

export interface ReasonTemplate {
  code: string;
  ko: Text;
  en: Text;
  ref: Text;
  /** The reason itself when no text takes a parameter (shared, frozen). */
  constant: Reason | null;
  /** Rendered reasons by argument (nested maps, one level per argument) for the codes in SHARED. */
  memo: Map<ReasonArg, unknown> | null;
  memoSize: number;
}

/**
 * Reasons whose arguments are an item number, reference data (category, HS code, rule texts,
 * agreement), the description or the mode: the same texts recur across declarations, so each is
 * rendered once and the frozen reason is shared. Reasons with amounts are always rendered.
 */
const SHARED: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  'HOLD_PROHIBITED',
  'HOLD_LIQUOR_VOLUME',
  'GENERAL_MODE',
  'GENERAL_EXCLUDED',
  'FX_PLACEHOLDER',
  'DE_MINIMIS_US_EXPRESS',
  'HS_FROM_CATEGORY',
  'TARIFF_UNKNOWN',
  'TARIFF_CHAPTER_DEFAULT',
  'TARIFF_UNCERTAIN',
  'FTA_NOT_APPLIED_ORIGIN',
  'FTA_APPLIED',
  'FTA_NO_BENEFIT',
  'VAT_EXEMPT_BOOKS',
]);
const MEMO_LIMIT = 10_000; // entries per code; descriptions are free text, so the memo starts over when full

export type CompiledReasons = { readonly [C in ReasonCode]: ReasonTemplate };

const PLACEHOLDER = /\{(\w+)\}/g; // as fillTemplate

function compileText(template: string, params: readonly string[]): Text {
  const buf: string[] = [];
  const slots: number[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    const slot = params.indexOf(m[1]!);
    if (slot < 0) continue; // no such parameter: the placeholder stays in the text, as fillTemplate leaves it
    buf.push(template.slice(last, m.index), '');
    slots.push(slot);
    names.push(m[1]!);
    last = m.index + m[0].length;
  }
  if (!slots.length) return template;
  buf.push(template.slice(last));
  return { buf, slots, names };
}

/** Compiles the templates of every reason the engine gives, once per reference. */
export function compileReasons(texts: Record<string, ReasonText>): CompiledReasons {
  const out: Record<string, ReasonTemplate> = {};
  for (const code of Object.keys(REASON_PARAMS) as ReasonCode[]) {
    const t = texts[code];
    const params: readonly string[] = REASON_PARAMS[code];
    const ko = t ? compileText(t.ko, params) : code;
    const en = t ? compileText(t.en, params) : code;
    const ref = t ? compileText(t.ref, params) : '';
    const constant = typeof ko === 'string' && typeof en === 'string' && typeof ref === 'string' ? Object.freeze({ code, ko, en, ref }) : null;
    out[code] = { code, ko, en, ref, constant, memo: !constant && SHARED.has(code) ? new Map() : null, memoSize: 0 };
  }
  return out as CompiledReasons;
}

function fill(t: Text, args: readonly ReasonArg[]): string {
  if (typeof t === 'string') return t;
  const { buf, slots, names } = t;
  for (let i = 0; i < slots.length; i++) {
    const v = args[slots[i]!] as ReasonArg | null | undefined;
    // join() would print undefined and null as '': keep what `text + value` printed.
    buf[2 * i + 1] = v === undefined ? `{${names[i]}}` : v === null ? 'null' : v;
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
 * serialising +12 to +18 % (bench:engine, alternated runs, 2026-12-02). As a class instance it is
 * not plain data: a spread or structuredClone keeps only `code` and `ref`, so readers read its fields.
 */
export class RenderedWhenRead implements Reason {
  readonly code: string;
  readonly ref: string;
  readonly #template: ReasonTemplate;
  readonly #args: readonly ReasonArg[];
  constructor(template: ReasonTemplate, args: readonly ReasonArg[]) {
    this.code = template.code;
    this.#template = template;
    this.#args = args;
    this.ref = fill(template.ref, args);
  }
  get ko(): string {
    return fill(this.#template.ko, this.#args);
  }
  get en(): string {
    return fill(this.#template.en, this.#args);
  }
  toJSON(): Reason {
    return { code: this.code, ko: this.ko, en: this.en, ref: this.ref };
  }
}

function render(t: ReasonTemplate, args: readonly ReasonArg[]): Reason {
  return { code: t.code, ko: fill(t.ko, args), en: fill(t.en, args), ref: fill(t.ref, args) };
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
    r = Object.freeze(render(t, args));
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
