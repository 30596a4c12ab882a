// Environment, read once. Everything else receives a Config value.
import path from 'node:path';
import type { SolapiSettings } from './adapters/notifications/solapi-sms.ts';

/** The Korea Customs Service as partner administrations know it. */
export const DEFAULT_EXCHANGE_SENDER = { code: 'KR', country: 'KR' } as const;

/** A PostgreSQL server named for people: host:port/database of DATABASE_URL, never its user or password; null when it is not a URL. */
export function databaseServerName(databaseUrl: string): string | null {
  try {
    const u = new URL(databaseUrl);
    return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
  } catch {
    return null;
  }
}

export interface Config {
  port: number;
  host: string;
  /** A PostgreSQL server; when absent an embedded PostgreSQL 15 runs from `dataDir/pgdata`. */
  databaseUrl: string | null;
  dataDir: string;
  /** Folder with the versioned reference files (data/*.json). */
  referenceDir: string;
  /**
   * Demo mode: public demo logins, the local notification inbox with its one-time codes
   * (/api/v1/demo/notifications), the demo UNI-PASS keys, demo deposits. TONGGWAN_DEMO; unset, on
   * only for the embedded database (no DATABASE_URL): a server is where real data may live.
   */
  demo: boolean;
  /** Where `demo` came from: TONGGWAN_DEMO, or the default of the database (the start banner says which). */
  demoSource?: 'env' | 'default';
  /** Seed demo data (with the public demo logins and API keys) into an empty database. SEED_DEMO; unset, as `demo`. */
  seedDemo: boolean;
  demoDeclarations: number;
  webhookBackoffBaseMs: number;
  webhookMaxAttempts: number;
  webhookPollMs: number;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks and Web Push endpoints may target loopback, private and link-local addresses (default: in demo mode only; adapters/webhooks/target-policy.ts). */
  webhookAllowPrivate: boolean;
  logLevel: string;
  /** Run the risk-scoring worker in this process (default true; false when another process scores). */
  riskWorker?: boolean;
  /** Declarations intake hands to the scoring worker in memory, at most (about 2.7 KB each; default 50,000); beyond, the worker reads them back. */
  riskHandoff?: number;
  /** The risk exchange's sender: our code as partner administrations register us, and our country (docs/risk-exchange.md). Default DEFAULT_EXCHANGE_SENDER. */
  exchangeSender?: { code: string; country: string };
  /** WebAuthn relying party (issue 6): RP ID (default localhost, a secure context over http) and exact origins (default: any on the RP ID host). */
  webauthnRpId?: string;
  webauthnOrigins?: string[];
  /** The portal's public address for consent deep links and QR codes; default: the request's origin when its Host is a loopback name, else http://localhost:<port> (src/http/public-origin.ts). */
  publicUrl?: string | null;
  /** SMTP for e-mail alerts (smtp://user:pass@host:587); default: messages are stored locally. */
  smtpUrl?: string | null;
  mailFrom?: string;
  vapidSubject?: string;
  /** SECRET_KEY: the key that encrypts webhook secrets and the platform's private keys at rest; default: `dataDir/secret.key`, created at first start. */
  secretKey?: string | null;
  /** The declaration event stream to NATS JetStream (docs/event-stream.md): on only when NATS_URL is set. */
  eventStream?: EventStreamConfig | null;
  /** SMS to PCCC holders (one-time codes, alerts): SMS_PROVIDER; default (absent) 'database', the local store the demo shows. */
  sms?: SmsConfig;
  /** The payment gateway of tax payments (PAYMENT_PROVIDER): the Toss Payments protocol emulator on a loopback port (default), or Toss Payments. */
  payments?: PaymentConfig;
  /** Tests only: how often a live stream re-checks its session (default 25 s). */
  streamSessionCheckMs?: number;
  /** LOOKUP_RATE_LIMIT: public lookups (by cargo number, by B/L) a minute per client address without credentials; 0: no limit (default PUBLIC_LOOKUPS_PER_MINUTE, src/http/routes/lookups.ts). */
  lookupRateLimit?: number;
  /**
   * The UNI-PASS-compatible routes' limits a minute (src/http/unipass/limits.ts, defaults there): UNIPASS_RATE_LIMIT
   * per key on the lookups (API001/012/018/030), UNIPASS_PCCC_RATE_LIMIT per key on API028 (0: not limited), and
   * UNIPASS_WRONG_KEY_RATE_LIMIT per client address without a valid key (at least 1).
   */
  unipassRateLimits?: { lookupsPerKey?: number; pcccChecksPerKey?: number; wrongKeysPerAddress?: number };
  /** Tests only: false lets every request past the per-route rate limits (a fuzz test sends thousands from one address). */
  rateLimits?: boolean;
  /**
   * TRUST_PROXY: behind a reverse proxy, whose X-Forwarded-For to believe for the client's address (Fastify's
   * trustProxy): `true` (any), or the proxies' addresses/CIDRs separated by commas. Unset: none, as a client could
   * otherwise name any address and slip the per-address limits (sign-in, verification, public lookups).
   */
  trustProxy?: boolean | string;
}

