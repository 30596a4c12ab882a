// Staff accounts managed by administrators (POST/GET /api/v1/admin/users…) and each staff member's
// own password (POST /api/v1/me/password), on the embedded database: who may call them, what they
// write to the audit log, that a disabled account cannot sign in and its open session stops working,
// that a reset ends the sessions, and the last-administrator rule.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let admin: { token: string };
let officer: { token: string };
let operatorKey: string;

const signIn = (username: string, password: string) => api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username, password } });
const audit = async (action: string) => (await api(t.base, 'GET', `/api/v1/admin/audit?action=${action}`, { token: admin.token })).body.entries;

beforeAll(async () => {
  t = await startTestPlatform();
  admin = await t.officer('staff-admin', 'admin');
  officer = await t.officer('staff-officer');
  operatorKey = (await t.operator('STAFFOP')).key;
});
afterAll(async () => {
  await t?.close();
});

describe('staff accounts', () => {
  it('only administrators manage staff accounts: officers and operator keys 403, anonymous 401', async () => {
    const routes: [string, string][] = [
      ['GET', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/users'],
      ['POST', '/api/v1/admin/users/1/password'],
      ['POST', '/api/v1/admin/users/1/disable'],
      ['POST', '/api/v1/admin/users/1/enable'],
    ];
    for (const [method, path] of routes) {
      const body = method === 'POST' && path.endsWith('users') ? { username: 'nobody', role: 'officer' } : undefined;
      expect((await api(t.base, method, path, { token: officer.token, body })).status, `${method} ${path} officer`).toBe(403);
      expect((await api(t.base, method, path, { token: operatorKey, body })).status, `${method} ${path} operator`).toBe(403);
      expect((await api(t.base, method, path, { body })).status, `${method} ${path} anonymous`).toBe(401);
    }
    expect((await api(t.base, 'POST', '/api/v1/me/password', { token: operatorKey, body: { currentPassword: 'x', newPassword: 'y' } })).status).toBe(403);
    expect((await api(t.base, 'POST', '/api/v1/me/password', { body: { currentPassword: 'x', newPassword: 'y' } })).status).toBe(401);
    // nothing was created by the refused calls
    expect((await api(t.base, 'GET', '/api/v1/admin/users', { token: admin.token })).body.users.map((u: { username: string }) => u.username)).not.toContain('nobody');
  });

  it('an administrator creates an officer with a random password shown once; audited; a taken username is 409 naming body.username', async () => {
    const r = await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'kim.officer', displayName: '김세관', role: 'officer' } });
    expect(r.status).toBe(201);
    expect(r.body.user).toMatchObject({ username: 'kim.officer', displayName: '김세관', role: 'officer', disabledAt: null, lastSignInAt: null });
    expect(r.body.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const signedIn = await signIn('kim.officer', r.body.password);
    expect(signedIn.status).toBe(200);
    const listed = (await api(t.base, 'GET', '/api/v1/admin/users', { token: admin.token })).body.users.find((u: { username: string }) => u.username === 'kim.officer');
    expect(listed.lastSignInAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(r.body.password);
    const [entry] = await audit('user.create');
    expect(entry).toMatchObject({ actorName: 'staff-admin', subject: `user:${r.body.user.id}`, detail: { username: 'kim.officer', role: 'officer', via: 'portal' } });
    expect(JSON.stringify(entry)).not.toContain(r.body.password);

    const again = await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'kim.officer', role: 'admin' } });
    expect([again.status, again.body.error.code, again.body.error.details.path]).toEqual([409, 'USERNAME_TAKEN', 'body.username']);
    for (const body of [{ username: 'has space', role: 'officer' }, { username: 'x', role: 'root' }, { role: 'officer' }, { username: 'x'.repeat(101), role: 'officer' }, 'nonsense']) {
      const bad = await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body });
      expect(bad.status, JSON.stringify(body)).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    }
    const bad = await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'has space', role: 'officer' } });
    expect(JSON.stringify(bad.body.error.details)).toContain('body.username');
  });

  it('a disabled account cannot sign in (the wrong password’s answer) and its open session stops; enabled, it signs in again', async () => {
    const made = (await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'leaver', role: 'officer' } })).body;
    const session = (await signIn('leaver', made.password)).body.token;
    expect((await api(t.base, 'GET', '/api/v1/officer/queue', { token: session })).status).toBe(200);

    const off = await api(t.base, 'POST', `/api/v1/admin/users/${made.user.id}/disable`, { token: admin.token });
    expect(off.status).toBe(200);
    expect(off.body.disabledAt).not.toBeNull();
    expect((await api(t.base, 'GET', '/api/v1/officer/queue', { token: session })).status).toBe(401);
    const refused = await signIn('leaver', made.password);
    const wrong = await signIn('leaver', 'not-the-password');
    const unknown = await signIn('no-such-user', 'whatever-password');
    expect([refused.status, refused.body.error]).toEqual([401, wrong.body.error]);
    expect(refused.body.error).toEqual(unknown.body.error);
    expect(refused.body.error.code).toBe('INVALID_CREDENTIALS');
    const failed = await audit('auth.sign-in-failed');
    expect(failed.map((e: { detail: { reason: string } }) => e.detail.reason)).toContain('disabled');
    expect((await audit('user.disable'))[0]).toMatchObject({ actorName: 'staff-admin', subject: `user:${made.user.id}`, detail: { username: 'leaver' } });
    // twice is no error
    expect((await api(t.base, 'POST', `/api/v1/admin/users/${made.user.id}/disable`, { token: admin.token })).status).toBe(200);

    const on = await api(t.base, 'POST', `/api/v1/admin/users/${made.user.id}/enable`, { token: admin.token });
    expect([on.status, on.body.disabledAt]).toEqual([200, null]);
    expect((await signIn('leaver', made.password)).status).toBe(200);
    expect((await api(t.base, 'GET', '/api/v1/officer/queue', { token: session })).status).toBe(401); // ended sessions stay ended
    expect((await audit('user.enable'))[0]).toMatchObject({ subject: `user:${made.user.id}` });
  });

  it('a password reset returns a new one once and ends the sessions; the old password no longer works', async () => {
    const made = (await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'forgetful', role: 'officer' } })).body;
    const session = (await signIn('forgetful', made.password)).body.token;
    const r = await api(t.base, 'POST', `/api/v1/admin/users/${made.user.id}/password`, { token: admin.token });
    expect(r.status).toBe(200);
    expect(r.body.password).not.toBe(made.password);
    expect((await api(t.base, 'GET', '/api/v1/officer/queue', { token: session })).status).toBe(401);
    expect((await signIn('forgetful', made.password)).status).toBe(401);
    expect((await signIn('forgetful', r.body.password)).status).toBe(200);
    const [entry] = await audit('user.password-reset');
    expect(entry).toMatchObject({ actorName: 'staff-admin', subject: `user:${made.user.id}` });
    expect(JSON.stringify(entry)).not.toContain(r.body.password);
    const listed = (await api(t.base, 'GET', '/api/v1/admin/users', { token: admin.token })).body.users.find((u: { id: number }) => u.id === made.user.id);
    expect(listed.passwordChangedAt).not.toBeNull();

    for (const path of ['/api/v1/admin/users/999999/password', '/api/v1/admin/users/999999/disable', '/api/v1/admin/users/999999/enable']) {
      const nf = await api(t.base, 'POST', path, { token: admin.token });
      expect([nf.status, nf.body.error.code, nf.body.error.details.path]).toEqual([404, 'USER_NOT_FOUND', 'params.id']);
    }
    for (const id of ['x', '0', '-1', '1.5', '99999999999999999999']) {
      const bad = await api(t.base, 'POST', `/api/v1/admin/users/${id}/disable`, { token: admin.token });
      expect(bad.status, id).toBe(400);
      expect(JSON.stringify(bad.body.error.details)).toContain('params.id');
    }
  });

  it('an administrator cannot disable themself, nor the last enabled administrator (LAST_ADMIN, in Korean and English)', async () => {
    const meId = (await api(t.base, 'GET', '/api/v1/me', { token: admin.token })).body.userId;
    const self = await api(t.base, 'POST', `/api/v1/admin/users/${meId}/disable`, { token: admin.token });
    expect([self.status, self.body.error.code, self.body.error.details.path]).toEqual([409, 'CANNOT_DISABLE_SELF', 'params.id']);
    expect(self.body.error.ko).toMatch(/자기 계정/);

    // staff-admin is the only administrator here: the rule refuses whoever asks (a session of an enabled
    // administrator other than the target cannot exist then, so the store is asked as the API would).
    const alone = await t.platform.deps.access.setStaffDisabled(meId, true, new Date(), { actorKind: 'system', actorId: null, action: 'user.disable' });
    expect(alone).toEqual({ ok: false, reason: 'last_admin' });
    expect((await api(t.base, 'GET', '/api/v1/admin/users', { token: admin.token })).status).toBe(200); // still enabled, still signed in

    // Two administrators disabling each other at once: one wins, the other is refused (LAST_ADMIN, or
    // 401 when its session had already ended by then); never both disabled.
    const second = (await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'second-admin', role: 'admin' } })).body;
    const secondToken = (await signIn('second-admin', second.password)).body.token;
    const [a, b] = await Promise.all([
      api(t.base, 'POST', `/api/v1/admin/users/${second.user.id}/disable`, { token: admin.token }),
      api(t.base, 'POST', `/api/v1/admin/users/${meId}/disable`, { token: secondToken }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(200);
    expect([401, 409]).toContain(statuses[1]);
    const loser = a.status === 200 ? b : a;
    if (loser.status === 409) {
      expect(loser.body.error.code).toBe('LAST_ADMIN');
      expect(loser.body.error.ko).toMatch(/활성 관리자/);
      expect(loser.body.error.en).toMatch(/only enabled administrator/);
    }
    const admins = (await t.db.pool.query(`SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL`)).rows[0].n;
    expect(admins).toBe(1);
    // staff-admin back in charge for the tests after
    if (a.status !== 200) {
      await t.db.pool.query(`UPDATE users SET disabled_at = NULL WHERE id = $1`, [meId]);
      admin = { token: (await signIn('staff-admin', 'pw-staff-admin')).body.token };
      await api(t.base, 'POST', `/api/v1/admin/users/${second.user.id}/disable`, { token: admin.token });
    }
  });

  it('staff change their own password with the current one: wrong current 400 naming body.currentPassword, weak new 400 naming body.newPassword', async () => {
    const made = (await api(t.base, 'POST', '/api/v1/admin/users', { token: admin.token, body: { username: 'changer', role: 'officer' } })).body;
    const mine = (await signIn('changer', made.password)).body.token;
    const other = (await signIn('changer', made.password)).body.token;
    const change = (body: unknown) => api(t.base, 'POST', '/api/v1/me/password', { token: mine, body });

    const wrong = await change({ currentPassword: 'not-it-at-all', newPassword: 'a long enough passphrase' });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.details.path]).toEqual([400, 'CURRENT_PASSWORD_WRONG', 'body.currentPassword']);
    for (const weak of ['short', 'changer-password-1', made.password]) {
      const r = await change({ currentPassword: made.password, newPassword: weak });
      expect([r.status, r.body.error.code, r.body.error.details.path], weak).toEqual([400, 'PASSWORD_TOO_WEAK', 'body.newPassword']);
    }
    expect((await change({ currentPassword: made.password, newPassword: 'short' })).body.error.ko).toMatch(/12~200자/);
    for (const bad of [{}, { currentPassword: made.password }, { currentPassword: made.password, newPassword: 'x'.repeat(1001) }, { currentPassword: 1, newPassword: 2 }]) {
      expect((await change(bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await signIn('changer', made.password)).status).toBe(200); // nothing changed yet

    const done = await change({ currentPassword: made.password, newPassword: '봄날의 세관 검사 2026!' });
    expect(done.status).toBe(204);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: mine })).status).toBe(200); // this session goes on
    expect((await api(t.base, 'GET', '/api/v1/me', { token: other })).status).toBe(401); // the others ended
    expect((await signIn('changer', made.password)).status).toBe(401);
    expect((await signIn('changer', '봄날의 세관 검사 2026!')).status).toBe(200);
    expect((await audit('user.password-change'))[0]).toMatchObject({ actorName: 'changer', subject: `user:${made.user.id}` });
    expect((await audit('user.password-change-failed'))[0]).toMatchObject({ actorName: 'changer', detail: { reason: 'wrong-current-password' } });
    // an administrator changes their own the same way
    expect((await api(t.base, 'POST', '/api/v1/me/password', { token: officer.token, body: { currentPassword: 'pw-staff-officer', newPassword: 'another long passphrase' } })).status).toBe(204);
  });
});
