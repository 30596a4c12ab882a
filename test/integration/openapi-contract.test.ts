// The published contract holds: real requests of an operator's integration (intake with valid and
// invalid declarations, retries, corrections, withdrawal, cargo events, webhooks, orders), of the
// public (lookups, the tax estimator, receipts) and of the consumer app (verification, own
// declarations, tax notices and payment, order-time consent on the phone), and for each answer,
// its status must be one the operation documents in /api/openapi.json and its body must validate
// against the schema published for that status. A field added to, renamed in or dropped from an
// answer, or an undocumented status, fails here; so does a documented operation no test calls.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { DATA_DIR } from '../support/reference.ts';
import { publishedDocument, type PublishedDocument } from '../support/openapi-document.ts';
import { softwarePasskey } from '../support/software-passkey.ts';
import { consumerSessionOn } from '../support/holder-notices.ts';
import { PgRiskExchangeStore } from '../../src/adapters/db/risk-exchange-repository.ts';
import { partyNoticeId } from '../../src/domain/risk-exchange/build-party-notice.ts';
import type { ExchangeMessage } from '../../src/domain/risk-exchange/message.ts';
import { signingInput } from '../../src/domain/risk-exchange/canonical-json.ts';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { addDays, koreanDateOf } from '../../src/domain/dates.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let courier: { id: number; key: string; code: string };
let published: PublishedDocument;
let doc: any;
let receiver: http.Server;
let receiverUrl: string;
const checked: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  courier = await t.operator('CJKX', 'courier');
  // the consignee of declaration() (test-platform.ts), as the PCCC registry knows them
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
  published = publishedDocument(doc);
  receiver = http.createServer((req, res) => req.resume().on('end', () => res.end('ok')));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await t?.close();
});

/** Sends a request and holds its answer to the operation's published responses. */
/**
 * Today's date in Korea. Notices that must be due (not overdue) are declared today: their taxes fall
 * due 15 days later whatever day the tests run (this platform keeps the real clock, which signed
 * partner messages and webhook deliveries need); declaration()'s fixed date is past due from 2026-12-04.
 */
function todayInKorea(): string {
  return koreanDateOf(new Date().toISOString());
}

async function call(method: string, template: string, path: string, opts: Parameters<typeof api>[3] = {}) {
  const r = await api(t.base, method, path, opts);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeTruthy();
  const documented = Object.keys(operation.responses);
  expect(documented, `${method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`).toContain(String(r.status));
  const content = operation.responses[String(r.status)].content;
  const type = r.headers.get('content-type') ?? '';
  if (r.status === 204) {
    expect(r.body).toBeNull();
  } else if (!type.startsWith('application/json')) {
    expect(content?.[type.split(';')[0]!], `${method} ${template} ${r.status} documents ${type}`).toBeTruthy();
  } else {
    expect(content?.['application/json']?.schema, `${method} ${template} ${r.status} has a schema`).toBeTruthy();
    const validate = published.jsonSchemaOf(method, template, r.status)!;
    const valid = validate(r.body);
    expect(valid, `${method} ${path} ${r.status}: ${published.errorsText(validate)}\n${JSON.stringify(r.body).slice(0, 500)}`).toBe(true);
  }
  checked.push(`${method} ${template} ${r.status}`);
  return r;
}

