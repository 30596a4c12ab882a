// The SOLAPI adapter against the emulator over real HTTP: SMS or LMS by EUC-KR bytes, the HMAC
// authorization (right and wrong), the registered sender, retries on 5xx and dropped connections,
// none on a refusal, and logs that never hold the whole number or the text.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingMessage } from '../../app/ports.ts';
import { eucKrBytes, toEucKrRepertoire, truncateEucKr } from './euc-kr.ts';
import { holderNotifier } from './holder-notifier.ts';
import { startSolapiEmulator, type SolapiEmulator } from './solapi-emulator.ts';
import { permanentSolapiRefusal, SmsRejectedError, SmsUnavailableError, solapiAuthorization, solapiSms, SOLAPI_SEND_PATH } from './solapi-sms.ts';
import { isPermanentFailure } from '../../app/outbox-pass.ts';
import { maskPhone } from '../../domain/contact-masks.ts';

const KEY = 'NCSTESTKEY000001';
const SECRET = 'test-secret-0123456789abcdef';
const SENDER = '02-930-2266';
const PHONE = '010-1234-5678';
const OTP = '483920';

let emu: SolapiEmulator;
beforeAll(async () => {
  emu = await startSolapiEmulator({ accounts: [{ apiKey: KEY, apiSecret: SECRET }], senders: ['029302266'] });
});
afterAll(async () => emu?.close());
afterEach(() => {
  emu.messages.length = 0;
  emu.requests.length = 0;
});

function adapter(over: Partial<Parameters<typeof solapiSms>[0]> = {}) {
  const lines: string[] = [];
  const waits: number[] = [];
  const stored: OutgoingMessage[] = [];
  const sms = solapiSms({
    apiKey: KEY,
    apiSecret: SECRET,
    sender: SENDER,
    apiBase: emu.url,
    maxAttempts: 3,
    backoffBaseMs: 100,
    fallback: { send: async (m) => void stored.push(m) },
    log: (l) => lines.push(l),
    sleep: async (ms) => void waits.push(ms),
    ...over,
  });
  return { sms, lines, waits, stored };
}

const sms = (body: string, recipient = PHONE): OutgoingMessage => ({ channel: 'sms', recipient, subject: '[통관] 알림', body });

describe('EUC-KR byte count', () => {
  it('counts ASCII as one byte and KS X 1001 Hangul as two', () => {
    // '[' 1 + '통관' 2×2 + ']' 1 + ' ' 1 + '인증번호' 4×2 + ' ' 1 + '123456' 6×1 = 22
    expect(eucKrBytes('[통관] 인증번호 123456')).toBe(22);
    expect(eucKrBytes('가'.repeat(45))).toBe(90); // 45 × 2
    expect(eucKrBytes('a'.repeat(89) + '가')).toBe(91); // 89 × 1 + 1 × 2
    expect(eucKrBytes('·※')).toBe(4); // KS X 1001 symbols are two bytes too
  });

  it('replaces what EUC-KR cannot encode (똠 is UHC, not 완성형; emoji) and truncates on character boundaries', () => {
    expect(toEucKrRepertoire('똠양꿍 🍜 가')).toEqual({ text: '?양꿍 ? 가', replaced: 2 });
    expect(truncateEucKr('가나다', 5)).toBe('가나'); // 2 + 2; the third would make 6
  });
});

describe('SMS or LMS by length, over HTTP', () => {
  it('45 Hangul = 90 bytes goes as SMS, without a title', async () => {
    await adapter().sms.send(sms('가'.repeat(45)));
    expect(emu.messages).toHaveLength(1);
    expect(emu.messages[0]).toMatchObject({ type: 'SMS', bytes: 90, subject: null, to: '01012345678', from: '029302266' });
  });

  it('46 Hangul = 92 bytes goes as LMS with the subject as its title', async () => {
    await adapter().sms.send(sms('가'.repeat(46)));
    expect(emu.messages[0]).toMatchObject({ type: 'LMS', bytes: 92, subject: '[통관] 알림' });
  });

  it('90 ASCII characters are an SMS; 89 ASCII and one Hangul (91 bytes) an LMS', async () => {
    const a = adapter();
    await a.sms.send(sms('a'.repeat(90)));
    await a.sms.send(sms('a'.repeat(89) + '가'));
    expect(emu.messages.map((m) => [m.type, m.bytes])).toEqual([
      ['SMS', 90],
      ['LMS', 91],
    ]);
  });

  it('a character outside EUC-KR is sent as ? instead of the gateway refusing the whole message (1029)', async () => {
    const a = adapter();
    await a.sms.send(sms('똠 배송 알림'));
    expect(emu.messages[0]!.text).toBe('? 배송 알림');
    expect(a.lines.join('\n')).toContain("1 character(s) EUC-KR cannot encode sent as '?'");
  });

  it('e-mail is not sent as SMS: it goes to the fallback', async () => {
    const a = adapter();
    await a.sms.send({ channel: 'email', recipient: 'hana@example.com', subject: 's', body: 'b' });
    expect(a.stored).toHaveLength(1);
    expect(emu.requests).toHaveLength(0);
  });
});

