// A local SOLAPI Messages API v4 for the tests (and for trying SMS_PROVIDER=solapi without an
// account): POST /messages/v4/send over real HTTP, checked as SOLAPI documents it —
//   · Authorization "HMAC-SHA256|HMAC-MD5 apiKey=…, date=…, salt=…, signature=…": an unknown key is
//     403 InvalidAPIKey, a wrong signature 403 SignatureDoesNotMatch, a date more than 15 minutes
//     off 403 RequestTimeTooSkewed, a signature seen in the last 15 minutes 403 DuplicatedSignature;
//   · the message: to, from and text required (else 400 ValidationError); then the status codes of
//     the message-status-codes page: 1062 발신번호 미등록 (sender not registered), 1025 bad type,
//     1013 a title on an SMS, 1014 a title over 40 bytes, 1029 a character outside EUC-KR, 1031 over
//     90 bytes (SMS) or 2,000 (LMS); 2000 정상 접수 when taken, with the documented response fields.
// Where the documentation leaves the form open (a malformed header, a malformed number) the
// emulator answers with the documented error shape {"errorCode", "errorMessage"} and a 4xx.
// It keeps what it took (messages) and can be told to fail the next requests (5xx, dropped
// connection) so retries can be tested.
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eucKrBytes, eucKrCharBytes, LMS_MAX_BYTES, LMS_SUBJECT_MAX_BYTES, SMS_MAX_BYTES } from './euc-kr.ts';
import { SOLAPI_SEND_PATH } from './solapi-sms.ts';

const SKEW_MS = 15 * 60_000;

export interface EmulatedSms {
  messageId: string;
  groupId: string;
  to: string;
  from: string;
  type: 'SMS' | 'LMS';
  subject: string | null;
  text: string;
  bytes: number;
  receivedAt: Date;
}

export interface SolapiEmulatorOptions {
  accounts: { apiKey: string; apiSecret: string }[];
  /** 발신번호 registered to the accounts (digits). */
  senders: string[];
  /** Called with each message taken (e.g. to store it where a demo shows it). */
  onAccepted?: (m: EmulatedSms) => Promise<void> | void;
  now?: () => Date;
  port?: number;
}

export interface SolapiEmulator {
  url: string;
  /** Messages taken (statusCode 2000), oldest first. */
  messages: EmulatedSms[];
  /** Every request that reached the send route, with the answer given. */
  requests: { status: number; errorCode: string | null; statusCode: string | null }[];
  /** The next n requests answer `status` (a 5xx) without being looked at. */
  failNext(n: number, status?: number): void;
  /** The next n requests have their connection destroyed (a network error for the client). */
  dropNext(n: number): void;
  /** The 발신번호 registered from now on (digits; hyphens allowed): a message from another is refused, status 1062 (a registration withdrawn, say). */
  setSenders(senders: string[]): void;
  close(): Promise<void>;
}

const idOf = (prefix: string) => `${prefix}4V${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}${crypto.randomBytes(8).toString('hex').toUpperCase()}`;

