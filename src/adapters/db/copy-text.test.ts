import { describe, expect, it } from 'vitest';
import { copyField, copyJson } from './copy-text.ts';

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
