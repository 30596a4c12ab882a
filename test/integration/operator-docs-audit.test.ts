// A new integrator following docs/api.md and the OpenAPI document literally, with the usual HTTP
// clients: each test here failed before its fix.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
});
afterAll(async () => t?.close());

/**
 * POSTs `body` as most clients do (curl, fetch, urllib): the whole body written, and only then the
 * answer read. The answer, or the transport error such a client throws.
 */
function postWhole(path: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string } | { error: string }> {
  const { port } = new URL(t.base);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.pause();
    const chunked = headers['transfer-encoding'] === 'chunked';
    const head = [`POST ${path} HTTP/1.1`, 'host: 127.0.0.1', ...(chunked ? [] : [`content-length: ${body.length}`]), ...Object.entries({ authorization: `Bearer ${alpha.key}`, 'content-type': 'application/json', ...headers }).map(([k, v]) => `${k}: ${v}`)];
    const chunks: Buffer[] = [];
    let failed: string | null = null;
    let done = false;
    /** The final answer once it is all here (after a 100 Continue, if any), else null. */
    const answer = (): { status: number; text: string } | null => {
      const all = Buffer.concat(chunks).toString('utf8').replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
      const end = all.indexOf('\r\n\r\n');
      const status = /^HTTP\/1\.1 (\d{3})/.exec(all);
      const length = /\r\ncontent-length: (\d+)/i.exec(all.slice(0, end));
      if (end < 0 || !status || !length) return null;
      const text = all.slice(end + 4);
      return Buffer.byteLength(text) >= Number(length[1]) ? { status: Number(status[1]), text } : null;
    };
    socket.on('error', (e: NodeJS.ErrnoException) => (failed ??= e.code ?? e.message));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const a = answer();
      if (a && !done) {
        done = true;
        resolve(a);
        socket.end();
      }
    });
    socket.on('close', () => {
      if (!done) resolve(answer() ?? { error: failed ?? 'no answer' });
    });
    socket.write(head.join('\r\n') + '\r\n\r\n');
    const payload = chunked ? Buffer.concat([Buffer.from(body.length.toString(16) + '\r\n'), body, Buffer.from('\r\n0\r\n\r\n')]) : body;
    // the answer is read only once the body is written (or the write failed), as those clients do
    socket.write(payload, () => socket.resume());
  });
}

