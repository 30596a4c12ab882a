// Officer password sign-in (scrypt); returns an opaque bearer token valid for 12 hours.
import { fail, ok, type Result } from './errors.ts';
import { OFFICER_SESSION_PREFIX } from './authenticate-token.ts';
import type { AccessStore, Clock, OfficerRole, Secrets } from './ports.ts';

export const OFFICER_SESSION_HOURS = 12;
/** Failed sign-ins under one username within SIGN_IN_WINDOW_MINUTES before it is refused until the window passes. */
export const SIGN_IN_FAILURES_MAX = 10;
export const SIGN_IN_WINDOW_MINUTES = 15;

/**
 * Failed sign-ins counted per username (lower case), known or not (the answer must not tell which),
 * in this process. The per-address limit of the route does not stop guesses from many addresses at
 * one officer's password; this does, at the price that such guesses also keep the officer out for
 * the rest of the window. Per process: several instances each count their own.
 */
export function signInThrottle(o: { max?: number; windowMinutes?: number } = {}) {
  const max = o.max ?? SIGN_IN_FAILURES_MAX;
  const windowMs = (o.windowMinutes ?? SIGN_IN_WINDOW_MINUTES) * 60_000;
  const failures = new Map<string, { count: number; since: number }>();
  const live = (username: string, now: Date) => {
    const f = failures.get(username.toLowerCase());
    return f && now.getTime() - f.since < windowMs ? f : null;
  };
  return {
    blocked: (username: string, now: Date): boolean => (live(username, now)?.count ?? 0) >= max,
    failed(username: string, now: Date): void {
      if (failures.size > 100_000) for (const [k, f] of failures) if (now.getTime() - f.since >= windowMs) failures.delete(k);
      const f = live(username, now);
      if (f) f.count++;
      else failures.set(username.toLowerCase(), { count: 1, since: now.getTime() });
    },
    succeeded: (username: string): void => void failures.delete(username.toLowerCase()),
  };
}
export type SignInThrottle = ReturnType<typeof signInThrottle>;

export async function signInOfficer(
  deps: { access: AccessStore; secrets: Secrets; clock: Clock; throttle?: SignInThrottle },
  input: { username: string; password: string },
): Promise<Result<{ token: string; expiresAt: string; user: { id: number; username: string; displayName: string; role: OfficerRole } }>> {
  const now = deps.clock.now();
  if (deps.throttle?.blocked(input.username, now)) return fail('SIGN_IN_RATE_LIMITED');
  const user = await deps.access.findUserByUsername(input.username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  const stored = user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const good = await deps.secrets.verifyPassword(input.password, stored);
  if (!user || !good) {
    deps.throttle?.failed(input.username, now);
    return fail('INVALID_CREDENTIALS');
  }
  deps.throttle?.succeeded(input.username);
  const token = deps.secrets.randomToken(OFFICER_SESSION_PREFIX);
  const expiresAt = new Date(deps.clock.now().getTime() + OFFICER_SESSION_HOURS * 3600_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'officer', userId: user.id, pccc: null, amr: 'pwd', expiresAt });
  await deps.access.audit({ actorKind: 'officer', actorId: user.id, action: 'sign-in', subject: `user:${user.id}` });
  return ok({ token, expiresAt: expiresAt.toISOString(), user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } });
}

export async function signOut(deps: { access: AccessStore; secrets: Secrets; clock: Clock }, token: string): Promise<void> {
  await deps.access.revokeSession(deps.secrets.sha256(token), deps.clock.now());
}
