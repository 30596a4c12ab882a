// What a browser is told and what it may do with the portal's session: security headers on every
// answer (src/http/security-headers.ts), the tg_session cookie's attributes, cross-site requests
// that carry it (src/http/auth.ts), and sign-out.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform, type Platform } from '../../src/main.ts';
import { DATA_CSP, PAGE_CSP } from '../../src/http/security-headers.ts';
import { api, consumerToken, startTestPlatform, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';

let t: TestPlatform;
let behindHttps: Platform;
// One key for both platforms on the one database (each opens the platform keys the other sealed).
const secretKey = crypto.randomBytes(32).toString('base64');

beforeAll(async () => {
  t = await startTestPlatform({ secretKey });
  // The same database served as https://tonggwan.example (a TLS proxy in front: PUBLIC_URL).
  behindHttps = await createPlatform(testConfig({ secretKey, publicUrl: 'https://tonggwan.example', riskWorker: false }), { db: t.db, files: await referenceFiles() });
  for (const [username, role] of [['sec-officer', 'officer'], ['sec-admin', 'admin']] as const)
    await t.platform.deps.access.createUser({ username, displayName: username, role, passwordHash: await t.platform.deps.secrets.hashPassword(`pw-${username}`) });
});
afterAll(async () => {
  await behindHttps?.close();
  await t?.close();
});

async function signIn(base: string, username: string): Promise<{ token: string; setCookie: string; cookie: string }> {
  const r = await api(base, 'POST', '/api/v1/auth/sign-in', { body: { username, password: `pw-${username}` } });
  expect(r.status).toBe(200);
  const setCookie = r.headers.get('set-cookie') ?? '';
  return { token: r.body.token, setCookie, cookie: setCookie.split(';')[0]! };
}

describe('security headers', () => {
  it('every answer: no type sniffing, no framing, no Referer; API data may run nothing; HTML pages only their own scripts', async () => {
    const answers = {
      json: await api(t.base, 'GET', '/api/health'),
      error: await api(t.base, 'GET', '/api/v1/nope'),
      unauthenticated: await api(t.base, 'GET', '/api/v1/me'),
      xml: await api(t.base, 'GET', '/ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo?crkyCn=x&qryYymmDd=20261203&imexTp=2'),
      csv: await api(t.base, 'GET', '/api/v1/statistics/monthly.csv?from=2026-01&to=2026-02&dimension=route'),
      page: await api(t.base, 'GET', '/api/docs/static/index.html'),
    };
    for (const [what, r] of Object.entries(answers)) {
      expect(r.headers.get('x-content-type-options'), what).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), what).toBe('DENY');
      expect(r.headers.get('referrer-policy'), what).toBe('no-referrer');
      expect(r.headers.get('strict-transport-security'), what).toBeNull(); // http: HSTS would be ignored
    }
    expect(answers.xml.headers.get('content-type')).toMatch(/xml/);
    expect(answers.csv.headers.get('content-type')).toMatch(/^text\/csv/);
    for (const what of ['json', 'error', 'unauthenticated', 'xml', 'csv'] as const) expect(answers[what].headers.get('content-security-policy'), what).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(answers.page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = answers.page.headers.get('content-security-policy') ?? '';
    expect(csp).toBe(PAGE_CSP);
    // No inline script but the offline page's one handler (by hash), no eval, no plugins, never framed.
    expect(csp).toContain("script-src 'self' 'unsafe-hashes' 'sha256-");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(DATA_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it('answers to a signed-in person are kept by no cache: a shared phone keeps no copy of their parcels after sign-out', async () => {
    // Before, these answers had no Cache-Control and Chromium wrote them to its disk cache, where the
    // PCCC, name, parcels and ledger stayed after signing out and closing the app.
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P700000000004', name: '한다온', phone: '01070000004', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2030-12-31' }]);
    const token = await consumerToken(t.base, 'P700000000004', '한다온', '010-7000-0004', '06236');
    const officer = await signIn(t.base, 'sec-officer');
    const personal = {
      declarations: await api(t.base, 'GET', '/api/v1/consumer/declarations', { token }),
      ledger: await api(t.base, 'GET', '/api/v1/consumer/ledger', { token }),
      code: await api(t.base, 'GET', '/api/v1/consumer/pccc', { token }),
      me: await api(t.base, 'GET', '/api/v1/me', { token }),
      officerByCookie: await api(t.base, 'GET', '/api/v1/me', { headers: { cookie: officer.cookie } }),
      verification: await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: 'P700000000004', name: '한다온', phone: '010-7000-0004', postcode: '06236' } }),
    };
    for (const [what, r] of Object.entries(personal)) {
      expect(r.status, what).toBeLessThan(300);
      expect(r.headers.get('cache-control'), what).toBe('no-store');
    }
    // A route's own caching stays: the public estimator's reference data.
    const estimator = await api(t.base, 'GET', '/api/v1/reference/estimator');
    expect([estimator.status, estimator.headers.get('cache-control')]).toEqual([200, 'public, max-age=300']);
  });

  it('served over https (PUBLIC_URL https://…): HSTS too', async () => {
    const r = await api(behindHttps.url, 'GET', '/api/health');
    expect(r.headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});

describe('the officer session cookie', () => {
  it('is HttpOnly and SameSite=Strict; Secure only when the portal is served over https', async () => {
    const plain = await signIn(t.base, 'sec-officer');
    expect(plain.setCookie).toMatch(/^tg_session=tgs_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=43200$/); // 12 h × 3,600 s
    const tls = await signIn(behindHttps.url, 'sec-officer');
    expect(tls.setCookie).toMatch(/^tg_session=tgs_[^;]+; Path=\/; HttpOnly; SameSite=Strict; Secure; Max-Age=43200$/);
    // Each sign-in is a new session: a token known before signing in (fixation) is never the one handed out.
    expect(tls.token).not.toBe(plain.token);
  });

  it('does not authenticate a state-changing request another origin made the browser send (CSRF); the same origin, a safe method or a bearer token do', async () => {
    const admin = await signIn(t.base, 'sec-admin');
    const host = new URL(t.base).host;
    const create = (code: string, headers: Record<string, string>) => api(t.base, 'POST', '/api/v1/admin/operators', { headers: { cookie: admin.cookie, ...headers }, body: { code, name: `${code} Ltd`, role: 'marketplace' } });
    // A page on a sibling origin of the same site (SameSite=Strict lets its requests carry the cookie).
    for (const [code, headers] of [
      ['CSRFA', { 'sec-fetch-site': 'same-site', origin: 'https://evil.tonggwan.example' }],
      ['CSRFB', { 'sec-fetch-site': 'cross-site' }],
      ['CSRFC', { origin: 'https://evil.example' }], // an older browser: no Sec-Fetch-Site, its Origin is not this host
      ['CSRFD', { origin: 'null' }],
    ] as const) {
      const r = await create(code, headers);
      expect(r.status, code).toBe(401);
      expect(r.body.error.code).toBe('UNAUTHENTICATED');
    }
    const operators = (await api(t.base, 'GET', '/api/v1/admin/operators', { headers: { cookie: admin.cookie, 'sec-fetch-site': 'cross-site' } })).body.operators as { code: string }[];
    expect(operators.map((o) => o.code).filter((c) => c.startsWith('CSRF'))).toEqual([]); // a safe method reads with the cookie; nothing was created
    expect((await create('CSRFE', { 'sec-fetch-site': 'same-origin', origin: t.base })).status).toBe(201);
    expect((await create('CSRFF', { origin: `http://${host}` })).status).toBe(201);
    expect((await create('CSRFG', {})).status).toBe(201); // no browser headers (curl with the cookie)
    // A code in use names the body field it came in (before: details.path 'code', no field of any request).
    const taken = await create('CSRFG', {});
    expect([taken.status, taken.body.error.code, taken.body.error.details]).toEqual([409, 'OPERATOR_CODE_TAKEN', { path: 'body.code' }]);
    // An API client sends its token itself: no browser can be made to add it.
    expect((await api(t.base, 'POST', '/api/v1/admin/operators', { token: admin.token, headers: { 'sec-fetch-site': 'cross-site' }, body: { code: 'CSRFH', name: 'H Ltd', role: 'marketplace' } })).status).toBe(201);
  });

  it('sign-out ends the session for the cookie and the bearer token alike, and clears the cookie', async () => {
    const s = await signIn(t.base, 'sec-officer');
    // A cross-site sign-out is not one (it would be a nuisance, not a breach, but it is no request of the officer's).
    expect((await api(t.base, 'POST', '/api/v1/auth/sign-out', { headers: { cookie: s.cookie, 'sec-fetch-site': 'cross-site' } })).status).toBe(401);
    expect((await api(t.base, 'GET', '/api/v1/me', { headers: { cookie: s.cookie } })).status).toBe(200);
    const out = await api(t.base, 'POST', '/api/v1/auth/sign-out', { headers: { cookie: s.cookie, 'sec-fetch-site': 'same-origin' } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toBe('tg_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
    expect((await api(t.base, 'GET', '/api/v1/me', { headers: { cookie: s.cookie } })).status).toBe(401);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: s.token })).status).toBe(401);
  });
});