describe('a body over the route limit', () => {
  // 32 MB of JSON (more than the kernel buffers between client and server hold) to a route that takes 1 MB (webhooks): refused as soon as its Content-Length is read
  const big = Buffer.from(JSON.stringify({ url: 'http://127.0.0.1:9/x', pad: 'x'.repeat(32 * 1024 * 1024) }));

  it('answers 413 PAYLOAD_TOO_LARGE that a client writing its whole body reads, not a reset (EPIPE, ECONNRESET)', async () => {
    const r = await postWhole('/api/v1/webhooks', big);
    expect(r).toMatchObject({ status: 413 });
    // The webhooks route has no limit of its own: Fastify's 1 MB (1,048,576 bytes) for JSON.
    expect(JSON.parse((r as { text: string }).text).error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      ko: '요청 본문이 너무 큽니다: 이 경로는 1 MB까지 받습니다. 1 MB 이하로 줄여 다시 보내세요.',
      en: 'The request body is too large: this route takes at most 1 MB. Send a body of 1 MB or less.',
    });
  });

  it('says what limit the route has and what to do: a reference CSV over 20 MB is to be split', async () => {
    const admin = await t.officer('admin-413', 'admin');
    // 21 MB of CSV (21 × 1,048,576 = 22,020,096 bytes) over the 20 MB (20,971,520 bytes) a text body may be
    const file = Buffer.from('weekStart,currency,rate\n' + '2026-11-22,USD,1400.00\n'.repeat(Math.ceil((21 * 1024 * 1024) / 23)));
    expect(file.length).toBeGreaterThan(20 * 1024 * 1024);
    const r = await postWhole('/api/v1/admin/reference/exchange-rates', file, { authorization: `Bearer ${admin.token}`, 'content-type': 'text/csv' });
    expect(r).toMatchObject({ status: 413 });
    const error = JSON.parse((r as { text: string }).text).error;
    expect(error).toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      ko: '요청 본문이 너무 큽니다: 이 경로는 20 MB까지 받습니다. CSV 파일을 20 MB 이하의 여러 파일로 나누어 하나씩 올리세요.',
      en: 'The request body is too large: this route takes at most 20 MB. Split the CSV into files of 20 MB or less and send each one.',
    });
    expect(error.message).toBe(error.en);
  });

  it('also sent in chunks without a Content-Length (refused once the bytes read pass the limit), and after Expect: 100-continue (curl)', async () => {
    const chunked = await postWhole('/api/v1/webhooks', big, { 'transfer-encoding': 'chunked' });
    expect(chunked).toMatchObject({ status: 413 });
    const expecting = await postWhole('/api/v1/webhooks', big, { expect: '100-continue' });
    expect(expecting).toMatchObject({ status: 413 });
  });

  it('asked first (Expect: 100-continue, as curl asks for a body over 1 MB), a body over every route\'s limit is refused before it is sent: 413, no 100 Continue', async () => {
    const { port } = new URL(t.base);
    const first = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), '127.0.0.1');
      let seen = '';
      socket.on('data', (c: Buffer) => {
        seen += c.toString('utf8');
        if (seen.includes('\r\n\r\n')) {
          resolve(seen);
          socket.destroy();
        }
      });
      socket.on('error', reject);
      // 70 MB announced, none of it sent: the intake takes 64 MB
      socket.write(`POST /api/v1/declarations HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${alpha.key}\r\ncontent-type: application/json\r\ncontent-length: ${70 * 1024 * 1024}\r\nexpect: 100-continue\r\n\r\n`);
    });
    expect(first).toMatch(/^HTTP\/1\.1 413 /);
    // the largest limit of any route (the intake's 64 MB) named
    expect(first).toContain('no route takes a body over 64 MB');
    // under every limit, the client is asked to send it (and the route's own limit refuses it after)
    const small = await postWhole('/api/v1/webhooks', big, { expect: '100-continue' });
    expect(small).toMatchObject({ status: 413 });
  });

  it('closes the connection once the client has sent its body; the platform answers the next request', async () => {
    const r = await postWhole('/api/v1/webhooks', big);
    expect(r).toMatchObject({ status: 413 });
    const after = await api(t.base, 'GET', '/api/v1/webhooks', { token: alpha.key });
    expect(after.status).toBe(200);
  });
});

describe('a public lookup without a usable number', () => {
  it('names the field in details, as every refused request does (docs/api.md, "Bad requests")', async () => {
    const short = await api(t.base, 'GET', '/api/v1/lookup/cargo/26TGW123');
    expect(short.status).toBe(400);
    expect(short.body.error.code).toBe('LOOKUP_QUERY_INVALID');
    expect(short.body.error.details).toEqual([{ path: 'params.cargoNo', code: 'below_min_length', ko: '15자 이상이어야 합니다.', en: 'At least 15 characters.', params: { limit: 15 } }]);
    // blYear given, no B/L number (or one of only hyphens and spaces, which names none)
    for (const q of ['blYear=2026', 'blYear=2026&hblNo=--']) {
      const noBl = await api(t.base, 'GET', `/api/v1/lookup/bl?${q}`);
      expect(noBl.status, q).toBe(400);
      expect(noBl.body.error.code).toBe('LOOKUP_QUERY_INVALID');
      expect(noBl.body.error.details).toEqual([{ path: 'querystring.hblNo', code: 'one_of_required', ko: 'hblNo, mblNo 중 하나는 있어야 합니다.', en: 'Give one of hblNo, mblNo.', params: { fields: 'hblNo, mblNo' } }]);
    }
  });
});

