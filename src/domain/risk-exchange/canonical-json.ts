// The bytes a signature covers: the JSON Canonicalization Scheme (RFC 8785). Object keys sorted
// by UTF-16 code units, no white space, strings and numbers as ECMAScript's JSON.stringify writes
// them (RFC 8785 §3.2.2 adopts that serialisation). A message survives storage (jsonb reorders
// keys) and re-serialisation by either side and still verifies.

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    // I-JSON (RFC 7493) numbers only; NaN and Infinity have no JSON form
    if (!Number.isFinite(value)) throw new TypeError('canonicalJson: a number must be finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // Array.prototype.sort without a comparator compares UTF-16 code units, as RFC 8785 §3.2.3 asks
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
}

/** What is signed: the message without its `signature` member, canonicalised. */
export function signingInput(message: Record<string, unknown>): string {
  const { signature: _signature, ...rest } = message;
  return canonicalJson(rest);
}
