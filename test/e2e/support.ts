// Browser-test support: builds the portal when needed, starts the real platform as a child
// process (`node src/main.ts`, as `npm start` does) on a free port with a temporary DATA_DIR holding
// demo data (a copy of the run's seeded folder), reads the demo logins from its banner, and
// launches Chromium (playwright-core).
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page, type Request } from 'playwright-core';
import { inject } from 'vitest';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';
import { koreanDateOf } from '../../src/domain/dates.ts';
import { copyDataDir } from '../support/copy-data-dir.ts';
import { freePort } from '../support/free-port.ts';

const root = path.resolve(import.meta.dirname, '../..');
/** Today's date in Korea (UTC+9), as the platform dates notices and due dates. */
export const koreanToday = (): string => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);

/** The Korean date `n` days before today. */
export const koreanDaysBefore = (n: number): string => new Date(Date.parse(`${koreanToday()}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);


export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 360, height: 780 },
  /** The accessibility test's phone (375×812, the common iPhone size). */
  mobile: { width: 375, height: 812 },
  desktop: { width: 1280, height: 800 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export interface Demo {
  admin: { username: string; password: string };
  officer: { username: string; password: string };
  apiKeys: Record<string, string>; // operator code -> key
  sampleCargoNo: string;
  consumer: { pccc: string; name: string; phone: string; postcode: string };
}

export interface Platform {
  url: string;
  demo: Demo;
  stop(): Promise<void>;
}

export function parseBanner(text: string): { url: string; demo: Demo } {
  // The address the platform listens on, from the API docs line: the portal line prints localhost for passkeys
  // (main.ts portalAddress), which a client may resolve to ::1 while the platform listens on 127.0.0.1.
  const url = /API docs\s+(http\S+?)\/api\/docs\s*$/m.exec(text)?.[1];
  if (!url) throw new Error(`no URL in the banner:\n${text}`);
  const user = (role: string) => {
    const m = new RegExp(`^\\s*${role}\\s+(\\S+) / (\\S+)`, 'm').exec(text);
    if (!m) throw new Error(`no ${role} login in the banner`);
    return { username: m[1]!, password: m[2]! };
  };
  const apiKeys: Record<string, string> = {};
  for (const m of text.matchAll(/\((\w+)\)\s+API key: (tgk_\S+)/g)) apiKeys[m[1]!] = m[2]!;
  const sample = /Sample lookup\s+\S+\/lookup\/cargo\/(\S+)/.exec(text)?.[1] ?? '';
  const c = /Consumer\s+PCCC (P\d{12}), ([^,]+), ([\d-]+), postcode (\d{5})/.exec(text);
  if (!c) throw new Error('no demo consumer in the banner');
  return {
    url,
    demo: { admin: user('admin'), officer: user('officer'), apiKeys, sampleCargoNo: sample, consumer: { pccc: c[1]!, name: c[2]!, phone: c[3]!, postcode: c[4]! } },
  };
}

/** Where this run keeps its seeded data folders (test/e2e/global-setup.ts); undefined: every start seeds its own (E2E_FRESH=1). */
function seededBase(): string | undefined {
  try {
    return inject('e2eSeededBase');
  } catch {
    return undefined; // not under vitest's runner
  }
}

/**
 * The platform as `npm start` runs it, on a free port, in its own data folder: a copy of this run's
 * seeded folder (made by the first start that needs it, seedTemplate), or, with E2E_FRESH=1, an
 * empty folder it seeds itself (initdb, migrations, demo seed: 30–40 s a file on a 2-core machine).
 * A start over a completely seeded folder seeds nothing again and prints the same banner
 * (main.ts, demo-seed-state.ts: 'complete'; test/integration/demo-seed-interrupted.test.ts).
 */
export async function startPlatform(): Promise<Platform> {
  if (webBuildNeeded().needed) await buildWeb();
  const base = process.env.E2E_FRESH === '1' ? undefined : seededBase();
  const template = base ? await seededTemplate(base) : null;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-e2e-'));
  if (template) copyDataDir(template, dataDir);
  fs.chmodSync(dataDir, 0o755);
  try {
    const { child, out } = await spawnPlatform(dataDir);
    const { url, demo } = parseBanner(out);
    return {
      url,
      demo,
      async stop() {
        await stopPlatform(child);
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * `node src/main.ts` in demo mode on dataDir; resolves once it printed its banner ('started in'). The
 * port is free when asked but not reserved: another process (the server test run beside this one in
 * CI) may take it before the platform binds it, which then stops saying so: start again on another.
 */
async function spawnPlatform(dataDir: string): Promise<{ child: ChildProcess; out: string }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await spawnPlatformOnce(dataDir);
    } catch (e) {
      if (attempt >= 5 || !/port \d+ is in use/.test(String((e as Error).message))) throw e;
    }
  }
}

async function spawnPlatformOnce(dataDir: string): Promise<{ child: ChildProcess; out: string }> {
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/node'), ['src/main.ts'], {
    cwd: root,
    // Demo mode asked for, whatever the database: the tests sign in with the demo logins and read one-time codes from the demo inbox.
    env: { ...process.env, TONGGWAN_DEMO: '1', DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_DECLARATIONS: process.env.E2E_DECLARATIONS ?? '400', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += String(d)));
  child.stderr!.on('data', (d) => (out += String(d)));
  const ready = await new Promise<boolean>((resolve) => {
    const timer = setInterval(() => {
      if (/started in/.test(out)) {
        clearInterval(timer);
        resolve(true);
      }
    }, 100);
    child.on('exit', () => {
      clearInterval(timer);
      resolve(false);
    });
  });
  if (!ready) throw new Error(`the platform did not start:\n${out}`);
  return { child, out };
}

/** SIGTERM (the platform stops its workers, then the embedded PostgreSQL, cleanly); SIGKILL after 15 s. Its exit code. */
async function stopPlatform(child: ChildProcess): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  return child.exitCode;
}

/**
 * This run's seeded data folder for today, made once: the platform started on an empty folder
 * (the demo seed) and stopped with SIGTERM, so PostgreSQL shut down clean and the lock file is
 * gone. A new one on a new day (UTC or in Korea): the demo's histories end at the day of seeding,
 * as a fresh start's would. One start makes it while any other waits (a directory as the lock).
 */
async function seededTemplate(base: string): Promise<string> {
  const now = new Date();
  const day = `${now.toISOString().slice(0, 10)}-kst-${koreanDateOf(now.toISOString())}`;
  const dir = path.join(base, day);
  const ready = path.join(dir, 'ready');
  const lock = `${dir}.lock`;
  const end = Date.now() + 300_000;
  for (;;) {
    if (fs.existsSync(ready)) return path.join(dir, 'data');
    try {
      fs.mkdirSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = 0;
      try {
        holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8').trim());
      } catch {
        /* its maker has not written its pid yet */
      }
      if (holder && !isAlive(holder)) fs.rmSync(lock, { recursive: true, force: true }); // its maker died
      if (Date.now() > end) throw new Error(`waited 300 s for the seeded data folder ${dir}`);
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      fs.rmSync(dir, { recursive: true, force: true }); // a half-made one
      const dataDir = path.join(dir, 'data');
      fs.mkdirSync(dataDir, { recursive: true });
      // PostgreSQL, run as its own user when the tests run as root, must reach its folder.
      for (const d of [base, dir, dataDir]) fs.chmodSync(d, 0o755);
      const { child, out } = await spawnPlatform(dataDir);
      parseBanner(out); // the seeding start's banner has what the tests read
      const code = await stopPlatform(child);
      if (code !== 0 || fs.existsSync(path.join(dataDir, 'pgdata', 'postmaster.pid')) || fs.existsSync(path.join(dataDir, 'tonggwan.lock'))) {
        throw new Error(`the seeding start did not stop cleanly (exit ${code}):\n${out}`);
      }
      fs.writeFileSync(ready, now.toISOString());
      return dataDir;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // Notifications in Chromium's own list, not handed to the desktop's notification server over
      // D-Bus (a test machine has none): through that bridge the first notification of a new browser
      // was now and then dropped, showNotification resolved yet getNotifications() empty (the PWA
      // test's pushed alert, 1 in 8 runs; 2 in 55 fresh browsers with the bridge, 0 in 40 without).
      '--disable-features=NativeNotifications,SystemNotifications',
    ],
  });
}

export async function newContext(browser: Browser, viewport: ViewportName, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    isMobile: viewport !== 'desktop',
    hasTouch: viewport !== 'desktop',
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
}

/** The requests of a tracked page still in flight, and how many it has started (trackRequests). */
const inFlight = new WeakMap<Page, { open: Set<Request>; started: number; changed: Set<() => void> }>();

/**
 * Counts the page's requests from now on (its documents, the code it loads on demand, its API
 * calls), for waitForQuiet. A live stream (the consultation thread's EventSource) never ends and
 * is not counted. Call it on a new page, before its first goto.
 */
export function trackRequests(page: Page): void {
  const state = { open: new Set<Request>(), started: 0, changed: new Set<() => void>() };
  const notify = () => {
    for (const f of state.changed) f();
  };
  page.on('request', (r) => {
    if (r.resourceType() === 'eventsource' || r.resourceType() === 'websocket') return;
    state.open.add(r);
    state.started++;
    notify();
  });
  const done = (r: Request) => {
    if (state.open.delete(r)) notify();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  inFlight.set(page, state);
}

/**
 * Waits until the page has no request in flight and starts none while it runs what those answers
 * scheduled (a frame and a task of its own): the page's data has arrived. What Playwright's
 * 'networkidle' waits for, without its fixed 500 ms of silence after the last request, which
 * the reading tests paid on every page they opened.
 */
export async function waitForQuiet(page: Page, ms = 15_000): Promise<void> {
  const state = inFlight.get(page);
  if (!state) throw new Error('waitForQuiet: the page is not tracked (call trackRequests on it first)');
  const end = Date.now() + ms;
  for (;;) {
    if (state.open.size > 0) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          state.changed.delete(check);
          reject(new Error(`timed out waiting for the requests of ${page.url()}: ${[...state.open].map((r) => r.url()).join(', ')}`));
        }, Math.max(0, end - Date.now()));
        const check = () => {
          if (state.open.size > 0) return;
          clearTimeout(timer);
          state.changed.delete(check);
          resolve();
        };
        state.changed.add(check);
        check();
      });
    }
    const seen = state.started;
    // The page runs the answers' handlers (and whatever they scheduled for the next frame or task):
    // a request they start shows up in `started` before this returns. A page between two documents
    // cannot evaluate: that is not quiet yet.
    const ran = await page.evaluate(() => new Promise<boolean>((r) => requestAnimationFrame(() => setTimeout(() => r(true), 0)))).catch(() => false);
    if (ran && state.open.size === 0 && state.started === seen) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${page.url()} to stop loading`);
  }
}

