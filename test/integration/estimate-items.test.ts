// The tax estimator over HTTP with an order of several items in one parcel (items[]): the route's
// schema takes it and names a bad row's field (body.items[1].price), the answer holds to the
// published contract (/api/openapi.json), and the document shows items[] and its item.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { publishedDocument, type PublishedDocument } from '../support/openapi-document.ts';

let t: TestPlatform;
let published: PublishedDocument;
let doc: any;

beforeAll(async () => {
  t = await startTestPlatform();
  doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
  published = publishedDocument(doc);
});
afterAll(async () => {
  await t?.close();
});

const estimate = async (body: unknown) => {
  const r = await api(t.base, 'POST', '/api/v1/estimate', { body });
  const validate = published.jsonSchemaOf('POST', '/api/v1/estimate', r.status);
  expect(validate, `status ${r.status} is documented with a schema`).toBeTruthy();
  expect(validate!(r.body), `${r.status}: ${published.errorsText(validate!)}`).toBe(true);
  return r;
};
const parcel = { currency: 'USD', shipFrom: 'CN', mode: 'express' };
const items = [
  { category: 'clothing', price: 90, quantity: 1 },
  { category: 'shoes', price: 80, quantity: 1 },
];
const paths = (r: { body: { error: { details: { path: string; code: string }[] } } }) => r.body.error.details.map((d) => [d.path, d.code]);

describe('POST /api/v1/estimate with items[]', () => {
  it('USD 90 + 80 = 170 from China, each within USD 150, together over it: general clearance, taxed, a duty line per item', async () => {
    const r = await estimate({ ...parcel, items });
    expect(r.status).toBe(200);
    const a = r.body.assessment;
    expect([a.route, a.goodsValueUsd, a.deMinimis.thresholdUsd, a.deMinimis.exempt]).toEqual(['general', 170, 150, false]);
    expect(a.lines.map((l: { index: number; dutyRate: number }) => [l.index, l.dutyRate])).toEqual([
      [0, 0.13],
      [1, 0.13],
    ]);
    expect(r.body.headroomUsd).toBe(-20); // 150 − 170
    // The flat form is unchanged: one item, its fields beside the parcel's
    const flat = await estimate({ ...parcel, ...items[0] });
    expect([flat.status, flat.body.assessment.route, flat.body.assessment.lines.length]).toEqual([200, 'list', 1]);
  });

  it('a bad row is named by its place: body.items[1].price (schema), body.items[1].category (neither category nor HS code)', async () => {
    const price = await estimate({ ...parcel, items: [items[0], { ...items[1], price: -1 }] });
    expect([price.status, paths(price)]).toEqual([400, [['body.items[1].price', 'value_out_of_range']]]);
    const unclassified = await estimate({ ...parcel, items: [items[0], { price: 5, quantity: 1 }] });
    expect([unclassified.status, paths(unclassified)]).toEqual([400, [['body.items[1].category', 'classification_missing']]]);
    const unknownField = await estimate({ ...parcel, items: [items[0], { ...items[1], colour: 'red' }] });
    expect([unknownField.status, paths(unknownField)[0]![0]]).toEqual([400, 'body.items[1].colour']);
  });

  it('1 to 20 items, and no item field beside items[]', async () => {
    expect((await estimate({ ...parcel, items: [] })).status).toBe(400);
    expect((await estimate({ ...parcel, items: Array.from({ length: 20 }, () => items[0]) })).status).toBe(200);
    expect((await estimate({ ...parcel, items: Array.from({ length: 21 }, () => items[0]) })).status).toBe(400);
    const both = await estimate({ ...parcel, price: 10, items });
    expect([both.status, paths(both)]).toEqual([400, [['body.price', 'not_allowed_with']]]);
    const neither = await estimate({ ...parcel, category: 'shoes' });
    expect([neither.status, paths(neither)]).toEqual([400, [['body.price', 'required'], ['body.quantity', 'required']]]);
  });

  it('the published document shows items[] with its item’s fields', () => {
    const body = doc.paths['/api/v1/estimate'].post.requestBody.content['application/json'].schema;
    expect([body.properties.items.minItems, body.properties.items.maxItems]).toEqual([1, 20]);
    expect(Object.keys(body.properties.items.items.properties)).toEqual(expect.arrayContaining(['category', 'hsCode', 'description', 'price', 'quantity', 'originCountry', 'volumeMl', 'weightG']));
    expect(body.required).toEqual(expect.arrayContaining(['currency', 'shipFrom', 'mode']));
    expect(body.required ?? []).not.toContain('price');
  });
});
