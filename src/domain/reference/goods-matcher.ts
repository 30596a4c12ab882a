// Compiles the matchers of a rule list (HS prefixes, category codes, keywords) into one
// lookup, so an item is checked against a whole list with a few map look-ups and one regex.
import { buildKeywordAutomaton } from './keyword-automaton.ts';
import type { GoodsMatcher } from './types.ts';

export interface MatchInput {
  hs: string; // digits only, 2 to 10
  /** hsPrefixes(hs), computed once for all the matchers an item goes through. */
  prefixes?: readonly string[];
  category: string | undefined;
  /** Keywords found in the lowercased description and brand (one shared automaton pass, see keywordsOf). */
  keywords: readonly string[];
}

export interface Match<R> {
  rule: R;
  by: 'hs' | 'category' | 'keyword';
  detail: string; // what matched, as reasons quote it: "HS 2106", the category or the keyword
}

export interface CompiledMatcher<R> {
  matches(input: MatchInput): Match<R>[];
  /** The keywords this matcher listens for (to build the shared automaton). */
  keywords: string[];
}

/** One automaton over the keywords of several matchers, so each item's text is scanned once. */
export function sharedKeywordFinder(matchers: CompiledMatcher<unknown>[]): (text: string) => string[] {
  const automaton = buildKeywordAutomaton(new Set(matchers.flatMap((m) => m.keywords)));
  return (text) => automaton.find(text);
}

const PREFIX_LENGTHS = [2, 4, 6, 8, 10];
const NO_MATCHES: never[] = [];

const prefixCache = new Map<string, readonly string[]>();

/** The prefixes of 2, 4, 6, 8 and 10 digits of an HS code, as far as it is long (shared, frozen: the same codes recur). */
export function hsPrefixes(hs: string): readonly string[] {
  let out = prefixCache.get(hs);
  if (out === undefined) {
    const list: string[] = [];
    for (const len of PREFIX_LENGTHS) if (hs.length >= len) list.push(hs.slice(0, len));
    out = Object.freeze(list);
    if (prefixCache.size > 20_000) prefixCache.clear(); // keep it bounded
    prefixCache.set(hs, out);
  }
  return out;
}

function addMatches<R>(out: Match<R>[] | null, list: R[] | undefined, by: Match<R>['by'], detail: string): Match<R>[] | null {
  if (!list) return out;
  for (const rule of list) {
    if (!out) {
      out = [{ rule, by, detail }];
      continue;
    }
    let seen = false;
    for (const m of out) if (m.rule === rule) seen = true;
    if (!seen) out.push({ rule, by, detail });
  }
  return out;
}

/** Keywords are matched on the lowercased text by keyword-automaton.ts (word-start rule for Latin keywords). */
export function compileMatcher<R extends GoodsMatcher>(rules: readonly R[], options: { keywords?: boolean } = {}): CompiledMatcher<R> {
  const byPrefix = new Map<string, R[]>();
  const byCategory = new Map<string, R[]>();
  const byKeyword = new Map<string, R[]>();
  const byException = new Map<string, R[]>();
  const push = <K>(map: Map<K, R[]>, key: K, rule: R) => {
    const list = map.get(key);
    if (list) list.push(rule);
    else map.set(key, [rule]);
  };
  for (const rule of rules) {
    for (const p of rule.hsPrefixes ?? []) push(byPrefix, p.replace(/\D/g, ''), rule);
    for (const c of rule.categories ?? []) push(byCategory, c, rule);
    if (options.keywords !== false) {
      for (const k of [...(rule.keywords?.ko ?? []), ...(rule.keywords?.en ?? [])]) {
        const key = k.trim().toLowerCase();
        if (key) push(byKeyword, key, rule);
      }
      for (const k of [...(rule.exceptKeywords?.ko ?? []), ...(rule.exceptKeywords?.en ?? [])]) {
        const key = k.trim().toLowerCase();
        if (key) push(byException, key, rule);
      }
    }
  }
  const prefixLengths = PREFIX_LENGTHS.filter((len) => [...byPrefix.keys()].some((p) => p.length === len));
  // A bare "21" in a reason reads as a number; "HS 21" says it is a tariff heading (built once per prefix).
  const hsLabel = new Map([...byPrefix.keys()].map((p) => [p, `HS ${p}`]));

  return {
    keywords: [...new Set([...byKeyword.keys(), ...byException.keys()])],
    matches(input: MatchInput): Match<R>[] {
      let out: Match<R>[] | null = null;
      const prefixes = input.prefixes ?? hsPrefixes(input.hs);
      for (const len of prefixLengths) {
        const prefix = prefixes[len / 2 - 1];
        const list = prefix === undefined ? undefined : byPrefix.get(prefix);
        if (list) out = addMatches(out, list, 'hs', hsLabel.get(prefix!)!);
      }
      if (input.category) out = addMatches(out, byCategory.get(input.category), 'category', input.category);
      let cancelled: R[] | null = null;
      if (byException.size) for (const k of input.keywords) for (const r of byException.get(k) ?? []) (cancelled ??= []).push(r);
      for (const k of input.keywords) {
        const list = byKeyword.get(k);
        out = addMatches(out, cancelled && list ? list.filter((r) => !cancelled.includes(r)) : list, 'keyword', k);
      }
      return out ?? NO_MATCHES;
    },
  };
}
