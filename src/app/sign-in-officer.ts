// Officer password sign-in (scrypt); returns an opaque bearer token valid for 12 hours.
import type { Bilingual } from '../domain/bilingual.ts';
import { fail, ok, type Result } from './errors.ts';
import { OFFICER_SESSION_PREFIX } from './authenticate-token.ts';
import type { AccessStore, Clock, OfficerRole, Secrets } from './ports.ts';
import type { SignInThrottleState, SignInThrottleStore } from './ports/sign-in-throttle-store.ts';

export const OFFICER_SESSION_HOURS = 12;
/** The audit action of a failed staff sign-in (detail.reason: unknown-user, wrong-password, disabled, throttled). */
export const SIGN_IN_FAILED = 'auth.sign-in-failed';
/** Failed sign-ins under one username from one address within SIGN_IN_WINDOW_MINUTES before that address is refused until the window passes. */
export const SIGN_IN_FAILURES_MAX = 10;
export const SIGN_IN_WINDOW_MINUTES = 15;
/** Failed sign-ins under one username from all addresses within SIGN_IN_USERNAME_WINDOW_MINUTES before each further attempt must wait. */
export const SIGN_IN_USERNAME_FREE_FAILURES = 20;
export const SIGN_IN_USERNAME_WINDOW_MINUTES = 60;
/** The wait after each failure past the free ones doubles from 1 s up to this. */
export const SIGN_IN_DELAY_MAX_SECONDS = 300;
/** An address a username signed in from this recently is not slowed by the username's failures elsewhere. */
export const SIGN_IN_KNOWN_ADDRESS_DAYS = 30;

export type SignInRefusal = { kind: 'locked'; retryAfterSeconds: number } | { kind: 'slowed'; retryAfterSeconds: number };

export interface SignInPolicy {
  max: number;
  windowMinutes: number;
  usernameFree: number;
  usernameWindowMinutes: number;
  delayMaxSeconds: number;
  knownAddressDays: number;
}
export const SIGN_IN_POLICY: SignInPolicy = {
  max: SIGN_IN_FAILURES_MAX,
  windowMinutes: SIGN_IN_WINDOW_MINUTES,
  usernameFree: SIGN_IN_USERNAME_FREE_FAILURES,
  usernameWindowMinutes: SIGN_IN_USERNAME_WINDOW_MINUTES,
  delayMaxSeconds: SIGN_IN_DELAY_MAX_SECONDS,
  knownAddressDays: SIGN_IN_KNOWN_ADDRESS_DAYS,
};

