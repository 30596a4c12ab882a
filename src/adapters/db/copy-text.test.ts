import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRequire } from 'node:module';
import { copyBuffers, copyField, copyJson, pgArray } from './copy-text.ts';

// What node-postgres itself sends for an array parameter (pg/lib/utils.js arrayString).
const { prepareValue } = createRequire(import.meta.url)('pg/lib/utils.js') as { prepareValue: (v: unknown) => string };

describe('COPY text encoding', () => {
  it('escapes separators and backslashes, and writes NULL as \\N', () => {
    expect(copyField('a\tb\nc\\d\re')).toBe('a\\tb\\nc\\\\d\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(12.5)).toBe('12.5');
    expect(copyField(true)).toBe('t');
  });
  it('doubles the backslashes of JSON escapes', () => {
    expect(copyJson({ s: 'a"b\nc' })).toBe('{"s":"a\\\\"b\\\\nc"}');
  });
});

describe('COPY buffers', () => {
  const joined = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\n`).join(''), 'utf8');
  const concat = (lines: string[], size: number) => Buffer.concat([...copyBuffers(lines, (l) => l, size)]);

  it('encode each line as UTF-8 followed by a newline, in chunks of `size` lines', () => {
    const lines = ['plain', '한글 상품명 "따옴표"', 'emoji 😀 and \\\\N', '', 'x'.repeat(5000)];
    expect(concat(lines, 2)).toEqual(joined(lines));
    expect([...copyBuffers(lines, (l) => l, 2)]).toHaveLength(3);
    expect([...copyBuffers([], (l: string) => l)]).toHaveLength(0);
  });

  it('give the same bytes as encoding the concatenated text, for any strings (lone surrogates included)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary' }), { maxLength: 40 }), fc.integer({ min: 1, max: 9 }), (lines, size) => {
        expect(concat(lines, size)).toEqual(joined(lines));
      }),
    );
  });
});

describe('array parameters as text', () => {
  it('quote every element, escape quotes and backslashes, write NULL bare', () => {
    expect(pgArray(['a', 'b"c', 'd\\e', '한글', ''])).toBe('{"a","b\\"c","d\\\\e","한글",""}');
    expect(pgArray([1, 2.5, null, -3])).toBe('{"1","2.5",NULL,"-3"}');
    expect(pgArray([])).toBe('{}');
    expect(pgArray([undefined, null])).toBe('{NULL,NULL}');
  });

  it('are the text node-postgres makes of the same array, for any strings, numbers and nulls', () => {
    const element = fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(element, { maxLength: 30 }), (values) => {
        expect(pgArray(values)).toBe(prepareValue(values));
      }),
    );
  });
});