/** Page errors and failed console errors, to assert that a flow ran clean. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // 4xx answers the UI handles (e.g. a wrong code) show up as failed resource loads: not bugs.
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** How much of a page a capture (snap) holds, from the top. */
const SNAP_MAX_HEIGHT = 4000;

export async function snap(page: Page, viewport: ViewportName, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so sticky headers and panels sit where a reader first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  // A whole page of a consumer's parcels is over 20,000 px tall: its capture once took more than the
  // default 30 s on a loaded machine (CI, 2026-12-04). The capture is evidence, not a speed check.
  // A full-page capture draws a fixed element where it stands on the first screen: on a phone the tab bar
  // landed over the content halfway down the picture. Pinned to the page's end for the capture, it stands
  // over the room every page keeps free for it (.app's padding-bottom), where a reader scrolled to the end sees it.
  const pinned = await page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.tab-bar');
    const app = bar?.closest<HTMLElement>('.app');
    if (!bar || !app || getComputedStyle(bar).position !== 'fixed' || getComputedStyle(bar).display === 'none') return false;
    app.style.position = 'relative';
    bar.style.position = 'absolute';
    return true;
  });
  // The page's first SNAP_MAX_HEIGHT px: what a reader looks at. A page of a consumer's 64 parcels is
  // 27,000 px tall, a picture nobody reads, and Chromium drew all of it for each capture: 2.5–4.4 s
  // against 0.55 s for its first 4,000 px (2026-12-07); the 85 captures over 5,000 px took 72 s of a run.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const width = page.viewportSize()?.width ?? VIEWPORTS[viewport].width;
  const clip = height > SNAP_MAX_HEIGHT ? { x: 0, y: 0, width, height: SNAP_MAX_HEIGHT } : undefined;
  try {
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport}.png`), fullPage: true, ...(clip ? { clip } : {}), timeout: 90_000 });
  } finally {
    if (pinned) {
      await page.evaluate(() => {
        const bar = document.querySelector<HTMLElement>('.tab-bar');
        bar?.style.removeProperty('position');
        bar?.closest<HTMLElement>('.app')?.style.removeProperty('position');
      });
    }
  }
}

/** No horizontal scrolling: the page fits its viewport width. */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Form controls without an accessible name (label, aria-label or aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea'))) {
      const input = el as HTMLInputElement;
      const labelled =
        (input.labels && input.labels.length > 0) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby') || el.closest('label');
      if (!labelled) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

export async function api<T>(base: string, pathname: string, options: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${pathname}`, {
    method: options.method ?? (options.body ? 'POST' : 'GET'),
    headers: { ...(options.body ? { 'content-type': 'application/json' } : {}), ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
    body: options.body ? JSON.stringify(options.body) : null,
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

/**
 * Polls `read` until `ok` holds (the UI updates asynchronously); fails with `what` otherwise. A read
 * that throws (an element not there yet, a page between two documents) is "not yet": `ok` only
 * ever sees values read, so `(v) => v.length > 0` cannot throw on a failed read.
 */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    let last: { value: T } | { error: unknown };
    try {
      last = { value: await read() };
    } catch (error) {
      last = { error };
    }
    if ('value' in last && ok(last.value)) return last.value;
    if (Date.now() > end) {
      const seen = 'value' in last ? `last value: ${JSON.stringify(last.value)}` : `last read failed: ${String((last.error as Error)?.message ?? last.error)}`;
      throw new Error(`timed out waiting for ${what}; ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the reading tests (languages, accessibility) open: a held parcel, a consultation with an answer, a paid receipt, an order awaiting consent, and a session for each kind of user. */
export interface PortalData {
  /** The administrator's token: sees every officer page (rules to publish, partners to register). */
  adminToken: string;
  adminSession: unknown;
  held: { id: number; cargoNo: string };
  consumer: { token: string; expiresAt: string };
  consumerSession: string;
  operatorSession: string;
  receiptNo: string;
  consultationId: number;
  consentId: string;
}

export async function seedPortal(platform: Platform): Promise<PortalData> {
  const adminSession = (await api<{ token: string }>(platform.url, '/api/v1/auth/sign-in', { body: platform.demo.admin })).body;
  const adminToken = adminSession.token;
  const q = await api<{ declarations: { id: number; cargoNo: string }[] }>(platform.url, '/api/v1/officer/work-queue?status=held&limit=5', { token: adminToken });
  const held = q.body.declarations[0]!;

  // The demo consumer signs in as portal.e2e.ts's installable-app test does: the one-time code from the demo inbox.
  const c = platform.demo.consumer;
  const started = await api<{ challengeId: string }>(platform.url, '/api/v1/consumer/verification', { body: { pccc: c.pccc, name: c.name, phone: c.phone, postcode: c.postcode } });
  const sms = await api<{ notifications: { body: string }[] }>(platform.url, `/api/v1/demo/notifications?recipient=${c.phone.replace(/\D/g, '')}`);
  const code = /인증번호 (\d{6})/.exec(sms.body.notifications.find((n) => n.body.includes('인증번호'))!.body)![1]!;
  const consumer = (await api<{ token: string; expiresAt: string }>(platform.url, `/api/v1/consumer/verification/${started.body.challengeId}/complete`, { body: { code } })).body;
  const key = platform.demo.apiKeys.MALLTAIL!;
  const me = await api<{ operatorId: number; operatorCode: string; role: string }>(platform.url, '/api/v1/me', { token: key });
  const operatorSession = { apiKey: key, operator: { operatorId: me.body.operatorId, operatorCode: me.body.operatorCode, role: me.body.role } };

  // A consultation with an answer, for the officer's inbox and the consumer's area.
  const parcels = await api<{ parcels: { declarationId: number }[] }>(platform.url, '/api/v1/consumer/consultations/parcels', { token: consumer.token });
  const opened = await api<{ consultation: { id: number } }>(platform.url, '/api/v1/consumer/consultations', {
    token: consumer.token,
    body: { topic: 'hold', declarationId: parcels.body.parcels[0]!.declarationId, message: '통관보류 사유가 무엇인가요?' },
  });
  if (opened.status !== 201) throw new Error(`consultation not opened: ${opened.status}`);
  await api(platform.url, `/api/v1/officer/consultations/${opened.body.consultation.id}/messages`, { token: adminToken, body: { message: '검사 대상으로 선별되어 확인 중입니다.' } });
  // Taxes paid on behalf by the operator, for the public receipt page.
  const notices = await api<{ notices: { declarationId: number; amountKrw: number; status: string }[] }>(platform.url, '/api/v1/tax-notices?limit=50', { token: key });
  const due = notices.body.notices.find((n) => n.status !== 'paid')!;
  const paid = await fetch(`${platform.url}/api/v1/declarations/${due.declarationId}/tax-payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }),
  });
  if (paid.status >= 300) throw new Error(`taxes not paid: ${paid.status}`);
  const receiptNo = ((await paid.json()) as { receipt: { receiptNo: string } }).receipt.receiptNo;

  // An order waiting for the consumer's approval (the demo shop's checkout), for the consent page.
  const shopKey = platform.demo.apiKeys.ALIEXPRESS ?? key;
  const consent = await api<{ id: string }>(platform.url, '/api/v1/consent-requests', {
    token: shopKey,
    body: {
      pccc: c.pccc, consigneeName: c.name, consigneePhone: c.phone, postcode: c.postcode, platform: 'AliExpress', seller: 'Xiaomi Official Store',
      items: [{ description: '보조배터리 Xiaomi Power Bank 20000mAh', quantity: 1, price: 32.5 }], total: 32.5, currency: 'USD', orderNo: `AE-READ-${crypto.randomUUID().slice(0, 8)}`,
    },
  });
  if (consent.status !== 201) throw new Error(`consent request not made: ${consent.status}`);
  return {
    adminToken,
    adminSession,
    held,
    consumer,
    consumerSession: JSON.stringify({ ...consumer, pccc: c.pccc, method: 'otp' }),
    operatorSession: JSON.stringify(operatorSession),
    receiptNo,
    consultationId: opened.body.consultation.id,
    consentId: consent.body.id,
  };
}

