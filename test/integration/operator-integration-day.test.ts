// What an operator's first integration day met, written from the published documents alone
// (docs/api.md, /api/openapi.json): each test here failed before its fix.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let courier: { id: number; key: string; code: string };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  courier = await t.operator('CJKX', 'courier');
});
afterAll(async () => t?.close());

let n = 0;
/** A parcel of its own consignee (no combined taxation with the others), carried by CJKX. */
const submit = async (overrides: Record<string, unknown> = {}) => {
  n++;
  const consignee = { name: '정하늘', pccc: `P2700000${String(n).padStart(5, '0')}`, phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' };
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration(`DAY-${n}`, { consignee, ...overrides })] } });
  expect(r.body.results[0].status).toBe('accepted');
  return r.body.results[0] as { declarationId: number; cargoNo: string };
};
const eventTypes = async (id: number) => (await t.db.pool.query(`SELECT type FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id])).rows.map((x) => x.type as string);

describe('a cargo event naming its parcel twice', () => {
  it('is refused when cargoNo and declarationId name different parcels, and recorded on neither', async () => {
    const a = await submit();
    const b = await submit();
    const r = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: a.cargoNo, declarationId: b.declarationId, type: 'ARRIVAL_REPORT_SUBMITTED' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'body.cargoNo', code: 'cargo_no_mismatch' })]);
    expect(r.body.error.details[0].ko).toContain('화물관리번호');
    expect(await eventTypes(a.declarationId)).toEqual(['SUBMITTED']);
    expect(await eventTypes(b.declarationId)).toEqual(['SUBMITTED']);
    // the same in a batch: refused on its own, with the status the single route answers
    const batch = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: [{ cargoNo: a.cargoNo, declarationId: b.declarationId, type: 'ARRIVAL_REPORT_SUBMITTED' }] } });
    expect(batch.body.results[0]).toMatchObject({ outcome: 'refused', httpStatus: 400, error: { code: 'VALIDATION_FAILED' } });
    // both naming the same parcel is fine (the number in any case)
    const ok = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: a.cargoNo.toLowerCase(), declarationId: a.declarationId, type: 'ARRIVAL_REPORT_SUBMITTED' } });
    expect(ok.status).toBe(201);
    expect(await eventTypes(a.declarationId)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED']);
  });
});

describe('cargo management numbers in any case, as the public lookups take them', () => {
  it('a cargo event and the operator list find the parcel by its number in lower case or with spaces around it', async () => {
    const a = await submit();
    const lower = a.cargoNo.toLowerCase();
    expect((await api(t.base, 'GET', `/api/v1/lookup/cargo/${lower}`)).status).toBe(200);
    const ev = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: lower, type: 'ARRIVAL_REPORT_SUBMITTED' } });
    expect(ev.status).toBe(201);
    expect(ev.body.declarationId).toBe(a.declarationId);
    const list = await api(t.base, 'GET', `/api/v1/declarations?cargoNo=${encodeURIComponent(` ${lower} `)}`, { token: alpha.key });
    expect(list.status).toBe(200);
    expect(list.body.declarations.map((d: { id: number }) => d.id)).toEqual([a.declarationId]);
  });
});

describe('a JSON body sent with another Content-Type', () => {
  it('answers 415 UNSUPPORTED_MEDIA_TYPE, as documented, not a schema error about the body', async () => {
    const body = JSON.stringify({ declarations: [declaration('DAY-TEXT')] });
    // application/x-www-form-urlencoded: what `curl -d @file` sends unless told otherwise
    for (const type of ['text/plain', 'text/plain; charset=utf-8', 'text/csv', 'application/x-www-form-urlencoded']) {
      const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, raw: body, headers: { 'content-type': type } });
      expect(r.status, type).toBe(415);
      expect(r.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      // says what to send, not only what was wrong
      expect(r.body.error.en).toBe('Unsupported Content-Type: send a JSON body with Content-Type: application/json (CSV uploads: text/csv).');
    }
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, raw: JSON.stringify({ url: 'http://127.0.0.1:9/x' }), headers: { 'content-type': 'text/plain' } });
    expect(hook.status).toBe(415);
  });

  it('still takes text/csv and text/plain where a route reads them (reference uploads)', async () => {
    const admin = await t.officer('day-admin', 'admin');
    // Two different files (the same file twice is 409 REFERENCE_ALREADY_LOADED).
    for (const [type, rate] of [['text/csv', '1400.5'], ['text/plain', '1400.75']] as const) {
      const r = await api(t.base, 'POST', '/api/v1/admin/reference/exchange-rates', { token: admin.token, raw: `weekStart,currency,rate\n2026-12-27,USD,${rate}\n`, headers: { 'content-type': type } });
      expect(r.status, type).toBe(201);
    }
  });
});

describe('a batch of cargo events with one malformed event', () => {
  it('answers each event on its own: the malformed one refused with 400 naming its field, the others recorded', async () => {
    const a = await submit();
    const b = await api(t.base, 'POST', '/api/v1/cargo-events/batch', {
      token: courier.key,
      body: { events: [{ cargoNo: a.cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED' }, { cargoNo: a.cargoNo, type: 'TELEPORTED' }, { cargoNo: a.cargoNo, type: 'ARRIVAL_REPORT_ACCEPTED', foo: 1 }, { cargoNo: a.cargoNo, type: 'ARRIVAL_REPORT_ACCEPTED' }] },
    });
    expect(b.status).toBe(200);
    expect(b.body.results.map((x: { outcome: string }) => x.outcome)).toEqual(['recorded', 'refused', 'refused', 'recorded']);
    expect(b.body.results[1]).toMatchObject({ index: 1, httpStatus: 400, error: { code: 'VALIDATION_FAILED', details: [{ path: 'body.events[1].type', code: 'not_allowed_value' }] } });
    expect(b.body.results[2]).toMatchObject({ index: 2, httpStatus: 400, error: { code: 'VALIDATION_FAILED', details: [{ path: 'body.events[2].foo', code: 'unknown_field' }] } });
    expect(await eventTypes(a.declarationId)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED', 'ARRIVAL_REPORT_ACCEPTED']);
  });

  it('still refuses an envelope that is not {events: [1..1000]} as a whole', async () => {
    const r = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: [] } });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ path: 'body.events', code: 'too_few' });
    const notObjects = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: ['x'] } });
    expect(notObjects.status).toBe(200);
    expect(notObjects.body.results[0]).toMatchObject({ outcome: 'refused', httpStatus: 400, error: { code: 'VALIDATION_FAILED', details: [{ path: 'body.events[0]', code: 'wrong_type' }] } });
  });
});

describe('paging by one name', () => {
  it('the operator tax-notice list pages with `after`, as the declaration list does (`afterId` still works)', async () => {
    for (let i = 0; i < 3; i++) await submit({ items: [{ description: '운동화 Nike Air Max', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }] });
    const first = await api(t.base, 'GET', '/api/v1/tax-notices?limit=2', { token: alpha.key });
    expect(first.status).toBe(200);
    expect(first.body.notices).toHaveLength(2);
    expect(first.body.next).not.toBeNull();
    const byAfter = await api(t.base, 'GET', `/api/v1/tax-notices?limit=2&after=${first.body.next}`, { token: alpha.key });
    expect(byAfter.status).toBe(200);
    const byAfterId = await api(t.base, 'GET', `/api/v1/tax-notices?limit=2&afterId=${first.body.next}`, { token: alpha.key });
    expect(byAfter.body).toEqual(byAfterId.body);
    expect(byAfter.body.notices.length).toBeGreaterThan(0);
    const ids = [...first.body.notices, ...byAfter.body.notices].map((x: { declarationId: number }) => x.declarationId);
    expect(new Set(ids).size).toBe(ids.length);
    const both = await api(t.base, 'GET', `/api/v1/tax-notices?after=5&afterId=6`, { token: alpha.key });
    expect(both.status).toBe(400);
    expect(both.body.error.details[0]).toMatchObject({ path: 'querystring.afterId' });
  });
});

describe('a retried withdrawal (the answer was lost)', () => {
  it('answers 200 with the withdrawn declaration and Idempotent-Replayed, records nothing more; another reason is still 409', async () => {
    const a = await submit();
    const first = await api(t.base, 'POST', `/api/v1/declarations/${a.declarationId}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const retry = await api(t.base, 'POST', `/api/v1/declarations/${a.declarationId}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await eventTypes(a.declarationId)).toEqual(['SUBMITTED', 'WITHDRAWN']);
    const other = await api(t.base, 'POST', `/api/v1/declarations/${a.declarationId}/withdraw`, { token: alpha.key, body: { reason: '다른 사유' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('ILLEGAL_TRANSITION');
    // another operator still sees nothing
    const beta = await t.operator('BETA');
    const foreign = await api(t.base, 'POST', `/api/v1/declarations/${a.declarationId}/withdraw`, { token: beta.key, body: { reason: '주문 취소' } });
    expect(foreign.status).toBe(404);
  });
});

describe('event names in English too', () => {
  it('a webhook delivery and a cargo event answer carry nameEn beside nameKo, and the delivery verifies as the docs say', async () => {
    const bodies: { raw: string; signature: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        bodies.push({ raw, signature: String(req.headers['tonggwan-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const gamma = await t.operator('GAMMA');
      const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: gamma.key, body: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/h`, eventTypes: ['SUBMITTED'] } });
      expect(hook.status).toBe(201);
      const r = await api(t.base, 'POST', '/api/v1/declarations', { token: gamma.key, body: { declarations: [declaration('DAY-HOOK', { parties: { platform: { name: 'Amazon', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } })] } });
      const { cargoNo } = r.body.results[0];
      for (let i = 0; i < 200 && bodies.length === 0; i++) await new Promise((w) => setTimeout(w, 50));
      expect(bodies).toHaveLength(1);
      // the verifier written from docs/api.md (Webhooks) alone: HMAC-SHA256(secret, t + "." + rawBody) in hex, as v1
      const { t: ts, v1 } = Object.fromEntries(bodies[0]!.signature.split(',').map((p) => p.split('='))) as { t: string; v1: string };
      expect(crypto.createHmac('sha256', hook.body.secret).update(`${ts}.${bodies[0]!.raw}`).digest('hex')).toBe(v1);
      expect(JSON.parse(bodies[0]!.raw)).toMatchObject({ type: 'declaration.event', eventType: 'SUBMITTED', nameKo: '신고접수', nameEn: 'Declaration received' });
      const ev = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED' } });
      expect(ev.body.event).toMatchObject({ nameKo: '입항보고 제출', nameEn: 'Arrival report submitted' });
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe('paging the delivery log and the intake log', () => {
  it('the delivery log of a webhook that was down pages with `after`/`next` and filters `status=dead` (the deliveries to replay)', async () => {
    const delta = await t.operator('DELTA');
    // nothing listens on port 9: every attempt fails; with webhookMaxAttempts 5 and 50 ms backoff they die quickly
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: delta.key, body: { url: 'http://127.0.0.1:9/down', eventTypes: ['SUBMITTED'] } });
    const consignee = (i: number) => ({ name: '한지우', pccc: `P28000000000${i}`, phone: '010-4444-5555', postcode: '04524', address: '서울특별시 중구 세종대로 110' });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: delta.key, body: { declarations: [1, 2, 3, 4, 5].map((i) => declaration(`DAY-DOWN-${i}`, { consignee: consignee(i) })) } });
    expect(r.body.summary.accepted).toBe(5);
    const log = (q: string) => api(t.base, 'GET', `/api/v1/webhooks/${hook.body.id}/deliveries${q}`, { token: delta.key });
    for (let i = 0; i < 400; i++) {
      if ((await log('?status=dead')).body.deliveries?.length === 5) break;
      await new Promise((w) => setTimeout(w, 50));
    }
    const first = await log('?limit=2&status=dead');
    expect(first.status).toBe(200);
    expect(first.body.deliveries).toHaveLength(2);
    expect(first.body.deliveries.every((d: { status: string }) => d.status === 'dead')).toBe(true);
    const seen: number[] = first.body.deliveries.map((d: { outboxId: number }) => d.outboxId);
    let next = first.body.next as number | null;
    while (next !== null) {
      const page = await log(`?limit=2&status=dead&after=${next}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.deliveries.map((d: { outboxId: number }) => d.outboxId));
      next = page.body.next;
    }
    expect(seen).toHaveLength(5);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen); // newest first, no repeats
    expect(new Set(seen).size).toBe(5);
    expect((await log('?status=delivered')).body.deliveries).toEqual([]);
    expect((await log('?status=lost')).status).toBe(400);
  });

  it('the intake log (submissions) pages with `after`/`next`', async () => {
    const epsilon = await t.operator('EPSILON');
    for (let i = 0; i < 3; i++) await api(t.base, 'POST', '/api/v1/declarations', { token: epsilon.key, body: { declarations: [declaration(`DAY-SUB-${i}`)] } });
    const first = await api(t.base, 'GET', '/api/v1/submissions?limit=2', { token: epsilon.key });
    expect(first.status).toBe(200);
    expect(first.body.submissions).toHaveLength(2);
    expect(first.body.next).toBe(first.body.submissions[1].id);
    const second = await api(t.base, 'GET', `/api/v1/submissions?limit=2&after=${first.body.next}`, { token: epsilon.key });
    expect(second.body.submissions).toHaveLength(1);
    expect(second.body.submissions[0].id).toBeLessThan(first.body.next);
    expect(second.body.next).toBeNull();
  });
});

describe('sending the API key', () => {
  it('an Authorization header without "Bearer " says how to send the key; X-API-Key, which works, is published', async () => {
    const bare = await api(t.base, 'GET', '/api/v1/declarations?limit=1', { headers: { authorization: alpha.key } });
    expect(bare.status).toBe(401);
    expect(bare.body.error.code).toBe('UNAUTHENTICATED');
    expect(bare.body.error.en).toContain('Bearer');
    expect(bare.body.error.ko).toContain('Bearer');
    // no credentials at all: the answer says how to send them, not only that they are needed
    const none = await api(t.base, 'GET', '/api/v1/declarations?limit=1');
    expect([none.status, none.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(none.body.error.en).toBe(
      'Authentication required: send "Authorization: Bearer <API key or token>" (an operator\'s API key, tgk_…, may go in the X-API-Key header instead; staff sign in at POST /api/v1/auth/sign-in for a token).',
    );
    expect(none.body.error.ko).toContain('Authorization: Bearer');
    // a session token unknown or expired: sign in again
    const stale = await api(t.base, 'GET', '/api/v1/declarations?limit=1', { token: 'tgs_0000000000000000000000000000' });
    expect([stale.status, stale.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(stale.body.error.en).toBe('The session token is unknown or has expired: sign in again (POST /api/v1/auth/sign-in) and send the new token.');
    const header = await api(t.base, 'GET', '/api/v1/declarations?limit=1', { headers: { 'x-api-key': alpha.key } });
    expect(header.status).toBe(200);
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    expect(doc.components.securitySchemes.apiKeyHeader).toEqual({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: expect.any(String) });
    expect(doc.security).toEqual([{ bearer: [] }, { apiKeyHeader: [] }]);
  });

  it('X-API-Key takes API keys only: an officer session token sent there authenticates no one and the answer says where it goes', async () => {
    const officer = await t.officer('day-key-header');
    const asBearer = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=1', { token: officer.token });
    expect(asBearer.status).toBe(200);
    const inKeyHeader = await api(t.base, 'GET', '/api/v1/officer/work-queue?limit=1', { headers: { 'x-api-key': officer.token } });
    expect(inKeyHeader.status).toBe(401);
    expect(inKeyHeader.body.error.code).toBe('UNAUTHENTICATED');
    expect(inKeyHeader.body.error.en).toContain('Authorization: Bearer');
  });
});

describe('format errors in words, not regular expressions', () => {
  it('a PCCC refused by a route schema keeps the declaration code and text (pccc_invalid); dates and instants name their format', async () => {
    const order = { orderNo: 'DAY-ORD-1', platform: 'Amazon', buyerPccc: 'P1', currency: 'USD', amountPaid: 40, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    const pccc = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order });
    expect(pccc.status).toBe(400);
    expect(pccc.body.error.details[0]).toMatchObject({ path: 'body.buyerPccc', code: 'pccc_invalid', keyword: 'pattern' });
    expect(pccc.body.error.details[0].en).toBe('A personal customs code (PCCC) is P followed by 12 digits (e.g. P123456789012).');
    expect(pccc.body.error.details[0].params).toEqual({ pattern: '^[Pp][0-9]{12}$' });
    const date = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: { ...order, buyerPccc: 'P250000000001', orderedAt: '25.11.2026' } });
    expect(date.body.error.details[0]).toMatchObject({ path: 'body.orderedAt', code: 'bad_format', en: 'Wrong format (YYYY-MM-DD).' });
    const instant = await api(t.base, 'GET', '/api/v1/declarations?updatedSince=2026-12-03', { token: alpha.key });
    expect(instant.body.error.details[0]).toMatchObject({ path: 'querystring.updatedSince', code: 'bad_format' });
    expect(instant.body.error.details[0].en).toContain('2026-03-01T09:00:00+09:00');
    const year = await api(t.base, 'GET', '/api/v1/lookup/bl?hblNo=X1&blYear=26');
    expect(year.body.error.details[0]).toMatchObject({ path: 'querystring.blYear', code: 'bad_format', en: 'Wrong format (YYYY).' });
  });

  it("an unknown field names the field meant: a declaration's purchasedAt sent on an order is its orderedAt", async () => {
    const order = { orderNo: 'DAY-ORD-9', platform: 'Amazon', buyerPccc: 'P250000000001', currency: 'USD', amountPaid: 40, purchasedAt: '2026-11-25', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    const r = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ path: 'body.purchasedAt', code: 'unknown_field', ko: "정의되지 않은 항목입니다. 철자를 확인하세요. 혹시 'orderedAt'인가요?", en: "Unknown field: check its spelling. Did you mean 'orderedAt'?" });
  });
});

describe('a retried order', () => {
  it('is the same order whatever the order of its keys (as intake and Idempotency-Key compare), and other content is still ORDER_CONFLICT', async () => {
    const first = '{"orderNo":"DAY-ORD-2","platform":"Amazon","buyerPccc":"P250000000001","currency":"USD","amountPaid":40,"items":[{"description":"티셔츠 Nike Dri-FIT","quantity":1,"price":40}]}';
    const reordered = '{"platform":"Amazon","orderNo":"DAY-ORD-2","currency":"USD","buyerPccc":"P250000000001","amountPaid":40,"items":[{"quantity":1,"price":40,"description":"티셔츠 Nike Dri-FIT"}]}';
    const a = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, raw: first, headers: { 'content-type': 'application/json' } });
    expect(a.status).toBe(201);
    const b = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, raw: reordered, headers: { 'content-type': 'application/json' } });
    expect(b.status).toBe(200);
    expect(b.body).toMatchObject({ replayed: true, order: { id: a.body.order.id } });
    const same = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, raw: first, headers: { 'content-type': 'application/json' } });
    expect(same.status).toBe(200);
    const other = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, raw: first.replace('"amountPaid":40', '"amountPaid":41'), headers: { 'content-type': 'application/json' } });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('ORDER_CONFLICT');
  });

  it('an order stored before bodies were compared canonically (hashed as sent) still answers its retry sent alike', async () => {
    const body = { orderNo: 'DAY-ORD-3', platform: 'Amazon', buyerPccc: 'P250000000001', currency: 'USD', amountPaid: 40, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    expect((await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body })).status).toBe(201);
    // as the earlier code stored it: SHA-256 of the body as sent
    const asSent = crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex');
    await t.db.pool.query(`UPDATE orders SET body_hash = $1 WHERE order_no = 'DAY-ORD-3'`, [asSent]);
    const retry = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body });
    expect(retry.status).toBe(200);
    expect(retry.body.replayed).toBe(true);
  });
});

describe('the public B/L lookup of a consolidated master B/L', () => {
  it('says when it answers only the first 100 of its parcels (truncated), instead of passing them for every one', async () => {
    const zeta = await t.operator('ZETA');
    const consignee = (i: number) => ({ name: '윤도현', pccc: `P29${String(i).padStart(10, '0')}`, phone: '010-7777-8888', postcode: '04524', address: '서울특별시 중구 세종대로 110' });
    const many = Array.from({ length: 101 }, (_, i) => declaration(`DAY-MBL-${i}`, { consignee: consignee(i), shipment: { mode: 'express', shipFrom: 'US', hblNo: `HZETA${i}`, mblNo: 'MDAY-CONSOL-1', arrivalDate: '2026-11-19', grossWeightKg: 0.5 } }));
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: zeta.key, headers: { prefer: 'return=minimal' }, body: { declarations: many } });
    expect(r.body.summary.accepted).toBe(101);
    const all = await api(t.base, 'GET', '/api/v1/lookup/bl?mblNo=MDAY-CONSOL-1&blYear=2026');
    expect(all.status).toBe(200);
    expect(all.body.results).toHaveLength(100);
    expect(all.body.truncated).toBe(true);
    const one = await api(t.base, 'GET', '/api/v1/lookup/bl?hblNo=HZETA7&blYear=2026');
    expect(one.body.results).toHaveLength(1);
    expect(one.body.truncated).toBe(false);
    const none = await api(t.base, 'GET', '/api/v1/lookup/bl?hblNo=HZETA-NONE&blYear=2026');
    expect(none.body).toEqual({ results: [], truncated: false });
  });
});

describe('a declaration dated in the future (a typed year)', () => {
  it('is refused naming declaredAt, in Korean and English, and the rest of the batch is taken', async () => {
    const consignee = { name: '정하늘', pccc: 'P270000099999', phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' };
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('FUTURE-1', { consignee, declaredAt: '2062-11-18' }), declaration('FUTURE-2', { consignee })] } });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['rejected', 'accepted']);
    expect(r.body.results[0].errors).toEqual([expect.objectContaining({ path: 'declaredAt', code: 'date_in_future' })]);
    expect(r.body.results[0].errors[0].ko).toContain('신고일 2062-11-18은 미래 날짜입니다');
    expect(r.body.results[0].errors[0].en).toContain('The declaration date 2062-11-18 is in the future');
  });

  it("names the declaration's other faults beside the date, so one correction fixes it (not those that need the date's rates)", async () => {
    const consignee = { name: '정하늘', pccc: 'P27000009999', phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' }; // PCCC one digit short
    const bad = declaration('FUTURE-3', { consignee, declaredAt: '2062-11-18', items: [{ description: 'AAA BB', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bad] } });
    expect(r.body.results[0].status).toBe('rejected');
    const paths = r.body.results[0].errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`);
    expect(paths[0]).toBe('declaredAt date_in_future');
    expect(paths).toContain('consignee.pccc pccc_invalid');
    expect(paths.some((p: string) => p.startsWith('items[0].description '))).toBe(true);
    expect(paths.filter((p: string) => p.startsWith('declaredAt'))).toHaveLength(1); // no reference_data_missing for 2062
    expect(paths.some((p: string) => p.includes('exchange_rate_missing'))).toBe(false);
  });
});

