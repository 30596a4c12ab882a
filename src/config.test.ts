// SMS settings: the default keeps messages local; SOLAPI without its keys refuses to start, in
// Korean and English, naming what is missing.
import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

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
});
