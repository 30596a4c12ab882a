// The holder's security notices given up, on the administration page, in real Chromium (desktop): an e-mail
// the mail server refused for good (550, a local SMTP server, test/support/smtp-server.ts) is listed with whom,
// which notice, the channel, why and the error; once the address is put right the administrator sends it again
// and it is delivered. In Korean, then in English. A notice to the address the holder had before a change of
// contact says it went to the former one; a notice given up on an address the holder has since replaced says,
// before the click, that it goes to the current one, and does.
// Screenshots: test-results/screenshots/admin-holder-notices-{ko,en}-{desktop,section}.png, admin-holder-notices-former-{ko,en}-section.png,
// admin-holder-notices-current-{ko,en}-section.png.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { changeEmailAs, consumerSessionOn, registerHolder } from '../support/holder-notices.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-server.ts';
import { launchBrowser, SCREENSHOTS, snap, until } from './support.ts';
import { newAdminSession, openStaffPage, type StaffPage } from './admin-session.ts';

let t: TestPlatform;
let smtp: SmtpTestServer;
let browser: Browser;
let officer: { token: string };
let admin: unknown;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  smtp = await startSmtpTestServer();
  // gone…: no such mailbox (550: refused for good); any other address is taken.
  smtp.rcpt = (a) => (a.startsWith('gone') ? `550 5.1.1 <${a}>: Recipient address rejected: mailbox unavailable` : null);
  [t, browser] = await Promise.all([startTestPlatform({ smtpUrl: smtp.url, mailFrom: 'no-reply@tonggwan.test' }), launchBrowser()]);
  officer = await t.officer('notice-desk');
  admin = await newAdminSession(t, 'notice-admin');
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  await smtp?.close();
});

const adminPage = (lang: 'ko' | 'en'): Promise<StaffPage> => openStaffPage(browser, t.base, admin, lang);

/** A holder whose code an officer suspends: the notice's e-mail is refused for good, the SMS sent. */
async function refusedNotice(name: string, phone: string, email: string): Promise<string> {
  const code = await registerHolder(t, officer.token, name, phone, email);
  expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '부정 사용 의심' } })).status).toBe(200);
  await t.platform.pcccChangeNotices.drain();
  const row = await t.db.pool.query(`SELECT status FROM pccc_change_notices WHERE pccc = $1 AND channel = 'email'`, [code]);
  expect(row.rows[0].status).toBe('dead');
  return code;
}