describe('an order in a currency that does not exist', () => {
  it('is refused naming body.currency (no declaration could ever match it), and stored nowhere', async () => {
    const order = { orderNo: 'DAY-ORD-ZZZ', platform: 'Amazon', buyerPccc: 'P250000000001', currency: 'ZZZ', amountPaid: 40, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    const r = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: order });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([expect.objectContaining({ path: 'body.currency', code: 'currency_unknown', en: 'Not an ISO 4217 currency code: ZZZ.' })]);
    const ok = await api(t.base, 'POST', '/api/v1/orders', { token: alpha.key, body: { ...order, currency: 'usd' } }); // any case, as declarations take it
    expect(ok.status).toBe(201);
  });
});

describe('a declaration refused for text that cannot be stored (NUL, an unpaired surrogate) or too deep', () => {
  it('is answered under its own ref, as every other refusal is, so an integrator matching results by ref finds it', async () => {
    const item = { description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 40, originCountry: 'VN' };
    const nul = declaration('DAY-NUL', { items: [{ ...item, description: 'a\u0000b 티셔츠' }] });
    const deep = declaration('DAY-DEEP', { order: { orderNo: 'O-DEEP', purchasedAt: '2026-11-15', currency: 'USD', notes: JSON.parse('['.repeat(80) + ']'.repeat(80)) } });
    const badRef = declaration('DAY-\u0000REF');
    // the unpaired surrogate as a client's JSON encoder writes it (JSON.stringify keeps it escaped)
    const raw = JSON.stringify({ declarations: [nul, declaration('DAY-SURROGATE'), deep, badRef] }).replace('티셔츠 Nike', '\\ud800셔츠 Nike');
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, raw, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(200);
    const results = r.body.results as { ref: string | null; status: string; errors: { path: string; code: string }[] }[];
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected']);
    expect(results[0]).toMatchObject({ ref: 'DAY-NUL', errors: [{ path: 'items[0].description', code: 'nul_character' }] });
    expect(results[1]).toMatchObject({ ref: 'DAY-SURROGATE', errors: [{ path: 'items[0].description', code: 'unpaired_surrogate' }] });
    expect(results[2]).toMatchObject({ ref: 'DAY-DEEP', errors: [{ code: 'too_deeply_nested' }] });
    // a ref that is itself unstorable cannot be echoed: null, the index says which it was
    expect(results[3]).toMatchObject({ ref: null, errors: [{ path: 'ref', code: 'nul_character' }] });
  });
});

