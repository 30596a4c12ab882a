// The bytes a signature covers: the message without its `signature` member in the JSON
// Canonicalization Scheme (RFC 8785; ../canonical-json.ts). A message survives storage (jsonb
// reorders keys) and re-serialisation by either side and still verifies. Numbers must be finite:
// I-JSON (RFC 7493) numbers only, NaN and Infinity have no JSON form.
import { canonicalJson as canonical } from '../canonical-json.ts';

export const canonicalJson = (value: unknown): string => canonical(value, { finiteOnly: true });

/** What is signed: the message without its `signature` member, canonicalised. */
export function signingInput(message: Record<string, unknown>): string {
  const { signature: _signature, ...rest } = message;
  return canonicalJson(rest);
}
