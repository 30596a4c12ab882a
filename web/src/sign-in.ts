// Consumer sign-in, the parts without a screen: the one-time code (name + mobile + postcode must
// match the PCCC holder, then the code sent to the mobile) and the tab's session. The passkey
// sign-in (usernameless WebAuthn) is identity/identity-api.ts's passkeySignIn; both give the same
// session. The screens: components/ConsumerSignIn.tsx.
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { api } from './api.ts';

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

/** The one-time code: start sends it, complete exchanges it for a session. */
export const otpMethod = {
  async start(identity: Identity): Promise<Challenge> {
    const r = await api<{ challengeId: string; sentTo: string; expiresAt: string }>('/api/v1/consumer/verification', {
      body: { pccc: identity.pccc.trim().toUpperCase(), name: identity.name.trim(), phone: identity.phone.trim(), postcode: identity.postcode.trim() },
    });
    return { method: 'otp', challengeId: r.challengeId, sentTo: r.sentTo, expiresAt: r.expiresAt };
  },
  async complete(challenge: Challenge, proof: string): Promise<ConsumerSession> {
    const r = await api<{ token: string; expiresAt: string; pccc: string }>(`/api/v1/consumer/verification/${encodeURIComponent(challenge.challengeId)}/complete`, {
      body: { code: proof.trim() },
    });
    return { token: r.token, pccc: r.pccc, expiresAt: r.expiresAt, method: 'otp' };
  },
};

export function browserHasPasskeys(): boolean {
  try {
    return browserSupportsWebAuthn();
  } catch {
    return false;
  }
}

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
