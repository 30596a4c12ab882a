// A stable JSON text: object keys sorted by UTF-16 code units, members whose value is undefined
// left out, no white space, strings and numbers as JSON.stringify writes them. That is the JSON
// Canonicalization Scheme (RFC 8785 §3.2) for the values it allows. Two uses: the content hash of
// a declaration (intake, corrections: the same declaration always hashes the same) and the bytes a
// risk-exchange signature covers (risk-exchange/canonical-json.ts). Built by appending to one
// string: intake computes it for every declaration of a batch.

/**
 * In a JSON text, the escapes of U+0000 and of surrogates. PostgreSQL stores neither U+0000 nor
 * (in jsonb) an unpaired surrogate; JSON.stringify, so canonicalJson, escapes a surrogate only when
 * it is unpaired, so in its output this finds exactly the text PostgreSQL cannot store. In other
 * JSON (a request body) it finds what may be such text.
 */
export const UNSTORABLE_TEXT_ESCAPE = /\\u(?:0000|d[89a-f])/i;

/** Far deeper than any declaration (4 levels): deeper input is refused before it overflows the stack. */
export const MAX_NESTING = 64;

class TooDeeplyNested extends Error {}

/**
 * Throws beyond MAX_NESTING levels (canonicalJsonOrNull answers null there). `finiteOnly`: a
 * number that is not finite throws (RFC 8785 has no form for it) instead of being written `null`
 * as JSON.stringify writes it (a declaration is hashed before validation refuses such a number).
 */
export function canonicalJson(value: unknown, options: { finiteOnly?: boolean } = {}): string {
  return write(value, 0, options.finiteOnly === true);
}

function write(value: unknown, depth: number, finiteOnly: boolean): string {
  if (value === null || typeof value !== 'object') {
    if (finiteOnly && typeof value === 'number' && !Number.isFinite(value)) throw new TypeError('canonical JSON: a number must be finite');
    return JSON.stringify(value) ?? 'null';
  }
  if (depth >= MAX_NESTING) throw new TooDeeplyNested();
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i > 0 ? ',' : '') + write(value[i], depth + 1, finiteOnly);
    return text + ']';
  }
  const object = value as Record<string, unknown>;
  let text = '{';
  for (const key of Object.keys(object).sort()) {
    const v = object[key];
    if (v === undefined) continue;
    text += (text.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + write(v, depth + 1, finiteOnly);
  }
  return text + '}';
}

/** canonicalJson, or null for a value nested deeper than MAX_NESTING (100,000 nested arrays overflowed the stack: a 500). */
export function canonicalJsonOrNull(value: unknown): string | null {
  try {
    return canonicalJson(value);
  } catch (e) {
    if (e instanceof TooDeeplyNested) return null;
    throw e;
  }
}
