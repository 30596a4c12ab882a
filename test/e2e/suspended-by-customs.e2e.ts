// /me/security in real Chromium for a holder whose code customs suspended ex officio (직권 사용정지):
// only customs lifts it, so the page says so and offers no Resume or Reissue (before: both buttons,
// each answering 403 PCCC_NOT_ACTIVE when clicked). The holder's own suspension keeps its Resume; its
// success text says other devices were signed out only when there were some.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, consumerToken, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, newContext, signInAs, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let officer = '';
let code = '';
const HOLDER = { name: '한지우', phone: '010-5512-7788', postcode: '34126' };
const REASON = '도용 의심 신고 (suspected misuse reported)';

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  officer = (await t.officer('suspend-desk')).token;
  const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer, body: { name: HOLDER.name, phone: HOLDER.phone, postcodes: [HOLDER.postcode] } });
  expect(issued.status).toBe(201);
  code = issued.body.pccc as string;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The holder's phone, signed in with a one-time code (a suspended code still signs its holder in). */
async function holderPage(lang: 'ko' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[]; token: string }> {
  const token = await consumerToken(t.base, code, HOLDER.name, HOLDER.phone, HOLDER.postcode);
  const context = await newContext(browser, 'phone');
  await signInAs(context, 'consumer', { token, pccc: code, expiresAt: new Date(Date.now() + 3_600_000).toISOString(), method: 'otp' });
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  const page = await context.newPage();
  return { context, page, errors: watchErrors(page), token };
}

describe('a code customs suspended', () => {
  test('the page says only customs lifts it, keeps the reason and offers neither Resume nor Reissue', async () => {
    const s = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer, body: { reason: REASON } });
    expect(s.body.status).toBe('suspended');
    for (const [lang, note, resume, reissue] of [
      ['ko', '세관이 직권으로 정지한 부호입니다', '정지 해제', '재발급'],
      ['en', 'Customs suspended this code ex officio', 'Resume', 'Reissue'],
    ] as const) {
      const { context, page, errors, token } = await holderPage(lang);
      await page.goto(`${t.base}/me/security`);
      const reason = page.getByTestId('own-status-reason');
      await reason.waitFor();
      expect(await reason.textContent()).toBe(REASON);
      // Before: both buttons, each refused with 403 PCCC_NOT_ACTIVE.
      expect(await page.getByRole('button', { name: resume, exact: true }).count()).toBe(0);
      expect(await page.getByRole('button', { name: reissue, exact: true }).count()).toBe(0);
      expect(await page.getByTestId('reissue').count()).toBe(0);
      expect(await page.getByTestId('suspend').count()).toBe(0);
      const said = page.getByTestId('suspended-by-customs');
      expect(await said.textContent()).toContain(note);
      expect(await said.textContent()).toContain('125');
      await snap(page, 'phone', `identity-suspended-by-customs-${lang}`);
      expect(errors).toEqual([]);
      await context.close();
      // Signed out, so the next test's phone is the holder's only session.
      expect((await api(t.base, 'POST', '/api/v1/auth/sign-out', { token })).status).toBe(204);
    }
  });

  test('the holder’s own suspension keeps Resume and Reissue; "other devices signed out" only when some were', async () => {
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/resume`, { token: officer, body: {} })).body.status).toBe('active');
    const { context, page, errors } = await holderPage('ko');
    await page.goto(`${t.base}/me/security`);
    const changed = page.getByTestId('code-changed');
    const suspend = async () => {
      const confirmed = new Promise<void>((resolve) => page.once('dialog', (d) => void d.accept().then(resolve)));
      await page.getByTestId('suspend').click();
      await confirmed;
      await changed.getByText('사용정지했습니다', { exact: false }).waitFor();
    };
    // Signed in on this phone only: nothing else was signed out, and the page does not say so.
    await suspend();
    expect(await changed.textContent()).not.toContain('로그아웃');
    expect(await page.getByTestId('suspended-by-customs').count()).toBe(0);
    await page.getByTestId('reissue').waitFor();
    // The reason in the reader's language (before: '본인 요청 (consumer request)', the stored words, in both).
    const reason = page.getByTestId('own-status-reason');
    expect(await reason.textContent()).toBe('본인 요청');
    await page.getByRole('button', { name: /English/ }).click();
    await reason.getByText('At your request', { exact: true }).waitFor();
    await page.getByRole('button', { name: /한국어/ }).click();
    await reason.getByText('본인 요청', { exact: true }).waitFor();
    await snap(page, 'phone', 'identity-suspended-by-holder');
    await page.getByRole('button', { name: '정지 해제', exact: true }).click();
    await changed.getByText('사용정지를 해제했습니다', { exact: false }).waitFor();
    // Signed in on a laptop too: that one is signed out, and the page says so.
    const laptop = await consumerToken(t.base, code, HOLDER.name, HOLDER.phone, HOLDER.postcode);
    await suspend();
    expect(await changed.textContent()).toContain('다른 기기는 모두 로그아웃되었습니다');
    expect((await api(t.base, 'GET', '/api/v1/me', { token: laptop })).status).toBe(401);
    await page.getByRole('button', { name: '정지 해제', exact: true }).click();
    await changed.getByText('사용정지를 해제했습니다', { exact: false }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
