import crypto from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import type { UnsignedMessage } from '../../domain/risk-exchange/message.ts';
import { ed25519ExchangeCrypto, exchangeKeyId, generateExchangeKey } from './risk-exchange-keys.ts';

const message: UnsignedMessage = {
  format: 'tonggwan-risk-exchange',
  version: '1.0',
  kind: 'risky_party_notice',
  id: 'KR-N-1',
  from: 'KR',
  issuedAt: '2026-11-20T00:00:00Z',
  body: { reportingCountry: 'KR', party: { role: 'seller', name: '가짜 상점' }, reason: { category: 'ipr', text: { en: 'fakes' } }, evidenceCount: 2, validUntil: '2027-01-01' },
};

describe('risk-exchange signing (Ed25519 over RFC 8785 canonical JSON)', () => {
  it('signs so that the holder of the public key verifies, whatever the order of the keys; any change breaks it', () => {
    const c = ed25519ExchangeCrypto(generateExchangeKey());
    const signed = c.sign(message);
    expect(signed.signature).toMatchObject({ alg: 'Ed25519', keyId: c.ownKey.keyId });
    expect(signed.signature.value).toMatch(/^[A-Za-z0-9_-]{86}$/);
    expect(c.verify(signed, c.ownKey.publicKey)).toBe(true);
    // the same content with members in another order (as jsonb or another JSON library gives it back)
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(signed).reverse())));
    expect(c.verify(reordered, c.ownKey.publicKey)).toBe(true);
    expect(c.verify({ ...signed, body: { ...signed.body, evidenceCount: 3 } }, c.ownKey.publicKey)).toBe(false);
    expect(c.verify({ ...signed, to: 'JP' }, c.ownKey.publicKey)).toBe(false);
    expect(c.verify(signed, ed25519ExchangeCrypto(generateExchangeKey()).ownKey.publicKey)).toBe(false);
    expect(c.verify({ ...signed, signature: { ...signed.signature, alg: 'HS256' } }, c.ownKey.publicKey)).toBe(false);
    expect(c.verify({ ...signed, signature: undefined }, c.ownKey.publicKey)).toBe(false);
    // deterministic (RFC 8032): the same message, the same signature
    expect(c.sign(message).signature.value).toBe(signed.signature.value);
    expect(c.contentHash(signed)).toBe(c.contentHash(reordered));
    expect(c.contentHash(signed)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names keys by their RFC 7638 thumbprint (as jose computes it) and refuses what is not a canonical 32-byte key', async () => {
    const x = (crypto.generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }) as { x: string }).x;
    expect(exchangeKeyId(x)).toBe(await calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }));
    expect(exchangeKeyId(`${'A'.repeat(42)}B`)).toBeNull();
    expect(exchangeKeyId('A'.repeat(42))).toBeNull();
    expect(exchangeKeyId(`${x}=`)).toBeNull();
  });

  it('refuses the points of small order as keys, with either sign bit (libsodium blocklist; defence in depth, as Node refuses their forgeries too)', () => {
    const orderEight = Buffer.from('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a', 'hex');
    const identity = Buffer.alloc(32);
    identity[0] = 1;
    for (const raw of [identity, orderEight, Buffer.alloc(32)]) {
      expect(exchangeKeyId(raw.toString('base64url'))).toBeNull();
      const signed = Buffer.from(raw);
      signed[31] = signed[31]! | 0x80;
      expect(exchangeKeyId(signed.toString('base64url'))).toBeNull();
    }
  });
});
