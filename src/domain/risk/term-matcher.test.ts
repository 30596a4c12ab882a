// The one-pass matchers answer as the per-term checks they replaced: `includes` per term, the
// first goods group with a term, and the regex form of the key normalisation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chapterOfDescription, descriptionWords, hasConcealmentWords, isLuxuryBrand, norm } from './features.ts';
import { ruleHits, type RiskRuleSet } from './rules.ts';
import { firstTag, markTags, termIndex } from './term-matcher.ts';

const alphabet = ['a', 'b', 'c', ' ', '-', '허', '브', 'É', 'é', 'İ', '|'];
const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }).map((xs) => xs.join(''));

describe('term index', () => {
  it('finds the smallest tag and every tag of the terms a text contains, as includes() per term does', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ term: text, tag: fc.nat(6) }), { maxLength: 10 }), text, (terms, t) => {
        const ix = termIndex(terms);
        const found = terms.filter((x) => t.includes(x.term)).map((x) => x.tag);
        expect(firstTag(ix, t)).toBe(found.length ? Math.min(...found) : Number.POSITIVE_INFINITY);
        const hit = new Uint8Array(7);
        markTags(ix, t, hit);
        expect([...hit].flatMap((h, tag) => (h ? [tag] : []))).toEqual([...new Set(found)].sort((a, b) => a - b));
      }),
    );
  });
});

describe('description heuristics', () => {
  const samples = ['나이키 운동화', 'Green tea leaves', 'herbal 차 세트', 'eau de parfum 향수', 'T-shirt and jeans', 'omega-3 비타민', 'yoga mat', 'GUCCI bag replica', 'bath salt 1:1', 'Bluetooth speaker', '레고 블록', 'honey', 'tea', 'unknown thing', ''];
  it('chapterOfDescription gives the first group with a term, as the term-by-term loop did', () => {
    for (const s of samples) expect(chapterOfDescription(s)).toBe(chapterOfDescription(s, descriptionWords(s)));
    expect(chapterOfDescription('나이키 운동화')).toBe('64');
    expect(chapterOfDescription('herbal 차 세트')).toBe('09'); // the tea group (차) comes before the herbal one (12)
    expect(chapterOfDescription('Green tea leaves')).toBe('09');
    expect(chapterOfDescription('T-shirt and jeans')).toBe('62');
    expect(chapterOfDescription('unknown thing')).toBeNull();
    expect(isLuxuryBrand('Gucci', 'bag')).toBe(true);
    expect(isLuxuryBrand(undefined, 'plain bag')).toBe(false);
    expect(hasConcealmentWords('Bath Salt set')).toBe(true);
  });

  it('keyword rules hit in rule order, each once, an empty term everywhere', () => {
    const rules: RiskRuleSet = {
      version: 't',
      signals: [],
      keywords: [
        { code: 'A', ko: 'A', en: 'A', terms: ['Replica', '1:1'], weight: 0.5 },
        { code: 'B', ko: 'B', en: 'B', terms: ['gucci'], weight: 0.2 },
        { code: 'C', ko: 'C', en: 'C', terms: [''], weight: 0.1 },
      ],
    };
    expect(ruleHits(rules, [], 'GUCCI bag 1:1 replica').map((h) => h.code)).toEqual(['A', 'B', 'C']);
    expect(ruleHits(rules, [], 'plain').map((h) => h.code)).toEqual(['C']);
  });

  it('a keyword hit names the words of the rule that the goods matched, as the rule writes them (an empty term names none)', () => {
    // The officer read only 'A' (the rule's name, e.g. 무기류) on a parcel, not which word of its list was found.
    const rules: RiskRuleSet = {
      version: 't',
      signals: [],
      keywords: [
        { code: 'A', ko: '위조품', en: 'Counterfeit', terms: ['Replica', '1:1', 'fake'], weight: 0.5 },
        { code: 'C', ko: 'C', en: 'C', terms: [''], weight: 0.1 },
      ],
    };
    expect(ruleHits(rules, [], 'GUCCI bag 1:1 REPLICA').map(({ ko, en }) => [ko, en])).toEqual([
      ['위조품 (일치: Replica, 1:1)', 'Counterfeit (matched: Replica, 1:1)'],
      ['C', 'C'],
    ]);
  });
});

describe('norm', () => {
  const regexForm = (s: string | undefined) => (s ?? '').trim().toUpperCase().replace(/\s+/g, ' ');
  it('equals trim + upper case + /\\s+/g → " " for every UTF-16 code unit, alone, doubled and next to spaces', () => {
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const s of [ch, `a${ch}b`, `a${ch}${ch}b`, `a ${ch}b`, `a${ch} b`, ` ${ch} `]) if (norm(s) !== regexForm(s)) expect(norm(s)).toBe(regexForm(s));
    }
    for (const s of [undefined, '', '  a  b  ', 'a\t\tb', 'straße', '\u00a0x\u3000y']) expect(norm(s)).toBe(regexForm(s));
  });
});