describe('authorization', () => {
  it('signs HMAC-SHA256(secret, date + salt) as the documented example', () => {
    // docs.solapi.com: date 2019-07-01T00:41:48Z, salt jqsba2jxjnrjor; the signature is ours (their secret is not published).
    const h = solapiAuthorization('NCSAYU7YDBXYORXC', 's3cret', new Date('2019-07-01T00:41:48.123Z'), 'jqsba2jxjnrjor');
    expect(h).toMatch(/^HMAC-SHA256 apiKey=NCSAYU7YDBXYORXC, date=2019-07-01T00:41:48Z, salt=jqsba2jxjnrjor, signature=[0-9a-f]{64}$/);
  });

  it('a wrong secret is refused with 403 SignatureDoesNotMatch, once, not retried', async () => {
    const a = adapter({ apiSecret: 'not-the-secret' });
    const e = await a.sms.send(sms('테스트')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsRejectedError);
    expect((e as SmsRejectedError).code).toBe('SignatureDoesNotMatch');
    expect(emu.requests).toEqual([{ status: 403, errorCode: 'SignatureDoesNotMatch', statusCode: null }]);
    expect(emu.messages).toHaveLength(0);
  });

  it('an unknown API key is 403 InvalidAPIKey; a clock 20 minutes off is 403 RequestTimeTooSkewed', async () => {
    await expect(adapter({ apiKey: 'NCSUNKNOWN' }).sms.send(sms('테스트'))).rejects.toMatchObject({ code: 'InvalidAPIKey' });
    await expect(adapter({ now: () => new Date(Date.now() - 20 * 60_000) }).sms.send(sms('테스트'))).rejects.toMatchObject({ code: 'RequestTimeTooSkewed' });
    expect(emu.requests.map((r) => r.status)).toEqual([403, 403]);
  });

  it('a replayed Authorization header is refused (DuplicatedSignature): the adapter signs every attempt anew', async () => {
    const authorization = solapiAuthorization(KEY, SECRET, new Date());
    const post = () =>
      fetch(emu.url + SOLAPI_SEND_PATH, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ message: { to: '01012345678', from: '029302266', text: '한 번' } }),
      });
    expect((await post()).status).toBe(200);
    const again = await post();
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({ errorCode: 'DuplicatedSignature', errorMessage: expect.any(String) });
  });
});

describe('refusals and retries', () => {
  it('an unregistered sender is refused (1062 발신번호 미등록) and not retried', async () => {
    const a = adapter({ sender: '010-9999-0000' });
    const e = await a.sms.send(sms('테스트')).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'SmsRejectedError', code: '1062' });
    expect(emu.requests).toEqual([{ status: 200, errorCode: null, statusCode: '1062' }]);
    expect(a.waits).toEqual([]);
    expect(a.lines.at(-1)).toContain('refused by SOLAPI (status 1062 발신번호 미등록); not retried');
  });

  it('a 4xx (a malformed number) is refused once, not retried', async () => {
    const a = adapter();
    await expect(a.sms.send(sms('테스트', '999-1234-5678'))).rejects.toBeInstanceOf(SmsRejectedError);
    expect(emu.requests).toHaveLength(1);
    expect(emu.requests[0]).toMatchObject({ status: 400, errorCode: 'ValidationError' });
    expect(a.waits).toEqual([]);
  });

  it('503 twice, then taken: three attempts with doubling waits', async () => {
    emu.failNext(2, 503);
    const a = adapter();
    await a.sms.send(sms('세 번째에'));
    expect(emu.requests.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(emu.messages).toHaveLength(1);
    expect(a.waits).toEqual([100, 200]);
  });

  it('a dropped connection is retried like a 5xx', async () => {
    emu.dropNext(1);
    const a = adapter();
    await a.sms.send(sms('다시'));
    expect(emu.requests.map((r) => r.status)).toEqual([0, 200]);
    expect(a.lines[0]).toMatch(/attempt 1\/3 failed \(network error/);
  });

  it('gives up after maxAttempts of 5xx', async () => {
    emu.failNext(10, 502);
    const a = adapter();
    const e = await a.sms.send(sms('안 감')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SmsUnavailableError);
    expect(emu.requests).toHaveLength(3);
    expect(a.waits).toEqual([100, 200]);
    emu.failNext(0);
  });

  it('the holder notifier still gets the refusal through onError and does not throw', async () => {
    const errors: unknown[] = [];
    const a = adapter({ sender: '010-9999-0000' });
    const h = holderNotifier({ sms: a.sms, email: a.sms, push: null, store: {} as never, onError: (e) => errors.push(e) });
    // …and says no channel took it (the one there is, SMS, was refused), for a sender that must try again.
    expect(await h.notify({ phone: PHONE, email: null } as never, { subject: '[통관] 알림', body: '통관 신고가 접수되었습니다.' })).toEqual({ delivered: 0, failed: 1, permanent: 1 });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(SmsRejectedError);
  });
});