/** Every page of the context opens signed in: as the consumer, the administrator and the operator (the tab's sessions, sign-in.ts, staff-session.ts). */
export async function signInEverywhere(context: BrowserContext, data: PortalData): Promise<void> {
  await context.addInitScript(
    (s) => {
      sessionStorage.setItem('tonggwan.consumer', s.consumer);
      sessionStorage.setItem('tonggwan.officer', s.officer);
      sessionStorage.setItem('tonggwan.operator', s.operator);
    },
    { consumer: data.consumerSession, officer: JSON.stringify(data.adminSession), operator: data.operatorSession },
  );
}

/** A 390 px phone (the phone audits' width) signed in everywhere (signInEverywhere), in the language asked. */
export async function signedInPhone(browser: Browser, data: PortalData, lang: 'ko' | 'en'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, locale: 'ko-KR', timezoneId: 'Asia/Seoul', isMobile: true, hasTouch: true, serviceWorkers: 'block' });
  await context.addInitScript((l) => localStorage.setItem('tonggwan.lang', l), lang);
  await signInEverywhere(context, data);
  const page = await context.newPage();
  trackRequests(page);
  return { context, page, errors: watchErrors(page) };
}

/** Opens `pathname` of the platform and waits for its heading and for its requests to settle. */
export async function openPage(page: Page, base: string, pathname: string): Promise<void> {
  await page.goto(`${base}${pathname}`);
  await page.locator('h1').first().waitFor();
  await waitForQuiet(page);
}

