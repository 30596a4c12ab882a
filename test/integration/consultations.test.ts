// Consultation (민원상담) over HTTP on a real PostgreSQL (embedded, or DATABASE_URL): a verified
// consumer opens one about their own parcel, officers answer and close it, and both sides follow
// the thread live over SSE (fed by LISTEN/NOTIFY).
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatform } from '../../src/main.ts';
import { api, declaration, startTestPlatform, testConfig, consumerToken, type TestPlatform } from '../support/test-platform.ts';
import { referenceFiles } from '../support/reference.ts';
import { DATA_CSP } from '../../src/http/security-headers.ts';

let t: TestPlatform;
let minji: string; // consumer token of P123456789012
let other: string; // consumer token of P999999999999
let officer: string;
const ids: Record<string, number> = {};
// Shared by the two platform processes of the LISTEN/NOTIFY test.
const secretKey = crypto.randomBytes(32).toString('base64');

/**
 * The stream is written past Fastify's onSend hooks (a hijacked reply): it carries the security
 * headers of every answer all the same (src/http/security-headers.ts), and no cache keeps it.
 */
function expectStreamHeaders(h: Headers): void {
  expect(h.get('x-content-type-options')).toBe('nosniff');
  expect(h.get('x-frame-options')).toBe('DENY');
  expect(h.get('referrer-policy')).toBe('no-referrer');
  expect(h.get('content-security-policy')).toBe(DATA_CSP);
  expect(h.get('cache-control')).toBe('no-store, no-transform');
  expect(h.get('strict-transport-security')).toBeNull(); // served over http here
}

/** Opens the SSE stream and returns a reader that resolves the next event of a given name. */
async function openStream(path: string) {
  const controller = new AbortController();
  const res = await fetch(`${t.base}${path}`, { headers: { accept: 'text/event-stream' }, signal: controller.signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const events: { event: string; id: string | null; data: any }[] = [];
  async function next(name: string, match: (data: any) => boolean = () => true, timeoutMs = 20_000): Promise<{ id: string | null; data: any }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = events.findIndex((e) => e.event === name && match(e.data));
      if (i >= 0) return events.splice(i, 1)[0]!;
      if (Date.now() > deadline) throw new Error(`no ${name} event`);
      const chunk = await reader.read();
      if (chunk.done) throw new Error('stream ended');
      buffer += chunk.value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        let event = 'message';
        let id: string | null = null;
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) event = line.slice(7);
          else if (line.startsWith('id: ')) id = line.slice(4);
          else if (line.startsWith('data: ')) data.push(line.slice(6));
        }
        if (data.length) events.push({ event, id, data: JSON.parse(data.join('\n')) });
      }
    }
  }
  /**
   * Reads on until the server ends the stream: whatever it sends before the end is read and dropped. (Was
   * `next('message')` rejecting 'stream ended', which a message still buffered from before, the thread's
   * first one delivered late by its notification, answered instead: flaky.)
   */
  async function ended(timeoutMs = 20_000): Promise<true> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('the stream did not end')), timeoutMs)));
    try {
      for (;;) if ((await Promise.race([reader.read(), late])).done) return true;
    } finally {
      clearTimeout(timer);
    }
  }
  return { res, next, ended, close: () => controller.abort() };
}

beforeAll(async () => {
  t = await startTestPlatform({ secretKey, streamSessionCheckMs: 200 }); // streams re-check their session every 0.2 s here (25 s by default)
  const op = await t.operator('CONSULT');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
    { pccc: 'P999999999999', name: '박서준', phone: '01099998888', postcodes: ['04524'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const theirs = declaration('CS-2', {
    consignee: { name: '박서준', pccc: 'P999999999999', phone: '010-9999-8888', postcode: '04524', address: '서울특별시 중구 세종대로 110' },
    order: { orderNo: 'O-CS-2', purchasedAt: '2026-11-12', currency: 'USD' },
  });
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [declaration('CS-1'), theirs] } });
  expect(r.status).toBe(200);
  for (const x of r.body.results) {
    expect(x.status).toBe('accepted');
    ids[x.ref] = x.declarationId;
  }
  minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  other = await consumerToken(t.base, 'P999999999999', '박서준', '010-9999-8888', '04524');
  await t.platform.deps.access.createUser({ username: 'desk1', displayName: '이관세', role: 'officer', passwordHash: await t.platform.deps.secrets.hashPassword('pw-desk1') });
  const signIn = await api(t.base, 'POST', '/api/v1/auth/sign-in', { body: { username: 'desk1', password: 'pw-desk1' } });
  officer = signIn.body.token;
});
afterAll(async () => t?.close());