describe('permanent refusals (the outboxes give them up at once instead of 10 attempts over hours)', () => {
  const failureOf = (a: ReturnType<typeof adapter>, m: OutgoingMessage) => a.sms.send(m).then(() => null, (e: unknown) => e);

  it('an unregistered sender (200, status 1062) and a malformed number (400 ValidationError) are permanent: sent again they are refused again', async () => {
    const sender = await failureOf(adapter({ sender: '010-9999-0000' }), sms('테스트'));
    expect(sender).toMatchObject({ name: 'SmsRejectedError', code: '1062', permanent: true });
    expect(isPermanentFailure(sender)).toBe(true);
    const number = await failureOf(adapter(), sms('테스트', '999-1234-5678'));
    expect(number).toMatchObject({ name: 'SmsRejectedError', code: 'ValidationError', permanent: true });
    expect(isPermanentFailure(number)).toBe(true);
  });

  it('a refusal of the account (403 SignatureDoesNotMatch: a wrong secret) is refused at once but not permanent: mended on our side, the same message goes through', async () => {
    const e = await failureOf(adapter({ apiSecret: 'not-the-secret' }), sms('테스트'));
    expect(e).toMatchObject({ name: 'SmsRejectedError', code: 'SignatureDoesNotMatch', permanent: false });
    expect(isPermanentFailure(e)).toBe(false);
  });

  it('the gateway down (503 for every attempt) is not permanent', async () => {
    emu.failNext(3, 503);
    const e = await failureOf(adapter(), sms('테스트'));
    expect(e).toBeInstanceOf(SmsUnavailableError);
    expect(isPermanentFailure(e)).toBe(false);
    emu.failNext(0);
  });

  it('by the answer: a status code of the message (1062 sender, 1029 a character, 1031 too long) or a 400 in SOLAPI\'s error shape; not a status it does not list, an account\'s 403, nor a proxy\'s page', () => {
    expect(permanentSolapiRefusal({ httpStatus: 200, code: '1062' })).toBe(true); // {"statusCode":"1062","statusMessage":"발신번호 미등록"}
    expect(permanentSolapiRefusal({ httpStatus: 200, code: '1029' })).toBe(true); // a character outside EUC-KR
    expect(permanentSolapiRefusal({ httpStatus: 200, code: '1031' })).toBe(true); // over 90 / 2,000 bytes
    expect(permanentSolapiRefusal({ httpStatus: 400, code: 'ValidationError' })).toBe(true); // {"errorCode":"ValidationError","errorMessage":"수신번호 형식 오류: …"}
    expect(permanentSolapiRefusal({ httpStatus: 200, code: '9999' })).toBe(false); // a status not on the list (a balance run out?): tried again
    expect(permanentSolapiRefusal({ httpStatus: 403, code: 'InvalidAPIKey' })).toBe(false);
    expect(permanentSolapiRefusal({ httpStatus: 403, code: 'RequestTimeTooSkewed' })).toBe(false); // our clock: mended, it goes through
    expect(permanentSolapiRefusal({ httpStatus: 400, code: 'HTTP_400' })).toBe(false); // no JSON body: a proxy's page says nothing of the message
    expect(permanentSolapiRefusal({ httpStatus: 404, code: 'ResourceNotFound' })).toBe(false); // a base URL wrong on our side
  });
});

describe('logs', () => {
  it('mask the number and never carry the text (a one-time code), on refusals, retries and give-ups alike', async () => {
    const body = `[Tonggwan 통관] 인증번호 ${OTP} (5분 내 입력).`;
    const lines: string[] = [];
    const errors: string[] = [];
    const run = async (over: Partial<Parameters<typeof solapiSms>[0]>, recipient = PHONE) => {
      const a = adapter(over);
      await a.sms.send(sms(body, recipient)).catch((e: unknown) => errors.push((e as Error).message));
      lines.push(...a.lines);
    };
    await run({ sender: '010-9999-0000' }); // refused, 1062
    await run({}, '999-1234-5678'); // refused with a message echoing the number
    emu.failNext(1);
    await run({}); // retried, then taken
    emu.failNext(10);
    await run({}); // given up
    emu.failNext(0);
    const all = [...lines, ...errors].join('\n');
    expect(lines.length).toBeGreaterThanOrEqual(5);
    expect(all).toContain('010-****-5678');
    expect(all).toContain('999-****-5678');
    for (const secret of [OTP, '01012345678', '010-1234-5678', '99912345678', '999-1234-5678', '인증번호']) expect(all).not.toContain(secret);
    expect(maskPhone('01012345678')).toBe('010-****-5678');
  });
});
