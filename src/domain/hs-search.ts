// HS code search over the HSK nomenclature: code-prefix search ("6109", "8471.30",
// "8471.30-0000") and Korean/English name search (tokens, case-insensitive, ranked).
// Pure: rows come in as arguments, the index is built once, queries never throw.
//
// Codes: HSK leaves have 10 digits. The shared nomenclature file also lists intermediate
// levels of 7–9 digits (e.g. 1211201 "인삼 뿌리" above 1211201000): every one of them is a
// prefix of the next 10-digit code, so they are group headings, not codes that lost their
// leading zeros. A 7–9 digit code that is a prefix of no other code is taken as a 10-digit
// code whose leading zeros were dropped (e.g. by a spreadsheet) and is left-padded.
import type { Bilingual } from './bilingual.ts';

export interface HsNomenclatureRow {
  code: string; // any punctuation; 2–10 digits once cleaned
  ko: string;
  en: string;
}

/** Duty rate attached to a leaf: `rate` in percent (13 means 13 %), `type` e.g. "A" (기본세율). */
export interface HsRate {
  rate: number;
  type: string;
}

export interface HsLevel {
  code: string;
  ko: string;
  en: string;
}

export interface HsEntry {
  code: string; // 10 digits
  ko: string;
  en: string;
  /** Higher levels (chapter, heading, subheadings) present in the input, outermost first. */
  path: HsLevel[];
  rate: HsRate | null;
}

export interface HsHit extends HsEntry {
  score: number;
}

export interface HsIndexOptions {
  /**
   * Extra words for name search, keyed by a normalised single word or phrase; each value lists
   * phrases found in the nomenclature. Merged over DEFAULT_HS_SYNONYMS.
   */
  synonyms?: Record<string, readonly string[]>;
}

export interface HsSearchOptions {
  limit?: number; // default 50; capped at 5,000
}

export interface HsIndex {
  readonly entries: readonly HsEntry[]; // sorted by code
  readonly size: number;
  /** @internal normalised own Korean names */
  readonly ownKo: readonly string[];
  /** @internal normalised own English names */
  readonly ownEn: readonly string[];
  /** @internal normalised names of the higher levels */
  readonly anc: readonly string[];
  /** @internal character and bigram -> entry positions (ascending), over own + ancestor text */
  readonly grams: ReadonlyMap<string, Uint32Array>;
  /** @internal normalised synonym key -> normalised phrases */
  readonly synonyms: ReadonlyMap<string, readonly string[]>;
}

/**
 * Common e-commerce words that the nomenclature does not use, mapped to the nomenclature's
 * own phrases (the words were checked against hsk-10digit-names.csv). Rules are data: callers
 * can pass more via `options.synonyms`.
 */
export const DEFAULT_HS_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  laptop: ['portable automatic data processing', '휴대용 자동자료처리기계'],
  notebook: ['portable automatic data processing', '휴대용 자동자료처리기계'],
  노트북: ['휴대용 자동자료처리기계', 'portable automatic data processing'],
  랩탑: ['휴대용 자동자료처리기계', 'portable automatic data processing'],
  computer: ['automatic data processing', '자동자료처리기계'],
  컴퓨터: ['자동자료처리기계', 'automatic data processing'],
  'cell phone': ['smartphones', '스마트폰'],
  cellphone: ['smartphones', '스마트폰'],
  'mobile phone': ['smartphones', '스마트폰'],
  휴대폰: ['스마트폰', 'smartphones'],
  핸드폰: ['스마트폰', 'smartphones'],
  tee: ['tshirts', '티셔츠'],
  tshirt: ['tshirts', '티셔츠'],
  sneakers: ['training shoes', 'sports footwear', '훈련화', '스포츠용 신발류'],
  sneaker: ['training shoes', 'sports footwear', '훈련화', '스포츠용 신발류'],
  운동화: ['훈련화', '스포츠용 신발류', 'training shoes', 'sports footwear'],
  스니커즈: ['훈련화', '스포츠용 신발류', 'training shoes', 'sports footwear'],
};

const MAX_QUERY_CHARS = 256;
const MAX_TEXT_CHARS = 16_384; // names are far shorter; bounds the work on hostile input
const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 5000;