export interface EventStreamConfig {
  /** NATS_URL, e.g. nats://127.0.0.1:4222 (several servers: comma-separated). */
  url: string;
  /** NATS_STREAM: the JetStream stream, created when missing (default TONGGWAN_EVENTS). */
  stream: string;
  /** NATS_SUBJECT_PREFIX: subjects are `<prefix>.<operator code>.<event type>` (default tonggwan.declaration). */
  subjectPrefix: string;
  /** NATS_STREAM_START: at the relay's very first start, begin with events from then on ('now', default) or with every stored event ('all'). */
  start: 'now' | 'all';
  /** NATS_DUPLICATE_WINDOW_S: how long JetStream drops a re-sent event id, set when the stream is created (default 30 minutes). */
  duplicateWindowMs: number;
  /** How often the relay looks for committed events when not woken by a commit of this process (default 1 s). */
  pollMs?: number;
  /** Tests only: the longest wait between attempts while NATS is unreachable (default 30 s). */
  retryMaxMs?: number;
}

/**
 * SMS_PROVIDER=database (default): messages are stored in the notifications table (the demo inbox).
 * SMS_PROVIDER=solapi: SOLAPI Messages API v4 (src/adapters/notifications/solapi-sms.ts) with
 * SOLAPI_API_KEY, SOLAPI_API_SECRET and SMS_SENDER, the 발신번호 registered in the SOLAPI console.
 */
export type SmsConfig = { provider: 'database' } | ({ provider: 'solapi' } & SolapiSettings & { timeoutMs: number });

const SMS_PROVIDERS = ['database', 'solapi'] as const;

