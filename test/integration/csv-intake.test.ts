// An operator without an API integration sends its declarations as a spreadsheet saved as CSV: one
// row per item, the declaration's own columns repeated or left empty on its other rows. The same
// intake follows (validation per declaration, assessment, storage, idempotency), each result naming
// the lines it was read from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let seller: { key: string };
let other: { key: string };
beforeAll(async () => {
  t = await startTestPlatform();
  seller = await t.operator('CSVSHOP', 'seller');
  other = await t.operator('OTHER', 'seller');
});
afterAll(async () => t?.close());

const HEADER =
  'ref,declaredAt,ecommerceType,shipment.mode,shipment.shipFrom,shipment.hblNo,shipment.grossWeightKg,parties.seller.name,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.orderNo,order.purchasedAt,order.currency,items.description,items.category,items.quantity,items.price,items.originCountry';
const csv = [
  HEADER,
  // C-1: two items, USD 40 + USD 30 = USD 70 from the US by express (de minimis USD 200): list clearance
  'C-1,2026-11-18,direct,express,US,HC1,0.8,Nike Store,김민지,P123456789012,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,O-C1,2026-11-15,USD,티셔츠 Nike Dri-FIT,clothing,1,40,VN',
  'C-2,2026-11-18,direct,express,US,HC2,0.5,Nike Store,김민지,P123456789012,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,O-C2,2026-11-16,USD,양말 Nike Everyday,socks,two,12,VN',
  'C-1,,,,,,,,,,,,,,,,모자 Nike Heritage86,clothing,1,30,VN',
].join('\r\n');

const post = (body: string, key = seller.key, headers: Record<string, string> = {}) =>
  api(t.base, 'POST', '/api/v1/declarations/csv', { token: key, raw: body, headers: { 'content-type': 'text/csv; charset=utf-8', ...headers } });

describe('POST /api/v1/declarations/csv', () => {
  it('reads the rows of one ref as one declaration, assesses and stores it; a bad cell rejects only its declaration, naming the field', async () => {
    const r = await post(csv, seller.key, { 'idempotency-key': 'csv-1' });
    expect(r.status).toBe(200);
    expect(r.body.summary).toEqual({ received: 2, accepted: 1, rejected: 1, replayed: 0 });
    const [c1, c2] = r.body.results;
    expect(c1).toMatchObject({ index: 0, ref: 'C-1', status: 'accepted', lines: [2, 4], itemLines: [2, 4] });
    expect(c1.assessment.route).toBe('list');
    expect(c1.assessment.goodsValueUsd).toBe(70); // 40 + 30
    expect(c1.assessment.lines).toHaveLength(2);
    // quantity "two" stays text: the engine names the field of the declaration, and the line tells where it was
    expect(c2).toMatchObject({ index: 1, ref: 'C-2', status: 'rejected', lines: [3], itemLines: [3], declarationId: null });
    expect(c2.errors.map((e: { path: string }) => e.path)).toEqual(['items[0].quantity']); // on line itemLines[0] = 3

    const stored = await api(t.base, 'GET', `/api/v1/declarations/${c1.declarationId}`, { token: seller.key });
    expect(stored.status).toBe(200);
    expect(stored.body.declaration.items.map((i: { description: string }) => i.description)).toEqual(['티셔츠 Nike Dri-FIT', '모자 Nike Heritage86']);
    // another operator does not see it
    expect((await api(t.base, 'GET', `/api/v1/declarations/${c1.declarationId}`, { token: other.key })).status).toBe(404);

    // a retry with the same key answers the same and stores nothing twice
    const again = await post(csv, seller.key, { 'idempotency-key': 'csv-1' });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.results[0].declarationId).toBe(c1.declarationId);
    const count = await t.db.pool.query(`SELECT count(*)::int AS n FROM declarations WHERE ref = 'C-1'`);
    expect(count.rows[0].n).toBe(1);
  });

  it('answers the minimal shape when asked, still with the lines', async () => {
    const r = await post(csv.replace(/C-1/g, 'M-1').replace(/C-2/g, 'M-2'), seller.key, { prefer: 'return=minimal' });
    expect(r.status).toBe(200);
    expect(r.headers.get('preference-applied')).toBe('return=minimal');
    expect(r.body.results[0]).toMatchObject({ ref: 'M-1', status: 'accepted', route: 'list', taxesDueKrw: 0, lines: [2, 4], itemLines: [2, 4] });
    expect(r.body.results[0].assessment).toBeUndefined();
  });

  it('refuses a file it cannot read as declarations with 400 CSV_INVALID, each problem with its line and column, storing nothing', async () => {
    const conflicting = [HEADER, csv.split('\r\n')[1]!.replace('C-1', 'X-1'), 'X-1,,,,,,,,,P999999999999,,,,,,,모자 Nike,clothing,1,30,VN'].join('\n');
    const r = await post(conflicting);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('CSV_INVALID');
    expect(r.body.error.details.errors).toEqual([expect.objectContaining({ line: 3, column: 'consignee.pccc' })]);
    const unknown = await post('ref,items.prise\nX-2,1');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors[0]).toMatchObject({ line: 1, column: 'items.prise' });
    expect(unknown.body.error.details.errors[0].en).toContain("Did you mean 'items.price'?");
    const notCsv = await post('ref,declaredAt\n"X-3,2026-11-18');
    expect(notCsv.status).toBe(400);
    expect(notCsv.body.error.code).toBe('CSV_INVALID');
    const none = await t.db.pool.query(`SELECT count(*)::int AS n FROM declarations WHERE ref LIKE 'X-%'`);
    expect(none.rows[0].n).toBe(0);
  });

  it('needs an operator key, and a CSV body', async () => {
    expect((await api(t.base, 'POST', '/api/v1/declarations/csv', { raw: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(401);
    // JSON sent here is refused as what it is, 415 naming text/csv (the OpenAPI document's "Not text/csv or text/plain"), not 400 "string expected"
    const asJson = await api(t.base, 'POST', '/api/v1/declarations/csv', { token: seller.key, body: { declarations: [] } });
    expect([asJson.status, asJson.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
  });

  it('takes a file written on the Korean template (each column named for people, the path in brackets)', async () => {
    const template = await api(t.base, 'GET', '/api/v1/declarations/csv-template?lang=ko', { token: seller.key });
    expect(template.status).toBe(200);
    const header = String(template.body).trim().split(',');
    expect(header[0]).toBe('참조번호 (ref)');
    // the template's columns, filled in for one parcel: the cells of the columns this test uses, the rest empty
    const given: Record<string, string> = Object.fromEntries(HEADER.split(',').map((c, i) => [c, csv.split('\r\n')[1]!.split(',')[i]!]));
    const row = header.map((h) => given[/\(([^()]+)\)$/.exec(h)![1]!] ?? '');
    const r = await post([header.join(','), row.join(',').replace('C-1', 'K-1')].join('\n'));
    expect(r.status).toBe(200);
    expect(r.body.results[0]).toMatchObject({ ref: 'K-1', status: 'accepted', lines: [2] });
    expect((await api(t.base, 'GET', '/api/v1/declarations/csv-template?lang=fr', { token: seller.key })).status).toBe(400);
  });

  it('gives the template: every column of the declaration, as a header row', async () => {
    const r = await api(t.base, 'GET', '/api/v1/declarations/csv-template', { token: seller.key });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const columns = String(r.body).trim().split(',');
    expect(columns.slice(0, 2)).toEqual(['ref', 'declaredAt']);
    for (const c of HEADER.split(',')) expect(columns).toContain(c);
  });
});