describe('a body saved as EUC-KR (CP949), not UTF-8', () => {
  const euckr = (text: string) => {
    // the encoder of Korean Windows tools: Hangul syllables of KS X 1001 as two bytes each (iconv's table, via Node's decoder)
    const decoder = new TextDecoder('euc-kr');
    const table = new Map<string, number[]>();
    for (let lead = 0xb0; lead <= 0xc8; lead++) for (let trail = 0xa1; trail <= 0xfe; trail++) table.set(decoder.decode(new Uint8Array([lead, trail])), [lead, trail]);
    return Buffer.from([...text].flatMap((ch) => table.get(ch) ?? [...Buffer.from(ch, 'utf8')]));
  };

  it('is refused whole with NOT_UTF8 and the line, not stored with every Korean name turned into U+FFFD', async () => {
    const body = `{"declarations":[\n${JSON.stringify(declaration('EUC-1'))}\n]}`;
    const r = await postWhole('/api/v1/declarations', euckr(body));
    expect(r).toMatchObject({ status: 400 });
    const error = JSON.parse((r as { text: string }).text).error;
    expect(error.code).toBe('NOT_UTF8');
    expect(error.details).toMatchObject({ line: 2 });
    const column = JSON.stringify(declaration('EUC-1')).search(/[^\x00-\x7f]/) + 1; // the first Korean character of line 2
    expect(error.details).toEqual({ line: 2, column, position: body.indexOf('\n') + column });
    expect(error.en).toBe(`The body is not UTF-8 text: line 2, column ${column} (a file saved as EUC-KR/CP949?). Save it as UTF-8 and send it again.`);
    expect(error.ko).toContain('UTF-8 텍스트가 아닙니다: 2행');
    const stored = await api(t.base, 'GET', '/api/v1/declarations?ref=EUC-1', { token: alpha.key });
    expect(stored.body.declarations).toEqual([]);
  });

  it('a CSV file too (Excel saves "CSV" in CP949 in Korea), where UTF-8 with or without a byte order mark is read', async () => {
    const csv = 'ref,declaredAt,ecommerceType,shipment.mode,shipment.shipFrom,shipment.grossWeightKg,consignee.name,consignee.pccc,consignee.phone,consignee.postcode,consignee.address,order.currency,items.description,items.category,items.quantity,items.price\n' +
      'EUC-CSV,2026-11-18,direct,express,US,0.5,김민지,P123456789012,010-1234-5678,06236,서울특별시 강남구 테헤란로 123,USD,티셔츠 Nike,clothing,1,40\n';
    const refused = await postWhole('/api/v1/declarations/csv', euckr(csv), { 'content-type': 'text/csv' });
    expect(refused).toMatchObject({ status: 400 });
    expect(JSON.parse((refused as { text: string }).text).error).toMatchObject({ code: 'NOT_UTF8', details: { line: 2 } });
    expect(JSON.parse((refused as { text: string }).text).error.en).toContain("(Excel: 'CSV UTF-8 (Comma delimited)')");
    const read = await postWhole('/api/v1/declarations/csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]), { 'content-type': 'text/csv' });
    expect(read).toMatchObject({ status: 200 });
    expect(JSON.parse((read as { text: string }).text).results[0]).toMatchObject({ ref: 'EUC-CSV', status: 'accepted' });
  });
});

describe('a POST that carries no body, sent with Content-Type: application/json (as many HTTP clients set on every request)', () => {
  it('is answered as without the header (a delivery replayed, a session ended), not 400 EMPTY_BODY; a route that reads a body still says EMPTY_BODY', async () => {
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'http://127.0.0.1:9/hook' } });
    expect(hook.status).toBe(201);
    const unknownDelivery = await api(t.base, 'POST', '/api/v1/webhooks/deliveries/999999/replay', { token: alpha.key, raw: '', headers: { 'content-type': 'application/json' } });
    expect(unknownDelivery.status).toBe(404);
    expect(unknownDelivery.body.error.code).toBe('DELIVERY_NOT_FOUND');
    const officer = await t.officer('docs-audit-officer');
    const signOut = await api(t.base, 'POST', '/api/v1/auth/sign-out', { token: officer.token, raw: '', headers: { 'content-type': 'application/json' } });
    expect(signOut.status).toBeLessThan(300);
    const intake = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, raw: '', headers: { 'content-type': 'application/json' } });
    expect(intake.status).toBe(400);
    expect(intake.body.error.code).toBe('EMPTY_BODY');
    // and what to send
    expect(intake.body.error.en).toBe('The request body is empty: send the JSON body this route takes (its schema is at /api/docs).');
    expect(intake.body.error.ko).toBe('요청 본문이 비어 있습니다: 이 경로가 받는 JSON 본문을 보내세요(형식은 /api/docs).');
  });
});

