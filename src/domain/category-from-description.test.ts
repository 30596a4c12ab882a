import { describe, expect, it } from 'vitest';
import { categoryNamedIn } from './category-from-description.ts';
import type { CategoryMapping } from './reference/types.ts';

const category = (code: string, ko: string, en: string): [string, CategoryMapping] => [code, { category: code, ko, en, hs: '0000', source: 'test' }];
const categories = new Map([
  category('bag', '가방·핸드백', 'Bags, handbags, backpacks'),
  category('mobile-phone', '휴대폰(스마트폰)', 'Mobile phones (smartphones)'),
  category('phone-case', '휴대폰 케이스(플라스틱)', 'Phone cases (plastic)'),
  category('belt', '벨트(가죽)', 'Belts (leather)'),
  category('lego', '조립식 완구(레고 등)', 'Construction toys (e.g. Lego)'),
  category('watch', '손목시계', 'Wrist-watches'),
  category('perfume', '향수', 'Perfume'),
]);
const named = (d: unknown) => categoryNamedIn(d, categories)?.category ?? null;

describe('categoryNamedIn', () => {
  it('finds a category by its Korean name or a ·-part of it, its English names in the singular or plural, or its code', () => {
    expect(named('가방 Coach Tabby 26')).toBe('bag');
    expect(named('핸드백 Coach')).toBe('bag');
    expect(named('Herschel backpacks')).toBe('bag');
    expect(named('Omega watch')).toBe('watch');
    expect(named('Omega watches')).toBe('watch');
    expect(named('mobile phone Galaxy S24')).toBe('mobile-phone');
  });

  it('takes the longest name first: the words of a phone case do not also name a phone', () => {
    expect(named('휴대폰 케이스 Spigen')).toBe('phone-case');
    expect(named('휴대폰 Galaxy S24')).toBe('mobile-phone');
  });

  it('reads the examples in brackets ("레고 등") but not qualifiers ("(가죽)", "(플라스틱)")', () => {
    expect(named('레고 Technic 42115')).toBe('lego');
    expect(named('가죽 지갑')).toBeNull();
    expect(named('플라스틱 컵')).toBeNull();
  });

  it('gives nothing when two categories are named, none is, or a name is only part of a word', () => {
    expect(named('향수 가방 set')).toBeNull();
    expect(named('티셔츠 Nike')).toBeNull();
    expect(named('향수병 빈 용기')).toBeNull();
    expect(named(42)).toBeNull();
  });
});
