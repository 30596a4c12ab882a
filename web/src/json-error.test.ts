import { describe, expect, it } from 'vitest';
import { jsonSyntaxError } from './json-error.ts';

describe('jsonSyntaxError', () => {
  it('finds nothing wrong where JSON.parse reads the text', () => {
    for (const t of ['{}', ' [1, -2.5e+3, 0, "a\\"\\u00e9", true, false, null] ', '{"a": {"b": [{}]}}', '"x"', '0', '\n{\r\n "k": 1\n}\n'])
      expect([t, jsonSyntaxError(t)]).toEqual([t, null]);
  });

  it('says the line and column of the first character that cannot be there', () => {
    // A trailing comma before "}" (the usual slip in an editor): line 3, column 1.
    expect(jsonSyntaxError('{\n  "a": 1,\n}')).toEqual({ offset: 12, line: 3, column: 1, atEnd: false });
    expect(jsonSyntaxError('{"a" 1}')).toMatchObject({ line: 1, column: 6, atEnd: false });
    expect(jsonSyntaxError("{'a': 1}")).toMatchObject({ line: 1, column: 2 });
    expect(jsonSyntaxError('[1, 2] x')).toMatchObject({ line: 1, column: 8 });
    expect(jsonSyntaxError('[01]')).toMatchObject({ line: 1, column: 3 });
    expect(jsonSyntaxError('{"a": tru}')).toMatchObject({ line: 1, column: 10 });
    expect(jsonSyntaxError('"\\x"')).toMatchObject({ line: 1, column: 3 });
    expect(jsonSyntaxError('"a\nb"')).toMatchObject({ line: 1, column: 3 });
  });

  it('says when the text ends before the value does', () => {
    expect(jsonSyntaxError('')).toEqual({ offset: 0, line: 1, column: 1, atEnd: true });
    expect(jsonSyntaxError('{\n  "a": [1, 2')).toEqual({ offset: 14, line: 2, column: 13, atEnd: true });
    expect(jsonSyntaxError('"open')).toMatchObject({ atEnd: true });
  });

  it('agrees with JSON.parse on what is JSON', () => {
    const samples = ['{"a":1}', '{"a":1,}', '[1,,2]', '[1 2]', '-', '1.', '.5', '1e', '"\\u12"', 'nul', '[]]', '{"a":[1,{"b":null}]}', '  ', '\t"\t"'];
    for (const t of samples) {
      let ok = true;
      try {
        JSON.parse(t);
      } catch {
        ok = false;
      }
      expect([t, jsonSyntaxError(t) === null]).toEqual([t, ok]);
    }
  });
});