describe('guessing a consumer verification code', () => {
  it('5 guesses per code, and 5 unused codes per PCCC in 15 minutes: at most 25 guesses of 1,000,000 in a quarter hour, and 5 SMS; codes used do not count', async () => {
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P700000000002', name: '윤가람', phone: '01070000002', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2030-12-31' }]);
    // From one address, below its own limit (20 a minute): the limit here is the PCCC's, which no change of address gets around.
    const start = () => api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: 'P700000000002', name: '윤가람', phone: '010-7000-0002', postcode: '06236' } });
    const first = await start();
    expect(first.status).toBe(201);
    // Six wrong codes against one challenge: the sixth is refused even if it were right.
    const guesses: { status: number; body: { error: unknown } }[] = [];
    for (let i = 0; i < 6; i++) guesses.push(await api(t.base, 'POST', `/api/v1/consumer/verification/${first.body.challengeId}/complete`, { body: { code: String(100000 + i) } }));
    expect(guesses.map((g) => g.status)).toEqual([401, 401, 401, 401, 401, 401]);
    const inbox = await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01070000002');
    const code = /인증번호 (\d{6})/.exec(inbox.body.notifications[0].body)![1]!;
    const exhausted = await api(t.base, 'POST', `/api/v1/consumer/verification/${first.body.challengeId}/complete`, { body: { code } }); // attempts used up
    const unknown = await api(t.base, 'POST', '/api/v1/consumer/verification/vch_no-such-challenge/complete', { body: { code } });
    // One answer for every cause (wrong code, attempts used up, no such challenge), naming the field the
    // consumer typed, as other refusals name theirs; nothing in it tells the causes apart.
    const oneAnswer = { code: 'CHALLENGE_INVALID', message: 'The code is wrong or expired.', ko: '인증번호가 올바르지 않거나 만료되었습니다.', en: 'The code is wrong or expired.', details: { path: 'body.code' } };
    for (const r of [guesses[0]!, guesses[5]!, exhausted, unknown]) expect([r.status, r.body.error]).toEqual([401, oneAnswer]);
    // Four more codes (5 in all), then the PCCC gets no more for now.
    for (let i = 2; i <= 5; i++) expect((await start()).status).toBe(201);
    const sixth = await start();
    expect(sixth.status).toBe(429);
    expect(sixth.body.error).toMatchObject({ code: 'VERIFICATION_RATE_LIMITED', en: 'Too many unused codes were asked for this PCCC (5 in 15 minutes); try again in 15 minutes.' });
    const sent = await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01070000002');
    expect(sent.body.notifications.filter((n: { body: string }) => n.body.includes('인증번호'))).toHaveLength(5); // no SMS for the refused one

    // The holder who signs in (and uses each code) can do so again and again: 7 times here.
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P700000000003', name: '서하준', phone: '01070000003', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2030-12-31' }]);
    for (let i = 0; i < 7; i++) expect(await consumerToken(t.base, 'P700000000003', '서하준', '010-7000-0003', '06236')).toMatch(/^tgc_/);
  });
});

