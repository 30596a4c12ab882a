import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { HsIndex, HsNomenclatureRow } from './hs-search.ts';
import { buildHsIndex, hsDigits, normaliseHsText, searchHs } from './hs-search.ts';

const NOMENCLATURE = '/work/shared/data/hsk-10digit-names.csv';
const HEADINGS = '/work/shared/data/hs-headings-4digit.csv';

/** The shared CSVs as nomenclature rows: 10-digit names plus the 4-digit headings (Korean only). */
function loadNomenclature(): HsNomenclatureRow[] {
  const names = parse(readFileSync(NOMENCLATURE), { bom: true, from_line: 2, relax_column_count: true }) as string[][];
  const headings = parse(readFileSync(HEADINGS), { bom: true, from_line: 2, relax_column_count: true }) as string[][];
  const rows: HsNomenclatureRow[] = names.map(([code = '', ko = '', en = '']) => ({ code, ko, en }));
  for (const [chapter = '', number = '', , description = ''] of headings) {
    // "번호" is a 4-digit heading; one row lost its leading digits ("301" under chapter 13)
    const digits = hsDigits(number);
    const code = digits.length === 4 ? digits : digits.length === 3 ? chapter + digits.slice(-2) : '';
    if (code) rows.push({ code, ko: description, en: '' });
  }
  return rows;
}

const SMALL: HsNomenclatureRow[] = [
  { code: '6109', ko: '티셔츠·싱글리트와 그 밖의 조끼', en: '' },
  { code: '6109.10-1000', ko: '티셔츠', en: 'T-shirts' },
  { code: '6109109000', ko: '기타', en: 'Other' },
  { code: '61099010', ko: '견으로 만든 것', en: 'Of silk' },
  { code: '6109901010', ko: '티셔츠', en: 'T-shirts' },
  { code: '6109901090', ko: '기타', en: 'Other' },
  { code: '3304101000', ko: '립스틱', en: 'Lipsticks' },
  { code: '8471300000', ko: '휴대용 자동자료처리기계', en: 'Portable automatic data processing machines' },
  { code: '101211000', ko: '농가 사육용', en: 'For farm breeding' }, // leading zero lost: 0101211000
];

describe('buildHsIndex', () => {
  const index = buildHsIndex(SMALL, (hs) => (hs.startsWith('6109') ? { rate: 13, type: 'A' } : null));

  it('keeps 10-digit leaves in code order, cleans punctuation, pads a code that lost its leading zero', () => {
    expect(index.entries.map((e) => e.code)).toEqual([
      '0101211000',
      '3304101000',
      '6109101000',
      '6109109000',
      '6109901010',
      '6109901090',
      '8471300000',
    ]);
  });

  it('treats 2–9 digit codes that head other codes as levels, attached as the path', () => {
    const silk = index.entries.find((e) => e.code === '6109901010')!;
    expect(silk.path.map((p) => p.code)).toEqual(['6109', '61099010']);
    expect(index.entries.some((e) => e.code === '0061099010')).toBe(false);
  });

  it('attaches the rate of each leaf once', () => {
    expect(index.entries.find((e) => e.code === '6109101000')!.rate).toEqual({ rate: 13, type: 'A' });
    expect(index.entries.find((e) => e.code === '3304101000')!.rate).toBeNull();
  });

  it('survives a rate lookup that throws', () => {
    const i = buildHsIndex(SMALL, () => {
      throw new Error('no rates');
    });
    expect(i.entries.every((e) => e.rate === null)).toBe(true);
  });
});

