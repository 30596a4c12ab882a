// Classifies each item: the HS code to rate it under (declared, or mapped from the 품목
// category as forwarders declare it, seed 002), its duty line (10 → 8 → 6 → 4 → 2-digit
// fallback) and the rule lists it falls under (list-clearance exclusions, prohibited goods,
// self-use quantity limits, excise, liquor, VAT exemption).
import type { DeclarationItem } from './declaration-schema.ts';
import type { ReferenceAsOf } from './reference/compile-reference.ts';
import { hsPrefixes, type Match } from './reference/goods-matcher.ts';
import type { ExciseRule, ExclusionRule, LiquorRule, ProhibitedRule, QuantityLimit, TariffLine } from './reference/types.ts';

/** What classification derives from an item's codes and text, the same for every item with the same ones (shared: nothing mutates it). */
interface ItemClass {
  hs: string; // digits as declared or mapped
  hsSource: 'declared' | 'category';
  tariff: TariffLine | null;
  tariffHs: string; // the prefix the tariff line was found under
  exclusions: Match<ExclusionRule>[];
  prohibited: Match<ProhibitedRule>[];
  quantity: Match<QuantityLimit>[];
  excise: ExciseRule | null;
  liquor: LiquorRule | null;
  vatExempt: boolean;
}

export interface ClassifiedItem extends ItemClass {
  index: number;
  item: DeclarationItem;
  /** Units counted for self-use limits and per-unit excise: bottles/pieces, or 1 for a measured quantity. */
  units: number;
  totalVolumeMl: number;
  totalWeightG: number;
}

/** The duty line of the longest prefix (10, 8, 6, 4, then 2 digits) that has one. */
export function findTariffLine(tariff: Map<string, TariffLine>, hs: string, prefixes: readonly string[] = hsPrefixes(hs)): { line: TariffLine | null; hs: string } {
  for (let k = prefixes.length - 1; k >= 0; k--) {
    const line = tariff.get(prefixes[k]!);
    if (line) return { line, hs: prefixes[k]! };
  }
  return { line: null, hs };
}

// The same goods recur across parcels (an operator's catalogue): the matching (regex, lowercasing,
// keyword scan, five rule lists) runs once per description, HS code, category and brand and
// versions of the lists. One map level per field (undefined is a key too), so no key string is built.
type ClassMemo = Map<string, Map<string | undefined, Map<string | undefined, Map<string | undefined, ItemClass>>>>;
interface Memo {
  parts: readonly unknown[]; // the compiled lists it was filled from (memoOf)
  map: ClassMemo;
  size: number;
}
const MEMO_LIMIT = 20_000; // descriptions are free text: the memo starts over when full
// One memo per compiled lists, shared by the dates that use the same versions (a memo per date
// would grow with the calendar); found by the lists' identity, so another reference never shares it.
const memosByTariff = new WeakMap<object, Memo[]>();
const memoOfDate = new WeakMap<ReferenceAsOf, Memo>();

function memoOf(ref: ReferenceAsOf): Memo {
  let memo = memoOfDate.get(ref);
  if (!memo) {
    const parts = [ref.onlyChildTariff, ref.categoryHs, ref.exclusions, ref.quantityLimits.matcher, ref.prohibited, ref.excise, ref.liquor, ref.vat.exempt, ref.findKeywords];
    let list = memosByTariff.get(ref.tariff);
    if (!list) memosByTariff.set(ref.tariff, (list = []));
    memo = list.find((m) => m.parts.every((part, i) => part === parts[i]));
    if (!memo) list.push((memo = { parts, map: new Map(), size: 0 }));
    memoOfDate.set(ref, memo);
  }
  return memo;
}

function itemClassOf(item: DeclarationItem, ref: ReferenceAsOf): ItemClass {
  const memo = memoOf(ref);
  if (memo.size >= MEMO_LIMIT) {
    memo.map = new Map();
    memo.size = 0;
  }
  let byHs = memo.map.get(item.description);
  if (!byHs) memo.map.set(item.description, (byHs = new Map()));
  let byCategory = byHs.get(item.hsCode);
  if (!byCategory) byHs.set(item.hsCode, (byCategory = new Map()));
  let byBrand = byCategory.get(item.category);
  if (!byBrand) byCategory.set(item.category, (byBrand = new Map()));
  let c = byBrand.get(item.brand);
  if (!c) {
    c = matchItem(item, ref);
    byBrand.set(item.brand, c);
    memo.size++;
  }
  return c;
}

function matchItem(item: DeclarationItem, ref: ReferenceAsOf): ItemClass {
  const declared = item.hsCode ? item.hsCode.replace(/[.\-\s]/g, '') : '';
  const mapped = item.category ? (ref.categoryHs.get(item.category) ?? '') : '';
  const hs = declared || mapped;
  const prefixes = hsPrefixes(hs); // cut once for the tariff and every matcher
  // A code of fewer than 10 digits that names one HSK line is rated on that line (onlyChildTariff), else by its prefixes.
  const onlyChild = hs.length < 10 ? ref.onlyChildTariff.get(hs) : undefined;
  const { line, hs: tariffHs } = onlyChild ? findTariffLine(ref.tariff, onlyChild) : findTariffLine(ref.tariff, hs, prefixes);
  const text = item.brand ? `${item.description} ${item.brand}`.toLowerCase() : item.description.toLowerCase();
  const input = { hs, prefixes, category: item.category, keywords: ref.findKeywords(text) };
  const noKeywords = { hs, prefixes, category: item.category, keywords: NO_KEYWORDS };
  return {
    hs,
    hsSource: declared ? 'declared' : 'category',
    tariff: line,
    tariffHs,
    exclusions: narrowestExclusions(ref.exclusions.matches(input)),
    prohibited: ref.prohibited.matches(input),
    quantity: ref.quantityLimits.matcher.matches(input),
    excise: exciseRuleOf(ref.excise.matches(noKeywords), item.category),
    liquor: ref.liquor.matches(noKeywords)[0]?.rule ?? null,
    vatExempt: ref.vat.exempt.matches(noKeywords).length > 0,
  };
}

