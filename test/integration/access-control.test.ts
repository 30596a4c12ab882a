// Who may call each route, checked of every route the platform serves: without credentials, with
// each kind of principal it does not admit, and with those it does. A new route must be classified
// here (the first test fails on an unclassified one) and must then answer as classified: a route
// that forgot its guard answers without credentials, and fails. Then operator A's key against
// operator B's resources. Guards run before validation (src/http/auth.ts guardBeforeValidation),
// so a refused caller is refused whatever it sends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

type Kind = 'operator' | 'officer' | 'admin' | 'consumer';
/** public: anyone; signed: the request authenticates itself (a partner's signature, Toss's callback secret); else the kinds admitted. */
type Access = 'public' | 'signed' | readonly Kind[];

const STAFF = ['officer', 'admin'] as const;
const ADMIN = ['admin'] as const;
const OPERATOR = ['operator'] as const;
const CONSUMER = ['consumer'] as const;

/** Routes outside the prefix rules of accessOf, and the administrators' routes under /api/v1/officer/. */
const ROUTES: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'POST /api/v1/auth/sign-in': 'public',
  'POST /api/v1/auth/sign-out': ['officer', 'admin', 'consumer'],
  'GET /api/v1/me': ['operator', 'officer', 'admin', 'consumer'],
  'POST /api/v1/me/password': STAFF,
  'GET /api/v1/api-keys': OPERATOR,
  'POST /api/v1/api-keys': OPERATOR,
  'DELETE /api/v1/api-keys/:id': OPERATOR,
  'POST /api/v1/declarations': OPERATOR,
  'POST /api/v1/declarations/csv': OPERATOR,
  'GET /api/v1/declarations/csv-template': OPERATOR,
  'GET /api/v1/declarations': OPERATOR,
  'GET /api/v1/declarations/:id': ['operator', 'officer', 'admin'], // operators their own; officers any
  'PATCH /api/v1/declarations/:id': OPERATOR,
  'POST /api/v1/declarations/:id/withdraw': OPERATOR,
  'POST /api/v1/declarations/:id/tax-payments': OPERATOR,
  'GET /api/v1/demo/notifications': 'public', // demo mode only (404 otherwise): the demo inbox
  'POST /api/v1/demo/tax-notices/:declarationId/deposit': ['operator', 'consumer'],
  'POST /api/v1/demo/tax-notices/:declarationId/deposit-reversal': ['operator', 'consumer'],
  'POST /api/v1/cargo-events': ['operator', 'officer', 'admin'],
  'POST /api/v1/cargo-events/batch': ['operator', 'officer', 'admin'],
  'POST /api/v1/consumer/verification': 'public',
  'POST /api/v1/consumer/verification/:challengeId/complete': 'public',
  'POST /api/v1/consumer/passkeys/sign-in': 'public',
  'POST /api/v1/consumer/passkeys/sign-in/:ceremonyId': 'public',
  'GET /api/v1/consultations/:id/events': ['officer', 'admin', 'consumer'],
  'POST /api/v1/consent-requests': OPERATOR,
  'GET /api/v1/consent-requests/:id': OPERATOR,
  'GET /api/v1/consent/:id': 'public', // the holder approves with a passkey assertion
  'POST /api/v1/consent/:id/options': 'public',
  'POST /api/v1/consent/:id/decision': 'public',
  'GET /api/v1/operator/consent-share': OPERATOR,
  'GET /api/v1/operator/scorecard': OPERATOR,
  'POST /api/v1/orders': OPERATOR,
  'GET /api/v1/lookup/cargo/:cargoNo': 'public',
  'GET /api/v1/lookup/bl': 'public',
  'POST /api/v1/webhooks': OPERATOR,
  'GET /api/v1/webhooks': OPERATOR,
  'POST /api/v1/webhooks/deliveries/:id/replay': OPERATOR,
  'DELETE /api/v1/webhooks/:id': OPERATOR,
  'GET /api/v1/webhooks/:id/deliveries': OPERATOR,
  'POST /api/v1/estimate': 'public',
  'GET /api/v1/reference/estimator': 'public',
  'GET /api/v1/reference/categories': 'public',
  'POST /api/v1/registry/pccc': STAFF,
  'POST /api/v1/registry/pccc/:pccc/:action': STAFF,
  'POST /api/v1/risk-exchange/messages': 'signed',
  'GET /api/v1/statistics/monthly': 'public',
  'GET /api/v1/statistics/monthly.csv': 'public',
  'GET /api/v1/submissions': OPERATOR,
  'GET /api/v1/identity/vapid-public-key': 'public',
  'GET /api/v1/identity/jwks.json': 'public',
  'GET /api/v1/tax-notices': OPERATOR,
  'GET /api/v1/tax-receipts/:receiptNo': 'public', // whoever holds the receipt number
  'GET /api/v1/tax-receipts/:receiptNo/certificate.pdf': 'public',
  'POST /api/v1/payments/toss/deposit-callback': 'signed',
  // Administrators only, under /api/v1/officer/
  'POST /api/v1/officer/risk/models': ADMIN,
  'POST /api/v1/officer/risk/models/:version/activate': ADMIN,
  'GET /api/v1/officer/risk/export': ADMIN,
  'POST /api/v1/officer/risk/rules/drafts/:id/publish': ADMIN,
  'POST /api/v1/officer/risk-exchange/partners': ADMIN,
  'POST /api/v1/officer/risk-exchange/partners/:code/keys': ADMIN,
  'POST /api/v1/officer/risk-exchange/partners/:code/keys/:keyId/revoke': ADMIN,
  'POST /api/v1/officer/risk-exchange/partners/:code/keys/:keyId/compromise': ADMIN,
  'GET /api/v1/officer/tax-refunds-due': ADMIN,
  'POST /api/v1/officer/tax-refunds-due/:id/resolve': ADMIN,
};

