// The portal read by a real user in each language: every page a user can reach (public, the
// consumer area, the officer's workbench, risk, exchange, the operator console) is opened first in
// English, then in Korean, and its visible text (document.body.innerText) is read. In English no
// Hangul may show but data (read from the same API answers: names, addresses, item descriptions)
// and the few Korean terms we show on purpose (ALLOWED_HANGUL); in Korean no raw English identifier
// (an enum value, a snake_case or UPPER_CASE code without its text, an English month), but those in
// ALLOWED_IDENTIFIERS. A missing message key logs `missing message: …`, which watchErrors catches.
// Screenshots of a few English pages: test-results/screenshots/lang-en-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { api, launchBrowser, newContext, SCREENSHOTS, seedPortal, signInEverywhere, snap, startPlatform, trackRequests, until, waitForQuiet, watchErrors, type Platform } from './support.ts';

let platform: Platform;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
let officer: { token: string };
let sampleCargoNo = '';
let held: { id: number; cargoNo: string };
let consumerToken = '';
let adminSession: unknown;
let receiptNo = '';
let consultationId = 0;
let consentId = '';

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  const data = await seedPortal(platform);
  officer = { token: data.adminToken };
  sampleCargoNo = platform.demo.sampleCargoNo;
  held = data.held;
  consumerToken = data.consumer.token;
  adminSession = data.adminSession;
  receiptNo = data.receiptNo;
  consultationId = data.consultationId;
  consentId = data.consentId;
  context = await newContext(browser, 'desktop');
  await signInEverywhere(context, data);
  page = await context.newPage();
  trackRequests(page);
  errors = watchErrors(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await platform?.stop();
});

type Lang = 'en' | 'ko';

/** Pages kept as screenshots in English (test-results/screenshots/lang-en-*.png). */
const SNAPPED = ['estimate held', 'officer declaration', 'operator scorecard'];

/** Waits for the page's data to arrive: no request in flight, no "Loading…" left. */
async function settle(): Promise<void> {
  await page.locator('h1').first().waitFor();
  await waitForQuiet(page);
  await until(() => page.locator('.loading').count(), (n) => n === 0, `the data of ${page.url()}`);
}

async function text(): Promise<string> {
  return page.evaluate(() => document.body.innerText);
}

/** Every page, with what a user does on it to see its results; returns the visible text by page. */
async function readAll(lang: Lang): Promise<Record<string, string>> {
  await page.goto(`${platform.url}/`);
  await page.evaluate((l) => localStorage.setItem('tonggwan.lang', l), lang);
  const out: Record<string, string> = {};
  const visit = async (name: string, path: string, act?: () => Promise<void>) => {
    await page.goto(`${platform.url}${path}`);
    await settle();
    if (act) await act();
    await settle();
    out[name] = await text();
    if (lang === 'en' && SNAPPED.includes(name)) await snap(page, 'desktop', `lang-en-${name.replace(/\s+/g, '-')}`);
  };
  await visit('home', '/');
  await visit('estimate taxed', '/estimate', async () => {
    await page.locator('select[name=category]').selectOption('shoes');
    await page.locator('input[name=price]').fill('250');
    await page.locator('form button[type=submit]').first().click();
    await page.getByTestId('estimate-total').waitFor();
  });
  await visit('estimate held', '/estimate', async () => {
    await page.locator('select[name=category]').selectOption('supplement');
    await page.locator('input[name=price]').fill('20');
    await page.locator('input[name=quantity]').fill('8');
    await page.locator('form button[type=submit]').first().click();
    await page.locator('#estimate-result').waitFor();
  });
  await visit('track', `/track?cargoNo=${sampleCargoNo}`, () => page.locator('.timeline-item').first().waitFor());
  await visit('track held', `/track?cargoNo=${held.cargoNo}`, () => page.locator('.timeline-item').first().waitFor());
  for (const dim of ['origin', 'route', 'category']) {
    await visit(`statistics ${dim}`, '/statistics', async () => {
      await page.getByTestId('query-time').waitFor();
      await page.locator(`input[name=dimension][value=${dim}]`).check();
      // The previous dimension's rows stay on screen, marked busy, until this one's arrive.
      await page.locator('.result-stack[aria-busy=false]').waitFor();
      await page.getByTestId('stats-table').locator('tbody tr').first().waitFor();
    });
  }
  await visit('me', '/me', () => page.getByTestId('my-count').waitFor());
  await visit('me consultation', '/me', async () => {
    await page.getByTestId('my-consultations').locator('.consult-row').first().click();
    await page.getByTestId('consult-messages').getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
  });
  await visit('me security', '/me/security');
  await visit('receipt', `/receipts/${receiptNo}`, () => page.getByTestId('receipt').waitFor());
  await visit('officer queue', '/officer', () => page.locator('.queue-item').first().waitFor());
  await visit('officer queue held', '/officer', async () => {
    await page.locator('.queue-item').first().waitFor();
    await page.locator('#queue-filter').selectOption('held');
    await page.getByTestId('queue-hold').first().waitFor();
  });
  await visit('officer declaration', `/officer/declarations/${held.id}`, () => page.locator('.party').first().waitFor());
  const partyHref = await page.locator('a[href*="/officer/parties/"]').first().getAttribute('href');
  if (partyHref) await visit('officer party', partyHref);
  await visit('risk rules', '/officer/risk/rules');
  await visit('risk performance', '/officer/risk/performance', () => page.getByTestId('performance-weeks').locator('tbody tr').first().waitFor());
  for (const tab of ['inbox', 'export', 'notices', 'partners']) await visit(`exchange ${tab}`, `/officer/risk/exchange?tab=${tab}`);
  await visit('consultations', '/officer/consultations');
  await visit('administration', '/officer/admin', () => page.getByTestId('admin-operator-table').waitFor());
  await visit('consultation thread', '/officer/consultations', async () => {
    await page.getByTestId(`consultation-${consultationId}`).click(); // its own: the demo's waiting ones come first
    await page.getByTestId('consult-messages').getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
  });
  await visit('demo mall', '/demo/mall');
  await visit('consent', `/consent/${consentId}`, () => page.getByTestId('consent-order').waitFor());
  const tabs = ['keys', 'submissions', 'declarations', 'webhooks', 'taxes', 'scorecard'];
  for (let i = 0; i < tabs.length; i++) {
    await visit(`operator ${tabs[i]}`, '/operator', async () => {
      await page.getByRole('tab').nth(i).click();
      await until(() => page.getByRole('tab').nth(i).getAttribute('aria-selected'), (v) => v === 'true', `the ${tabs[i]} tab`);
    });
  }
  // The text read, for a reviewer (test-results/languages-en.json, -ko.json).
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, `..`, `languages-${lang}.json`), JSON.stringify(out, null, 1));
  return out;
}