describe('searchHs (small index)', () => {
  const index = buildHsIndex(SMALL);

  it('searches code prefixes with or without dots and hyphens', () => {
    for (const q of ['6109', '6109.', '61.09', '6109.90-10', ' 6109 9010 ']) {
      const codes = searchHs(index, q).map((h) => h.code);
      const digits = q.replace(/\D/g, '');
      expect(codes.length).toBeGreaterThan(0);
      expect(codes.every((c) => c.startsWith(digits))).toBe(true);
    }
    expect(searchHs(index, '6109.10-1000').map((h) => h.code)).toEqual(['6109101000']);
    expect(searchHs(index, '12345678901')).toEqual([]);
  });

  it('searches names case-insensitively, own names above heading names', () => {
    const hits = searchHs(index, 'T-SHIRTS');
    expect(hits.map((h) => h.code).slice(0, 2)).toEqual(['6109101000', '6109901010']);
    const ko = searchHs(index, '티셔츠');
    expect(ko[0]!.ko).toBe('티셔츠');
    // "기타" leaves under heading 6109 match only through the heading, so they rank lower
    const other = ko.find((h) => h.code === '6109109000');
    expect(other).toBeDefined();
    expect(other!.score).toBeLessThan(ko[0]!.score);
  });

  it('finds words the nomenclature does not use through synonyms', () => {
    expect(searchHs(index, 'laptop')[0]!.code).toBe('8471300000');
    expect(searchHs(index, '노트북')[0]!.code).toBe('8471300000');
    const custom = buildHsIndex(SMALL, undefined, { synonyms: { 'lip stick': ['lipsticks'] } });
    expect(searchHs(custom, 'lip stick')[0]!.code).toBe('3304101000');
  });

  it('restricts a name search by code words in the query', () => {
    const hits = searchHs(index, '6109.90 티셔츠');
    expect(hits[0]!.code).toBe('6109901010');
    expect(hits.every((h) => h.code.startsWith('610990'))).toBe(true);
  });

  it('returns nothing for empty or punctuation-only queries, and honours the limit', () => {
    expect(searchHs(index, '')).toEqual([]);
    expect(searchHs(index, ' .- ')).toEqual([]);
    expect(searchHs(index, '!!!')).toEqual([]);
    expect(searchHs(index, '61', { limit: 2 })).toHaveLength(2);
    expect(searchHs(index, '61', { limit: 0 })).toEqual([]);
  });

  it('normalises text: NFKC, lower case, joined hyphens, middle dots as spaces', () => {
    expect(normaliseHsText('Ｔ-Shirts')).toBe('tshirts');
    expect(normaliseHsText('장부ㆍ회계부·노트북')).toBe('장부 회계부 노트북');
    expect(normaliseHsText("Men's (cotton)")).toBe('mens cotton');
  });
});

