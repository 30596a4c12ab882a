import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader, decodeJwt } from 'jose';
import { generateConsentKey, joseConsentSigner } from './consent-tokens.ts';

const claims = (over: Partial<Parameters<Awaited<ReturnType<typeof joseConsentSigner>>['sign']>[0]> = {}) => ({
  tokenId: 'ct_1',
  consentId: 'cr_1',
  orderHash: 'ab'.repeat(32),
  pccc: 'P250000000001',
  operatorCode: 'MALL',
  amr: 'passkey' as const,
  issuedAt: new Date('2026-02-04T01:00:00Z'),
  expiresAt: new Date('2026-03-06T01:00:00Z'),
  ...over,
});

describe('consent tokens (ES256 JWS)', () => {
  it('signs the order hash with a generated key and verifies it', async () => {
    const key = await generateConsentKey();
    expect(key.publicJwk.d).toBeUndefined();
    const signer = await joseConsentSigner(key);
    const token = await signer.sign(claims());
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', typ: 'consent+jwt', kid: key.kid });
    expect(decodeJwt(token)).toMatchObject({ jti: 'ct_1', sub: 'P250000000001', oh: 'ab'.repeat(32), cid: 'cr_1', amr: ['passkey'] });
    const v = await signer.verify(token, new Date('2026-02-05T00:00:00Z'));
    expect(v.ok && v.claims).toMatchObject({ tokenId: 'ct_1', orderHash: 'ab'.repeat(32), pccc: 'P250000000001', operatorCode: 'MALL' });
    expect((await signer.jwks()).keys[0]).toMatchObject({ kid: key.kid, kty: 'EC' });
  });

  it('refuses an expired token, a token of another key, and a token changed after signing', async () => {
    const signer = await joseConsentSigner(await generateConsentKey());
    const token = await signer.sign(claims());
    expect(await signer.verify(token, new Date('2026-04-01T00:00:00Z'))).toEqual({ ok: false, why: 'expired' });
    const stranger = await joseConsentSigner(await generateConsentKey());
    expect(await stranger.verify(token, new Date('2026-02-05T00:00:00Z'))).toEqual({ ok: false, why: 'invalid' });
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.oh = 'cd'.repeat(32);
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    expect(await signer.verify(forged, new Date('2026-02-05T00:00:00Z'))).toEqual({ ok: false, why: 'invalid' });
    expect(await signer.verify('not.a.token', new Date())).toEqual({ ok: false, why: 'invalid' });
  });
});
