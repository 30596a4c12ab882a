// Settings read once: SMS (the default keeps messages local; SOLAPI without its keys refuses to start,
// naming what is missing) and the payment gateway (PAYMENT_PROVIDER, TOSS_SECRET_KEY, TOSS_API_BASE).
import { describe, expect, it } from 'vitest';
import { demoModeLine, readConfig } from './config.ts';

describe('SMS_PROVIDER', () => {
  it('defaults to the local store', () => {
    expect(readConfig({}).sms).toEqual({ provider: 'database' });
  });

  it('solapi without its keys refuses to start, saying what is missing in both languages', () => {
    const e = (() => {
      try {
        readConfig({ SMS_PROVIDER: 'solapi', SOLAPI_API_KEY: 'NCSKEY' });
      } catch (x) {
        return x as Error;
      }
    })();
    expect(e?.message).toContain('SOLAPI_API_SECRET, SMS_SENDER');
    expect(e?.message).toContain('시작할 수 없습니다');
    expect(e?.message).toContain('cannot start without');
  });

  it('solapi with its keys: the sender as digits, the real base URL unless SMS_API_BASE says otherwise', () => {
    const env = { SMS_PROVIDER: 'solapi', SOLAPI_API_KEY: 'NCSKEY', SOLAPI_API_SECRET: 'secret', SMS_SENDER: '02-930-2266' };
    expect(readConfig(env).sms).toEqual({ provider: 'solapi', apiKey: 'NCSKEY', apiSecret: 'secret', sender: '029302266', apiBase: 'https://api.solapi.com', maxAttempts: 3, backoffBaseMs: 1000, timeoutMs: 5000 });
    expect(readConfig({ ...env, SMS_API_BASE: 'http://127.0.0.1:4010' }).sms).toMatchObject({ apiBase: 'http://127.0.0.1:4010' });
    expect(() => readConfig({ ...env, SMS_SENDER: '02-93' })).toThrow(/SMS_SENDER/);
  });

  it('an unknown provider is refused with the supported values', () => {
    expect(() => readConfig({ SMS_PROVIDER: 'nhn' })).toThrow(/database, solapi/);
  });

  it('a number setting that is not an integer is refused naming the setting (it said "not an integer: 3s")', () => {
    expect(() => readConfig({ WEBHOOK_POLL_MS: '3s' })).toThrow('WEBHOOK_POLL_MS: 정수여야 합니다 / an integer: 3s');
    expect(() => readConfig({ PORT: '80.5' })).toThrow('PORT: 정수여야 합니다 / an integer: 80.5');
  });
});


describe('payment gateway settings', () => {
  it('default to the Toss Payments protocol emulator', () => {
    expect(readConfig({}).payments).toEqual({ provider: 'emulator' });
    expect(readConfig({ PAYMENT_PROVIDER: 'emulator', TOSS_TIMEOUT_MS: '2000' }).payments).toEqual({ provider: 'emulator', timeoutMs: 2000 });
  });

  it('take Toss with its secret key, against the real API unless TOSS_API_BASE says otherwise', () => {
    expect(readConfig({ PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: 'test_sk_abc' }).payments).toEqual({ provider: 'toss', secretKey: 'test_sk_abc', apiBase: 'https://api.tosspayments.com' });
    expect(readConfig({ PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: 'test_sk_abc', TOSS_API_BASE: 'http://127.0.0.1:9' }).payments).toMatchObject({ apiBase: 'http://127.0.0.1:9' });
  });

  it('refuse to start with Toss and no secret key, saying so in Korean and English', () => {
    expect(() => readConfig({ PAYMENT_PROVIDER: 'toss' })).toThrow(/TOSS_SECRET_KEY가 없습니다.*needs TOSS_SECRET_KEY/);
    expect(() => readConfig({ PAYMENT_PROVIDER: 'toss', TOSS_SECRET_KEY: '  ' })).toThrow(/TOSS_SECRET_KEY/);
    expect(() => readConfig({ PAYMENT_PROVIDER: 'paypal' })).toThrow(/PAYMENT_PROVIDER/);
  });
});

