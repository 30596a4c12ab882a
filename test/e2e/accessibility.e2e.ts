// Accessibility of the portal in real Chromium, checked by axe-core (KWCAG 2.2 follows WCAG 2.x AA):
// every page a user can reach (public, consumer, operator, officer, administrator), signed in and
// signed out, with its results and its form errors shown, in Korean on a desktop, a sample in
// English, and the consumer pages on a phone (375×812). axe-core's own bundle is injected into each
// page (no network) and run with the WCAG 2.0/2.1/2.2 A and AA rules and its best practices; a
// violation of impact serious or critical fails the test and is printed with its rule, the failing
// elements and the rule's help. All findings (moderate and minor too, and what axe leaves to a
// person to review) go to test-results/accessibility.json. Then the main flows by keyboard alone: Tab to the control, Enter
// to submit, with a visible focus on every stop. Screenshots: test-results/screenshots/a11y-*.png.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  axeResults,
  focusVisible,
  launchBrowser,
  newContext,
  SCREENSHOTS,
  seedPortal,
  signInEverywhere,
  snap,
  startPlatform,
  trackRequests,
  until,
  waitForQuiet,
  watchErrors,
  type AxeViolation,
  type Platform,
  type PortalData,
  type ViewportName,
} from './support.ts';

let platform: Platform;
let browser: Browser;
let data: PortalData;

type Lang = 'ko' | 'en';
interface Finding extends AxeViolation {
  page: string;
  lang: Lang;
  viewport: ViewportName;
}
const findings: Finding[] = [];
/** What axe could not decide alone (e.g. the contrast of text over an image), for a person to review. */
const review: Finding[] = [];

beforeAll(async () => {
  [platform, browser] = await Promise.all([startPlatform(), launchBrowser()]);
  data = await seedPortal(platform);
});

afterAll(async () => {
  // Every finding, moderate and minor too, for a reviewer.
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.writeFileSync(path.join(SCREENSHOTS, '..', 'accessibility.json'), JSON.stringify({ violations: findings, needsReview: review }, null, 1));
  await browser?.close();
  await platform?.stop();
});

const SEVERE = new Set(['serious', 'critical']);
/** Some forty pages opened, acted on and checked one after another: longer than one browser test's default. */
const PAGES_TIMEOUT = 400_000;

function describeFindings(list: Finding[]): string {
  return list
    .map((f) => `${f.page} [${f.lang}, ${f.viewport}] ${f.rule} (${f.impact}): ${f.help}\n    ${f.targets.slice(0, 5).join('\n    ')}${f.targets.length > 5 ? `\n    … ${f.targets.length - 5} more` : ''}`)
    .join('\n');
}

/** Waits for the page's data to arrive: a heading, no request in flight, no "Loading…" left. */
async function settle(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor();
  await waitForQuiet(page);
  await until(() => page.locator('.loading').count(), (n) => n === 0, `the data of ${page.url()}`);
}

interface Visit {
  name: string;
  path: string;
  /** What a user does on the page to see its results (or its errors). */
  act?: (page: Page) => Promise<void>;
  /** A consumer's page: checked on the phone too. */
  consumer?: boolean;
  /** In the English sample. */
  english?: boolean;
}

const submit = (page: Page) => page.locator('form button[type=submit]').first().click();

