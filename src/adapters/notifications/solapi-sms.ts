// SMS through SOLAPI (CoolSMS) Messages API v4 when SMS_PROVIDER=solapi; otherwise the local
// default keeps the message in the notifications table (database-notifier.ts). Protocol, as
// documented at docs.solapi.com (authentication/api-key, api-reference/messages/sendSimpleMessage,
// api-reference/message-status-codes):
//   POST {SMS_API_BASE}/messages/v4/send
//   Authorization: HMAC-SHA256 apiKey=<key>, date=<ISO 8601>, salt=<12–64 random bytes>, signature=<hex HMAC-SHA256(secret, date + salt)>
//   {"message": {"to": "01012345678", "from": "<pre-registered sender>", "text": "…", "type": "SMS"|"LMS", "subject": "…"(LMS only)}}
// A signature may be used once within 15 minutes (DuplicatedSignature), so every attempt signs anew.
// Answers: 200 with the message's statusCode ("2000" 정상 접수; 1xxx/2xxx/3xxx a refusal, e.g.
// 1062 발신번호 미등록), or 4xx/5xx with {"errorCode", "errorMessage"} (403 InvalidAPIKey,
// SignatureDoesNotMatch, RequestTimeTooSkewed, DuplicatedSignature).
// A refusal is logged and thrown at once; a network error, a timeout, a 5xx, a 429 or a "서버 오류"
// status is retried with exponential backoff up to maxAttempts. A refusal of the message itself (its
// number, its sender, its text: permanentSolapiRefusal) says permanent, and the outboxes give it up at once
// (src/app/outbox-pass.ts); one of the account (403: key, signature, clock) is mended on our side and tried again. Logs and errors carry the number
// masked (010-****-5678) and never the text: it may hold a one-time code.
import crypto from 'node:crypto';
import type { Notifier, OutgoingMessage } from '../../app/ports.ts';
import { eucKrBytes, LMS_MAX_BYTES, LMS_SUBJECT_MAX_BYTES, SMS_MAX_BYTES, toEucKrRepertoire, truncateEucKr } from './euc-kr.ts';
import { maskPhone } from '../../domain/contact-masks.ts';

export const SOLAPI_DEFAULT_BASE = 'https://api.solapi.com';
export const SOLAPI_SEND_PATH = '/messages/v4/send';

/** Message status codes that mean the message was taken (docs: message-status-codes). */
const ACCEPTED = new Set(['2000', '3000', '4000']);
/** "서버 오류" at each stage: the provider's own fault, worth another attempt. */
const PROVIDER_FAULT = new Set(['1024', '2024', '3024']);

/** The account and delivery settings (SMS_* and SOLAPI_* in src/config.ts). */
export interface SolapiSettings {
  apiKey: string;
  apiSecret: string;
  /** The 발신번호, registered in the SOLAPI console beforehand (SMS_SENDER; hyphens allowed). */
  sender: string;
  /** SMS_API_BASE (default https://api.solapi.com; the tests point it at the emulator). */
  apiBase: string;
  /** SMS_MAX_ATTEMPTS: attempts per message on network errors and 5xx (default 3). */
  maxAttempts: number;
  /** SMS_BACKOFF_BASE_MS: the wait after the first failed attempt, doubled after each (default 1000). */
  backoffBaseMs: number;
  /** SMS_TIMEOUT_MS: how long one attempt may wait for an answer (default 5000). */
  timeoutMs?: number;
}

export interface SolapiSmsOptions extends SolapiSettings {
  /** Messages on other channels (e-mail) go here. */
  fallback: Notifier;
  log: (line: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => Date;
}

/**
 * Message status codes that refuse the message itself (docs: message-status-codes), refused again however
 * often it is sent: 1062 발신번호 미등록 (registering a sender takes documents and days, beyond the outboxes'
 * hours of retries), 1013 a title on an SMS, 1014 a title over 40 bytes, 1025 a bad type, 1029 a character
 * outside EUC-KR, 1031 over 90 / 2,000 bytes. A status not listed here is tried again: giving up a security
 * notice on a refusal we cannot read (a balance run out?) costs more than a few more attempts.
 */
const PERMANENT_STATUS = new Set(['1062', '1013', '1014', '1025', '1029', '1031']);

/**
 * Whether SOLAPI's refusal is of the message itself, so another attempt is refused again: a listed status code
 * in a 200 (PERMANENT_STATUS), or a 400 in SOLAPI's error shape (ValidationError: a malformed number). Not an
 * account's 403 (InvalidAPIKey, SignatureDoesNotMatch, RequestTimeTooSkewed: mended on our side, the same
 * message goes through), nor a 4xx without SOLAPI's body (`HTTP_4xx`: a proxy's page says nothing of the message).
 */
export function permanentSolapiRefusal(r: { httpStatus: number; code: string }): boolean {
  if (r.httpStatus === 200) return PERMANENT_STATUS.has(r.code);
  return r.httpStatus === 400 && !r.code.startsWith('HTTP_');
}

/** A message the gateway will not take as it is: this send is not retried. */
export class SmsRejectedError extends Error {
  /** The provider's errorCode or message status code (e.g. 1062, SignatureDoesNotMatch). */
  readonly code: string;
  /** Refused for what the message is (number, sender, text): sent again, refused again (permanentSolapiRefusal). */
  readonly permanent: boolean;
  constructor(message: string, code: string, permanent = false) {
    super(message);
    this.name = 'SmsRejectedError';
    this.code = code;
    this.permanent = permanent;
  }
}

/** The gateway could not be reached or kept failing for every attempt. */
export class SmsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmsUnavailableError';
  }
}


