// Consumer identity over HTTP on a real PostgreSQL: the registry (API028 on top of it), consent
// requests (validation, PCCC check, rate limit, expiry, wrong number), consent tokens at intake
// (verified, missing, tampered order, replay, expired, forged), "not me" and the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, generateKeyPair } from 'jose';
import { api, consumerToken, declaration, requestWithHost, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { consumerSessionOn } from '../support/holder-notices.ts';
import type { IdentityDeps } from '../../src/app/identity-deps.ts';
import { softwarePasskey } from '../support/software-passkey.ts';
import { PgRenewalReminders } from '../../src/adapters/identity/pg-renewal-reminders.ts';
import { RENEWAL_CLAIM_LEASE_MS, remindRenewals } from '../../src/app/remind-renewals.ts';
import { holderNotifier } from '../../src/adapters/notifications/holder-notifier.ts';
import type { Notifier } from '../../src/app/ports.ts';

let t: TestPlatform;
let mall: { id: number; key: string; code: string };
let other: { id: number; key: string; code: string };
let officer: { token: string };
let id: IdentityDeps;
let pccc = '';
const NAME = '김하나';
const PHONE = '010-9876-5432';

const order = (orderNo: string, over: Record<string, unknown> = {}) => ({
  pccc,
  consigneeName: NAME,
  consigneePhone: PHONE,
  postcode: '06236',
  platform: 'Amazon',
  seller: 'Nike Store',
  orderNo,
  items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }],
  total: 40,
  currency: 'USD',
  ...over,
});

const decl = (ref: string, orderNo: string, token: string | null, over: Record<string, unknown> = {}) =>
  declaration(ref, {
    consignee: { name: NAME, pccc, phone: PHONE, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' },
    order: { orderNo, purchasedAt: '2026-11-15', currency: 'USD' },
    ...(token ? { consent: { token } } : {}),
    ...over,
  });

/** Approve a request as the phone would after a verified passkey assertion (the ceremony itself runs in the browser tests). */
async function approve(requestId: string): Promise<string> {
  const now = t.platform.deps.clock.now();
  expect(await id.identity.decideConsentRequest(requestId, { status: 'approved', credentialId: 'test', tokenId: id.secrets.randomToken('ct_') }, now)).toBe(true);
  const s = await api(t.base, 'GET', `/api/v1/consent-requests/${requestId}`, { token: mall.key });
  expect(s.body.status).toBe('approved');
  return s.body.token as string;
}

/** A consumer session as a sign-in leaves it (the sign-in route's per-address limit is near in this file). */
const sessionOn = (code: string) => consumerSessionOn(t, code);
const liveSessions = async (code: string) =>
  (await t.db.pool.query(`SELECT count(*)::int AS n FROM sessions WHERE kind = 'consumer' AND pccc = $1 AND revoked_at IS NULL`, [code])).rows[0].n as number;

beforeAll(async () => {
  t = await startTestPlatform();
  mall = await t.operator('MALL');
  other = await t.operator('OTHERMALL');
  officer = await t.officer('officer-id');
  id = t.platform.deps.identity!.deps;
  const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: NAME, phone: PHONE, postcodes: ['06236', '04524'], email: 'hana@example.com' } });
  expect(issued.status).toBe(201);
  pccc = issued.body.pccc;
});
afterAll(async () => t?.close());

describe('PCCC registry', () => {
  it('issues P + 12 digits with a year of validity, and API028 checks name + mobile + postcode against it', async () => {
    expect(pccc).toMatch(/^P\d{12}$/);
    const h = await id.registry.find(pccc);
    expect(h!.postcodes).toEqual(['06236', '04524']);
    const many = await id.registry.findMany([pccc.toLowerCase(), ` ${pccc}`, 'P000000000000']);
    expect([...many.keys()]).toEqual([pccc]);
    expect(many.get(pccc)).toEqual(h);
    expect(Number(h!.expiresOn.slice(0, 4)) - Number(h!.issuedOn.slice(0, 4))).toBe(1);
    const q = (zip: string) =>
      api(t.base, 'GET', `/ext/rest/persEcmQry/retrievePersEcm?crkyCn=TONGGWAN-DEMO-API028&persEcm=${pccc}&pltxNm=${encodeURIComponent(NAME)}&cralTelno=01098765432&custPsno=${zip}`);
    expect(String((await q('04524')).body)).toContain('<tCnt>1</tCnt>');
    expect(String((await q('99999')).body)).toContain('<tCnt>0</tCnt>');
  });

  it('reissues (the old code dies at once, within the yearly limit), suspends, resumes, and audits each change', async () => {
    const first = await id.registry.issue({ name: '홍길동', phone: '01011112222', postcodes: ['12345'] }, { kind: 'system', id: null });
    expect(first.ok).toBe(true);
    const code = first.ok ? first.value.pccc : '';
    const re = await id.registry.reissue(code, { kind: 'system', id: null });
    expect(re.ok).toBe(true);
    if (!re.ok) return;
    expect(re.value.previous.status).toBe('cancelled');
    expect(re.value.current.pccc).not.toBe(code);
    expect((await id.registry.check({ pccc: code, name: '홍길동', phone: '01011112222', postcode: '12345' })).mismatches).toContain('notInUse');
    expect((await id.registry.check({ pccc: re.value.current.pccc, name: '홍길동', phone: '01011112222', postcode: '12345' })).matched).toBe(true);
    let current = re.value.current.pccc;
    for (let i = 0; i < 4; i++) {
      const r = await id.registry.reissue(current, { kind: 'system', id: null });
      expect(r.ok).toBe(true);
      if (r.ok) current = r.value.current.pccc;
    }
    const over = await id.registry.reissue(current, { kind: 'system', id: null });
    expect(over.ok ? null : over.error.code).toBe('REISSUE_LIMIT_REACHED');
    expect((await id.registry.suspend(current, 'test', { kind: 'system', id: null })).ok).toBe(true);
    expect((await id.registry.check({ pccc: current, name: '홍길동', phone: '01011112222' })).matched).toBe(false);
    expect((await id.registry.resume(current, { kind: 'system', id: null })).ok).toBe(true);
    const history = await id.registry.history(re.value.current.holderId);
    expect(history.map((e) => e.action)).toEqual(expect.arrayContaining(['issue', 'reissue', 'suspend', 'resume']));
    const renew = await id.registry.renew(current, { kind: 'system', id: null });
    expect(renew.ok ? null : renew.error.code).toBe('RENEWAL_NOT_ALLOWED'); // a year away from expiry
    const tooMany = await id.registry.setPostcodes(current, Array.from({ length: 21 }, (_, i) => String(10000 + i)), { kind: 'system', id: null });
    expect(tooMany.ok ? null : tooMany.error.code).toBe('TOO_MANY_POSTCODES');
  });
});

