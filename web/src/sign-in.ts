// Consumer sign-in methods. A method turns the consumer's identity details into a challenge
// and the challenge plus a proof into a session; the page only knows this interface. Today:
// a one-time code by SMS after name + mobile + postcode match the PCCC holder. A passkey
// (WebAuthn, @simplewebauthn/browser) completes the same server challenge later
// (verification_challenges.method = 'passkey') and yields the same session.
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { api } from './api.ts';
import type { MessageKey } from './messages.ts';

export interface Identity {
  pccc: string;
  name: string;
  phone: string;
  postcode: string;
}

export interface Challenge {
  method: SignInMethodId;
  challengeId: string;
  sentTo: string | null;
  expiresAt: string;
}

export interface ConsumerSession {
  token: string;
  pccc: string;
  expiresAt: string;
  method: SignInMethodId;
}

export type SignInMethodId = 'otp' | 'passkey';

export interface SignInMethod {
  id: SignInMethodId;
  label: MessageKey;
  description: MessageKey;
  /** Can this browser and this server use the method now? */
  available(): boolean;
  start(identity: Identity): Promise<Challenge>;
  /** `proof` is the code for OTP; a passkey method gathers its own proof (navigator.credentials). */
  complete(challenge: Challenge, proof: string): Promise<ConsumerSession>;
}

export const otpMethod: SignInMethod = {
  id: 'otp',
  label: 'signin.otp',
  description: 'signin.otpDescription',
  available: () => true,
  async start(identity) {
    const r = await api<{ challengeId: string; sentTo: string; expiresAt: string }>('/api/v1/consumer/verification', {
      body: { pccc: identity.pccc.trim().toUpperCase(), name: identity.name.trim(), phone: identity.phone.trim(), postcode: identity.postcode.trim() },
    });
    return { method: 'otp', challengeId: r.challengeId, sentTo: r.sentTo, expiresAt: r.expiresAt };
  },
  async complete(challenge, proof) {
    const r = await api<{ token: string; expiresAt: string; pccc: string }>(`/api/v1/consumer/verification/${encodeURIComponent(challenge.challengeId)}/complete`, {
      body: { code: proof.trim() },
    });
    return { token: r.token, pccc: r.pccc, expiresAt: r.expiresAt, method: 'otp' };
  },
};

/** Registered passkeys arrive with the consent issue; until the server offers the ceremony, the method is listed but off. */
export const passkeyMethod: SignInMethod = {
  id: 'passkey',
  label: 'signin.passkey',
  description: 'signin.passkeyDescription',
  available: () => false,
  async start() {
    throw new Error('passkey sign-in is not available yet');
  },
  async complete() {
    throw new Error('passkey sign-in is not available yet');
  },
};

export function browserHasPasskeys(): boolean {
  try {
    return browserSupportsWebAuthn();
  } catch {
    return false;
  }
}

export const SIGN_IN_METHODS: SignInMethod[] = [otpMethod, passkeyMethod];

// ---- session storage (per tab; a consumer session lasts 30 minutes on the server) ----
const KEY = 'tonggwan.consumer';

export function loadConsumerSession(now = Date.now()): ConsumerSession | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as ConsumerSession;
    if (new Date(s.expiresAt).getTime() <= now) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function saveConsumerSession(s: ConsumerSession | null): void {
  try {
    if (s) sessionStorage.setItem(KEY, JSON.stringify(s));
    else sessionStorage.removeItem(KEY);
  } catch {
    /* storage blocked: the session lives in memory only */
  }
}
