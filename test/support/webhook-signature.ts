// A webhook delivery's signature as docs/api.md tells a receiver to check it, computed here,
// independently of src/adapters/webhooks/signature.ts: that module's verifier signs with the same
// function as the sender, so it agrees with the sender whatever that function signs.
import crypto from 'node:crypto';

/**
 * `Tonggwan-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>`, the secret
 * as shown at registration (`whsec_` included). Answers the timestamp and whether v1 is that HMAC
 * (null: the header is not of that form).
 */
export function documentedSignature(secret: string, body: string, header: string): { t: number; matches: boolean } | null {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
  if (!m) return null;
  return { t: Number(m[1]), matches: m[2] === crypto.createHmac('sha256', secret).update(`${m[1]}.${body}`).digest('hex') };
}
