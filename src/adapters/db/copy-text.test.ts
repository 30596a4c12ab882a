import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { copyBuffers, copyField, copyJson } from './copy-text.ts';

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
