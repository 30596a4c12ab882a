// The JSON body parser of every route (registered by unusable-values.ts): Fastify's own choice of
// parser and safety (secure-json-parse, a `__proto__` or `constructor.prototype` key refused or
// removed, as Fastify's `onProtoPoisoning` and `onConstructorPoisoning`), but a syntax error keeps its place. Fastify's default parser
// drops it, and an operator whose 10,000-declaration batch is refused for one stray comma was told
// only "not valid JSON".
import { isUtf8 } from 'node:buffer';
import type { FastifyRequest } from 'fastify';
import secureJson from 'secure-json-parse';

/** Where a JSON syntax error is: 1-based line and column, and the 0-based offset. */
export interface JsonErrorPlace {
  line: number;
  column: number;
  position: number;
}

/** V8 quotes this many characters before the offending one in "Unexpected token" messages. */
const V8_CONTEXT = 10;

/**
 * The place of a JSON.parse syntax error in `text`, from V8's message: "… in JSON at position N
 * (line L column C)", or for an unexpected token the quoted context around it (`..."abc x def"...`),
 * found in the text when it occurs there once. Null when the message gives no place.
 */
export function jsonErrorPlace(text: string, message: string): JsonErrorPlace | null {
  let position: number | null = null;
  const at = /at position (\d+)/.exec(message);
  if (at) position = Number(at[1]);
  else {
    const token = /^Unexpected token '([\s\S]+?)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
    if (token) {
      const [, char, clipped, context] = token as unknown as [string, string, string | undefined, string];
      const found = text.indexOf(context);
      const once = found >= 0 && text.indexOf(context, found + 1) < 0;
      if (once) {
        const inContext = clipped ? V8_CONTEXT : context.indexOf(char) === context.lastIndexOf(char) ? context.indexOf(char) : -1;
        if (inContext >= 0) position = found + inContext;
      }
    }
  }
  if (position === null || position > text.length) return null;
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: position - lineStart + 1, position };
}

/** Fastify's error codes for an empty body and a body that is not JSON; the place rides along. */
export class JsonBodyError extends Error {
  readonly statusCode = 400;
  readonly code: 'FST_ERR_CTP_EMPTY_JSON_BODY' | 'FST_ERR_CTP_INVALID_JSON_BODY';
  readonly place: JsonErrorPlace | null;
  constructor(code: JsonBodyError['code'], message: string, place: JsonErrorPlace | null = null) {
    super(message);
    this.code = code;
    this.place = place;
  }
}

/**
 * A JSON body parser for Fastify: 'error' refuses a body with a `__proto__` key (or `constructor`
 * holding `prototype`), as Fastify's default does; 'remove' drops the key (bulk intake: one
 * declaration carrying one never sinks its batch).
 */
export function jsonBodyParser(poisonAction: 'error' | 'remove') {
  const options = { protoAction: poisonAction, constructorAction: poisonAction } as const;
  // The body as text: the parser is registered with parseAs 'string' (unusable-values.ts).
  return (_request: FastifyRequest, text: string, done: (err: Error | null, body?: unknown) => void): void => {
    if (text.length === 0) return done(new JsonBodyError('FST_ERR_CTP_EMPTY_JSON_BODY', 'Body cannot be empty when content-type is set to application/json'));
    let parsed: unknown;
    try {
      parsed = secureJson.parse(text, null, options);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return done(new JsonBodyError('FST_ERR_CTP_INVALID_JSON_BODY', message, jsonErrorPlace(text, message)));
    }
    done(null, parsed);
  };
}

/**
 * A body that is not UTF-8 text (RFC 8259 §8.1 for JSON; the CSV intake reads UTF-8): a file saved
 * as EUC-KR (CP949), Korean Windows tools' and Excel's default, decoded as UTF-8 turns every Korean
 * name into U+FFFD and was accepted so, a consignee named "�����" on record. Refused whole, with
 * the place of the first byte that is not UTF-8.
 */
export class NotUtf8BodyError extends Error {
  readonly statusCode = 400;
  readonly code = 'TG_BODY_NOT_UTF8';
  readonly place: JsonErrorPlace;
  /** A CSV file (the refusal then says how Excel saves one as UTF-8). */
  readonly csv: boolean;
  constructor(place: JsonErrorPlace, csv: boolean) {
    super('The body is not UTF-8 text');
    this.place = place;
    this.csv = csv;
  }
}

/** The body as text, or where it stops being UTF-8 (the first U+FFFD its decoding gives: line, column, offset in the decoded text). */
export function utf8TextOf(bytes: Buffer, kind: 'json' | 'csv'): string | NotUtf8BodyError {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return text;
  const position = Math.max(0, text.indexOf('\uFFFD'));
  const lineStart = text.lastIndexOf('\n', position - 1) + 1;
  const line = text.slice(0, lineStart).split('\n').length;
  return new NotUtf8BodyError({ line, column: position - lineStart + 1, position }, kind === 'csv');
}