let consultationId = 0;
let otherConsultationId = 0;

describe('consultation (민원상담)', () => {
  it('a consumer opens one about their own parcel; another PCCC’s parcel is not found', async () => {
    const r = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'hold', declarationId: ids['CS-1'], message: '  통관보류 사유가 궁금합니다.  ' } });
    expect(r.status).toBe(201);
    expect(r.body.consultation).toMatchObject({ topic: 'hold', status: 'open', declarationId: ids['CS-1'], messageCount: 1 });
    expect(r.body.consultation.cargoNo).toMatch(/TGW/);
    expect(r.body.consultation).not.toHaveProperty('pccc');
    expect(r.body.message).toMatchObject({ authorKind: 'consumer', authorName: null, body: '통관보류 사유가 궁금합니다.' });
    consultationId = r.body.consultation.id;

    const foreign = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'other', declarationId: ids['CS-2'], message: '남의 신고' } });
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('DECLARATION_NOT_FOUND');
    expect(foreign.body.error.details).toEqual({ path: 'body.declarationId' }); // the field at fault (before: no details)
    const missing = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'other', declarationId: 999_999, message: '없는 신고' } });
    expect(missing.status).toBe(404);
    const badTopic = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: minji, body: { topic: 'weather', message: 'x' } });
    expect(badTopic.status).toBe(400);
    expect((await api(t.base, 'POST', '/api/v1/consumer/consultations', { body: { topic: 'other', message: 'x' } })).status).toBe(401);

    const parcels = await api(t.base, 'GET', '/api/v1/consumer/consultations/parcels', { token: minji });
    expect(parcels.body.parcels.map((p: { declarationId: number }) => p.declarationId)).toEqual([ids['CS-1']]);
    const mine = await api(t.base, 'GET', '/api/v1/consumer/consultations', { token: minji });
    expect(mine.body.consultations.map((c: { id: number }) => c.id)).toEqual([consultationId]);
    expect((await api(t.base, 'GET', '/api/v1/consumer/consultations', { token: other })).body.consultations).toEqual([]);
  });

  it('another consumer cannot read it or write to it (404), nor follow it live', async () => {
    const read = await api(t.base, 'GET', `/api/v1/consumer/consultations/${consultationId}`, { token: other });
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('CONSULTATION_NOT_FOUND');
    expect((await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: other, body: { message: '끼어들기' } })).status).toBe(404);
    expect((await api(t.base, 'GET', `/api/v1/consultations/${consultationId}/events?access_token=${other}`)).status).toBe(404);
    expect((await api(t.base, 'GET', `/api/v1/consultations/${consultationId}/events`)).status).toBe(401);
    expect((await api(t.base, 'GET', `/api/v1/officer/consultations`, { token: minji })).status).toBe(403);
  });

  it('answers HEAD on the live events with the headers and an end (a HEAD answer has no body: a stream never ended; found by the API fuzz, FUZZ_SEED=1448348920)', async () => {
    const res = await fetch(`${t.base}/api/v1/consultations/${consultationId}/events?access_token=${minji}`, { method: 'HEAD', signal: AbortSignal.timeout(20_000) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expectStreamHeaders(res.headers);
    expect(await res.text()).toBe('');
  });

  it('the officer inbox lists it with the PCCC, cargo number and the last message', async () => {
    const plain = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: other, body: { topic: 'pccc', message: '제 부호가 도용된 것 같습니다.' } });
    expect(plain.status).toBe(201);
    otherConsultationId = plain.body.consultation.id;
    const inbox = await api(t.base, 'GET', '/api/v1/officer/consultations', { token: officer });
    expect(inbox.status).toBe(200);
    expect(inbox.body.counts).toMatchObject({ open: 2, answered: 0, closed: 0 });
    expect(inbox.body.consultations.map((c: { id: number }) => c.id)).toEqual([plain.body.consultation.id, consultationId]); // newest activity first
    const row = inbox.body.consultations[1];
    expect(row).toMatchObject({ pccc: 'P123456789012', topic: 'hold', status: 'open', messageCount: 1, lastMessage: { authorKind: 'consumer', excerpt: '통관보류 사유가 궁금합니다.' } });
    expect(row.cargoNo).toMatch(/TGW/);
    const thread = await api(t.base, 'GET', `/api/v1/officer/consultations/${consultationId}`, { token: officer });
    expect(thread.body.consultation).toMatchObject({ pccc: 'P123456789012', declarationStatus: expect.any(String) });
    expect(thread.body.messages).toHaveLength(1);
  });

  it("an officer reply sets 'answered' and reaches the consumer's open stream (and the reverse)", async () => {
    const consumerStream = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${minji}`);
    expect(consumerStream.res.status).toBe(200);
    expect(consumerStream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expectStreamHeaders(consumerStream.res.headers);
    await consumerStream.next('ready');
    const officerStream = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${officer}`);
    await officerStream.next('ready');

    const reply = await api(t.base, 'POST', `/api/v1/officer/consultations/${consultationId}/messages`, { token: officer, body: { message: '검사 대상으로 선별되어 보류되었습니다.' } });
    expect(reply.status).toBe(201);
    expect(reply.body.consultation.status).toBe('answered');
    expect(reply.body.message).toMatchObject({ authorKind: 'officer', authorName: '이관세' });
    // The consumer has usually left the page: their mobile is told where to read the answer (not the answer itself).
    const sms = (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications[0];
    expect(sms.body).toContain('문의하신 민원상담(화물관리번호 ');
    expect(sms.body).toContain(`${t.base}/me`);
    expect(sms.body).not.toContain('검사 대상으로 선별되어');
    expect((await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01099998888')).body.notifications.map((n: { body: string }) => n.body).join()).not.toContain('민원상담');

    const got = await consumerStream.next('message');
    expect(got.id).toBe(String(reply.body.message.id));
    expect(got.data).toMatchObject({ authorKind: 'officer', authorName: '이관세', body: '검사 대상으로 선별되어 보류되었습니다.' });
    const status = await consumerStream.next('status');
    expect(status.data.status).toBe('answered');
    expect(status.data).not.toHaveProperty('pccc');

    const answer = await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: minji, body: { message: '감사합니다. 언제 끝나나요?' } });
    expect(answer.status).toBe(201);
    const seen = await officerStream.next('message', (m) => m.authorKind === 'consumer'); // its own reply came first
    expect(seen.data).toMatchObject({ authorKind: 'consumer', authorName: null, body: '감사합니다. 언제 끝나나요?' });
    expect((await api(t.base, 'GET', `/api/v1/consumer/consultations/${consultationId}`, { token: minji })).body.consultation.status).toBe('open');

    // A reconnecting client catches up from Last-Event-ID / ?after=.
    const late = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${minji}&after=${reply.body.message.id}`);
    expect((await late.next('message')).data.body).toBe('감사합니다. 언제 끝나나요?');
    consumerStream.close();
    officerStream.close();
    late.close();
  });

  it('a NUL in a consumer route\'s path parameter is a 400, not a database error (found by api-fuzz.test.ts: 500 before)', async () => {
    const r = await api(t.base, 'DELETE', '/api/v1/consumer/passkeys/%00', { token: minji });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'params.credentialId' }] });
  });

  it('refuses an empty message and one of 2001 characters, naming the field', async () => {
    for (const message of ['', '   ', 'a'.repeat(2001)]) {
      const r = await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: minji, body: { message } });
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      expect(r.body.error.details[0].path).toBe('body.message');
    }
    const missing = await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: minji, body: {} });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.error.details)).toContain('message');
    expect((await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: minji, body: { message: 'a'.repeat(2000) } })).status).toBe(201);
  });

  it('closing with a note stops the conversation: a consumer message answers 409', async () => {
    const stream = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${minji}`);
    await stream.next('ready');
    const closed = await api(t.base, 'POST', `/api/v1/officer/consultations/${consultationId}/close`, { token: officer, body: { note: '안내 완료' } });
    expect(closed.status).toBe(200);
    expect(closed.body.consultation).toMatchObject({ status: 'closed', closeNote: '안내 완료', closedByName: '이관세' });
    expect((await stream.next('status')).data).toMatchObject({ status: 'closed', closeNote: '안내 완료' });
    stream.close();
    const late = await api(t.base, 'POST', `/api/v1/consumer/consultations/${consultationId}/messages`, { token: minji, body: { message: '하나 더요' } });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('CONSULTATION_CLOSED');
    expect((await api(t.base, 'POST', `/api/v1/officer/consultations/${consultationId}/messages`, { token: officer, body: { message: '추가 안내' } })).status).toBe(409);
    expect((await api(t.base, 'POST', `/api/v1/officer/consultations/${consultationId}/close`, { token: officer, body: { note: '다시' } })).status).toBe(409);
    const inbox = await api(t.base, 'GET', '/api/v1/officer/consultations?status=closed', { token: officer });
    expect(inbox.body.consultations.map((c: { id: number }) => c.id)).toEqual([consultationId]);
  });

  it('a message posted to one platform process reaches a stream held by another on the same database', async () => {
    const second = await createPlatform(testConfig({ secretKey, riskWorker: false }), { db: t.db, files: await referenceFiles() });
    try {
      const res = await fetch(`${second.url}/api/v1/consultations/${otherConsultationId}/events?access_token=${other}`);
      expect(res.status).toBe(200);
      const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const until = async (needle: string) => {
        while (!text.includes(needle)) {
          const c = await reader.read();
          if (c.done) throw new Error('stream ended');
          text += c.value;
        }
      };
      await until('event: ready');
      const reply = await api(t.base, 'POST', `/api/v1/officer/consultations/${otherConsultationId}/messages`, { token: officer, body: { message: '다른 인스턴스에서 답변' } });
      expect(reply.status).toBe(201);
      await until('다른 인스턴스에서 답변');
      await reader.cancel();
    } finally {
      await second.close();
    }
  });

  it('a stream whose session is signed out says so and ends', async () => {
    const token = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
    const s = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${token}`);
    await s.next('ready');
    expect((await api(t.base, 'POST', '/api/v1/auth/sign-out', { token })).status).toBeLessThan(300);
    expect((await s.next('session_ended')).data).toEqual({ consultationId });
    expect(await s.ended()).toBe(true);
    // The other sessions' streams are not affected: minji's first token still opens one.
    const still = await openStream(`/api/v1/consultations/${consultationId}/events?access_token=${minji}`);
    await still.next('ready');
    still.close();
  });

  it("a stream opened under the holder's earlier code goes on after a reissue (the session moves to the new code), and ends when the code is cancelled", async () => {
    const registry = t.platform.deps.identity!.deps.registry;
    const issued = await registry.issue({ name: '최유나', phone: '01036925814', postcodes: ['06236'] }, { kind: 'system', id: null });
    if (!issued.ok) throw new Error('issue failed');
    const first = issued.value.pccc;
    const op = await t.operator('CONSULT-RE');
    const filed = await api(t.base, 'POST', '/api/v1/declarations', {
      token: op.key,
      body: { declarations: [declaration('CS-RE', { consignee: { name: '최유나', pccc: first, phone: '010-3692-5814', postcode: '06236', address: '서울특별시 강남구 테헤란로 5' } })] },
    });
    const token = await consumerToken(t.base, first, '최유나', '010-3692-5814', '06236');
    const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token, body: { topic: 'pccc', declarationId: filed.body.results[0].declarationId, message: '부호를 재발급하려 합니다.' } });
    expect(opened.status).toBe(201);
    const id = opened.body.consultation.id as number;
    const s = await openStream(`/api/v1/consultations/${id}/events?access_token=${token}`);
    await s.next('ready');
    // The holder's own reissue from this session: it moves to the new code (the holder's other sessions end).
    const second = await registry.reissue(first, { kind: 'consumer', id: issued.value.holderId }, { keepSession: t.platform.deps.secrets.sha256(token) });
    if (!second.ok) throw new Error('reissue failed');
    // The stream re-checks its session every 0.2 s here: several checks after the reissue, it still reads the thread.
    await new Promise((r) => setTimeout(r, 1000));
    const reply = await api(t.base, 'POST', `/api/v1/officer/consultations/${id}/messages`, { token: officer, body: { message: '재발급 후에도 이 상담은 그대로 볼 수 있습니다.' } });
    expect(reply.status).toBe(201);
    expect((await s.next('message', (m) => m.authorKind === 'officer')).data.body).toBe('재발급 후에도 이 상담은 그대로 볼 수 있습니다.');
    expect((await api(t.base, 'GET', `/api/v1/consumer/consultations/${id}`, { token })).status).toBe(200);
    // Cancelled (the new code, the holder's only live one): the session ends, and so does the stream.
    expect((await registry.cancel(second.value.current.pccc, '부정 사용 확인', { kind: 'officer', id: '1' })).ok).toBe(true);
    expect((await s.next('session_ended')).data).toEqual({ consultationId: id });
    expect(await s.ended()).toBe(true);
    s.close();
  });

  it('a client that goes away is unsubscribed', async () => {
    const feed = t.platform.deps.consultations!.feed as unknown as { subscribers: Map<number, Set<unknown>> };
    for (let i = 0; i < 100 && feed.subscribers.size > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(feed.subscribers.size).toBe(0);
  });

  it('limits messages per consumer, not per address: a neighbour behind the same address still gets through', async () => {
    await t.platform.deps.consumers.upsertHolders([
      { pccc: 'P555500000001', name: '정하늘', phone: '01055550001', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
      { pccc: 'P555500000002', name: '윤바다', phone: '01055550002', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
    ]);
    const busy = await consumerToken(t.base, 'P555500000001', '정하늘', '010-5555-0001', '06236');
    const neighbour = await consumerToken(t.base, 'P555500000002', '윤바다', '010-5555-0002', '06236');
    // 30 messages a minute on the messages route (each route counts its own requests): the 31st is refused.
    const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: busy, body: { topic: 'other', message: '문의' } });
    const theirs = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token: neighbour, body: { topic: 'other', message: '저도 문의합니다' } });
    expect([opened.status, theirs.status]).toEqual([201, 201]);
    const post = (token: string, id: number, message: string) => api(t.base, 'POST', `/api/v1/consumer/consultations/${id}/messages`, { token, body: { message } });
    for (let i = 1; i <= 30; i++) expect((await post(busy, opened.body.consultation.id, `추가 문의 ${i}`)).status, `message ${i}`).toBe(201);
    expect((await post(busy, opened.body.consultation.id, '추가 문의 31')).status).toBe(429);
    // Every request of this test comes from 127.0.0.1: counted by address, the neighbour would be refused too.
    expect((await post(neighbour, theirs.body.consultation.id, '답변 부탁드립니다')).status).toBe(201);
  });

  it('messages are append-only in the database', async () => {
    await expect(t.db.pool.query('UPDATE consultation_messages SET body = $1 WHERE consultation_id = $2', ['고침', consultationId])).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('DELETE FROM consultation_messages WHERE consultation_id = $1', [consultationId])).rejects.toThrow(/append-only/);
  });
});

describe('long lists: a consumer with hundreds of parcels, an inbox with hundreds of consultations', () => {
  it("pages every own parcel, newest first, with the count and the held ones apart; an older parcel is found for a consultation by its number (before: the latest 200, nothing said of the rest)", async () => {
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P777700000001', name: '한다수', phone: '01077770001', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    const op = await t.operator('MANYPARCELS');
    const mine = (ref: string) =>
      declaration(ref, { consignee: { name: '한다수', pccc: 'P777700000001', phone: '010-7777-0001', postcode: '06236', address: '서울특별시 강남구 테헤란로 1' }, order: { orderNo: ref, purchasedAt: '2026-11-15', currency: 'USD' } });
    const oldest = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [mine('MANY-OLDEST')] } });
    const oldestId = oldest.body.results[0].declarationId as number;
    const oldestCargo = oldest.body.results[0].cargoNo as string;
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${oldestId}/hold`, { token: officer, body: { reason: '저가신고 의심', reasonEn: 'Suspected undervaluation' } });
    expect(hold.body.status).toBe('held');
    const many = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: Array.from({ length: 205 }, (_, i) => mine(`MANY-${i}`)) } });
    expect(many.body.results.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(205);
    const token = await consumerToken(t.base, 'P777700000001', '한다수', '010-7777-0001', '06236');

    const first = await api(t.base, 'GET', '/api/v1/consumer/declarations', { token });
    expect(first.status).toBe(200);
    expect(first.body.declarations).toHaveLength(200); // the default page: what a client that never pages got
    expect(first.body).toMatchObject({ total: 206, held: 1, next: expect.any(Number) });
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: number | null = null;
    do {
      const page = await api(t.base, 'GET', `/api/v1/consumer/declarations?limit=100${after ? `&after=${after}` : ''}`, { token });
      expect(page.status).toBe(200);
      sizes.push(page.body.declarations.length);
      seen.push(...page.body.declarations.map((d: { cargoNo: string }) => d.cargoNo));
      after = page.body.next;
    } while (after !== null);
    expect(sizes).toEqual([100, 100, 6]);
    expect(new Set(seen).size).toBe(206);
    expect(seen[205]).toBe(oldestCargo); // the oldest, held, last
    const held = await api(t.base, 'GET', '/api/v1/consumer/declarations?status=held', { token });
    expect(held.body.declarations.map((d: { cargoNo: string }) => d.cargoNo)).toEqual([oldestCargo]);
    expect((await api(t.base, 'GET', '/api/v1/consumer/declarations?limit=201', { token })).status).toBe(400);

    // The consultation form lists the latest 200 and says there are more; the held parcel is found by its number.
    const listed = await api(t.base, 'GET', '/api/v1/consumer/consultations/parcels', { token });
    expect(listed.body.parcels).toHaveLength(200);
    expect(listed.body.truncated).toBe(true);
    expect(listed.body.parcels.some((p: { cargoNo: string }) => p.cargoNo === oldestCargo)).toBe(false);
    const found = await api(t.base, 'GET', `/api/v1/consumer/consultations/parcels?cargoNo=${oldestCargo.toLowerCase()}`, { token });
    expect(found.body).toEqual({ parcels: [{ declarationId: oldestId, cargoNo: oldestCargo, description: expect.any(String), status: 'held' }], truncated: false });
    const theirs = await api(t.base, 'GET', `/api/v1/consumer/consultations/parcels?cargoNo=${oldestCargo}`, { token: other });
    expect(theirs.body.parcels).toEqual([]); // another PCCC's parcel is not found
    expect((await api(t.base, 'GET', '/api/v1/consumer/consultations/parcels', { token: minji })).body.truncated).toBe(false);
  });

  it("says when a consumer has more consultations than the 200 listed (before: the rest left out unsaid)", async () => {
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P777700000002', name: '문의많', phone: '01077770002', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    const token = await consumerToken(t.base, 'P777700000002', '문의많', '010-7777-0002', '06236');
    const store = t.platform.deps.consultations!.store;
    for (let i = 0; i < 200; i++) await store.open({ pccc: 'P777700000002', declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: `문의 ${i}` } });
    const at200 = await api(t.base, 'GET', '/api/v1/consumer/consultations', { token });
    expect([at200.body.consultations.length, at200.body.truncated]).toEqual([200, false]);
    await store.open({ pccc: 'P777700000002', declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: '문의 200' } });
    const at201 = await api(t.base, 'GET', '/api/v1/consumer/consultations', { token });
    expect([at201.body.consultations.length, at201.body.truncated]).toEqual([200, true]);
  });

  it('a thread past 1000 messages is read whole, the latest answer included (before: its first 1000)', async () => {
    const store = t.platform.deps.consultations!.store;
    const opened = await store.open({ pccc: 'P123456789012', declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: '긴 상담' } });
    const id = opened.consultation.id;
    // The rows as the store writes them, 1,500 at once (a person could not post so many in the test's time: 30 a minute).
    await t.db.pool.query(`INSERT INTO consultation_messages (consultation_id, author_kind, body) SELECT $1, 'consumer', '문의 ' || g FROM generate_series(1, 1500) g`, [id]);
    const officerAnswer = await api(t.base, 'POST', `/api/v1/officer/consultations/${id}/messages`, { token: officer, body: { message: '마지막 답변' } });
    expect(officerAnswer.status).toBe(201);
    for (const [path, token] of [[`/api/v1/consumer/consultations/${id}`, minji], [`/api/v1/officer/consultations/${id}`, officer]] as const) {
      const thread = await api(t.base, 'GET', path, { token });
      expect(thread.body.messages).toHaveLength(1502);
      expect(thread.body.messages.at(-1).body).toBe('마지막 답변');
    }
    const first = (await api(t.base, 'GET', `/api/v1/consumer/consultations/${id}`, { token: minji })).body.messages[0].id as number;
    expect((await api(t.base, 'GET', `/api/v1/consumer/consultations/${id}?after=${first}`, { token: minji })).body.messages).toHaveLength(1501);
  });

  /** The whole inbox read by `after` from the first page, `between(n)` run after the n-th page. */
  async function walkInbox(query: string, limit: number, between: (page: number) => Promise<void> = async () => undefined): Promise<number[]> {
    const seen: number[] = [];
    let after: string | null = null;
    for (let page = 1; ; page++) {
      const r = await api(t.base, 'GET', `/api/v1/officer/consultations?limit=${limit}${query}${after ? `&after=${after}` : ''}`, { token: officer });
      expect(r.status).toBe(200);
      seen.push(...r.body.consultations.map((c: { id: number }) => c.id));
      expect(r.body).toHaveProperty('next');
      if (r.body.next === null) return seen;
      expect(r.body.consultations).toHaveLength(limit);
      after = r.body.next as string;
      await between(page);
    }
  }

  // An officer reads page 1, then a consumer writes in a thread of a later page (it goes first in
  // the inbox), the officer's colleague answers one thread already read and one not yet read (they
  // leave "open"; in the whole inbox they go to the answered part, below), and a new one opens.
  // By offset, page 2 then repeated a thread of page 1 and one thread was never shown.
  it.each([
    ['the waiting ones (status=open)', '&status=open'],
    ['the whole inbox (open and answered)', ''],
  ])('reads every consultation of %s exactly once while threads move between pages (before: by offset, one skipped, one repeated)', async (_name, query) => {
    const pccc = query ? 'P777700000003' : 'P777700000004';
    await t.platform.deps.consumers.upsertHolders([{ pccc, name: '상담중', phone: `0107777${pccc.slice(-4)}`, postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    const token = await consumerToken(t.base, pccc, '상담중', `010-7777-${pccc.slice(-4)}`, '06236');
    const store = t.platform.deps.consultations!.store;
    for (let i = 0; i < 10; i++) await store.open({ pccc, declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: `대기 ${i}` } });
    const start = await walkInbox(query, 200); // the inbox when the officer starts
    expect(new Set(start).size).toBe(start.length);
    const fresh = start.slice(0, 10); // this test's, the newest open ones: first
    let added = 0;
    const seen = await walkInbox(query, 4, async (page) => {
      if (page !== 1) return;
      expect((await api(t.base, 'POST', `/api/v1/consumer/consultations/${fresh[6]}/messages`, { token, body: { message: '아직인가요?' } })).status).toBe(201);
      for (const id of [fresh[1], fresh[8]]) expect((await api(t.base, 'POST', `/api/v1/officer/consultations/${id}/messages`, { token: officer, body: { message: '확인했습니다.' } })).status).toBe(201);
      const opened = await api(t.base, 'POST', '/api/v1/consumer/consultations', { token, body: { topic: 'other', message: '새 문의' } });
      expect(opened.status).toBe(201);
      added = opened.body.consultation.id;
    });
    expect(added).toBeGreaterThan(0);
    const times = new Map<number, number>();
    for (const id of seen) times.set(id, (times.get(id) ?? 0) + 1);
    expect(start.filter((id) => times.get(id) !== 1)).toEqual([]); // each one there from the start, once
    expect([...times.values()].every((n) => n === 1)).toBe(true); // and nothing twice
    expect(seen.slice(0, start.length)).toEqual(start); // in the order it had at the first page
    // A fresh first page shows the inbox as it is now: the new one, then the thread the consumer wrote in.
    const now = await api(t.base, 'GET', `/api/v1/officer/consultations?limit=3${query}`, { token: officer });
    expect(now.body.consultations.map((c: { id: number }) => c.id)).toEqual([added, fresh[6], fresh[0]]);
  });

  it('refuses a malformed cursor and a cursor with an offset (400)', async () => {
    const first = await api(t.base, 'GET', '/api/v1/officer/consultations?limit=1', { token: officer });
    expect(first.body.next).toMatch(/^[0-9]+-[0-9]+$/);
    for (const q of ['after=abc', 'after=1-0', 'after=9999999999999999-1', `after=${first.body.next}&offset=1`]) {
      const r = await api(t.base, 'GET', `/api/v1/officer/consultations?${q}`, { token: officer });
      expect([q, r.status, r.body.error.code]).toEqual([q, 400, 'VALIDATION_FAILED']);
    }
  });

  it('pages the officer inbox by offset to its oldest open consultation, with the total (before: 200, the oldest open ones out of reach); offset is deprecated, its answer has a next to go on with', async () => {
    const store = t.platform.deps.consultations!.store;
    const before = (await api(t.base, 'GET', '/api/v1/officer/consultations?status=open', { token: officer })).body.total as number;
    const opened: number[] = [];
    for (let i = 0; i < 205; i++) {
      const r = await store.open({ pccc: 'P123456789012', declarationId: null, topic: 'other', message: { authorKind: 'consumer', authorUserId: null, body: `문의 ${i}` } });
      opened.push(r.consultation.id);
    }
    const first = await api(t.base, 'GET', '/api/v1/officer/consultations?status=open', { token: officer });
    expect(first.body.consultations).toHaveLength(200); // the default page
    expect(first.body).toMatchObject({ total: before + 205, offset: 0, limit: 200 });
    const seen: number[] = [];
    for (let offset = 0; offset < first.body.total; offset += 100) {
      const page = await api(t.base, 'GET', `/api/v1/officer/consultations?status=open&limit=100&offset=${offset}`, { token: officer });
      expect(page.status).toBe(200);
      seen.push(...page.body.consultations.map((c: { id: number }) => c.id));
    }
    expect(seen).toHaveLength(before + 205);
    expect(new Set(seen).size).toBe(before + 205);
    expect(seen.indexOf(opened[0]!)).toBeGreaterThanOrEqual(200); // the oldest of them: past the first 200
    expect(first.body.next).toEqual(expect.any(String));
    const after = await api(t.base, 'GET', `/api/v1/officer/consultations?status=open&limit=100&after=${first.body.next}`, { token: officer });
    expect(after.body.consultations.map((c: { id: number }) => c.id)).toEqual(seen.slice(200, 300)); // the same order by next
    expect(await walkInbox('&status=open', 100)).toEqual(seen);
    expect((await api(t.base, 'GET', '/api/v1/officer/consultations?limit=201', { token: officer })).status).toBe(400);
  });
});
