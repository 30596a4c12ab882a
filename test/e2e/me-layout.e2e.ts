// The consumer area's cards as laid out in real Chromium (desktop and phone): a parcel card's title
// stands level with its status badges, a consultation's title with its "live" line, and the new
// consultation's message field is spaced from the selects above as the form's other fields are.
// Before: every h3's margin-top (1rem) pushed those titles 16 px below the badges at the card's top
// (a blank band above each parcel's name on /me), and the message label touched the parcel select.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { launchBrowser, newContext, signInAs, snap, watchErrors } from './support.ts';

let t: TestPlatform;
let browser: Browser;
let consumer: { token: string; expiresAt: string };
let cargoNo = '';
let consultationId = 0;

beforeAll(async () => {
  if (webBuildNeeded().needed) await buildWeb();
  [t, browser] = await Promise.all([startTestPlatform(), launchBrowser()]);
  const operator = await t.operator('MELAYOUTE2E', 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration('E2E-LAYOUT')] } });
  cargoNo = r.body.results[0].cargoNo;
  const token = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  consumer = { token, expiresAt: new Date(Date.now() + 20 * 60_000).toISOString() };
  const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token, body: { topic: 'clearance_status', message: '언제 도착하나요?', declarationId: r.body.results[0].declarationId } });
  expect(opened.status).toBe(201);
  consultationId = opened.body.consultation.id;
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * The tops and middles of `selectors` inside `within`, read in one frame: read one by one, a list
 * loading above the card between two reads moved it (84 px once in CI) and the pair looked apart.
 */
const boxes = (within: Locator, selectors: string[]) =>
  within.evaluate((el, sel) => sel.map((q) => {
    const target = q === ':scope' ? el : el.querySelector(q)!;
    const r = target.getBoundingClientRect();
    return { top: r.top, mid: r.top + r.height / 2 };
  }), selectors);

describe('the cards on /me', () => {
  for (const vp of ['desktop', 'mobile'] as const) {
    test(`${vp}: titles level with what stands beside them; the message field spaced from the selects`, async () => {
      const context = await newContext(browser, vp);
      await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${t.base}/me`);
      const card = page.locator('article.lookup-card', { has: page.locator(`code:text-is("${cargoNo}")`) });
      await card.locator('.lookup-status .badge').first().waitFor();
      // The card's head starts with its title: no blank band above it (on the desktop the badges sit
      // beside it, on a phone they wrap below it).
      const [head, cardTitle, status] = await boxes(card.locator('.lookup-head'), [':scope', '.card-title', '.lookup-status']);
      expect(Math.abs(cardTitle!.top - head!.top)).toBeLessThanOrEqual(1);
      if (vp === 'desktop') expect(Math.abs(cardTitle!.top - status!.top)).toBeLessThanOrEqual(4);

      // The new consultation: the message label as far below the parcel select as the selects' row is from its own labels' field above.
      const start = page.getByTestId('my-consultations').locator('.consult-open');
      await start.locator('select[name=parcel]').waitFor();
      const gap = await start.evaluate((el) => el.querySelector('textarea[name=message]')!.closest('.field')!.getBoundingClientRect().top - el.querySelector('select[name=parcel]')!.getBoundingClientRect().bottom);
      expect(gap).toBeGreaterThanOrEqual(12);

      // A consultation opened: its title level with the "live" line beside it.
      await page.getByTestId(`consultation-${consultationId}`).click();
      const thread = page.getByTestId('consult-thread');
      await thread.getByText('언제 도착하나요?').waitFor();
      await thread.getByTestId('consult-live').waitFor();
      const [threadHead, title, live] = await boxes(thread.locator('.consult-thread-head'), [':scope', '#consult-thread-title', '[data-testid="consult-live"]']);
      expect(Math.abs(title!.top - threadHead!.top)).toBeLessThanOrEqual(1);
      expect(Math.abs(title!.mid - live!.mid)).toBeLessThanOrEqual(4);
      await snap(page, vp, 'me-cards-layout');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});

describe('loading without jumps', () => {
  // The answers come slowly and one by one (as on a phone network), each delayed as given; the page's
  // layout shifts (PerformanceObserver 'layout-shift', as Web Vitals' CLS counts them) are summed from
  // the first paint until all is loaded. Before: on /me/security each card showed "loading" and then
  // grew, pushing the cards below it (the code's card 80 → 350 px), and on every page the footer stood
  // under the short "loading" page and was pushed off the screen when the content came: CLS 0.29 on a
  // phone and 0.47 on a desktop for /me/security, 0.20 for /me (0.25 is "poor", 0.1 "good").
  const SLOW: [RegExp, number][] = [
    [/\/api\/v1\/consumer\/pccc$/, 300],
    [/\/api\/v1\/consumer\/pccc\/events/, 600],
    [/\/api\/v1\/consumer\/ledger/, 900],
    [/\/api\/v1\/consumer\/declarations/, 600],
    [/\/api\/v1\/consumer\/tax-notices/, 300],
  ];
  for (const vp of ['phone', 'desktop'] as const) {
    test(`${vp}: /me and /me/security appear without their cards or the footer jumping (layout shift under 0.1)`, async () => {
      const context = await newContext(browser, vp);
      await signInAs(context, 'consumer', { ...consumer, pccc: 'P123456789012', method: 'otp' });
      await context.addInitScript(() => {
        const w = window as unknown as { __shift: number; __shifts: string[] };
        w.__shift = 0;
        w.__shifts = [];
        type Shift = PerformanceEntry & { value: number; hadRecentInput: boolean; sources?: { node?: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[] };
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as Shift[]) {
            if (e.hadRecentInput) continue;
            w.__shift += e.value;
            // What moved, for the failure's message: the element, and its box before and after.
            const moved = (e.sources ?? []).map((x) => {
              const el = x.node instanceof Element ? x.node : x.node?.parentElement;
              const name = el ? `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}` : '?';
              return `${name} ${Math.round(x.previousRect.y)}→${Math.round(x.currentRect.y)} (h ${Math.round(x.previousRect.height)}→${Math.round(x.currentRect.height)})`;
            });
            w.__shifts.push(`${e.value.toFixed(3)} at ${Math.round(e.startTime)} ms: ${moved.join('; ')}`);
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await context.route(
        (url) => SLOW.some(([re]) => re.test(url.pathname)),
        async (route) => {
          const ms = SLOW.find(([re]) => re.test(new URL(route.request().url()).pathname))![1];
          await new Promise((r) => setTimeout(r, ms));
          await route.continue();
        },
      );
      const page = await context.newPage();
      const errors = watchErrors(page);
      const shifted = async (pathname: string, loaded: Locator) => {
        await page.goto(`${t.base}${pathname}`);
        await loaded.waitFor();
        await page.waitForLoadState('networkidle');
        await page.waitForTimeout(300);
        return page.evaluate(() => {
          const w = window as unknown as { __shift: number; __shifts: string[] };
          return { shift: w.__shift, shifts: w.__shifts };
        });
      };
      for (const [pathname, loaded] of [
        ['/me/security', page.getByTestId('ledger').locator('li').first()],
        ['/me', page.locator('article.lookup-card').first()],
      ] as const) {
        const { shift, shifts } = await shifted(pathname, loaded);
        expect(shift, `${pathname}:\n${shifts.join('\n')}`).toBeLessThan(0.1);
      }
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
