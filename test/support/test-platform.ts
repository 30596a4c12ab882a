// A running platform on a fresh test database (embedded, or DATABASE_URL's server), listening
// on 127.0.0.1 with a random port, plus helpers to create operators and officers.
import { request as httpRequest } from 'node:http';
import type { Config } from '../../src/config.ts';
import { createPlatform, type Platform } from '../../src/main.ts';
import { createOperator } from '../../src/app/manage-api-keys.ts';
import type { Clock, OperatorRole } from '../../src/app/ports.ts';
import { startTestDatabase, type TestDatabase } from './test-database.ts';
import { DATA_DIR, referenceFiles } from './reference.ts';

export interface TestPlatform {
  platform: Platform;
  db: TestDatabase;
  base: string;
  operator(code: string, role?: OperatorRole): Promise<{ id: number; key: string; code: string }>;
  officer(username: string, role?: 'officer' | 'admin'): Promise<{ token: string }>;
  close(): Promise<void>;
}

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: '',
    referenceDir: DATA_DIR,
    demo: true,
    seedDemo: false,
    demoDeclarations: 0,
    webhookBackoffBaseMs: 50,
    webhookMaxAttempts: 5,
    webhookPollMs: 50,
    webhookAllowPrivate: true, // the tests' receivers listen on 127.0.0.1
    logLevel: 'silent',
    ...overrides,
  };
}

/**
 * A clock that runs at the real pace from `start`: the platform lives on that day whenever the
 * tests run (a tax notice of declaration()'s date is due on 2026-12-03; on a later real day it
 * would be overdue, and no virtual account could be issued for it).
 */
export function clockRunningFrom(start: string): Clock {
  const offset = Date.parse(start) - Date.now();
  return { now: () => new Date(Date.now() + offset) };
}

/** `clock`: a fixed "now" for tests whose figures depend on today (sessions and expiries follow it too); `log`: the platform's log lines. */
export async function startTestPlatform(overrides: Partial<Config> = {}, options: { clock?: Clock; log?: (line: string) => void } = {}): Promise<TestPlatform> {
  const db = await startTestDatabase();
  const platform = await createPlatform(testConfig(overrides), { db, files: await referenceFiles(), ...(options.clock ? { clock: options.clock } : {}), ...(options.log ? { log: options.log } : {}) });
  const deps = platform.deps;
  return {
    platform,
    db,
    base: platform.url,
    async operator(code, role = 'marketplace') {
      const { operator, key } = await createOperator(deps, 'system', { code, name: `${code} Ltd`, role });
      return { id: operator.id, key, code };
    },
    async officer(username, role = 'officer') {
      await deps.access.createUser({ username, displayName: username, role, passwordHash: await deps.secrets.hashPassword('pw-' + username) });
      const res = await fetch(`${platform.url}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: 'pw-' + username }),
      });
      const body = (await res.json()) as { token: string };
      return { token: body.token };
    },
    async close() {
      await platform.close();
      await db.close();
    },
  };
}

/** A valid declaration against data/ (T-shirt, USD, from the US by express). */
export function declaration(ref: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ref,
    declaredAt: '2026-11-18',
    ecommerceType: 'direct',
    purpose: 'personal',
    shipment: { mode: 'express', shipFrom: 'US', hblNo: `H${ref}`, mblNo: 'M988-1234', arrivalDate: '2026-11-19', grossWeightKg: 0.5 },
    parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Nike Store', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
    consignee: { name: '김민지', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' },
    order: { orderNo: `O-${ref}`, purchasedAt: '2026-11-15', currency: 'USD' },
    items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN' }],
    ...overrides,
  };
}

export async function api(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] ??= 'application/json';
  }
  const res = await fetch(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/**
 * A request with a Host header of our choosing (fetch does not let one set it), over a real
 * connection to `base`: for checking that a forged Host never reaches a link.
 */
export function requestWithHost(
  base: string,
  method: string,
  path: string,
  host: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }> {
  const url = new URL(path, base);
  const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
  const headers: Record<string, string> = { host };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (payload !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname: url.hostname, port: url.port, path: url.pathname + url.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A consumer bearer token through the real verification: PCCC + name + mobile + postcode, then
 * the one-time code the notification adapter stored (readable in demo mode).
 */
export async function consumerToken(base: string, pccc: string, name: string, phone: string, postcode: string): Promise<string> {
  const start = await api(base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name, phone, postcode } });
  if (start.status !== 201) throw new Error(`verification of ${pccc} answered ${start.status}: ${JSON.stringify(start.body)}`);
  const inbox = await api(base, 'GET', `/api/v1/demo/notifications?recipient=${phone.replace(/\D/g, '')}`);
  const code = /인증번호 (\d{6})/.exec(inbox.body.notifications.find((n: { body: string }) => n.body.includes('인증번호')).body)![1]!;
  const done = await api(base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } });
  if (done.status !== 200) throw new Error(`one-time code of ${pccc} answered ${done.status}`);
  return done.body.token as string;
}
