// Compiles the matchers of a rule list (HS prefixes, category codes, keywords) into one
// lookup, so an item is checked against a whole list with a few map look-ups and one regex.
import { buildKeywordAutomaton } from './keyword-automaton.ts';
import type { GoodsMatcher } from './types.ts';

export interface MatchInput {
  hs: string; // digits only, 2 to 10
  category: string | undefined;
  /** Keywords found in the lowercased description and brand (one shared automaton pass, see keywordsOf). */
  keywords: readonly string[];
}

export interface Match<R> {
  rule: R;
  by: 'hs' | 'category' | 'keyword';
  detail: string; // the prefix, category or keyword that matched
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

/** Keywords are matched on the lowercased text by keyword-automaton.ts (word-start rule for Latin keywords). */
export function compileMatcher<R extends GoodsMatcher>(rules: readonly R[], options: { keywords?: boolean } = {}): CompiledMatcher<R> {
  const byPrefix = new Map<string, R[]>();
  const byCategory = new Map<string, R[]>();
  const byKeyword = new Map<string, R[]>();
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
    }
  }
  const prefixLengths = PREFIX_LENGTHS.filter((len) => [...byPrefix.keys()].some((p) => p.length === len));

  return {
    keywords: [...byKeyword.keys()],
    matches(input: MatchInput): Match<R>[] {
      let out: Match<R>[] | null = null;
      const add = (list: R[] | undefined, by: Match<R>['by'], detail: string) => {
        if (!list) return;
        for (const rule of list) {
          if (out?.some((m) => m.rule === rule)) continue;
          (out ??= []).push({ rule, by, detail });
        }
      };
      for (const len of prefixLengths) {
        if (input.hs.length >= len) add(byPrefix.get(input.hs.slice(0, len)), 'hs', input.hs.slice(0, len));
      }
      if (input.category) add(byCategory.get(input.category), 'category', input.category);
      for (const k of input.keywords) add(byKeyword.get(k), 'keyword', k);
      return out ?? NO_MATCHES;
    },
  };
}