/** The pages with a session for each kind of user (signInEverywhere). */
function signedInPages(): Visit[] {
  const held = data.held;
  return [
    { name: 'home', path: '/', consumer: true, english: true },
    { name: 'estimate', path: '/estimate', consumer: true },
    {
      name: 'estimate errors',
      path: '/estimate',
      consumer: true,
      act: async (page) => {
        await page.locator('input[name=price]').fill('');
        await submit(page);
        await page.locator('[aria-invalid=true]').first().waitFor();
      },
    },
    {
      name: 'estimate taxed',
      path: '/estimate',
      consumer: true,
      english: true,
      act: async (page) => {
        await page.locator('select[name=category]').selectOption('shoes');
        await page.locator('input[name=price]').fill('250');
        await submit(page);
        await page.getByTestId('estimate-total').waitFor();
      },
    },
    {
      name: 'estimate held',
      path: '/estimate',
      act: async (page) => {
        await page.locator('select[name=category]').selectOption('supplement');
        await page.locator('input[name=price]').fill('20');
        await page.locator('input[name=quantity]').fill('8');
        await submit(page);
        await page.locator('#estimate-result').waitFor();
      },
    },
    { name: 'track', path: '/track', consumer: true },
    {
      name: 'track errors',
      path: '/track',
      act: async (page) => {
        await submit(page);
        await page.locator('[aria-invalid=true]').first().waitFor();
      },
    },
    { name: 'track result', path: `/track?cargoNo=${platform.demo.sampleCargoNo}`, consumer: true, act: (page) => page.locator('.timeline-item').first().waitFor() },
    { name: 'track held', path: `/track?cargoNo=${held.cargoNo}`, consumer: true, english: true, act: (page) => page.locator('.timeline-item').first().waitFor() },
    { name: 'track none', path: '/track?cargoNo=99TGW9999999999', act: (page) => page.getByTestId('track-none').waitFor() },
    { name: 'statistics', path: '/statistics', consumer: true, english: true, act: (page) => page.getByTestId('query-time').waitFor() },
    {
      name: 'statistics category',
      path: '/statistics',
      act: async (page) => {
        await page.getByTestId('query-time').waitFor();
        await page.locator('input[name=dimension][value=category]').check();
        // The previous dimension's rows stay on screen, marked busy, until this one's arrive.
        await page.locator('.result-stack[aria-busy=false]').waitFor();
        await page.getByTestId('stats-table').locator('tbody tr').first().waitFor();
      },
    },
    { name: 'me', path: '/me', consumer: true, english: true, act: (page) => page.getByTestId('my-count').waitFor() },
    {
      name: 'me pay form',
      path: '/me',
      consumer: true,
      act: async (page) => {
        await page.getByTestId('my-count').waitFor();
        await page.getByTestId('tax-notices').getByRole('button', { name: /납부하기$|^Pay/ }).first().click();
        await page.locator('input[name=cardNumber]').fill('12');
        await page.locator('.pay-form button[type=submit]').click();
        await page.locator('input[name=cardNumber][aria-invalid=true]').waitFor();
      },
    },
    {
      name: 'me consultation',
      path: '/me',
      consumer: true,
      act: async (page) => {
        await page.getByTestId('my-consultations').locator('.consult-row').first().click();
        await page.getByTestId('consult-messages').getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
      },
    },
    { name: 'me security', path: '/me/security', consumer: true },
    { name: 'receipt', path: `/receipts/${data.receiptNo}`, consumer: true, act: (page) => page.getByTestId('receipt').waitFor() },
    { name: 'consent', path: `/consent/${data.consentId}`, consumer: true, english: true, act: (page) => page.getByTestId('consent-order').waitFor() },
    { name: 'demo mall', path: '/demo/mall' },
    { name: 'not found', path: '/no-such-page' },
    { name: 'officer queue', path: '/officer', act: (page) => page.locator('.queue-item').first().waitFor() },
    {
      name: 'officer queue held',
      path: '/officer',
      act: async (page) => {
        await page.locator('.queue-item').first().waitFor();
        await page.locator('#queue-filter').selectOption('held');
        await page.getByTestId('queue-hold').first().waitFor();
      },
    },
    { name: 'officer declaration', path: `/officer/declarations/${held.id}`, english: true, act: (page) => page.locator('.party').first().waitFor() },
    {
      name: 'officer declaration errors',
      path: `/officer/declarations/${held.id}`,
      act: async (page) => {
        await page.locator('.party').first().waitFor();
        await page.locator('input[name=action][value=reject]').check();
        await page.locator('form:has(textarea[name=reason]) button[type=submit]').click();
        await page.locator('textarea[name=reason][aria-invalid=true]').waitFor();
      },
    },
    { name: 'officer party', path: '/officer/party-of-held' },
    { name: 'risk rules', path: '/officer/risk/rules' },
    { name: 'risk performance', path: '/officer/risk/performance', act: (page) => page.getByTestId('performance-weeks').locator('tbody tr').first().waitFor() },
    ...['inbox', 'export', 'notices', 'partners'].map((tab) => ({ name: `exchange ${tab}`, path: `/officer/risk/exchange?tab=${tab}`, english: tab === 'inbox' })),
    { name: 'consultations', path: '/officer/consultations' },
    { name: 'administration', path: '/officer/admin', english: true, act: (page) => page.getByTestId('admin-operator-table').waitFor() },
    {
      name: 'consultation thread',
      path: '/officer/consultations',
      act: async (page) => {
        await page.getByTestId(`consultation-${data.consultationId}`).click(); // its own: the demo's waiting ones come first
        await page.getByTestId('consult-messages').getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
      },
    },
    ...['keys', 'submissions', 'declarations', 'webhooks', 'taxes', 'scorecard'].map((tab, i) => ({
      name: `operator ${tab}`,
      path: '/operator',
      english: tab === 'scorecard',
      act: async (page: Page) => {
        await page.getByRole('tab').nth(i).click();
        await until(() => page.getByRole('tab').nth(i).getAttribute('aria-selected'), (v) => v === 'true', `the ${tab} tab`);
      },
    })),
  ];
}