describe('a CSV file refused whole (CSV_INVALID)', () => {
  it('gives each problem a code for machines beside its line, column and texts', async () => {
    const send = (csv: string) => api(t.base, 'POST', '/api/v1/declarations/csv', { token: alpha.key, raw: csv, headers: { 'content-type': 'text/csv' } });
    const unknown = await send('ref,items.prise,items.price,items.price\nA,1,2,3\n');
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [1, 'items.prise', 'unknown_column'],
      [1, 'items.price', 'column_repeated'],
    ]);
    const rows = await send('ref,declaredAt,items.description\nA,2026-11-18,티셔츠 Nike\nA,2026-11-17,바지 Nike\n,,양말 Nike\n');
    expect(rows.body.error.details.errors.map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code])).toEqual([
      [3, 'declaredAt', 'rows_disagree'],
      [4, 'ref', 'ref_missing'],
    ]);
    const noRef = await send('declaredAt\n2026-11-18\n');
    expect(noRef.body.error.details.errors).toEqual([expect.objectContaining({ line: 1, column: 'ref', code: 'ref_column_missing' })]);
  });
});

describe('the OpenAPI document', () => {
  it('says a declaration needs at least one item, as intake checks (items_empty), though the schema has no minItems (the check keeps its own code)', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    expect(doc.components.schemas.Declaration.properties.items.description).toContain('items_empty');
  });
});

describe('a ref sent again with other content', () => {
  it('is refused with a Korean text whose particle follows 참조번호, not the ref ("AUDIT-1는": a ref read ending in 일 takes 은)', async () => {
    const first = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AUDIT-1')] } });
    expect(first.body.results[0].status).toBe('accepted');
    const other = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AUDIT-1', { purpose: 'business' })] } });
    expect(other.body.results[0].errors[0]).toMatchObject({ path: 'ref', code: 'ref_already_used', ko: '참조번호(AUDIT-1)는 다른 내용의 신고에 이미 사용되었습니다. 정정은 PATCH로 하세요.' });
  });
});

describe('a value shorter than its field takes (a schema minLength over 1)', () => {
  it('says how long it must be, not that it is empty: a cargo number of 5 characters where 15 or more are taken', async () => {
    const r = await api(t.base, 'POST', '/api/v1/cargo-events', { token: alpha.key, body: { cargoNo: '26TGW', type: 'WAREHOUSE_IN' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details).toEqual([
      expect.objectContaining({ path: 'body.cargoNo', code: 'below_min_length', ko: '15자 이상이어야 합니다.', en: 'At least 15 characters.', keyword: 'minLength', params: { limit: 15 } }),
    ]);
    // an empty value where one character is the least still reads "must not be empty"
    const empty = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'http://127.0.0.1:9/hook', eventTypes: ['SUBMITTED'] } });
    expect(empty.status).toBe(201);
    const reason = await api(t.base, 'POST', `/api/v1/declarations/999999/withdraw`, { token: alpha.key, body: { reason: '' } });
    expect(reason.body.error.details[0]).toMatchObject({ path: 'body.reason', code: 'too_short', en: 'Must not be empty.' });
  });
});

