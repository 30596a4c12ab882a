// Compiles the matchers of a rule list (HS prefixes, category codes, keywords) into one
// lookup, so an item is checked against a whole list with a few map look-ups and one regex.
import type { GoodsMatcher } from './types.ts';

export interface MatchInput {
  hs: string; // digits only, 2 to 10
  category: string | undefined;
  text: string; // lowercased description and brand
}

export interface Match<R> {
  rule: R;
  by: 'hs' | 'category' | 'keyword';
  detail: string; // the prefix, category or keyword that matched
}

export interface CompiledMatcher<R> {
  matches(input: MatchInput): Match<R>[];
}

const PREFIX_LENGTHS = [2, 4, 6, 8, 10];

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keywords are matched on the lowercased text: Latin keywords must start a word (so
 * "gin" does not fire inside "engine") and may carry a suffix ("vitamins"); Hangul
 * keywords match anywhere, as Korean attaches particles to nouns.
 */
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
  const parts = [...byKeyword.keys()]
    .sort((a, b) => b.length - a.length)
    .map((k) => (/^[a-z0-9]/.test(k) ? `(?<![a-z0-9])${escapeRegex(k)}` : escapeRegex(k)));
  const keywordRegex = parts.length ? new RegExp(parts.join('|'), 'g') : null;
  const prefixLengths = PREFIX_LENGTHS.filter((len) => [...byPrefix.keys()].some((p) => p.length === len));

  return {
    matches(input: MatchInput): Match<R>[] {
      const out: Match<R>[] = [];
      const seen = new Set<R>();
      const add = (list: R[] | undefined, by: Match<R>['by'], detail: string) => {
        if (!list) return;
        for (const rule of list) {
          if (seen.has(rule)) continue;
          seen.add(rule);
          out.push({ rule, by, detail });
        }
      };
      for (const len of prefixLengths) {
        if (input.hs.length >= len) add(byPrefix.get(input.hs.slice(0, len)), 'hs', input.hs.slice(0, len));
      }
      if (input.category) add(byCategory.get(input.category), 'category', input.category);
      if (keywordRegex && input.text) {
        keywordRegex.lastIndex = 0;
        for (let m = keywordRegex.exec(input.text); m; m = keywordRegex.exec(input.text)) {
          add(byKeyword.get(m[0]), 'keyword', m[0]);
        }
      }
      return out;
    },
  };
}