// ---- English: Hangul that is data, or shown on purpose ----

/**
 * Hangul runs of the data the pages show (names, addresses, item descriptions, operators, notes),
 * read from the same API answers, leaving out our own texts: a {ko, en} pair's `ko`, an event's
 * `nameKo`, an officer's `reason` (the page must pick its `reasonEn`).
 */
function dataHangul(json: unknown, into = new Set<string>()): Set<string> {
  const skip = new Set(['ko', 'nameKo', 'reason', 'reasons', 'lawRef', 'label']);
  const walk = (v: unknown): void => {
    if (typeof v === 'string') for (const h of hangulRuns(v)) into.add(h);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (!skip.has(k)) walk(x);
  };
  walk(json);
  return into;
}

/** Korean a reader of English sees on purpose, each with why. */
const ALLOWED_HANGUL: { page: RegExp; text: RegExp; why: string }[] = [
  { page: /./, text: /^한국어$/, why: 'the language switch names Korean in Korean' },
  { page: /^demo mall$/, text: /^보조배터리$/, why: "the demo shop's order: an item description as a seller types it (DemoMall.tsx)" },
];

function hangulRuns(s: string): string[] {
  return s.match(/[\uAC00-\uD7A3]+/g) ?? [];
}

// ---- Korean: raw identifiers ----

const ENUMS = [
  // statuses, routes, outcomes, roles, shipment modes, purposes (the API's values)
  'general', 'list', 'held', 'refused', 'released', 'declared', 'accepted', 'rejected', 'pending', 'draft', 'active', 'revoked', 'paid', 'overdue',
  'clean', 'undervalued', 'misclassified', 'prohibited', 'platform', 'seller', 'forwarder', 'courier', 'broker', 'consignee', 'system',
  'express', 'postal', 'personal', 'direct', 'forwarding', 'marketplace', 'officer', 'admin', 'operator', 'consumer', 'origin', 'route', 'category',
];
// what leaks from code and notes: an empty value printed, a marker left in a text
const LEAKS = ['undefined', 'null', 'NaN', 'true', 'false', 'UNCERTAIN', 'TODO', 'TBD'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan', 'Feb', 'Mar', 'Apr', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const IDENTIFIER = new RegExp(`(?<![\\w.-])(?:[a-z]+(?:_[a-z0-9]+)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+|${[...ENUMS, ...LEAKS, ...MONTHS].join('|')})(?![\\w-])`, 'g');

/** English a Korean reader sees on purpose, taken out of a line before it is looked at: codes beside their text, data, key prefixes. */
const ALLOWED_IDENTIFIERS: { part: RegExp; why: string }[] = [
  { part: / · [A-Z][A-Z0-9_]+$/, why: "a reason's code after its law reference or text (the .ref line), for the operator's and officer's look-ups" },
  { part: /^tgk_demo_\w+…/, why: 'the first characters of an API key, so the operator knows which key' },
  { part: /^열 예: [\w., ]+$/, why: "the CSV intake's example columns: the declaration's field paths, as an operator types them in a spreadsheet's header" },
  { part: /\(admin\)/, why: "the officer's user name in the header (data)" },
  { part: /\t(?:직원|운영자) [\w.-]+(?=\t)/, why: "an audit log row's actor: a staff username or an operator code (data)" },
  { part: / \([a-z][a-z_.-]*\)\t\S+(?: \([^\t]*\))?\t.*$/, why: "an audit log row's stored action code beside its Korean name, then its subject (with an operator's or staff member's name) and detail as recorded (administration page)" },
  { part: /\((?:thresholds|freight|categories|exclusions|quantityLimits|prohibited|excise|liquor|vat|fta)\)/, why: "a reference dataset's file name beside its Korean name (administration page)" },
];

function findHangul(texts: Record<string, string>, data: Set<string>): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [name, body] of Object.entries(texts)) {
    const bad = new Set<string>();
    for (const line of body.split('\n')) {
      const runs = hangulRuns(line).filter((h) => !data.has(h) && !ALLOWED_HANGUL.some((a) => a.page.test(name) && a.text.test(h)));
      if (runs.length) bad.add(`${runs.join(' ')} ← ${line.trim().slice(0, 160)}`);
    }
    if (bad.size) found[name] = [...bad];
  }
  return found;
}

