// Officer password sign-in (scrypt); returns an opaque bearer token valid for 12 hours.
import { fail, ok, type Result } from './errors.ts';
import { OFFICER_SESSION_PREFIX } from './authenticate-token.ts';
import type { AccessStore, Clock, OfficerRole, Secrets } from './ports.ts';

export const OFFICER_SESSION_HOURS = 12;

export async function signInOfficer(
  deps: { access: AccessStore; secrets: Secrets; clock: Clock },
  input: { username: string; password: string },
): Promise<Result<{ token: string; expiresAt: string; user: { id: number; username: string; displayName: string; role: OfficerRole } }>> {
  const user = await deps.access.findUserByUsername(input.username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  const stored = user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const good = await deps.secrets.verifyPassword(input.password, stored);
  if (!user || !good) return fail('INVALID_CREDENTIALS');
  const token = deps.secrets.randomToken(OFFICER_SESSION_PREFIX);
  const expiresAt = new Date(deps.clock.now().getTime() + OFFICER_SESSION_HOURS * 3600_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'officer', userId: user.id, pccc: null, amr: 'pwd', expiresAt });
  await deps.access.audit({ actorKind: 'officer', actorId: user.id, action: 'sign-in', subject: `user:${user.id}` });
  return ok({ token, expiresAt: expiresAt.toISOString(), user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } });
}

export async function signOut(deps: { access: AccessStore; secrets: Secrets; clock: Clock }, token: string): Promise<void> {
  await deps.access.revokeSession(deps.secrets.sha256(token), deps.clock.now());
}
