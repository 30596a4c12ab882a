// Signing of risk-exchange messages: Ed25519 (RFC 8032) over the RFC 8785 canonical JSON of the
// message without its signature. Why a key pair and not an HMAC with a shared secret (as webhooks
// use): a seizure report is evidence another administration keeps and may pass on to a third (WCO
// CEN shares seizures among all members); with a public key anyone holding it can verify the report
// and no receiver can forge one, and a partner's key is public, so a database dump reveals nothing.
// Our private key is generated at first start and kept in platform_keys, sealed (secret-box.ts).
import crypto from 'node:crypto';
import { signingInput } from '../../domain/risk-exchange/canonical-json.ts';
import type { ExchangeMessage, UnsignedMessage } from '../../domain/risk-exchange/message.ts';
import type { ExchangeCrypto } from '../../app/ports/risk-exchange-ports.ts';

/** The private key as a JWK (RFC 8037: kty OKP, crv Ed25519, d and x in base64url). */
export interface ExchangeKeyPair {
  kty: 'OKP';
  crv: 'Ed25519';
  d: string;
  x: string;
}

export function generateExchangeKey(): ExchangeKeyPair {
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' }) as { d: string; x: string };
  return { kty: 'OKP', crv: 'Ed25519', d: jwk.d, x: jwk.x };
}

const RAW_KEY = /^[A-Za-z0-9_-]{43}$/;

/** RFC 7638 thumbprint: SHA-256 of the required members in lexicographic order, base64url. */
/**
 * Encodings of the Ed25519 points of small order (and their non-canonical spellings), the sign
 * bit cleared: libsodium's blocklist (crypto_core_ed25519 has_small_order). With such a "public
 * key" a signature can verify without its private key, for any message under some verifiers;
 * a partner's key that is one is a forgery, never a real key.
 */
const SMALL_ORDER = new Set([
  '0000000000000000000000000000000000000000000000000000000000000000', // 0 (order 4)
  '0100000000000000000000000000000000000000000000000000000000000000', // 1 (order 1)
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', // order 8
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p − 1 (order 2)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p = 0 (order 4)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1 = 1 (order 1)
]);

function hasSmallOrder(raw: Buffer): boolean {
  const b = Buffer.from(raw);
  b[31] = b[31]! & 0x7f;
  return SMALL_ORDER.has(b.toString('hex'));
}

export function exchangeKeyId(x: string): string | null {
  // canonical base64url only (the unused low bits of the last character zero): one key, one spelling
  if (!RAW_KEY.test(x) || Buffer.from(x, 'base64url').toString('base64url') !== x) return null;
  if (hasSmallOrder(Buffer.from(x, 'base64url'))) return null;
  try {
    crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
  } catch {
    return null;
  }
  return crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
}

export function ed25519ExchangeCrypto(pair: ExchangeKeyPair): ExchangeCrypto {
  const privateKey = crypto.createPrivateKey({ key: { ...pair }, format: 'jwk' });
  const keyId = exchangeKeyId(pair.x);
  if (!keyId) throw new Error('risk-exchange key: not an Ed25519 key');
  const publicKeys = new Map<string, crypto.KeyObject>();
  const publicKeyOf = (x: string) => {
    let k = publicKeys.get(x);
    if (!k) {
      k = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
      if (publicKeys.size > 1000) publicKeys.clear();
      publicKeys.set(x, k);
    }
    return k;
  };
  return {
    ownKey: { alg: 'Ed25519', keyId, publicKey: pair.x },
    sign(message: UnsignedMessage): ExchangeMessage {
      const value = crypto.sign(null, Buffer.from(signingInput(message as unknown as Record<string, unknown>), 'utf8'), privateKey).toString('base64url');
      return { ...message, signature: { alg: 'Ed25519', keyId, value } };
    },
    verify(m, x) {
      const message = m as Record<string, unknown>;
      const sig = (message.signature ?? null) as { alg?: unknown; value?: unknown } | null;
      if (!sig || sig.alg !== 'Ed25519' || typeof sig.value !== 'string' || !/^[A-Za-z0-9_-]{86}$/.test(sig.value)) return false;
      try {
        return crypto.verify(null, Buffer.from(signingInput(message), 'utf8'), publicKeyOf(x), Buffer.from(sig.value, 'base64url'));
      } catch {
        return false; // a malformed key or a member canonical JSON cannot write
      }
    },
    keyIdOf: exchangeKeyId,
    contentHash: (message) => crypto.createHash('sha256').update(signingInput(message as Record<string, unknown>), 'utf8').digest('hex'),
  };
}