function findIdentifiers(texts: Record<string, string>, data: { lines: Set<string>; usernames: string[] }): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [name, body] of Object.entries(texts)) {
    const bad = new Set<string>();
    for (const line of body.split('\n')) {
      if (data.lines.has(line.trim())) continue; // an audit entry's detail field as recorded (name, then value: data)
      // A staff account's row on the administration page starts with its username (data).
      const user = data.usernames.find((u) => line.startsWith(`${u}\t`));
      const rest = ALLOWED_IDENTIFIERS.reduce((l, a) => l.replace(a.part, ''), (user ? line.slice(user.length) : line).trim());
      const ids = [...rest.matchAll(IDENTIFIER)].map((m) => m[0]);
      if (ids.length) bad.add(`${ids.join(', ')} ← ${line.trim().slice(0, 160)}`);
    }
    if (bad.size) found[name] = [...bad];
  }
  return found;
}

async function dataOfPages(): Promise<Set<string>> {
  const token = officer.token;
  const get = async (p: string, t?: string) => (await api<unknown>(platform.url, p, t ? { token: t } : {})).body;
  const data = new Set<string>();
  for (const p of [
    '/api/v1/officer/work-queue?limit=50',
    '/api/v1/officer/work-queue?status=held&limit=50',
    `/api/v1/declarations/${held.id}`,
    `/api/v1/officer/declarations/${held.id}/parties`,
    `/api/v1/officer/declarations/${held.id}/risk`,
  ])
    dataHangul(await get(p, token), data);
  for (const c of [sampleCargoNo, held.cargoNo]) dataHangul(await get(`/api/v1/lookup/cargo/${c}`), data);
  dataHangul(await get('/api/v1/officer/consultations', token), data);
  dataHangul(await get(`/api/v1/officer/consultations/${consultationId}`, token), data);
  for (const p of ['/api/v1/consumer/declarations', '/api/v1/consumer/ledger', '/api/v1/consumer/consultations']) dataHangul(await get(p, consumerToken), data);
  dataHangul(adminSession, data);
  dataHangul(await get('/api/v1/admin/operators', token), data); // operator names on the administration page
  dataHangul(await get('/api/v1/admin/users', token), data); // staff display names on the administration page
  // the audit log's details as recorded (names, notes), not its action names (those are text)
  dataHangul(((await get('/api/v1/admin/audit?limit=25', token)) as { entries: { detail: unknown }[] }).entries.map((e) => e.detail), data);
  dataHangul(await get('/api/v1/tax-notices?limit=50', platform.demo.apiKeys.MALLTAIL!), data);
  dataHangul(await get(`/api/v1/consent/${consentId}`), data);
  return data;
}

describe('the portal in one language at a time', () => {
  test('English: no Korean but data and the terms shown on purpose', async () => {
    const english = await readAll('en');
    const found = findHangul(english, await dataOfPages());
    if (Object.keys(found).length) console.log(JSON.stringify(found, null, 1));
    expect(found).toEqual({});
    expect(errors).toEqual([]);
  });

  test('Korean: no raw English identifiers', async () => {
    const korean = await readAll('ko');
    const get = async (p: string) => (await api<unknown>(platform.url, p, { token: officer.token })).body;
    // What the administration page shows as recorded: each audit detail field as its line, and the staff usernames.
    const entries = ((await get('/api/v1/admin/audit?limit=25')) as { entries: { detail: unknown }[] }).entries;
    const lines = new Set(
      entries.flatMap((e) => (e.detail && typeof e.detail === 'object' && !Array.isArray(e.detail) ? Object.entries(e.detail).map(([k, v]) => `${k} ${typeof v === 'string' ? v : JSON.stringify(v)}`) : [])),
    );
    const usernames = ((await get('/api/v1/admin/users')) as { users: { username: string }[] }).users.map((u) => u.username);
    const found = findIdentifiers(korean, { lines, usernames });
    if (Object.keys(found).length) console.log(JSON.stringify(found, null, 1));
    expect(found).toEqual({});
    expect(errors).toEqual([]);
  });
});
