import { describe, expect, it } from 'vitest';
import { plainCategoryName } from './category-name.ts';

describe('plainCategoryName', () => {
  it('drops the classification note in brackets at the end of a name', () => {
    expect(plainCategoryName('Shoes (textile uppers; leather 6403 has the same rate)')).toBe('Shoes');
    expect(plainCategoryName('Clothing (knit or woven unknown: chapter 62 default, 13%)')).toBe('Clothing');
  });
  it('keeps a name without a note, and a name that is only a note', () => {
    expect(plainCategoryName('Perfume')).toBe('Perfume');
    expect(plainCategoryName('(unnamed)')).toBe('(unnamed)');
  });
});