describe('guessing a staff password', () => {
  const signInFrom = (remoteAddress: string, username: string, password: string) =>
    t.platform.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { username, password }, remoteAddress });

  it('from one address: after 10 failures under one username in 15 minutes that address is refused, the right password too; the officer signs in from another, other officers too', async () => {
    const wrong: number[] = [];
    for (let i = 0; i < 10; i++) wrong.push((await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'sec-admin', password: `guess-${i}` } })).status);
    expect(wrong).toEqual(Array(10).fill(401));
    const right = await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'SEC-ADMIN', password: 'pw-sec-admin' } });
    expect(right.status).toBe(429);
    expect(right.body.error).toMatchObject({
      code: 'SIGN_IN_RATE_LIMITED',
    });
    // the lock's figures (10 in 15 minutes, SIGN_IN_POLICY) and the wait, Retry-After's (the window opened at the first guess: at most 15 min)
    expect(right.body.error.ko).toMatch(/^이 주소에서 이 사용자 이름으로 로그인에 너무 많이 실패했습니다\(15분에 10번\)\. (1[0-5]분|\d+분 \d+초) 후 다시 시도하세요\.$/);
    expect(right.body.error.en).toMatch(/^Too many failed sign-ins under this username from this address \(10 in 15 minutes\); try again in (1[0-5] min|\d+ min \d+ s)\.$/);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(right.headers.get('retry-after'))).toBeLessThanOrEqual(15 * 60);
    expect(right.headers.get('set-cookie')).toBeNull();
    // The guesser's address is locked, not the account: the administrator signs in from their own.
    expect((await signInFrom('198.51.100.20', 'sec-admin', 'pw-sec-admin')).statusCode).toBe(200);
    expect((await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'sec-officer', password: 'pw-sec-officer' } })).status).toBe(200);
  });

  it('from many addresses: past 20 failures under one username in an hour each attempt waits (Retry-After), except from an address it signed in from', async () => {
    await t.platform.deps.access.createUser({ username: 'sec-spread', displayName: 'sec-spread', role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword('pw-sec-spread') });
    expect((await signInFrom('198.51.100.30', 'sec-spread', 'pw-sec-spread')).statusCode).toBe(200); // the officer's desk
    const wrong: number[] = [];
    for (let i = 0; i < 20; i++) wrong.push((await signInFrom(`203.0.113.${i}`, 'sec-spread', `guess-${i}`)).statusCode);
    expect(wrong).toEqual(Array(20).fill(401)); // one failure per address: no address is locked
    // More guesses from fresh addresses: each must come 1, 2, 4, 8 … s after the last failure, so within a few they are refused unchecked.
    let slowedAfter = 0;
    while (slowedAfter < 10 && (await signInFrom(`203.0.113.${100 + slowedAfter}`, 'sec-spread', `guess-more-${slowedAfter}`)).statusCode === 401) slowedAfter++;
    expect(slowedAfter).toBeLessThan(10); // 10 unrefused would have taken 1 + 2 + … + 512 = 1,023 s
    // Now the right password from a stranger's address waits too (it is not checked), and is told how long in both languages.
    const next = await signInFrom('203.0.113.250', 'sec-spread', 'pw-sec-spread');
    expect(next.statusCode).toBe(429);
    const error = next.json().error;
    const wait = Number(next.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    // The wait written out by hand: under a minute in seconds, else minutes and seconds (e.g. 292 → 4분 52초 / 4 min 52 s).
    const [m, s] = [Math.floor(wait / 60), wait % 60];
    const waitKo = m === 0 ? `${s}초` : s === 0 ? `${m}분` : `${m}분 ${s}초`;
    const waitEn = m === 0 ? `${s} s` : s === 0 ? `${m} min` : `${m} min ${s} s`;
    expect(error).toMatchObject({
      code: 'SIGN_IN_SLOWED',
      ko: `이 사용자 이름으로 여러 곳에서 로그인에 실패한 횟수가 많아 속도를 제한합니다. ${waitKo} 후 다시 시도하세요.`,
      en: `Many failed sign-ins under this username from several addresses: sign-ins are slowed; try again in ${waitEn}.`,
    });
    expect(next.headers['set-cookie']).toBeUndefined();
    // The officer's desk is not slowed.
    expect((await signInFrom('198.51.100.30', 'sec-spread', 'pw-sec-spread')).statusCode).toBe(200);
  });
});