describe('consent requests', () => {
  it('answers with a QR code, a deep link and a matching number; refuses bad orders and unmatched identities', async () => {
    const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-100') });
    expect(r.status).toBe(201);
    expect(r.body.qr.png).toMatch(/^data:image\/png;base64,/);
    expect(r.body.qr.svg).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(r.body.deepLink).toContain(`/consent/${r.body.id}`);
    expect(r.body.matchingNumber).toMatch(/^\d{2}$/);
    const view = await api(t.base, 'GET', `/api/v1/consent/${r.body.id}`);
    // the link is the capability: the order names the PCCC and the postcode masked only, under their own names
    expect(view.body.order).not.toHaveProperty('pccc');
    expect(view.body.order).not.toHaveProperty('postcode');
    expect(view.body.order.postcodeMasked).toBe('062**');
    expect(JSON.stringify(view.body)).not.toContain('06236');
    expect(view.body.order.pcccMasked).toBe(`${pccc.slice(0, 3)}********${pccc.slice(-2)}`);
    expect(JSON.stringify(view.body)).not.toContain(pccc);
    expect(view.body.choices).toContain(r.body.matchingNumber);
    expect(view.body.choices).toHaveLength(3);
    // An order that does not add up is refused as any other bad body: 400 VALIDATION_FAILED, field errors naming
    // body.<field> (before: 422 CONSENT_REQUEST_INVALID with its own details.problems, paths without 'body.').
    // 1 item × 40 = 40, not 41. Several at once: each named.
    const sum = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-101', { total: 41 }) });
    expect([sum.status, sum.body.error.code, sum.body.error.details]).toEqual([
      400,
      'VALIDATION_FAILED',
      [{ path: 'body.total', code: 'total_mismatch', ko: '합계는 단가 × 수량의 합과 같아야 합니다.', en: 'The total must equal the sum of unit price × quantity.' }],
    ]);
    const two = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-103', { postcode: '0623', items: [{ description: '   ', quantity: 1, price: 40 }] }) });
    expect([two.status, two.body.error.details.map((e: { path: string; code: string }) => `${e.path} ${e.code}`)]).toEqual([400, ['body.postcode postcode_invalid', 'body.items[0].description description_missing']]);
    // a currency no declaration may carry (currency_unknown at intake): the buyer is not asked to approve it
    const zzz = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-104', { currency: 'ZZZ' }) });
    expect([zzz.status, zzz.body.error.code, zzz.body.error.details]).toEqual([400, 'VALIDATION_FAILED', [{ path: 'body.currency', code: 'currency_unknown', ko: 'ISO 4217 통화코드가 아닙니다: ZZZ.', en: 'Not an ISO 4217 currency code: ZZZ.', params: { value: 'ZZZ' } }]]);
    // The address the consumer is sent back to: no credentials, and none before @ to pass for the shop's name (before: accepted as given).
    for (const returnUrl of ['https://mall.example@evil.example/done', 'https://user:pw@mall.example/done', 'javascript:alert(1)', 'https://']) {
      const bad = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-URL', { returnUrl }) });
      expect([bad.status, bad.body.error.code, bad.body.error.details.map((p: { path: string }) => p.path)], returnUrl).toEqual([400, 'VALIDATION_FAILED', ['body.returnUrl']]);
    }

    const wrongZip = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-102', { postcode: '99999' }) });
    expect([wrongZip.status, wrongZip.body.error.code]).toEqual([422, 'CONSENT_PCCC_CHECK_FAILED']);
    expect((await api(t.base, 'POST', '/api/v1/consent-requests', { body: order('A-103') })).status).toBe(401);
    // another operator cannot read the request or its token
    expect((await api(t.base, 'GET', `/api/v1/consent-requests/${r.body.id}`, { token: other.key })).status).toBe(404);
  });

  it('a wrong matching number cancels the request; an expired request cannot be decided', async () => {
    const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-200') });
    const wrong = String(((Number(r.body.matchingNumber) - 10 + 1) % 90) + 10);
    const o = await api(t.base, 'POST', `/api/v1/consent/${r.body.id}/options`, { body: { decision: 'approve', number: wrong } });
    expect([o.status, o.body.error.code, o.body.error.details]).toEqual([403, 'CONSENT_NUMBER_MISMATCH', { path: 'body.number' }]); // the field at fault (before: no details)
    const s = await api(t.base, 'GET', `/api/v1/consent-requests/${r.body.id}`, { token: mall.key });
    expect([s.body.status, s.body.refusal, s.body.token]).toEqual(['refused', 'wrong_number', null]);
    const again = await api(t.base, 'POST', `/api/v1/consent/${r.body.id}/options`, { body: { decision: 'approve', number: r.body.matchingNumber } });
    expect(again.body.error.code).toBe('CONSENT_NOT_PENDING');

    const e = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('A-201') });
    await t.db.pool.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [e.body.id]);
    const late = await api(t.base, 'POST', `/api/v1/consent/${e.body.id}/options`, { body: { decision: 'approve', number: e.body.matchingNumber } });
    expect([late.status, late.body.error.code]).toEqual([410, 'CONSENT_EXPIRED']);
    expect((await api(t.base, 'GET', `/api/v1/consent-requests/${e.body.id}`, { token: mall.key })).body.status).toBe('expired');
  });

  it('a request past its deadline that no one opened is recorded expired by the first to open it: the shop reading its status, or the phone its view', async () => {
    const stored = async (requestId: string) => (await t.db.pool.query(`SELECT status, decided_at FROM consent_requests WHERE id = $1`, [requestId])).rows[0];
    // another holder: requests count against each holder's limit per 10 minutes
    const holder = await id.registry.issue({ name: '박두리', phone: '01077778888', postcodes: ['06236'] }, { kind: 'system', id: null });
    const theirs = (orderNo: string) => order(orderNo, { pccc: holder.ok ? holder.value.pccc : '', consigneeName: '박두리', consigneePhone: '01077778888' });
    const byShop = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: theirs('A-210') });
    const byPhone = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: theirs('A-211') });
    expect([byShop.status, byPhone.status]).toEqual([201, 201]);
    await t.db.pool.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [[byShop.body.id, byPhone.body.id]]);
    expect((await stored(byShop.body.id)).status).toBe('pending');

    const s = await api(t.base, 'GET', `/api/v1/consent-requests/${byShop.body.id}`, { token: mall.key });
    expect([s.body.status, s.body.token]).toEqual(['expired', null]);
    expect(await stored(byShop.body.id)).toMatchObject({ status: 'expired', decided_at: expect.any(Date) });

    const v = await api(t.base, 'GET', `/api/v1/consent/${byPhone.body.id}`);
    expect([v.status, v.body.status, v.body.choices]).toEqual([200, 'expired', []]);
    expect((await stored(byPhone.body.id)).status).toBe('expired');
  });

  it('builds the deep link from a loopback Host only: a forged Host does not reach the link (no PUBLIC_URL)', async () => {
    const holder = await id.registry.issue({ name: '정호스트', phone: '01033334444', postcodes: ['06236'] }, { kind: 'system', id: null });
    const code = holder.ok ? holder.value.pccc : '';
    const body = (orderNo: string) => order(orderNo, { pccc: code, consigneeName: '정호스트', consigneePhone: '01033334444' });
    const port = new URL(t.base).port;
    const forged = await requestWithHost(t.base, 'POST', '/api/v1/consent-requests', 'evil.example:8443', { token: mall.key, body: body('H-1') });
    expect(forged.status).toBe(201);
    const link = JSON.parse(forged.body.toString('utf8')) as { id: string; deepLink: string };
    expect(link.deepLink).toBe(`http://localhost:${port}/consent/${encodeURIComponent(link.id)}`);
    expect(forged.body.toString('utf8')).not.toContain('evil.example');
    // the development case: a loopback Host is kept as sent
    const local = await requestWithHost(t.base, 'POST', '/api/v1/consent-requests', `127.0.0.1:${port}`, { token: mall.key, body: body('H-2') });
    expect((JSON.parse(local.body.toString('utf8')) as { deepLink: string }).deepLink).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/consent/`));
  });

  it('limits requests per PCCC (approval fatigue)', async () => {
    const target = await id.registry.issue({ name: '최다', phone: '01055556666', postcodes: ['06236'] }, { kind: 'system', id: null });
    const code = target.ok ? target.value.pccc : '';
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: other.key, body: order(`R-${i}`, { pccc: code, consigneeName: '최다', consigneePhone: '01055556666' }) });
      statuses.push(r.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('a holder whose only passkey is in its cooling period is told so, with when it ends (details.usableFrom), not that none is registered', async () => {
    const target = await id.registry.issue({ name: '대기', phone: '01077778888', postcodes: ['06236'] }, { kind: 'system', id: null });
    const code = target.ok ? target.value.pccc : '';
    const body = order('W-1', { pccc: code, consigneeName: '대기', consigneePhone: '01077778888' });
    const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: other.key, body });
    const options = () => api(t.base, 'POST', `/api/v1/consent/${r.body.id}/options`, { body: { decision: 'approve', number: r.body.matchingNumber } });
    // No passkey at all: NO_PASSKEY as before, nothing to wait for.
    const none = await options();
    expect([none.status, none.body.error.code, none.body.error.details]).toEqual([409, 'NO_PASSKEY', undefined]);
    // A passkey added on SMS proof next to one since removed (a lost phone): usable only 24 hours after it was added.
    const holder = (await id.registry.find(code))!;
    const usableFrom = new Date(t.platform.deps.clock.now().getTime() + 24 * 3600_000).toISOString();
    const key = softwarePasskey();
    await id.identity.addPasskey(
      { credentialId: key.credentialId, holderId: holder.holderId, publicKey: key.publicKey, counter: 0, transports: ['internal'], deviceType: 'singleDevice', backedUp: false, registeredVia: 'otp' },
      () => ({ label: 'new phone', usableFrom }),
    );
    const waiting = await options();
    expect([waiting.status, waiting.body.error.code, waiting.body.error.details]).toEqual([409, 'NO_PASSKEY', { usableFrom }]);
    expect(waiting.body.error.ko).toContain('보안 대기');
    expect(waiting.body.error.en).toContain('waiting period');
  });
});

/** The same declaration with another gross weight (a correction that does not touch the consented order). */
function reweighed(d: unknown, grossWeightKg: number): Record<string, unknown> {
  const x = d as Record<string, unknown> & { shipment: Record<string, unknown> };
  return { ...x, shipment: { ...x.shipment, grossWeightKg } };
}

describe('consent at intake', () => {
  it('verified consent → VERIFIED_CONSUMER; the same token again → refused as reused; the retry of the same ref is still fine', async () => {
    const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('B-1') });
    const token = await approve(r.body.id);
    const jwks = await api(t.base, 'GET', '/api/v1/identity/jwks.json');
    expect(jwks.body.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
    expect(jwks.body.keys[0].d).toBeUndefined();
    const first = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [decl('C-1', 'B-1', token)] } });
    const a = first.body.results[0].assessment;
    expect(a.signals).toContain('VERIFIED_CONSUMER');
    expect(a.reasons.map((x: { code: string }) => x.code)).toContain('CONSENT_VERIFIED');
    const replay = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [decl('C-2', 'B-1', token)] } });
    expect(replay.body.results[0].assessment.signals).toContain('CONSENT_MISMATCH');
    expect(replay.body.results[0].assessment.reasons.map((x: { code: string }) => x.code)).toContain('CONSENT_TOKEN_REUSED');
    const retry = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [decl('C-1', 'B-1', token)] } });
    expect(retry.body.results[0]).toMatchObject({ status: 'accepted', replayed: true });
    // a correction of the same declaration (same operator and ref) keeps its verified consent
    const id = first.body.results[0].declarationId;
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, {
      token: mall.key,
      body: { reason: '중량 정정', declaration: reweighed(decl('C-1', 'B-1', token), 1.2) },
    });
    expect(amended.status).toBe(200);
    expect(amended.body.assessment.signals).toContain('VERIFIED_CONSUMER');
  });

  it('a tampered order (other items, value or postcode) is a mismatch naming the fields', async () => {
    const r = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('B-2') });
    const token = await approve(r.body.id);
    const tampered = decl('C-3', 'B-2', token, { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 3, price: 40, originCountry: 'VN' }] });
    const res = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [tampered] } });
    const a = res.body.results[0].assessment;
    expect(a.signals).toContain('CONSENT_MISMATCH');
    const reason = a.reasons.find((x: { code: string }) => x.code === 'CONSENT_MISMATCH');
    expect(reason.en).toContain('items');
    expect(reason.en).toContain('total value');
    // the untouched order still verifies with the same token: a mismatch does not use it up
    const ok = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [decl('C-4', 'B-2', token)] } });
    expect(ok.body.results[0].assessment.signals).toContain('VERIFIED_CONSUMER');
  });

  it('an approval given before its code was suspended or reissued is not a verified consent while the code is not active: CONSENT_MISMATCH with the reason and what to do; the token is not used up', async () => {
    // Before: a token approved before the holder suspended the code (a stolen phone, a leaked code) still verified at intake.
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: '이두리', phone: '010-2222-3333', postcodes: ['04524'] } });
    expect(issued.status).toBe(201);
    const code: string = issued.body.pccc;
    const own = { pccc: code, consigneeName: '이두리', consigneePhone: '010-2222-3333', postcode: '04524' };
    const mine = (ref: string, orderNo: string, token: string) =>
      declaration(ref, {
        consignee: { name: '이두리', pccc: code, phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' },
        order: { orderNo, purchasedAt: '2026-11-15', currency: 'USD' },
        consent: { token },
      });
    const submit = async (ref: string, orderNo: string, token: string) =>
      (await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [mine(ref, orderNo, token)] } })).body.results[0];
    const system = { kind: 'system' as const, id: null };

    const first = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('S-1', own) });
    const token = await approve(first.body.id);
    expect((await id.registry.suspend(code, '휴대폰 분실', system)).ok).toBe(true);
    const held = await submit('SUSP-1', 'S-1', token);
    expect(held.status).toBe('accepted');
    expect(held.assessment.signals).toContain('CONSENT_MISMATCH');
    expect(held.assessment.signals).not.toContain('VERIFIED_CONSUMER');
    const why = held.assessment.reasons.find((x: { code: string }) => x.code === 'CONSENT_CODE_NOT_ACTIVE');
    expect(why.ko).toContain('정지');
    expect(why.en).toContain('suspended');
    expect(why.ref).toContain('통관고유부호');
    // Lifted, the same approval verifies: the refused use did not spend it.
    expect((await id.registry.resume(code, system)).ok).toBe(true);
    expect((await submit('SUSP-2', 'S-1', token)).assessment.signals).toContain('VERIFIED_CONSUMER');

    // Reissued: the old code is cancelled for good, and an approval under it never verifies again.
    const second = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('S-2', own) });
    const before = await approve(second.body.id);
    expect((await id.registry.reissue(code, system)).ok).toBe(true);
    const cancelled = await submit('SUSP-3', 'S-2', before);
    expect(cancelled.assessment.signals).toContain('CONSENT_MISMATCH');
    const gone = cancelled.assessment.reasons.find((x: { code: string }) => x.code === 'CONSENT_CODE_NOT_ACTIVE');
    expect(gone.ko).toContain('재발급');
    expect(gone.en).toContain('no longer valid');
  });

  it('no token → CONSENT_MISSING; a forged or expired token → CONSENT_MISMATCH; the operator sees its share', async () => {
    const none = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('N-1', 'X-1', null)] } });
    expect(none.body.results[0].assessment.signals).toContain('CONSENT_MISSING');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ oh: 'x', cid: 'x', op: 'OTHERMALL' })
      .setProtectedHeader({ alg: 'ES256', typ: 'consent+jwt' })
      .setIssuer('urn:tonggwan:consent')
      .setAudience('urn:tonggwan:intake')
      .setSubject(pccc)
      .setJti('forged')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
    const f = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('N-2', 'X-2', forged)] } });
    expect(f.body.results[0].assessment.reasons.map((x: { code: string }) => x.code)).toContain('CONSENT_TOKEN_INVALID');
    const expired = await id.signer.sign({
      tokenId: 'old',
      consentId: 'old',
      orderHash: 'x',
      pccc,
      operatorCode: 'OTHERMALL',
      amr: 'passkey',
      issuedAt: new Date(Date.now() - 40 * 86_400_000),
      expiresAt: new Date(Date.now() - 10 * 86_400_000),
    });
    const e = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('N-3', 'X-3', expired)] } });
    expect(e.body.results[0].assessment.reasons.map((x: { code: string }) => x.code)).toContain('CONSENT_TOKEN_EXPIRED');
    const share = await api(t.base, 'GET', '/api/v1/operator/consent-share', { token: other.key });
    expect(share.body.operators[0]).toMatchObject({ operatorCode: 'OTHERMALL', missing: 1, mismatch: 2 });
    expect(share.body.operators[0].missingShare).toBeCloseTo(1 / 3);
    const all = await api(t.base, 'GET', '/api/v1/officer/consent-share', { token: officer.token });
    expect(all.body.operators.length).toBeGreaterThanOrEqual(2);
  });
});

describe('usage ledger and "not me"', () => {
  it('lists an approval request whose 10 minutes ran out as expired, though nobody opened it since (computed when read)', async () => {
    const holder = { name: '박두리', phone: '010-2468-1357', postcodes: ['04524'] };
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder });
    expect(issued.status).toBe(201);
    const code = issued.body.pccc as string;
    const asked = (orderNo: string) =>
      api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order(orderNo, { pccc: code, consigneeName: holder.name, consigneePhone: holder.phone, postcode: '04524' }) });
    const late = await asked('EXP-1');
    const fresh = await asked('EXP-2');
    expect([late.status, fresh.status]).toEqual([201, 201]);
    // Ten minutes pass for the first request only: its deadline is now behind the clock.
    await t.db.pool.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [late.body.id]);

    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: code, name: holder.name, phone: holder.phone, postcode: '04524' } });
    expect(start.status).toBe(201);
    const sms = (await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=01024681357`)).body.notifications.find((n: { body: string }) => n.body.includes('인증번호'));
    const session = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code: /인증번호 (\d{6})/.exec(sms.body)![1] } });
    const ledger = await api(t.base, 'GET', '/api/v1/consumer/ledger', { token: session.body.token });
    const statusOf = (orderNo: string) => ledger.body.approvals.find((a: { orderNo: string }) => a.orderNo === orderNo)?.status;
    expect({ late: statusOf('EXP-1'), fresh: statusOf('EXP-2') }).toEqual({ late: 'expired', fresh: 'pending' });
    // Reading wrote nothing: the stored row is still pending until someone opens the request.
    expect((await t.db.pool.query(`SELECT status FROM consent_requests WHERE id = $1`, [late.body.id])).rows[0].status).toBe('pending');
  });

  it('pages through every use of a code, newest first: 205 declarations in pages of 100, 100 and 5 (before, the ledger stopped at the latest 200)', async () => {
    const holder = { name: '최다사', phone: '010-1357-2468', postcodes: ['04524'] };
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder });
    const code = issued.body.pccc as string;
    const many = Array.from({ length: 205 }, (_, i) =>
      declaration(`LEDGER-${i}`, { consignee: { name: holder.name, pccc: code, phone: holder.phone, postcode: '04524', address: '서울특별시 중구 세종대로 1' }, order: { orderNo: `LEDGER-${i}`, purchasedAt: '2026-11-15', currency: 'USD' } }),
    );
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: many } });
    expect(submitted.body.results.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(205);
    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: code, name: holder.name, phone: holder.phone, postcode: '04524' } });
    const sms = (await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=01013572468`)).body.notifications.find((n: { body: string }) => n.body.includes('인증번호'));
    const token = (await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code: /인증번호 (\d{6})/.exec(sms.body)![1] } })).body.token as string;

    const first = await api(t.base, 'GET', '/api/v1/consumer/ledger', { token });
    expect(first.body.declarations).toHaveLength(50); // the default page
    expect(first.body.declarations[0].orderNo).toBe('LEDGER-204'); // the newest first
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: number | null = null;
    do {
      const page = await api(t.base, 'GET', `/api/v1/consumer/ledger?limit=100${after ? `&after=${after}` : ''}`, { token });
      expect(page.status).toBe(200);
      sizes.push(page.body.declarations.length);
      seen.push(...page.body.declarations.map((d: { orderNo: string }) => d.orderNo));
      after = page.body.next;
    } while (after !== null);
    expect(sizes).toEqual([100, 100, 5]);
    expect(seen).toEqual(Array.from({ length: 205 }, (_, i) => `LEDGER-${204 - i}`)); // each once, newest first
    expect((await api(t.base, 'GET', '/api/v1/consumer/ledger?limit=201', { token })).status).toBe(400);
  });

  it('pages the officers through every "not me" report, newest first (before: the latest 200, the oldest open ones out of reach)', async () => {
    const holder = { name: '신고다', phone: '010-2468-1357', postcodes: ['04524'] };
    const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const h = (await id.registry.find(code))!;
    const many = Array.from({ length: 205 }, (_, i) =>
      declaration(`MISUSE-${i}`, { consignee: { name: holder.name, pccc: code, phone: holder.phone, postcode: '04524', address: '서울특별시 중구 세종대로 1' }, order: { orderNo: `MISUSE-${i}`, purchasedAt: '2026-11-15', currency: 'USD' } }),
    );
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: many } });
    const opened: number[] = [];
    for (const r of submitted.body.results as { declarationId: number; cargoNo: string }[]) {
      const c = await id.identity.openMisuseCase({ holderId: h.holderId, pccc: code, declarationId: r.declarationId, cargoNo: r.cargoNo, operatorId: other.id, held: false, consent: 'missing', note: '' });
      opened.push(c.id);
    }
    const first = await api(t.base, 'GET', '/api/v1/officer/misuse-cases?status=open', { token: officer.token });
    expect(first.body.cases).toHaveLength(200); // the default page, as before
    expect(first.body.next).toEqual(expect.any(Number));
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const page = await api(t.base, 'GET', `/api/v1/officer/misuse-cases?status=open&limit=100${after ? `&after=${after}` : ''}`, { token: officer.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.cases.map((c: { id: number }) => c.id));
      after = page.body.next;
    } while (after !== null);
    expect(new Set(seen).size).toBe(seen.length); // each once
    expect(seen.filter((x) => opened.includes(x))).toEqual([...opened].reverse()); // all of them, newest first
    expect((await api(t.base, 'GET', '/api/v1/officer/misuse-cases?limit=201', { token: officer.token })).status).toBe(400);
  });

  it('signs the holder in with the one-time code while the code is suspended (to resume or reissue it), not once it was reissued', async () => {
    const holder = { name: '정지민', phone: '010-1357-2468', postcodes: ['21554'] };
    const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    let token = await consumerToken(t.base, code, holder.name, holder.phone, '21554');
    expect((await api(t.base, 'POST', '/api/v1/consumer/pccc/suspend', { token, body: {} })).body.status).toBe('suspended');
    // The session ends; signing in again (before: 401 VERIFICATION_FAILED, 'the details do not match').
    token = await consumerToken(t.base, code, holder.name, holder.phone, '21554');
    expect((await api(t.base, 'GET', '/api/v1/consumer/declarations', { token })).status).toBe(200);
    expect((await api(t.base, 'POST', '/api/v1/consumer/pccc/resume', { token, body: {} })).body.status).toBe('active');
    // A wrong detail is refused as before, and so is the old code once reissued.
    expect((await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: code, name: holder.name, phone: holder.phone, postcode: '99999' } })).body.error.code).toBe('VERIFICATION_FAILED');
    const re = await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token, body: {} });
    expect(re.status).toBe(200);
    expect((await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: code, name: holder.name, phone: holder.phone, postcode: '21554' } })).body.error.code).toBe('VERIFICATION_FAILED');
  });

  it('a reissue signs the holder’s other devices out: their own moves only the session that made it to the new code and ends the others (an intruder’s too); an officer’s ends them all; the holder is told, in Korean and English', async () => {
    const holder = { name: '윤서하', phone: '010-2468-1357', postcodes: ['48058'] };
    const first = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const phone = await consumerToken(t.base, first, holder.name, holder.phone, '48058');
    const intruder = await sessionOn(first); // e.g. signed in after a SIM swap: the reason the holder reissues
    expect((await api(t.base, 'GET', '/api/v1/me', { token: intruder })).body.pccc).toBe(first);
    const second = (await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token: phone, body: {} })).body.pccc as string;
    expect(second).toMatch(/^P\d{12}$/);
    expect(second).not.toBe(first);
    // The session that reissued names the new code and lists its parcels.
    expect((await api(t.base, 'GET', '/api/v1/me', { token: phone })).body.pccc).toBe(second);
    // Before (5cc2cd8): the intruder's session followed too, and read the new code at /api/v1/me.
    const seen = await api(t.base, 'GET', '/api/v1/me', { token: intruder });
    expect(seen.status).toBe(401);
    expect(JSON.stringify(seen.body)).not.toContain(second);
    // 2 sessions before: 1 moved to the new code, 1 ended; none left live on the cancelled code.
    expect(await liveSessions(first)).toBe(0);
    expect(await liveSessions(second)).toBe(1);
    const parcel = await api(t.base, 'POST', '/api/v1/declarations', {
      token: mall.key,
      body: { declarations: [declaration('FOLLOW-1', { consignee: { name: holder.name, pccc: second, phone: holder.phone, postcode: '48058', address: '부산광역시 해운대구 1' } })] },
    });
    const cargoNo = parcel.body.results[0].cargoNo as string;
    const own = await api(t.base, 'GET', '/api/v1/consumer/declarations', { token: phone });
    expect(own.status).toBe(200);
    expect(own.body.declarations.map((d: { cargoNo: string }) => d.cargoNo)).toContain(cargoNo);
    // The notices are queued with each change and sent by their worker (migrations/112): read once it has sent them.
    const texts = async () => (await t.platform.pcccChangeNotices.drain(), await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01024681357')).body.notifications.map((n: { body: string }) => n.body as string);
    const ownNotice = (await texts()).find((b: string) => b.includes('재발급'))!;
    expect(ownNotice).toContain(`새 부호 끝자리 ${second.slice(-4)}`);
    expect(ownNotice).toContain('로그아웃');
    expect(ownNotice).toContain('signed out'); // before: Korean only
    expect(ownNotice).not.toContain(second);
    // An officer's reissue (ex officio) ends every session of the holder: the holder signs in again with the new code.
    const neighbour = { name: '윤서준', phone: '010-2468-9753', postcodes: ['48058'] };
    const theirs = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: neighbour })).body.pccc as string;
    const theirToken = await sessionOn(theirs);
    const third = (await api(t.base, 'POST', `/api/v1/registry/pccc/${second}/reissue`, { token: officer.token, body: {} })).body.current.pccc as string;
    expect(third).toMatch(/^P\d{12}$/);
    expect(third).not.toBe(second);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: phone })).status).toBe(401); // before: moved on, naming the third code
    expect(await liveSessions(second)).toBe(0);
    expect(await liveSessions(third)).toBe(0);
    const officerNotice = (await texts()).find((b: string) => b.includes('직권'))!;
    expect(officerNotice).toContain(`새 부호 끝자리 ${third.slice(-4)}`);
    expect(officerNotice).toContain('로그아웃');
    expect(officerNotice).toContain('reissued ex officio');
    expect(officerNotice).not.toContain(third);
    const again = await consumerToken(t.base, third, holder.name, holder.phone, '48058');
    expect((await api(t.base, 'GET', '/api/v1/me', { token: again })).body.pccc).toBe(third);
    // Another holder's session is not touched.
    expect((await api(t.base, 'GET', '/api/v1/me', { token: theirToken })).body.pccc).toBe(theirs);
  });

  it('a suspend: the holder’s own keeps the session that made it and ends the others; an officer’s ends them all, and only customs lifts it; the holder signs in to see why; each told in Korean and English', async () => {
    const holder = { name: '강도윤', phone: '010-8642-1357', postcodes: ['24341'] };
    const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const phone = await sessionOn(code);
    const laptop = await sessionOn(code);
    const texts = async () => (await t.platform.pcccChangeNotices.drain(), await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01086421357')).body.notifications.map((n: { body: string }) => n.body as string);
    expect((await api(t.base, 'POST', '/api/v1/consumer/pccc/suspend', { token: phone, body: {} })).body.status).toBe('suspended');
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: phone })).body.status).toBe('suspended');
    expect((await api(t.base, 'GET', '/api/v1/me', { token: laptop })).status).toBe(401); // before: 200
    expect(await liveSessions(code)).toBe(1);
    const suspended = (await texts()).find((b: string) => b.includes('사용정지되었습니다'))!;
    expect(suspended).toContain('로그아웃');
    expect(suspended).toContain('suspended'); // before: Korean only
    expect((await api(t.base, 'POST', '/api/v1/consumer/pccc/resume', { token: phone, body: {} })).body.status).toBe('active');
    expect((await texts()).some((b: string) => b.includes('해제') && b.includes('lifted'))).toBe(true);
    // An officer's suspend (suspected misuse): every session on the code ends, in the suspend's transaction.
    const laptop2 = await sessionOn(code);
    // An order waiting for the holder's approval (made while the code was active; it lives 10 minutes).
    const waiting = await api(t.base, 'POST', '/api/v1/consent-requests', { token: mall.key, body: order('SUSP-1', { pccc: code, consigneeName: holder.name, consigneePhone: holder.phone, postcode: '24341' }) });
    expect(waiting.status).toBe(201);
    const s = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '부정 사용 의심' } });
    expect(s.body).toMatchObject({ pccc: code, status: 'suspended', statusReason: '부정 사용 의심' });
    for (const token of [phone, laptop2]) expect((await api(t.base, 'GET', '/api/v1/me', { token })).status).toBe(401); // before: 200
    expect(await liveSessions(code)).toBe(0);
    const told = (await texts()).find((b: string) => b.includes('직권'))!;
    expect(told).toContain(`끝자리 ${code.slice(-4)}`);
    expect(told).toContain('로그아웃');
    expect(told).toContain('suspended ex officio');
    expect(told).not.toContain(code);
    // The holder signs in again (a suspended code is still theirs), sees why, and cannot lift customs' suspension.
    const again = await consumerToken(t.base, code, holder.name, holder.phone, '24341');
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: again })).body).toMatchObject({ status: 'suspended', statusReason: '부정 사용 의심' });
    const resume = await api(t.base, 'POST', '/api/v1/consumer/pccc/resume', { token: again, body: {} });
    expect(resume.status).toBe(403); // before: 200, the holder (or whoever signed in) lifted it
    expect(resume.body.error).toMatchObject({ code: 'PCCC_NOT_ACTIVE', details: { suspendedBy: 'officer' } });
    const reissue = await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token: again, body: {} });
    expect([reissue.status, reissue.body.error?.details]).toEqual([403, { suspendedBy: 'officer' }]); // nor gets round it by a reissue
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: again })).body.status).toBe('suspended');
    // A suspended code approves no order: not the one waiting since before the suspend either (before: its passkey options were handed out).
    const approve = () => api(t.base, 'POST', `/api/v1/consent/${waiting.body.id}/options`, { body: { decision: 'approve', number: waiting.body.matchingNumber } });
    const refused = await approve();
    expect([refused.status, refused.body.error.code]).toEqual([403, 'PCCC_NOT_ACTIVE']);
    // Customs lifts it, and the holder is told; the order waiting can be approved again.
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/resume`, { token: officer.token, body: {} })).body.status).toBe('active');
    expect((await approve()).status).not.toBe(403);
    expect((await texts()).some((b: string) => b.includes('세관') && b.includes('해제') && b.includes('lifted'))).toBe(true);
  });

  it('the holder’s code says who suspended it (the holder, who may lift it, or customs, who alone may), by its latest suspend; the holder’s suspend says how many other sessions it ended', async () => {
    const holder = { name: '서예린', phone: '010-7531-8642', postcodes: ['35233'] };
    const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    let phone = await sessionOn(code);
    const view = async () => (await api(t.base, 'GET', '/api/v1/consumer/pccc', { token: phone })).body;
    const own = (action: string) => api(t.base, 'POST', `/api/v1/consumer/pccc/${action}`, { token: phone, body: {} });
    expect(await view()).toMatchObject({ status: 'active', suspendedBy: null });
    // Signed in nowhere else: the suspend ends no other session (the page then does not say "every other device was signed out").
    expect((await own('suspend')).body).toMatchObject({ status: 'suspended', suspendedBy: 'holder', otherSessionsEnded: 0 });
    expect(await view()).toMatchObject({ status: 'suspended', suspendedBy: 'holder' });
    const resumed = (await own('resume')).body;
    expect(resumed).toMatchObject({ status: 'active', suspendedBy: null });
    expect(resumed).not.toHaveProperty('otherSessionsEnded'); // a suspend's answer only
    await sessionOn(code);
    await sessionOn(code);
    expect((await own('suspend')).body).toMatchObject({ status: 'suspended', suspendedBy: 'holder', otherSessionsEnded: 2 });
    expect((await own('resume')).body).not.toHaveProperty('otherSessionsEnded');
    // Customs' suspend: the holder signs in again and reads that only customs lifts it (the officer's answer carries no count).
    const s = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '도용 신고' } });
    expect(s.body.status).toBe('suspended');
    expect(s.body).not.toHaveProperty('otherSessionsEnded');
    expect(s.body).not.toHaveProperty('suspendedBy');
    phone = await sessionOn(code);
    expect(await view()).toMatchObject({ status: 'suspended', statusReason: '도용 신고', suspendedBy: 'officer' });
    expect((await own('resume')).body.error.details).toEqual({ suspendedBy: 'officer' }); // the same rule as the refusal
    // Lifted by customs; a later suspend of the holder's own is the holder's again.
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/resume`, { token: officer.token, body: {} })).body.status).toBe('active');
    expect(await view()).toMatchObject({ status: 'active', suspendedBy: null });
    expect((await own('suspend')).body).toMatchObject({ suspendedBy: 'holder', otherSessionsEnded: 0 });
    expect((await own('resume')).body.status).toBe('active');
  });

  it('after a reissue, the holder still sees, pays and asks about the parcels declared under the earlier code; another holder does not', async () => {
    const holder = { name: '서지안', phone: '010-1357-8642', postcodes: ['61452'] };
    const first = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const neighbour = { name: '서지호', phone: '010-1357-9753', postcodes: ['61452'] };
    const theirs = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: neighbour })).body.pccc as string;
    const consignee = (code: string) => ({ name: holder.name, pccc: code, phone: holder.phone, postcode: '61452', address: '광주광역시 동구 1' });
    // USD 300 of clothing: over the USD 150 de minimis, so taxed (general clearance) and a tax notice to pay.
    const taxed = (ref: string, code: string) =>
      declaration(ref, {
        consignee: consignee(code),
        order: { orderNo: `O-${ref}`, purchasedAt: '2026-11-14', currency: 'USD' },
        items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }],
      });
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: mall.key, body: { declarations: [taxed('EARLIER-1', first)] } });
    expect(filed.body.results[0].status).toBe('accepted');
    const { declarationId, cargoNo } = filed.body.results[0] as { declarationId: number; cargoNo: string };
    const phone = await consumerToken(t.base, first, holder.name, holder.phone, '61452');
    // The holder's own reissue, then an officer's: the parcel in flight stays declared under the first code.
    const second = (await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token: phone, body: {} })).body.pccc as string;
    // The session that reissued (moved to the second code) lists the first code's parcel.
    expect((await api(t.base, 'GET', '/api/v1/consumer/declarations', { token: phone })).body.declarations.map((d: { cargoNo: string }) => d.cargoNo)).toContain(cargoNo);
    const third = (await api(t.base, 'POST', `/api/v1/registry/pccc/${second}/reissue`, { token: officer.token, body: {} })).body.current.pccc as string;
    expect(new Set([first, second, third]).size).toBe(3);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: phone })).status).toBe(401); // the officer's reissue signed it out
    const later = await consumerToken(t.base, third, holder.name, holder.phone, '61452'); // signed in after the reissues, by the new code
    const theirToken = await consumerToken(t.base, theirs, neighbour.name, neighbour.phone, '61452');
    const ownCargo = async (token: string) => (await api(t.base, 'GET', '/api/v1/consumer/declarations', { token })).body.declarations.map((d: { cargoNo: string }) => d.cargoNo);
    const noticeOf = async (token: string) =>
      (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices.find((n: { declarationId: number }) => n.declarationId === declarationId);
    for (const token of [later]) {
      // Before: /me asked by the session's code alone (the third), so the first code's parcel was not listed, nor its notice.
      expect(await ownCargo(token)).toContain(cargoNo);
      expect((await api(t.base, 'GET', '/api/v1/consumer/declarations', { token })).body.total).toBe(1);
      expect(await noticeOf(token)).toMatchObject({ declarationId, status: expect.stringMatching(/^(due|overdue)$/), payment: null });
      const parcels = await api(t.base, 'GET', `/api/v1/consumer/consultations/parcels?cargoNo=${cargoNo}`, { token });
      expect(parcels.body.parcels.map((p: { declarationId: number }) => p.declarationId)).toEqual([declarationId]);
    }
    // Another holder: not listed, no notice, not payable, no consultation on it.
    expect(await ownCargo(theirToken)).not.toContain(cargoNo);
    expect(await noticeOf(theirToken)).toBeUndefined();
    const notice = await noticeOf(later);
    const card = { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' };
    const stranger = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${declarationId}/payments`, { token: theirToken, body: card });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('DECLARATION_NOT_FOUND');
    const asked = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: theirToken, body: { topic: 'other', declarationId, message: '남의 신고' } });
    expect(asked.status).toBe(404);
    // The holder pays it from the portal (before: DECLARATION_NOT_FOUND) and asks about it.
    const paid = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${declarationId}/payments`, { token: later, body: card });
    expect(paid.status).toBe(201);
    expect(paid.body.notice).toMatchObject({ declarationId, status: 'paid', payment: { payerKind: 'consumer', amountKrw: notice.amountKrw } });
    expect((await noticeOf(later)).status).toBe('paid');
    const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: later, body: { topic: 'other', declarationId, message: '예전 부호로 신고된 물품입니다.' } });
    expect(opened.status).toBe(201);
    const mine = await api(t.base, 'GET', '/api/v1/consumer/consultations', { token: later });
    expect(mine.body.consultations.map((c: { id: number }) => c.id)).toContain(opened.body.consultation.id);
    expect((await api(t.base, 'GET', `/api/v1/consumer/consultations/${opened.body.consultation.id}`, { token: later })).status).toBe(200);
    expect((await api(t.base, 'GET', `/api/v1/consumer/consultations/${opened.body.consultation.id}`, { token: theirToken })).status).toBe(404);
  });

  it('an officer’s ex officio cancel ends the holder’s sessions on the code (no live code is left to move them to) and tells the holder, in Korean and English', async () => {
    const holder = { name: '문가온', phone: '010-5791-3468', postcodes: ['35208'] };
    const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const phone = await consumerToken(t.base, code, holder.name, holder.phone, '35208');
    const laptop = await sessionOn(code);
    const neighbour = { name: '문가람', phone: '010-5791-8642', postcodes: ['35208'] };
    const theirs = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: neighbour })).body.pccc as string;
    const theirToken = await sessionOn(theirs);
    expect((await api(t.base, 'GET', '/api/v1/me', { token: phone })).body.pccc).toBe(code);
    const cancelled = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/cancel`, { token: officer.token, body: { reason: '부정 사용 확인' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ pccc: code, status: 'cancelled', statusReason: '부정 사용 확인' });
    // Before: both sessions went on reading as the cancelled code (/api/v1/me 200 naming it).
    for (const token of [phone, laptop]) expect((await api(t.base, 'GET', '/api/v1/me', { token })).status).toBe(401);
    const live = await t.db.pool.query(`SELECT count(*)::int AS n FROM sessions WHERE kind = 'consumer' AND pccc = $1 AND revoked_at IS NULL`, [code]);
    expect(live.rows[0].n).toBe(0);
    // Another holder's session stays.
    expect((await api(t.base, 'GET', '/api/v1/me', { token: theirToken })).body.pccc).toBe(theirs);
    // The holder is told why the devices were signed out (SMS here), naming the code by its last four digits.
    await t.platform.pcccChangeNotices.drain();
    const sms = (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01057913468')).body.notifications.find((n: { body: string }) => n.body.includes('직권'));
    expect(sms.body).toContain(`끝자리 ${code.slice(-4)}`);
    expect(sms.body).toContain('로그아웃');
    expect(sms.body).toContain('cancelled ex officio');
    expect(sms.body).not.toContain(code);
    // Cancelling it again is refused and changes nothing.
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/cancel`, { token: officer.token, body: {} })).body.error.code).toBe('PCCC_NOT_ACTIVE');
  });

  it('signs the holder in with the one-time code after expiry while the code is still renewable, to renew it; not once it lapsed', async () => {
    const holder = { name: '한지우', phone: '010-3579-2468', postcodes: ['34126'] };
    const issue = async () => (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    // Expired 5 days ago (Korean date): within the 30 days after expiry in which it can still be renewed.
    const code = await issue();
    const set = await t.db.pool.query(`UPDATE pccc_holders SET expires_on = (now() AT TIME ZONE 'Asia/Seoul')::date - 5 WHERE pccc = $1 RETURNING expires_on`, [code]);
    const expiresOn = String(set.rows[0].expires_on);
    const plusDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // Before: 401 VERIFICATION_FAILED, so the holder could not reach the renew button in the days the rule leaves for it.
    const token = await consumerToken(t.base, code, holder.name, holder.phone, '34126');
    const own = await api(t.base, 'GET', '/api/v1/consumer/pccc', { token });
    expect(own.status).toBe(200);
    // Window: expiry − 30 days … expiry + 30 days; a renewal runs a year from the old expiry.
    expect(own.body.renewal).toEqual({ opensOn: plusDays(expiresOn, -30), closesOn: plusDays(expiresOn, 30), open: true, expired: true, renewsUntil: `${Number(expiresOn.slice(0, 4)) + 1}${expiresOn.slice(4)}` });
    const renewed = await api(t.base, 'POST', '/api/v1/consumer/pccc/renew', { token, body: {} });
    expect(renewed.status).toBe(200);
    expect(renewed.body.expiresOn).toBe(own.body.renewal.renewsUntil);
    expect(renewed.body.renewal).toMatchObject({ expired: false, open: false });
    // Expired 31 days ago: lapsed (cancelled), refused like any unusable code.
    const lapsed = await issue();
    await t.db.pool.query(`UPDATE pccc_holders SET expires_on = (now() AT TIME ZONE 'Asia/Seoul')::date - 31 WHERE pccc = $1`, [lapsed]);
    const refused = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc: lapsed, name: holder.name, phone: holder.phone, postcode: '34126' } });
    expect(refused.body.error.code).toBe('VERIFICATION_FAILED');
  });

  it('reminds the holder to renew when the window opens and once more after the expiry, each once; not a suspended code', async () => {
    const holder = { name: '오세린', phone: '010-4680-1357', postcodes: ['61452'] };
    const issue = async () => (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: holder })).body.pccc as string;
    const expireIn = async (code: string, days: number) =>
      String((await t.db.pool.query(`UPDATE pccc_holders SET expires_on = (now() AT TIME ZONE 'Asia/Seoul')::date + $2::int WHERE pccc = $1 RETURNING expires_on`, [code, days])).rows[0].expires_on);
    const reminders = async () =>
      (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01046801357')).body.notifications.filter((n: { body: string }) => n.body.includes('유효기간')) as { body: string }[];
    const code = await issue();
    // Expires in 10 days: inside the 30 days before expiry.
    const expiresOn = await expireIn(code, 10);
    await t.platform.renewalReminders.drain();
    await t.platform.renewalReminders.drain(); // a second pass sends nothing more
    let sent = await reminders();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toContain(`개인통관고유부호 유효기간이 ${expiresOn}에 끝납니다.`);
    expect(sent[0]!.body).toContain(`연장: ${t.base.replace(/\/+$/, '')}/me/security`); // where this platform listens (no PUBLIC_URL here)
    // Expired 3 days ago (the same expiry date moved, as a holder who let it pass): the second reminder, once.
    const expired = await expireIn(code, -3);
    await t.platform.renewalReminders.drain();
    await t.platform.renewalReminders.drain();
    sent = await reminders();
    expect(sent).toHaveLength(2);
    expect(sent.filter((n) => n.body.includes(`유효기간이 ${expired}에 끝났습니다.`))).toHaveLength(1);
    // Suspended by its holder: no reminder. Expiring in 40 days: not yet.
    const suspended = await issue();
    await expireIn(suspended, 5);
    await id.registry.suspend(suspended, 'test', { kind: 'system', id: null });
    await expireIn(await issue(), 40);
    await t.platform.renewalReminders.drain();
    expect(await reminders()).toHaveLength(2);
  });

  it('a failed consumer sign-in is in the audit log: details that do not match (which ones, for the administrator) and a wrong one-time code, with the address; never the code, name or phone', async () => {
    // Before: failed staff and passkey sign-ins were audited, a consumer's were not: someone trying a stranger's code left no trace.
    const failures = async () =>
      (await t.db.pool.query(`SELECT actor_kind, subject, detail FROM audit_log WHERE action = 'auth.consumer-sign-in-failed' AND subject = $1 ORDER BY id`, [`pccc:${pccc}`])).rows as { actor_kind: string; subject: string; detail: Record<string, unknown> }[];
    const before = (await failures()).length;
    const wrongPostcode = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name: NAME, phone: PHONE, postcode: '99999' } });
    expect(wrongPostcode.body.error.code).toBe('VERIFICATION_FAILED');
    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name: NAME, phone: PHONE, postcode: '04524' } });
    expect(start.status).toBe(201);
    const code = /인증번호 (\d{6})/.exec((await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=01098765432`)).body.notifications.find((n: { body: string }) => n.body.includes('인증번호')).body)![1]!;
    const wrong = code === '000000' ? '111111' : '000000';
    const refused = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code: wrong } });
    expect(refused.body.error.code).toBe('CHALLENGE_INVALID');
    const rows = (await failures()).slice(before);
    expect(rows.map((r) => [r.actor_kind, r.detail.reason, r.detail.mismatches ?? null])).toEqual([
      ['anonymous', 'details-mismatch', ['zipMismatch']],
      ['anonymous', 'wrong-code', null],
    ]);
    for (const r of rows) expect(r.detail.address).toMatch(/127\.0\.0\.1/);
    for (const secret of [code, wrong, NAME, PHONE, PHONE.replace(/-/g, '')]) expect(JSON.stringify(rows.map((r) => r.detail))).not.toContain(secret);
    // The administrator reads it by name in the audit log.
    const admin = await t.officer('admin-audit-reader', 'admin');
    const log = await api(t.base, 'GET', `/api/v1/admin/audit?action=auth.consumer-sign-in-failed`, { token: admin.token });
    expect(log.status).toBe(200);
    expect(log.body.entries[0]).toMatchObject({ action: 'auth.consumer-sign-in-failed', actionText: { ko: '소비자 본인확인 실패', en: 'Consumer sign-in failed' } });
  });

  it('with the channel down, a pass of failed sends gives the reminders back and counts as no work, so the worker waits instead of claiming them again at once', async () => {
    // Before: the pass returned what it claimed, failed or not: a full batch of failures ran the next pass
    // at once (and drain() never ended) while the SMS provider was down.
    const phones = ['010-2468-0001', '010-2468-0002'];
    const codes: string[] = [];
    for (const phone of phones) {
      const code = (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: '윤하람', phone, postcodes: ['61452'] } })).body.pccc as string;
      await t.db.pool.query(`UPDATE pccc_holders SET expires_on = (now() AT TIME ZONE 'Asia/Seoul')::date + 10 WHERE pccc = $1`, [code]);
      codes.push(code);
    }
    const errors: string[] = [];
    const channelErrors: string[] = [];
    // The real holder notifier over an SMS provider that refuses: it never throws for a channel, it says none took the message.
    const smsDown: Notifier = { send: async () => Promise.reject(new Error('SMS provider down')) };
    const down = {
      reminders: new PgRenewalReminders(t.db.pool),
      registry: id.registry,
      holders: holderNotifier({ sms: smsDown, email: smsDown, push: null, store: {} as never, onError: (e) => channelErrors.push((e as Error).message) }),
      clock: { now: () => new Date() },
      portalUrl: () => t.base,
      onError: (e: unknown) => errors.push((e as Error).message),
    };
    // Limit 1: the loop runs again at once only after a full batch; one failed send must not be one.
    expect(await remindRenewals(down, 1)).toBe(0);
    expect(channelErrors).toEqual(['SMS provider down']);
    expect(errors).toEqual(['no channel took the message (1 failed)']);
    const rows = async () => (await t.db.pool.query(`SELECT sent_at FROM pccc_renewal_reminders WHERE pccc = ANY($1)`, [codes])).rows as { sent_at: Date | null }[];
    expect((await rows()).every((r) => r.sent_at === null)).toBe(true); // given back or never claimed: nothing marked sent
    // The channel is back: the worker sends both, once each.
    await t.platform.renewalReminders.drain();
    await t.platform.renewalReminders.drain();
    const sent = await Promise.all(phones.map(async (p) => (await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=${p.replace(/-/g, '')}`)).body.notifications.filter((n: { body: string }) => n.body.includes('유효기간')).length));
    expect(sent).toEqual([1, 1]);
  });

  it('sends a reminder whose claim a stopped process left unsent once its lease ran out, once; a claim still leased by another process is not taken', async () => {
    // Before (089): the claim was the record of the send, so a process stopping between the two lost the reminder.
    const issue = async (phone: string) => (await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: '한지우', phone, postcodes: ['61452'] } })).body.pccc as string;
    const dueIn10Days = (code: string) => t.db.pool.query(`UPDATE pccc_holders SET expires_on = (now() AT TIME ZONE 'Asia/Seoul')::date + 10 WHERE pccc = $1`, [code]);
    // A claim as a process writes it, `minutes` ago, never marked sent.
    const claimedAgo = (code: string, minutes: number) =>
      t.db.pool.query(`INSERT INTO pccc_renewal_reminders (pccc, expires_on, kind, claimed_at) SELECT pccc, expires_on, 'window-open', now() - make_interval(mins => $2) FROM pccc_holders WHERE pccc = $1`, [code, minutes]);
    const sentTo = async (phone: string) =>
      (await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=${phone.replace(/-/g, '')}`)).body.notifications.filter((n: { body: string }) => n.body.includes('유효기간')).length as number;
    const row = async (code: string) => (await t.db.pool.query(`SELECT sent_at, now() - claimed_at AS age FROM pccc_renewal_reminders WHERE pccc = $1`, [code])).rows[0] as { sent_at: Date | null };
    const [crashedPhone, busyPhone, freshPhone] = ['010-1357-0001', '010-1357-0002', '010-1357-0003'];
    const crashed = await issue(crashedPhone);
    const busy = await issue(busyPhone);
    const fresh = await issue(freshPhone);
    for (const code of [crashed, busy, fresh]) await dueIn10Days(code);
    await claimedAgo(crashed, 16); // the lease is 15 minutes: ran out
    await claimedAgo(busy, 1); // another process is sending it now
    await t.platform.renewalReminders.drain();
    await t.platform.renewalReminders.drain();
    expect([await sentTo(crashedPhone), await sentTo(busyPhone), await sentTo(freshPhone)]).toEqual([1, 0, 1]);
    expect((await row(crashed)).sent_at).not.toBeNull();
    expect((await row(fresh)).sent_at).not.toBeNull();
    expect((await row(busy)).sent_at).toBeNull(); // left to the process that holds it
    // That process stopped too: once its lease ran out, the next pass sends it, once.
    await t.db.pool.query(`UPDATE pccc_renewal_reminders SET claimed_at = now() - interval '16 minutes' WHERE pccc = $1`, [busy]);
    await t.platform.renewalReminders.drain();
    await t.platform.renewalReminders.drain();
    expect([await sentTo(crashedPhone), await sentTo(busyPhone), await sentTo(freshPhone)]).toEqual([1, 1, 1]);

    // Two passes claiming at once (two processes) share the due reminders out: each is claimed by one of them.
    const store = new PgRenewalReminders(t.db.pool);
    const codes = [await issue('010-1357-0004'), await issue('010-1357-0005'), await issue('010-1357-0006')];
    for (const code of codes) await dueIn10Days(code);
    const today = String((await t.db.pool.query(`SELECT (now() AT TIME ZONE 'Asia/Seoul')::date AS d`)).rows[0].d);
    const lease = { now: new Date(), ms: RENEWAL_CLAIM_LEASE_MS };
    const [a, b] = await Promise.all([store.claimDue(today, 30, 100, lease), store.claimDue(today, 30, 100, lease)]);
    expect([...a, ...b].map((c) => c.pccc).sort()).toEqual([...codes].sort());
    // Claimed and not sent: no pass within the lease takes them again.
    expect(await store.claimDue(today, 30, 100, { now: new Date(lease.now.getTime() + RENEWAL_CLAIM_LEASE_MS - 1000), ms: RENEWAL_CLAIM_LEASE_MS })).toEqual([]);
    for (const c of [...a, ...b]) await store.markSent(c, new Date());
  });

  it('offers "not me" on a parcel customs already holds: the report keeps it held and opens a case', async () => {
    // Customs holds the parcel and asks the consignee for documents: where a holder first sees an order that is not theirs.
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('S-HELD', 'S-HELD', null)] } });
    const { declarationId, cargoNo } = filed.body.results[0] as { declarationId: number; cargoNo: string };
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);
    const token = await consumerToken(t.base, pccc, NAME, PHONE, '04524');
    const entry = (await api(t.base, 'GET', '/api/v1/consumer/ledger', { token })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);
    expect(entry).toMatchObject({ status: 'held', reported: null, holdable: true }); // false before: no way to say "not me" on it
    const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token, body: {} });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ held: true, status: 'held' });
    const cases = await api(t.base, 'GET', '/api/v1/officer/misuse-cases?status=open', { token: officer.token });
    expect(cases.body.cases.find((c: { cargoNo: string }) => c.cargoNo === cargoNo)).toMatchObject({ held: true, consent: 'missing' });
    const after = (await api(t.base, 'GET', '/api/v1/consumer/ledger', { token })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);
    expect(after.reported).toMatchObject({ caseId: report.body.case.id, held: true });
  });

  it('the ledger says a "not me" report is closed, when, and what became of the parcel, without the officer’s closing note', async () => {
    // Before: `reported` had no closing, and /me/security said "세관이 확인합니다 · 반출 보류" after the case was closed and the parcel refused.
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('S-CLOSE-R', 'S-CLOSE-R', null), decl('S-CLOSE-OK', 'S-CLOSE-OK', null), decl('S-CLOSE-H', 'S-CLOSE-H', null)] } });
    const [refused, released, stillHeld] = filed.body.results as { declarationId: number; cargoNo: string }[];
    const token = await sessionOn(pccc);
    for (const p of [refused!, released!, stillHeld!]) expect((await api(t.base, 'POST', `/api/v1/consumer/declarations/${p.cargoNo}/not-me`, { token, body: {} })).status).toBe(201);
    const entryOf = async (cargoNo: string) => (await api(t.base, 'GET', '/api/v1/consumer/ledger', { token })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);
    expect((await entryOf(refused!.cargoNo)).reported).toMatchObject({ held: true, status: 'open', closedAt: null, outcome: null });

    const close = (p: { declarationId: number }, note: string) => api(t.base, 'POST', `/api/v1/officer/declarations/${p.declarationId}/misuse-case/close`, { token: officer.token, body: { note } });
    expect((await close(refused!, '내부: 판매자 계정 도용 의심, 수사 의뢰')).status).toBe(200);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${refused!.declarationId}/reject`, { token: officer.token, body: { reason: '도용 확인, 통관 불허' } })).status).toBe(200);
    expect((await close(released!, '내부: 가족 주문으로 확인')).status).toBe(200);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${released!.declarationId}/release`, { token: officer.token, body: { reason: '본인 주문 확인' } })).status).toBe(200);
    expect((await close(stillHeld!, '내부: 확인 중 종결')).status).toBe(200);

    const r = await entryOf(refused!.cargoNo);
    expect(r.status).toBe('rejected');
    expect(r.reported).toMatchObject({ held: true, status: 'closed', outcome: 'refused' });
    expect(Date.parse(r.reported.closedAt)).toBeGreaterThan(Date.parse(r.reported.reportedAt) - 1);
    expect((await entryOf(released!.cargoNo)).reported).toMatchObject({ status: 'closed', outcome: 'released' });
    expect((await entryOf(stillHeld!.cargoNo)).reported).toMatchObject({ status: 'closed', outcome: 'held' });
    // The officer's closing note is the officer's record (misuse.closeNote, kept in the audit log), not the holder's.
    const ledger = JSON.stringify((await api(t.base, 'GET', '/api/v1/consumer/ledger', { token })).body);
    expect(ledger).not.toContain('내부:');
  });

  it('alerts the holder at once, lists the declaration, and "not me" holds it and opens a case', async () => {
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: other.key, body: { declarations: [decl('S-1', 'S-1', null)] } });
    const filedCargoNo = filed.body.results[0].cargoNo as string;
    await t.platform.pcccChangeNotices.drain(); // queued with the declaration (migrations/114), sent by its worker
    // This parcel's own alert, by its cargo number: the holder was alerted of the earlier tests' parcels
    // on the same code already, so an alert of any parcel would not say that this one was.
    const sms = await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=01098765432`);
    const alerts = sms.body.notifications.filter((n: { body: string }) => n.body.includes(`(화물관리번호 ${filedCargoNo})`));
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain('개인통관고유부호로 통관 신고가 접수되었습니다');
    expect(alerts[0].body).toContain('본인 승인 없이 신고되었습니다'); // no consent token
    const mail = await t.db.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE channel = 'email' AND recipient = 'hana@example.com' AND body LIKE '%' || $1 || '%'`, [`(화물관리번호 ${filedCargoNo})`]);
    expect(mail.rows[0].n).toBe(1);

    // sign in with the one-time code, as a consumer
    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name: NAME, phone: PHONE, postcode: '04524' } });
    expect(start.status).toBe(201);
    const code = /인증번호 (\d{6})/.exec((await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=01098765432`)).body.notifications.find((n: { body: string }) => n.body.includes('인증번호')).body)![1]!;
    const session = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } });
    const token = session.body.token as string;
    const ledger = await api(t.base, 'GET', '/api/v1/consumer/ledger', { token });
    const entry = ledger.body.declarations.find((d: { orderNo: string }) => d.orderNo === 'S-1');
    expect(entry).toMatchObject({ consent: 'missing', holdable: true, reported: null });
    expect(ledger.body.approvals.length).toBeGreaterThan(0);

    const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${entry.cargoNo}/not-me`, { token, body: { note: '주문한 적 없음' } });
    expect(report.status).toBe(201);
    expect(report.body).toMatchObject({ held: true, status: 'held' });
    const lookup = await api(t.base, 'GET', `/api/v1/lookup/cargo/${entry.cargoNo}`);
    expect(lookup.body.status).toBe('held');
    // The public view says the consignee's report held it (before: OFFICER_HOLD, as if an officer had),
    // why and under which law, what happens next, and names nobody: no name, code, phone or note.
    expect(lookup.body.hold.codes).toEqual(['CONSUMER_REPORT_HOLD']);
    expect(lookup.body.hold.ko).toContain('관세법 제237조');
    expect(lookup.body.hold.en).toContain('the consignee reported');
    expect(lookup.body.nextAction.ko).toContain('따로 제출할 서류는 없습니다');
    for (const personal of [NAME, pccc, PHONE, PHONE.replace(/-/g, ''), '주문한 적 없음']) expect(JSON.stringify(lookup.body)).not.toContain(personal);
    const cases = await api(t.base, 'GET', '/api/v1/officer/misuse-cases?status=open', { token: officer.token });
    expect(cases.body.cases.find((c: { cargoNo: string }) => c.cargoNo === entry.cargoNo)).toMatchObject({ held: true, consent: 'missing', operatorName: 'OTHERMALL Ltd' });
    // someone else's parcel is not found
    const foreign = await api(t.base, 'POST', `/api/v1/declarations`, { token: other.key, body: { declarations: [declaration('S-2')] } });
    const r2 = await api(t.base, 'POST', `/api/v1/consumer/declarations/${foreign.body.results[0].cargoNo}/not-me`, { token, body: {} });
    expect(r2.status).toBe(404);

    // suspend, then reissue from the same screen (no passkey yet: the code session suffices)
    expect((await api(t.base, 'POST', '/api/v1/consumer/pccc/suspend', { token, body: {} })).body.status).toBe('suspended');
    const re = await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token, body: {} });
    expect(re.status).toBe(200);
    expect(re.body.pccc).not.toBe(pccc);
    expect(re.body.previous[0]).toMatchObject({ pccc, status: 'cancelled', replacedBy: re.body.pccc });
    // the ledger still shows the declarations under the old code
    expect((await api(t.base, 'GET', '/api/v1/consumer/ledger', { token })).body.declarations.some((d: { pccc: string }) => d.pccc === pccc)).toBe(true);
    // passkey registration needs the consumer session
    expect((await api(t.base, 'POST', '/api/v1/consumer/passkeys/registration')).status).toBe(401);
    const reg = await api(t.base, 'POST', '/api/v1/consumer/passkeys/registration', { token });
    expect(reg.status).toBe(201);
    expect(reg.body.options.authenticatorSelection).toMatchObject({ userVerification: 'required', residentKey: 'required' });
    expect(reg.body.options.rp.id).toBe('localhost');
  });
});

