// Consumer sign-in with a passkey (the second method next to the one-time code): usernameless,
// the discoverable credential names its holder; the session is bound to the holder's live code.
import { CONSUMER_SESSION_PREFIX } from './authenticate-token.ts';
import { fail, ok, type Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import { CONSUMER_SESSION_MINUTES } from './verify-consumer.ts';

const SIGN_IN_MINUTES = 5;

export async function startPasskeySignIn(deps: IdentityDeps): Promise<{ ceremonyId: string; options: unknown }> {
  const { challenge, options } = await deps.webauthn.authenticationOptions({ allow: [] });
  const ceremonyId = deps.secrets.randomToken('wac_');
  await deps.identity.createCeremony({ id: ceremonyId, purpose: 'sign-in', holderId: null, challenge, detail: null, expiresAt: new Date(deps.clock.now().getTime() + SIGN_IN_MINUTES * 60_000) });
  return { ceremonyId, options };
}

export async function finishPasskeySignIn(deps: IdentityDeps, input: { ceremonyId: string; response: unknown }): Promise<Result<{ token: string; expiresAt: string; pccc: string }>> {
  const now = deps.clock.now();
  const c = await deps.identity.takeCeremony(input.ceremonyId, 'sign-in', now);
  if (!c) return fail('PASSKEY_INVALID');
  const id = deps.webauthn.credentialIdOf(input.response);
  const key = id ? await deps.identity.findPasskey(id) : null;
  if (!key) return fail('PASSKEY_INVALID');
  const v = await deps.webauthn.verifyAuthentication({ response: input.response, challenge: c.challenge, credential: { id: key.credentialId, publicKey: key.publicKey, counter: key.counter, transports: key.transports } });
  if (!v.ok) return fail('PASSKEY_INVALID', { why: v.why });
  await deps.identity.touchPasskey(key.credentialId, v.newCounter, now);
  const codes = await deps.registry.codesOf(key.holderId);
  const live = codes[0];
  if (!live) return fail('PCCC_NOT_FOUND');
  const token = deps.secrets.randomToken(CONSUMER_SESSION_PREFIX);
  const expiresAt = new Date(now.getTime() + CONSUMER_SESSION_MINUTES * 60_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'consumer', userId: null, pccc: live.pccc, amr: 'passkey', expiresAt });
  return ok({ token, expiresAt: expiresAt.toISOString(), pccc: live.pccc });
}