describe('TONGGWAN_DEMO (public logins, one-time codes in the demo inbox)', () => {
  const SERVER = 'postgres://postgres@127.0.0.1:5432/test';
  const mode = (env: NodeJS.ProcessEnv) => {
    const c = readConfig(env);
    return { demo: c.demo, seedDemo: c.seedDemo, webhookAllowPrivate: c.webhookAllowPrivate, line: demoModeLine(c) };
  };

  it('unset: on with the embedded database, off with a server (DATABASE_URL), and the banner says why', () => {
    expect(mode({})).toEqual({ demo: true, seedDemo: true, webhookAllowPrivate: true, line: expect.stringMatching(/^ {2}Demo mode {9}on \(the embedded database; TONGGWAN_DEMO=0 turns it off\): public demo logins; one-time codes readable at \/api\/v1\/demo\/notifications/) });
    expect(mode({ DATABASE_URL: SERVER })).toEqual({ demo: false, seedDemo: false, webhookAllowPrivate: false, line: '  Demo mode         off (DATABASE_URL is set; TONGGWAN_DEMO=1 turns it on)' });
    expect(mode({ DATABASE_URL: SERVER, TONGGWAN_DEMO: '' }).demo).toBe(false); // empty is unset
  });

  it('set, it decides on either database; SEED_DEMO and WEBHOOK_ALLOW_PRIVATE follow it unless set themselves', () => {
    expect(mode({ DATABASE_URL: SERVER, TONGGWAN_DEMO: '1' })).toEqual({ demo: true, seedDemo: true, webhookAllowPrivate: true, line: expect.stringMatching(/^ {2}Demo mode {9}on \(TONGGWAN_DEMO=1\)/) });
    expect(mode({ TONGGWAN_DEMO: '0' })).toEqual({ demo: false, seedDemo: false, webhookAllowPrivate: false, line: '  Demo mode         off (TONGGWAN_DEMO=0)' });
    expect(mode({ DATABASE_URL: SERVER, SEED_DEMO: '1' })).toMatchObject({ demo: false, seedDemo: true, webhookAllowPrivate: false });
    expect(mode({ TONGGWAN_DEMO: 'off', WEBHOOK_ALLOW_PRIVATE: '1' })).toMatchObject({ demo: false, webhookAllowPrivate: true });
  });
});

describe('LOOKUP_RATE_LIMIT', () => {
  it('unset: the route default (300 a minute); 0 turns the limit off; a negative number or a word refuses to start', () => {
    expect(readConfig({}).lookupRateLimit).toBeUndefined();
    expect(readConfig({ LOOKUP_RATE_LIMIT: '0' }).lookupRateLimit).toBe(0);
    expect(readConfig({ LOOKUP_RATE_LIMIT: '1200' }).lookupRateLimit).toBe(1200);
    expect(() => readConfig({ LOOKUP_RATE_LIMIT: '-1' })).toThrow('LOOKUP_RATE_LIMIT: 0 이상이어야 합니다 / 0 or more: -1');
    expect(() => readConfig({ LOOKUP_RATE_LIMIT: 'many' })).toThrow('LOOKUP_RATE_LIMIT: 정수여야 합니다 / an integer: many');
  });
});

describe('UNIPASS_RATE_LIMIT, UNIPASS_PCCC_RATE_LIMIT, UNIPASS_WRONG_KEY_RATE_LIMIT', () => {
  it('unset: the defaults of src/http/unipass/limits.ts; per key 0 turns that limit off; per address at least 1', () => {
    expect(readConfig({}).unipassRateLimits).toBeUndefined();
    expect(readConfig({ UNIPASS_RATE_LIMIT: '1200', UNIPASS_PCCC_RATE_LIMIT: '0', UNIPASS_WRONG_KEY_RATE_LIMIT: '10' }).unipassRateLimits).toEqual({ lookupsPerKey: 1200, pcccChecksPerKey: 0, wrongKeysPerAddress: 10 });
    expect(readConfig({ UNIPASS_PCCC_RATE_LIMIT: '30' }).unipassRateLimits).toEqual({ pcccChecksPerKey: 30 });
    expect(() => readConfig({ UNIPASS_WRONG_KEY_RATE_LIMIT: '0' })).toThrow('UNIPASS_WRONG_KEY_RATE_LIMIT: 1 이상이어야 합니다 / 1 or more: 0');
    expect(() => readConfig({ UNIPASS_PCCC_RATE_LIMIT: '-1' })).toThrow('UNIPASS_PCCC_RATE_LIMIT: 0 이상이어야 합니다 / 0 or more: -1');
  });
});

describe('TRUST_PROXY', () => {
  it('unset: no proxy is believed; true, or the proxies by address/CIDR', () => {
    expect(readConfig({}).trustProxy).toBeUndefined();
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(readConfig({ TRUST_PROXY: ' 10.0.0.7, 10.1.0.0/16 ' }).trustProxy).toBe('10.0.0.7,10.1.0.0/16');
  });
});

describe('DATABASE_URL', () => {
  it('a postgres URL is taken as it is; anything else is refused naming the setting (it said "getaddrinfo ENOTFOUND base")', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).databaseUrl).toBe('postgres://postgres@127.0.0.1:5432/test');
    expect(readConfig({ DATABASE_URL: 'postgresql://u:p@db/x?sslmode=require' }).databaseUrl).toBe('postgresql://u:p@db/x?sslmode=require');
    expect(readConfig({ DATABASE_URL: '' }).databaseUrl).toBeNull();
    for (const bad of ['foo', 'mysql://u@h/db', '127.0.0.1:5432/test']) expect(() => readConfig({ DATABASE_URL: bad })).toThrow(/^DATABASE_URL: .* \/ a URL such as postgres:\/\/user@host:5432\/database$/);
  });
});