describe('answers validate against the published OpenAPI document', () => {
  let id: number;
  let cargoNo: string;

  it('publishes one form of VALIDATION_FAILED details, field errors, and refuses the forms it replaced', () => {
    const error = published.component('Error');
    const base = { code: 'VALIDATION_FAILED', message: 'The request does not match the schema.', ko: '요청 형식이 올바르지 않습니다.', en: 'The request does not match the schema.' };
    const fieldError = { path: 'body.buyerPccc', code: 'pccc_invalid', ko: '개인통관고유부호는 P와 숫자 12자리입니다.', en: 'A PCCC is P followed by 12 digits.' };
    expect(error({ error: { ...base, details: [fieldError, { ...fieldError, path: 'querystring.status', code: 'not_allowed_value', keyword: 'enum', params: { allowedValues: ['held'] } }] } })).toBe(true);
    for (const old of [undefined, [], { field: 'buyerPccc', reason: 'P + 12 digits' }, { path: 'url' }, [{ path: 'body.type', keyword: 'enum', message: 'must be one of', params: {} }], [{ ...fieldError, field: 'buyerPccc' }]])
      expect(error({ error: { ...base, ...(old === undefined ? {} : { details: old }) } }), JSON.stringify(old)).toBe(false);
    // Other codes keep the details their routes describe.
    expect(error({ error: { ...base, code: 'AMOUNT_MISMATCH', details: { amountDueKrw: 1000 } } })).toBe(true);
  });

  it('bulk intake: valid and invalid mixed, minimal, idempotent replay, key reuse, bad envelope, no key', async () => {
    const bad = declaration('C-BAD', { items: [{ description: '', quantity: -1, price: 10 }], consignee: { name: '이', pccc: 'X1', phone: '010', postcode: '1', address: 'a' } });
    const body = { declarations: [declaration('C-1'), bad, { ref: 'C-EMPTY' }] };
    const first = await call('POST', '/api/v1/declarations', '/api/v1/declarations', { token: alpha.key, body, headers: { 'idempotency-key': 'contract-1' } });
    expect(first.body.summary).toEqual({ received: 3, accepted: 1, rejected: 2, replayed: 0 });
    id = first.body.results[0].declarationId;
    cargoNo = first.body.results[0].cargoNo;
    const replay = await call('POST', '/api/v1/declarations', '/api/v1/declarations', { token: alpha.key, body, headers: { 'idempotency-key': 'contract-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const minimal = await call('POST', '/api/v1/declarations', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('C-2'), bad] }, headers: { prefer: 'return=minimal' } });
    expect(minimal.body.results[0]).not.toHaveProperty('assessment');
    const reused = await call('POST', '/api/v1/declarations', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('C-3')] }, headers: { 'idempotency-key': 'contract-1' } });
    expect(reused.status).toBe(422);
    expect((await call('POST', '/api/v1/declarations', '/api/v1/declarations', { token: alpha.key, body: { declarations: [] } })).status).toBe(400);
    expect((await call('POST', '/api/v1/declarations', '/api/v1/declarations', { body: { declarations: [declaration('C-4')] } })).status).toBe(401);
  });

  it('list, read, correct, withdraw', async () => {
    const list = await call('GET', '/api/v1/declarations', '/api/v1/declarations?limit=1', { token: alpha.key });
    expect(list.body.next).toBe(list.body.declarations[0].id);
    expect((await call('GET', '/api/v1/declarations', '/api/v1/declarations?status=bogus', { token: alpha.key })).status).toBe(400);
    // C-2 joined C-1's combined-taxation group (one consignee, seller and date): C-1's quiet versions
    // listing it come first, written by the re-decision worker.
    await t.platform.combinedRedecisions.drain();
    const before = (await api(t.base, 'GET', `/api/v1/declarations/${id}`, { token: alpha.key })).body as { version: number; revisions: unknown[] };
    const corrected = declaration('C-1', { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 2, price: 40, originCountry: 'VN' }] });
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '수량 정정', declaration: corrected } })).body.version).toBe(before.version + 1);
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '수량 정정', declaration: corrected } })).headers.get('idempotent-replayed')).toBe('true');
    const invalid = { ...corrected, items: [{ description: '티셔츠', category: 'clothing', quantity: 0, price: 40 }] };
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: 'x', declaration: invalid } })).status).toBe(422);
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: corrected } })).status).toBe(400);
    const read = await call('GET', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key });
    expect(read.body.revisions).toHaveLength(before.revisions.length + 1);
    expect((await call('GET', '/api/v1/declarations/{id}', '/api/v1/declarations/999999', { token: alpha.key })).status).toBe(404);

    const other = (await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('C-W')] } })).body.results[0].declarationId;
    expect((await call('POST', '/api/v1/declarations/{id}/withdraw', `/api/v1/declarations/${other}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    // a retry (same reason) answers as the first time; withdrawn already for another reason: 409
    expect((await call('POST', '/api/v1/declarations/{id}/withdraw', `/api/v1/declarations/${other}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    expect((await call('POST', '/api/v1/declarations/{id}/withdraw', `/api/v1/declarations/${other}/withdraw`, { token: alpha.key, body: { reason: '다른 사유' } })).status).toBe(409);
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${other}`, { token: alpha.key, body: { reason: 'x', declaration: declaration('C-W') } })).status).toBe(409);
  });

  it('cargo events, one and in a batch', async () => {
    const event = { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: '2026-11-19T01:00:00+09:00', detail: { shedNm: '인천공항 특송센터' } };
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: event })).status).toBe(201);
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: event })).status).toBe(200);
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: { ...event, type: 'WAREHOUSE_OUT' } })).status).toBe(409);
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: { ...event, type: 'LIST_CLEARED' } })).status).toBe(403);
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: { ...event, cargoNo: '26TGW9999999999' } })).status).toBe(404);
    expect((await call('POST', '/api/v1/cargo-events', '/api/v1/cargo-events', { token: courier.key, body: { type: 'WAREHOUSE_IN' } })).status).toBe(400);
    const batch = await call('POST', '/api/v1/cargo-events/batch', '/api/v1/cargo-events/batch', {
      token: courier.key,
      body: { events: [{ cargoNo, type: 'MANIFEST_SUBMITTED' }, { cargoNo, type: 'WAREHOUSE_OUT' }, { cargoNo: '26TGW9999999999', type: 'WAREHOUSE_IN' }] },
    });
    expect(batch.body.results.map((x: { outcome: string }) => x.outcome)).toEqual(['recorded', 'refused', 'refused']);
  });

  it('webhooks: register, list, delivery log, replay, disable', async () => {
    const created = await call('POST', '/api/v1/webhooks', '/api/v1/webhooks', { token: alpha.key, body: { url: receiverUrl } });
    expect(created.body.secret).toMatch(/^whsec_/);
    await call('GET', '/api/v1/webhooks', '/api/v1/webhooks', { token: alpha.key });
    await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type: 'UNLOADING_ACCEPTED' } });
    // wait until the worker has delivered (no time is asserted)
    let log: any;
    for (let i = 0; i < 200; i++) {
      log = await api(t.base, 'GET', `/api/v1/webhooks/${created.body.id}/deliveries`, { token: alpha.key });
      if (log.body.deliveries.some((d: { status: string }) => d.status === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const deliveries = await call('GET', '/api/v1/webhooks/{id}/deliveries', `/api/v1/webhooks/${created.body.id}/deliveries`, { token: alpha.key });
    const delivered = deliveries.body.deliveries.find((d: { status: string }) => d.status === 'delivered');
    expect(delivered.log.length).toBeGreaterThan(0);
    expect((await call('POST', '/api/v1/webhooks/deliveries/{id}/replay', `/api/v1/webhooks/deliveries/${delivered.outboxId}/replay`, { token: alpha.key })).status).toBe(202);
    expect((await call('POST', '/api/v1/webhooks/deliveries/{id}/replay', '/api/v1/webhooks/deliveries/999999/replay', { token: alpha.key })).status).toBe(404);
    expect((await call('GET', '/api/v1/webhooks/{id}/deliveries', '/api/v1/webhooks/999999/deliveries', { token: alpha.key })).status).toBe(404);
    expect((await call('DELETE', '/api/v1/webhooks/{id}', `/api/v1/webhooks/${created.body.id}`, { token: alpha.key })).status).toBe(204);
    expect((await call('DELETE', '/api/v1/webhooks/{id}', '/api/v1/webhooks/999999', { token: alpha.key })).status).toBe(404);
  });

  it('orders: new, retried, conflicting, invalid', async () => {
    const order = { orderNo: 'CO-1', platform: 'Amazon', seller: 'Nike Store', buyerPccc: 'P123456789012', currency: 'USD', amountPaid: 40, orderedAt: '2026-11-15', items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }] };
    expect((await call('POST', '/api/v1/orders', '/api/v1/orders', { token: alpha.key, body: order })).status).toBe(201);
    expect((await call('POST', '/api/v1/orders', '/api/v1/orders', { token: alpha.key, body: order })).status).toBe(200);
    expect((await call('POST', '/api/v1/orders', '/api/v1/orders', { token: alpha.key, body: { ...order, amountPaid: 41 } })).status).toBe(409);
    expect((await call('POST', '/api/v1/orders', '/api/v1/orders', { token: alpha.key, body: { ...order, buyerPccc: 'P1' } })).status).toBe(400);
  });

  it('public lookups by cargo number and B/L: a parcel in list clearance and one an officer held; bad and unknown numbers', async () => {
    const officer = await t.officer('contract-officer');
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('L-1'), declaration('L-HOLD')] } });
    const [listed, held] = r.body.results as { cargoNo: string; declarationId: number }[];
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${held!.declarationId}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);

    const one = await call('GET', '/api/v1/lookup/cargo/{cargoNo}', `/api/v1/lookup/cargo/${listed!.cargoNo}`);
    expect(one.body).toMatchObject({ cargoNo: listed!.cargoNo, status: 'declared', hold: null });
    const onHold = await call('GET', '/api/v1/lookup/cargo/{cargoNo}', `/api/v1/lookup/cargo/${held!.cargoNo}`);
    expect(onHold.body.hold).toMatchObject({ ko: '구매 증빙 필요', en: 'Proof of purchase needed', codes: ['OFFICER_HOLD'] });
    expect(JSON.stringify(onHold.body)).not.toMatch(/P123456789012|김민지|contract-officer/); // no personal data, no officer
    expect((await call('GET', '/api/v1/lookup/cargo/{cargoNo}', '/api/v1/lookup/cargo/26TGW')).status).toBe(400);
    expect((await call('GET', '/api/v1/lookup/cargo/{cargoNo}', '/api/v1/lookup/cargo/26TGW9999999999')).status).toBe(404);

    const bl = await call('GET', '/api/v1/lookup/bl', `/api/v1/lookup/bl?hblNo=HL-1&blYear=${one.body.blYear}`);
    expect(bl.body.results.map((x: { cargoNo: string }) => x.cargoNo)).toEqual([listed!.cargoNo]);
    expect((await call('GET', '/api/v1/lookup/bl', '/api/v1/lookup/bl?hblNo=HL-1')).status).toBe(400);
    expect((await call('GET', '/api/v1/lookup/bl', `/api/v1/lookup/bl?blYear=${one.body.blYear}`)).status).toBe(400);
    // a UNI-PASS client's two-digit year and a B/L number over 35 characters are refused too, and the document says so
    // (its 400 named only a missing blYear), and its parameters say what they take (blYear: API001's blYy)
    const blDoc = doc.paths['/api/v1/lookup/bl'].get;
    const shortYear = await call('GET', '/api/v1/lookup/bl', '/api/v1/lookup/bl?hblNo=HL-1&blYear=26');
    expect([shortYear.status, shortYear.body.error.code, shortYear.body.error.details[0].path]).toEqual([400, 'VALIDATION_FAILED', 'querystring.blYear']);
    const longBl = await call('GET', '/api/v1/lookup/bl', `/api/v1/lookup/bl?hblNo=${'H'.repeat(36)}&blYear=2026`);
    expect([longBl.status, longBl.body.error.details[0].path]).toEqual([400, 'querystring.hblNo']);
    expect(blDoc.responses['400'].description).toMatch(/blYear missing or not YYYY.*over 35 characters \(VALIDATION_FAILED/);
    const described = Object.fromEntries(blDoc.parameters.map((p: { name: string; description?: string }) => [p.name, p.description ?? '']));
    expect(described.blYear).toContain('blYy');
    expect(described.hblNo).toContain('hblNo');
    expect(described.mblNo).toContain('mblNo');
    const cargoParam = doc.paths['/api/v1/lookup/cargo/{cargoNo}'].get.parameters.find((p: { name: string }) => p.name === 'cargoNo');
    expect(cargoParam.description).toContain('cargMtNo');
    expect((await call('GET', '/api/v1/lookup/cargo/{cargoNo}', `/api/v1/lookup/cargo/${listed!.cargoNo.toLowerCase()}`)).body.cargoNo).toBe(listed!.cargoNo); // case ignored, as described
  });

  it('the tax estimator: an estimate, one the engine refuses, a bad form; the form options', async () => {
    const form = { category: 'clothing', price: 40, currency: 'USD', shipFrom: 'US', mode: 'express', quantity: 1 };
    const ok = await call('POST', '/api/v1/estimate', '/api/v1/estimate', { body: form });
    expect(ok.body.assessment.status).toBe('assessed');
    expect(ok.body.assumptions.map((a: { field: string }) => a.field)).toContain('weightKg');
    const refused = await call('POST', '/api/v1/estimate', '/api/v1/estimate', { body: { ...form, shipFrom: 'ZZ' } });
    expect(refused.body.assessment.status).toBe('rejected');
    expect(refused.body.fieldErrors.map((e: { path: string; field: string }) => [e.path, e.field])).toContainEqual(['shipment.shipFrom', 'shipFrom']);
    expect((await call('POST', '/api/v1/estimate', '/api/v1/estimate', { body: { ...form, category: undefined } })).status).toBe(400);
    expect((await call('POST', '/api/v1/estimate', '/api/v1/estimate', { body: { ...form, price: -1 } })).status).toBe(400);
    const options = await call('GET', '/api/v1/reference/estimator', '/api/v1/reference/estimator');
    expect(options.body.currencies.find((c: { code: string }) => c.code === 'USD')).toBeTruthy();
    expect((await call('GET', '/api/v1/reference/categories', '/api/v1/reference/categories')).body.categories).toEqual(options.body.categories);
  });

  let minji: string;
  it('consumer verification, own declarations, the demo inbox', async () => {
    const who = { pccc: 'P123456789012', name: '김민지', phone: '010-1234-5678', postcode: '06236' };
    expect((await call('POST', '/api/v1/consumer/verification', '/api/v1/consumer/verification', { body: { ...who, name: '김민수' } })).status).toBe(401);
    expect((await call('POST', '/api/v1/consumer/verification', '/api/v1/consumer/verification', { body: { ...who, pccc: 'P1' } })).status).toBe(400);
    const started = await call('POST', '/api/v1/consumer/verification', '/api/v1/consumer/verification', { body: who });
    expect(started.status).toBe(201);
    const inbox = await call('GET', '/api/v1/demo/notifications', '/api/v1/demo/notifications?recipient=01012345678');
    const code = /인증번호 (\d{6})/.exec(inbox.body.notifications[0].body)![1]!;
    expect((await call('GET', '/api/v1/demo/notifications', '/api/v1/demo/notifications?to=01012345678')).status).toBe(400);
    const complete = `/api/v1/consumer/verification/${started.body.challengeId}/complete`;
    const wrong = code === '000000' ? '111111' : '000000';
    expect((await call('POST', '/api/v1/consumer/verification/{challengeId}/complete', complete, { body: { code: wrong } })).status).toBe(401);
    expect((await call('POST', '/api/v1/consumer/verification/{challengeId}/complete', complete, { body: { code: 'abc' } })).status).toBe(400);
    const done = await call('POST', '/api/v1/consumer/verification/{challengeId}/complete', complete, { body: { code } });
    minji = done.body.token;

    const own = await call('GET', '/api/v1/consumer/declarations', '/api/v1/consumer/declarations', { token: minji });
    expect(own.body.declarations.length).toBeGreaterThan(0);
    expect(own.body.declarations[0]).toMatchObject({ consigneeName: '김민지', platform: 'Amazon', seller: 'Nike Store' });
    expect((await call('GET', '/api/v1/consumer/declarations', '/api/v1/consumer/declarations')).status).toBe(401);
    expect((await call('GET', '/api/v1/consumer/declarations', '/api/v1/consumer/declarations', { token: alpha.key })).status).toBe(403);
  });

  it('tax notices and payment, by the consumer and by the operator; the public receipt and its certificate', async () => {
    // general clearance (USD 300, taxed), on distinct purchase dates so they are not taxed together
    const taxed = (ref: string, purchasedAt: string) =>
      declaration(ref, { declaredAt: todayInKorea(), order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [taxed('T-1', '2026-11-01'), taxed('T-2', '2026-11-02'), declaration('T-EXEMPT', { order: { orderNo: 'O-T-EXEMPT', purchasedAt: '2026-11-03', currency: 'USD' } })] } });
    const [byConsumer, byOperator, exempt] = r.body.results.map((x: { declarationId: number }) => x.declarationId) as number[];

    const notices = await call('GET', '/api/v1/consumer/tax-notices', '/api/v1/consumer/tax-notices', { token: minji });
    const due = notices.body.notices.find((n: { declarationId: number }) => n.declarationId === byConsumer);
    expect(due).toMatchObject({ status: 'due', payment: null });
    expect((await call('GET', '/api/v1/consumer/tax-notices', '/api/v1/consumer/tax-notices')).status).toBe(401);
    expect((await call('GET', '/api/v1/consumer/tax-notices', '/api/v1/consumer/tax-notices', { token: alpha.key })).status).toBe(403);

    const pay = `/api/v1/consumer/tax-notices/${byConsumer}/payments`;
    const template = '/api/v1/consumer/tax-notices/{declarationId}/payments';
    expect((await call('POST', template, pay, { token: minji, body: { method: 'transfer', amountKrw: due.amountKrw - 10 } })).status).toBe(422);
    expect((await call('POST', template, pay, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4241' } })).status).toBe(400);
    expect((await call('POST', template, pay, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4000-0000-0000-0002', cardExpiry: '12/30' } })).status).toBe(402);
    expect((await call('POST', template, `/api/v1/consumer/tax-notices/999999/payments`, { token: minji, body: { method: 'transfer', amountKrw: due.amountKrw } })).status).toBe(404);
    expect((await call('POST', template, pay, { body: { method: 'transfer', amountKrw: due.amountKrw } })).status).toBe(401);
    expect((await call('POST', template, pay, { token: alpha.key, body: { method: 'transfer', amountKrw: due.amountKrw } })).status).toBe(403);
    const paid = await call('POST', template, pay, { token: minji, body: { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }, headers: { 'idempotency-key': 'contract-pay-1' } });
    expect(paid.status).toBe(201);
    expect(paid.body.notice.status).toBe('paid');
    expect((await call('POST', template, pay, { token: minji, body: { method: 'transfer', amountKrw: due.amountKrw } })).status).toBe(409);
    // Officers read the paid notice (GET /api/v1/officer/declarations/{id}/tax-notice), as the consumer is shown it.
    const staff = await t.officer('contract-tax-notice-officer');
    const seen = await call('GET', '/api/v1/officer/declarations/{id}/tax-notice', `/api/v1/officer/declarations/${byConsumer}/tax-notice`, { token: staff.token });
    expect(seen.body.notice).toMatchObject({ status: 'paid', payment: { receiptNo: paid.body.receipt.receiptNo, payerKind: 'consumer', method: 'card' } });
    expect((await call('GET', '/api/v1/officer/declarations/{id}/tax-notice', `/api/v1/officer/declarations/${byConsumer}/tax-notice`, { token: minji })).status).toBe(403);

    const page = await call('GET', '/api/v1/tax-notices', '/api/v1/tax-notices?status=due&limit=50', { token: alpha.key });
    const owed = page.body.notices.find((n: { declarationId: number }) => n.declarationId === byOperator);
    expect((await call('GET', '/api/v1/tax-notices', '/api/v1/tax-notices?status=bogus', { token: alpha.key })).status).toBe(400);
    // Back: the page before a notice (before); not both cursors.
    const back = await call('GET', '/api/v1/tax-notices', `/api/v1/tax-notices?limit=1&before=${byConsumer}`, { token: alpha.key });
    expect([back.status, back.body.next]).toEqual([200, back.body.notices[0]?.declarationId ?? null]);
    expect((await call('GET', '/api/v1/tax-notices', '/api/v1/tax-notices?after=5&before=5', { token: alpha.key })).status).toBe(400);
    expect((await call('GET', '/api/v1/tax-notices', '/api/v1/tax-notices', { token: minji })).status).toBe(403);
    const onBehalf = '/api/v1/declarations/{id}/tax-payments';
    expect((await call('POST', onBehalf, `/api/v1/declarations/${byOperator}/tax-payments`, { token: alpha.key, body: { method: 'card', amountKrw: owed.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } })).status).toBe(201);
    expect((await call('POST', onBehalf, `/api/v1/declarations/${exempt}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 1000 } })).body.error.code).toBe('NO_TAXES_DUE');
    expect((await call('POST', onBehalf, `/api/v1/declarations/${byOperator}/tax-payments`, { token: courier.key, body: { method: 'transfer', amountKrw: owed.amountKrw } })).status).toBe(404);

    const receiptNo = paid.body.receipt.receiptNo;
    const receipt = await call('GET', '/api/v1/tax-receipts/{receiptNo}', `/api/v1/tax-receipts/${receiptNo}`);
    expect(receipt.body).toEqual(paid.body.receipt);
    expect((await call('GET', '/api/v1/tax-receipts/{receiptNo}', '/api/v1/tax-receipts/TR-0000000000000000')).status).toBe(404);
    expect((await call('GET', '/api/v1/tax-receipts/{receiptNo}', `/api/v1/tax-receipts/${'X'.repeat(41)}`)).status).toBe(400);
    const pdf = await call('GET', '/api/v1/tax-receipts/{receiptNo}/certificate.pdf', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`);
    expect([pdf.status, String(pdf.body).slice(0, 5)]).toEqual([200, '%PDF-']);
    expect((await call('GET', '/api/v1/tax-receipts/{receiptNo}/certificate.pdf', '/api/v1/tax-receipts/TR-0000000000000000/certificate.pdf')).status).toBe(404);
  });

  it('refunds due (administrators): a second charge that could not be voided is listed, then resolved', async () => {
    // The row as pay-taxes.ts records it when voiding a racing second charge fails (that race: check-then-act-races.test.ts).
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('CT-REFUND', { items: [{ description: '운동화 Nike Air', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }] })] } });
    const declarationId = r.body.results[0].declarationId as number;
    const stored = await t.platform.deps.taxPayments!.store.recordRefundDue({
      provider: 'local-emulator', providerTx: 'tx-contract-1', declarationId, paymentNo: '9260000000000000017', amountKrw: 45_000, payerKind: 'consumer',
      reason: 'duplicate_charge_not_voided', refundBy: '2026-11-25', createdAt: new Date('2026-11-20T01:00:00Z'),
    });
    const admin = await t.officer('contract-admin', 'admin');
    const officer = await t.officer('contract-refund-officer');
    const list = '/api/v1/officer/tax-refunds-due';
    const open = await call('GET', list, list, { token: admin.token });
    expect(open.body.refunds.map((x: { id: number }) => x.id)).toContain(stored.id);
    expect((await call('GET', list, `${list}?limit=0`, { token: admin.token })).status).toBe(400);
    expect((await call('GET', list, list)).status).toBe(401);
    expect((await call('GET', list, list, { token: officer.token })).status).toBe(403);
    const resolve = '/api/v1/officer/tax-refunds-due/{id}/resolve';
    const done = await call('POST', resolve, `${list}/${stored.id}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'R-1', resolution: 'refunded at the provider, ref R-1' } });
    expect([done.body.refundNo, done.body.resolvedBy]).toEqual([`RF-${String(stored.id).padStart(8, '0')}`, 'contract-admin']);
    expect((await call('POST', resolve, `${list}/${stored.id}/resolve`, { token: admin.token, body: { outcome: 'not_refunded', resolution: 'again' } })).status).toBe(404);
    // The resolved ones (status=resolved), each with its cargo number; an unknown status is refused.
    const resolvedList = await call('GET', list, `${list}?status=resolved&limit=500`, { token: admin.token });
    expect(resolvedList.body.refunds.find((x: { id: number }) => x.id === stored.id)).toMatchObject({ outcome: 'refunded', providerRefundRef: 'R-1', cargoNo: expect.any(String) });
    expect((await call('GET', list, `${list}?status=closed`, { token: admin.token })).status).toBe(400);
    expect((await call('POST', resolve, `${list}/${stored.id}/resolve`, { token: admin.token, body: { outcome: 'not_refunded', resolution: ' ' } })).status).toBe(400);
  });

  it('order-time consent on the phone: view, options, a passkey decision; wrong number, wrong passkey, no passkey, expired, decided', async () => {
    const identity = t.platform.deps.identity!.deps;
    const holderOf = async (name: string, phone: string) => {
      const issued = await identity.registry.issue({ name, phone, postcodes: ['06236'] }, { kind: 'system', id: null });
      if (!issued.ok) throw new Error(issued.error.code);
      return { name, phone, pccc: issued.value.pccc, holderId: issued.value.holderId };
    };
    const withPasskey = async (h: { holderId: string }) => {
      const key = softwarePasskey();
      await identity.identity.addPasskey(
        { credentialId: key.credentialId, holderId: h.holderId, publicKey: key.publicKey, counter: 0, transports: ['internal'], deviceType: 'singleDevice', backedUp: false, registeredVia: 'test' },
        () => ({ label: 'test', usableFrom: '2026-01-01T00:00:00.000Z' }),
      );
      return key;
    };
    const order = (h: { name: string; phone: string; pccc: string }, orderNo: string) => ({
      pccc: h.pccc, consigneeName: h.name, consigneePhone: h.phone, postcode: '06236', platform: 'Amazon', seller: null, orderNo,
      items: [{ description: '티셔츠', quantity: 2, price: 19.99 }], total: 39.98, currency: 'USD', returnUrl: 'https://shop.example/done',
    });
    const ask = async (h: { name: string; phone: string; pccc: string }, orderNo: string) => {
      const r = await call('POST', '/api/v1/consent-requests', '/api/v1/consent-requests', { token: alpha.key, body: order(h, orderNo) });
      expect(r.status).toBe(201);
      return r.body as { id: string; matchingNumber: string };
    };
    const hana = await holderOf('이하나', '01022223333');
    const dul = await holderOf('이두리', '01044445555');
    const set = await holderOf('이세나', '01066667777');
    const hanaKey = await withPasskey(hana);
    const dulKey = await withPasskey(dul);
    // the operator's refusals
    const consentRequests = '/api/v1/consent-requests';
    expect((await call('POST', consentRequests, consentRequests, { token: alpha.key, body: { ...order(hana, 'CONSENT-X'), total: 1 } })).body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.total', code: 'total_mismatch' }] });
    expect((await call('POST', consentRequests, consentRequests, { token: alpha.key, body: { ...order(hana, 'CONSENT-X'), consigneeName: '김다른' } })).body.error.code).toBe('CONSENT_PCCC_CHECK_FAILED');
    expect((await call('POST', consentRequests, consentRequests, { token: alpha.key, body: { ...order(hana, 'CONSENT-X'), currency: 'dollars' } })).status).toBe(400);
    expect((await call('POST', consentRequests, consentRequests, { body: order(hana, 'CONSENT-X') })).status).toBe(401);
    expect((await call('POST', consentRequests, consentRequests, { token: (await t.officer('contract-consent')).token, body: order(hana, 'CONSENT-X') })).status).toBe(403);

    // the holder signs in with the passkey (usernameless)
    const started = await call('POST', '/api/v1/consumer/passkeys/sign-in', '/api/v1/consumer/passkeys/sign-in');
    expect(started.status).toBe(201);
    const finish = '/api/v1/consumer/passkeys/sign-in/{ceremonyId}';
    const signedIn = await call('POST', finish, `/api/v1/consumer/passkeys/sign-in/${started.body.ceremonyId}`, { body: { response: hanaKey.assert(started.body.options.challenge) } });
    expect(signedIn.body).toMatchObject({ pccc: hana.pccc, token: expect.stringMatching(/^tgc_/) });
    expect((await call('POST', finish, `/api/v1/consumer/passkeys/sign-in/${started.body.ceremonyId}`, { body: { response: hanaKey.assert(started.body.options.challenge) } })).status).toBe(401); // used
    expect((await call('POST', finish, '/api/v1/consumer/passkeys/sign-in/wac_unknown', { body: {} })).status).toBe(400);

    // approve with the right number and the holder's passkey
    const a = await ask(hana, 'CONSENT-A');
    const view = await call('GET', '/api/v1/consent/{id}', `/api/v1/consent/${a.id}`);
    expect(view.body.order).toMatchObject({ pcccMasked: `${hana.pccc.slice(0, 3)}********${hana.pccc.slice(-2)}`, total: 3998, items: [{ description: '티셔츠', quantity: 2, unitPrice: 1999 }] });
    expect(JSON.stringify(view.body)).not.toContain(hana.pccc);
    expect((await call('GET', '/api/v1/consent/{id}', '/api/v1/consent/cr_unknown-request')).status).toBe(404);
    expect((await call('GET', '/api/v1/consent/{id}', '/api/v1/consent/short')).status).toBe(400);
    const options = await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${a.id}/options`, { body: { decision: 'approve', number: a.matchingNumber } });
    expect((await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${a.id}/options`, { body: { decision: 'maybe' } })).status).toBe(400);
    const decided = await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${a.id}/decision`, { body: { decision: 'approve', response: hanaKey.assert(options.body.options.challenge) } });
    expect(decided.body).toEqual({ status: 'approved', returnUrl: 'https://shop.example/done' });
    expect((await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${a.id}/decision`, { body: { decision: 'approve', response: hanaKey.assert(options.body.options.challenge) } })).status).toBe(409);
    expect((await call('GET', '/api/v1/consent/{id}', `/api/v1/consent/${a.id}`)).body).toMatchObject({ status: 'approved', choices: [] });

    // an unknown passkey, then another holder's: refused, the request stays pending
    const b = await ask(hana, 'CONSENT-B');
    const challenge = (await api(t.base, 'POST', `/api/v1/consent/${b.id}/options`, { body: { decision: 'decline' } })).body.options.challenge;
    expect((await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${b.id}/decision`, { body: { decision: 'decline', response: softwarePasskey().assert(challenge) } })).status).toBe(401);
    expect((await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${b.id}/decision`, { body: { decision: 'decline', response: dulKey.assert(challenge) } })).status).toBe(403);
    expect((await call('POST', '/api/v1/consent/{id}/decision', '/api/v1/consent/cr_unknown-request/decision', { body: { decision: 'decline', response: hanaKey.assert(challenge) } })).status).toBe(404);
    expect((await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${b.id}/decision`, { body: { decision: 'decline', response: hanaKey.assert(challenge) } })).body.status).toBe('declined');

    // a wrong number cancels the request; then it is no longer pending
    const c = await ask(dul, 'CONSENT-C');
    const wrong = String(((Number(c.matchingNumber) - 10 + 1) % 90) + 10);
    expect((await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${c.id}/options`, { body: { decision: 'approve', number: wrong } })).status).toBe(403);
    expect((await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${c.id}/options`, { body: { decision: 'approve', number: c.matchingNumber } })).status).toBe(409);
    expect((await call('POST', '/api/v1/consent/{id}/options', '/api/v1/consent/cr_unknown-request/options', { body: { decision: 'decline' } })).status).toBe(404);

    // an expired request
    const d = await ask(dul, 'CONSENT-D');
    await t.db.pool.query(`UPDATE consent_requests SET expires_at = now() - interval '1 second' WHERE id = $1`, [d.id]);
    expect((await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${d.id}/options`, { body: { decision: 'decline' } })).status).toBe(410);
    expect((await call('POST', '/api/v1/consent/{id}/decision', `/api/v1/consent/${d.id}/decision`, { body: { decision: 'decline', response: dulKey.assert(challenge) } })).status).toBe(410);
    expect((await call('GET', '/api/v1/consent/{id}', `/api/v1/consent/${d.id}`)).body.status).toBe('expired');

    // a holder without a passkey cannot decide on the phone
    const e = await ask(set, 'CONSENT-E');
    expect((await call('POST', '/api/v1/consent/{id}/options', `/api/v1/consent/${e.id}/options`, { body: { decision: 'approve', number: e.matchingNumber } })).body.error.code).toBe('NO_PASSKEY');
  });

  it('consultations: the consumer opens, reads and writes; the officer reads, replies and closes', async () => {
    const officer = await t.officer('contract-desk');
    const own = (await api(t.base, 'GET', '/api/v1/consumer/declarations', { token: minji })).body.declarations;
    const parcels = await call('GET', '/api/v1/consumer/consultations/parcels', '/api/v1/consumer/consultations/parcels', { token: minji });
    expect(parcels.body.parcels.length).toBe(own.length);
    expect((await call('GET', '/api/v1/consumer/consultations/parcels', '/api/v1/consumer/consultations/parcels')).status).toBe(401);
    const declarationId = parcels.body.parcels[0].declarationId;
    const opened = await call('POST', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'taxes', declarationId, message: ' 세금이 얼마인가요? ' } });
    expect(opened.status).toBe(201);
    expect(opened.body.message.body).toBe('세금이 얼마인가요?');
    expect((await call('POST', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'other', message: '   ' } })).status).toBe(400);
    expect((await call('POST', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'other', declarationId: 999999, message: '질문' } })).status).toBe(404);
    expect((await call('POST', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: alpha.key, body: { topic: 'other', message: '질문' } })).status).toBe(403);
    const general = await call('POST', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'other', message: '일반 문의' } });
    expect(general.body.consultation).toMatchObject({ declarationId: null, cargoNo: null });
    const id = opened.body.consultation.id;

    const mine = await call('GET', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations', { token: minji });
    expect(mine.body.consultations.map((c: { id: number }) => c.id)).toEqual([general.body.consultation.id, id]);
    expect((await call('GET', '/api/v1/consumer/consultations', '/api/v1/consumer/consultations')).status).toBe(401);

    const inbox = await call('GET', '/api/v1/officer/consultations', '/api/v1/officer/consultations', { token: officer.token });
    expect(inbox.body.consultations.find((c: { id: number }) => c.id === id).pccc).toBe('P123456789012');
    const firstOfInbox = await call('GET', '/api/v1/officer/consultations', '/api/v1/officer/consultations?limit=1', { token: officer.token });
    expect(firstOfInbox.body.next).toEqual(expect.any(String));
    const restOfInbox = await call('GET', '/api/v1/officer/consultations', `/api/v1/officer/consultations?limit=200&after=${firstOfInbox.body.next}`, { token: officer.token });
    expect([...firstOfInbox.body.consultations, ...restOfInbox.body.consultations].map((c: { id: number }) => c.id)).toEqual(inbox.body.consultations.map((c: { id: number }) => c.id));
    expect((await call('GET', '/api/v1/officer/consultations', '/api/v1/officer/consultations?status=bogus', { token: officer.token })).status).toBe(400);
    expect((await call('GET', '/api/v1/officer/consultations', '/api/v1/officer/consultations', { token: minji })).status).toBe(403);
    const answered = await call('POST', '/api/v1/officer/consultations/{id}/messages', `/api/v1/officer/consultations/${id}/messages`, { token: officer.token, body: { message: '고지서를 확인하세요.' } });
    expect([answered.status, answered.body.consultation.status]).toEqual([201, 'answered']);
    expect((await call('POST', '/api/v1/officer/consultations/{id}/messages', '/api/v1/officer/consultations/999999/messages', { token: officer.token, body: { message: '답변' } })).status).toBe(404);
    const thread = await call('GET', '/api/v1/officer/consultations/{id}', `/api/v1/officer/consultations/${id}`, { token: officer.token });
    expect(thread.body.messages.map((m: { authorKind: string }) => m.authorKind)).toEqual(['consumer', 'officer']);
    expect((await call('GET', '/api/v1/officer/consultations/{id}', '/api/v1/officer/consultations/999999', { token: officer.token })).status).toBe(404);

    const read = await call('GET', '/api/v1/consumer/consultations/{id}', `/api/v1/consumer/consultations/${id}?after=${opened.body.message.id}`, { token: minji });
    expect(read.body.messages.map((m: { authorName: string | null }) => m.authorName)).toEqual(['contract-desk']);
    expect((await call('GET', '/api/v1/consumer/consultations/{id}', '/api/v1/consumer/consultations/999999', { token: minji })).status).toBe(404);
    expect((await call('GET', '/api/v1/consumer/consultations/{id}', `/api/v1/consumer/consultations/${id}?after=-1`, { token: minji })).status).toBe(400);
    expect((await call('POST', '/api/v1/consumer/consultations/{id}/messages', `/api/v1/consumer/consultations/${id}/messages`, { token: minji, body: { message: '감사합니다.' } })).status).toBe(201);
    expect((await call('POST', '/api/v1/consumer/consultations/{id}/messages', '/api/v1/consumer/consultations/999999/messages', { token: minji, body: { message: '감사합니다.' } })).status).toBe(404);

    const closedNow = await call('POST', '/api/v1/officer/consultations/{id}/close', `/api/v1/officer/consultations/${id}/close`, { token: officer.token, body: { note: '안내 완료' } });
    expect(closedNow.body.consultation).toMatchObject({ status: 'closed', closeNote: '안내 완료', closedByName: 'contract-desk' });
    expect((await call('POST', '/api/v1/officer/consultations/{id}/close', `/api/v1/officer/consultations/${id}/close`, { token: officer.token, body: { note: '다시' } })).status).toBe(409);
    expect((await call('POST', '/api/v1/officer/consultations/{id}/close', `/api/v1/officer/consultations/${id}/close`, { token: officer.token, body: {} })).status).toBe(400);
    expect((await call('POST', '/api/v1/officer/consultations/{id}/messages', `/api/v1/officer/consultations/${id}/messages`, { token: officer.token, body: { message: '추가' } })).status).toBe(409);
    expect((await call('POST', '/api/v1/consumer/consultations/{id}/messages', `/api/v1/consumer/consultations/${id}/messages`, { token: minji, body: { message: '추가' } })).status).toBe(409);
    expect((await call('GET', '/api/v1/consumer/consultations/{id}', `/api/v1/consumer/consultations/${id}`, { token: minji })).body.consultation.closedAt).toEqual(expect.any(String));
  });

  it('public statistics as JSON and CSV', async () => {
    // no year 0 (PostgreSQL has none: it answered 500); the years before 1000 in 4 digits, as the schema says; the default 12 months stop at 0001-01
    for (const q of ['from=0000-01&to=0001-01', 'to=0000-12']) expect((await call('GET', '/api/v1/statistics/monthly', `/api/v1/statistics/monthly?${q}`)).status, q).toBe(400);
    expect((await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?from=0999-12&to=1000-01')).body.totals.map((x: { month: string }) => x.month)).toEqual(['0999-12', '1000-01']);
    expect((await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?to=0001-03')).body.from).toBe('0001-01');
    const stats = await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?dimension=route&from=2026-10&to=2026-11');
    // a month is YYYY-MM in the answer as in the query (and the CSV, below)
    expect([stats.body.from, stats.body.to]).toEqual(['2026-10', '2026-11']);
    expect(stats.body.totals.map((x: { month: string }) => x.month)).toEqual(['2026-10', '2026-11']);
    for (const r of stats.body.rows) expect(['2026-10', '2026-11']).toContain(r.month);
    // the form the months had in answers before (YYYY-MM-01) is still taken in the query
    const old = await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?dimension=route&from=2026-10-01&to=2026-11-01');
    expect({ ...old.body, queryMs: 0 }).toEqual({ ...stats.body, queryMs: 0 });
    expect(stats.body.declarations).toBeGreaterThan(0);
    expect(stats.body.labels.list).toEqual({ ko: '목록통관', en: 'List clearance' });
    // small-cell suppression (data/statistics.json): no published cell holds 1 or 2 declarations
    expect(stats.body.disclosure).toEqual({ minCount: 3 });
    type Cell = { suppressed: boolean; count: number | null; valueKrw: number | null };
    for (const c of [...stats.body.rows, ...stats.body.totals] as Cell[]) {
      if (c.suppressed) expect([c.count, c.valueKrw]).toEqual([null, null]);
      else expect(c.count === 0 || c.count! >= 3, JSON.stringify(c)).toBe(true);
    }
    // by HS chapter the month holds a chapter of fewer than 3 declarations: withheld with the next smallest, as the schema says
    const byChapter = await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?dimension=category&from=2026-11&to=2026-11');
    expect(byChapter.body.rows.map((c: Cell & { belowMin: boolean }) => [c.suppressed, c.belowMin, c.count]).sort()).toEqual([
      [true, false, null],
      [true, true, null],
    ]);
    expect(byChapter.body.totals[0]).toMatchObject({ suppressed: false, count: 6 }) // the November declarations of the tests above (the taxed ones of the payment test are declared today);
    await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly');
    expect((await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?from=2026-12&to=2026-01')).status).toBe(400);
    expect((await call('GET', '/api/v1/statistics/monthly', '/api/v1/statistics/monthly?dimension=seller')).status).toBe(400);
    const csv = await call('GET', '/api/v1/statistics/monthly.csv', '/api/v1/statistics/monthly.csv?dimension=origin&from=2026-11&to=2026-11&lang=en');
    const lines = String(csv.body).split('\r\n');
    expect(lines[0]).toBe('month,key,label,count,goods_value_usd,goods_value_krw,taxes_krw,suppressed'); // fetch's text() drops the BOM
    expect(lines[1]).toMatch(/^2026-11,/);
    expect((await call('GET', '/api/v1/statistics/monthly.csv', '/api/v1/statistics/monthly.csv?lang=fr')).status).toBe(400);
  });

  it('risk exchange: an officer withdraws a notice of ours once; unknown, already withdrawn, a seizure report, a bad body, not an officer', async () => {
    // A stored notice and a seizure report of ours (how they are issued is risk-exchange.test.ts's business).
    const store = new PgRiskExchangeStore(t.db.pool);
    const signature = { alg: 'Ed25519' as const, keyId: 'A'.repeat(43), value: 'A'.repeat(86) };
    const body = { reportingCountry: 'KR', party: { role: 'seller' as const, name: 'Shady Shop' }, reason: { category: 'ipr' as const, text: { en: 'fakes' } }, evidenceCount: 1, validUntil: '2099-12-31' };
    const notice = await store.saveNumberedNotice((n) => ({
      message: { format: 'tonggwan-risk-exchange', version: '1.0', kind: 'risky_party_notice', id: partyNoticeId('KR', n), from: 'KR', issuedAt: '2026-11-20T00:00:00Z', body, signature },
      recipient: '',
      audit: { actor: 'contract', recipient: null, detail: {} },
    }));
    await store.saveOutgoing([{ message: { ...notice, kind: 'seizure_report', id: 'KR-TG-SR-CONTRACT' } as unknown as ExchangeMessage, recipient: '', inspectionId: null }], { actor: 'contract', recipient: null, detail: {} });
    const officer = await t.officer('contract-withdraw');
    const route = '/api/v1/officer/risk-exchange/party-notices/{messageId}/withdraw';
    const at = (id: string) => `/api/v1/officer/risk-exchange/party-notices/${id}/withdraw`;
    const reason = { grounds: 'issued_in_error', reason: '판매자 오인', reasonEn: 'wrong seller' };
    const done = await call('POST', route, at(notice.id), { token: officer.token, body: reason });
    expect(done.status).toBe(201);
    expect(done.body.message.body.withdraws.id).toBe(notice.id);
    expect((await call('POST', route, at(notice.id), { token: officer.token, body: reason })).status).toBe(409);
    expect((await call('POST', route, at('KR-TG-SR-CONTRACT'), { token: officer.token, body: reason })).status).toBe(422);
    expect((await call('POST', route, at('KR-TG-PN-99999999'), { token: officer.token, body: reason })).status).toBe(404);
    expect((await call('POST', route, at(notice.id), { token: officer.token, body: { grounds: 'other' } })).status).toBe(400);
    expect((await call('POST', route, at(notice.id), { body: reason })).status).toBe(401);
    expect((await call('POST', route, at(notice.id), { token: alpha.key, body: reason })).status).toBe(403);
  });

  it('the event stream status: administrators only; without NATS_URL, disabled', async () => {
    const route = '/api/v1/admin/event-stream';
    const admin = await t.officer('contract-stream', 'admin');
    const officer = await t.officer('contract-stream-officer');
    expect((await call('GET', route, route, { token: admin.token })).body).toEqual({ enabled: false });
    expect((await call('GET', route, route, { token: officer.token })).status).toBe(403);
    expect((await call('GET', route, route)).status).toBe(401);
  });

  it('the API docs page renders', async () => {
    const page = await api(t.base, 'GET', '/api/docs');
    expect([page.status, page.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
  });

  it('messages from a partner administration: received, replayed, conflicting, tampered, malformed', async () => {
    const keys = crypto.generateKeyPairSync('ed25519');
    const x = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
    const keyId = crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
    const admin = await t.officer('contract-exchange', 'admin');
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body: { code: 'JP-CUSTOMS', name: 'Japan Customs', country: 'JP', publicKey: x } })).status).toBe(201);
    const sign = (m: Record<string, unknown>) => ({ ...m, signature: { alg: 'Ed25519', keyId, value: crypto.sign(null, Buffer.from(signingInput(m)), keys.privateKey).toString('base64url') } });
    const notice = (id: string, evidenceCount = 9) => ({
      format: 'tonggwan-risk-exchange', version: '1.0', kind: 'risky_party_notice', id, from: 'JP-CUSTOMS', to: 'KR', issuedAt: `${new Date().toISOString().slice(0, 19)}Z`,
      body: { reportingCountry: 'JP', party: { role: 'seller', name: 'counterfeit kicks', country: 'CN' }, reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'fake sneakers', ko: '위조 운동화' } }, evidenceCount, validUntil: '2099-12-31' },
    });
    const path = '/api/v1/risk-exchange/messages';
    const signed = sign(notice('JP-C-1'));
    expect((await call('POST', path, path, { body: signed })).body).toMatchObject({ replayed: false, received: { messageId: 'JP-C-1', kind: 'risky_party_notice' } });
    expect((await call('POST', path, path, { body: signed })).body.replayed).toBe(true);
    expect((await call('POST', path, path, { body: sign(notice('JP-C-1', 10)) })).status).toBe(409);
    expect((await call('POST', path, path, { body: { ...signed, id: 'JP-C-2' } })).status).toBe(401);
    expect((await call('POST', path, path, { body: sign(notice('JP-C-3', 0)) })).body.error.code).toBe('EXCHANGE_MESSAGE_INVALID');
  });

  it('officer sign-in: the token, a wrong password, a bad body', async () => {
    await t.officer('contract-signin');
    const signIn = '/api/v1/auth/sign-in';
    const ok = await call('POST', signIn, signIn, { body: { username: 'contract-signin', password: 'pw-contract-signin' } });
    expect(ok.body.user).toMatchObject({ username: 'contract-signin', role: 'officer' });
    expect((await call('POST', signIn, signIn, { body: { username: 'contract-signin', password: 'wrong' } })).body.error.code).toBe('INVALID_CREDENTIALS');
    expect((await call('POST', signIn, signIn, { body: { username: 'contract-signin' } })).status).toBe(400);
  });

  it('a rate-limited public route answers 429 as published (RATE_LIMITED, in Korean and English), then again', async () => {
    // The receipt check takes 60 a minute from one address (per route: the other routes are not
    // held back); earlier tests of this file used some. Nothing after this test calls it.
    const template = '/api/v1/tax-receipts/{receiptNo}';
    let last = await api(t.base, 'GET', '/api/v1/tax-receipts/TR-NONE');
    for (let i = 0; i < 60 && last.status !== 429; i++) last = await api(t.base, 'GET', '/api/v1/tax-receipts/TR-NONE');
    expect(last.status).toBe(429);
    const limited = await call('GET', template, '/api/v1/tax-receipts/TR-NONE');
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: 'RATE_LIMITED', message: 'Too many requests; try again later.', ko: '요청이 너무 많습니다. 잠시 후 다시 시도하세요.', en: 'Too many requests; try again later.' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

// The officer's workbench, the administrators' and the operator console's routes. After the
// routes above: the declarations, uploads and rule sets made here would change their figures.
describe('answers of the officer, administrator and operator-console routes validate against the published document', () => {
  let op: { id: number; key: string; code: string };
  let officer: { token: string };
  let admin: { token: string };
  let ids: number[];

  it('health, who am I, sign-out', async () => {
    op = await t.operator('OFFCON');
    officer = await t.officer('contract-workbench');
    admin = await t.officer('contract-admin-console', 'admin');
    expect((await call('GET', '/api/health', '/api/health')).body.ok).toBe(true);

    const me = '/api/v1/me';
    expect((await call('GET', me, me, { token: op.key })).body).toMatchObject({ kind: 'operator', operatorCode: 'OFFCON', operatorName: 'OFFCON Ltd' });
    expect((await call('GET', me, me, { token: officer.token })).body).toMatchObject({ kind: 'officer', username: 'contract-workbench', role: 'officer' });
    // a consumer session as verification stores one (the verification route is rate-limited and held above)
    const consumer = `tgc_contract-${crypto.randomUUID()}`;
    const deps = t.platform.deps;
    await deps.access.createSession({ tokenHash: deps.secrets.sha256(consumer), kind: 'consumer', userId: null, pccc: 'P123456789012', amr: 'otp', expiresAt: new Date(Date.now() + 3_600_000) });
    expect((await call('GET', me, me, { token: consumer })).body).toEqual({ kind: 'consumer', pccc: 'P123456789012' });
    expect((await call('GET', me, me)).status).toBe(401);

    const signOut = '/api/v1/auth/sign-out';
    const leaving = await t.officer('contract-leaving');
    expect((await call('POST', signOut, signOut, { token: leaving.token })).status).toBe(204);
    expect((await call('POST', signOut, signOut, { token: leaving.token })).status).toBe(401);
    expect((await call('POST', signOut, signOut, { token: consumer })).status).toBe(204);
    expect((await call('POST', signOut, signOut, { token: op.key })).status).toBe(403);
  });

  it('API keys: list, create, revoke; administrators: operators and reference uploads', async () => {
    const keys = '/api/v1/api-keys';
    const created = await call('POST', keys, keys, { token: op.key, body: { label: 'second' } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^tgk_/);
    expect((await call('POST', keys, keys, { token: op.key, body: { label: 'x'.repeat(101) } })).status).toBe(400);
    expect((await call('GET', keys, keys, { token: op.key })).body.apiKeys.map((k: { label: string }) => k.label)).toContain('second');
    expect((await call('GET', keys, keys, { token: officer.token })).status).toBe(403);
    expect((await call('GET', keys, keys)).status).toBe(401);
    const one = '/api/v1/api-keys/{id}';
    expect((await call('DELETE', one, `${keys}/${created.body.id}`, { token: op.key })).status).toBe(204);
    expect((await api(t.base, 'GET', keys, { token: created.body.key })).status).toBe(401);
    expect((await call('DELETE', one, `${keys}/999999`, { token: op.key })).status).toBe(404);
    expect((await call('DELETE', one, `${keys}/x`, { token: op.key })).status).toBe(400);
    // The second key revoked, the first is the only one working: revoking it would lock the operator out.
    const working = (await api(t.base, 'GET', keys, { token: op.key })).body.apiKeys.filter((k: { revokedAt: string | null }) => k.revokedAt === null);
    expect(working).toHaveLength(1);
    const last = await call('DELETE', one, `${keys}/${working[0].id}`, { token: op.key });
    expect([last.status, last.body.error.code, last.body.error.details.path]).toEqual([409, 'LAST_API_KEY', 'params.id']);
    expect(last.body.error.en).toBe('This is your only working API key: revoked, it would lock you out. Create a new key first (POST /api/v1/api-keys), switch to it, then revoke this one.');
    expect((await api(t.base, 'GET', keys, { token: op.key })).status).toBe(200);

    const operators = '/api/v1/admin/operators';
    const made = await call('POST', operators, operators, { token: admin.token, body: { code: 'OFFCON-2', name: 'Console Two', role: 'forwarder' } });
    expect([made.status, made.body.operator.code, made.body.apiKey.slice(0, 4)]).toEqual([201, 'OFFCON-2', 'tgk_']);
    expect((await call('POST', operators, operators, { token: admin.token, body: { code: 'OFFCON-2', name: 'again', role: 'forwarder' } })).status).toBe(409);
    expect((await call('GET', operators, operators, { token: admin.token })).body.operators.map((o: { code: string }) => o.code)).toContain('OFFCON-2');
    expect((await call('GET', operators, operators, { token: officer.token })).status).toBe(403);
    expect((await call('POST', operators, operators, { body: { code: 'OFFCON-3', name: 'x', role: 'seller' } })).status).toBe(401);

    // far-future rates and tariff lines: no assessment of this file reads them
    const csv = (raw: string, token = admin.token, type = 'text/csv') => ({ token, raw, headers: { 'content-type': type } });
    const rates = '/api/v1/admin/reference/exchange-rates';
    expect((await call('POST', rates, rates, csv('weekStart,currency,rate\n2030-01-06,USD,1400.5\n'))).body.rows).toBe(1);
    const bad = await call('POST', rates, rates, csv('weekStart,currency,rate\n2030-01-07,USD,1400\n'));
    expect(bad.body.error.details.errors).toEqual([
      {
        line: 2,
        column: 'weekStart',
        ko: "주의 첫날인 일요일 날짜(YYYY-MM-DD)여야 합니다: '2030-01-07'.",
        en: "Must be the Sunday that starts the week (YYYY-MM-DD): '2030-01-07'.",
        message: "Must be the Sunday that starts the week (YYYY-MM-DD): '2030-01-07'.",
      },
    ]);
    expect((await call('POST', rates, rates, csv('weekStart,currency,rate\n2030-01-06,USD,1400\n', admin.token, 'application/xml'))).status).toBe(415);
    expect((await call('POST', rates, rates, csv('weekStart,currency,rate\n2030-01-06,USD,1400\n', officer.token))).status).toBe(403);
    const tariff = '/api/v1/admin/reference/tariff';
    expect((await call('POST', tariff, tariff, csv('effectiveFrom,hs,basic,ko,en\n2030-01-01,6109100000,0.13,면제 티셔츠,Cotton T-shirts\n'))).status).toBe(201);
    expect((await call('POST', tariff, tariff, csv('effectiveFrom,hs,basic,ko,en\n2030-01-01,610,0.13,티셔츠,T-shirts\n'))).status).toBe(400);
    expect((await call('POST', tariff, tariff, csv('effectiveFrom,hs,basic,ko,en\n2030-01-01,6109100000,0.13,티셔츠,T-shirts\n', op.key))).status).toBe(403);
    const uploads = '/api/v1/admin/reference/uploads';
    expect((await call('GET', uploads, uploads, { token: admin.token })).body.uploads.map((u: { kind: string }) => u.kind).slice(0, 2)).toEqual(['tariff', 'exchange-rates']);
    expect((await call('GET', uploads, uploads, { token: officer.token })).status).toBe(403);
    const versions = '/api/v1/admin/reference/versions';
    const inForce = (await call('GET', versions, `${versions}?date=2030-01-08`, { token: admin.token })).body;
    expect([inForce.exchangeRates.weekStart, inForce.datasets.find((d: { dataset: string }) => d.dataset === 'tariff').inForce]).toEqual(['2030-01-06', expect.stringMatching(/^tariff-upload-2030-01-01-u\d+$/)]);
    expect((await call('GET', versions, `${versions}?date=2030-13-01`, { token: admin.token })).status).toBe(400);
    expect((await call('GET', versions, versions, { token: officer.token })).status).toBe(403);
    const corrections = '/api/v1/admin/reference/corrections';
    // A fresh database: nothing on record was decided with superseded data.
    expect((await call('GET', corrections, corrections, { token: admin.token })).body).toEqual({ corrections: [] });
    expect((await call('GET', corrections, corrections, { token: officer.token })).status).toBe(403);

    const opKeys = '/api/v1/admin/operators/{id}/api-keys';
    const ofMade = `/api/v1/admin/operators/${made.body.operator.id}/api-keys`;
    const issued = await call('POST', opKeys, ofMade, { token: admin.token, body: { label: 'by admin' } });
    expect([issued.status, issued.body.key.slice(0, 4)]).toEqual([201, 'tgk_']);
    expect((await call('GET', opKeys, ofMade, { token: admin.token })).body.apiKeys.map((k: { label: string }) => k.label)).toEqual(['initial', 'by admin']);
    expect((await call('GET', opKeys, '/api/v1/admin/operators/999999/api-keys', { token: admin.token })).status).toBe(404);
    expect((await call('GET', opKeys, ofMade, { token: op.key })).status).toBe(403);
    const opKey = '/api/v1/admin/operators/{id}/api-keys/{keyId}';
    expect((await call('DELETE', opKey, `${ofMade}/${issued.body.id}`, { token: admin.token })).status).toBe(204);
    expect((await call('DELETE', opKey, `${ofMade}/999999`, { token: admin.token })).status).toBe(404);
    expect((await call('DELETE', opKey, `${ofMade}/${issued.body.id}`, { token: officer.token })).status).toBe(403);
    const audit = '/api/v1/admin/audit';
    expect((await call('GET', audit, `${audit}?action=api-key.&limit=2`, { token: admin.token })).body.entries.map((e: { action: string }) => e.action)).toEqual(['api-key.revoke', 'api-key.create']);
    expect((await call('GET', audit, `${audit}?limit=0`, { token: admin.token })).status).toBe(400);
    expect((await call('GET', audit, audit, { token: officer.token })).status).toBe(403);

    // staff accounts (administrators) and each staff member's own password
    const users = '/api/v1/admin/users';
    const staff = await call('POST', users, users, { token: admin.token, body: { username: 'contract-staff', displayName: '계약 직원', role: 'officer' } });
    expect([staff.status, staff.body.user.username, typeof staff.body.password]).toEqual([201, 'contract-staff', 'string']);
    expect((await call('POST', users, users, { token: admin.token, body: { username: 'contract-staff', role: 'officer' } })).body.error.details.path).toBe('body.username');
    expect((await call('POST', users, users, { token: admin.token, body: { username: 'has space', role: 'officer' } })).status).toBe(400);
    expect((await call('POST', users, users, { token: officer.token, body: { username: 'x', role: 'officer' } })).status).toBe(403);
    expect((await call('GET', users, users, { token: admin.token })).body.users.map((u: { username: string }) => u.username)).toContain('contract-staff');
    expect((await call('GET', users, users)).status).toBe(401);
    const reset = '/api/v1/admin/users/{id}/password';
    expect((await call('POST', reset, `${users}/${staff.body.user.id}/password`, { token: admin.token })).body.password).not.toBe(staff.body.password);
    expect((await call('POST', reset, `${users}/999999/password`, { token: admin.token })).status).toBe(404);
    expect((await call('POST', reset, `${users}/x/password`, { token: admin.token })).status).toBe(400);
    const disable = '/api/v1/admin/users/{id}/disable';
    expect((await call('POST', disable, `${users}/${staff.body.user.id}/disable`, { token: admin.token })).body.disabledAt).not.toBeNull();
    const adminId = (await api(t.base, 'GET', '/api/v1/me', { token: admin.token })).body.userId;
    expect((await call('POST', disable, `${users}/${adminId}/disable`, { token: admin.token })).body.error.code).toBe('CANNOT_DISABLE_SELF');
    expect((await call('POST', disable, `${users}/999999/disable`, { token: admin.token })).status).toBe(404);
    const enable = '/api/v1/admin/users/{id}/enable';
    expect((await call('POST', enable, `${users}/${staff.body.user.id}/enable`, { token: admin.token })).body.disabledAt).toBeNull();
    expect((await call('POST', enable, `${users}/${staff.body.user.id}/enable`, { token: officer.token })).status).toBe(403);
    const ownPassword = '/api/v1/me/password';
    const changer = await t.officer('contract-changer');
    expect((await call('POST', ownPassword, ownPassword, { token: changer.token, body: { currentPassword: 'wrong', newPassword: 'a long enough passphrase' } })).body.error.details.path).toBe('body.currentPassword');
    expect((await call('POST', ownPassword, ownPassword, { token: changer.token, body: { currentPassword: 'pw-contract-changer', newPassword: 'short' } })).body.error.details.path).toBe('body.newPassword');
    expect((await call('POST', ownPassword, ownPassword, { token: changer.token, body: { currentPassword: 'pw-contract-changer', newPassword: 'a long enough passphrase' } })).status).toBe(204);
    expect((await call('POST', ownPassword, ownPassword, { token: op.key, body: { currentPassword: 'x', newPassword: 'y' } })).status).toBe(403);
    expect((await call('POST', ownPassword, ownPassword, { body: { currentPassword: 'x', newPassword: 'y' } })).status).toBe(401);
  });

  it('the officer queue and decisions; the work queue, the parties of a declaration, the submissions log', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: ['W-HOLD', 'W-REJECT', 'W-CLEAR', 'W-RISK'].map((ref) => declaration(ref)).concat([{ ref: 'W-BAD' } as never]) } });
    ids = r.body.results.slice(0, 4).map((x: { declarationId: number }) => x.declarationId);
    const [held, rejected, cleared] = ids as [number, number, number];
    const decide = (action: string, id: number | string, opts: Parameters<typeof api>[3]) => call('POST', `/api/v1/officer/declarations/{id}/${action}`, `/api/v1/officer/declarations/${id}/${action}`, opts);
    const reason = { reason: '구매 증빙 확인', reasonEn: 'Checking proof of purchase' };
    expect((await decide('hold', held, { token: officer.token, body: reason })).body).toMatchObject({ id: held, status: 'held', holdReason: { source: 'officer', reason: '구매 증빙 확인' } });
    expect((await decide('hold', held, { token: officer.token, body: reason })).status).toBe(409);
    expect((await decide('hold', 999999, { token: officer.token, body: reason })).status).toBe(404);
    expect((await decide('hold', held, { token: officer.token, body: {} })).status).toBe(400);
    expect((await decide('hold', held, { token: op.key, body: reason })).status).toBe(403);
    expect((await decide('hold', held, { body: reason })).status).toBe(401);

    const queue = await call('GET', '/api/v1/officer/queue', '/api/v1/officer/queue', { token: officer.token });
    expect(queue.body.declarations.map((d: { id: number }) => d.id)).toContain(held);
    expect((await call('GET', '/api/v1/officer/queue', '/api/v1/officer/queue?limit=0', { token: officer.token })).status).toBe(400);
    expect((await call('GET', '/api/v1/officer/queue', '/api/v1/officer/queue', { token: op.key })).status).toBe(403);
    expect((await call('GET', '/api/v1/officer/queue', '/api/v1/officer/queue')).status).toBe(401);

    const work = '/api/v1/officer/work-queue';
    const page = await call('GET', work, `${work}?status=held`, { token: officer.token });
    expect(page.body.declarations.find((d: { id: number }) => d.id === held).hold).toEqual({ ko: expect.stringContaining('구매 증빙 확인'), en: expect.any(String) });
    await call('GET', work, `${work}?limit=5&offset=1`, { token: officer.token });
    expect((await call('GET', work, `${work}?status=bogus`, { token: officer.token })).status).toBe(400);
    expect((await call('GET', work, work, { token: op.key })).status).toBe(403);

    expect((await decide('release', held, { token: officer.token, body: { reason: '증빙 확인됨' } })).body.holdReason).toBeNull();
    expect((await decide('release', held, { token: officer.token, body: { reason: '다시' } })).status).toBe(409);
    expect((await decide('reject', rejected, { token: officer.token, body: { reason: '수입 불가 물품' } })).body.status).toBe('rejected');
    expect((await decide('reject', rejected, { token: officer.token, body: { reason: '다시' } })).status).toBe(409);
    expect((await decide('clear', cleared, { token: officer.token, body: { reason: '이상 없음' } })).body.error.code).toBe('ILLEGAL_TRANSITION'); // not landed yet
    // list or general clearance, as combined taxation with the consignee's earlier parcels decides
    const filed = r.body.results[2].assessment.route === 'list' ? 'LIST_RECEIVED' : 'IMPORT_DECLARED';
    for (const type of ['ARRIVAL_REPORT_SUBMITTED', filed]) {
      const e = await api(t.base, 'POST', '/api/v1/cargo-events', { token: officer.token, body: { declarationId: cleared, type } });
      expect(e.status, JSON.stringify(e.body)).toBe(201);
    }
    expect((await decide('clear', cleared, { token: officer.token, body: { reason: '이상 없음' } })).body.status).toBe('cleared');
    expect((await decide('clear', 999999, { token: officer.token, body: { reason: '이상 없음' } })).status).toBe(404);

    const parties = '/api/v1/officer/declarations/{id}/parties';
    const p = await call('GET', parties, `/api/v1/officer/declarations/${held}/parties`, { token: officer.token });
    expect(p.body.parties.map((x: { role: string }) => x.role)).toEqual(['platform', 'seller', 'forwarder', 'courier', 'consignee']);
    expect((await call('GET', parties, '/api/v1/officer/declarations/999999/parties', { token: officer.token })).status).toBe(404);
    expect((await call('GET', parties, `/api/v1/officer/declarations/${held}/parties`, { token: op.key })).status).toBe(403);

    // The tax notice, read-only (officers and administrators; taxed with the consignee's earlier parcels, not paid); refused to an operator.
    const taxNotice = '/api/v1/officer/declarations/{id}/tax-notice';
    expect((await call('GET', taxNotice, `/api/v1/officer/declarations/${held}/tax-notice`, { token: officer.token })).body).toMatchObject({ notice: { declarationId: held, payment: null }, refundsDue: [] });
    expect((await call('GET', taxNotice, '/api/v1/officer/declarations/999999/tax-notice', { token: officer.token })).status).toBe(404);
    expect((await call('GET', taxNotice, '/api/v1/officer/declarations/x/tax-notice', { token: officer.token })).status).toBe(400);
    expect((await call('GET', taxNotice, `/api/v1/officer/declarations/${held}/tax-notice`, { token: op.key })).status).toBe(403);
    expect((await call('GET', taxNotice, `/api/v1/officer/declarations/${held}/tax-notice`)).status).toBe(401);

    const found = '/api/v1/officer/declarations';
    const cargoNo = r.body.results[2].cargoNo as string; // cleared: out of the queue, still found
    const byCargo = await call('GET', found, `${found}?cargoNo=${cargoNo.slice(0, 5)}-${cargoNo.slice(5).toLowerCase()}`, { token: officer.token });
    expect(byCargo.body.declarations).toEqual([{ id: cleared, cargoNo, ref: expect.any(String), status: 'cleared', route: r.body.results[2].assessment.route }]);
    expect((await call('GET', found, `${found}?cargoNo=99XXX0000000000`, { token: officer.token })).body.declarations).toEqual([]);
    expect((await call('GET', found, found, { token: officer.token })).status).toBe(400);
    expect((await call('GET', found, `${found}?cargoNo=${cargoNo}`, { token: op.key })).status).toBe(403);

    const submissions = '/api/v1/submissions';
    const log = await call('GET', submissions, `${submissions}?rejectedOnly=true`, { token: op.key });
    expect(log.body.submissions[0]).toMatchObject({ received: 5, accepted: 4, rejected: 1, rejections: [{ index: 4, ref: 'W-BAD' }] });
    expect((await call('GET', submissions, `${submissions}?limit=0`, { token: op.key })).status).toBe(400);
    expect((await call('GET', submissions, submissions, { token: officer.token })).status).toBe(403);
  });

  it('misuse cases and consent shares', async () => {
    const identity = t.platform.deps.identity!.deps;
    const issued = await identity.registry.issue({ name: '박오용', phone: '01090908080', postcodes: ['06236'] }, { kind: 'system', id: null });
    if (!issued.ok) throw new Error(issued.error.code);
    const d = (await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('W-MISUSE', { consignee: { name: '박오용', pccc: issued.value.pccc, phone: '010-9090-8080', postcode: '06236', address: '서울' } })] } })).body.results[0];
    await identity.identity.openMisuseCase({ holderId: issued.value.holderId, pccc: issued.value.pccc, declarationId: d.declarationId, cargoNo: d.cargoNo, operatorId: op.id, held: false, consent: 'missing', note: '본인 주문 아님' });
    const cases = '/api/v1/officer/misuse-cases';
    expect((await call('GET', cases, `${cases}?status=open`, { token: officer.token })).body.cases[0]).toMatchObject({ declarationId: d.declarationId, operatorName: 'OFFCON Ltd', status: 'open' });
    expect((await call('GET', cases, `${cases}?status=bogus`, { token: officer.token })).status).toBe(400);
    expect((await call('GET', cases, cases, { token: op.key })).status).toBe(403);
    const close = '/api/v1/officer/declarations/{id}/misuse-case/close';
    const closePath = `/api/v1/officer/declarations/${d.declarationId}/misuse-case/close`;
    expect((await call('POST', close, closePath, { token: officer.token, body: { note: ' ' } })).status).toBe(400);
    expect((await call('POST', close, closePath, { token: op.key, body: { note: '확인' } })).status).toBe(403);
    expect((await call('POST', close, closePath, { token: officer.token, body: { note: '가족 주문으로 확인' } })).body.case).toMatchObject({ declarationId: d.declarationId, status: 'closed' });
    expect((await call('POST', close, closePath, { token: officer.token, body: { note: '다시' } })).status).toBe(404);

    const all = '/api/v1/officer/consent-share';
    expect((await call('GET', all, all, { token: officer.token })).body.operators.find((o: { operatorCode: string }) => o.operatorCode === 'OFFCON')).toMatchObject({ declarations: 5 });
    expect((await call('GET', all, all, { token: op.key })).status).toBe(403);
    const own = '/api/v1/operator/consent-share';
    expect((await call('GET', own, own, { token: op.key })).body.operators).toHaveLength(1);
    expect((await call('GET', own, own, { token: officer.token })).status).toBe(403);
    expect((await call('GET', own, own)).status).toBe(401);
  });

  it('risk models: list, upload, activate', async () => {
    const file = fs.readdirSync(path.join(DATA_DIR, 'models')).find((f) => /^risk-gbdt-[0-9a-f]{16}\.json$/.test(f))!;
    const shipped = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'models', file), 'utf8')) as { version: string };
    const models = '/api/v1/officer/risk/models';
    const list = await call('GET', models, models, { token: officer.token });
    expect(list.body.activeModelVersion).toBe(shipped.version);
    expect((await call('GET', models, models, { token: op.key })).status).toBe(403);
    const again = await call('POST', models, models, { token: admin.token, body: shipped });
    expect([again.status, again.body.created]).toEqual([200, false]);
    expect((await call('POST', models, models, { token: admin.token, body: { format: 'something else' } })).body.error.code).toBe('RISK_MODEL_INVALID');
    expect((await call('POST', models, models, { token: officer.token, body: shipped })).status).toBe(403);
    const activate = '/api/v1/officer/risk/models/{version}/activate';
    expect((await call('POST', activate, `${models}/${shipped.version}/activate`, { token: admin.token })).body).toMatchObject({ version: shipped.version, previous: shipped.version });
    expect((await call('POST', activate, `${models}/gbdt-0000000000000000/activate`, { token: admin.token })).status).toBe(404);
    expect((await call('POST', activate, `${models}/not-a-version/activate`, { token: admin.token })).status).toBe(400);
    expect((await call('POST', activate, `${models}/${shipped.version}/activate`, { token: officer.token })).status).toBe(403);
  });

  it('risk: inspections, the risk view, party profiles, performance, the training export', async () => {
    const id = ids[3]!;
    const inspection = '/api/v1/officer/declarations/{id}/inspection';
    const at = (x: number | string) => `/api/v1/officer/declarations/${x}/inspection`;
    const done = await call('POST', inspection, at(id), { token: officer.token, body: { outcome: 'undervalued', correctedValueKrw: 90_000, revenueKrw: 12_000, note: '송장 위조' } });
    expect(done.body).toMatchObject({ declarationId: id, outcome: 'undervalued', revenueKrw: 12_000 });
    expect((await call('POST', inspection, at(id), { token: officer.token, body: { outcome: 'clean', revenueKrw: 1 } })).body.error.details).toMatchObject([{ path: 'body.revenueKrw', code: 'revenue_on_clean' }]);
    expect((await call('POST', inspection, at(999999), { token: officer.token, body: { outcome: 'clean' } })).status).toBe(404);
    expect((await call('POST', inspection, at(id), { token: op.key, body: { outcome: 'clean' } })).status).toBe(403);

    // the platform's order for it, paid more than declared, naming no seller
    const order = { orderNo: 'O-W-RISK', platform: 'Amazon', buyerPccc: 'P123456789012', currency: 'USD', amountPaid: 80, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 80 }] };
    expect((await call('POST', '/api/v1/orders', '/api/v1/orders', { token: op.key, body: order })).body.order).toMatchObject({ seller: null, orderedAt: null });
    // wait until the scoring worker has scored it (no time is asserted), so the score's shape is held too
    for (let i = 0; i < 400; i++) {
      const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
      if (r.body.score?.factors.length) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const view = '/api/v1/officer/declarations/{id}/risk';
    const risk = await call('GET', view, `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
    expect(risk.body.score.factors.length).toBeGreaterThan(0);
    const ranked = await call('GET', '/api/v1/officer/work-queue', '/api/v1/officer/work-queue?limit=500', { token: officer.token });
    expect(ranked.body.declarations.find((d: { id: number }) => d.id === id).risk).toMatchObject({ modelVersion: risk.body.activeModelVersion });
    expect(risk.body.inspections.map((i: { id: number }) => i.id)).toEqual([done.body.id]);
    expect(risk.body.orders).toMatchObject([{ orderNo: 'O-W-RISK', seller: null, findings: [{ code: 'ORDER_UNDERVALUED' }] }]);
    expect((await call('GET', view, '/api/v1/officer/declarations/999999/risk', { token: officer.token })).status).toBe(404);
    expect((await call('GET', view, `/api/v1/officer/declarations/${id}/risk`, { token: op.key })).status).toBe(403);

    const profile = '/api/v1/officer/parties/{role}/{key}';
    const consignee = await call('GET', profile, '/api/v1/officer/parties/consignee/P123456789012', { token: officer.token });
    expect(consignee.body).toMatchObject({ role: 'consignee', inspected: expect.any(Number), fastLane: false });
    expect((await call('GET', profile, '/api/v1/officer/parties/seller/NO%20SUCH%20SELLER', { token: officer.token })).status).toBe(404);
    expect((await call('GET', profile, '/api/v1/officer/parties/pirate/x', { token: officer.token })).status).toBe(400);
    expect((await call('GET', profile, '/api/v1/officer/parties/consignee/P123456789012', { token: op.key })).status).toBe(403);
    // The parcels behind the profile: this one among them, scored and inspected; a page of one, then the next.
    const parcels = '/api/v1/officer/parties/{role}/{key}/declarations';
    const listed = await call('GET', parcels, '/api/v1/officer/parties/consignee/P123456789012/declarations?limit=500', { token: officer.token });
    expect(listed.status).toBe(400);
    const page = await call('GET', parcels, '/api/v1/officer/parties/consignee/P123456789012/declarations?limit=1', { token: officer.token });
    expect(page.body.declarations).toHaveLength(1);
    const mine = (await call('GET', parcels, '/api/v1/officer/parties/consignee/P123456789012/declarations?limit=100', { token: admin.token })).body.declarations.find((d: { id: number }) => d.id === id);
    expect(mine).toMatchObject({ score: { modelVersion: risk.body.activeModelVersion }, inspection: { outcome: expect.any(String) } });
    if (page.body.next !== null) expect((await call('GET', parcels, `/api/v1/officer/parties/consignee/P123456789012/declarations?limit=1&after=${page.body.next}`, { token: officer.token })).status).toBe(200);
    expect((await call('GET', parcels, '/api/v1/officer/parties/seller/NO%20SUCH%20SELLER/declarations', { token: officer.token })).status).toBe(404);
    expect((await call('GET', parcels, '/api/v1/officer/parties/consignee/P123456789012/declarations', { token: op.key })).status).toBe(403);

    const performance = '/api/v1/officer/risk/performance';
    expect((await call('GET', performance, performance, { token: officer.token })).body.totals.inspected).toBeGreaterThan(0);
    expect((await call('GET', performance, `${performance}?weeks=0`, { token: officer.token })).status).toBe(400);
    expect((await call('GET', performance, performance, { token: op.key })).status).toBe(403);

    const exported = '/api/v1/officer/risk/export';
    expect(String((await call('GET', exported, exported, { token: admin.token })).body).split('\n')[0]).toMatch(/^ref,/);
    expect((await call('GET', exported, exported, { token: officer.token })).status).toBe(403);
  });

  it('risk rules: list, draft, edit, dry run, publish', async () => {
    const rules = '/api/v1/officer/risk/rules';
    const listed = await call('GET', rules, rules, { token: officer.token });
    const published = listed.body.published[0];
    expect(published).toBeTruthy();
    expect((await call('GET', rules, rules, { token: op.key })).status).toBe(403);

    const drafts = '/api/v1/officer/risk/rules/drafts';
    const draft = await call('POST', drafts, drafts, { token: officer.token, body: { note: 'contract' } });
    expect([draft.status, draft.body.basedOn]).toEqual([201, published.version]);
    expect((await call('POST', drafts, drafts, { token: officer.token, body: { rules: { bogus: true } } })).body.error.code).toBe('RULE_SET_INVALID');
    expect((await call('POST', drafts, drafts, { token: officer.token, body: { note: 'x'.repeat(1001) } })).status).toBe(400);
    expect((await call('POST', drafts, drafts, { token: op.key, body: {} })).status).toBe(403);

    const one = '/api/v1/officer/risk/rules/drafts/{id}';
    // A change to publish (the rules in force again are refused: RULE_SET_UNCHANGED below).
    const changed = (rules: { keywords: unknown[] }, code: string) => ({ ...rules, keywords: [...rules.keywords, { code, ko: '계약 시험', en: 'contract test', terms: [code.toLowerCase()], weight: 0.1 }] });
    expect((await call('PATCH', one, `${drafts}/${draft.body.id}`, { token: officer.token, body: { rules: changed(published.rules, 'KW_CONTRACT_1'), note: 'edited' } })).body.note).toBe('edited');
    expect((await call('PATCH', one, `${drafts}/${draft.body.id}`, { token: officer.token, body: { rules: { bogus: true } } })).status).toBe(422);
    expect((await call('PATCH', one, `${drafts}/999999`, { token: officer.token, body: { rules: published.rules } })).status).toBe(404);

    const dryRun = '/api/v1/officer/risk/rules/drafts/{id}/dry-run';
    const run = await call('POST', dryRun, `${drafts}/${draft.body.id}/dry-run`, { token: officer.token });
    expect(run.body).toMatchObject({ draftId: draft.body.id, against: published.version });
    expect((await call('POST', dryRun, `${drafts}/999999/dry-run`, { token: officer.token })).status).toBe(404);
    expect((await call('POST', dryRun, `${drafts}/${draft.body.id}/dry-run?limit=0`, { token: officer.token })).status).toBe(400);

    const publish = '/api/v1/officer/risk/rules/drafts/{id}/publish';
    expect((await call('POST', publish, `${drafts}/${draft.body.id}/publish`, { token: officer.token, body: {} })).status).toBe(403);
    const out = await call('POST', publish, `${drafts}/${draft.body.id}/publish`, { token: admin.token, body: { version: 'contract-rules-1' } });
    expect([out.status, out.body.version]).toEqual([201, 'contract-rules-1']);
    expect((await call('POST', publish, `${drafts}/${draft.body.id}/publish`, { token: admin.token, body: {} })).status).toBe(404);
    const second = await api(t.base, 'POST', drafts, { token: officer.token, body: {} });
    const unchanged = await call('POST', publish, `${drafts}/${second.body.id}/publish`, { token: admin.token, body: { version: 'contract-rules-2' } });
    expect([unchanged.status, unchanged.body.error.code, unchanged.body.error.details]).toEqual([409, 'RULE_SET_UNCHANGED', { version: 'contract-rules-1' }]);
    await api(t.base, 'PATCH', `${drafts}/${second.body.id}`, { token: officer.token, body: { rules: changed(second.body.rules, 'KW_CONTRACT_2') } });
    expect((await call('POST', publish, `${drafts}/${second.body.id}/publish`, { token: admin.token, body: { version: 'contract-rules-1' } })).body.error.code).toBe('RULE_VERSION_EXISTS');
    expect((await call('POST', publish, `${drafts}/${second.body.id}/publish`, { token: admin.token, body: { version: 'no' } })).status).toBe(400);
  });

  it('orders without a declaration; the operator scorecard', async () => {
    // an order from long ago that no declaration carries
    await call('POST', '/api/v1/orders', '/api/v1/orders', { token: op.key, body: { orderNo: 'LONELY-1', platform: 'Amazon', buyerPccc: 'P123456789012', currency: 'USD', amountPaid: 10, orderedAt: '2025-01-02', items: [{ description: '양말', quantity: 1, price: 10 }] } });
    const orphans = '/api/v1/officer/orders/without-declaration';
    const lonely = await call('GET', orphans, orphans, { token: officer.token });
    expect(lonely.body.orders.find((o: { orderNo: string }) => o.orderNo === 'LONELY-1')).toMatchObject({ seller: null, orderedAt: '2025-01-02' });
    expect((await call('GET', orphans, `${orphans}?limit=0`, { token: officer.token })).status).toBe(400);
    expect((await call('GET', orphans, orphans, { token: op.key })).status).toBe(403);

    const scorecard = '/api/v1/operator/scorecard';
    const card = await call('GET', scorecard, `${scorecard}?days=30`, { token: op.key });
    expect(card.body.operator).toEqual({ code: 'OFFCON', role: 'marketplace' });
    expect((await call('GET', scorecard, `${scorecard}?days=0`, { token: op.key })).status).toBe(400);
    expect((await call('GET', scorecard, scorecard, { token: officer.token })).status).toBe(403);
    expect((await call('GET', scorecard, scorecard)).status).toBe(401);
  });
});

// Consumer identity (passkeys, ledger, "not me", own code, push), the operator's consent poll and
// the JWKS, the registry desk, the live consultation stream (SSE) and the UNI-PASS XML API.
describe('answers of consumer identity, the registry desk, the consultation stream and the UNI-PASS API', () => {
  /** A consumer session proven by the one-time code (amr otp), through the verification routes. */
  const otpSession = async (who: { pccc: string; name: string; phone: string; postcode: string }) => {
    const started = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: who });
    expect(started.status).toBe(201);
    const inbox = await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=${who.phone.replace(/\D/g, '')}`);
    const code = /인증번호 (\d{6})/.exec(inbox.body.notifications[0].body)![1]!;
    const done = await api(t.base, 'POST', `/api/v1/consumer/verification/${started.body.challengeId}/complete`, { body: { code } });
    expect(done.status).toBe(200);
    return done.body.token as string;
  };
  let registrar: string;
  let holder: { pccc: string; name: string; phone: string; postcode: string };
  let otp: string;
  let passkey: ReturnType<typeof softwarePasskey>;
  let pk: string;
  let cargoNo: string;
  let consentId: string;

  it('the registry desk issues a code; bad, invalid, no session, not an officer', async () => {
    registrar = (await t.officer('contract-registrar')).token;
    const issue = '/api/v1/registry/pccc';
    const issued = await call('POST', issue, issue, { token: registrar, body: { name: '박서준', phone: '01077778888', postcodes: ['06236'] } });
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ name: '박서준', phone: '01077778888', status: 'active', replacedBy: null });
    holder = { pccc: issued.body.pccc, name: '박서준', phone: '010-7777-8888', postcode: '06236' };
    expect((await call('POST', issue, issue, { token: registrar, body: { name: '박서준', phone: '12345', postcodes: ['06236'] } })).body.error.code).toBe('PCCC_ISSUE_INVALID');
    expect((await call('POST', issue, issue, { token: registrar, body: { name: '박서준', phone: '01077778888', postcodes: [] } })).status).toBe(400);
    expect((await call('POST', issue, issue, { body: { name: '박서준', phone: '01077778888', postcodes: ['06236'] } })).status).toBe(401);
    expect((await call('POST', issue, issue, { token: alpha.key, body: { name: '박서준', phone: '01077778888', postcodes: ['06236'] } })).status).toBe(403);
  });

  it('passkeys: register (start, finish with an attestation), list, sign in with it; refusals', async () => {
    otp = await otpSession(holder);
    const list = '/api/v1/consumer/passkeys';
    expect((await call('GET', list, list, { token: otp })).body.passkeys).toEqual([]);
    expect((await call('GET', list, list)).status).toBe(401);
    expect((await call('GET', list, list, { token: alpha.key })).status).toBe(403);

    const start = '/api/v1/consumer/passkeys/registration';
    const started = await call('POST', start, start, { token: otp });
    expect(started.status).toBe(201);
    expect((await call('POST', start, start)).status).toBe(401);
    expect((await call('POST', start, start, { token: alpha.key })).status).toBe(403);
    const finish = '/api/v1/consumer/passkeys/registration/{ceremonyId}';
    passkey = softwarePasskey();
    const registered = await call('POST', finish, `${start}/${started.body.ceremonyId}`, { token: otp, body: { response: passkey.attest(started.body.options.challenge), label: '내 폰' } });
    expect([registered.status, registered.body.id, registered.body.label, registered.body.registeredVia]).toEqual([201, passkey.credentialId, '내 폰', 'otp']);
    expect((await call('POST', finish, `${start}/${started.body.ceremonyId}`, { token: otp, body: { response: passkey.attest(started.body.options.challenge) } })).body.error.code).toBe('PASSKEY_INVALID'); // used
    expect((await call('POST', finish, `${start}/wac_unknown`, { token: otp, body: {} })).status).toBe(400);
    expect((await call('POST', finish, `${start}/wac_unknown`, { token: alpha.key, body: { response: { id: 'x' } } })).status).toBe(403);
    expect((await call('GET', list, list, { token: otp })).body.passkeys.map((k: { id: string }) => k.id)).toEqual([passkey.credentialId]);

    // the registered key signs in (what the browser would do next)
    const signIn = (await api(t.base, 'POST', '/api/v1/consumer/passkeys/sign-in')).body;
    const signedIn = await api(t.base, 'POST', `/api/v1/consumer/passkeys/sign-in/${signIn.ceremonyId}`, { body: { response: passkey.assert(signIn.options.challenge) } });
    expect(signedIn.body.pccc).toBe(holder.pccc);
    pk = signedIn.body.token;
  });
  /** The holder's passkey signs in again (a suspend or reissue from another session signs this one out). */
  const passkeySession = async () => {
    const signIn = (await api(t.base, 'POST', '/api/v1/consumer/passkeys/sign-in')).body;
    return (await api(t.base, 'POST', `/api/v1/consumer/passkeys/sign-in/${signIn.ceremonyId}`, { body: { response: passkey.assert(signIn.options.challenge) } })).body.token as string;
  };

  it('the usage ledger, the operator’s consent poll and the JWKS; "not me"', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: alpha.key,
      body: { declarations: [declaration('ID-1', { consignee: { name: holder.name, pccc: holder.pccc, phone: holder.phone, postcode: holder.postcode, address: '서울특별시 강남구 테헤란로 1' } })] },
    });
    cargoNo = r.body.results[0].cargoNo;
    const asked = await api(t.base, 'POST', '/api/v1/consent-requests', {
      token: alpha.key,
      body: { pccc: holder.pccc, consigneeName: holder.name, consigneePhone: holder.phone, postcode: holder.postcode, platform: 'Amazon', orderNo: 'ID-CONSENT', items: [{ description: '티셔츠', quantity: 1, price: 10 }], total: 10, currency: 'USD' },
    });
    expect(asked.status).toBe(201);
    consentId = asked.body.id;

    const poll = '/api/v1/consent-requests/{id}';
    const pending = await call('GET', poll, `/api/v1/consent-requests/${consentId}`, { token: alpha.key });
    expect(pending.body).toMatchObject({ status: 'pending', token: null, matchingNumber: asked.body.matchingNumber });
    const options = await api(t.base, 'POST', `/api/v1/consent/${consentId}/options`, { body: { decision: 'approve', number: asked.body.matchingNumber } });
    expect((await api(t.base, 'POST', `/api/v1/consent/${consentId}/decision`, { body: { decision: 'approve', response: passkey.assert(options.body.options.challenge) } })).body.status).toBe('approved');
    const approved = await call('GET', poll, `/api/v1/consent-requests/${consentId}`, { token: alpha.key });
    expect(approved.body.token).toMatch(/^ey[\w-]+\.[\w-]+\.[\w-]+$/);
    expect((await call('GET', poll, '/api/v1/consent-requests/cr_unknown-request', { token: alpha.key })).status).toBe(404);
    expect((await call('GET', poll, `/api/v1/consent-requests/${consentId}`, { token: courier.key })).status).toBe(404); // another operator's
    expect((await call('GET', poll, '/api/v1/consent-requests/short', { token: alpha.key })).status).toBe(400);
    expect((await call('GET', poll, `/api/v1/consent-requests/${consentId}`)).status).toBe(401);
    expect((await call('GET', poll, `/api/v1/consent-requests/${consentId}`, { token: otp })).status).toBe(403);
    const jwks = await call('GET', '/api/v1/identity/jwks.json', '/api/v1/identity/jwks.json');
    expect(JSON.parse(Buffer.from(approved.body.token.split('.')[0], 'base64url').toString()).kid).toBe(jwks.body.keys[0].kid);

    const ledger = '/api/v1/consumer/ledger';
    const mine = await call('GET', ledger, ledger, { token: otp });
    expect(mine.body.declarations.map((d: { cargoNo: string }) => d.cargoNo)).toEqual([cargoNo]);
    expect(mine.body.declarations[0]).toMatchObject({ pccc: holder.pccc, reported: null, holdable: true });
    expect(mine.body.approvals[0]).toMatchObject({ id: consentId, status: 'approved', operator: 'ALPHA Ltd', total: 1000 });
    expect((await call('GET', ledger, ledger)).status).toBe(401);
    expect((await call('GET', ledger, ledger, { token: alpha.key })).status).toBe(403);

    const notMe = '/api/v1/consumer/declarations/{cargoNo}/not-me';
    const reported = await call('POST', notMe, `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: otp, body: { note: '주문한 적 없음' } });
    expect([reported.status, reported.body.held, reported.body.status, reported.body.case.note]).toEqual([201, true, 'held', '주문한 적 없음']);
    expect((await call('POST', notMe, '/api/v1/consumer/declarations/26TGW9999999999/not-me', { token: otp })).status).toBe(404);
    expect((await call('POST', notMe, `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: otp, body: { reason: 'x' } })).status).toBe(400);
    expect((await call('POST', notMe, `/api/v1/consumer/declarations/${cargoNo}/not-me`)).status).toBe(401);
    expect((await call('POST', notMe, `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token: alpha.key })).status).toBe(403);
    expect((await call('GET', ledger, ledger, { token: otp })).body.declarations[0].reported).toMatchObject({ held: true, status: 'open', closedAt: null, outcome: null });
    // An officer closes the report and refuses the parcel: the ledger says so, with when, and not the officer's note.
    const declarationId = (await t.db.pool.query(`SELECT id FROM declarations WHERE cargo_no = $1`, [cargoNo])).rows[0].id as number;
    const officer = await t.officer('contract-misuse-ledger');
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/misuse-case/close`, { token: officer.token, body: { note: '내부 메모: 도용 확인' } })).status).toBe(200);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/reject`, { token: officer.token, body: { reason: '도용 확인, 통관 불허' } })).status).toBe(200);
    const closed = await call('GET', ledger, ledger, { token: otp });
    expect(closed.body.declarations[0]).toMatchObject({ status: 'rejected', reported: { status: 'closed', closedAt: expect.any(String), outcome: 'refused' } });
    expect(JSON.stringify(closed.body)).not.toContain('내부 메모');
  });

  it('the holder’s own code: read, suspend, resume, renew too early, reissue (a passkey session when the holder has a passkey)', async () => {
    const own = '/api/v1/consumer/pccc';
    const read = await call('GET', own, own, { token: otp });
    expect(read.body).toMatchObject({ pccc: holder.pccc, status: 'active', phone: '010-****-8888', previous: [] });
    expect((await call('GET', own, own)).status).toBe(401);
    expect((await call('GET', own, own, { token: alpha.key })).status).toBe(403);
    const act = '/api/v1/consumer/pccc/{action}';
    expect((await call('POST', act, `${own}/suspend`, { token: otp, body: { reason: '분실' } })).body).toMatchObject({ status: 'suspended', statusReason: '분실' });
    // The holder's own suspend signs the other devices out (the session that made it stays).
    expect((await api(t.base, 'GET', '/api/v1/me', { token: pk })).status).toBe(401);
    pk = await passkeySession();
    expect((await call('POST', act, `${own}/suspend`, { token: otp })).body.error.code).toBe('PCCC_NOT_ACTIVE');
    expect((await call('POST', act, `${own}/resume`, { token: otp })).body.status).toBe('active');
    expect((await call('POST', act, `${own}/renew`, { token: otp })).body.error.code).toBe('RENEWAL_NOT_ALLOWED');
    expect((await call('POST', act, `${own}/reissue`, { token: otp })).body.error).toMatchObject({ code: 'FORBIDDEN', details: { needs: 'passkey' } });
    const reissued = await call('POST', act, `${own}/reissue`, { token: pk });
    expect(reissued.body.pccc).not.toBe(holder.pccc);
    expect(reissued.body.previous[0]).toMatchObject({ pccc: holder.pccc, status: 'cancelled', replacedBy: reissued.body.pccc });
    expect(reissued.body.reissuesLeft).toEqual(expect.any(Number));
    // Only the session that reissued moves to the new code: the one-time-code session was signed out.
    expect((await api(t.base, 'GET', '/api/v1/me', { token: otp })).status).toBe(401);
    otp = await otpSession({ ...holder, pccc: reissued.body.pccc });
    // The security activity: a page of the holder's events in words, older ones by `before`; a bad cursor 400.
    const activity = '/api/v1/consumer/pccc/events';
    const latest = await call('GET', activity, `${activity}?limit=2`, { token: otp });
    expect(latest.body.events.map((e: { kind: string }) => e.kind)).toEqual(['issue', 'reissue']);
    expect(latest.body.events[1].text.en).toBe(`Reissued the customs code (new code ending ${reissued.body.pccc.slice(-4)}).`);
    expect((await call('GET', activity, `${activity}?before=${latest.body.next}`, { token: otp })).body.events[0].kind).toBe('resume');
    expect((await call('GET', activity, `${activity}?before=0`, { token: otp })).body.error.details[0].path).toBe('querystring.before');
    expect((await call('GET', activity, activity)).status).toBe(401);
    expect((await call('GET', activity, activity, { token: alpha.key })).status).toBe(403);
    expect((await call('POST', act, `${own}/bogus`, { token: pk })).status).toBe(400);
    expect((await call('POST', act, `${own}/suspend`)).status).toBe(401);
    expect((await call('POST', act, `${own}/suspend`, { token: alpha.key })).status).toBe(403);
  });

  it('the holder’s contacts: a code to the new number or address, the change once it comes back (a passkey session when the holder has a passkey)', async () => {
    const codeSentTo = async (recipient: string) => /인증번호 (\d{6})/.exec((await api(t.base, 'GET', `/api/v1/demo/notifications?recipient=${encodeURIComponent(recipient)}`)).body.notifications[0].body)![1]!;
    const before = (await t.db.pool.query(`SELECT phone, email FROM pccc_holders WHERE holder_id = (SELECT holder_id FROM pccc_holders WHERE pccc = $1)`, [holder.pccc])).rows[0];
    for (const [field, value, recipient, shown] of [
      ['phone', '010-7777-1234', '01077771234', '010-****-1234'],
      ['email', 'contract-new@example.com', 'contract-new@example.com', 'contract-new@example.com'],
    ] as const) {
      const start = `/api/v1/consumer/contacts/${field}`;
      const confirm = `${start}/confirm`;
      expect((await call('POST', start, start, { token: otp, body: { [field]: value } })).body.error).toMatchObject({ code: 'FORBIDDEN', details: { needs: 'passkey' } });
      expect((await call('POST', start, start, { token: pk, body: { [field]: 'x' } })).body.error.details[0]).toMatchObject({ path: `body.${field}` });
      expect((await call('POST', start, start, { body: { [field]: value } })).status).toBe(401);
      expect((await call('POST', start, start, { token: alpha.key, body: { [field]: value } })).status).toBe(403);
      const started = await call('POST', start, start, { token: pk, body: { [field]: value } });
      expect(started.status).toBe(201);
      const code = await codeSentTo(recipient);
      const wrong = code === '000000' ? '111111' : '000000';
      expect((await call('POST', confirm, confirm, { token: pk, body: { challengeId: started.body.challengeId, [field]: value, code: wrong } })).body.error.details[0]).toMatchObject({ path: 'body.code', code: 'code_invalid' });
      expect((await call('POST', confirm, confirm, { token: otp, body: { challengeId: started.body.challengeId, [field]: value, code } })).status).toBe(403);
      expect((await call('POST', confirm, confirm, { body: { challengeId: started.body.challengeId, [field]: value, code } })).status).toBe(401);
      expect((await call('POST', confirm, confirm, { token: alpha.key, body: { challengeId: started.body.challengeId, [field]: value, code } })).status).toBe(403);
      const done = await call('POST', confirm, confirm, { token: pk, body: { challengeId: started.body.challengeId, [field]: value, code } });
      expect(done.body[field]).toBe(shown);
      // The holder's other sessions signed out (the one-time-code session among them); this one stays.
      expect(done.body.otherSessionsEnded).toBeGreaterThanOrEqual(1);
      expect((await api(t.base, 'GET', '/api/v1/me', { token: otp })).status).toBe(401);
      otp = await consumerSessionOn(t, done.body.pccc);
    }
    // The holder's contacts as they were: the later steps sign in with the registered mobile.
    await t.db.pool.query(`UPDATE pccc_holders SET phone = $2, email = $3 WHERE holder_id = (SELECT holder_id FROM pccc_holders WHERE pccc = $1)`, [holder.pccc, before.phone, before.email]);
  });

  it('Web Push: the VAPID key, a subscription; removing a passkey', async () => {
    const vapid = await call('GET', '/api/v1/identity/vapid-public-key', '/api/v1/identity/vapid-public-key');
    expect(vapid.body).toHaveProperty('publicKey');
    const subscribe = '/api/v1/consumer/push-subscriptions';
    const subscription = { endpoint: 'https://push.example/sub/1', keys: { p256dh: 'BPub', auth: 'auth' } };
    expect((await call('POST', subscribe, subscribe, { token: pk, body: subscription })).body).toEqual({ subscribed: true });
    expect((await call('POST', subscribe, subscribe, { token: pk, body: { ...subscription, endpoint: 'ftp://push.example' } })).status).toBe(400);
    expect((await call('POST', subscribe, subscribe, { body: subscription })).status).toBe(401);
    expect((await call('POST', subscribe, subscribe, { token: alpha.key, body: subscription })).status).toBe(403);
    // A lost phone keeps getting the alerts (goods, platform, order) until the holder turns them off everywhere.
    await call('POST', subscribe, subscribe, { token: pk, body: { ...subscription, endpoint: 'https://push.example/sub/lost-phone' } });
    expect((await call('GET', subscribe, subscribe, { token: pk })).body).toEqual({ devices: 2, thisDevice: false });
    // The page asks by its own browser's endpoint whether this device is one of them (a shared tablet's subscription may be another holder's).
    expect((await call('GET', subscribe, `${subscribe}?endpoint=${encodeURIComponent(subscription.endpoint)}`, { token: pk })).body).toEqual({ devices: 2, thisDevice: true });
    expect((await call('GET', subscribe, `${subscribe}?endpoint=${encodeURIComponent('https://push.example/sub/someone-else')}`, { token: pk })).body).toEqual({ devices: 2, thisDevice: false });
    expect((await call('GET', subscribe, `${subscribe}?endpoint=https://push.example/${'x'.repeat(1000)}`, { token: pk })).status).toBe(400);
    expect((await call('GET', subscribe, subscribe)).status).toBe(401);
    expect((await call('DELETE', subscribe, subscribe, { token: alpha.key })).status).toBe(403);
    expect((await call('DELETE', subscribe, subscribe)).status).toBe(401);
    // The code alone (after a SIM swap) does not silence the alerts of a holder with a passkey.
    expect((await call('DELETE', subscribe, subscribe, { token: otp })).body.error).toMatchObject({ code: 'FORBIDDEN', details: { needs: 'passkey' } });
    expect((await call('GET', subscribe, subscribe, { token: otp })).body).toEqual({ devices: 2, thisDevice: false });
    expect((await call('DELETE', subscribe, subscribe, { token: pk })).body).toEqual({ removed: 2 });
    expect((await call('GET', subscribe, `${subscribe}?endpoint=${encodeURIComponent(subscription.endpoint)}`, { token: pk })).body).toEqual({ devices: 0, thisDevice: false });
    expect((await call('POST', subscribe, subscribe, { token: pk, body: subscription })).status).toBe(201);

    const remove = '/api/v1/consumer/passkeys/{credentialId}';
    expect((await call('DELETE', remove, '/api/v1/consumer/passkeys/not-a-key', { token: pk })).body.error.code).toBe('PASSKEY_NOT_FOUND');
    expect((await call('DELETE', remove, `/api/v1/consumer/passkeys/${passkey.credentialId}`)).status).toBe(401);
    expect((await call('DELETE', remove, `/api/v1/consumer/passkeys/${passkey.credentialId}`, { token: alpha.key })).status).toBe(403);
    expect((await call('DELETE', remove, `/api/v1/consumer/passkeys/${passkey.credentialId}`, { token: pk })).body).toEqual({ removed: true });
  });

  it('the registry desk acts ex officio: suspend, resume, reissue; unknown code and action, no session, not an officer', async () => {
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: registrar, body: { name: '최유나', phone: '01099990000', postcodes: ['06236'] } });
    const code = issued.body.pccc as string;
    const act = '/api/v1/registry/pccc/{pccc}/{action}';
    const at = (pccc: string, action: string) => `/api/v1/registry/pccc/${pccc}/${action}`;
    expect((await call('POST', act, at(code, 'suspend'), { token: registrar, body: { reason: '도용 의심' } })).body).toMatchObject({ pccc: code, status: 'suspended', statusReason: '도용 의심' });
    expect((await call('POST', act, at(code, 'suspend'), { token: registrar })).body.error.code).toBe('PCCC_NOT_ACTIVE');
    expect((await call('POST', act, at(code, 'resume'), { token: registrar })).body.status).toBe('active');
    const reissued = await call('POST', act, at(code, 'reissue'), { token: registrar });
    expect(reissued.body.previous).toMatchObject({ pccc: code, status: 'cancelled', replacedBy: reissued.body.current.pccc });
    expect((await call('POST', act, at('P000000000000', 'cancel'), { token: registrar })).status).toBe(404);
    expect((await call('POST', act, at(code, 'bogus'), { token: registrar })).status).toBe(400);
    expect((await call('POST', act, at(code, 'resume'))).status).toBe(401);
    expect((await call('POST', act, at(code, 'resume'), { token: otp })).status).toBe(403);
  });

  it('the holder notices given up (administrators): listed a page at a time, one sent again; refusals', async () => {
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: registrar, body: { name: '한유진', phone: '01088881111', postcodes: ['06236'], email: 'yujin@example.com' } });
    const code = issued.body.pccc as string;
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: registrar, body: { reason: '도용 의심' } })).status).toBe(200);
    await t.platform.pcccChangeNotices.drain();
    // Given up as the worker leaves an e-mail the SMTP server refused for good (those: holder-notices-admin.test.ts).
    const dead = await t.db.pool.query(
      `UPDATE pccc_change_notices SET status = 'dead', attempts = 1, done_at = now(), last_error = 'e-mail to y***@example.com: refused by the SMTP server (550 5.1.1 mailbox unavailable); not retried (permanent)'
        WHERE pccc = $1 AND channel = 'email' RETURNING id`,
      [code],
    );
    const id = Number(dead.rows[0].id);
    const admin = await t.officer('contract-notices-admin', 'admin');
    const list = '/api/v1/admin/holder-notices';
    const listed = await call('GET', list, `${list}?limit=1`, { token: admin.token });
    expect(listed.body.notices[0]).toMatchObject({ id, kind: 'pccc_change', changeAction: 'suspend', channel: 'email', recipient: 'y***@example.com', why: 'refused' });
    expect((await call('GET', list, `${list}?limit=0`, { token: admin.token })).status).toBe(400);
    expect((await call('GET', list, list)).status).toBe(401);
    expect((await call('GET', list, list, { token: registrar })).status).toBe(403);
    const requeue = '/api/v1/admin/holder-notices/{id}/requeue';
    expect((await call('POST', requeue, `${list}/${id}/requeue`, { token: admin.token })).body.notice).toMatchObject({ id, attempts: 1 });
    expect((await call('POST', requeue, `${list}/${id}/requeue`, { token: admin.token })).status).toBe(404);
    expect((await call('POST', requeue, `${list}/abc/requeue`, { token: admin.token })).status).toBe(400);
    expect((await call('POST', requeue, `${list}/${id}/requeue`)).status).toBe(401);
    expect((await call('POST', requeue, `${list}/${id}/requeue`, { token: otp })).status).toBe(403);
  });

  it('the live consultation stream: text/event-stream with `ready` first; unknown, bad cursor, no session, not a consumer or officer', async () => {
    const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: otp, body: { topic: 'pccc', message: '부호 재발급 문의' } });
    expect(opened.status).toBe(201);
    const id = opened.body.consultation.id as number;
    const template = '/api/v1/consultations/{id}/events';
    const operation = doc.paths[template].get;
    // EventSource's way: the token in the query; read up to the first event, then hang up
    const abort = new AbortController();
    const res = await fetch(`${t.base}/api/v1/consultations/${id}/events?after=0&access_token=${otp}`, { signal: abort.signal });
    expect([res.status, res.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8']);
    expect(operation.responses['200'].content['text/event-stream']).toBeTruthy();
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('event: ready')) text += new TextDecoder().decode((await reader.read()).value);
    while (!/event: ready\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
    abort.abort();
    for (const name of [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]!)) expect(operation.responses['200'].description).toContain(`\`${name}\``);
    expect(JSON.parse(/event: message\ndata: (.*)\n/.exec(text)![1]!)).toMatchObject({ authorKind: 'consumer', body: '부호 재발급 문의' });
    expect(JSON.parse(/event: ready\ndata: (.*)\n/.exec(text)![1]!)).toEqual({ consultationId: id, status: 'open' });
    checked.push(`GET ${template} 200`);
    expect((await call('GET', template, '/api/v1/consultations/999999/events', { token: otp })).status).toBe(404);
    expect((await call('GET', template, `/api/v1/consultations/${id}/events?after=-1`, { token: otp })).status).toBe(400);
    expect((await call('GET', template, `/api/v1/consultations/${id}/events`)).status).toBe(401);
    expect((await call('GET', template, `/api/v1/consultations/${id}/events`, { token: alpha.key })).status).toBe(403);
  });

  it('the UNI-PASS XML API: answers and refusals are XML with the documented root, as the examples', async () => {
    const parser = new XMLParser({ parseTagValue: false });
    const rootOf = (xml: string) => {
      expect(XMLValidator.validate(xml), xml.slice(0, 200)).toBe(true);
      return Object.keys(parser.parse(xml)).filter((k) => k !== '?xml');
    };
    const holder = { persEcm: 'P123456789012', pltxNm: '김민지', cralTelno: '01012345678', custPsno: '06236' };
    const cases: [string, string, Record<string, string>][] = [
      ['/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo', 'API001', { cargMtNo: cargoNo }],
      ['/trifFxrtInfoQry/retrieveTrifFxrtInfo', 'API012', { qryYymmDd: '20261118', imexTp: '2' }],
      ['/hsSgnQry/searchHsSgn', 'API018', { hsSgn: '610910', koenTp: '1' }],
      ['/persEcmQry/retrievePersEcm', 'API028', holder],
      ['/trrtQry/retrieveTrrt', 'API030', { hsSgn: '6109101000' }], // an HSK code: API030 answers none for a code the HSK lacks
    ];
    for (const [path, apiId, query] of cases) {
      const template = `/ext/rest${path}`;
      // every answer on a served path is this XML with 200 (a rate limit's refusal: 429), refusals before the route included
      // (unipass-refused-requests.test.ts): no JSON 400 or 431 is published (the framework's were, which these paths never answer)
      expect(Object.keys(doc.paths[template].get.responses)).toEqual(['200', '429']);
      const response = doc.paths[template].get.responses['200'];
      const root = /Root element `(\w+)`/.exec(response.description)![1]!;
      const examples = response.content['application/xml'].examples;
      expect(rootOf(examples.answer.value)).toEqual([root]);
      expect(parser.parse(examples.error.value).trrtQryRtnVo.tCnt).toBe('-1'); // the refusal shown is API030's
      const answered = await call('GET', template, `${template}?${new URLSearchParams({ crkyCn: `TONGGWAN-DEMO-${apiId}`, ...query })}`);
      expect(rootOf(answered.body)).toEqual([root]);
      expect(Number(parser.parse(answered.body)[root].tCnt)).toBeGreaterThanOrEqual(apiId === 'API001' ? 0 : 1); // API001: tCnt counts the cargo events, none here
      for (const refused of [`${template}?${new URLSearchParams(query)}`, `${template}?${new URLSearchParams({ crkyCn: 'TONGGWAN-DEMO-API999', ...query })}`]) {
        const r = await call('GET', template, refused);
        expect(r.status).toBe(200);
        expect(rootOf(r.body)).toEqual([root]);
        expect(parser.parse(r.body)[root].tCnt).toBe('-1');
      }
    }
  });
  it('API018: a short hsSgn or a prnm is answered up to the number of codes its parameter publishes (heading 84 has 1,325 HSK codes)', async () => {
    const template = '/ext/rest/hsSgnQry/searchHsSgn';
    const param = (name: string) => doc.paths[template].get.parameters.find((p: { name: string }) => p.name === name).description as string;
    const codes = async (query: string) => {
      const xml = await (await fetch(`${t.base}${template}?crkyCn=TONGGWAN-DEMO-API018&koenTp=2&${query}`)).text();
      return new Set([...xml.matchAll(/<hsSgn>(\d+)<\/hsSgn>/g)].map((m) => m[1])).size;
    };
    // the first 1,000 codes of heading 84, by code: the document said "every code starting with them is answered"
    expect(await codes('hsSgn=84')).toBe(1000);
    expect(param('hsSgn')).toContain('at most 1,000 codes');
    expect(await codes('prnm=of')).toBe(100);
    expect(param('prnm')).toContain('at most 100 codes');
  });
  it('risk exchange: partners and their keys, the seizure-report export, our notices, the inbox and a rule draft; refusals', async () => {
    const admin = (await t.officer('contract-rx-admin', 'admin')).token;
    const officer = (await t.officer('contract-rx-officer')).token;
    const edKey = () => {
      const keys = crypto.generateKeyPairSync('ed25519');
      const x = (keys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
      return { keys, x, keyId: crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url') };
    };
    const first = edKey();
    const next = edKey();
    const base = '/api/v1/officer/risk-exchange';

    const partners = `${base}/partners`;
    const partner = { code: 'CN-CUSTOMS', name: 'China Customs', country: 'CN', publicKey: first.x };
    expect((await call('POST', partners, partners, { token: admin, body: partner })).body).toMatchObject({ code: 'CN-CUSTOMS', keyId: first.keyId, registeredBy: 'contract-rx-admin' });
    expect((await call('POST', partners, partners, { token: admin, body: partner })).body.error.code).toBe('EXCHANGE_PARTNER_EXISTS');
    expect((await call('POST', partners, partners, { token: admin, body: { ...partner, code: 'CN-OTHER', publicKey: `${'A'.repeat(42)}B` } })).body.error.code).toBe('EXCHANGE_KEY_INVALID');
    expect((await call('POST', partners, partners, { body: partner })).status).toBe(401);
    expect((await call('POST', partners, partners, { token: officer, body: partner })).status).toBe(403);

    const keys = `${base}/partners/{code}/keys`;
    expect((await call('POST', keys, `${partners}/CN-CUSTOMS/keys`, { token: admin, body: { publicKey: next.x } })).body).toMatchObject({ keyId: next.keyId, state: 'active', revokedAt: null });
    expect((await call('POST', keys, `${partners}/CN-CUSTOMS/keys`, { token: admin, body: { publicKey: next.x } })).body.error.code).toBe('EXCHANGE_KEY_EXISTS');
    expect((await call('POST', keys, `${partners}/XX-NONE/keys`, { token: admin, body: { publicKey: edKey().x } })).status).toBe(404);
    expect((await call('POST', keys, `${partners}/CN-CUSTOMS/keys`, { token: admin, body: { publicKey: 'short' } })).status).toBe(400);
    expect((await call('POST', keys, `${partners}/CN-CUSTOMS/keys`, { body: { publicKey: edKey().x } })).status).toBe(401);
    expect((await call('POST', keys, `${partners}/CN-CUSTOMS/keys`, { token: officer, body: { publicKey: edKey().x } })).status).toBe(403);

    const revoke = `${base}/partners/{code}/keys/{keyId}/revoke`;
    const revokeAt = (keyId: string) => `${partners}/CN-CUSTOMS/keys/${keyId}/revoke`;
    expect((await call('POST', revoke, revokeAt(next.keyId), { token: admin, body: { reason: 'retired' } })).body).toMatchObject({ state: 'revoked', revokedBy: 'contract-rx-admin', revokedReason: 'retired' });
    expect((await call('POST', revoke, revokeAt(next.keyId), { token: admin, body: { reason: 'again' } })).body.error.code).toBe('EXCHANGE_KEY_REVOKED');
    expect((await call('POST', revoke, revokeAt(first.keyId), { token: admin, body: { reason: 'last' } })).body.error.code).toBe('EXCHANGE_LAST_KEY');
    expect((await call('POST', revoke, revokeAt('A'.repeat(43)), { token: admin, body: { reason: 'unknown' } })).body.error.code).toBe('EXCHANGE_KEY_NOT_FOUND');
    expect((await call('POST', revoke, revokeAt(first.keyId), { token: admin, body: { reason: ' ' } })).status).toBe(400);
    expect((await call('POST', revoke, revokeAt(first.keyId), { body: { reason: 'x' } })).status).toBe(401);
    expect((await call('POST', revoke, revokeAt(first.keyId), { token: officer, body: { reason: 'x' } })).status).toBe(403);

    // A compromise stated after the routine revocation above: once, on a revoked key, not after its revocation.
    const compromise = `${base}/partners/{code}/keys/{keyId}/compromise`;
    const compromiseAt = (keyId: string) => `${partners}/CN-CUSTOMS/keys/${keyId}/compromise`;
    const leak = { compromisedSince: '2020-01-01T00:00:00Z', reason: 'the partner reports a leak' };
    expect((await call('POST', compromise, compromiseAt(next.keyId), { token: admin, body: leak })).body).toMatchObject({ keyId: next.keyId, state: 'revoked', compromisedSince: '2020-01-01T00:00:00.000Z' });
    expect((await call('POST', compromise, compromiseAt(next.keyId), { token: admin, body: leak })).body.error.code).toBe('EXCHANGE_KEY_COMPROMISE_STATED');
    expect((await call('POST', compromise, compromiseAt(first.keyId), { token: admin, body: leak })).body.error.code).toBe('EXCHANGE_KEY_NOT_REVOKED');
    expect((await call('POST', compromise, compromiseAt('A'.repeat(43)), { token: admin, body: leak })).body.error.code).toBe('EXCHANGE_KEY_NOT_FOUND');
    expect((await call('POST', compromise, compromiseAt(next.keyId), { token: admin, body: { compromisedSince: '2020-01-01T00:00:00Z' } })).status).toBe(400);
    expect((await call('POST', compromise, compromiseAt(next.keyId), { body: leak })).status).toBe(401);
    expect((await call('POST', compromise, compromiseAt(next.keyId), { token: officer, body: leak })).status).toBe(403);

    const listed = await call('GET', partners, partners, { token: officer });
    expect(listed.body.partners.find((p: { code: string }) => p.code === 'CN-CUSTOMS').keys.map((k: { state: string }) => k.state)).toEqual(['active', 'revoked']);
    expect((await call('GET', partners, partners)).status).toBe(401);
    expect((await call('GET', partners, partners, { token: alpha.key })).status).toBe(403);

    // a finding on a seller: an inspection of a scored declaration that found counterfeit goods
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', {
      token: alpha.key,
      body: {
        declarations: [
          declaration('RX-CONTRACT', { parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Contract Fakes', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } }),
          // a seller with a profile and no finding (earlier blocks inspect other sellers' parcels)
          declaration('RX-CONTRACT-CLEAN', { parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Contract Clean Goods', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } }),
        ],
      },
    });
    const [declarationId, cleanId] = submitted.body.results.map((r: { declarationId: number }) => r.declarationId) as number[];
    for (const id of [declarationId, cleanId]) {
      for (let i = 0; i < 400; i++) {
        if ((await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer })).body.score) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
    const inspected = await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/inspection`, { token: officer, body: { outcome: 'ip_infringement', correctedValueKrw: 250000, note: '위조 상표' } });
    expect(inspected.status).toBe(201);
    const today = koreanDateOf(new Date().toISOString());

    const exportPath = `${base}/seizure-reports/export`;
    const exported = await call('POST', exportPath, exportPath, { token: officer, body: { from: today, to: today, recipient: 'CN-CUSTOMS' } });
    expect(exported.body.messages.map((m: { kind: string; to: string }) => [m.kind, m.to])).toContainEqual(['seizure_report', 'CN-CUSTOMS']);
    expect((await call('POST', exportPath, exportPath, { token: officer, body: { from: '2026-02-30', to: today } })).status).toBe(400);
    expect((await call('POST', exportPath, exportPath, { token: officer, body: { from: today, to: today, recipient: 'NOBODY' } })).status).toBe(404);
    expect((await call('POST', exportPath, exportPath, { body: { from: today, to: today } })).status).toBe(401);
    expect((await call('POST', exportPath, exportPath, { token: alpha.key, body: { from: today, to: today } })).status).toBe(403);

    const notices = `${base}/party-notices`;
    const notice = { role: 'seller', key: 'Contract Fakes', text: { en: 'counterfeit goods found', ko: '위조 상품 적발' }, validUntil: addDays(today, 30), recipient: 'CN-CUSTOMS' };
    const issued = await call('POST', notices, notices, { token: officer, body: notice });
    expect([issued.status, issued.body.message.kind, issued.body.message.body.evidenceCount]).toEqual([201, 'risky_party_notice', 1]);
    expect((await call('POST', notices, notices, { token: officer, body: { ...notice, key: 'Nobody Shop' } })).body.error.code).toBe('PARTY_NOT_FOUND');
    expect((await call('POST', notices, notices, { token: officer, body: { ...notice, validUntil: '2000-01-01' } })).body.error.details).toMatchObject([{ path: 'body.validUntil', code: 'valid_until_past' }]);
    expect((await call('POST', notices, notices, { token: officer, body: { ...notice, key: 'Contract Clean Goods' } })).body.error.code).toBe('EXCHANGE_NOTICE_WITHOUT_FINDINGS');
    expect((await call('POST', notices, notices, { body: notice })).status).toBe(401);
    expect((await call('POST', notices, notices, { token: alpha.key, body: notice })).status).toBe(403);
    const ours = await call('GET', notices, notices, { token: officer });
    expect(ours.body.notices[0]).toMatchObject({ messageId: issued.body.message.id, recipient: 'CN-CUSTOMS', createdBy: 'contract-rx-officer', withdrawal: null });
    expect((await call('GET', notices, `${notices}?limit=0`, { token: officer })).status).toBe(400);
    expect((await call('GET', notices, notices)).status).toBe(401);
    expect((await call('GET', notices, notices, { token: alpha.key })).status).toBe(403);

    // the partner sends us a notice, signed with its active key
    const incoming = {
      format: 'tonggwan-risk-exchange', version: '1.0', kind: 'risky_party_notice', id: 'CN-C-1', from: 'CN-CUSTOMS', to: 'KR', issuedAt: `${new Date().toISOString().slice(0, 19)}Z`,
      body: { reportingCountry: 'CN', party: { role: 'seller', name: 'Knockoff Store', country: 'CN' }, reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'fakes' } }, evidenceCount: 3, validUntil: '2099-12-31' },
    };
    const signed = { ...incoming, signature: { alg: 'Ed25519', keyId: first.keyId, value: crypto.sign(null, Buffer.from(signingInput(incoming)), first.keys.privateKey).toString('base64url') } };
    expect((await call('POST', '/api/v1/risk-exchange/messages', '/api/v1/risk-exchange/messages', { body: signed })).status).toBe(201);
    const inbox = `${base}/messages`;
    const received = await call('GET', inbox, `${inbox}?partner=CN-CUSTOMS`, { token: officer });
    expect(received.body.messages.map((m: { messageId: string; state: string }) => [m.messageId, m.state])).toEqual([['CN-C-1', 'verified']]);
    expect((await call('GET', inbox, `${inbox}?kind=bogus`, { token: officer })).status).toBe(400);
    expect((await call('GET', inbox, inbox)).status).toBe(401);
    expect((await call('GET', inbox, inbox, { token: alpha.key })).status).toBe(403);

    const draft = `${base}/messages/{id}/draft`;
    const drafted = await call('POST', draft, `${inbox}/${received.body.messages[0].id}/draft`, { token: officer, body: { note: 'contract' } });
    expect([drafted.status, drafted.body.proposal.source]).toEqual([201, { partner: 'CN-CUSTOMS', messageId: 'CN-C-1', kind: 'risky_party_notice', validUntil: '2099-12-31' }]);
    expect((await api(t.base, 'GET', `${inbox}?partner=CN-CUSTOMS`, { token: officer })).body.messages[0]).toMatchObject({ state: 'in_draft', drafts: [{ draftId: drafted.body.draft.id, publishedAs: null }] });
    expect((await call('POST', draft, `${inbox}/999999/draft`, { token: officer, body: {} })).status).toBe(404);
    expect((await call('POST', draft, `${inbox}/${received.body.messages[0].id}/draft`, { token: officer, body: { weight: 2 } })).status).toBe(400);
    expect((await call('POST', draft, `${inbox}/${received.body.messages[0].id}/draft`, { body: {} })).status).toBe(401);
    expect((await call('POST', draft, `${inbox}/${received.body.messages[0].id}/draft`, { token: alpha.key, body: {} })).status).toBe(403);

    // the partner withdraws its notice: the answer names it, the inbox shows the withdrawal, no new draft rests on it
    const withdrawal = {
      format: 'tonggwan-risk-exchange', version: '1.0', kind: 'party_notice_withdrawal', id: 'CN-C-W1', from: 'CN-CUSTOMS', to: 'KR', issuedAt: `${new Date().toISOString().slice(0, 19)}Z`,
      body: { reportingCountry: 'CN', withdraws: { id: 'CN-C-1', issuedAt: incoming.issuedAt, digest: crypto.createHash('sha256').update(signingInput(incoming)).digest('hex') }, reason: { grounds: 'issued_in_error', text: { en: 'wrong store' } } },
    };
    const withdrawn = await call('POST', '/api/v1/risk-exchange/messages', '/api/v1/risk-exchange/messages', {
      body: { ...withdrawal, signature: { alg: 'Ed25519', keyId: first.keyId, value: crypto.sign(null, Buffer.from(signingInput(withdrawal)), first.keys.privateKey).toString('base64url') } },
    });
    expect([withdrawn.status, withdrawn.body.withdrawn]).toEqual([201, { id: received.body.messages[0].id, messageId: 'CN-C-1' }]);
    expect((await call('GET', inbox, `${inbox}?partner=CN-CUSTOMS`, { token: officer })).body.messages[0].withdrawal).toMatchObject({ messageId: 'CN-C-W1', reason: { grounds: 'issued_in_error' } });
    expect((await call('POST', draft, `${inbox}/${received.body.messages[0].id}/draft`, { token: officer, body: {} })).body.error.code).toBe('EXCHANGE_MESSAGE_WITHDRAWN');
  });
});

// Virtual accounts (가상계좌): issue (202), Toss's deposit callback, the demo deposit.
describe('answers of paying by transfer into a virtual account validate against the published document', () => {
  it('transfers into a virtual account: issued, the deposit callback refused and taken, the demo deposit', async () => {
    // a consumer session as verification stores one (the verification route is rate-limited and held above)
    const minji = `tgc_contract-${crypto.randomUUID()}`;
    const deps = t.platform.deps;
    await deps.access.createSession({ tokenHash: deps.secrets.sha256(minji), kind: 'consumer', userId: null, pccc: 'P123456789012', amr: 'otp', expiresAt: new Date(Date.now() + 3_600_000) });
    const shirt = (ref: string, purchasedAt: string) =>
      declaration(ref, { declaredAt: todayInKorea(), order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [shirt('VA-C-1', '2026-10-01'), shirt('VA-C-2', '2026-10-02')] } });
    const [one, two] = r.body.results.map((x: { declarationId: number }) => x.declarationId) as number[];
    const amountKrw = r.body.results[0].assessment.taxes.totalKrw as number;
    const issued = await call('POST', '/api/v1/consumer/tax-notices/{declarationId}/payments', `/api/v1/consumer/tax-notices/${one}/payments`, { token: minji, body: { method: 'transfer', amountKrw, bankCode: '06' } });
    expect(issued.status).toBe(202);
    // The notices answer the waiting account (consumer and operator lists), as published.
    const listed = await call('GET', '/api/v1/consumer/tax-notices', '/api/v1/consumer/tax-notices', { token: minji });
    expect(listed.body.notices.find((n: { declarationId: number }) => n.declarationId === one).virtualAccount).toEqual(issued.body.virtualAccount);
    const page = await call('GET', '/api/v1/tax-notices', '/api/v1/tax-notices?status=due', { token: alpha.key });
    expect(page.body.notices.find((n: { declarationId: number }) => n.declarationId === one).virtualAccount.accountNumber).toBe(issued.body.virtualAccount.accountNumber);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1`, [one])).rows[0].order_id as string;
    const secret = t.platform.paymentEmulator!.payments().find((p) => p.orderId === orderId)!.secret!;
    const cb = '/api/v1/payments/toss/deposit-callback';
    expect((await call('POST', cb, cb, { body: { secret: 'ps_wrong', status: 'DONE', orderId } })).status).toBe(403);
    expect((await call('POST', cb, cb, { body: { status: 'DONE' } })).status).toBe(400);
    const demo = '/api/v1/demo/tax-notices/{declarationId}/deposit';
    expect((await call('POST', demo, `/api/v1/demo/tax-notices/${two}/deposit`, { token: minji })).status).toBe(409);
    expect((await call('POST', demo, `/api/v1/demo/tax-notices/${one}/deposit`)).status).toBe(401);
    expect((await call('POST', demo, `/api/v1/demo/tax-notices/${one}/deposit`, { token: minji })).status).toBe(201);
    const again = await call('POST', cb, cb, { body: { createdAt: '2026-12-03T10:00:00+09:00', secret, status: 'DONE', transactionKey: 'tx-again', orderId } });
    expect(again.body.result).toBe('paid');
    const receiptNo = again.body.receiptNo as string;
    // The bank reverses the deposit (demo): the notice unpaid, the receipt void, no certificate; the callback again answers `reversed`.
    const reversal = '/api/v1/demo/tax-notices/{declarationId}/deposit-reversal';
    expect((await call('POST', reversal, `/api/v1/demo/tax-notices/${two}/deposit-reversal`, { token: minji })).status).toBe(409);
    expect((await call('POST', reversal, `/api/v1/demo/tax-notices/${one}/deposit-reversal`)).status).toBe(401);
    const reversed = await call('POST', reversal, `/api/v1/demo/tax-notices/${one}/deposit-reversal`, { token: minji });
    expect([reversed.status, reversed.body.receipt.voided?.reason]).toEqual([200, 'deposit_reversed']);
    const copy = await call('POST', cb, cb, { body: { secret, status: 'WAITING_FOR_DEPOSIT', orderId } });
    expect(copy.body).toEqual({ result: 'reversed', receiptNo });
    expect((await call('GET', '/api/v1/tax-receipts/{receiptNo}', `/api/v1/tax-receipts/${receiptNo}`)).body.voided).not.toBeNull();
    expect((await call('GET', '/api/v1/tax-receipts/{receiptNo}/certificate.pdf', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`)).status).toBe(410);
  });

  it('closes given up at Toss (administrators): listed, and one tried again', async () => {
    const shirt = declaration('VA-C-3', { declaredAt: todayInKorea(), order: { orderNo: 'O-VA-C-3', purchasedAt: '2026-10-03', currency: 'USD' }, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [shirt] } });
    const id = r.body.results[0].declarationId as number;
    const amountKrw = r.body.results[0].assessment.taxes.totalKrw as number;
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw } })).status).toBe(202);
    const emulator = t.platform.paymentEmulator!;
    emulator.faults.refuseCancels = true;
    try {
      expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } })).status).toBe(201);
    } finally {
      emulator.faults.refuseCancels = false;
    }
    // Given up as the worker leaves it after its twelve attempts (those: tax-virtual-accounts.test.ts).
    await t.db.pool.query(`UPDATE tax_account_closures SET status = 'dead', attempts = 12, requests = 12, done_at = now(), last_error = 'refused' WHERE declaration_id = $1`, [id]);
    const admin = await t.officer('contract-closures-admin', 'admin');
    const officer = await t.officer('contract-closures-officer');
    const list = '/api/v1/admin/account-closures';
    const listed = await call('GET', list, list, { token: admin.token });
    const dead = listed.body.closures.find((c: { account: { declarationId: number } }) => c.account.declarationId === id);
    expect(dead).toMatchObject({ status: 'dead', reason: 'paid_otherwise', attempts: 12 });
    expect((await call('GET', list, `${list}?limit=0`, { token: admin.token })).status).toBe(400);
    expect((await call('GET', list, list)).status).toBe(401);
    expect((await call('GET', list, list, { token: officer.token })).status).toBe(403);
    const retry = '/api/v1/admin/account-closures/{id}/retry';
    const retried = await call('POST', retry, `${list}/${dead.id}/retry`, { token: admin.token });
    expect(retried.body).toMatchObject({ outcome: 'closed', closure: { status: 'closed' } });
    expect((await call('POST', retry, `${list}/${dead.id}/retry`, { token: admin.token })).status).toBe(404);
    expect((await call('POST', retry, `${list}/abc/retry`, { token: admin.token })).status).toBe(400);
    expect((await call('POST', retry, `${list}/${dead.id}/retry`)).status).toBe(401);
    expect((await call('POST', retry, `${list}/${dead.id}/retry`, { token: officer.token })).status).toBe(403);
  });

  it('bulk intake as CSV: one declaration from two rows and one rejected, minimal, a file that is no declarations, the template', async () => {
    const header = 'ref,declaredAt,ecommerceType,shipment.mode,shipment.shipFrom,shipment.grossWeightKg,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.currency,items.description,items.category,items.quantity,items.price';
    const rows = [header, 'CSV-1,2026-11-18,direct,express,US,0.5,김민지,P123456789012,010-1234-5678,06236,서울,USD,티셔츠 Nike Dri-FIT,clothing,1,40', 'CSV-2,2026-11-18,direct,express,US,0.5,김민지,P123456789012,010-1234-5678,06236,서울,USD,0,clothing,1,40', 'CSV-1,,,,,,,,,,,,모자 Nike Heritage86,clothing,1,20'];
    const csv = { token: alpha.key, raw: rows.join('\n'), headers: { 'content-type': 'text/csv' } };
    const full = await call('POST', '/api/v1/declarations/csv', '/api/v1/declarations/csv', csv);
    expect(full.body.results.map((r: { status: string; lines: number[] }) => [r.status, r.lines])).toEqual([['accepted', [2, 4]], ['rejected', [3]]]);
    const minimal = await call('POST', '/api/v1/declarations/csv', '/api/v1/declarations/csv', { ...csv, raw: csv.raw.replace(/CSV-/g, 'CSVM-'), headers: { ...csv.headers, prefer: 'return=minimal' } });
    expect(minimal.body.results[0]).not.toHaveProperty('assessment');
    expect((await call('POST', '/api/v1/declarations/csv', '/api/v1/declarations/csv', { ...csv, raw: 'ref,weight\nX,1' })).status).toBe(400);
    expect((await call('POST', '/api/v1/declarations/csv', '/api/v1/declarations/csv', { ...csv, headers: { 'content-type': 'application/xml' } })).status).toBe(415);
    expect((await call('POST', '/api/v1/declarations/csv', '/api/v1/declarations/csv', { raw: csv.raw, headers: csv.headers })).status).toBe(401);
    expect((await call('GET', '/api/v1/declarations/csv-template', '/api/v1/declarations/csv-template', { token: alpha.key })).status).toBe(200);
    expect((await call('GET', '/api/v1/declarations/csv-template', '/api/v1/declarations/csv-template?lang=ko', { token: alpha.key })).body).toMatch(/^참조번호 \(ref\),/);
    expect((await call('GET', '/api/v1/declarations/csv-template', '/api/v1/declarations/csv-template?lang=fr', { token: alpha.key })).status).toBe(400);
  });
});

describe('coverage of the published document', () => {
  it('covered every operation whose answers the document publishes', () => {
    const published: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { responses: Record<string, { description?: string }> }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const responses = Object.entries(op.responses ?? {});
        const onlyDefault = responses.length === 1 && responses[0]![1].description === 'Default Response';
        if (!onlyDefault) published.push(`${method.toUpperCase()} ${path}`);
      }
    }
    const covered = new Set(checked.map((c) => c.split(' ').slice(0, 2).join(' ')));
    expect(published.filter((o) => !covered.has(o))).toEqual([]);
    // … + refunds due + sign-ins, consent requests and partner messages + withdrawing a notice + the event stream status
    // + the officer, administrator and operator-console routes + consumer identity and the registry desk + the consultation stream + the UNI-PASS API
    // + the risk-exchange officer routes (with stating a key's compromise after its revocation) + the deposit callback, the demo deposit and the demo deposit reversal of a virtual account
    // + the closes of virtual accounts given up at Toss (list, retry) + the CSV intake and its template
    // + the administrator's reference versions, an operator's keys (list, issue, revoke) and the audit log
    // + the re-decisions after reference-data corrections + staff accounts (list, create, reset, disable, enable) and the own-password change
    // + a party's parcels + a declaration's tax notice for officers + the holder notices given up (list, requeue)
    // + the holder's contacts (a code to the new phone or e-mail, and its confirm) + the holder's security activity
    // + the holder's installed apps getting alerts (count, all turned off)
    expect(covered.size).toBe(13 + 18 + 9 + 2 + 2 + 5 + 1 + 1 + 38 + 15 + 1 + 5 + 10 + 3 + 2 + 2 + 5 + 1 + 6 + 1 + 1 + 2 + 4 + 1 + 2); // 38: with finding a declaration by cargo number; 15: with closing a misuse report
  });
});
