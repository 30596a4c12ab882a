// Browser-test support: builds the portal when needed, starts the real platform as a child
// process (`node src/main.ts`, as `npm start` does) on a free port with a temporary DATA_DIR and
// demo data, reads the demo logins from its banner, and launches Chromium (playwright-core).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildWeb, webBuildNeeded } from '../../scripts/build-web.ts';

const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOTS = path.join(root, 'test-results', 'screenshots');

export const VIEWPORTS = {
  phone: { width: 360, height: 780 },
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

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

export function parseBanner(text: string): { url: string; demo: Demo } {
  const url = /Portal \/ API\s+(http\S+?)\/?\s*$/m.exec(text)?.[1];
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

export async function startPlatform(): Promise<Platform> {
  if (webBuildNeeded().needed) await buildWeb();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tonggwan-e2e-'));
  fs.chmodSync(dataDir, 0o755);
  const port = await freePort();
  const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/node'), ['src/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', DEMO_DECLARATIONS: process.env.E2E_DECLARATIONS ?? '400', LOG_LEVEL: 'warn' },
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
  const { url, demo } = parseBanner(out);
  return {
    url,
    demo,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function newContext(browser: Browser, viewport: ViewportName, options: { serviceWorkers?: 'allow' | 'block' } = {}): Promise<BrowserContext> {
  return browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    locale: 'ko-KR',
    timezoneId: 'Asia/Seoul',
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
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

export async function snap(page: Page, viewport: ViewportName, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // From the top, so sticky headers and panels sit where a reader first sees them.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${viewport}.png`), fullPage: true });
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

/** Polls `read` until `ok` holds (the UI updates asynchronously); fails with `what` otherwise. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T = await read().catch(() => undefined as T);
  while (!ok(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
    last = await read().catch(() => undefined as T);
  }
  return last;
}