/** The same pages before signing in: the sign-in forms, empty and with their errors. */
function signedOutPages(): Visit[] {
  return [
    { name: 'me sign-in', path: '/me', consumer: true, english: true },
    {
      name: 'me sign-in errors',
      path: '/me',
      consumer: true,
      act: async (page) => {
        await page.locator('form:has(input[name=pccc]) button[type=submit]').click();
        await page.locator('input[name=pccc][aria-invalid=true]').waitFor();
      },
    },
    {
      name: 'me sign-in code',
      path: '/me',
      consumer: true,
      act: async (page) => {
        const c = platform.demo.consumer;
        await page.locator('input[name=pccc]').fill(c.pccc);
        await page.locator('input[name=name]').fill(c.name);
        await page.locator('input[name=phone]').fill(c.phone);
        await page.locator('input[name=postcode]').fill(c.postcode);
        await page.locator('form:has(input[name=pccc]) button[type=submit]').click();
        await page.getByTestId('demo-sms').waitFor();
      },
    },
    { name: 'me security signed out', path: '/me/security', consumer: true },
    { name: 'officer sign-in', path: '/officer', english: true },
    {
      name: 'officer sign-in refused',
      path: '/officer',
      act: async (page) => {
        await page.locator('input[name=username]').fill('officer');
        await page.locator('input[name=password]').fill('wrong-password');
        await submit(page);
        await page.getByRole('alert').waitFor();
      },
    },
    { name: 'risk rules signed out', path: '/officer/risk/rules' },
    { name: 'exchange signed out', path: '/officer/risk/exchange' },
    { name: 'consultations signed out', path: '/officer/consultations' },
    { name: 'operator sign-in', path: '/operator' },
    {
      name: 'operator sign-in refused',
      path: '/operator',
      act: async (page) => {
        await page.locator('input[name=apiKey]').fill('tgk_nonsense');
        await submit(page);
        await page.getByRole('alert').waitFor();
      },
    },
  ];
}

/** Opens each page in a fresh tab of the context, does what the visit says, and runs axe on what shows. */
async function checkPages(context: BrowserContext, lang: Lang, viewport: ViewportName, visits: Visit[]): Promise<{ severe: Finding[]; errors: string[] }> {
  const page = await context.newPage();
  trackRequests(page);
  const errors = watchErrors(page);
  await page.goto(`${platform.url}/`);
  await page.evaluate((l) => localStorage.setItem('tonggwan.lang', l), lang);
  const severe: Finding[] = [];
  for (const v of visits) {
    let target = v.path;
    if (target === '/officer/party-of-held') {
      // The party page of the held parcel's first party, as an officer reaches it from the declaration.
      await page.goto(`${platform.url}/officer/declarations/${data.held.id}`);
      await page.locator('.party').first().waitFor();
      target = (await page.locator('a[href*="/officer/parties/"]').first().getAttribute('href'))!;
    }
    await page.goto(`${platform.url}${target}`);
    await settle(page);
    if (v.act) await v.act(page);
    await settle(page);
    expect(await page.locator('html').getAttribute('lang'), `html lang on ${v.name}`).toBe(lang);
    const { violations, incomplete } = await axeResults(page);
    const found = violations.map((x) => ({ ...x, page: v.name, lang, viewport }));
    findings.push(...found);
    review.push(...incomplete.map((x) => ({ ...x, page: v.name, lang, viewport })));
    severe.push(...found.filter((f) => SEVERE.has(f.impact)));
    await snap(page, viewport, `a11y-${lang}-${v.name.replace(/\s+/g, '-')}`);
  }
  await page.close();
  if (severe.length) console.log(`Serious or critical accessibility violations:\n${describeFindings(severe)}`);
  return { severe, errors };
}

async function signedInContext(viewport: ViewportName): Promise<BrowserContext> {
  const context = await newContext(browser, viewport);
  await signInEverywhere(context, data);
  return context;
}

