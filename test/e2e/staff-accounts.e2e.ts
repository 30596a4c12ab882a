// Staff accounts in real Chromium (desktop, Korean): an administrator creates an officer on the
// administration page (the password shown once), the officer signs in with it and changes it (a wrong
// current password answered beside its field), then the administrator disables the account: the
// officer's open page falls back to sign-in and neither password signs in any more. An officer whose
// wrong current password starts the sign-in throttle's wait is signed out: the page shows the sign-in
// with the answer's text.
// Screenshots: test-results/screenshots/staff-*.png.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, snap } from './support.ts';
import { newAdminSession, openStaffPage, type StaffPage } from './admin-session.ts';

let t: TestPlatform;
let browser: Browser;
let admin: unknown;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  admin = await newAdminSession(t, 'staff-e2e-admin');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const pageAs = (session: unknown | null, path: string): Promise<StaffPage> => openStaffPage(browser, t.base, session, 'ko', path);

async function signIn(page: Page, username: string, password: string) {
  const form = page.locator('form', { has: page.getByRole('heading', { name: '직원 로그인' }) });
  await form.getByLabel('아이디').fill(username);
  await form.getByLabel('비밀번호').fill(password);
  await form.getByRole('button', { name: '로그인' }).click();
}

describe('staff accounts', () => {
  test('an administrator creates an officer, who signs in and changes the password; disabled, the officer is signed out and cannot sign in', async () => {
    const adminView = await pageAs(admin, '/officer/admin');
    const card = adminView.page.getByTestId('admin-staff');
    await card.getByLabel('사용자 이름(로그인 ID)').fill('e2e.officer');
    await card.getByLabel('표시 이름').fill('이세관');
    await card.getByLabel('역할').selectOption('officer');
    await card.getByRole('button', { name: '계정 만들기' }).click();
    const shown = card.getByTestId('admin-staff-password');
    await shown.waitFor();
    const password = (await shown.innerText()).trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const row = card.locator('tr[data-username="e2e.officer"]');
    await row.waitFor();
    expect(await row.innerText()).toContain('사용 중');
    await snap(adminView.page, 'desktop', 'staff-admin-created');

    // The officer signs in with the password shown, then changes it.
    const officerView = await pageAs(null, '/officer');
    const o = officerView.page;
    await signIn(o, 'e2e.officer', password);
    await o.getByText('이세관(e2e.officer)').waitFor();
    await o.getByRole('button', { name: '비밀번호 변경' }).click();
    const form = o.getByTestId('own-password-form');
    await form.getByLabel('현재 비밀번호').fill('not-the-password');
    await form.getByLabel('새 비밀번호', { exact: true }).fill('늦가을 세관 창구 2026');
    await form.getByLabel('새 비밀번호 확인').fill('늦가을 세관 창구 2026');
    await form.getByRole('button', { name: '변경' }).click();
    await form.getByText('현재 비밀번호가 올바르지 않습니다.').waitFor();
    await form.getByLabel('현재 비밀번호').fill(password);
    await form.getByRole('button', { name: '변경' }).click();
    await o.getByText('비밀번호를 바꿨습니다.', { exact: false }).waitFor();
    await snap(o, 'desktop', 'staff-own-password-changed');
    expect((await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e.officer', password } })).status).toBe(401);

    // The administrator disables the account (confirmed in the browser's dialog).
    adminView.page.on('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'e2e.officer 비활성화' }).click();
    await card.getByText('e2e.officer 계정을 비활성화했습니다.').waitFor();
    await row.getByText('비활성', { exact: false }).waitFor();
    await snap(adminView.page, 'desktop', 'staff-admin-disabled');

    // The officer's page: its session ended, the next load asks to sign in; the new password is refused as a wrong one.
    await o.reload();
    const signInForm = o.locator('form', { has: o.getByRole('heading', { name: '직원 로그인' }) });
    await signInForm.waitFor();
    await signIn(o, 'e2e.officer', '늦가을 세관 창구 2026');
    await signInForm.getByText('아이디 또는 비밀번호가 올바르지 않습니다.').waitFor();
    await snap(o, 'desktop', 'staff-disabled-sign-in');

    expect(adminView.errors).toEqual([]);
    expect(officerView.errors).toEqual([]);
    await officerView.close();
    await adminView.close();
  });

  test('the wrong current password that starts the throttle’s wait signs the officer out: the page shows the sign-in with why', async () => {
    await t.officer('e2e.guesser'); // its password: pw-e2e.guesser (test-platform.ts)
    const session = (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'e2e.guesser', password: 'pw-e2e.guesser' } })).body;
    // 9 wrong current passwords with this session (from this address): answered as wrong, the session kept
    for (let i = 0; i < 9; i++) {
      const r = await api(t.base, 'POST', '/api/v1/me/password', { token: session.token, body: { currentPassword: `guess-${i}`, newPassword: 'a long enough passphrase' } });
      expect(r.body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    }
    const view = await pageAs(session, '/officer');
    const o = view.page;
    await o.getByRole('button', { name: '비밀번호 변경' }).click();
    const form = o.getByTestId('own-password-form');
    await form.getByLabel('현재 비밀번호').fill('guess-9');
    await form.getByLabel('새 비밀번호', { exact: true }).fill('늦가을 세관 창구 2026');
    await form.getByLabel('새 비밀번호 확인').fill('늦가을 세관 창구 2026');
    await form.getByRole('button', { name: '변경' }).click();
    // the 10th: signed out, the sign-in form in its place with the answer's text (was: the refusal shown in the form, the session kept)
    const notice = o.getByTestId('signed-out-notice');
    await notice.waitFor();
    // the wait: what is left of the 15 minutes from the first guess (real time here: 15분, or 14분 5x초)
    expect(await notice.innerText()).toMatch(/보안을 위해 로그아웃했습니다\. 1[45]분( \d+초)? 후 다시 로그인하세요\./);
    await o.locator('form', { has: o.getByRole('heading', { name: '직원 로그인' }) }).waitFor();
    expect(await o.getByTestId('own-password-form').count()).toBe(0);
    expect(await o.evaluate(() => sessionStorage.getItem('tonggwan.officer'))).toBeNull();
    await snap(o, 'desktop', 'staff-own-password-signed-out');
    expect((await api(t.base, 'GET', '/api/v1/me', { token: session.token })).status).toBe(401);
    expect(view.errors).toEqual([]);
    await view.close();
  });
});
