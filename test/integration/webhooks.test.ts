// Webhooks: signed deliveries to a local receiver, retries with backoff after failures,
// the delivery log, and replay; signing secrets encrypted at rest.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../src/adapters/webhooks/signature.ts';
import { createSecretBox } from '../../src/adapters/crypto/secret-box.ts';
import { createPlatform } from '../../src/main.ts';
import { api, consumerToken, declaration, startTestPlatform, testConfig, type TestPlatform } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';
import { until } from '../support/until.ts';
import { documentedSignature } from '../support/webhook-signature.ts';

/** Checks a delivery's signature as docs/api.md tells a receiver to (test/support/webhook-signature.ts), signed now. */
function expectSignedAsDocumented(secret: string, x: Received): void {
  const header = String(x.headers['tonggwan-signature']);
  const checked = documentedSignature(secret, x.body, header);
  expect(checked, header).not.toBeNull();
  expect(Math.abs(Math.floor(Date.now() / 1000) - checked!.t)).toBeLessThanOrEqual(300);
  expect(checked!.matches).toBe(true);
  expect(documentedSignature('whsec_wrong', x.body, header)!.matches).toBe(false);
}

interface Received {
  body: string;
  headers: http.IncomingHttpHeaders;
}

let t: TestPlatform;
let receiver: http.Server;
let url: string;
const received: Received[] = [];
let failuresLeft = 0;
// A fixed key, so a second start on the same database (the conversion test) can open the secrets.
const secretKey = crypto.randomBytes(32).toString('base64');

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (failuresLeft > 0) {
        failuresLeft--;
        res.writeHead(503).end('try later');
        return;
      }
      received.push({ body, headers: req.headers });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
  t = await startTestPlatform({ webhookBackoffBaseMs: 20, webhookMaxAttempts: 6, webhookPollMs: 20, secretKey });
});
afterAll(async () => {
  await t?.close();
  await new Promise((r) => receiver.close(r));
});