describe('axe-core: no serious or critical violation (WCAG 2.x A/AA)', () => {
  test('Korean on a desktop: every page, signed in', async () => {
    const context = await signedInContext('desktop');
    const { severe, errors } = await checkPages(context, 'ko', 'desktop', signedInPages());
    await context.close();
    expect(severe.map((f) => `${f.page}: ${f.rule} ${f.targets[0]}`)).toEqual([]);
    expect(errors).toEqual([]);
  }, PAGES_TIMEOUT);

  test('Korean on a desktop: the sign-in forms and the pages asking for one', async () => {
    const context = await newContext(browser, 'desktop');
    const { severe, errors } = await checkPages(context, 'ko', 'desktop', signedOutPages());
    await context.close();
    expect(severe.map((f) => `${f.page}: ${f.rule} ${f.targets[0]}`)).toEqual([]);
    expect(errors).toEqual([]);
  }, PAGES_TIMEOUT);

  test('English on a desktop: a sample of pages, signed in and out', async () => {
    const inside = await signedInContext('desktop');
    const a = await checkPages(inside, 'en', 'desktop', signedInPages().filter((v) => v.english));
    await inside.close();
    const outside = await newContext(browser, 'desktop');
    const b = await checkPages(outside, 'en', 'desktop', signedOutPages().filter((v) => v.english));
    await outside.close();
    expect([...a.severe, ...b.severe].map((f) => `${f.page}: ${f.rule} ${f.targets[0]}`)).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, PAGES_TIMEOUT);

  test('Korean on a phone (375×812): the consumer pages, signed in and out', async () => {
    const inside = await signedInContext('mobile');
    const a = await checkPages(inside, 'ko', 'mobile', signedInPages().filter((v) => v.consumer));
    await inside.close();
    const outside = await newContext(browser, 'mobile');
    const b = await checkPages(outside, 'ko', 'mobile', signedOutPages().filter((v) => v.consumer));
    await outside.close();
    expect([...a.severe, ...b.severe].map((f) => `${f.page}: ${f.rule} ${f.targets[0]}`)).toEqual([]);
    expect([...a.errors, ...b.errors]).toEqual([]);
  }, PAGES_TIMEOUT);
});

// ---- Keyboard alone ----

/**
 * Presses Tab until the focused element matches `selector`; every stop on the way must show where
 * the focus is (WCAG 2.4.7). Returns the stops that did not.
 */
async function tabTo(page: Page, selector: string, max = 120): Promise<string[]> {
  const hidden: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusVisible(page);
    if (!f.visible) hidden.push(`${f.tag} ${f.text}`);
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return hidden;
  }
  throw new Error(`${selector} not reached by Tab on ${page.url()}`);
}

