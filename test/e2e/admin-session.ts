// The administration page as the browser tests open it (admin-console, holder-notices-admin,
// staff-accounts, payments-admin, refunds-due): an administrator made on the test platform and signed in, and a
// desktop page opened with that session in a language, its errors watched.
import type { Browser, Page } from 'playwright-core';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { newContext, watchErrors, type ViewportName } from './support.ts';

/** A new administrator `username` (its password pw-<username>, as TestPlatform.officer makes it), signed in: POST /api/v1/auth/sign-in's answer, the session the portal keeps. */
export async function newAdminSession(t: TestPlatform, username: string): Promise<unknown> {
  await t.officer(username, 'admin');
  return (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username, password: `pw-${username}` } })).body;
}

export interface StaffPage {
  page: Page;
  /** The page's errors and console errors (watchErrors). */
  errors: string[];
  close: () => Promise<void>;
}

/**
 * A page at `path` (the administration page unless said) in `lang`, on a desktop unless said, signed in
 * with the staff `session` as the tab keeps it (sessionStorage tonggwan.officer); null: signed out.
 */
export async function openStaffPage(browser: Browser, base: string, session: unknown, lang: 'ko' | 'en', path = '/officer/admin', viewport: ViewportName = 'desktop'): Promise<StaffPage> {
  const context = await newContext(browser, viewport);
  await context.addInitScript(
    ([s, l]) => {
      if (s) sessionStorage.setItem('tonggwan.officer', s);
      localStorage.setItem('tonggwan.lang', l!);
    },
    [session === null ? '' : JSON.stringify(session), lang],
  );
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(`${base}${path}`);
  return { page, errors, close: () => context.close() };
}