describe('webhooks', () => {
  it('delivers signed status events, retries failures with backoff, logs attempts and replays on request', async () => {
    const op = await t.operator('HOOKED');
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url } });
    expect(reg.status).toBe(201);
    const secret = reg.body.secret as string;
    expect(secret).toMatch(/^whsec_/);
    // an empty list of event types would subscribe to nothing: refused, naming it (omit it for every type)
    const none = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url, eventTypes: [] } });
    expect([none.status, none.body.error.code, none.body.error.details.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)]).toEqual([400, 'VALIDATION_FAILED', ['body.eventTypes too_few']]);
    // at rest only the sealed form: a dump of the table does not reveal the secret
    const stored = (await t.db.pool.query(`SELECT secret FROM webhooks WHERE id = $1`, [reg.body.id])).rows[0].secret as string;
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain(secret);
    expect(stored).not.toContain(secret.slice('whsec_'.length));

    failuresLeft = 2; // the first two attempts fail (503)
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-1')] } });
    const declarationId = r.body.results[0].declarationId;
    const got = await until(() => received.find((x) => JSON.parse(x.body).declaration.id === declarationId), 'the delivery');
    const payload = JSON.parse(got.body);
    expect(payload).toMatchObject({ type: 'declaration.event', eventType: 'SUBMITTED', nameKo: '신고접수', status: 'declared', declaration: { ref: 'WH-1' } });
    const sig = String(got.headers['tonggwan-signature']);
    expectSignedAsDocumented(secret, got);
    expect(got.headers['tonggwan-event-id']).toBe(payload.id); // receivers deduplicate on it
    expect(verifyWebhookSignature(secret, got.body, sig, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyWebhookSignature('whsec_wrong', got.body, sig, Math.floor(Date.now() / 1000))).toBe(false);
    expect(verifyWebhookSignature(secret, got.body.replace('WH-1', 'WH-2'), sig, Math.floor(Date.now() / 1000))).toBe(false);
    expect(got.headers['tonggwan-delivery-attempt']).toBe('3');

    const log = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d?.status === 'delivered' ? d : undefined;
    }, 'the delivery log');
    expect(log.attempts).toBe(3);
    expect(log.nextAttemptAt).toBeNull(); // delivered: nothing more is scheduled
    // what happened, as the body says it: not only an event id
    expect(log).toMatchObject({ eventId: Number(payload.id.slice('evt_'.length)), payloadId: payload.id, eventType: 'SUBMITTED', nameKo: '신고접수', nameEn: 'Declaration received' });
    // and which parcel: the one the body names (an operator checking "was the hook for this parcel sent?")
    expect([log.cargoNo, log.ref]).toEqual([payload.declaration.cargoNo, 'WH-1']);
    expect(log.cargoNo).toMatch(/^26TGW\d{10}$/);
    expect(log.log.map((x: { responseStatus: number }) => x.responseStatus)).toEqual([503, 503, 204]);

    // another operator cannot read or replay it
    const other = await t.operator('OTHER');
    // the 404 names the path parameter that found nothing, as a refused field is named (params.id)
    const foreignLog = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: other.key });
    expect([foreignLog.status, foreignLog.body.error.code, foreignLog.body.error.details]).toEqual([404, 'WEBHOOK_NOT_FOUND', { path: 'params.id' }]);
    const foreignReplay = await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${log.outboxId}/replay`, { token: other.key });
    expect([foreignReplay.status, foreignReplay.body.error.code, foreignReplay.body.error.details]).toEqual([404, 'DELIVERY_NOT_FOUND', { path: 'params.id' }]);
    const foreignDisable = await api(t.base, 'DELETE', `/api/v1/webhooks/${reg.body.id}`, { token: other.key });
    expect([foreignDisable.status, foreignDisable.body.error.code, foreignDisable.body.error.details]).toEqual([404, 'WEBHOOK_NOT_FOUND', { path: 'params.id' }]);

    const before = received.length;
    expect((await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${log.outboxId}/replay`, { token: op.key })).status).toBe(202);
    const again = await until(() => (received.length > before ? received[received.length - 1] : undefined), 'the replay');
    expect(JSON.parse(again.body).id).toBe(payload.id); // same event id: receivers de-duplicate on it

    // later lifecycle events are delivered too (at least once)
    await api(t.base, 'POST', `/api/v1/declarations/${declarationId}/withdraw`, { token: op.key, body: { reason: '주문 취소' } });
    const withdrawn = await until(() => received.find((x) => JSON.parse(x.body).eventType === 'WITHDRAWN'), 'the withdrawal event');
    expect(JSON.parse(withdrawn.body)).toMatchObject({ status: 'withdrawn', reason: '주문 취소' });
    const named = await until(async () => {
      const l = (await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key })).body.deliveries as { eventType: string }[];
      return l.some((d) => d.eventType === 'WITHDRAWN') ? l : undefined;
    }, 'the withdrawal in the log');
    // newest first, each named; the replayed one keeps its name
    expect(named.map((d) => d.eventType)).toEqual(['WITHDRAWN', 'SUBMITTED']);
    expect(named[0]).toMatchObject({ nameKo: JSON.parse(withdrawn.body).nameKo, nameEn: JSON.parse(withdrawn.body).nameEn });
    expect(named[1]).toMatchObject({ outboxId: log.outboxId, eventType: 'SUBMITTED', nameKo: '신고접수', attempts: 4 });
  });

  it('names a tax event in the log by its type (tax.paid, tax.payment_reversed), in Korean and English, and replays it', async () => {
    const op = await t.operator('TAXHOOK');
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url, eventTypes: ['tax.paid', 'tax.payment_reversed'] } });
    // As record-virtual-account-deposit queues them (the body carries its own type; the shared
    // receiver's other tests read a body's declaration).
    for (const [type, id] of [['tax.paid', 'taxpaid_R-HOOK-1'], ['tax.payment_reversed', 'taxrev_R-HOOK-1']] as const) {
      const body = { id, type, occurredAt: new Date().toISOString(), declaration: { id: 0, ref: 'TAX-HOOK', cargoNo: '26TGW0000000000' } };
      await t.db.pool.query(`INSERT INTO webhook_outbox (webhook_id, payload, next_attempt_at) VALUES ($1, $2::jsonb, now())`, [reg.body.id, JSON.stringify(body)]);
    }
    const log = await until(async () => {
      const l = (await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key })).body.deliveries as { status: string; outboxId: number }[];
      return l.length === 2 && l.every((d) => d.status === 'delivered') ? l : undefined;
    }, 'both tax events delivered');
    expect(log).toMatchObject([
      { eventId: null, payloadId: 'taxrev_R-HOOK-1', eventType: 'tax.payment_reversed', nameKo: '제세 납부 취소(입금 취소)', nameEn: 'Tax payment reversed (deposit reversed)', cargoNo: '26TGW0000000000', ref: 'TAX-HOOK' },
      { eventId: null, payloadId: 'taxpaid_R-HOOK-1', eventType: 'tax.paid', nameKo: '제세 납부', nameEn: 'Taxes paid', cargoNo: '26TGW0000000000', ref: 'TAX-HOOK' },
    ]);
    const paid = log[1]!;
    const before = received.length;
    expect((await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${paid.outboxId}/replay`, { token: op.key })).status).toBe(202);
    const again = await until(() => received.slice(before).find((x) => JSON.parse(x.body).id === 'taxpaid_R-HOOK-1'), 'the replayed tax event');
    expect(JSON.parse(again.body).type).toBe('tax.paid');
  });

  it('gives up after the maximum attempts (dead) and a replay sends it again', async () => {
    const op = await t.operator('DEAD');
    const reg = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: 'http://127.0.0.1:9/unreachable' } });
    await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-DEAD')] } });
    const dead = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d?.status === 'dead' ? d : undefined;
    }, 'the delivery to be given up');
    expect(dead.attempts).toBe(6);
    expect(dead.lastError).toBeTruthy();
    expect(dead.nextAttemptAt).toBeNull(); // given up: nothing more is scheduled until a replay
    await api(t.base, 'POST', `/api/v1/webhooks/deliveries/${dead.outboxId}/replay`, { token: op.key });
    const retried = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key });
      const d = l.body.deliveries[0];
      return d.attempts > 6 ? d : undefined;
    }, 'the replayed attempt');
    expect(retried.log.length).toBeGreaterThan(6);
  });
});

describe('webhook URLs with credentials', () => {
  it('refuses a URL with a user name or password (400 naming body.url, not echoing it) and never lists the credentials of one stored before', async () => {
    const op = await t.operator('HOOKCRED');
    for (const withCredentials of ['https://hookuser:s3cr3t-pw@hooks.example.com/in', 'https://tok_abc123@hooks.example.com/in']) {
      const r = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: withCredentials } });
      // before: 201 with the URL, password included, in the answer (and in every listing after)
      expect([r.status, r.body.error?.code, r.body.error?.details?.map((d: { path: string; code: string }) => `${d.path} ${d.code}`)]).toEqual([400, 'VALIDATION_FAILED', ['body.url url_has_credentials']]);
      expect(r.body.error.ko).toContain('Tonggwan-Signature');
      expect(r.body.error.en).toContain('signing secret');
      expect(JSON.stringify(r.body)).not.toContain('s3cr3t-pw');
      expect(JSON.stringify(r.body)).not.toContain('tok_abc123');
    }
    expect((await api(t.base, 'GET', '/api/v1/webhooks', { token: op.key })).body.webhooks).toEqual([]);
    // One registered before the refusal: listed with *** in place of the user name and password.
    await t.db.pool.query(`INSERT INTO webhooks (operator_id, url, secret, active) VALUES ($1, 'https://hookuser:s3cr3t-pw@hooks.example.com/in', 'enc:v1:x', false)`, [op.id]);
    const listed = await api(t.base, 'GET', '/api/v1/webhooks', { token: op.key });
    expect(listed.body.webhooks.map((w: { url: string }) => w.url)).toEqual(['https://***:***@hooks.example.com/in']);
    expect(JSON.stringify(listed.body)).not.toContain('s3cr3t-pw');
  });
});

describe('disabling a webhook', () => {
  it('gives up its queued deliveries (dead, saying why) and a replay of one is refused', async () => {
    // Retries an hour apart: the failed first delivery is still queued when the webhook is disabled.
    const slow = await startTestPlatform({ webhookBackoffBaseMs: 3_600_000, webhookPollMs: 20 });
    try {
      const op = await slow.operator('UNHOOKED');
      const reg = await api(slow.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: 'http://127.0.0.1:9/gone' } });
      await api(slow.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-OFF')] } });
      const deliveries = async () => (await api(slow.base, 'GET', `/api/v1/webhooks/${reg.body.id}/deliveries`, { token: op.key })).body.deliveries;
      const queued = await until(async () => {
        const d = (await deliveries())[0];
        return d?.attempts === 1 ? d : undefined;
      }, 'the first failed attempt');
      expect(queued).toMatchObject({ status: 'pending', nextAttemptAt: expect.any(String) });

      expect((await api(slow.base, 'DELETE', `/api/v1/webhooks/${reg.body.id}`, { token: op.key })).status).toBe(204);
      expect((await deliveries())[0]).toMatchObject({ outboxId: queued.outboxId, status: 'dead', attempts: 1, nextAttemptAt: null, lastError: 'webhook disabled: not sent' });
      const replay = await api(slow.base, 'POST', `/api/v1/webhooks/deliveries/${queued.outboxId}/replay`, { token: op.key });
      expect(replay.status).toBe(404);
      expect(replay.body.error.code).toBe('DELIVERY_NOT_FOUND');
    } finally {
      await slow.close();
    }
  });
});

describe('webhook secrets at rest', () => {
  const sign = (x: Received) => String(x.headers['tonggwan-signature']);
  const now = () => Math.floor(Date.now() / 1000);

  it('encrypts plaintext secrets of an older database at startup, and they still sign deliveries', async () => {
    const op = await t.operator('LEGACY');
    const legacySecret = 'whsec_legacy_plaintext_secret';
    const row = await t.db.pool.query(`INSERT INTO webhooks (operator_id, url, secret) VALUES ($1, $2, $3) RETURNING id`, [op.id, url, legacySecret]);
    const id = row.rows[0].id as number;

    // a second start on the same database converts it, once
    const again = await createPlatform(testConfig({ secretKey, webhookPollMs: 20 }), { db: t.db, files: await referenceFiles(), listen: false });
    await again.close();
    const stored = (await t.db.pool.query(`SELECT secret FROM webhooks WHERE id = $1`, [id])).rows[0].secret as string;
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain('legacy_plaintext');
    const again2 = await createPlatform(testConfig({ secretKey, webhookPollMs: 20 }), { db: t.db, files: await referenceFiles(), listen: false });
    await again2.close();
    expect((await t.db.pool.query(`SELECT secret FROM webhooks WHERE id = $1`, [id])).rows[0].secret).toBe(stored); // idempotent

    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-LEGACY')] } });
    const declarationId = r.body.results[0].declarationId;
    const got = await until(() => received.find((x) => JSON.parse(x.body).declaration.id === declarationId), 'the delivery');
    expectSignedAsDocumented(legacySecret, got);
    expect(verifyWebhookSignature(legacySecret, got.body, sign(got), now())).toBe(true);
  });

  it('does not send (nor spend attempts on) a secret sealed with another key, and says why', async () => {
    const op = await t.operator('OTHERKEY');
    const foreign = createSecretBox(crypto.randomBytes(32), 'webhook-secret').seal('whsec_foreign');
    const row = await t.db.pool.query(`INSERT INTO webhooks (operator_id, url, secret) VALUES ($1, $2, $3) RETURNING id`, [op.id, url, foreign]);
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('WH-FOREIGN')] } });
    const declarationId = r.body.results[0].declarationId;
    const d = await until(async () => {
      const l = await api(t.base, 'GET', `/api/v1/webhooks/${row.rows[0].id}/deliveries`, { token: op.key });
      return l.body.deliveries[0]?.lastError ? l.body.deliveries[0] : undefined;
    }, 'the undecryptable delivery to be put aside');
    expect(d).toMatchObject({ status: 'pending', attempts: 0 });
    expect(d.lastError).toMatch(/cannot be decrypted/);
    expect(received.some((x) => JSON.parse(x.body).declaration.id === declarationId)).toBe(false);
  });

  it('outside demo mode refuses webhooks and Web Push endpoints on addresses that are not public, and delivers nothing to a name that resolves to one (server-side request forgery)', async () => {
    const strict = await createPlatform(testConfig({ secretKey, webhookAllowPrivate: false, webhookPollMs: 20, riskWorker: false }), { db: t.db, files: await referenceFiles() });
    try {
      const op = await t.operator('SSRF');
      const register = (target: string) => api(strict.url, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: target } });
      for (const target of ['http://127.0.0.1:9/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'http://localhost:9/hook', 'http://10.0.0.5/hook']) {
        const r = await register(target);
        expect(r.status, target).toBe(400);
        expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.url', code: 'address_not_public', en: expect.stringContaining('is not a public address') }] });
      }
      // A public name is accepted at registration; were it to resolve to a private address when a delivery
      // connects, the connection is refused then (src/adapters/webhooks/target-policy.test.ts).
      expect((await register('https://hooks.example.com/tonggwan')).status).toBe(201);

      // A consumer's Web Push endpoint is a URL the platform posts to at each alert: the same rule.
      await strict.deps.consumers.upsertHolders([{ pccc: 'P700000000001', name: '한서버', phone: '01070000001', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2030-12-31' }]);
      const holder = await consumerToken(strict.url, 'P700000000001', '한서버', '010-7000-0001', '06236');
      const subscribe = (endpoint: string) => api(strict.url, 'POST', '/api/v1/consumer/push-subscriptions', { token: holder, body: { endpoint, keys: { p256dh: 'BPub', auth: 'auth' } } });
      for (const [endpoint, host] of [['http://169.254.169.254/latest/meta-data', '169.254.169.254'], ['https://127.0.0.1:5432/', '127.0.0.1'], ['https://localhost/push', 'localhost'], ['https://[fd00::1]/push', 'fd00::1'], ['https://2130706433/push', '127.0.0.1']] as const) {
        const r = await subscribe(endpoint);
        expect(r.status, endpoint).toBe(400);
        expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'body.endpoint', code: 'push_endpoint_not_public', en: `${host} is not a public address: a subscription's endpoint must be a browser push service.` }] });
      }
      expect((await subscribe('https://fcm.googleapis.com/fcm/send/abc')).status).toBe(201);
      const stored = await t.db.pool.query(`SELECT endpoint FROM push_subscriptions ORDER BY endpoint`);
      expect(stored.rows.map((r) => r.endpoint)).toEqual(['https://fcm.googleapis.com/fcm/send/abc']);
    } finally {
      await strict.close();
    }
  });
});