describe('verifying a delivery with the code docs/api.md gives', () => {
  it("the documented verifier, run as printed, takes a real delivery and refuses a tampered body, another secret, an old or missing signature", async () => {
    // The code block of docs/api.md (Webhooks) that defines verifyTonggwanSignature, run as an integrator pastes it.
    const doc = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/api.md'), 'utf8');
    const block = [...doc.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.includes('function verifyTonggwanSignature'));
    expect(block, 'docs/api.md: a ```js block defining verifyTonggwanSignature').toBeDefined();
    const file = path.join(os.tmpdir(), `verify-${process.pid}-${Date.now()}.mjs`);
    fs.writeFileSync(file, block!);
    const { verifyTonggwanSignature: verify } = (await import(pathToFileURL(file).href)) as { verifyTonggwanSignature: (secret: string, header: unknown, raw: Buffer | string, now?: number) => boolean };
    fs.rmSync(file);
    const bodies: { raw: Buffer; signature: string }[] = [];
    const receiver = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        bodies.push({ raw: Buffer.concat(chunks), signature: String(req.headers['tonggwan-signature']) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const kappa = await t.operator('KAPPA');
      const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: kappa.key, body: { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/h`, eventTypes: ['SUBMITTED'] } });
      expect(hook.status).toBe(201);
      // Korean text in the body: the HMAC is over its UTF-8 bytes
      await api(t.base, 'POST', '/api/v1/declarations', { token: kappa.key, body: { declarations: [declaration('DAY-VERIFY')] } });
      for (let i = 0; i < 200 && bodies.length === 0; i++) await new Promise((w) => setTimeout(w, 50));
      expect(bodies).toHaveLength(1);
      const { raw, signature } = bodies[0]!;
      const secret = hook.body.secret as string;
      expect(verify(secret, signature, raw)).toBe(true);
      expect(verify(secret, signature, raw.toString('utf8'))).toBe(true); // a framework's raw text does as well
      const tampered = Buffer.from(raw.toString('utf8').replace('"SUBMITTED"', '"WITHDRAWN"'));
      expect(verify(secret, signature, tampered)).toBe(false);
      expect(verify(`${secret}x`, signature, raw)).toBe(false);
      expect(verify(secret.replace(/^whsec_/, ''), signature, raw)).toBe(false); // the secret as shown, whsec_ included
      const sentAt = Number(/t=(\d+)/.exec(signature)![1]);
      expect(verify(secret, signature, raw, sentAt + 299)).toBe(true);
      expect(verify(secret, signature, raw, sentAt + 301)).toBe(false); // older than 5 minutes: a replayed capture
      expect(verify(secret, undefined, raw)).toBe(false);
      expect(verify(secret, 'garbage', raw)).toBe(false);
      expect(verify(secret, `t=${sentAt},v1=abc`, raw)).toBe(false); // a short v1 is false, not a thrown RangeError
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});

describe('the request examples of the OpenAPI document (what /api/docs "Try it out" sends)', () => {
  it('are published for intake, correction, withdrawal, webhooks and API keys, and each is taken as it stands', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    const example = (p: string, method: string) => doc.paths[p]?.[method]?.requestBody?.content?.['application/json']?.example;
    const eta = await t.operator('ETA');
    const intake = example('/api/v1/declarations', 'post');
    expect(intake, 'POST /api/v1/declarations: an example').toBeDefined();
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: eta.key, body: intake });
    expect(r.status).toBe(200);
    expect(r.body.results.map((x: { status: string; errors: unknown[] }) => [x.status, x.errors])).toEqual(intake.declarations.map(() => ['accepted', []]));
    const id = r.body.results[0].declarationId as number;
    const correction = example('/api/v1/declarations/{id}', 'patch');
    expect(correction, 'PATCH /api/v1/declarations/{id}: an example').toBeDefined();
    expect(correction.declaration.ref).toBe(intake.declarations[0].ref); // corrects the declaration of the intake example
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: eta.key, body: correction });
    expect(amended.status).toBe(200);
    expect(amended.body.version).toBe(2);
    const withdrawal = example('/api/v1/declarations/{id}/withdraw', 'post');
    expect(withdrawal, 'POST …/withdraw: an example').toBeDefined();
    const withdrawn = await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: eta.key, body: withdrawal });
    expect(withdrawn.status).toBe(200);
    const hook = example('/api/v1/webhooks', 'post');
    expect(hook, 'POST /api/v1/webhooks: an example').toBeDefined();
    const theta = await t.operator('THETA'); // sends nothing: the example's address is never called
    expect((await api(t.base, 'POST', '/api/v1/webhooks', { token: theta.key, body: hook })).status).toBe(201);
    const key = example('/api/v1/api-keys', 'post');
    expect(key, 'POST /api/v1/api-keys: an example').toBeDefined();
    expect((await api(t.base, 'POST', '/api/v1/api-keys', { token: theta.key, body: key })).status).toBe(201);
  });
});

describe('a correction with text that cannot be stored', () => {
  it("is 422 DECLARATION_INVALID naming the declaration's own path, as docs/api.md says of a corrected declaration's errors; a NUL in the reason is still 400 body.reason", async () => {
    const iota = await t.operator('IOTA');
    const d = declaration('DAY-AMEND-NUL');
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: iota.key, body: { declarations: [d] } });
    const id = r.body.results[0].declarationId as number;
    const items = [{ ...(d.items as Record<string, unknown>[])[0], description: 'a\u0000b 티셔츠' }];
    const bad = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: iota.key, body: { reason: '품명 정정 / description', declaration: { ...d, items } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('DECLARATION_INVALID');
    expect(bad.body.error.details.errors).toEqual([expect.objectContaining({ path: 'items[0].description', code: 'nul_character' })]);
    const badReason = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: iota.key, body: { reason: 'a\u0000', declaration: d } });
    expect(badReason.status).toBe(400);
    expect(badReason.body.error.details).toEqual([expect.objectContaining({ path: 'body.reason', code: 'nul_character' })]);
    // a number beyond a double (JSON.parse: Infinity) in the declaration is the declaration's error too, never a 500
    const raw = JSON.stringify({ reason: '단가 / price', declaration: d }).replace('"price":40', '"price":1e999');
    const huge = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: iota.key, raw, headers: { 'content-type': 'application/json' } });
    expect(huge.status).toBe(422);
    expect(huge.body.error.details.errors).toEqual([expect.objectContaining({ path: 'items[0].price' })]);
    expect((await api(t.base, 'GET', `/api/v1/declarations/${id}`, { token: iota.key })).body.version).toBe(1);
  });
});

describe('a webhook registered with an event type twice', () => {
  it('is stored and listed with each type once (it kept ["SUBMITTED","SUBMITTED"])', async () => {
    const lambda = await t.operator('LAMBDA');
    const r = await api(t.base, 'POST', '/api/v1/webhooks', { token: lambda.key, body: { url: 'http://127.0.0.1:9/twice', eventTypes: ['SUBMITTED', 'HOLD', 'SUBMITTED'] } });
    expect(r.status).toBe(201);
    expect(r.body.eventTypes).toEqual(['SUBMITTED', 'HOLD']);
    expect((await api(t.base, 'GET', '/api/v1/webhooks', { token: lambda.key })).body.webhooks[0].eventTypes).toEqual(['SUBMITTED', 'HOLD']);
  });
});