function smsOf(env: NodeJS.ProcessEnv): SmsConfig {
  const provider = env.SMS_PROVIDER || 'database';
  if (provider === 'database') return { provider };
  if (provider !== 'solapi') {
    throw new Error(`SMS_PROVIDER=${provider}: 지원하는 값은 ${SMS_PROVIDERS.join(', ')}입니다 / supported values: ${SMS_PROVIDERS.join(', ')}`);
  }
  const missing = ['SOLAPI_API_KEY', 'SOLAPI_API_SECRET', 'SMS_SENDER'].filter((k) => !env[k]);
  if (missing.length > 0) {
    throw new Error(
      `SMS_PROVIDER=solapi: ${missing.join(', ')}이(가) 없어 시작할 수 없습니다. SOLAPI 콘솔에서 발급한 API Key·Secret과 사전 등록한 발신번호를 설정하세요 / ` +
        `cannot start without ${missing.join(', ')}: set the API key and secret issued in the SOLAPI console and the sender number registered there`,
    );
  }
  const sender = env.SMS_SENDER!.replace(/-/g, '');
  if (!/^\d{8,12}$/.test(sender)) throw new Error(`SMS_SENDER: 8~12자리 전화번호여야 합니다 / a phone number of 8 to 12 digits: ${env.SMS_SENDER}`);
  const apiBase = env.SMS_API_BASE || 'https://api.solapi.com';
  if (!/^https?:\/\//.test(apiBase)) throw new Error(`SMS_API_BASE: http(s) 주소여야 합니다 / an http(s) URL: ${apiBase}`);
  const maxAttempts = intOf(env, 'SMS_MAX_ATTEMPTS', 3);
  if (maxAttempts < 1 || maxAttempts > 10) throw new Error(`SMS_MAX_ATTEMPTS: 1~10: ${maxAttempts}`);
  return {
    provider,
    apiKey: env.SOLAPI_API_KEY!,
    apiSecret: env.SOLAPI_API_SECRET!,
    sender,
    apiBase,
    maxAttempts,
    backoffBaseMs: intOf(env, 'SMS_BACKOFF_BASE_MS', 1000),
    timeoutMs: intOf(env, 'SMS_TIMEOUT_MS', 5000),
  };
}

/** timeoutMs: one request to the gateway (TOSS_TIMEOUT_MS, default 15 s). */
export type PaymentConfig = { provider: 'emulator'; timeoutMs?: number } | { provider: 'toss'; secretKey: string; apiBase: string; timeoutMs?: number };

/** PAYMENT_PROVIDER=toss needs TOSS_SECRET_KEY (never in the repository); TOSS_API_BASE defaults to the real API. */
function paymentsOf(env: NodeJS.ProcessEnv): PaymentConfig {
  const provider = env.PAYMENT_PROVIDER || 'emulator';
  const timeoutMs = env.TOSS_TIMEOUT_MS ? intOf(env, 'TOSS_TIMEOUT_MS', 15_000) : undefined;
  if (provider === 'emulator') return { provider, ...(timeoutMs ? { timeoutMs } : {}) };
  if (provider !== 'toss') throw new Error(`PAYMENT_PROVIDER: 'toss' 또는 'emulator'만 쓸 수 있습니다 / 'toss' or 'emulator' only: ${provider}`);
  const secretKey = env.TOSS_SECRET_KEY?.trim();
  if (!secretKey) {
    throw new Error(
      'PAYMENT_PROVIDER=toss 인데 TOSS_SECRET_KEY가 없습니다. 토스페이먼츠 개발자센터의 시크릿 키(시험용 test_sk_…, 운영용 live_sk_…)를 환경 변수로 넣으세요. ' +
        '/ PAYMENT_PROVIDER=toss needs TOSS_SECRET_KEY: set the secret key from the Toss Payments developer centre (test_sk_… for the sandbox, live_sk_… for live payments).',
    );
  }
  return { provider: 'toss', secretKey, apiBase: env.TOSS_API_BASE || 'https://api.tosspayments.com', ...(timeoutMs ? { timeoutMs } : {}) };
}

/** Stream names may not hold `.`, `*`, `>` or spaces; subject tokens likewise, joined by dots. */
function eventStreamOf(env: NodeJS.ProcessEnv): EventStreamConfig | null {
  if (!env.NATS_URL) return null;
  const stream = env.NATS_STREAM || 'TONGGWAN_EVENTS';
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(stream)) throw new Error(`NATS_STREAM: letters, digits, _ and - only: ${stream}`);
  const subjectPrefix = env.NATS_SUBJECT_PREFIX || 'tonggwan.declaration';
  if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(subjectPrefix)) throw new Error(`NATS_SUBJECT_PREFIX: dot-separated tokens of letters, digits, _ and -: ${subjectPrefix}`);
  const start = env.NATS_STREAM_START || 'now';
  if (start !== 'now' && start !== 'all') throw new Error(`NATS_STREAM_START: 'now' or 'all': ${start}`);
  return { url: env.NATS_URL, stream, subjectPrefix, start, duplicateWindowMs: intOf(env, 'NATS_DUPLICATE_WINDOW_S', 1800) * 1000 };
}

function intOf(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  // named: "not an integer: abc" left the reader to guess which of twenty settings
  if (!Number.isInteger(n)) throw new Error(`${name}: 정수여야 합니다 / an integer: ${value}`);
  return n;
}

function nonNegative(env: NodeJS.ProcessEnv, name: string): number {
  const n = intOf(env, name, 0);
  if (n < 0) throw new Error(`${name}: 0 이상이어야 합니다 / 0 or more: ${n}`);
  return n;
}

/** Keys cannot be guessed without a limit: 0 is refused. */
function positive(env: NodeJS.ProcessEnv, name: string): number {
  const n = intOf(env, name, 0);
  if (n < 1) throw new Error(`${name}: 1 이상이어야 합니다 / 1 or more: ${n}`);
  return n;
}

function boolOf(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(value.toLowerCase());
}

/** The start banner's line on demo mode: on or off, and why. */
/**
 * DATABASE_URL as the pg driver reads it: a postgres:// or postgresql:// URL. Anything else the
 * driver takes for a host name ("foo" → getaddrinfo ENOTFOUND base), so it is refused here, by name.
 */
function databaseUrlOf(value: string | undefined): string | null {
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:')) {
    throw new Error(`DATABASE_URL: postgres://사용자@호스트:포트/데이터베이스 형식이어야 합니다 / a URL such as postgres://user@host:5432/database`);
  }
  return value;
}

