// What an operator's integration meets when it retries and when it sends a bad request: a retried
// correction or cargo event must not record (and announce) the same thing twice, and a bad
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
