import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiJson } from './lookup-view.ts';

const ASCII = /^[\x00-\x7f]*$/;

describe('asciiJson', () => {
  it('writes Hangul, other non-ASCII characters and surrogate pairs as \\u escapes', () => {
    // 통 is U+D1B5, é U+00E9, 😀 U+1F600 = the pair D83D DE00; ASCII and JSON's own escapes stay as they are.
    expect(asciiJson(JSON.stringify({ s: '통관 é 😀', q: 'a"b\n' }))).toBe('{"s":"\\ud1b5\\uad00 \\u00e9 \\ud83d\\ude00","q":"a\\"b\\n"}');
  });

  it('leaves ASCII text unchanged', () => {
    const json = JSON.stringify({ cargoNo: '26TGW0000001855', n: 3 });
    expect(asciiJson(json)).toBe(json);
  });

  it('gives ASCII text that parses to the same value as the JSON it was given', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), (v) => {
        const json = JSON.stringify(v);
        const ascii = asciiJson(json);
        expect(ascii).toMatch(ASCII);
        expect(JSON.parse(ascii)).toStrictEqual(JSON.parse(json));
      }),
    );
  });
});
