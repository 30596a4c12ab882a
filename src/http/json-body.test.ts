import { describe, expect, it } from 'vitest';
import { jsonErrorPlace } from './json-body.ts';

const placeOf = (text: string) => {
  try {
    JSON.parse(text);
  } catch (e) {
    return jsonErrorPlace(text, (e as Error).message);
  }
  throw new Error('parsed');
};

describe('jsonErrorPlace: line and column of a JSON syntax error, from V8’s message', () => {
  it('takes the position V8 gives: a trailing comma on line 2 ("  {"a": 1,}": the "}" is column 11)', () => {
    expect(placeOf('[\n  {"a": 1,}\n]')).toEqual({ line: 2, column: 11, position: 12 }); // 2 characters of line 1, then 10
  });

  it('finds an unexpected token from the context V8 quotes (10 characters before it) when that context occurs once', () => {
    const text = `{"declarations": [${'{"a": 1},'.repeat(30)}\n{"b": x}]}`;
    const x = text.indexOf('x');
    expect(placeOf(text)).toEqual({ line: 2, column: 7, position: x }); // '{"b": x': x is the 7th character of line 2
  });

  it('in a short text V8 quotes whole, takes the token when it occurs once', () => {
    expect(placeOf('{"a": tru}')).toEqual({ line: 1, column: 10, position: 9 }); // the '}' after tru
  });

  it('gives no place rather than a wrong one when the quoted context occurs twice in the text (e.g. once inside a string)', () => {
    const context = 'aaaaaaaaa x bbbbbbbbb'; // as V8 quotes it: 10 characters, the token, 10 characters
    const text = `{"note": "${context}", "v": ${context}}`;
    expect(jsonErrorPlace(text, `Unexpected token 'x', ..."${context}"... is not valid JSON`)).toBeNull();
    // the same message, the context once: found
    expect(jsonErrorPlace(`{"v": ${context}}`, `Unexpected token 'x', ..."${context}"... is not valid JSON`)).toEqual({ line: 1, column: 17, position: 16 }); // the x: 6 characters of '{"v": ', then 10
  });

  it('no place for the end of input', () => {
    expect(jsonErrorPlace('{"a": 1', 'Unexpected end of JSON input')).toBeNull();
  });
});
