// The platform with SMS_PROVIDER=solapi against the SOLAPI emulator over real HTTP: the PCCC
// holder's one-time code and usage alerts leave through the gateway protocol (nothing is stored
// in the local notifications table), the code read from what the gateway took completes the
// verification (a gateway that fails answers 503 SMS_NOT_SENT), and a gateway that keeps failing reaches the holder notifier's onError with the
// number masked while the declaration is still accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSolapiEmulator, type SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

const KEY = 'NCSINTEGRATION01';
const SECRET = 'integration-secret-0123456789';
const SENDER = '1588-0000';
const NAME = '김하나';
const PHONE = '010-9876-5432';

let emu: SolapiEmulator;
let t: TestPlatform;
let pccc = '';
const lines: string[] = [];

beforeAll(async () => {
  emu = await startSolapiEmulator({ accounts: [{ apiKey: KEY, apiSecret: SECRET }], senders: ['15880000'] });
  t = await startTestPlatform(
    { sms: { provider: 'solapi', apiKey: KEY, apiSecret: SECRET, sender: SENDER.replace(/-/g, ''), apiBase: emu.url, maxAttempts: 2, backoffBaseMs: 1, timeoutMs: 5000 } },
    { log: (l) => lines.push(l) },
  );
  const officer = await t.officer('officer-sms');
  const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: NAME, phone: PHONE, postcodes: ['06236'] } });
  expect(issued.status).toBe(201);
  pccc = issued.body.pccc;
});
afterAll(async () => {
  await t?.close();
  await emu?.close();
});

describe('SMS through the SOLAPI protocol', () => {
  it('delivers the one-time code through the gateway, and the code completes the verification', async () => {
    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name: NAME, phone: PHONE, postcode: '06236' } });
    expect(start.status).toBe(201);
    const sent = emu.messages.filter((m) => m.to === '01098765432' && m.text.includes('인증번호'));
    expect(sent).toHaveLength(1);
    // The code's text is over 90 EUC-KR bytes: an LMS, titled with the message's subject.
    expect(sent[0]).toMatchObject({ from: '15880000', type: 'LMS', subject: '[통관] 인증번호' });
    const code = /인증번호 (\d{6})/.exec(sent[0]!.text)![1]!;
    const done = await api(t.base, 'POST', `/api/v1/consumer/verification/${start.body.challengeId}/complete`, { body: { code } });
    expect(done.status).toBe(200);
    expect(done.body.pccc).toBe(pccc);
    // Nothing went to the local store: the demo inbox is for SMS_PROVIDER=database.
    const local = await t.db.pool.query(`SELECT count(*)::int AS n FROM notifications WHERE channel = 'sms'`);
    expect(local.rows[0].n).toBe(0);
  });

  it('answers 503 SMS_NOT_SENT when the gateway refuses the code, instead of a 500 or a code nobody got', async () => {
    emu.failNext(2, 500); // both attempts (maxAttempts 2)
    const start = await api(t.base, 'POST', '/api/v1/consumer/verification', { body: { pccc, name: NAME, phone: PHONE, postcode: '06236' } });
    expect([start.status, start.body.error.code]).toEqual([503, 'SMS_NOT_SENT']);
    expect(start.body.error.ko).toContain('인증번호 문자를 보내지 못했습니다');
  });

  it('alerts the holder of a declaration under their PCCC through the gateway', async () => {
    const mall = await t.operator('SMSMALL');
    const before = emu.messages.length;
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: mall.key,
      body: { declarations: [declaration('SMS-1', { consignee: { name: NAME, pccc, phone: PHONE, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } })] },
    });
    expect(r.body.results[0].status).toBe('accepted');
    await t.platform.pcccChangeNotices.drain(); // queued with the declaration, sent by the notices' worker
    const alerts = emu.messages.slice(before).filter((m) => m.to === '01098765432');
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts.some((m) => m.text.includes('개인통관고유부호로 통관 신고'))).toBe(true);
  });

  it('a gateway that keeps failing is retried a bounded number of times per send and logged by the notices’ worker, masked; the alert stays queued for the next try', async () => {
    const mall = await t.operator('SMSMALL2');
    lines.length = 0;
    const requests = emu.requests.length;
    emu.failNext(100, 503);
    try {
      const r = await api(t.base, 'POST', '/api/v1/declarations', {
        token: mall.key,
        body: { declarations: [declaration('SMS-2', { consignee: { name: NAME, pccc, phone: PHONE, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } })] },
      });
      expect(r.body.results[0].status).toBe('accepted');
      await t.platform.pcccChangeNotices.drain();
    } finally {
      emu.failNext(0);
    }
    // maxAttempts 2 per send: every alert was tried twice, none more.
    const tried = emu.requests.slice(requests);
    expect(tried.length % 2).toBe(0);
    expect(tried.length).toBeGreaterThan(0);
    const log = lines.join('\n');
    expect(log).toMatch(/PCCC change notice \d+ \(declaration_filed, sms\): attempt 1 failed: sms to 010-\*\*\*\*-5432: SOLAPI unavailable after 2 attempt\(s\)/);
    // Not lost: the SMS row waits for its next try (1 min later), not given up (a 503 is not permanent).
    const queued = await t.db.pool.query(`SELECT status, attempts FROM pccc_change_notices WHERE kind = 'declaration_filed' AND channel = 'sms' AND pccc = $1 ORDER BY id DESC LIMIT 1`, [pccc]);
    expect(queued.rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(log).not.toContain('9876-5432');
    expect(log).not.toContain('01098765432');
  });
});