describe('a CSV upload sent as Content-Type: application/json', () => {
  it('is refused 415 UNSUPPORTED_MEDIA_TYPE naming text/csv, as the OpenAPI document says ("Not text/csv or text/plain"), not 400 "not valid JSON" or "string expected"', async () => {
    const csv = 'ref,declaredAt\nX,2026-11-18\n';
    for (const raw of [csv, JSON.stringify({ declarations: [] })]) {
      const r = await api(t.base, 'POST', '/api/v1/declarations/csv', { token: alpha.key, raw, headers: { 'content-type': 'application/json' } });
      expect([r.status, r.body.error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect(r.body.error.en).toContain('text/csv');
    }
  });
});

describe('a cargo event of a type the operator does not post (LIST_CLEARED is customs\' decision)', () => {
  it('names the field, who records it and the types the operator may post', async () => {
    const intake = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AUDIT-ROLE-1')] } });
    const cargoNo = intake.body.results[0].cargoNo as string;
    const r = await api(t.base, 'POST', '/api/v1/cargo-events', { token: alpha.key, body: { cargoNo, type: 'LIST_CLEARED' } });
    expect([r.status, r.body.error.code]).toEqual([403, 'EVENT_NOT_ALLOWED_FOR_ROLE']);
    expect(r.body.error.details).toMatchObject({ path: 'body.type', type: 'LIST_CLEARED', allowedTypes: expect.arrayContaining(['ARRIVAL_REPORT_SUBMITTED', 'WAREHOUSE_IN', 'LIST_RECEIVED', 'WAREHOUSE_OUT']) });
    expect(r.body.error.details.allowedTypes).not.toContain('LIST_CLEARED');
    expect(r.body.error.ko).toContain('세관');
    expect(r.body.error.en).toContain('customs');
    expect(r.body.error.en).toContain('WAREHOUSE_IN');
    // a correction or a withdrawal is the declarant's, through its own route
    const amended = await api(t.base, 'POST', '/api/v1/cargo-events', { token: alpha.key, body: { cargoNo, type: 'WITHDRAWN' } });
    expect(amended.body.error.en).toContain('/withdraw');
    // in a batch, at the event's place
    const batch = await api(t.base, 'POST', '/api/v1/cargo-events/batch', { token: alpha.key, body: { events: [{ cargoNo, type: 'LIST_CLEARED' }] } });
    expect(batch.body.results[0].error.details.path).toBe('body.events[0].type');
  });
});

describe('an Idempotency-Key used again with another body', () => {
  it('names the header and says to send a new key for a new request', async () => {
    const headers = { 'idempotency-key': 'audit-key-1' };
    const first = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, headers, body: { declarations: [declaration('AUDIT-IK-1')] } });
    expect(first.status).toBe(200);
    const other = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, headers, body: { declarations: [declaration('AUDIT-IK-2')] } });
    expect([other.status, other.body.error.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(other.body.error.details).toMatchObject({ path: 'headers.idempotency-key' });
    expect(other.body.error.en).toMatch(/new key/i);
    expect(other.body.error.ko).toContain('새 키');
  });
});

