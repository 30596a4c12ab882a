// Staff accounts (officers, administrators) managed by administrators in the portal: listed, created
// and their passwords reset (a random password shown once, as `tonggwan users add` prints it), disabled
// and enabled; and each staff member's change of their own password. Each in audit_log, in the same
// transaction as the change (PgAccessStore). Disabling and resetting end the account's sessions.
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, Clock, OfficerPrincipal, OfficerRole, Secrets, StaffUserRecord } from './ports.ts';
import { lockFigures, waitText, type SignInPolicy, type SignInRefusal, type SignInThrottle } from './sign-in-officer.ts';
import { staffPasswordProblem } from './staff-password.ts';

type Deps = { access: AccessStore; secrets: Secrets; clock: Clock };

const by = (admin: OfficerPrincipal) => ({ actorKind: 'officer', actorId: admin.userId });

export async function listStaffAccounts(deps: Deps): Promise<StaffUserRecord[]> {
  return deps.access.listStaffUsers();
}

/** A new account with a random password, returned only here. USERNAME_TAKEN names body.username. */
export async function createStaffAccount(
  deps: Deps,
  admin: OfficerPrincipal,
  input: { username: string; displayName?: string; role: OfficerRole },
): Promise<Result<{ user: StaffUserRecord; password: string }>> {
  const password = deps.secrets.randomPassword();
  const displayName = input.displayName?.trim() || input.username;
  const r = await deps.access.createStaffUser(
    { username: input.username, displayName, role: input.role, passwordHash: await deps.secrets.hashPassword(password) },
    { ...by(admin), action: 'user.create', detail: { via: 'portal' } },
  );
  if (!r.ok) return fail('USERNAME_TAKEN', { path: 'body.username' });
  const user = (await deps.access.listStaffUsers()).find((u) => u.id === r.id)!;
  return ok({ user, password });
}

/** A new random password (returned only here); the account's sessions end: whoever held the old one is signed out. */
export async function resetStaffPassword(deps: Deps, admin: OfficerPrincipal, userId: number): Promise<Result<{ password: string }>> {
  const user = await deps.access.findUserById(userId);
  if (!user) return fail('USER_NOT_FOUND');
  const password = deps.secrets.randomPassword();
  const done = await deps.access.setStaffPassword(userId, await deps.secrets.hashPassword(password), deps.clock.now(), {
    audit: { ...by(admin), action: 'user.password-reset', detail: { username: user.username } },
  });
  return done ? ok({ password }) : fail('USER_NOT_FOUND');
}

/**
 * Disables (its sessions end; it cannot sign in) or enables an account. An administrator does not
 * disable themself (CANNOT_DISABLE_SELF), nor the last enabled administrator (LAST_ADMIN): either would
 * leave no one to manage the accounts but the command line on the server. Doing it twice is no error.
 */
export async function setStaffAccountDisabled(deps: Deps, admin: OfficerPrincipal, userId: number, disabled: boolean): Promise<Result<StaffUserRecord>> {
  if (disabled && userId === admin.userId) return fail('CANNOT_DISABLE_SELF', { path: 'params.id' });
  const target = await deps.access.findUserById(userId);
  if (!target) return fail('USER_NOT_FOUND');
  const r = await deps.access.setStaffDisabled(userId, disabled, deps.clock.now(), {
    ...by(admin),
    action: disabled ? 'user.disable' : 'user.enable',
    detail: { username: target.username, role: target.role },
  });
  if (!r.ok) return r.reason === 'last_admin' ? fail('LAST_ADMIN', { path: 'params.id' }) : fail('USER_NOT_FOUND');
  return ok((await deps.access.listStaffUsers()).find((u) => u.id === userId)!);
}

/**
 * The throttle's refusal of a password change, naming the wait (the route sends it as Retry-After too).
 * `signedOut`: the wrong password also ended the session it came with, its own failures alone being
 * over the policy (`own`, whose figures the text names; changeOwnPassword). `p`: the throttle's
 * policy, whose figures the text names (not written out: they would outlive a change of the policy).
 */
function throttledAnswer(refused: SignInRefusal, p: SignInPolicy, signedOut: { own: SignInRefusal } | null = null): Result<never> {
  const n = refused.retryAfterSeconds;
  const wait = waitText(n);
  const lock = lockFigures(p);
  const text = signedOut
    ? signedOut.own.kind === 'locked'
      ? {
          ko: `로그인한 상태에서 비밀번호를 너무 많이 틀려(${lock.ko}) 보안을 위해 로그아웃했습니다. ${wait.ko} 후 다시 로그인하세요.`,
          en: `Too many wrong passwords with this session (${lock.en}): you have been signed out for security. Sign in again in ${wait.en}.`,
        }
      : {
          ko: `로그인한 상태에서 비밀번호를 너무 많이 틀려(${p.usernameWindowMinutes}분에 ${p.usernameFree}번) 보안을 위해 로그아웃했습니다. ${wait.ko} 후 다시 로그인하세요.`,
          en: `Too many wrong passwords with this session (${p.usernameFree} in ${p.usernameWindowMinutes} minutes): you have been signed out for security. Sign in again in ${wait.en}.`,
        }
    : refused.kind === 'locked'
      ? {
          ko: `이 주소에서 이 계정의 비밀번호가 너무 많이 틀렸습니다(로그인과 비밀번호 변경을 합쳐 ${lock.ko}). ${wait.ko} 후 다시 시도하세요.`,
          en: `Too many wrong passwords for this account from this address (sign-ins and password changes together, ${lock.en}); try again in ${wait.en}.`,
        }
      : {
          ko: `여러 곳에서 이 계정의 비밀번호가 많이 틀려 시도 속도를 제한합니다. ${wait.ko} 후 다시 시도하세요.`,
          en: `Many wrong passwords for this account from several addresses: tries are slowed; try again in ${wait.en}.`,
        };
  return fail('PASSWORD_CHANGE_RATE_LIMITED', { retryAfterSeconds: n, throttle: refused.kind, ...(signedOut ? { signedOut: true } : {}) }, text);
}

