// Staff accounts (officers, administrators) managed by administrators in the portal: listed, created
// and their passwords reset (a random password shown once, as `tonggwan users add` prints it), disabled
// and enabled; and each staff member's change of their own password. Each in audit_log, in the same
// transaction as the change (PgAccessStore). Disabling and resetting end the account's sessions.
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, Clock, OfficerPrincipal, OfficerRole, Secrets, StaffUserRecord } from './ports.ts';
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
 * A staff member's change of their own password, proved by the current one. Their other sessions end
 * (a session someone else opened with the old password among them); the one asking stays signed in.
 */
export async function changeOwnPassword(
  deps: Deps,
  me: OfficerPrincipal,
  input: { currentPassword: string; newPassword: string; sessionToken: string | null },
): Promise<Result<{ changed: true }>> {
  const user = await deps.access.findUserById(me.userId);
  if (!user || user.disabledAt) return fail('UNAUTHENTICATED');
  if (!(await deps.secrets.verifyPassword(input.currentPassword, user.passwordHash))) {
    await deps.access.audit({ ...by(me), action: 'user.password-change-failed', subject: `user:${me.userId}`, detail: { reason: 'wrong-current-password' } });
    return fail('CURRENT_PASSWORD_WRONG', { path: 'body.currentPassword' });
  }
  const problem = staffPasswordProblem(input.newPassword, { username: user.username, current: input.currentPassword });
  if (problem) return fail('PASSWORD_TOO_WEAK', { path: 'body.newPassword' }, problem);
  const done = await deps.access.setStaffPassword(me.userId, await deps.secrets.hashPassword(input.newPassword), deps.clock.now(), {
    ...(input.sessionToken ? { keepSession: deps.secrets.sha256(input.sessionToken) } : {}),
    audit: { ...by(me), action: 'user.password-change' },
  });
  return done ? ok({ changed: true }) : fail('UNAUTHENTICATED');
}
