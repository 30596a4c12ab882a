// Consumer sign-in with a passkey (the second method next to the one-time code): usernameless,
// the discoverable credential names its holder; the session is bound to the holder's live code.
import { CONSUMER_SESSION_PREFIX } from './authenticate-token.ts';
import { fail, ok, type Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { CONSUMER_SESSION_MINUTES } from './verify-consumer.ts';

const SIGN_IN_MINUTES = 5;
/**
 * The audit action of a failed passkey sign-in, beside the staff one (auth.sign-in-failed). detail.reason:
 * unknown-challenge, used-challenge, expired-challenge (the ceremony), unknown-credential, verification-failed
 * (signature, challenge, origin or counter: detail.why). Never the assertion (signature, client data) nor the challenge.
 */
export const PASSKEY_SIGN_IN_FAILED = 'auth.passkey-sign-in-failed';

export async function startPasskeySignIn(deps: IdentityDeps): Promise<{ ceremonyId: string; options: unknown }> {
  const { challenge, options } = await deps.webauthn.authenticationOptions({ allow: [] });
  const ceremonyId = deps.secrets.randomToken('wac_');
  await deps.identity.createCeremony({ id: ceremonyId, purpose: 'sign-in', holderId: null, challenge, detail: null, expiresAt: new Date(deps.clock.now().getTime() + SIGN_IN_MINUTES * 60_000) });
  return { ceremonyId, options };
}

/** A verifier's reason without the values it quotes (the library's messages quote the challenge expected and the one sent). */
function safeWhy(why: string): string {
  return why.replace(/"[^"]*"|'[^']*'/g, '…').slice(0, 200);
}

/** `address`: the client's, for the audit log of a failure (as a failed staff sign-in's). */
export async function finishPasskeySignIn(deps: IdentityDeps, input: { ceremonyId: string; response: unknown; address?: string }): Promise<Result<{ token: string; expiresAt: string; pccc: string }>> {
  const now = deps.clock.now();
  const c = await deps.identity.takeCeremony(input.ceremonyId, 'sign-in', now);
  const id = deps.webauthn.credentialIdOf(input.response);
  const key = id ? await deps.identity.findPasskey(id) : null;
  // Whoever tried is not signed in; the subject is the holder of the passkey named, when it is one of ours.
  const failed = async (detail: Record<string, unknown>, details?: unknown): Promise<Result<never>> => {
    const credentialId = id === null ? null : id.length > 200 ? `${id.slice(0, 200)}…` : id;
    await deps.identity.audit({ actorKind: 'anonymous', actorId: null, action: PASSKEY_SIGN_IN_FAILED, subject: key ? `holder:${key.holderId}` : 'passkey:unknown', detail: { ...detail, credentialId, address: input.address ?? '' } });
    return fail('PASSKEY_INVALID', details);
  };
  if (!c) return failed({ reason: `${await deps.identity.ceremonyRefusal(input.ceremonyId, 'sign-in', now)}-challenge` });
  if (!key) return failed({ reason: 'unknown-credential' });
  const v = await deps.webauthn.verifyAuthentication({ response: input.response, challenge: c.challenge, credential: { id: key.credentialId, publicKey: key.publicKey, counter: key.counter, transports: key.transports } });
  if (!v.ok) return failed({ reason: 'verification-failed', why: safeWhy(v.why) }, { why: v.why });
  await deps.identity.touchPasskey(key.credentialId, v.newCounter, now);
  const codes = await deps.registry.codesOf(key.holderId);
  const live = codes[0];
  if (!live) return fail('PCCC_NOT_FOUND');
  const token = deps.secrets.randomToken(CONSUMER_SESSION_PREFIX);
  const expiresAt = new Date(now.getTime() + CONSUMER_SESSION_MINUTES * 60_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'consumer', userId: null, pccc: live.pccc, amr: 'passkey', expiresAt });
  return ok({ token, expiresAt: expiresAt.toISOString(), pccc: live.pccc });
}