export async function startSolapiEmulator(o: SolapiEmulatorOptions): Promise<SolapiEmulator> {
  const now = o.now ?? (() => new Date());
  const secrets = new Map(o.accounts.map((a) => [a.apiKey, a.apiSecret]));
  const senders = new Set(o.senders.map((s) => s.replace(/\D/g, '')));
  const seen = new Map<string, number>(); // signature → when it was used
  const messages: EmulatedSms[] = [];
  const requests: SolapiEmulator['requests'] = [];
  let failing: { n: number; status: number } = { n: 0, status: 503 };
  let dropping = 0;

  function answer(res: http.ServerResponse, status: number, body: Record<string, unknown>): void {
    requests.push({ status, errorCode: typeof body.errorCode === 'string' ? body.errorCode : null, statusCode: typeof body.statusCode === 'string' ? body.statusCode : null });
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
  const error = (res: http.ServerResponse, status: number, errorCode: string, errorMessage: string) => answer(res, status, { errorCode, errorMessage });

  /** The documented checks of the Authorization header; null when it passes. */
  function authFailure(header: string | undefined): [number, string, string] | null {
    const m = /^(HMAC-SHA256|HMAC-MD5) apiKey=([^,\s]+), date=([^,\s]+), salt=([^,\s]+), signature=([0-9a-fA-F]+)$/.exec(header ?? '');
    if (!m) return [401, 'InvalidAuthorizationHeader', 'Authorization: <HMAC-SHA256|HMAC-MD5> apiKey=<API Key>, date=<Date Time>, salt=<Salt>, signature=<Signature>'];
    const [, method, apiKey, date, salt, signature] = m as unknown as [string, string, string, string, string, string];
    const secret = secrets.get(apiKey);
    if (secret === undefined) return [403, 'InvalidAPIKey', '유효한 API Key가 아닙니다.'];
    const at = Date.parse(date);
    if (!/^\d{4}-\d{2}-\d{2}T/.test(date) || Number.isNaN(at)) return [400, 'ValidationError', 'date는 ISO 8601 형식이어야 합니다.'];
    if (Math.abs(now().getTime() - at) > SKEW_MS) return [403, 'RequestTimeTooSkewed', '요청 시간이 서버 시간과 15분 이상 차이납니다.'];
    if (Buffer.byteLength(salt) < 12 || Buffer.byteLength(salt) > 64) return [400, 'ValidationError', 'salt는 12~64바이트여야 합니다.'];
    const expected = crypto.createHmac(method === 'HMAC-MD5' ? 'md5' : 'sha256', secret).update(date + salt).digest();
    const given = Buffer.from(signature, 'hex');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return [403, 'SignatureDoesNotMatch', '생성한 Signature가 일치하지 않습니다.'];
    const t = now().getTime();
    for (const [s, used] of seen) if (t - used > SKEW_MS) seen.delete(s);
    if (seen.has(signature.toLowerCase())) return [403, 'DuplicatedSignature', '15분 안에 같은 signature가 사용되었습니다.'];
    seen.set(signature.toLowerCase(), t);
    return null;
  }

  /** The message status code for a well-formed message (docs: message-status-codes). */
  function statusOf(msg: { from: string; text: string; type: string; subject: string | null }): [string, string] {
    if (!senders.has(msg.from)) return ['1062', '발신번호 미등록'];
    if (msg.type !== 'SMS' && msg.type !== 'LMS') return ['1025', "잘못된 메시지 타입 ['SMS','LMS','MMS','ATA','CTA']중에서 사용 가능합니다."];
    if (msg.type === 'SMS' && msg.subject) return ['1013', "제목은 문자 타입이 'SMS'일 경우 사용이 불가능합니다."];
    if (msg.subject && eucKrBytes(msg.subject) > LMS_SUBJECT_MAX_BYTES) return ['1014', '제목은 40byte까지 사용 가능합니다.'];
    for (const ch of msg.text + (msg.subject ?? '')) if (eucKrCharBytes(ch) === null) return ['1029', '문자메시지의 경우 EUC-KR(완성형 한글) 범위 안에 있는 문자만 사용 합니다.'];
    const max = msg.type === 'SMS' ? SMS_MAX_BYTES : LMS_MAX_BYTES;
    if (eucKrBytes(msg.text) > max) return ['1031', 'SMS는 90byte LMS, MMS는 2000byte까지 사용 가능 합니다.'];
    return ['2000', '정상 접수(이통사로 접수 예정) '];
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.method !== 'POST' || req.url !== SOLAPI_SEND_PATH) return error(res, 404, 'ResourceNotFound', `${req.method} ${req.url}`);
    if (dropping > 0) {
      dropping--;
      requests.push({ status: 0, errorCode: null, statusCode: null });
      req.socket.destroy();
      return;
    }
    if (failing.n > 0) {
      failing.n--;
      return error(res, failing.status, 'InternalError', 'Internal Server Error');
    }
    const auth = authFailure(req.headers.authorization);
    if (auth) return error(res, ...auth);
    let body: { message?: Record<string, unknown> };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return error(res, 400, 'ValidationError', '요청 본문이 JSON이 아닙니다.');
    }
    const m = body?.message;
    if (!m || typeof m !== 'object') return error(res, 400, 'ValidationError', 'message는 필수입니다.');
    for (const f of ['to', 'from', 'text'] as const) if (typeof m[f] !== 'string' || m[f] === '') return error(res, 400, 'ValidationError', `message.${f}는 필수입니다.`);
    const to = m.to as string;
    const from = (m.from as string).replace(/-/g, '');
    // Echoes the number, as a provider's message may: the client must not log it as it is.
    if (!/^0\d{8,10}$/.test(to.replace(/-/g, ''))) return error(res, 400, 'ValidationError', `수신번호 형식 오류: ${to}`);
    const text = m.text as string;
    const subject = typeof m.subject === 'string' && m.subject !== '' ? m.subject : null;
    const type = typeof m.type === 'string' ? m.type.toUpperCase() : eucKrBytes(text) <= SMS_MAX_BYTES ? 'SMS' : 'LMS'; // autoTypeDetect
    const [statusCode, statusMessage] = statusOf({ from, text, type, subject });
    const groupId = idOf('G');
    const messageId = idOf('M');
    if (statusCode === '2000') {
      const taken: EmulatedSms = { messageId, groupId, to: to.replace(/-/g, ''), from, type: type as 'SMS' | 'LMS', subject, text, bytes: eucKrBytes(text), receivedAt: now() };
      messages.push(taken);
      await o.onAccepted?.(taken);
    }
    answer(res, 200, { groupId, to, from, type, statusMessage, country: '82', messageId, statusCode, accountId: '12925149' });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) error(res, 500, 'InternalError', (e as Error).message);
    });
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    failNext(n, status = 503) {
      failing = { n, status };
    },
    dropNext(n) {
      dropping = n;
    },
    setSenders(list) {
      senders.clear();
      for (const x of list) senders.add(x.replace(/\D/g, ''));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