/** A provider's words may echo the number back: mask every run of 8+ digits (hyphens allowed) before logging them. */
function scrub(text: string): string {
  return text.replace(/\d[\d-]{6,}\d/g, (m) => (m.replace(/\D/g, '').length >= 8 ? maskPhone(m) : m)).slice(0, 200);
}

export function solapiAuthorization(apiKey: string, apiSecret: string, date: Date, salt = crypto.randomBytes(16).toString('hex')): string {
  // ISO 8601 without milliseconds, as the documentation's example (2019-07-01T00:41:48Z).
  const iso = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const signature = crypto.createHmac('sha256', apiSecret).update(iso + salt).digest('hex');
  return `HMAC-SHA256 apiKey=${apiKey}, date=${iso}, salt=${salt}, signature=${signature}`;
}

export interface SolapiMessage {
  to: string;
  from: string;
  text: string;
  type: 'SMS' | 'LMS';
  subject?: string;
}

/**
 * The message as SOLAPI takes it: SMS up to 90 EUC-KR bytes, else LMS with a title of at most 40
 * bytes and a text of at most 2,000; characters EUC-KR cannot encode become '?' (the gateway
 * would refuse the whole message, status 1029).
 */
export function solapiMessage(m: { recipient: string; subject: string; body: string }, sender: string): { message: SolapiMessage; replaced: number; truncated: boolean } {
  const body = toEucKrRepertoire(m.body);
  const to = m.recipient.replace(/\D/g, '');
  const from = sender.replace(/\D/g, '');
  if (eucKrBytes(body.text) <= SMS_MAX_BYTES) return { message: { to, from, text: body.text, type: 'SMS' }, replaced: body.replaced, truncated: false };
  const subject = toEucKrRepertoire(m.subject);
  const text = truncateEucKr(body.text, LMS_MAX_BYTES);
  return {
    message: { to, from, text, type: 'LMS', subject: truncateEucKr(subject.text, LMS_SUBJECT_MAX_BYTES) },
    replaced: body.replaced + subject.replaced,
    truncated: text.length < body.text.length,
  };
}

type Outcome = { kind: 'sent'; messageId: string } | { kind: 'refused'; code: string; why: string; permanent: boolean } | { kind: 'transient'; why: string };

export function solapiSms(o: SolapiSmsOptions): Notifier {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? (() => new Date());
  const url = o.apiBase.replace(/\/+$/, '') + SOLAPI_SEND_PATH; // a base with a path (a proxy) keeps it
  const timeoutMs = o.timeoutMs ?? 5000;

  async function attempt(message: SolapiMessage): Promise<Outcome> {
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { authorization: solapiAuthorization(o.apiKey, o.apiSecret, now()), 'content-type': 'application/json' },
        body: JSON.stringify({ message }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      return { kind: 'transient', why: (e as Error).name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : `network error${cause ? ` ${cause}` : ''}` };
    }
    const text = await res.text().catch(() => '');
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      /* not JSON: a proxy's page */
    }
    const errorCode = typeof json.errorCode === 'string' ? json.errorCode : `HTTP_${res.status}`;
    const errorMessage = typeof json.errorMessage === 'string' ? `: ${scrub(json.errorMessage)}` : '';
    if (res.status >= 500 || res.status === 429) return { kind: 'transient', why: `HTTP ${res.status} ${errorCode}${errorMessage}` };
    if (!res.ok) return { kind: 'refused', code: errorCode, why: `HTTP ${res.status} ${errorCode}${errorMessage}`, permanent: permanentSolapiRefusal({ httpStatus: res.status, code: errorCode }) };
    const statusCode = String(json.statusCode ?? '');
    const statusMessage = typeof json.statusMessage === 'string' ? ` ${scrub(json.statusMessage.trim())}` : '';
    if (ACCEPTED.has(statusCode)) return { kind: 'sent', messageId: String(json.messageId ?? '') };
    if (PROVIDER_FAULT.has(statusCode)) return { kind: 'transient', why: `status ${statusCode}${statusMessage}` };
    return { kind: 'refused', code: statusCode || 'UNKNOWN', why: `status ${statusCode || '(none)'}${statusMessage}`, permanent: permanentSolapiRefusal({ httpStatus: 200, code: statusCode }) };
  }

  return {
    async send(m: OutgoingMessage) {
      if (m.channel !== 'sms') return o.fallback.send(m);
      const to = maskPhone(m.recipient);
      const built = solapiMessage(m, o.sender);
      if (built.replaced > 0) o.log(`sms to ${to}: ${built.replaced} character(s) EUC-KR cannot encode sent as '?'`);
      if (built.truncated) o.log(`sms to ${to}: text cut to ${LMS_MAX_BYTES} bytes (LMS limit)`);
      for (let i = 1; ; i++) {
        const r = await attempt(built.message);
        if (r.kind === 'sent') return;
        if (r.kind === 'refused') {
          const line = `sms to ${to}: refused by SOLAPI (${r.why}); not retried${r.permanent ? ' (permanent)' : ''}`;
          o.log(line);
          throw new SmsRejectedError(line, r.code, r.permanent);
        }
        if (i >= o.maxAttempts) {
          const line = `sms to ${to}: SOLAPI unavailable after ${i} attempt(s) (${r.why}); given up`;
          o.log(line);
          throw new SmsUnavailableError(line);
        }
        const wait = o.backoffBaseMs * 2 ** (i - 1);
        o.log(`sms to ${to}: attempt ${i}/${o.maxAttempts} failed (${r.why}); retrying in ${wait} ms`);
        await sleep(wait);
      }
    },
  };
}