function accessOf(method: string, path: string): Access | null {
  const listed = ROUTES[`${method} ${path}`];
  if (listed) return listed;
  if (path.startsWith('/api/v1/admin/')) return ADMIN;
  if (path.startsWith('/api/v1/officer/')) return STAFF;
  if (path.startsWith('/api/v1/consumer/')) return CONSUMER;
  // The API's documentation, the UNI-PASS-compatible API (its own crkyCn keys, answered in XML), the portal's files.
  if (path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/ext/rest/') || !path.startsWith('/api')) return 'public';
  return null;
}

let t: TestPlatform;
const who: Record<Kind, Record<string, string>> = { operator: {}, officer: {}, admin: {}, consumer: {} };
let routes: { method: string; path: string }[] = [];

function routesOf(tree: string): { method: string; path: string }[] {
  const stack: string[] = [];
  const out: { method: string; path: string }[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│├└─\s]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1]!.length / 4;
    stack.push(m[2]!);
    for (const method of (m[3] ?? '').split(',').map((s) => s.trim()).filter(Boolean)) if (method !== 'HEAD') out.push({ method, path: stack.join('') });
  }
  return out;
}

beforeAll(async () => {
  t = await startTestPlatform({ rateLimits: false });
  const op = await t.operator('ACL');
  who.operator = { authorization: `Bearer ${op.key}` };
  who.officer = { authorization: `Bearer ${(await t.officer('acl-officer')).token}` };
  who.admin = { authorization: `Bearer ${(await t.officer('acl-admin', 'admin')).token}` };
  await t.platform.deps.consumers.upsertHolders([{ pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2030-12-31' }]);
  who.consumer = { authorization: `Bearer ${await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236')}` };
  routes = routesOf(t.platform.app.printRoutes({ commonPrefix: false }));
});
afterAll(async () => t?.close());

/** The route's path with made-up parameters (nothing they name exists), and a body no route accepts. */
const call = (method: string, path: string, headers: Record<string, string> = {}) =>
  api(t.base, method, path.replace(/:(\w+)/g, '999999').replace('*', 'x'), { headers, ...(method === 'GET' || method === 'DELETE' ? {} : { body: { unexpected: 1 } }) });

describe('every route', () => {
  it('is classified here', () => {
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => accessOf(r.method, r.path) === null).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // and nothing classified is gone (a stale line would vouch for nothing)
    const served = new Set(routes.map((r) => `${r.method} ${r.path}`));
    expect(Object.keys(ROUTES).filter((k) => !served.has(k))).toEqual([]);
  });

  it('answers 401 without credentials and 403 to a principal it does not admit, whatever is sent; those it admits get past the guard', { timeout: 300_000 }, async () => {
    const wrong: string[] = [];
    for (const { method, path } of routes) {
      const access = accessOf(method, path)!;
      const name = `${method} ${path}`;
      const none = await call(method, path);
      if (access === 'public') {
        if (none.status === 401 || none.status === 403) wrong.push(`${name}: public, answered ${none.status} without credentials`);
        continue;
      }
      if (access === 'signed') {
        if (none.status < 400) wrong.push(`${name}: authenticates itself, answered ${none.status} to an unsigned request`);
        continue;
      }
      if (none.status !== 401) wrong.push(`${name}: answered ${none.status} without credentials (a guard missing?)`);
      for (const kind of ['operator', 'officer', 'admin', 'consumer'] as const) {
        const admitted = access.includes(kind);
        if (admitted && name === 'POST /api/v1/auth/sign-out') continue; // it would end the session (test/integration/web-security.test.ts)
        const r = await call(method, path, who[kind]);
        const refused = r.status === 401 || (r.status === 403 && r.body?.error?.code === 'FORBIDDEN');
        if (admitted && refused) wrong.push(`${name}: refuses ${kind} (${r.status} ${r.body?.error?.code}), classified as admitted`);
        if (!admitted && !(r.status === 403 && r.body?.error?.code === 'FORBIDDEN')) wrong.push(`${name}: answered ${kind} ${r.status} ${r.body?.error?.code ?? ''}, expected 403 FORBIDDEN`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("one operator's resources, to another operator", () => {
  it('are not found: declarations, their taxes, webhooks and their deliveries, API keys', async () => {
    const a = await t.operator('ACL-A');
    const b = await t.operator('ACL-B');
    const as = (o: { key: string }) => ({ authorization: `Bearer ${o.key}` });
    const d = await api(t.base, 'POST', '/api/v1/declarations', { headers: as(a), body: { declarations: [declaration('ACL-1')] } });
    expect(d.status).toBe(200);
    const declarationId = d.body.results[0].declarationId as number;
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { headers: as(a), body: { url: 'https://hooks.example.com/a' } });
    expect(hook.status).toBe(201);
    const keys = await api(t.base, 'GET', '/api/v1/api-keys', { headers: as(a) });
    const keyId = keys.body.apiKeys[0].id as number;

    const attempts: [string, string, unknown?][] = [
      ['GET', `/api/v1/declarations/${declarationId}`],
      ['POST', `/api/v1/declarations/${declarationId}/withdraw`, { reason: '주문 취소' }],
      ['POST', `/api/v1/declarations/${declarationId}/tax-payments`, { method: 'card', amountKrw: 1000, cardNumber: '4111111111111111', cardExpiry: '12/30' }],
      ['GET', `/api/v1/webhooks/${hook.body.id}/deliveries`],
      ['DELETE', `/api/v1/webhooks/${hook.body.id}`],
      ['DELETE', `/api/v1/api-keys/${keyId}`],
    ];
    for (const [method, path, body] of attempts) {
      const r = await api(t.base, method, path, { headers: as(b), ...(body ? { body } : {}) });
      // Not found, as something that does not exist (a 403 would say it does).
      expect(r.status, `${method} ${path}: ${JSON.stringify(r.body).slice(0, 200)}`).toBe(404);
    }
    // A's things are as they were: the declaration not withdrawn, the webhook active, the key working.
    expect((await api(t.base, 'GET', `/api/v1/declarations/${declarationId}`, { headers: as(a) })).body.status).not.toBe('withdrawn');
    expect((await api(t.base, 'GET', '/api/v1/webhooks', { headers: as(a) })).body.webhooks[0]).toMatchObject({ id: hook.body.id, active: true });
    expect((await api(t.base, 'GET', '/api/v1/me', { headers: as(a) })).status).toBe(200);
    // B's lists hold nothing of A's.
    expect((await api(t.base, 'GET', '/api/v1/declarations', { headers: as(b) })).body.declarations).toEqual([]);
    expect((await api(t.base, 'GET', '/api/v1/webhooks', { headers: as(b) })).body.webhooks).toEqual([]);
    expect((await api(t.base, 'GET', '/api/v1/tax-notices', { headers: as(b) })).body.notices ?? []).toEqual([]);
  });
});
