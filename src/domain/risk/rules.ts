// The rule-only baseline: what a selection desk does without a learned model. Each engine
// signal (assessment.signals) and each keyword rule on the goods description carries a
// weight in [0, 1), read as "the chance this rule alone is right"; rules combine as
// independent evidence: score = 1 − Π(1 − weight). Rules are data (data/risk-rules.json),
// edited by officers; the rule set's version is reported with each score.
import { markTags, termIndex, type TermIndex } from './term-matcher.ts';

export interface KeywordRule {
  code: string;
  ko: string;
  en: string;
  /** Matched as lowercase substrings of the description. */
  terms: string[];
  weight: number;
}

export interface SignalRule {
  signal: string;
  ko: string;
  en: string;
  weight: number;
}

export interface RiskRuleSet {
  version: string;
  signals: SignalRule[];
  keywords: KeywordRule[];
}

export interface RuleHit {
  code: string;
  ko: string;
  en: string;
  weight: number;
}

/** The lower-cased terms of a set's keyword rules, tagged with the rule's position (rule sets are immutable once parsed). */
const keywordIndexes = new WeakMap<readonly KeywordRule[], TermIndex>();

/** Which keyword rules of one rule set a text hits (hit[i] = 1 for rule i), kept by text by a caller matching many texts with that set (scoreBatch: goods recur). */
export type KeywordMemo = Map<string, Uint8Array>;

export function ruleHits(rules: RiskRuleSet, signals: readonly string[], text: string, memo?: KeywordMemo): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const s of rules.signals) if (signals.includes(s.signal)) hits.push({ code: s.signal, ko: s.ko, en: s.en, weight: s.weight });
  if (rules.keywords.length === 0) return hits;
  let ix = keywordIndexes.get(rules.keywords);
  if (!ix) keywordIndexes.set(rules.keywords, (ix = termIndex(rules.keywords.flatMap((k, tag) => k.terms.map((t) => ({ term: t.toLowerCase(), tag }))))));
  // One pass over the text for all the rules' terms; hits in rule order as before.
  let hit = memo?.get(text);
  if (!hit) {
    hit = new Uint8Array(rules.keywords.length);
    markTags(ix, text.toLowerCase(), hit);
    memo?.set(text, hit);
  }
  let lower: string | null = null;
  rules.keywords.forEach((k, i) => {
    if (hit[i] !== 1) return;
    // Which of the rule's words the goods matched (as the rule writes them), for the officer; hits are rare,
    // so the words are looked for only here, not in the one pass above.
    lower ??= text.toLowerCase();
    const found = k.terms.filter((t) => t !== '' && lower!.includes(t.toLowerCase()));
    hits.push(found.length ? { code: k.code, ko: `${k.ko} (일치: ${found.join(', ')})`, en: `${k.en} (matched: ${found.join(', ')})`, weight: k.weight } : { code: k.code, ko: k.ko, en: k.en, weight: k.weight });
  });
  return hits;
}

export function ruleScore(rules: RiskRuleSet, signals: readonly string[], text: string): number {
  let keep = 1;
  for (const h of ruleHits(rules, signals, text)) keep *= 1 - Math.min(0.999, Math.max(0, h.weight));
  return 1 - keep;
}

/** Why a rule set was refused, in Korean and English (the CLI prints the one asked for). */
export type RuleSetResult = { ok: true; rules: RiskRuleSet } | { ok: false; code: 'RULE_SET_INVALID'; ko: string; en: string };

const invalid = (ko: string, en: string) => ({ ok: false, code: 'RULE_SET_INVALID', ko, en }) as const;

/** Checks the shape of a rule set read from a file (data/risk-rules.json or an officer's edit). */
export function parseRuleSet(value: unknown): RuleSetResult {
  const v = value as Partial<RiskRuleSet> | null;
  if (!v || typeof v.version !== 'string' || !Array.isArray(v.signals) || !Array.isArray(v.keywords)) {
    return invalid('규칙 집합에는 version, signals[], keywords[]가 필요합니다', 'a rule set needs version, signals[] and keywords[]');
  }
  const weightOk = (w: unknown) => typeof w === 'number' && w >= 0 && w < 1;
  for (const s of v.signals) {
    const name = JSON.stringify(s?.signal);
    if (!s || typeof s.signal !== 'string' || !weightOk(s.weight)) return invalid(`신호 규칙 ${name}: signal과 [0, 1) 범위의 weight가 필요합니다`, `signal rule ${name}: needs signal and a weight in [0, 1)`);
  }
  for (const k of v.keywords) {
    const name = JSON.stringify(k?.code);
    if (!k || typeof k.code !== 'string' || !Array.isArray(k.terms) || !weightOk(k.weight)) return invalid(`키워드 규칙 ${name}: code, terms[]와 [0, 1) 범위의 weight가 필요합니다`, `keyword rule ${name}: needs code, terms[] and a weight in [0, 1)`);
  }
  return { ok: true, rules: { version: v.version, signals: v.signals.map((s) => ({ signal: s.signal, ko: s.ko ?? s.signal, en: s.en ?? s.signal, weight: s.weight })), keywords: v.keywords.map((k) => ({ code: k.code, ko: k.ko ?? k.code, en: k.en ?? k.code, terms: k.terms, weight: k.weight })) } };
}
