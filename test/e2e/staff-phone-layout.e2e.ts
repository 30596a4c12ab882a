// The staff pages on a phone (390×844), in real Chromium, signed in with the demo logins (officer /
// tonggwan-officer, admin / tonggwan-admin) on a platform seeded with the demo data, plus a security notice
// given up: the work queue, a held declaration, a party's profile, the risk rules (and a draft's dry run) and performance, the four
// tabs of the risk-information exchange, the misuse reports, the consultations (and a thread) and the administration
// (an operator's keys opened; a reference file with faults, then a good one), each in Korean and in English. Nothing scrolls sideways: not the page, not
// a table's scroll box (scrollWidth − clientWidth is 0 for each); a table that lists records is a card per
// record on a phone, each line named by its column (data-label). On a desktop the tables stay tables.
// Screenshots: test-results/screenshots/staff-phone-390-<page>-<lang>-phone.png (the whole page; the 390 px phone, not
// support.ts's 360 px one) and staff-phone-390-<page>-<lang>-card-<n>.png (the first card of each table of cards).
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { registerHolder } from '../support/holder-notices.ts';
import { launchBrowser, SCREENSHOTS, snap } from './support.ts';
import { openStaffPage } from './admin-session.ts';

let t: TestPlatform;
let browser: Browser;
let admin: unknown;
let officer: unknown;
let held = 0;
let party = '';
let tariffUploads = 0;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform({ seedDemo: true, demoDeclarations: 120 }), launchBrowser()]);
  const signIn = async (username: string, password: string) => (await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username, password } })).body;
  admin = await signIn('admin', 'tonggwan-admin');
  officer = await signIn('officer', 'tonggwan-officer');
  const token = (officer as { token: string }).token;
  const q = await api(t.base, 'GET', '/api/v1/officer/work-queue?status=held&limit=5', { token });
  held = q.body.declarations[0].id;
  const parties = await api(t.base, 'GET', `/api/v1/officer/declarations/${held}/parties`, { token });
  expect(parties.status).toBe(200);
  // A security notice the platform gave up on (the mail server refused the address, ten attempts), for the administration's list.
  const code = await registerHolder(t, token, '김메일', '010-3333-4444', 'gone.kim@example.com');
  expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token, body: { reason: '부정 사용 의심' } })).status).toBe(200);
  await t.platform.pcccChangeNotices.drain();
  const dead = await t.db.pool.query(
    `UPDATE pccc_change_notices SET status = 'dead', attempts = 10, last_error = '550 5.1.1 <gone.kim@example.com>: Recipient address rejected: mailbox unavailable' WHERE pccc = $1 AND channel = 'email'`,
    [code],
  );
  expect(dead.rowCount).toBe(1);
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** How far the page and each table's scroll box scroll sideways (only those that do), any other box that scrolls sideways or cuts its text off, and the cells of a table of cards without their column's name. */
function sideways(page: Page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    const boxes: Record<string, number> = {};
    for (const box of Array.from(document.querySelectorAll<HTMLElement>('.table-scroll'))) {
      const over = box.scrollWidth - box.clientWidth;
      if (over > 0) boxes[box.querySelector('table')?.getAttribute('data-testid') ?? box.getAttribute('aria-label') ?? '?'] = over;
    }
    // Any other box of the page that scrolls sideways or cuts its text off (overflow auto, scroll or hidden; an ellipsis).
    const other: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *'))) {
      if (el.matches('.table-scroll') || el.closest('.visually-hidden, .table-scroll thead')) continue;
      const style = getComputedStyle(el);
      const boxed = ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
      if (boxed && el.scrollWidth > el.clientWidth + 1) other.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth - el.clientWidth} px: ${(el.textContent ?? '').slice(0, 40)}`);
    }
    // A card's line says what it is: each cell with text names its column (a cell of buttons alone need not).
    const unnamed = Array.from(document.querySelectorAll<HTMLElement>('.table-cards tbody td:not([data-label])'))
      .filter((td) => Array.from(td.childNodes).some((n) => (n.nodeType === Node.TEXT_NODE ? n.textContent!.trim() !== '' : !(n as Element).matches('button, .button-row, [data-testid=notice-requeue-current]'))) && !td.hasAttribute('colspan'))
      .map((td) => td.textContent!.slice(0, 40));
    return { page: doc.scrollWidth - doc.clientWidth, boxes, other, unnamed };
  });
}

interface StaffPageCase {
  name: string;
  path: () => string;
  who: 'admin' | 'officer';
  /** What shows once the page has its data. */
  ready: (page: Page) => Promise<unknown>;
}

const tables = (...ids: string[]) => (page: Page) => Promise.all(ids.map((id) => page.getByTestId(id).locator('tbody tr').first().waitFor()));

const PAGES: StaffPageCase[] = [
  { name: 'queue', path: () => '/officer', who: 'officer', ready: (p) => p.locator('.queue-item').first().waitFor() },
  { name: 'declaration', path: () => `/officer/declarations/${held}`, who: 'officer', ready: (p) => p.locator('section[aria-labelledby=sec-items] tbody tr').first().waitFor() },
  {
    name: 'party',
    path: () => `/officer/declarations/${held}`,
    who: 'officer',
    ready: async (p) => {
      party = (await p.locator('a[href*="/officer/parties/"]').first().getAttribute('href'))!;
      await p.goto(`${t.base}${party}`);
      await p.locator('h1').waitFor();
      await p.waitForLoadState('networkidle');
    },
  },
  { name: 'rules', path: () => '/officer/risk/rules', who: 'admin', ready: (p) => p.waitForLoadState('networkidle') },
  {
    name: 'rules-dry-run',
    path: () => '/officer/risk/rules',
    who: 'admin',
    ready: async (p) => {
      // A draft from the latest version, tried on past parcels: the dry run's table of rules.
      await p.getByRole('button', { name: /최신 버전으로 초안 만들기|New draft from the latest version/ }).click();
      await p.getByTestId('rule-draft-editor').getByRole('button', { name: /^(모의 적용|Dry run)$/ }).click();
      await p.getByTestId('dry-run').locator('tbody tr').first().waitFor();
    },
  },
  {
    name: 'consultation',
    path: () => '/officer/consultations',
    who: 'officer',
    ready: async (p) => {
      // The first consultation of the inbox opened: its thread.
      await p.locator('button.consult-row').first().click();
      await p.getByTestId('consult-messages').waitFor();
      await p.waitForLoadState('networkidle');
    },
  },
  { name: 'performance', path: () => '/officer/risk/performance', who: 'officer', ready: tables('performance-weeks', 'risk-models') },
  ...['inbox', 'export', 'notices', 'partners'].map((tab) => ({ name: `exchange-${tab}`, path: () => `/officer/risk/exchange?tab=${tab}`, who: 'admin' as const, ready: (p: Page) => p.waitForLoadState('networkidle') })),
  { name: 'misuse', path: () => '/officer/misuse-cases', who: 'officer', ready: tables('misuse-cases') },
  { name: 'consultations', path: () => '/officer/consultations', who: 'officer', ready: (p) => p.waitForLoadState('networkidle') },
  {
    name: 'admin',
    path: () => '/officer/admin',
    who: 'admin',
    ready: async (p) => {
      await tables('admin-notice-table', 'admin-staff-table', 'admin-operator-table', 'admin-reference-in-force', 'admin-reference-corrections', 'admin-audit-table')(p);
      // An operator's keys opened under its row.
      await p.getByTestId('admin-operator-table').locator('tbody tr').first().getByRole('button').click();
      await p.locator('[data-testid^=admin-keys-] tbody tr').first().waitFor();
    },
  },
  {
    name: 'admin-upload',
    path: () => '/officer/admin',
    who: 'admin',
    ready: async (p) => {
      // A file of reference data with faults (its table of faults by line), then a good one (the table of uploads).
      const form = p.locator('form', { has: p.getByRole('heading', { name: /기준 자료 올리기|Load reference data/ }) });
      const csv = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await form.locator('select[name=kind]').selectOption('exchange-rates');
      await form.locator('input[name=file]').setInputFiles(csv('rates.csv', 'weekStart,currency,rate\n2026-12-13,USD,1385x\n2026-12-13,XYZ,100\n'));
      await form.locator('button[type=submit]').click();
      await p.getByTestId('admin-reference-errors').locator('tbody tr').first().waitFor();
      const faults = await sideways(p);
      await form.locator('select[name=kind]').selectOption('tariff');
      // Its own date each time (the same file loaded a second time, by the English run, was not stored: no 'stored' within 30 s).
      const from = `2026-12-${20 + tariffUploads++}`;
      await form.locator('input[name=file]').setInputFiles(csv('tariff.csv', `effectiveFrom,hs,basic,ko,en\n${from},6109101000,0.13,면 티셔츠,Cotton T-shirts\n`));
      await form.locator('button[type=submit]').click();
      await form.getByTestId('admin-reference-stored').waitFor();
      await p.getByTestId('admin-reference-uploads').locator('tbody tr').first().waitFor();
      // The faults' table measured while it was shown, before the good file.
      expect(faults).toEqual({ page: 0, boxes: {}, other: [], unnamed: [] });
    },
  },
];

describe('the staff pages on a 390 px phone: nothing to scroll sideways', () => {
  for (const lang of ['ko', 'en'] as const) {
    for (const c of PAGES) {
      test(`${c.name}, in ${lang === 'ko' ? 'Korean' : 'English'}`, async () => {
        const { page, errors, close } = await openStaffPage(browser, t.base, c.who === 'admin' ? admin : officer, lang, c.path(), 'phone');
        try {
          await page.setViewportSize({ width: 390, height: 844 });
          await c.ready(page);
          await snap(page, 'phone', `staff-phone-390-${c.name}-${lang}`);
          // The first card of each table of cards, as a reader sees it on the screen.
          const cards = page.locator('.table-cards tbody tr:first-child');
          for (let i = 0; i < (await cards.count()); i++) await cards.nth(i).screenshot({ path: path.join(SCREENSHOTS, `staff-phone-390-${c.name}-${lang}-card-${i + 1}.png`) });
          expect(await sideways(page)).toEqual({ page: 0, boxes: {}, other: [], unnamed: [] });
          expect(errors).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }

  test('on a desktop (1280 px) the lists stay tables: their headings shown, a row a line', async () => {
    const { page, close } = await openStaffPage(browser, t.base, admin, 'en', '/officer/admin', 'desktop');
    try {
      await tables('admin-notice-table', 'admin-staff-table', 'admin-operator-table', 'admin-audit-table')(page);
      const displays = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLElement>('.table-cards')).map((table) => [getComputedStyle(table).display, getComputedStyle(table.querySelector('thead')!).position, getComputedStyle(table.querySelector('tbody tr')!).display]),
      );
      expect(displays.length).toBeGreaterThan(0);
      for (const d of displays) expect(d).toEqual(['table', 'static', 'table-row']);
    } finally {
      await close();
    }
  });
});
