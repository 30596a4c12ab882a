// Consent tokens: compact JWS (ES256) signed with a key generated at first start and kept in the
// database (platform_keys), never in the repository. Claims: iss, aud, jti (single use at
// intake), sub (the PCCC), iat/exp, and the order hash (oh) the approval is bound to.
import { SignJWT, jwtVerify, exportJWK, generateKeyPair, importJWK, calculateJwkThumbprint, errors, type JWK, type CryptoKey } from 'jose';
import type { ConsentClaims, ConsentSigner } from '../../app/ports/identity-ports.ts';

export const CONSENT_ISSUER = 'urn:tonggwan:consent';
export const CONSENT_AUDIENCE = 'urn:tonggwan:intake';
const ALG = 'ES256';

export interface ConsentKeyPair {
  privateJwk: JWK;
  publicJwk: JWK;
  kid: string;
}

export async function generateConsentKey(): Promise<ConsentKeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: ALG }, publicJwk: { ...publicJwk, kid, alg: ALG, use: 'sig' }, kid };
}

export async function joseConsentSigner(pair: ConsentKeyPair): Promise<ConsentSigner> {
  const privateKey = (await importJWK(pair.privateJwk, ALG)) as CryptoKey;
  const publicKey = (await importJWK(pair.publicJwk, ALG)) as CryptoKey;
  return {
    async sign(c: ConsentClaims) {
      return new SignJWT({ oh: c.orderHash, cid: c.consentId, op: c.operatorCode, amr: [c.amr] })
        .setProtectedHeader({ alg: ALG, kid: pair.kid, typ: 'consent+jwt' })
        .setIssuer(CONSENT_ISSUER)
        .setAudience(CONSENT_AUDIENCE)
        .setSubject(c.pccc)
        .setJti(c.tokenId)
        .setIssuedAt(Math.floor(c.issuedAt.getTime() / 1000))
        .setExpirationTime(Math.floor(c.expiresAt.getTime() / 1000))
        .sign(privateKey);
    },
    async verify(token: string, at: Date) {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: CONSENT_ISSUER,
          audience: CONSENT_AUDIENCE,
          algorithms: [ALG],
          typ: 'consent+jwt',
          currentDate: at,
          requiredClaims: ['jti', 'sub', 'exp', 'iat'],
        });
        const p = payload as Record<string, unknown>;
        if (typeof p.oh !== 'string' || typeof p.cid !== 'string' || typeof p.op !== 'string') return { ok: false, why: 'invalid' } as const;
        return {
          ok: true,
          claims: {
            tokenId: payload.jti!,
            consentId: p.cid,
            orderHash: p.oh,
            pccc: payload.sub!,
            operatorCode: p.op,
            amr: 'passkey',
            issuedAt: new Date(payload.iat! * 1000),
            expiresAt: new Date(payload.exp! * 1000),
          },
        } as const;
      } catch (e) {
        return { ok: false, why: e instanceof errors.JWTExpired ? 'expired' : 'invalid' } as const;
      }
    },
    async jwks() {
      return { keys: [pair.publicJwk as Record<string, unknown>] };
    },
  };
}