/**
 * A staff member's change of their own password, proved by the current one. Their other sessions end
 * (a session someone else opened with the old password among them); the one asking stays signed in.
 *
 * A wrong current password is a guess at the account's password, as a failed sign-in is: with a
 * stolen session one could otherwise guess it here at the route's 30 a minute. So the attempt goes
 * through the staff sign-in throttle (sign-in-officer.ts: its policy, and its counts, under the
 * account's username and the caller's address): both routes draw on one allowance, 10 wrong passwords
 * from an address in 15 minutes, then that address waits out the window (on sign-in too); past 20 from
 * anywhere in an hour, each try waits 1 s doubling to 5 minutes, except from an address the account
 * signed in from lately. Counted before the password is checked, taken back when it proves right.
 * A session used to guess its own account's password is not left to go on guessing once the wait is
 * over (nor to do anything else): each session's wrong current passwords are counted on their own too,
 * and the one after which the policy, applied to them alone, would lock (10 in 15 minutes) or slow
 * (past 20 in an hour) ends the session it came with: PASSWORD_CHANGE_RATE_LIMITED with
 * details.signedOut, the wait named the shared throttle's if in effect (what signing in from here
 * meets), else the session's own. Ending it whenever the shared counts went into effect (as at first)
 * signed an officer out for one typo while someone else guessed from many addresses: those counts add
 * up everyone's failures. Then the answer is the shared throttle's 429, without signedOut. A refused
 * try is no guess (nothing was checked), counts nothing and ends nothing.
 */
export async function changeOwnPassword(
  deps: Deps & { throttle?: SignInThrottle },
  me: OfficerPrincipal,
  input: { currentPassword: string; newPassword: string; sessionToken: string | null; address?: string },
): Promise<Result<{ changed: true }>> {
  const user = await deps.access.findUserById(me.userId);
  if (!user || user.disabledAt) return fail('UNAUTHENTICATED');
  const now = deps.clock.now();
  const address = input.address ?? '';
  const attempt = await deps.throttle?.attempt(user.username, address, now);
  // A refused attempt writes nothing, as on sign-in: the failure that started the wait was recorded.
  if (attempt?.refusal) return throttledAnswer(attempt.refusal, deps.throttle!.policy);
  const session = input.sessionToken !== null ? deps.secrets.sha256(input.sessionToken) : null;
  if (!(await deps.secrets.verifyPassword(input.currentPassword, user.passwordHash))) {
    await attempt?.failed();
    const own = deps.throttle && session ? await deps.throttle.sessionFailed(session, now) : null;
    const failed = (detail: Record<string, unknown>) =>
      deps.access.audit({ ...by(me), action: 'user.password-change-failed', subject: `user:${me.userId}`, detail: { ...detail, address } });
    await failed({ reason: 'wrong-current-password' });
    // This failure started a lock or a slow-down: recorded once, as sign-in records it.
    const started = await deps.throttle?.refusal(user.username, address, now);
    if (own) {
      // This session's own failures are over the policy: it is the one guessing, and it ends.
      await deps.access.revokeSession(session!, now);
      const wait = started ?? own;
      await failed({ reason: 'throttled', throttle: wait.kind, retryAfterSeconds: wait.retryAfterSeconds, signedOut: true, sessionThrottle: own.kind });
      return throttledAnswer(wait, deps.throttle!.policy, { own });
    }
    if (started) {
      await failed({ reason: 'throttled', throttle: started.kind, retryAfterSeconds: started.retryAfterSeconds });
      return throttledAnswer(started, deps.throttle!.policy);
    }
    return fail('CURRENT_PASSWORD_WRONG', { path: 'body.currentPassword' });
  }
  await attempt?.succeeded();
  if (session) await deps.throttle?.sessionSucceeded(session);
  const problem = staffPasswordProblem(input.newPassword, { username: user.username, current: input.currentPassword });
  if (problem) return fail('PASSWORD_TOO_WEAK', { path: 'body.newPassword' }, problem);
  const done = await deps.access.setStaffPassword(me.userId, await deps.secrets.hashPassword(input.newPassword), deps.clock.now(), {
    ...(input.sessionToken ? { keepSession: deps.secrets.sha256(input.sessionToken) } : {}),
    audit: { ...by(me), action: 'user.password-change' },
  });
  return done ? ok({ changed: true }) : fail('UNAUTHENTICATED');
}