describe('public lookups: a limit per client address without credentials (LOOKUP_RATE_LIMIT)', () => {
  const platforms: Platform[] = [];
  afterAll(async () => {
    for (const p of platforms) await p.close();
  });
  const start = async (lookupRateLimit: number) => {
    const p = await createPlatform(testConfig({ secretKey, lookupRateLimit, riskWorker: false }), { db: t.db, files: await referenceFiles() });
    platforms.push(p);
    return p;
  };
  const CARGO = '/api/v1/lookup/cargo/TGW2612039999999';

  it('5 a minute: the 6th from one address answers 429 in Korean and English with Retry-After; other addresses, an API key and the B/L route are not held back', async () => {
    const p = await start(5);
    const from = (remoteAddress: string, url = CARGO, headers: Record<string, string> = {}) => p.app.inject({ method: 'GET', url, remoteAddress, headers });
    const five: number[] = [];
    for (let i = 0; i < 5; i++) five.push((await from('198.51.100.50')).statusCode);
    expect(five).toEqual([404, 404, 404, 404, 404]); // an unknown number: answered, and counted
    const sixth = await from('198.51.100.50');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error).toMatchObject({ code: 'RATE_LIMITED', ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.', en: 'Too many requests; try again later.' });
    const wait = Number(sixth.headers['retry-after']);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(sixth.headers['x-content-type-options']).toBe('nosniff');
    expect((await from('198.51.100.51')).statusCode).toBe(404); // another address has its own count
    expect((await from('198.51.100.50', '/api/v1/lookup/bl?hblNo=NONE1&blYear=2026')).statusCode).toBe(200); // the B/L route counts on its own
    // An operator's API key from the limited address: its lookups are not counted (its key answers for them).
    const op = await t.operator('SECLOOKUP');
    for (let i = 0; i < 7; i++) expect((await from('198.51.100.50', CARGO, { authorization: `Bearer ${op.key}` })).statusCode).toBe(404);
    // A key that is not valid is no credential: counted and refused like none.
    expect((await from('198.51.100.50', CARGO, { authorization: 'Bearer tgk_not-a-key' })).statusCode).toBe(429);
  });

  it('behind a proxy named in TRUST_PROXY the client is the X-Forwarded-For address; without it a client cannot name one', async () => {
    const behind = await createPlatform(testConfig({ secretKey, lookupRateLimit: 2, riskWorker: false, trustProxy: '10.0.0.7' }), { db: t.db, files: await referenceFiles() });
    platforms.push(behind);
    const viaProxy = (client: string) => behind.app.inject({ method: 'GET', url: CARGO, remoteAddress: '10.0.0.7', headers: { 'x-forwarded-for': client } });
    // Two clients behind one proxy: each has its own count (2 a minute), not the proxy's.
    expect([(await viaProxy('203.0.113.1')).statusCode, (await viaProxy('203.0.113.1')).statusCode, (await viaProxy('203.0.113.1')).statusCode]).toEqual([404, 404, 429]);
    expect((await viaProxy('203.0.113.2')).statusCode).toBe(404);
    // Not trusted (the default): a forwarded address is ignored, so changing it does not reset the count.
    const direct = await start(2);
    const spoof = (claimed: string) => direct.app.inject({ method: 'GET', url: CARGO, remoteAddress: '198.51.100.70', headers: { 'x-forwarded-for': claimed } });
    expect([(await spoof('203.0.113.3')).statusCode, (await spoof('203.0.113.4')).statusCode, (await spoof('203.0.113.5')).statusCode]).toEqual([404, 404, 429]);
  });

  it('0: no limit (the lookup bench sets it so, 8 clients on 127.0.0.1)', async () => {
    const p = await start(0);
    const statuses = new Set<number>();
    for (let i = 0; i < 20; i++) statuses.add((await p.app.inject({ method: 'GET', url: CARGO, remoteAddress: '198.51.100.60' })).statusCode);
    expect([...statuses]).toEqual([404]);
  });
});