// Only dropped when the query has other words, so "other" alone still searches.
const EN_STOPWORDS = new Set(['a', 'an', 'and', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with']);

/** Digits of a code as typed: "8471.30-0000" -> "8471300000". */
export function hsDigits(raw: string): string {
  return String(raw ?? '').replace(/\D+/g, '');
}

/**
 * Lower-case, NFKC, words separated by single spaces. Hyphens and apostrophes inside words
 * are removed ("T-shirts" -> "tshirts", "men's" -> "mens"); middle dots (·, ㆍ) separate words.
 */
export function normaliseHsText(raw: string): string {
  let s = String(raw ?? '');
  if (s.length > MAX_TEXT_CHARS) s = s.slice(0, MAX_TEXT_CHARS);
  s = s.normalize('NFKC').toLowerCase();
  s = s.replace(/(?<=[\p{L}\p{N}])['’‐‑-](?=[\p{L}\p{N}])/gu, '');
  s = s.replace(/[\u00B7\u318D\u119E\u30FB\u2027\u2022\u2219]/g, ' ');
  s = s.replace(/[^\p{L}\p{N}]+/gu, ' ');
  return s.trim();
}

function bigramsOf(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Keys of the posting lists: single characters (for one-letter queries) and bigrams. */
function gramsOf(s: string): Set<string> {
  const out = bigramsOf(s);
  for (const ch of s) if (ch !== ' ' && ch !== '\u0000') out.add(ch);
  return out;
}

export function buildHsIndex(
  rows: readonly HsNomenclatureRow[],
  rates?: (hs: string) => HsRate | null,
  options: HsIndexOptions = {},
): HsIndex {
  const cleaned: { code: string; ko: string; en: string }[] = [];
  for (const row of rows) {
    const code = hsDigits(row.code);
    if (code.length < 2 || code.length > 10) continue;
    cleaned.push({ code, ko: String(row.ko ?? '').trim(), en: String(row.en ?? '').trim() });
  }
  const allCodes = cleaned.map((r) => r.code).sort();
  const isPrefixOfAnother = (code: string): boolean => {
    // first code strictly greater than `code` in sort order starts with it iff any does
    let lo = 0;
    let hi = allCodes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (allCodes[mid]! <= code) lo = mid + 1;
      else hi = mid;
    }
    const next = allCodes[lo];
    return next !== undefined && next.startsWith(code);
  };

  const leaves = new Map<string, Bilingual>();
  const groups = new Map<string, HsLevel>();
  for (const r of cleaned) {
    if (r.code.length === 10) {
      if (!leaves.has(r.code)) leaves.set(r.code, { ko: r.ko, en: r.en });
    } else if (r.code.length >= 7 && !isPrefixOfAnother(r.code)) {
      const padded = r.code.padStart(10, '0');
      if (!leaves.has(padded)) leaves.set(padded, { ko: r.ko, en: r.en });
    } else if (!groups.has(r.code)) {
      groups.set(r.code, { code: r.code, ko: r.ko, en: r.en });
    }
  }

  const codes = [...leaves.keys()].sort();
  const entries: HsEntry[] = [];
  const ownKo: string[] = [];
  const ownEn: string[] = [];
  const anc: string[] = [];
  const gramLists = new Map<string, number[]>();
  for (const code of codes) {
    const leaf = leaves.get(code)!;
    const path: HsLevel[] = [];
    for (let len = 2; len < 10; len++) {
      const g = groups.get(code.slice(0, len));
      if (g) path.push(g);
    }
    let rate: HsRate | null = null;
    if (rates) {
      try {
        const r = rates(code);
        if (r && Number.isFinite(r.rate)) rate = { rate: r.rate, type: String(r.type ?? '') };
      } catch {
        rate = null; // a faulty rate lookup must not break the index
      }
    }
    const pos = entries.length;
    entries.push({ code, ko: leaf.ko, en: leaf.en, path, rate });
    const koText = normaliseHsText(leaf.ko);
    const enText = normaliseHsText(leaf.en);
    const ancText = normaliseHsText(path.map((p) => `${p.ko} ${p.en}`).join(' '));
    ownKo.push(koText);
    ownEn.push(enText);
    anc.push(ancText);
    for (const g of gramsOf(`${koText}\u0000${enText}\u0000${ancText}`)) {
      let list = gramLists.get(g);
      if (!list) gramLists.set(g, (list = []));
      list.push(pos);
    }
  }
  const grams = new Map<string, Uint32Array>();
  for (const [g, list] of gramLists) grams.set(g, Uint32Array.from(list));

  const synonyms = new Map<string, string[]>();
  for (const source of [DEFAULT_HS_SYNONYMS, options.synonyms ?? {}]) {
    for (const [key, phrases] of Object.entries(source)) {
      const k = normaliseHsText(key);
      if (!k) continue;
      const list = phrases.map(normaliseHsText).filter((p) => p.length > 0);
      synonyms.set(k, [...new Set([...(synonyms.get(k) ?? []), ...list])]);
    }
  }

  return { entries, size: entries.length, ownKo, ownEn, anc, grams, synonyms };
}

/** First position whose code is >= `prefix`. */
function lowerBound(entries: readonly HsEntry[], prefix: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]!.code < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function codePrefixSearch(index: HsIndex, prefixes: readonly string[], limit: number): HsHit[] {
  const out: HsHit[] = [];
  const seen = new Set<number>();
  for (const prefix of [...new Set(prefixes)].sort()) {
    if (prefix.length > 10) continue;
    for (let i = lowerBound(index.entries, prefix); i < index.entries.length; i++) {
      const e = index.entries[i]!;
      if (!e.code.startsWith(prefix)) break;
      if (seen.has(i)) continue;
      seen.add(i);
      out.push({ ...e, score: 100 });
    }
  }
  out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  return out.slice(0, limit);
}

/** Sorted intersection of two ascending lists. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length));
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      out[n++] = x;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return out.subarray(0, n);
}

/** Entry positions whose text may contain `phrase`: a superset, verified by the scorer. */
function candidatesFor(index: HsIndex, phrase: string): Uint32Array {
  const keys = phrase.length === 1 ? [phrase] : [...bigramsOf(phrase)];
  const lists: Uint32Array[] = [];
  for (const k of keys) {
    const list = index.grams.get(k);
    if (!list) return new Uint32Array(0);
    lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  let out = lists[0] ?? new Uint32Array(0);
  // stop narrowing once verifying the rest is cheaper than intersecting further
  for (let i = 1; i < lists.length && out.length > 48; i++) out = intersect(out, lists[i]!);
  return out;
}

/** 10: whole word, 7: start of a word, 4: inside a word, 0: absent; +2 when it opens the text. */
function matchQuality(text: string, phrase: string): number {
  let best = 0;
  let from = 0;
  while (from <= text.length) {
    const at = text.indexOf(phrase, from);
    if (at < 0) break;
    const startOk = at === 0 || text[at - 1] === ' ';
    const end = at + phrase.length;
    const endOk = end === text.length || text[end] === ' ';
    // a name's head words come first ("Portable automatic data processing machines" versus
    // "For portable automatic data processing machine…", a part of one)
    const q = (startOk && endOk ? 10 : startOk ? 7 : 4) + (at === 0 ? 2 : 0);
    if (q > best) best = q;
    if (best === 12) break;
    from = at + 1;
  }
  return best;
}

interface Term {
  alternatives: { phrase: string; weight: number }[];
  idf: number;
}

/**
 * Best alternative, plus a quarter of the others that also match (a leaf named by both the
 * Korean and the English phrase of a synonym is better evidence than one named by one).
 */
function termScore(index: HsIndex, pos: number, term: Term): { score: number; inOwn: boolean } {
  let best = 0;
  let rest = 0;
  let inOwn = false;
  for (const alt of term.alternatives) {
    const o = Math.max(matchQuality(index.ownKo[pos]!, alt.phrase), matchQuality(index.ownEn[pos]!, alt.phrase));
    const a = o === 0 ? matchQuality(index.anc[pos]!, alt.phrase) : 0;
    const s = (o > 0 ? o : a * 0.3) * alt.weight;
    if (s > best) {
      rest += best;
      best = s;
      inOwn = o > 0;
    } else {
      rest += s;
    }
  }
  return { score: (best + rest * 0.25) * term.idf, inOwn };
}

function termCandidates(index: HsIndex, alternatives: Term['alternatives']): Uint32Array {
  if (alternatives.length === 1) return candidatesFor(index, alternatives[0]!.phrase);
  const out = new Set<number>();
  for (const alt of alternatives) for (const p of candidatesFor(index, alt.phrase)) out.add(p);
  return Uint32Array.from(out).sort();
}

function makeTerms(index: HsIndex, normalisedQuery: string): { terms: Term[]; candidates: Uint32Array[] } {
  const words = normalisedQuery.split(' ').filter((w) => w.length > 0);
  const whole = index.synonyms.get(normalisedQuery);
  let groups: Term['alternatives'][];
  if (words.length > 1 && whole) {
    groups = [[{ phrase: normalisedQuery, weight: 1 }, ...whole.map((p) => ({ phrase: p, weight: 0.9 }))]];
  } else {
    // stop words and lone Latin letters ("t shirt") only count when nothing else is left
    const meaningful = words.filter((w) => !EN_STOPWORDS.has(w) && !/^[a-z]$/.test(w));
    const chosen = [...new Set(meaningful.length > 0 ? meaningful : words)];
    groups = chosen.map((w) => [
      { phrase: w, weight: 1 },
      ...(index.synonyms.get(w) ?? []).map((p) => ({ phrase: p, weight: 0.9 })),
    ]);
  }
  const candidates = groups.map((alts) => termCandidates(index, alts));
  // rarer words weigh more (df estimated from the bigram candidates, an upper bound)
  const terms = groups.map((alternatives, i) => {
    const df = candidates[i]?.length ?? index.size;
    return { alternatives, idf: Math.log(1 + index.size / (1 + df)) / Math.log(1 + index.size) + 0.5 };
  });
  return { terms, candidates };
}

interface Scored {
  pos: number;
  score: number;
}

/** Positions follow code order, so ranking ties fall back to code order. */
function ranksBefore(a: Scored, b: Scored): boolean {
  return a.score > b.score || (a.score === b.score && a.pos < b.pos);
}

/** The best `k` in rank order, with a bounded heap (O(n log k)): "기타" alone matches thousands. */
function topK(items: readonly Scored[], k: number): Scored[] {
  if (items.length <= k) return [...items].sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
  const heap: Scored[] = []; // worst-ranked at heap[0]
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let w = i;
      if (l < heap.length && ranksBefore(heap[w]!, heap[l]!)) w = l;
      if (r < heap.length && ranksBefore(heap[w]!, heap[r]!)) w = r;
      if (w === i) return;
      [heap[i], heap[w]] = [heap[w]!, heap[i]!];
      i = w;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      for (let i = heap.length - 1; i > 0; ) {
        const parent = (i - 1) >>> 1;
        if (!ranksBefore(heap[parent]!, heap[i]!)) break;
        [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
        i = parent;
      }
    } else if (ranksBefore(item, heap[0]!)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort((a, b) => (ranksBefore(a, b) ? -1 : ranksBefore(b, a) ? 1 : 0));
}

function nameSearch(index: HsIndex, normalisedQuery: string, codeFilters: readonly string[], limit: number): HsHit[] {
  const { terms, candidates } = makeTerms(index, normalisedQuery);
  if (terms.length === 0) return [];
  const passesFilter = (pos: number): boolean =>
    codeFilters.length === 0 || codeFilters.some((f) => index.entries[pos]!.code.startsWith(f));

  // scores first, objects only for the hits returned
  const scoreAll = (positions: Iterable<number>, requireAll: boolean): Scored[] => {
    const scored: Scored[] = [];
    for (const pos of positions) {
      if (!passesFilter(pos)) continue;
      let total = 0;
      let matched = 0;
      let allOwn = true;
      for (const term of terms) {
        const { score, inOwn } = termScore(index, pos, term);
        if (score > 0) {
          matched++;
          total += score;
          if (!inOwn) allOwn = false;
        } else {
          allOwn = false;
          if (requireAll) break;
        }
      }
      if (matched === 0 || (requireAll && matched < terms.length)) continue;
      const ko = index.ownKo[pos]!;
      const en = index.ownEn[pos]!;
      if (allOwn) total += 5;
      if (terms.length > 1 && (ko.includes(normalisedQuery) || en.includes(normalisedQuery))) total += 5;
      // shorter own names are more specific answers to the same words
      total += 1 / (1 + (ko.length + en.length) / 40);
      scored.push({ pos, score: Math.round(total * 1000) / 1000 });
    }
    return scored;
  };

  // AND: walk the smallest candidate list, verify every term
  let smallest = candidates[0]!;
  for (const c of candidates) if (c.length < smallest.length) smallest = c;
  let scored = scoreAll(smallest, true);
  if (scored.length === 0 && terms.length > 1) {
    // OR fallback: more (and rarer) matching words rank first
    const union = new Set<number>();
    for (const c of candidates) for (const p of c) union.add(p);
    scored = scoreAll(union, false);
  }
  return topK(scored, limit).map(({ pos, score }) => ({ ...index.entries[pos]!, score }));
}

/**
 * Search the index. A query made only of digits, spaces, dots and hyphens is a code prefix
 * ("6109", "8471.30"): every result starts with those digits, in code order. Otherwise the
 * words are searched in the Korean and English names (the leaf's own name scores more than
 * the names of its heading and subheadings); digit-only words in a mixed query ("6109 티셔츠")
 * restrict results to codes starting with them. Never throws.
 */
export function searchHs(index: HsIndex, query: string, options: HsSearchOptions = {}): HsHit[] {
  const limit = Math.max(0, Math.min(MAX_LIMIT, Math.floor(Number(options.limit ?? DEFAULT_LIMIT)) || 0));
  if (limit === 0) return [];
  const raw = String(query ?? '').slice(0, MAX_QUERY_CHARS);
  const compact = raw.replace(/[\s.\-]+/g, '');
  if (compact.length === 0) return [];
  if (/^\d+$/.test(compact)) return codePrefixSearch(index, [compact], limit);

  // words that look like codes ("6109", "8471.30") filter; the other words are searched
  const codeFilters: string[] = [];
  const textWords: string[] = [];
  for (const word of raw.split(/\s+/)) {
    const digits = word.replace(/[.\-]/g, '');
    if (/^\d{2,10}$/.test(digits)) codeFilters.push(digits);
    else if (word.length > 0) textWords.push(word);
  }
  const text = normaliseHsText(textWords.join(' '));
  if (text.length === 0) return codeFilters.length > 0 ? codePrefixSearch(index, codeFilters, limit) : [];
  return nameSearch(index, text, codeFilters, limit);
}