describe('the UNI-PASS-compatible routes in the OpenAPI document', () => {
  it('say what each query parameter is and takes (format, codes), and which are required', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    const params = (path: string) => Object.fromEntries((doc.paths[path].get.parameters as { name: string; description?: string; required?: boolean }[]).map((p) => [p.name, p]));
    const rates = params('/ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo');
    expect(rates.crkyCn).toMatchObject({ required: true, description: expect.stringContaining('TONGGWAN-DEMO-API012') });
    expect(rates.qryYymmDd!.description).toContain('YYYYMMDD');
    expect(rates.imexTp).toMatchObject({ required: true, description: expect.stringContaining('2') });
    expect(params('/ext/rest/hsSgnQry/searchHsSgn').koenTp!.description).toMatch(/1.*2/);
    expect(params('/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo').cargMtNo!.description).toContain('15');
    expect(params('/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo').blYy!.description).toContain('YYYY');
    for (const path of Object.keys(doc.paths).filter((p) => p.startsWith('/ext/rest/'))) {
      for (const p of doc.paths[path].get.parameters as { name: string; description?: string }[]) expect(p.description, `${path} ${p.name}`).toBeTruthy();
    }
  });
});

describe('a currency without a customs rate in the week (THB)', () => {
  it('says which currencies have one that week and where the week\'s rates are (UNI-PASS API012), not only that there is none', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AUDIT-FX-1', { order: { currency: 'THB' } })] } });
    const error = r.body.results[0].errors.find((e: { code: string }) => e.code === 'exchange_rate_missing');
    // the test data's week of 2026-11-15 has rates for USD, EUR, JPY, CNY, GBP, HKD
    expect(error).toMatchObject({ path: 'order.currency' });
    expect(error.en).toBe(
      'No customs exchange rate for THB in the week of 2026-11-15. Declare the amounts in a currency with one that week (USD, EUR, JPY, CNY, GBP, HKD): the week\'s rates are at UNI-PASS API012, GET /ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo?imexTp=2&qryYymmDd=20261115.',
    );
    expect(error.ko).toBe(
      '2026-11-15 주의 THB 과세환율이 없습니다. 그 주에 과세환율이 있는 통화(USD, EUR, JPY, CNY, GBP, HKD)로 금액을 신고하세요. 그 주의 환율: UNI-PASS API012, GET /ext/rest/trifFxrtInfoQry/retrieveTrifFxrtInfo?imexTp=2&qryYymmDd=20261115',
    );
  });
});

describe('a cargo event out of order (반입 before the arrival is accepted)', () => {
  it('says which events the poster can post now (details.allowedNow), not only that this one is not allowed', async () => {
    const intake = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('AUDIT-ORDER-1')] } });
    const cargoNo = intake.body.results[0].cargoNo as string;
    expect((await api(t.base, 'POST', '/api/v1/cargo-events', { token: alpha.key, body: { cargoNo, type: 'ARRIVAL_REPORT_SUBMITTED' } })).status).toBe(201);
    const early = await api(t.base, 'POST', '/api/v1/cargo-events', { token: alpha.key, body: { cargoNo, type: 'WAREHOUSE_IN' } });
    expect([early.status, early.body.error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    // arrival reported, list clearance: the manifest and arrival steps, unloading, or the clearance list; 반입 only once arrived or unloaded
    expect(early.body.error.details).toMatchObject({ event: 'WAREHOUSE_IN', status: 'arrival_reported' });
    expect(early.body.error.details.allowedNow).toEqual([
      'ARRIVAL_REPORT_SUBMITTED',
      'ARRIVAL_REPORT_ACCEPTED',
      'MANIFEST_SUBMITTED',
      'MANIFEST_REVIEWED',
      'UNLOADING_ACCEPTED',
      'DISCHARGE_ACCEPTED',
      'LIST_RECEIVED',
    ]);
    expect(early.body.error.en).toBe(
      "'Brought into bonded area' is not allowed while the declaration is arrival reported. Possible now: ARRIVAL_REPORT_SUBMITTED, ARRIVAL_REPORT_ACCEPTED, MANIFEST_SUBMITTED, MANIFEST_REVIEWED, UNLOADING_ACCEPTED, DISCHARGE_ACCEPTED, LIST_RECEIVED.",
    );
    expect(early.body.error.ko).toContain('지금 등록할 수 있는 처리구분: ARRIVAL_REPORT_SUBMITTED,');
  });
});
