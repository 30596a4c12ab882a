// decodeQuery (query.ts): UTF-8 strictly, otherwise as URLSearchParams and Fastify's parser read a query.
import { describe, expect, it } from 'vitest';
import { decodeComponent, decodeQuery } from './query.ts';

describe('decodeQuery', () => {
  it('decodes percent-encoded UTF-8: 김민지 is EA B9 80 / EB AF BC / EC A7 80', () => {
    const { query, undecodable } = decodeQuery('/p?pltxNm=%EA%B9%80%EB%AF%BC%EC%A7%80&cralTelno=01012345678');
    expect({ ...query }).toEqual({ pltxNm: '김민지', cralTelno: '01012345678' });
    expect([...undecodable]).toEqual([]);
  });

  it('marks EUC-KR (김민지 = B1E8 B9CE C1F6: B1 is a continuation byte, not a UTF-8 start) undecodable and keeps its text', () => {
    const { query, undecodable } = decodeQuery('/p?pltxNm=%B1%E8%B9%CE%C1%F6&persEcm=P1');
    expect(query.pltxNm).toBe('%B1%E8%B9%CE%C1%F6');
    expect(query.persEcm).toBe('P1');
    expect([...undecodable]).toEqual(['pltxNm']);
  });

  it('reads EUC-KR that happens to be UTF-8 as UTF-8 (홍창호 = C8AB C3A2 C8A3 = "ȫâȣ"): why EUC-KR is not guessed', () => {
    expect(decodeQuery('/p?pltxNm=%C8%AB%C3%A2%C8%A3').query.pltxNm).toBe('ȫâȣ');
  });

  it('refuses encoded surrogates and overlong forms (not UTF-8), keeps the rest of URLSearchParams’ reading', () => {
    expect(decodeComponent('%ED%A0%80')).toBeNull(); // U+D800
    expect(decodeComponent('%C0%80')).toBeNull(); // overlong NUL
    expect(decodeComponent('t+shirt')).toBe('t shirt');
    expect(decodeComponent('100%')).toBe('100%');
    expect(decodeComponent('%ZZ%2')).toBe('%ZZ%2');
    expect(decodeComponent('%EA%B9%80+%41')).toBe('김 A');
    expect(new URLSearchParams('x=100%25+t%ZZ').get('x')).toBe('100% t%ZZ'); // the same reading
    expect(decodeComponent('100%25+t%ZZ')).toBe('100% t%ZZ');
  });

  it('keeps repeated parameters in order and names without a value; an undecodable name is marked by its raw text', () => {
    const { query, undecodable } = decodeQuery('/p?a=1&a=2&&b&%FF=x');
    expect({ ...query }).toEqual({ a: ['1', '2'], b: '', '%FF': 'x' });
    expect([...undecodable]).toEqual(['%FF']);
    expect(Object.getPrototypeOf(decodeQuery('/p?__proto__=x').query)).toBeNull();
  });
});
