// What the tests of the PCCC holder's notices share (pccc-change-notices, holder-security-notices, identity):
// a platform whose SMS go through the SOLAPI emulator (its gateway can be taken down), holders an officer
// registers, and consumer sessions on a code as a sign-in leaves them.
import { expect } from 'vitest';
import { startSolapiEmulator, type SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { contactProof } from '../../src/app/change-holder-contact.ts';
import { api, startTestPlatform, type TestPlatform } from './test-platform.ts';

/** A platform sending SMS through a SOLAPI emulator of one account and sender, one attempt per send (the outboxes retry), with an officer signed in; its log lines kept in `log`. */
export async function startPlatformWithSolapi(o: { key: string; secret: string; sender: string; officer: string; log: string[] }): Promise<{ t: TestPlatform; emu: SolapiEmulator; officer: { token: string } }> {
  const emu = await startSolapiEmulator({ accounts: [{ apiKey: o.key, apiSecret: o.secret }], senders: [o.sender] });
  const t = await startTestPlatform(
    { sms: { provider: 'solapi', apiKey: o.key, apiSecret: o.secret, sender: o.sender, apiBase: emu.url, maxAttempts: 1, backoffBaseMs: 1, timeoutMs: 5000 } },
    { log: (line) => o.log.push(line) },
  );
  return { t, emu, officer: await t.officer(o.officer) };
}

/** A holder registered by an officer (SMS to the phone; e-mail, when given, to the local store): the new code. */
export async function registerHolder(t: TestPlatform, officerToken: string, name: string, phone: string, email?: string): Promise<string> {
  const r = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officerToken, body: { name, phone, postcodes: ['06236'], ...(email ? { email } : {}) } });
  expect(r.status).toBe(201);
  return r.body.pccc as string;
}

/** A consumer session on the code proven by the one-time code (amr otp), as a sign-in leaves it, without the sign-in route (and its per-address limit). */
export async function consumerSessionOn(t: TestPlatform, code: string): Promise<string> {
  const token = t.platform.deps.secrets.randomToken('tgc_');
  await t.platform.deps.access.createSession({ tokenHash: t.platform.deps.secrets.sha256(token), kind: 'consumer', userId: null, pccc: code, amr: 'otp', expiresAt: new Date(Date.now() + 3_600_000) });
  return token;
}

/**
 * The holder (signed in with `token`) changes the e-mail address notices go to: the code sent to the new
 * address (`otp`), as POST /api/v1/consumer/contacts/email leaves it, then confirmed (200); the change's
 * notices drained through their channels.
 */
export async function changeEmailAs(t: TestPlatform, code: string, token: string, email: string, otp: string): Promise<void> {
  const deps = t.platform.deps.identity!.deps;
  const challengeId = deps.secrets.randomToken('cch_');
  await deps.registry.createContactChallenge(
    { id: challengeId, pccc: code, secretHash: deps.secrets.sha256(contactProof(challengeId, 'email', email, otp)), expiresAt: new Date(Date.now() + 300_000) },
    { max: 5, expiresAfter: new Date(Date.now() - 600_000) },
  );
  expect((await api(t.base, 'POST', '/api/v1/consumer/contacts/email/confirm', { token, body: { challengeId, email, code: otp } })).status).toBe(200);
  await t.platform.pcccChangeNotices.drain();
}
