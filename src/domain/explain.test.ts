import { describe, expect, it } from 'vitest';
import { makeReason } from './explain.ts';

const texts = { X: { ko: '{n}개 초과', en: 'over by {n}', ref: '고시 제{art}조' } };

describe('reasons', () => {
  it('are plain data: equality, spread and JSON see the rendered texts', () => {
    const r = makeReason(texts, 'X', { n: 3, art: 68 });
    const plain = { code: 'X', ko: '3개 초과', en: 'over by 3', ref: '고시 제68조' };
    expect(r).toEqual(plain);
    expect({ ...r }).toEqual(plain);
    expect(JSON.parse(JSON.stringify(r))).toEqual(plain);
    expect(Object.keys(r)).toEqual(['code', 'ko', 'en', 'ref']);
  });

  it('falls back to the code when a text is missing', () => {
    expect(makeReason(texts, 'NOPE')).toEqual({ code: 'NOPE', ko: 'NOPE', en: 'NOPE', ref: '' });
  });
});
