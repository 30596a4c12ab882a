import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, canonicalJsonOrNull, MAX_NESTING } from './declaration-rows.ts';

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

  it('has no text for a value nested deeper than MAX_NESTING (100,000 nested arrays overflowed the stack: a 500 at intake)', () => {
    const nested = (n: number): unknown => (n === 0 ? 1 : [nested(n - 1)]);
    expect(canonicalJsonOrNull(nested(MAX_NESTING))).toBe('['.repeat(MAX_NESTING) + '1' + ']'.repeat(MAX_NESTING));
    expect(canonicalJsonOrNull(nested(MAX_NESTING + 1))).toBeNull();
    expect(canonicalJsonOrNull(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toBeNull();
  });
});
