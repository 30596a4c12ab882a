import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './declaration-rows.ts';

/** The same value with every object's keys in reverse insertion order. */
function reversedKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversedKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversedKeys(x)]));
}

describe('canonicalJson (the content hash of a declaration)', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: [{ d: 'x', c: null }, 2], e: undefined, '한': '글' })).toBe('{"a":[{"c":null,"d":"x"},2],"b":1,"한":"글"}');
    expect(canonicalJson([undefined, 'q"\\'])).toBe('[null,"q\\"\\\\"]');
  });

  it('is JSON of the same value, whatever the order of the keys', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(canonicalJson(reversedKeys(v))).toBe(text);
      }),
    );
  });
});