describe('security notices given up, on the administration page', () => {
  test('in Korean: listed with whom, which notice, the channel, why and the error; sent again once the address is put right, and delivered', async () => {
    const code = await refusedNotice('김메일', '010-3333-4444', 'gone.kim@example.com');
    const { page, errors, close } = await adminPage('ko');
    const section = page.getByTestId('admin-holder-notices');
    await section.getByRole('heading', { name: '보내지 못한 보안 알림' }).waitFor();
    const row = section.getByTestId('admin-notice-table').locator('tbody tr', { hasText: code });
    await row.waitFor();
    const text = await row.innerText();
    for (const part of ['김메일', '개인통관고유부호 사용정지', '이메일', 'g***@example.com', '수신처가 거부함', '(시도 1번)', '550 5.1.1']) expect(text).toContain(part);
    expect(text).not.toContain('gone.kim@example.com');
    await snap(page, 'desktop', 'admin-holder-notices-ko');
    // The row's action is in view: the error wraps instead of pushing it out of the table's box.
    expect(await row.getByRole('button').evaluate((b) => b.getBoundingClientRect().right <= b.closest('.table-scroll')!.getBoundingClientRect().right)).toBe(true);
    await section.screenshot({ path: path.join(SCREENSHOTS, 'admin-holder-notices-ko-section.png') });
    // The registry's record put right (the holder gave a working address); then sent again from the page.
    await t.db.pool.query(`UPDATE pccc_holders SET email = 'kim.fixed@example.com' WHERE pccc = $1`, [code]);
    await row.getByRole('button', { name: '김메일 · 이메일에게 개인통관고유부호 사용정지 알림 다시 보내기' }).click();
    await section.getByText('김메일 · 이메일에게 개인통관고유부호 사용정지 알림을 다시 보냅니다.', { exact: false }).waitFor();
    await t.platform.pcccChangeNotices.drain();
    await until(async () => smtp.messages.some((m) => m.to.includes('kim.fixed@example.com')), (sent) => sent, 'the e-mail sent to the address put right');
    await section.getByText('보내지 못한 알림이 없습니다.').waitFor();
    expect(errors).toEqual([]);
    await close();
  });

  test('in English: the same list, in English', async () => {
    const code = await refusedNotice('Lee Mail', '010-5555-6666', 'gone.lee@example.com');
    const { page, errors, close } = await adminPage('en');
    const section = page.getByTestId('admin-holder-notices');
    await section.getByRole('heading', { name: 'Security notices not delivered' }).waitFor();
    const row = section.getByTestId('admin-notice-table').locator('tbody tr', { hasText: code });
    await row.waitFor();
    const text = await row.innerText();
    for (const part of ['Lee Mail', 'Customs code suspended', 'E-mail', 'g***@example.com', 'Refused for good by the channel', '(1 attempt(s))', '550 5.1.1']) expect(text).toContain(part);
    expect(await row.getByRole('button', { name: 'Send the notice "Customs code suspended" to Lee Mail · E-mail again' }).isVisible()).toBe(true);
    await snap(page, 'desktop', 'admin-holder-notices-en');
    await section.screenshot({ path: path.join(SCREENSHOTS, 'admin-holder-notices-en-section.png') });
    expect(errors).toEqual([]);
    await close();
  });

  test('a notice to the former address after a change of contact says so, in Korean and English', async () => {
    // The holder changes the e-mail address from one the mail server refuses: the change's notice to the old one is given up.
    const code = await registerHolder(t, officer.token, '박이전', '010-7777-8888', 'gone.park@example.com');
    const token = await consumerSessionOn(t, code);
    await changeEmailAs(t, code, token, 'park.new@example.com', '371604');
    for (const [lang, parts] of [
      ['ko', ['박이전', '알림 전자우편 주소 변경', 'g***@example.com', '이전 주소로 보낸 알림']],
      ['en', ['E-mail address for notices changed', 'g***@example.com', 'sent to the former address']],
    ] as const) {
      const { page, errors, close } = await adminPage(lang);
      const section = page.getByTestId('admin-holder-notices');
      const row = section.getByTestId('admin-notice-table').locator('tbody tr', { hasText: code });
      await row.waitFor();
      const text = await row.innerText();
      for (const part of parts) expect(text).toContain(part);
      expect(await row.getByTestId('notice-former-contact').count()).toBe(1);
      await section.screenshot({ path: path.join(SCREENSHOTS, `admin-holder-notices-former-${lang}-section.png`) });
      expect(errors).toEqual([]);
      await close();
    }
  });

  test('given up on an address the holder has since replaced: "현재 주소로 다시 보냅니다" / "Will be sent to the current address" before the click, and sent there', async () => {
    // The suspend's e-mail refused at gone.choi@… (given up); then the holder changes the address to choi.new@….
    const code = await refusedNotice('최바꿈', '010-7777-9999', 'gone.choi@example.com');
    const token = await consumerSessionOn(t, code);
    await changeEmailAs(t, code, token, 'choi.new@example.com', '590217');
    const toNew = () => smtp.messages.filter((m) => m.to.includes('choi.new@example.com')).length;
    const sentBefore = toNew();
    for (const [lang, suspended, changed, note] of [
      ['ko', '개인통관고유부호 사용정지', '알림 전자우편 주소 변경', '현재 주소로 다시 보냅니다'],
      ['en', 'Customs code suspended', 'E-mail address for notices changed', 'Will be sent to the current address'],
    ] as const) {
      const { page, errors, close } = await adminPage(lang);
      const section = page.getByTestId('admin-holder-notices');
      const rows = section.getByTestId('admin-notice-table').locator('tbody tr', { hasText: code });
      // The suspend's notice: to the current address (masked c***), said so; the change's notice to the former address: not.
      const suspendRow = rows.filter({ hasText: suspended });
      await suspendRow.waitFor();
      expect(await suspendRow.innerText()).toContain('c***@example.com');
      expect(await suspendRow.getByTestId('notice-requeue-current').innerText()).toBe(note);
      const formerRow = rows.filter({ hasText: changed });
      expect(await formerRow.getByTestId('notice-former-contact').count()).toBe(1);
      expect(await formerRow.getByTestId('notice-requeue-current').count()).toBe(0);
      await section.screenshot({ path: path.join(SCREENSHOTS, `admin-holder-notices-current-${lang}-section.png`) });
      if (lang === 'en') {
        await suspendRow.getByRole('button').click();
        await suspendRow.waitFor({ state: 'detached' });
        await t.platform.pcccChangeNotices.drain();
        await until(async () => toNew(), (n) => n === sentBefore + 1, 'the suspend notice sent to the current address');
      }
      expect(errors).toEqual([]);
      await close();
    }
  });
});