describe('searchHs on the shared HSK nomenclature', () => {
  let index: HsIndex;
  beforeAll(() => {
    index = buildHsIndex(loadNomenclature());
  });

  it('indexes the 10-digit codes and keeps 7–9 digit rows as levels (they head the next codes)', () => {
    expect(index.size).toBe(11327);
    expect(index.entries.every((e) => /^\d{10}$/.test(e.code))).toBe(true);
    const ginsengRoot = index.entries.filter((e) => e.code.startsWith('1211201'));
    expect(ginsengRoot.length).toBeGreaterThan(0);
    expect(ginsengRoot[0]!.path.map((p) => p.code)).toContain('1211201');
    expect(index.entries.some((e) => e.code === '0001211201')).toBe(false);
  });

  it('"6109" returns the T-shirt codes', () => {
    const hits = searchHs(index, '6109');
    expect(hits.every((h) => h.code.startsWith('6109'))).toBe(true);
    expect(hits.map((h) => h.code)).toEqual(expect.arrayContaining(['6109101000', '6109901010', '6109909010']));
    expect(hits.filter((h) => h.en === 'T-shirts').length).toBeGreaterThanOrEqual(5);
  });

  it('"티셔츠" finds the 6109 codes first', () => {
    const hits = searchHs(index, '티셔츠', { limit: 10 });
    expect(hits.slice(0, 5).every((h) => h.code.startsWith('6109') && h.ko === '티셔츠')).toBe(true);
  });

  it('"laptop" and "portable automatic data processing" find 8471.30', () => {
    expect(searchHs(index, 'laptop')[0]!.code).toBe('8471300000');
    expect(searchHs(index, 'portable automatic data processing')[0]!.code).toBe('8471300000');
    expect(searchHs(index, 'Portable Automatic Data Processing Machines')[0]!.code).toBe('8471300000');
    expect(searchHs(index, '휴대용 자동자료처리기계')[0]!.code).toBe('8471300000');
    expect(searchHs(index, '8471.30').map((h) => h.code)).toEqual(['8471300000']);
  });

  it('finds common e-commerce goods by Korean and English names', () => {
    expect(searchHs(index, '립스틱')[0]!.code).toBe('3304101000');
    expect(searchHs(index, 'lipstick')[0]!.code).toBe('3304101000');
    expect(searchHs(index, '스마트폰')[0]!.code).toBe('8517130000');
    expect(searchHs(index, '향수')[0]!.code).toBe('3303001000');
    expect(searchHs(index, 'sneakers')[0]!.code.slice(0, 4)).toBe('6404');
  });

  // Speed is measured by benchmarks, not asserted here (a timed assertion fails on a loaded machine and
  // passes on a fast one whatever the code does). What is asserted: the index is built once and every
  // search reads it only, so the same query answers the same way however many searches come between.
  it('answers from the index built once: a query asked again answers the same, and no search changes the index', () => {
    const queries = ['6109', '티셔츠', 'laptop', 'portable automatic data processing', 'shoes', '화장품', 'vitamin', '8471.30', '립스틱', '인삼'];
    const before = JSON.stringify({ entries: index.entries, ownKo: index.ownKo, ownEn: index.ownEn, anc: index.anc, grams: [...index.grams].map(([g, ps]) => [g, [...ps]]), synonyms: [...index.synonyms] });
    const first = queries.map((q) => searchHs(index, q));
    for (const [i, q] of queries.entries()) expect(first[i]!.length, q).toBeGreaterThan(0);
    for (let i = 0; i < 500; i++) expect(searchHs(index, queries[i % queries.length]!)).toEqual(first[i % queries.length]);
    const after = JSON.stringify({ entries: index.entries, ownKo: index.ownKo, ownEn: index.ownEn, anc: index.anc, grams: [...index.grams].map(([g, ps]) => [g, [...ps]]), synonyms: [...index.synonyms] });
    expect(after === before).toBe(true);
  });

  describe('properties', () => {
    const digitsWithSeparators = fc
      .array(fc.tuple(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'), fc.constantFrom('', '', '', '.', '-', ' ')), {
        minLength: 1,
        maxLength: 10,
      })
      .map((parts) => parts.map(([d, sep]) => d + sep).join(''));

    it('code results always start with the queried digits and are complete up to the limit', () => {
      fc.assert(
        fc.property(digitsWithSeparators, (q) => {
          const digits = q.replace(/\D/g, '');
          const hits = searchHs(index, q, { limit: 5000 });
          const expected = index.entries.filter((e) => e.code.startsWith(digits)).length;
          return hits.every((h) => h.code.startsWith(digits)) && hits.length === Math.min(expected, 5000);
        }),
        { numRuns: 300 },
      );
    });

    it('never throws, and ranks by non-increasing score', () => {
      const anyText = fc.oneof(
        fc.string(),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        fc.stringMatching(/^[가-힣 a-zA-Z0-9.\-ㆍ·]{0,30}$/),
      );
      fc.assert(
        fc.property(anyText, fc.integer({ min: -5, max: 300 }), (q, limit) => {
          const hits = searchHs(index, q, { limit });
          for (let i = 1; i < hits.length; i++) if (hits[i]!.score > hits[i - 1]!.score) return false;
          return hits.length <= Math.max(0, limit) && hits.every((h) => /^\d{10}$/.test(h.code));
        }),
        { numRuns: 500 },
      );
    });

    it('never throws on hostile inputs', () => {
      for (const q of ['\uD800', '\uDFFF\uD800', '\u0000', 'a'.repeat(100_000), '9'.repeat(5000), '기타 '.repeat(300), null, undefined, 42]) {
        expect(() => searchHs(index, q as string)).not.toThrow();
      }
    });
  });
});
