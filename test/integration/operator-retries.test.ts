// What an operator's integration meets when it retries and when it sends a bad request: a retried
// correction or cargo event must not record (and announce) the same thing twice, even when the
// copies arrive at once, and a bad
// request must answer 400 naming the field and what to send instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let courier: { id: number; key: string; code: string };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  courier = await t.operator('CJKX', 'courier');
  // a webhook that points nowhere: its outbox rows count what would be announced
  const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'http://127.0.0.1:9/hook' } });
  expect(hook.status).toBe(201);
});
afterAll(async () => t?.close());

const submit = async (ref: string, overrides: Record<string, unknown> = {}) => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration(ref, overrides)] } });
  expect(r.body.results[0].status).toBe('accepted');
  return r.body.results[0] as { declarationId: number; cargoNo: string };
};
const countEvents = async (id: number) =>
  (await t.db.pool.query(`SELECT type FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id])).rows.map((x) => x.type as string);
const countOutbox = async (id: number) =>
  Number((await t.db.pool.query(`SELECT count(*)::int AS n FROM webhook_outbox o JOIN declaration_events e ON e.id = o.event_id WHERE e.declaration_id = $1`, [id])).rows[0].n);

describe('a retried correction (PATCH with the same content)', () => {
  it('answers the current version again and records no second version, event or webhook', async () => {
    const { declarationId: id } = await submit('R-PATCH');
    const corrected = declaration('R-PATCH', { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 55, originCountry: 'VN' }] });
    const first = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '가격 정정', declaration: corrected } });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(2);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const outboxAfterFirst = await countOutbox(id);

    const retry = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: '가격 정정', declaration: corrected } });
    expect(retry.status).toBe(200);
    expect(retry.body.version).toBe(2);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.assessment).toEqual(first.body.assessment);
    expect(await countEvents(id)).toEqual(['SUBMITTED', 'AMENDED']);
    expect(await countOutbox(id)).toBe(outboxAfterFirst);
    const read = await api(t.base, 'GET', `/api/v1/declarations/${id}`, { token: alpha.key });
    expect(read.body.version).toBe(2);
    expect(read.body.revisions).toHaveLength(1);
  });

  it('still refuses to correct a withdrawn declaration, even with its own content', async () => {
    const { declarationId: id } = await submit('R-WITHDRAWN');
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const same = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { reason: 'x', declaration: declaration('R-WITHDRAWN') } });
    expect(same.status).toBe(409);
    expect(same.body.error.code).toBe('ILLEGAL_TRANSITION');
  });
});

describe('a retried cargo event (same type, occurredAt, reason and detail)', () => {
  it('answers 200 with the event already recorded, and records and announces nothing new', async () => {
    const { declarationId: id, cargoNo } = await submit('R-EVENT');
    const body = { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: '2026-11-19T01:00:00+09:00', detail: { shedNm: '인천공항 특송센터', shedSgn: '04077007' } };
    const first = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body });
    expect(first.status).toBe(201);
    expect(first.body.replayed).toBe(false);
    const outbox = await countOutbox(id);

    // the same event again, its detail's keys in another order (JSON objects are unordered)
    const retry = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { ...body, detail: { shedSgn: '04077007', shedNm: '인천공항 특송센터' } } });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toMatchObject({ replayed: true, declarationId: id, event: { id: first.body.event.id, type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: '2026-11-18T16:00:00.000Z' } });
    const batch = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: [body] } });
    expect(batch.body.results[0]).toMatchObject({ outcome: 'recorded', replayed: true, event: { id: first.body.event.id } });
    expect(await countEvents(id)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED']);
    expect(await countOutbox(id)).toBe(outbox);

    // a different time is another event (the state machine allows a second arrival report)
    const later = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { ...body, occurredAt: '2026-11-19T02:00:00+09:00' } });
    expect(later.status).toBe(201);
    expect(later.body.replayed).toBe(false);
    expect(await countEvents(id)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED']);
  });
});

describe('a cargo event dated when it cannot have happened', () => {
  // Every reader orders the history by occurredAt (UNI-PASS API001 newest first, its summary's prcsDttm the
  // latest): a 반입신고 dated this afternoon was listed above this morning's 반출신고, and a 2020 입항보고 shown.
  // The test declaration: declared 2026-11-18, ordered 2026-11-15 (Korea).
  const iso = (msFromNow: number) => new Date(Date.now() + msFromNow).toISOString();
  const H = 3_600_000;

  it('refuses a time in the future, before the order, or before the step it follows: 400 naming body.occurredAt, nothing recorded', async () => {
    const { declarationId: id, cargoNo } = await submit('R-TIME');
    const post = (type: string, occurredAt: string) => api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type, occurredAt } });

    const future = await post('ARRIVAL_REPORT_SUBMITTED', iso(6 * H));
    expect(future.status).toBe(400);
    expect(future.body.error.code).toBe('VALIDATION_FAILED');
    expect(future.body.error.details[0]).toMatchObject({ path: 'body.occurredAt', code: 'occurred_in_future' });
    expect(future.body.error.ko).toContain('미래');

    // 2026-11-14 23:00 in Korea is the day before the order (2026-11-15): a mistyped date; so is 2020.
    for (const at of ['2026-11-14T23:00:00+09:00', '2020-11-19T01:00:00+09:00']) {
      const early = await post('ARRIVAL_REPORT_SUBMITTED', at);
      expect(early.status).toBe(400);
      expect(early.body.error.details[0]).toMatchObject({ path: 'body.occurredAt', code: 'occurred_before_order', params: { purchasedAt: '2026-11-15' } });
    }
    expect(await countEvents(id)).toEqual(['SUBMITTED']);

    expect((await post('ARRIVAL_REPORT_ACCEPTED', iso(-3 * H))).status).toBe(201);
    // a late record of an earlier step moves nothing and may be dated before: 입항적하목록 제출 before 입항보고 수리
    expect((await post('MANIFEST_SUBMITTED', iso(-4 * H))).status).toBe(201);
    const unloaded = iso(-2 * H);
    expect((await post('UNLOADING_ACCEPTED', unloaded)).status).toBe(201);
    // 반입 ten minutes before the 하기 it follows: refused, naming the 하기 and its time in Korea
    const early = await post('WAREHOUSE_IN', iso(-2 * H - 10 * 60_000));
    expect(early.status).toBe(400);
    expect(early.body.error.details[0]).toMatchObject({ path: 'body.occurredAt', code: 'occurred_before_previous', params: { previousType: 'UNLOADING_ACCEPTED' } });
    expect(early.body.error.ko).toContain("'하기신고 수리'");
    const batch = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: [{ cargoNo, type: 'WAREHOUSE_IN', occurredAt: iso(7 * H) }] } });
    expect(batch.body.results[0]).toMatchObject({ outcome: 'refused', httpStatus: 400, error: { code: 'VALIDATION_FAILED', details: [{ path: 'body.events[0].occurredAt', code: 'occurred_in_future' }] } });
    expect(await countEvents(id)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_ACCEPTED', 'MANIFEST_SUBMITTED', 'UNLOADING_ACCEPTED']);
    expect((await post('WAREHOUSE_IN', unloaded)).status).toBe(201);
  });
});

describe('copies of one cargo event in flight at once', () => {
  it('record it once: the others answer 200 with that event, replayed', async () => {
    const { declarationId: id, cargoNo } = await submit('R-EVENT-RACE');
    const body = { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED', occurredAt: '2026-11-19T03:00:00+09:00', detail: { shedSgn: '04077007' } };
    // The courier's client times out and resends while the first copy is still being recorded.
    const answers = await Promise.all([1, 2, 3, 4].map(() => api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 201]);
    const recorded = answers.find((a) => a.status === 201)!;
    for (const a of answers.filter((x) => x.status === 200)) expect(a.body).toMatchObject({ replayed: true, event: { id: recorded.body.event.id } });
    expect(await countEvents(id)).toEqual(['SUBMITTED', 'ARRIVAL_REPORT_SUBMITTED']);
  });
});

describe('bad requests name the field and the fix', () => {
  it('a cargo event without cargoNo or declarationId is a 400 naming them, not a 404', async () => {
    const r = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { type: 'WAREHOUSE_IN' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    expect(r.body.error.en).toContain('cargoNo');
    expect(r.body.error.en).toContain('declarationId');
    expect(r.body.error.details[0].path).toBe('body.cargoNo');
  });

  it('a cargo event for no declaration of the sender is a 404 naming the field that found none, also in a batch', async () => {
    // Before: DECLARATION_NOT_FOUND with no details, unlike the 404s that name the field they read (a consultation's body.declarationId).
    const byNo = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: '26TGW0000099998', type: 'WAREHOUSE_IN' } });
    expect([byNo.status, byNo.body.error.code, byNo.body.error.details]).toEqual([404, 'DECLARATION_NOT_FOUND', { path: 'body.cargoNo' }]);
    const byId = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { declarationId: 999_999_999, type: 'WAREHOUSE_IN' } });
    expect([byId.status, byId.body.error.details]).toEqual([404, { path: 'body.declarationId' }]);
    // In a batch, at the event's place (as the schema's errors: body.events[1].type); the first event fails the schema.
    const batch = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: courier.key, body: { events: [{ cargoNo: '26TGW0000099998', type: 'TELEPORTED' }, { cargoNo: '26TGW0000099998', type: 'WAREHOUSE_IN' }, { type: 'WAREHOUSE_IN' }] } });
    expect(batch.body.results.map((r: { httpStatus: number; error: { details: unknown } }) => [r.httpStatus, r.error.details])).toEqual([
      [400, [expect.objectContaining({ path: 'body.events[0].type' })]],
      [404, { path: 'body.events[1].cargoNo' }],
      [400, [expect.objectContaining({ path: 'body.events[2].cargoNo', code: 'one_of_required' })]],
    ]);
  });

  it('an event out of order while customs has the next step says so: who acts next and what, not only "nothing can be posted now"', async () => {
    // its own consignee and B/L: not combined with this file's other parcels (which would route it to an import declaration)
    const solo = {
      consignee: { name: '최유나', pccc: 'P210000000303', phone: '010-3333-4444', postcode: '48058', address: '부산 해운대구 1' },
      shipment: { mode: 'express', shipFrom: 'US', hblNo: 'HR-WAIT', mblNo: 'M988-9999', arrivalDate: '2026-11-19', grossWeightKg: 0.5 },
    };
    const { declarationId: id, cargoNo } = await submit('R-WAIT', solo);
    const post = (type: string) => api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type } });
    for (const type of ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED']) expect((await post(type)).status).toBe(201);
    // 반출 before 통관목록심사완료: the courier can post nothing now; customs examines the list
    const out = await post('WAREHOUSE_OUT');
    expect(out.status).toBe(409);
    expect(out.body.error.details).toMatchObject({ allowedNow: [], awaiting: ['LIST_CLEARED', 'HOLD', 'REJECTED'] });
    expect(out.body.error.ko).toContain('세관의 처리를 기다리고 있습니다: 통관목록심사완료(LIST_CLEARED)');
    expect(out.body.error.en).toContain('Waiting for customs: LIST_CLEARED (Clearance list examined (cleared))');
    // withdrawn: nobody's next step; the text says it is final
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const after = await post('WAREHOUSE_OUT');
    expect(after.body.error.details).toMatchObject({ allowedNow: [], awaiting: [] });
    expect(after.body.error.ko).toContain('더 이상 처리할 수 없습니다');
    expect(after.body.error.en).toContain('no further event');
  });

  it('an unknown event type is one error listing the allowed types', async () => {
    const r = await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo: '26TGW0000000001', type: 'ARRIVAL_REPORTED' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toHaveLength(1);
    expect(r.body.error.details[0]).toMatchObject({ path: 'body.type', keyword: 'enum' });
    expect(r.body.error.details[0].params.allowedValues).toContain('ARRIVAL_REPORT_SUBMITTED');
  });

  it('an unknown status filter is refused with the allowed statuses (it answered an empty list)', async () => {
    const r = await api(t.base, 'GET', '/api/v1/declarations?status=bogus', { token: alpha.key });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ path: 'querystring.status', keyword: 'enum' });
    expect(r.body.error.details[0].params.allowedValues).toEqual(expect.arrayContaining(['declared', 'held', 'released', 'withdrawn']));
    const ok = await api(t.base, 'GET', '/api/v1/declarations?status=declared', { token: alpha.key });
    expect(ok.status).toBe(200);
    expect(ok.body.declarations.every((d: { status: string }) => d.status === 'declared')).toBe(true);
  });

  it('an unknown property is named in the path', async () => {
    const r = await api(t.base, 'GET', '/api/v1/declarations?reference=R-PATCH', { token: alpha.key });
    expect(r.status).toBe(400);
    expect(r.body.error.details[0]).toMatchObject({ path: 'querystring.reference', keyword: 'additionalProperties' });
  });

  it('finds an own declaration by ref or cargo number after a lost answer, and what changed since an instant; never another operator\'s', async () => {
    const byRef = await api(t.base, 'GET', '/api/v1/declarations?ref=R-PATCH', { token: alpha.key });
    expect(byRef.status).toBe(200);
    expect(byRef.body.declarations).toHaveLength(1);
    const found = byRef.body.declarations[0];
    expect(found.ref).toBe('R-PATCH');
    const byCargo = await api(t.base, 'GET', `/api/v1/declarations?cargoNo=${found.cargoNo}`, { token: alpha.key });
    expect(byCargo.body.declarations.map((d: { id: number }) => d.id)).toEqual([found.id]);
    // Changed at or after its own updatedAt: it is there; a millisecond later: not (unless changed again).
    const since = await api(t.base, 'GET', `/api/v1/declarations?updatedSince=${encodeURIComponent(found.updatedAt)}&limit=500`, { token: alpha.key });
    expect(since.body.declarations.map((d: { id: number }) => d.id)).toContain(found.id);
    const later = new Date(Date.parse(found.updatedAt) + 1).toISOString();
    const after = await api(t.base, 'GET', `/api/v1/declarations?updatedSince=${encodeURIComponent(later)}&limit=500`, { token: alpha.key });
    expect(after.body.declarations.map((d: { id: number }) => d.id)).not.toContain(found.id);
    expect(after.body.declarations.every((d: { updatedAt: string }) => d.updatedAt >= later)).toBe(true);
    // Another operator's ref or cargo number finds nothing.
    const other = await t.operator('OTHER-LIST');
    expect((await api(t.base, 'GET', '/api/v1/declarations?ref=R-PATCH', { token: other.key })).body.declarations).toEqual([]);
    expect((await api(t.base, 'GET', `/api/v1/declarations?cargoNo=${found.cargoNo}`, { token: other.key })).body.declarations).toEqual([]);
    // Not an instant: 400 naming the field, not a database error.
    const bad = await api(t.base, 'GET', '/api/v1/declarations?updatedSince=yesterday', { token: alpha.key });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]).toMatchObject({ path: 'querystring.updatedSince' });
  });
});
