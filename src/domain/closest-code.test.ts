import { describe, expect, it } from 'vitest';
import { closestCode } from './closest-code.ts';

const codes = [
  { code: 'supplement', names: ['건강기능식품'] },
  { code: 'vitamin', names: ['비타민'] },
  { code: 'shoes', names: ['신발'] },
  { code: 'outerwear', names: ['외투·아우터', '외투', '아우터'] },
  { code: 'bag', names: ['가방'] },
  { code: 'hat', names: ['모자'] },
];
const hint = (v: string) => closestCode(v, codes)?.code ?? null;

describe('closestCode', () => {
  it('matches whatever case, separators or a plural -s differ', () => {
    expect(hint('supplements')).toBe('supplement');
    expect(hint(' Supplement ')).toBe('supplement');
    expect(hint('shoe')).toBe('shoes');
  });

  it('matches a Korean name, whole or one of its parts', () => {
    expect(hint('건강기능식품')).toBe('supplement');
    expect(hint('아우터')).toBe('outerwear');
  });

  it('suggests the only code within a small edit distance', () => {
    expect(hint('suplement')).toBe('supplement'); // one letter missing
    expect(hint('vitamni')).toBe('vitamin'); // two letters swapped = 2 edits
  });

  it('suggests nothing when two codes are as close, or none is close', () => {
    expect(hint('bat')).toBeNull(); // 1 edit from bag and from hat
    expect(hint('spaceship')).toBeNull();
    expect(hint('')).toBeNull();
  });
});
