// WebAuthn with @simplewebauthn/server: user verification is required in every ceremony, resident
// (discoverable) keys for usernameless sign-in, no attestation. The RP ID is `localhost` by
// default (a secure context over http); the expected origin is a configured list, or any origin
// whose host is the RP ID (https, or http on localhost) — the authenticator data's RP ID hash
// still has to match the RP ID.
import crypto from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { WebAuthn } from '../../app/ports/identity-ports.ts';

export interface WebAuthnConfig {
  rpId: string;
  rpName: string;
  /** Exact origins; empty: any origin on the RP ID host. */
  origins: string[];
}

function originOf(response: unknown): string | null {
  try {
    const clientData = (response as { response?: { clientDataJSON?: string } }).response?.clientDataJSON;
    if (typeof clientData !== 'string') return null;
    const parsed = JSON.parse(Buffer.from(clientData, 'base64url').toString('utf8')) as { origin?: unknown };
    return typeof parsed.origin === 'string' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export function simpleWebAuthn(config: WebAuthnConfig): WebAuthn {
  const expectedOrigin = (response: unknown): string[] => {
    if (config.origins.length) return config.origins;
    const o = originOf(response);
    if (!o) return [];
    try {
      const u = new URL(o);
      const secure = u.protocol === 'https:' || (u.protocol === 'http:' && (u.hostname === 'localhost' || u.hostname.endsWith('.localhost')));
      return secure && u.hostname === config.rpId ? [u.origin] : [];
    } catch {
      return [];
    }
  };
  return {
    async registrationOptions(o) {
      const options = await generateRegistrationOptions({
        rpName: config.rpName,
        rpID: config.rpId,
        userName: o.userName,
        userDisplayName: o.displayName,
        userID: new TextEncoder().encode(o.holderId),
        attestationType: 'none',
        excludeCredentials: o.exclude.map((id) => ({ id })),
        authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
        supportedAlgorithmIDs: [-7, -257],
        timeout: 120_000,
      });
      return { challenge: options.challenge, options };
    },
    async verifyRegistration(o) {
      const origins = expectedOrigin(o.response);
      if (!origins.length) return { ok: false, why: 'origin' };
      try {
        const v = await verifyRegistrationResponse({
          response: o.response as RegistrationResponseJSON,
          expectedChallenge: o.challenge,
          expectedOrigin: origins,
          expectedRPID: config.rpId,
          requireUserVerification: true,
        });
        if (!v.verified) return { ok: false, why: 'not verified' };
        const info = v.registrationInfo;
        return {
          ok: true,
          credentialId: info.credential.id,
          publicKey: info.credential.publicKey,
          counter: info.credential.counter,
          transports: (o.response as RegistrationResponseJSON).response.transports ?? [],
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
        };
      } catch (e) {
        return { ok: false, why: (e as Error).message };
      }
    },
    async authenticationOptions(o) {
      const options = await generateAuthenticationOptions({
        rpID: config.rpId,
        allowCredentials: o.allow.map((c) => ({ id: c.id, transports: c.transports })),
        userVerification: 'required',
        timeout: 120_000,
        ...(o.challenge ? { challenge: Buffer.from(o.challenge, 'base64url') } : {}),
      });
      return { challenge: options.challenge, options };
    },
    credentialIdOf(response) {
      const id = (response as { id?: unknown } | null)?.id;
      return typeof id === 'string' && id.length > 0 && id.length < 1400 ? id : null;
    },
    async verifyAuthentication(o) {
      const origins = expectedOrigin(o.response);
      if (!origins.length) return { ok: false, why: 'origin' };
      try {
        const v = await verifyAuthenticationResponse({
          response: o.response as AuthenticationResponseJSON,
          expectedChallenge: o.challenge,
          expectedOrigin: origins,
          expectedRPID: config.rpId,
          credential: { id: o.credential.id, publicKey: o.credential.publicKey as Uint8Array<ArrayBuffer>, counter: o.credential.counter, transports: o.credential.transports as never },
          requireUserVerification: true,
        });
        return v.verified ? { ok: true, newCounter: v.authenticationInfo.newCounter } : { ok: false, why: 'not verified' };
      } catch (e) {
        return { ok: false, why: (e as Error).message };
      }
    },
    challengeFrom(text) {
      return crypto.createHash('sha256').update(text).digest('base64url');
    },
  };
}