/** Every page of the context opens signed in as `who` with `session` (the tab's session the portal keeps in sessionStorage under tonggwan.<who>). */
export async function signInAs(context: BrowserContext, who: 'consumer' | 'officer' | 'operator', session: unknown): Promise<void> {
  await context.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [`tonggwan.${who}`, JSON.stringify(session)] as const);
}

/** Every page of the context opens the operator console signed in with `apiKey`, as its sign-in form does: the operator's id, code and role from GET /api/v1/me. */
export async function signInOperator(context: BrowserContext, base: string, apiKey: string): Promise<void> {
  const res = await fetch(`${base}/api/v1/me`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (res.status !== 200) throw new Error(`GET /api/v1/me with the operator's key: HTTP ${res.status}`);
  const me = (await res.json()) as { operatorId: number; operatorCode: string; role: string };
  await signInAs(context, 'operator', { apiKey, operator: { operatorId: me.operatorId, operatorCode: me.operatorCode, role: me.role } });
}

// ---- Accessibility (axe-core, run inside the page) ----

/** axe-core's own bundle from node_modules, injected into the page: nothing is fetched from the network. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** WCAG 2.0, 2.1 and 2.2 at levels A and AA (KWCAG 2.2 follows WCAG 2.x AA), and axe's best practices (landmarks, heading order) for the report. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

export interface AxeViolation {
  rule: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical';
  help: string;
  helpUrl: string;
  tags: string[];
  /** CSS selectors of the failing elements, with the first failure's explanation. */
  targets: string[];
  summary: string;
}