/** Starts from the top of the page, as a reader who has just opened it. */
async function fromTop(page: Page, path: string): Promise<void> {
  await page.goto(`${platform.url}${path}`);
  await settle(page);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

describe('keyboard alone: Tab to the control, Enter to submit, focus always visible', () => {
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  beforeAll(async () => {
    context = await newContext(browser, 'desktop');
    page = await context.newPage();
    trackRequests(page);
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await context?.close();
  });

  test('estimate and track; the language switch moves <html lang>', async () => {
    const hidden: string[] = [];
    await fromTop(page, '/estimate');
    hidden.push(...(await tabTo(page, 'select[name=category]')));
    await page.keyboard.press('ArrowDown'); // the first category
    hidden.push(...(await tabTo(page, 'input[name=price]')));
    await page.keyboard.type('250');
    await page.keyboard.press('Enter');
    await page.getByTestId('estimate-total').waitFor();
    // The result takes the focus, so a screen reader reads it next.
    await until(() => page.evaluate(() => document.activeElement?.id), (id) => id === 'estimate-result', 'focus on the estimate');
    await snap(page, 'desktop', 'a11y-keyboard-estimate');

    await fromTop(page, '/track');
    hidden.push(...(await tabTo(page, 'input[name=cargoNo]')));
    await page.keyboard.type(platform.demo.sampleCargoNo);
    await page.keyboard.press('Enter');
    await page.locator('.timeline-item').first().waitFor();

    await fromTop(page, '/');
    hidden.push(...(await tabTo(page, 'button.lang-switch')));
    await page.keyboard.press('Enter');
    await until(() => page.locator('html').getAttribute('lang'), (v) => v === 'en', 'html lang en');
    await page.keyboard.press('Enter');
    await until(() => page.locator('html').getAttribute('lang'), (v) => v === 'ko', 'html lang ko');
    expect(hidden).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('consumer: sign in with the one-time code, pay taxes (the result is said and focused), write to customs', async () => {
    const hidden: string[] = [];
    const c = platform.demo.consumer;
    await fromTop(page, '/me');
    hidden.push(...(await tabTo(page, 'input[name=pccc]')));
    await page.keyboard.type(c.pccc);
    await page.keyboard.press('Tab');
    await page.keyboard.type(c.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(c.phone);
    await page.keyboard.press('Tab');
    await page.keyboard.type(c.postcode);
    await page.keyboard.press('Enter');
    const sms = await page.getByTestId('demo-sms').textContent();
    const code = /인증번호 (\d{6})/.exec(sms ?? '')![1]!;
    // The code field takes the focus when its form opens.
    await until(() => page.evaluate(() => document.activeElement?.getAttribute('name')), (n) => n === 'code', 'focus on the code field');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await page.getByTestId('my-count').waitFor();
    await settle(page);

    // Pay the first notice still due: the form opens with the focus in it; transfer; Enter.
    hidden.push(...(await tabTo(page, '[data-testid=tax-notices] .notice button.primary')));
    const noticeId = await page.evaluate(() => document.activeElement?.closest('.notice')?.getAttribute('data-testid'));
    const notice = page.getByTestId(noticeId!);
    await page.keyboard.press('Enter');
    await until(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name), (n) => n === 'method', 'focus in the payment form');
    await page.keyboard.press('ArrowRight'); // card → transfer
    hidden.push(...(await tabTo(page, '.pay-form button[type=submit]')));
    await page.keyboard.press('Enter');
    // The virtual account takes the focus the form had; in the demo, its deposit button pays.
    await until(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), (v) => v === 'virtual-account', 'focus on the virtual account');
    hidden.push(...(await tabTo(page, '[data-testid=va-demo] button')));
    await page.keyboard.press('Enter');
    const result = notice.getByTestId('pay-result');
    await result.getByRole('link', { name: /^TR-/ }).waitFor();
    expect(await result.getAttribute('role')).toBe('status');
    expect(await result.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focusVisible(page)).toMatchObject({ visible: true });
    // The notice alone (the page is long): the result said, with its focus ring.
    await notice.screenshot({ path: path.join(SCREENSHOTS, 'a11y-keyboard-paid-desktop.png') });

    // A question to customs: the thread's messages are a live region; the new one shows in it.
    hidden.push(...(await tabTo(page, '[data-testid=my-consultations] .consult-row')));
    await page.keyboard.press('Enter');
    const thread = page.getByTestId('consult-messages');
    await thread.getByText('검사 대상으로 선별되어 확인 중입니다.').waitFor();
    expect(await thread.getAttribute('aria-live')).toBe('polite');
    hidden.push(...(await tabTo(page, '[data-testid=consult-thread] textarea[name=message]')));
    await page.keyboard.type('언제 검사가 끝나나요?');
    hidden.push(...(await tabTo(page, '[data-testid=consult-send]')));
    await page.keyboard.press('Enter');
    await thread.getByText('언제 검사가 끝나나요?').waitFor();
    expect(hidden).toEqual([]);
    expect(errors).toEqual([]);
  });

  test('officer and operator: sign in, then the queue and the console tabs', async () => {
    const hidden: string[] = [];
    await fromTop(page, '/officer');
    hidden.push(...(await tabTo(page, 'input[name=username]')));
    await page.keyboard.type(platform.demo.officer.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(platform.demo.officer.password);
    await page.keyboard.press('Enter');
    await page.locator('.queue-item').first().waitFor();
    hidden.push(...(await tabTo(page, '.queue-item a')));
    await page.keyboard.press('Enter');
    await page.locator('.party').first().waitFor();

    await fromTop(page, '/operator');
    hidden.push(...(await tabTo(page, 'input[name=apiKey]')));
    await page.keyboard.type(platform.demo.apiKeys.MALLTAIL!);
    await page.keyboard.press('Enter');
    await page.getByRole('tab').first().waitFor();
    hidden.push(...(await tabTo(page, '[role=tab][aria-selected=true]')));
    await page.keyboard.press('ArrowRight');
    await until(() => page.getByRole('tab').nth(1).getAttribute('aria-selected'), (v) => v === 'true', 'the second tab by arrow key');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('tab');
    expect(hidden).toEqual([]);
    expect(errors).toEqual([]);
  });
});
