// Where a JSON text stops being JSON, so that an editor can say so in the page's language: the
// browser's JSON.parse message is English whatever the page's language, and its wording and whether it
// names a position differ between browsers ("Unexpected token '}', ... is not valid JSON" names none).
// A small scanner of the JSON grammar (RFC 8259) finds the first character that cannot be there.

/** Where the text first breaks the JSON grammar: 1-based line and column (of the character, or of the end). */
export interface JsonSyntaxError {
  offset: number;
  line: number;
  column: number;
  /** The text ended before the value did (an unclosed string, object or array, or nothing at all). */
  atEnd: boolean;
}

/** Null when `text` is JSON (as JSON.parse reads it), else where it first is not. */
export function jsonSyntaxError(text: string): JsonSyntaxError | null {
  let i = 0;
  const n = text.length;
  const STOP = Symbol('stop');
  const stop = (at: number): never => {
    throw { [STOP]: at };
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) stop(i);
  };
  const digits = () => {
    const start = i;
    while (i < n && text[i]! >= '0' && text[i]! <= '9') i++;
    if (i === start) stop(i);
  };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') {
      i++;
      digits();
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= n) stop(i);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) stop(i);
      if (c === 0x5c) {
        i++;
        const e = text[i];
        if (e === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) stop(i + k);
          i += 5;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i++;
        else stop(i);
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') stop(i);
        string();
        ws();
        if (text[i] !== ':') stop(i);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else stop(i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else stop(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    stop(i);
  };
  try {
    value();
    ws();
    if (i < n) stop(i);
    return null;
  } catch (e) {
    const at = (e as { [STOP]?: number } | null)?.[STOP];
    if (typeof at !== 'number') throw e;
    const offset = Math.min(at, n);
    const before = text.slice(0, offset);
    const lineStart = before.lastIndexOf('\n') + 1;
    return { offset, line: before.split('\n').length, column: offset - lineStart + 1, atEnd: offset >= n };
  }
}