const minutes = (n: number) => n * 60_000;
const days = (n: number) => n * 86_400_000;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Why an attempt is refused before its password is checked, or null: the policy, from the stored
 * counts and `now` (pure). Locking a username after N failures from anywhere lets anyone keep an
 * officer out by failing on purpose (account lockout as denial of service: OWASP Authentication
 * Cheat Sheet, "Account Lockout", and OWASP's "Slow Down Online Guessing Attacks with Device
 * Cookies"). So:
 * - the lock counts per (username, address): 10 failures in 15 minutes refuse that address only,
 *   the officer signs in from their own;
 * - guesses spread over many addresses are slowed per username: past 20 failures in an hour from
 *   all addresses, each attempt waits after the last failure, 1 s doubling to 5 minutes (some 40
 *   guesses an hour at most, about the old lock's rate), the answer telling how long (Retry-After);
 * - an address the username signed in from in the last 30 days is not slowed (it still has its own
 *   lock): a distributed attack slows strangers, not the officer at their usual desk.
 * Usernames are counted lower case, known or not (the answer must not tell which).
 */
export function signInRefusal(state: SignInThrottleState, now: Date, p: SignInPolicy = SIGN_IN_POLICY): SignInRefusal | null {
  const t = now.getTime();
  const pair = state.address;
  if (pair && t - pair.since.getTime() < minutes(p.windowMinutes) && pair.failures >= p.max) {
    return { kind: 'locked', retryAfterSeconds: seconds(pair.since.getTime() + minutes(p.windowMinutes) - t) };
  }
  if (state.knownSince && t - state.knownSince.getTime() < days(p.knownAddressDays)) return null;
  const u = state.username;
  if (!u || t - u.since.getTime() >= minutes(p.usernameWindowMinutes) || u.failures < p.usernameFree) return null;
  const delay = Math.min(p.delayMaxSeconds * 1000, 1000 * 2 ** (u.failures - p.usernameFree));
  const until = u.last.getTime() + delay;
  return t < until ? { kind: 'slowed', retryAfterSeconds: seconds(until - t) } : null;
}

/**
 * The sign-in throttle over its store: the counts are shared by every instance of the platform
 * (PostgreSQL, migrations/075), so more instances give a guesser no more attempts. Usernames are
 * lower-cased here; the windows' ends are computed here from `now`, the store only counts.
 * An attempt is checked and counted in one step (the store's reserve): counted as a failure before
 * its password is checked, taken back if it succeeds. Checked first and counted after, N attempts at
 * once all passed the check before any was counted: N password checks where the lock allows 10.
 */
export function signInThrottle(store: SignInThrottleStore, o: Partial<SignInPolicy> = {}) {
  const p: SignInPolicy = { ...SIGN_IN_POLICY, ...o };
  const before = (now: Date, ms: number) => new Date(now.getTime() - ms);
  const expiredFrom = (now: Date) => ({ address: before(now, minutes(p.windowMinutes)), username: before(now, minutes(p.usernameWindowMinutes)) });
  return {
    /** Why an attempt now would be refused, or null: the counts as they are, nothing counted. */
    async refusal(username: string, address: string, now: Date): Promise<SignInRefusal | null> {
      return signInRefusal(await store.read(username.toLowerCase(), address), now, p);
    },
    /**
     * Refused, or let through to its password check and counted as a failure: then `failed` or
     * `succeeded` once that check answers. The counts are read first without waiting (an attempt
     * refused by them, a flood's usual one, writes nothing), then checked again and counted as one.
     */
    async attempt(
      username: string,
      address: string,
      now: Date,
    ): Promise<{ refusal: SignInRefusal } | { refusal: null; failed: () => Promise<void>; succeeded: () => Promise<void> }> {
      const name = username.toLowerCase();
      const early = signInRefusal(await store.read(name, address), now, p);
      if (early) return { refusal: early };
      const r = await store.reserve(name, address, now, expiredFrom(now), (state) => signInRefusal(state, now, p));
      if (r.refused) return { refusal: r.refused };
      const { reservation } = r;
      return {
        refusal: null,
        failed: () => store.failed(expiredFrom(now)),
        /** The address's failures are forgiven and it becomes known; of the username's count only this attempt is taken back (failures elsewhere were not the officer's). */
        succeeded: () => store.succeeded(name, address, now, reservation, before(now, days(p.knownAddressDays))),
      };
    },
    /** The policy applied (its figures are named in the answers). */
    policy: p,
    /**
     * A wrong current password given with a session (a password change's), counted in that session's
     * own counts: the refusal this policy would make from them alone (the lock, 10 in 15 minutes; the
     * slow-down, past 20 in an hour), or null. The shared counts add up every failure under the
     * username, an attacker's too, so they cannot say whether this session is the one guessing. No
     * address is spared as known: that spares an officer others' failures, and these are the session's.
     */
    async sessionFailed(tokenHash: string, now: Date): Promise<SignInRefusal | null> {
      const own = await store.sessionFailed(tokenHash, now, expiredFrom(now));
      return own ? signInRefusal({ address: own.lock, username: own.slowDown, knownSince: null }, now, p) : null;
    },
    /** The session gave the right current password: its own failures were not guesses. */
    sessionSucceeded: (tokenHash: string) => store.sessionSucceeded(tokenHash),
  };
}
export type SignInThrottle = ReturnType<typeof signInThrottle>;

/** A wait as a refusal names it: 900 → 15분 / 15 min, 899 → 14분 59초 / 14 min 59 s, 30 → 30초 / 30 s. */
export function waitText(seconds: number): Bilingual {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  if (m === 0) return { ko: `${s}초`, en: `${s} s` };
  return s === 0 ? { ko: `${m}분`, en: `${m} min` } : { ko: `${m}분 ${s}초`, en: `${m} min ${s} s` };
}

/**
 * The lock's figures as its refusals name them, from the policy applied (10 in 15 minutes by default):
 * written out as "15분에 10번" they would go on saying so after the policy changed.
 */
export function lockFigures(p: SignInPolicy): Bilingual {
  return { ko: `${p.windowMinutes}분에 ${p.max}번`, en: `${p.max} in ${p.windowMinutes} minutes` };
}

/** `p`: the policy that refused (its lock's figures are named); the wait named is the refusal's own, as Retry-After. */
function refusedAnswer(refused: SignInRefusal, p: SignInPolicy): Result<never> {
  if (refused.kind === 'locked') {
    const wait = waitText(refused.retryAfterSeconds);
    const lock = lockFigures(p);
    return fail('SIGN_IN_RATE_LIMITED', { retryAfterSeconds: refused.retryAfterSeconds }, {
      ko: `이 주소에서 이 사용자 이름으로 로그인에 너무 많이 실패했습니다(${lock.ko}). ${wait.ko} 후 다시 시도하세요.`,
      en: `Too many failed sign-ins under this username from this address (${lock.en}); try again in ${wait.en}.`,
    });
  }
  // Up to delayMaxSeconds (5 minutes): "4분 52초", not "292초".
  const wait = waitText(refused.retryAfterSeconds);
  return fail('SIGN_IN_SLOWED', { retryAfterSeconds: refused.retryAfterSeconds }, {
    ko: `이 사용자 이름으로 여러 곳에서 로그인에 실패한 횟수가 많아 속도를 제한합니다. ${wait.ko} 후 다시 시도하세요.`,
    en: `Many failed sign-ins under this username from several addresses: sign-ins are slowed; try again in ${wait.en}.`,
  });
}

export async function signInOfficer(
  deps: { access: AccessStore; secrets: Secrets; clock: Clock; throttle?: SignInThrottle },
  input: { username: string; password: string; address?: string },
): Promise<Result<{ token: string; expiresAt: string; user: { id: number; username: string; displayName: string; role: OfficerRole } }>> {
  const now = deps.clock.now();
  const address = input.address ?? '';
  const attempt = await deps.throttle?.attempt(input.username, address, now);
  // A refused attempt writes nothing (a flood of them would be a flood of rows): the lock or
  // slow-down was recorded once, by the failure that started it (below).
  if (attempt?.refusal) return refusedAnswer(attempt.refusal, deps.throttle!.policy);
  const user = await deps.access.findUserByUsername(input.username);
  // Verify against a dummy hash when the user is unknown, so timing does not reveal usernames.
  const stored = user?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
  const good = await deps.secrets.verifyPassword(input.password, stored);
  // A disabled account (a leaver's) gets the wrong password's answer: whether an account exists, or was
  // disabled, is not told to whoever tries it. Its password is checked all the same (the same time taken).
  const disabled = user?.disabledAt != null;
  if (!user || !good || disabled) {
    await attempt?.failed();
    // The username tried (lower case, as the throttle counts it), never the password.
    const failed = (detail: Record<string, unknown>) =>
      deps.access.audit({ actorKind: 'anonymous', actorId: null, action: SIGN_IN_FAILED, subject: `username:${input.username.toLowerCase()}`, detail: { ...detail, address } });
    await failed({ reason: !user ? 'unknown-user' : !good ? 'wrong-password' : 'disabled' });
    // This failure started a lock (the 10th from this address) or a slow-down (past 20 from anywhere):
    // recorded once here, for the window it opens; the attempts refused during it write nothing.
    const started = await deps.throttle?.refusal(input.username, address, now);
    if (started) await failed({ reason: 'throttled', throttle: started.kind, retryAfterSeconds: started.retryAfterSeconds });
    return fail('INVALID_CREDENTIALS');
  }
  await attempt?.succeeded();
  const token = deps.secrets.randomToken(OFFICER_SESSION_PREFIX);
  const expiresAt = new Date(deps.clock.now().getTime() + OFFICER_SESSION_HOURS * 3600_000);
  await deps.access.createSession({ tokenHash: deps.secrets.sha256(token), kind: 'officer', userId: user.id, pccc: null, amr: 'pwd', expiresAt });
  await deps.access.audit({ actorKind: 'officer', actorId: user.id, action: 'sign-in', subject: `user:${user.id}` });
  return ok({ token, expiresAt: expiresAt.toISOString(), user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role } });
}

export async function signOut(deps: { access: AccessStore; secrets: Secrets; clock: Clock }, token: string): Promise<void> {
  await deps.access.revokeSession(deps.secrets.sha256(token), deps.clock.now());
}