/**
 * Runs axe-core on the page as it is now: its violations, and what it could not decide alone
 * (`incomplete`: e.g. the contrast of text over an image), for a person to review.
 */
export async function axeResults(page: Page): Promise<{ violations: AxeViolation[]; incomplete: AxeViolation[] }> {
  // Evaluated over the DevTools protocol, not added as a <script>: the portal's CSP (script-src 'self')
  // refuses inline scripts, and the test must see the page under the policy it is served with.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    type Result = { id: string; impact: AxeViolation['impact']; help: string; helpUrl: string; tags: string[]; nodes: { target: unknown[]; failureSummary?: string; any?: { message: string }[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Result[]; incomplete: Result[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
    const plain = (v: Result): AxeViolation => ({
      rule: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      tags: v.tags,
      targets: v.nodes.map((n) => n.target.map(String).join(' >> ')),
      summary: v.nodes[0]?.failureSummary || v.nodes[0]?.any?.[0]?.message || '',
    });
    return { violations: r.violations.map(plain), incomplete: r.incomplete.map(plain) };
  }, AXE_TAGS);
}

/** Whether the focused element shows where focus is (an outline or a focus ring drawn with box-shadow). */
export async function focusVisible(page: Page): Promise<{ tag: string; text: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'BODY', text: '', visible: false };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow !== 'none' && s.boxShadow !== '';
    return { tag: el.tagName, text: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 60), visible: outline || ring };
  });
}
