// Small-cell suppression, worked by hand (minCount 3 unless said).
import { describe, expect, test } from 'vitest';
import { totalWithheld, withheldCells } from './statistics-disclosure.ts';

const cells = (...counts: number[]) => counts.map((count) => ({ count, empty: false }));

describe('withheldCells', () => {
  test('nothing small, nothing withheld', () => {
    expect(withheldCells(cells(5, 3, 4), 3)).toEqual([null, null, null]);
  });

  test('one small cell takes the smallest other with it (the total would give it back)', () => {
    // 1 alone = total − the rest; with the 3 withheld too the two hold 4 declarations.
    expect(withheldCells(cells(6, 3, 1), 3)).toEqual([null, 'complementary', 'small']);
  });

  test('two small cells that together hold enough need no other', () => {
    expect(withheldCells(cells(5, 4, 2, 1), 3)).toEqual([null, null, 'small', 'small']);
  });

  test('two small cells that together hold too few take the next smallest (ties: first listed)', () => {
    // 1 + 1 = 2 < 3: each of the two would know the other's purchase from their sum.
    expect(withheldCells(cells(9, 4, 1, 4, 1), 3)).toEqual([null, 'complementary', 'small', null, 'small']);
  });

  test('a lone small cell is all there is: withheld, and so is its total', () => {
    expect(withheldCells(cells(2), 3)).toEqual(['small']);
    expect(totalWithheld({ count: 2, empty: false }, 3)).toBe(true);
    expect(totalWithheld({ count: 3, empty: false }, 3)).toBe(false);
  });

  test('empty cells (a month without declarations) are never withheld nor used to protect', () => {
    const months = [{ count: 0, empty: true }, { count: 12, empty: false }, { count: 10, empty: false }, { count: 2, empty: false }];
    expect(withheldCells(months, 3)).toEqual([null, null, 'complementary', 'small']);
    expect(totalWithheld({ count: 0, empty: true }, 3)).toBe(false);
  });

  test('minCount 1: only cells with no declaration but a figure (taxes) are withheld, with a partner', () => {
    expect(withheldCells(cells(0, 5, 7), 1)).toEqual(['small', 'complementary', null]);
    expect(withheldCells(cells(5, 7), 1)).toEqual([null, null]);
  });
});
