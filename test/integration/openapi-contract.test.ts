// The published contract holds: real requests of an operator's integration (intake with valid and
// invalid declarations, retries, corrections, withdrawal, cargo events, webhooks, orders), and
// for each answer, its status must be one the operation documents in /api/openapi.json and its
// body must validate against the schema published for that status. A field added to, renamed in
// or dropped from an answer, or an undocumented status, fails here.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let courier: { id: number; key: string; code: string };
let ajv: Ajv2020;
let doc: any;
let receiver: http.Server;
let receiverUrl: string;
const checked: string[] = [];

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  courier = await t.operator('CJKX', 'courier');
  doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
  ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addSchema(doc, 'openapi');
  receiver = http.createServer((req, res) => req.resume().on('end', () => res.end('ok')));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await new Promise((resolve) => receiver?.close(resolve));
  await t?.close();
});

const pointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Sends a request and holds its answer to the operation's published responses. */
async function call(method: string, template: string, path: string, opts: Parameters<typeof api>[3] = {}) {
  const r = await api(t.base, method, path, opts);
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is in the document`).toBeTruthy();
  const documented = Object.keys(operation.responses);
  expect(documented, `${method} ${path} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 300)}`).toContain(String(r.status));
  const content = operation.responses[String(r.status)].content;
  if (r.status === 204) {
    expect(r.body).toBeNull();
  } else {
    expect(content?.['application/json']?.schema, `${method} ${template} ${r.status} has a schema`).toBeTruthy();
    const validate = ajv.getSchema(`openapi#/paths/${pointer(template)}/${method.toLowerCase()}/responses/${r.status}/content/application~1json/schema`)!;
    const valid = validate(r.body);
    expect(valid, `${method} ${path} ${r.status}: ${ajv.errorsText(validate.errors, { separator: '\n' })}\n${JSON.stringify(r.body).slice(0, 500)}`).toBe(true);
  }
  checked.push(`${method} ${template} ${r.status}`);
  return r;
}

describe('answers validate against the published OpenAPI document', () => {
  let id: number;
  let cargoNo: string;

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
    const corrected = declaration('C-1', { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 2, price: 40, originCountry: 'VN' }] });
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '수량 정정', declaration: corrected } })).body.version).toBe(2);
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '수량 정정', declaration: corrected } })).headers.get('idempotent-replayed')).toBe('true');
    const invalid = { ...corrected, items: [{ description: '티셔츠', category: 'clothing', quantity: 0, price: 40 }] };
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: 'x', declaration: invalid } })).status).toBe(422);
    expect((await call('PATCH', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: corrected } })).status).toBe(400);
    const read = await call('GET', '/api/v1/declarations/{id}', `/api/v1/declarations/${id}`, { token: alpha.key });
    expect(read.body.revisions).toHaveLength(1);
    expect((await call('GET', '/api/v1/declarations/{id}', '/api/v1/declarations/999999', { token: alpha.key })).status).toBe(404);

    const other = (await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('C-W')] } })).body.results[0].declarationId;
    expect((await call('POST', '/api/v1/declarations/{id}/withdraw', `/api/v1/declarations/${other}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    expect((await call('POST', '/api/v1/declarations/{id}/withdraw', `/api/v1/declarations/${other}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(409);
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

  it('covered every documented operator operation', () => {
    const operations = new Set(checked.map((c) => c.split(' ').slice(0, 2).join(' ')));
    expect(operations.size).toBe(13);
  });
});