export function demoModeLine(config: Pick<Config, 'demo' | 'demoSource' | 'databaseUrl'>): string {
  const why =
    config.demoSource === 'env'
      ? `TONGGWAN_DEMO=${config.demo ? '1' : '0'}`
      : config.databaseUrl
        ? 'DATABASE_URL is set; TONGGWAN_DEMO=1 turns it on'
        : 'the embedded database; TONGGWAN_DEMO=0 turns it off';
  return config.demo
    ? `  Demo mode         on (${why}): public demo logins; one-time codes readable at /api/v1/demo/notifications — never with real data`
    : `  Demo mode         off (${why})`;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const root = path.resolve(import.meta.dirname, '..');
  const databaseUrl = databaseUrlOf(env.DATABASE_URL);
  // Demo mode shows one-time codes and accepts public logins: on by default only with the
  // embedded database (a local try-out); with a server (DATABASE_URL) only when asked for.
  const demoSource = env.TONGGWAN_DEMO !== undefined && env.TONGGWAN_DEMO !== '' ? 'env' : 'default';
  const demo = boolOf(env.TONGGWAN_DEMO, databaseUrl === null);
  return {
    port: intOf(env, 'PORT', 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || path.join(root, '.tonggwan')),
    referenceDir: path.resolve(env.REFERENCE_DIR || path.join(root, 'data')),
    demo,
    demoSource,
    seedDemo: boolOf(env.SEED_DEMO, demo),
    demoDeclarations: intOf(env, 'DEMO_DECLARATIONS', 3000),
    webhookBackoffBaseMs: intOf(env, 'WEBHOOK_BACKOFF_BASE_MS', 2000),
    webhookMaxAttempts: intOf(env, 'WEBHOOK_MAX_ATTEMPTS', 10),
    webhookPollMs: intOf(env, 'WEBHOOK_POLL_MS', 500),
    webhookAllowPrivate: boolOf(env.WEBHOOK_ALLOW_PRIVATE, demo),
    logLevel: env.LOG_LEVEL || 'warn',
    riskWorker: boolOf(env.RISK_WORKER, true),
    riskHandoff: env.RISK_HANDOFF ? intOf(env, 'RISK_HANDOFF', 0) : undefined, // the worker's default (RISK_HANDOFF_DEFAULT)
    exchangeSender: { code: env.EXCHANGE_SENDER_CODE || DEFAULT_EXCHANGE_SENDER.code, country: (env.EXCHANGE_SENDER_COUNTRY || DEFAULT_EXCHANGE_SENDER.country).toUpperCase() },
    webauthnRpId: env.WEBAUTHN_RP_ID || 'localhost',
    webauthnOrigins: (env.WEBAUTHN_ORIGINS || '').split(',').map((o) => o.trim()).filter(Boolean),
    publicUrl: env.PUBLIC_URL || null,
    smtpUrl: env.SMTP_URL || null,
    mailFrom: env.MAIL_FROM || 'Tonggwan 통관 <no-reply@tonggwan.invalid>',
    vapidSubject: env.VAPID_SUBJECT || 'mailto:security@tonggwan.invalid',
    secretKey: env.SECRET_KEY || null,
    eventStream: eventStreamOf(env),
    sms: smsOf(env),
    payments: paymentsOf(env),
    ...(env.LOOKUP_RATE_LIMIT ? { lookupRateLimit: nonNegative(env, 'LOOKUP_RATE_LIMIT') } : {}),
    ...unipassRateLimitsOf(env),
    ...(env.TRUST_PROXY ? { trustProxy: trustProxyOf(env.TRUST_PROXY) } : {}),
  };
}

function unipassRateLimitsOf(env: NodeJS.ProcessEnv): Pick<Config, 'unipassRateLimits'> {
  const limits = {
    ...(env.UNIPASS_RATE_LIMIT ? { lookupsPerKey: nonNegative(env, 'UNIPASS_RATE_LIMIT') } : {}),
    ...(env.UNIPASS_PCCC_RATE_LIMIT ? { pcccChecksPerKey: nonNegative(env, 'UNIPASS_PCCC_RATE_LIMIT') } : {}),
    ...(env.UNIPASS_WRONG_KEY_RATE_LIMIT ? { wrongKeysPerAddress: positive(env, 'UNIPASS_WRONG_KEY_RATE_LIMIT') } : {}),
  };
  return Object.keys(limits).length ? { unipassRateLimits: limits } : {};
}

function trustProxyOf(value: string): boolean | string {
  const v = value.trim();
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  return v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .join(',');
}