describe('failed passkey sign-ins in the audit log', () => {
  it('records an unknown passkey, an assertion that does not verify and an expired or used ceremony, with the reason and never the assertion or challenge', async () => {
    const admin = await t.officer('passkey-audit-admin', 'admin');
    const holder = await id.registry.find(pccc);
    const key = softwarePasskey();
    await id.identity.addPasskey(
      { credentialId: key.credentialId, holderId: holder!.holderId, publicKey: key.publicKey, counter: 0, transports: ['internal'], deviceType: 'singleDevice', backedUp: false, registeredVia: 'test' },
      () => ({ label: 'audit test', usableFrom: '2026-01-01T00:00:00.000Z' }),
    );
    const start = async () => (await api(t.base, 'POST', '/api/v1/consumer/passkeys/sign-in')).body as { ceremonyId: string; options: { challenge: string } };
    const finish = (ceremonyId: string, response: unknown) => api(t.base, 'POST', `/api/v1/consumer/passkeys/sign-in/${ceremonyId}`, { body: { response } });
    const failures = async () =>
      (await api(t.base, 'GET', '/api/v1/admin/audit?action=auth.passkey-sign-in-failed&limit=200', { token: admin.token })).body.entries as {
        actorKind: string; actorId: null; subject: string; detail: { reason: string; credentialId: string | null; address: string; why?: string }; actionText: { ko: string; en: string };
      }[];
    const sent: string[] = [];
    // 1. A passkey no holder registered (before: 401 and nothing recorded).
    const a = await start();
    const stranger = softwarePasskey();
    const strangerAssertion = stranger.assert(a.options.challenge);
    expect((await finish(a.ceremonyId, strangerAssertion)).status).toBe(401);
    sent.push(a.options.challenge, (strangerAssertion.response as { signature: string }).signature);
    // 2. The holder's passkey signing another challenge than the ceremony's: the verification fails.
    const b = await start();
    const wrongChallenge = key.assert(Buffer.from('not-the-ceremony-challenge').toString('base64url'));
    expect((await finish(b.ceremonyId, wrongChallenge)).status).toBe(401);
    sent.push(b.options.challenge, (wrongChallenge.response as { signature: string }).signature);
    // 3. A ceremony past its 5 minutes, then 4. one used already (the good sign-in, then its replay).
    const c = await start();
    await t.db.pool.query(`UPDATE webauthn_challenges SET expires_at = now() - interval '1 minute' WHERE id = $1`, [c.ceremonyId]);
    expect((await finish(c.ceremonyId, key.assert(c.options.challenge))).status).toBe(401);
    const d = await start();
    const good = key.assert(d.options.challenge);
    expect((await finish(d.ceremonyId, good)).status).toBe(200); // a success is not a failure row
    expect((await finish(d.ceremonyId, good)).status).toBe(401);
    sent.push(c.options.challenge, d.options.challenge, (good.response as { signature: string }).signature);

    const rows = (await failures()).reverse(); // oldest first
    expect(rows.map((r) => [r.subject, r.detail.reason, r.detail.credentialId])).toEqual([
      ['passkey:unknown', 'unknown-credential', stranger.credentialId],
      [`holder:${holder!.holderId}`, 'verification-failed', key.credentialId],
      [`holder:${holder!.holderId}`, 'expired-challenge', key.credentialId],
      [`holder:${holder!.holderId}`, 'used-challenge', key.credentialId],
    ]);
    expect(rows[0]).toMatchObject({ actorKind: 'anonymous', actorId: null, detail: { address: '127.0.0.1' }, actionText: { ko: '패스키 로그인 실패', en: 'Passkey sign-in failed' } });
    expect(rows[1]!.detail.why).toEqual(expect.any(String));
    // No challenge, signature or client data in the log (the verifier's message quotes both challenges: left out).
    const logged = JSON.stringify(rows);
    for (const secret of [...sent, Buffer.from('not-the-ceremony-challenge').toString('base64url')]) expect(logged).not.toContain(secret);
    expect(logged).not.toContain('clientDataJSON');
  });
});
