// classification_missing's hint: the one category whose own name a description uses. Seed 002
// asks for descriptions written "[품목] [브랜드] [제품명]" ("향수 Chanel No.5"), so the 품목 word
// often is a category's name. Only a name met as whole words counts, the longest first
// ("휴대폰 케이스" is a phone case, not a phone); two categories named gives no hint: a wrong
// hint is worse than none. A hint, never a classification: the declaration is still refused.
import type { CategoryMapping } from './reference/types.ts';

interface NameIndex {
  /** Folded names as word lists, longest first, each with its category. */
  names: { words: string[]; category: CategoryMapping }[];
}

const indexes = new WeakMap<ReadonlyMap<string, CategoryMapping>, NameIndex>();

/** English plurals to the singular, on both sides alike: watches → watch, bags → bag, shoes → shoe. */
const singular = (w: string) => (w.length <= 3 || !w.endsWith('s') || w.endsWith('ss') ? w : /(?:ch|sh|x)es$/.test(w) ? w.slice(0, -2) : w.slice(0, -1));
const wordsOf = (s: string) =>
  s
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map(singular);

/** A category's names: its code, the Korean name and its ·-parts without brackets and the examples in them, the English name's comma parts before any bracket. */
function namesOf(c: CategoryMapping): string[] {
  const ko = c.ko.replace(/\(.*?\)/g, ' ');
  // Brackets name examples ("레고 등") or qualify ("(가죽)", "(플라스틱)"): only the examples are names.
  const examples = [...c.ko.matchAll(/\(([^)]*)\s등\)/g)].flatMap((m) => m[1]!.split('·'));
  const en = c.en.replace(/\(.*$/, '').split(',');
  return [c.category.replace(/-/g, ' '), ko, ...ko.split('·'), ...examples, ...en];
}

function indexOf(categories: ReadonlyMap<string, CategoryMapping>): NameIndex {
  let index = indexes.get(categories);
  if (!index) {
    const names: NameIndex['names'] = [];
    for (const c of categories.values()) {
      const seen = new Set<string>();
      for (const name of namesOf(c)) {
        const words = wordsOf(name);
        const key = words.join(' ');
        if (words.length && !seen.has(key)) {
          seen.add(key);
          names.push({ words, category: c });
        }
      }
    }
    names.sort((a, b) => b.words.length - a.words.length);
    index = { names };
    indexes.set(categories, index);
  }
  return index;
}

/** The category a description names, when exactly one is named (ignoring those inside a longer name found). */
export function categoryNamedIn(description: unknown, categories: ReadonlyMap<string, CategoryMapping>): CategoryMapping | null {
  if (typeof description !== 'string') return null;
  const words = wordsOf(description);
  const used = new Array<boolean>(words.length).fill(false);
  let found: CategoryMapping | null = null;
  for (const { words: name, category } of indexOf(categories).names) {
    for (let i = 0; i + name.length <= words.length; i++) {
      if (!name.every((w, k) => words[i + k] === w && !used[i + k])) continue;
      if (found && found !== category) return null;
      found = category;
      for (let k = 0; k < name.length; k++) used[i + k] = true;
    }
  }
  return found;
}
