// Classifies each item: the HS code to rate it under (declared, or mapped from the 품목
// category as forwarders declare it, seed 002), its duty line (10 → 8 → 6 → 4 → 2-digit
// fallback) and the rule lists it falls under (list-clearance exclusions, prohibited goods,
// self-use quantity limits, excise, liquor, VAT exemption).
import type { DeclarationItem } from './declaration-schema.ts';
import type { ReferenceAsOf } from './reference/compile-reference.ts';
import { hsPrefixes, type Match } from './reference/goods-matcher.ts';
import type { ExciseRule, ExclusionRule, LiquorRule, ProhibitedRule, QuantityLimit, TariffLine } from './reference/types.ts';

export interface ClassifiedItem {
  index: number;
  item: DeclarationItem;
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

export function classifyItem(item: DeclarationItem, index: number, ref: ReferenceAsOf): ClassifiedItem {
  const declared = item.hsCode ? item.hsCode.replace(/[.\-\s]/g, '') : '';
  const mapped = item.category ? (ref.categoryHs.get(item.category) ?? '') : '';
  const hs = declared || mapped;
  const prefixes = hsPrefixes(hs); // cut once for the tariff and every matcher
  const { line, hs: tariffHs } = findTariffLine(ref.tariff, hs, prefixes);
  const text = item.brand ? `${item.description} ${item.brand}`.toLowerCase() : item.description.toLowerCase();
  const input = { hs, prefixes, category: item.category, keywords: ref.findKeywords(text) };
  const noKeywords = { hs, prefixes, category: item.category, keywords: NO_KEYWORDS };
  const unit = item.unit ?? 'piece';
  const measured = unit === 'ml' || unit === 'g' || unit === 'kg';
  const units = measured ? 1 : item.quantity;
  const totalVolumeMl = unit === 'ml' ? item.quantity : (item.volumeMl ?? 0) * (measured ? 1 : item.quantity);
  const totalWeightG = unit === 'g' ? item.quantity : unit === 'kg' ? item.quantity * 1000 : (item.weightG ?? 0) * (measured ? 1 : item.quantity);
  return {
    index,
    item,
    hs,
    hsSource: declared ? 'declared' : 'category',
    tariff: line,
    tariffHs,
    exclusions: ref.exclusions.matches(input),
    prohibited: ref.prohibited.matches(input),
    quantity: ref.quantityLimits.matcher.matches(input),
    excise: ref.excise.matches(noKeywords)[0]?.rule ?? null,
    liquor: ref.liquor.matches(noKeywords)[0]?.rule ?? null,
    vatExempt: ref.vat.exempt.matches(noKeywords).length > 0,
    units,
    totalVolumeMl,
    totalWeightG,
  };
}

const NO_KEYWORDS: readonly string[] = [];

export interface QuantityBreach {
  rule: QuantityLimit;
  measured: number;
  items: number[];
}

/** Self-use limits are per parcel: the matching items are added up (고시 [별표11]). */
export function findQuantityBreaches(items: ClassifiedItem[]): QuantityBreach[] {
  if (!items.some((c) => c.quantity.length > 0)) return [];
  const totals = new Map<QuantityLimit, { measured: number; items: number[] }>();
  for (const c of items) {
    for (const m of c.quantity) {
      const v = m.rule.measure === 'count' ? c.units : m.rule.measure === 'volumeMl' ? c.totalVolumeMl : c.totalWeightG;
      const t = totals.get(m.rule) ?? { measured: 0, items: [] };
      t.measured += v;
      t.items.push(c.index);
      totals.set(m.rule, t);
    }
  }
  const out: QuantityBreach[] = [];
  for (const [rule, t] of totals) if (t.measured > rule.max) out.push({ rule, measured: t.measured, items: t.items });
  return out;
}