export function classifyItem(item: DeclarationItem, index: number, ref: ReferenceAsOf): ClassifiedItem {
  const k = itemClassOf(item, ref);
  const unit = item.unit ?? 'piece';
  const measured = unit === 'ml' || unit === 'g' || unit === 'kg';
  const units = measured ? 1 : item.quantity;
  const totalVolumeMl = unit === 'ml' ? item.quantity : (item.volumeMl ?? 0) * (measured ? 1 : item.quantity);
  const totalWeightG = unit === 'g' ? item.quantity : unit === 'kg' ? item.quantity * 1000 : (item.weightG ?? 0) * (measured ? 1 : item.quantity);
  return {
    index,
    item,
    hs: k.hs,
    hsSource: k.hsSource,
    tariff: k.tariff,
    tariffHs: k.tariffHs,
    exclusions: k.exclusions,
    prohibited: k.prohibited,
    quantity: k.quantity,
    excise: k.excise,
    liquor: k.liquor,
    vatExempt: k.vatExempt,
    units,
    totalVolumeMl,
    totalWeightG,
  };
}

const NO_KEYWORDS: readonly string[] = [];

/** One ground said once: a rule is left out when a narrower rule it yields to matched the item on as
 * firm a ground (HS code or category, or both by keyword), so vitamins read "건강기능식품", not also
 * "식품류·과자류" (data/exclusions.json yieldsTo). */
function narrowestExclusions(matches: Match<ExclusionRule>[]): Match<ExclusionRule>[] {
  if (matches.length < 2) return matches;
  const firm = (m: Match<ExclusionRule>) => m.by !== 'keyword';
  return matches.filter((g) => !g.rule.yieldsTo?.length || !matches.some((s) => g.rule.yieldsTo!.includes(s.rule.code) && (firm(s) || !firm(g))));
}

/** The first excise rule that matched, unless it leaves out the item's category: 고급 가방 excludes
 * bags made to carry one particular article (golf bags, instrument cases; 개별소비세법 시행령
 * [별표 1], data/excise.json). */
function exciseRuleOf(matches: Match<ExciseRule>[], category: string | undefined): ExciseRule | null {
  for (const m of matches) if (!category || !m.rule.exceptCategories?.includes(category)) return m.rule;
  return null;
}

export interface QuantityBreach {
  rule: QuantityLimit;
  measured: number;
  items: number[];
}

/** A self-use limit by volume or weight that an item falls under but whose measure it does not declare. */
export interface UnmeasuredLimit {
  c: ClassifiedItem;
  rule: QuantityLimit;
}

/**
 * The limits by volume or weight ([별표11]: 향수 60ml, 주류 1L, 인삼 300g …) that cannot be checked
 * because the item declares neither the measure of a unit (volumeMl, weightG) nor a quantity in
 * ml, g or kg. A rule that yields to a narrower one the item matched is left out, as
 * findQuantityBreaches leaves it out.
 */
export function findUnmeasuredLimits(items: readonly ClassifiedItem[]): UnmeasuredLimit[] {
  const out: UnmeasuredLimit[] = [];
  for (const c of items) {
    if (c.quantity.length === 0) continue;
    const unit = c.item.unit ?? 'piece';
    const volumeKnown = unit === 'ml' || c.item.volumeMl !== undefined;
    const weightKnown = unit === 'g' || unit === 'kg' || c.item.weightG !== undefined;
    for (const m of c.quantity) {
      const rule = m.rule;
      if (rule.yieldsTo?.length && c.quantity.some((o) => rule.yieldsTo!.includes(o.rule.code))) continue;
      if ((rule.measure === 'volumeMl' && !volumeKnown) || (rule.measure === 'weightG' && !weightKnown)) out.push({ c, rule });
    }
  }
  return out;
}

/**
 * Self-use limits (고시 [별표11]): most are per parcel, the matching items added up; a limit per
 * 품목 (`per: 'item'`, 기타 한약재 3kg) measures each item alone. An item a narrower limit matched
 * is not counted under a rule that yields to it (`yieldsTo`: ginseng is not 기타 한약재).
 */
export function findQuantityBreaches(items: ClassifiedItem[]): QuantityBreach[] {
  if (!items.some((c) => c.quantity.length > 0)) return [];
  const totals = new Map<QuantityLimit | string, { rule: QuantityLimit; measured: number; items: number[] }>();
  for (const c of items) {
    for (const m of c.quantity) {
      const rule = m.rule;
      if (rule.yieldsTo?.length && c.quantity.some((o) => rule.yieldsTo!.includes(o.rule.code))) continue;
      const v = rule.measure === 'count' ? c.units : rule.measure === 'volumeMl' ? c.totalVolumeMl : c.totalWeightG;
      const key = rule.per === 'item' ? `${rule.code}#${c.index}` : rule;
      const t = totals.get(key) ?? { rule, measured: 0, items: [] };
      t.measured += v;
      t.items.push(c.index);
      totals.set(key, t);
    }
  }
  const out: QuantityBreach[] = [];
  for (const t of totals.values()) if (t.measured > t.rule.max) out.push({ rule: t.rule, measured: t.measured, items: t.items });
  return out;
}
