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

/** A malformed JSON text said where it breaks, in Korean and English: at which line and column, and what is there. */
export function jsonErrorText(text: string, e: JsonSyntaxError): { ko: string; en: string } {
  const { line, column } = e;
  const c = text[e.offset] ?? '';
  const at = /\S/.test(c) ? c : '';
  return e.atEnd
    ? { ko: `JSON 형식이 올바르지 않습니다: ${line}행 ${column}열에서 끝났습니다. 닫는 괄호나 따옴표가 빠지지 않았는지 확인하세요.`, en: `The JSON is malformed: it ends at line ${line}, column ${column}. Check for a missing closing bracket or quote.` }
    : {
        ko: `JSON 형식이 올바르지 않습니다: ${line}행 ${column}열${at ? `의 ‘${at}’` : ''}. 쉼표·따옴표·괄호를 확인하세요.`,
        en: `The JSON is malformed at line ${line}, column ${column}${at ? ` (‘${at}’)` : ''}. Check the commas, quotes and brackets.`,
      };
}
