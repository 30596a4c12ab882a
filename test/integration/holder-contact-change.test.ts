// The holder changes the mobile number or e-mail address their security notices and usage alerts go to
// (/me/security): a one-time code goes to the NEW number or address, the change is made only when it comes
// back (through the registry: an event, the code used up, in one transaction), and the holder is told at the
// old address as well as the new (migrations/113), so a session taken over cannot point the alerts elsewhere
// unseen. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerSessionOn, registerHolder, startPlatformWithSolapi } from '../support/holder-notices.ts';
import { sendPcccChangeNotices } from '../../src/app/send-pccc-change-notices.ts';
import { PgPcccChangeNotices } from '../../src/adapters/identity/pg-pccc-change-notices.ts';

const KEY = 'NCSCONTACTCHANGE1';
const SECRET = 'contact-change-secret-0123456789';
const SENDER = '15880000';

let emu: SolapiEmulator;
let t: TestPlatform;
let officer: { token: string };
const logged: string[] = [];

beforeAll(async () => {
  ({ t, emu, officer } = await startPlatformWithSolapi({ key: KEY, secret: SECRET, sender: SENDER, officer: 'contact-change-officer', log: logged }));
});
afterAll(async () => {
  await t?.close();
  await emu?.close();
});

const smsTo = (phone: string) => emu.messages.filter((m) => m.to === phone.replace(/\D/g, '')).map((m) => m.text);
const mailTo = async (email: string) => (await t.db.pool.query(`SELECT body FROM notifications WHERE channel = 'email' AND recipient = $1 ORDER BY id`, [email])).rows.map((r) => r.body as string);
const lastCode = (texts: string[]) => /인증번호 (\d{6})/.exec(texts.at(-1) ?? '')?.[1] ?? '';
const holderRow = async (code: string) => (await t.db.pool.query(`SELECT phone, email FROM pccc_holders WHERE pccc = $1`, [code])).rows[0] as { phone: string; email: string | null };
const eventsOf = async (code: string) => (await t.db.pool.query(`SELECT action, actor_kind, detail FROM pccc_registry_events WHERE pccc = $1 ORDER BY id`, [code])).rows;
const noticesOf = async (code: string) =>
  (await t.db.pool.query(`SELECT channel, recipient, change->>'action' AS action, change->>'to' AS "to", text_en FROM pccc_change_notices WHERE pccc = $1 ORDER BY id`, [code])).rows;
/** Passes of the notices' worker until `check` holds (the platform's own worker may have sent some first). */
const delivered = (check: () => Promise<void> | void) =>
  vi.waitFor(
    async () => {
      await sendPcccChangeNotices({ outbox: new PgPcccChangeNotices(t.db.pool), registry: t.platform.deps.identity!.deps.registry, holders: t.platform.deps.identity!.deps.holders, clock: { now: () => new Date() } }, 20);
      await check();
    },
    { timeout: 15_000, interval: 200 },
  );

describe('changing the mobile number', () => {
  it('sends a code to the new number, changes nothing until it comes back, refuses a wrong code or another number, then changes it with an event and tells the old number and the new', async () => {
    const oldPhone = '010-3100-0001';
    const newPhone = '010-3100-0002';
    const code = await registerHolder(t, officer.token, '김연락', oldPhone);
    const token = await consumerSessionOn(t, code);

    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: newPhone } });
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ field: 'phone', sentTo: '010-****-0002' });
    const otp = lastCode(smsTo(newPhone));
    expect(otp).toMatch(/^\d{6}$/);
    // Not sent to the old number; nothing changed yet.
    expect(smsTo(oldPhone).some((m) => m.includes(otp))).toBe(false);
    expect((await holderRow(code)).phone).toBe('01031000001');

    // A wrong code: refused at body.code, nothing changed.
    const wrong = otp === '000000' ? '000001' : '000000';
    const refused = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: started.body.challengeId, phone: newPhone, code: wrong } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ path: 'body.code', code: 'code_invalid' })]);
    // The right code for another number than the one it was sent to: refused (the code proves that number only).
    const other = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: started.body.challengeId, phone: '010-3100-0009', code: otp } });
    expect(other.status).toBe(400);
    expect((await holderRow(code)).phone).toBe('01031000001');

    const done = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: started.body.challengeId, phone: newPhone, code: otp } });
    expect(done.status).toBe(200);
    expect(done.body.phone).toBe('010-****-0002');
    expect((await holderRow(code)).phone).toBe('01031000002');
    // The registry's event, by the holder, with the numbers masked.
    expect((await eventsOf(code)).at(-1)).toEqual({ action: 'phone', actor_kind: 'consumer', detail: { from: '010-****-0001', to: '010-****-0002', otherSessionsEnded: 0 } });
    // Told at the new number (the holder's at the send) and at the old one (kept on its row).
    expect((await noticesOf(code)).map((n) => [n.channel, n.recipient, n.action, n.to])).toEqual([
      ['sms', null, 'phone', '010-****-0002'],
      ['sms', '01031000001', 'phone', '010-****-0002'],
    ]);
    await delivered(() => {
      expect(smsTo(oldPhone).filter((m) => m.includes('Your phone number for customs notices was changed to 010-****-0002'))).toHaveLength(1);
      expect(smsTo(newPhone).filter((m) => m.includes('휴대전화 번호가 010-****-0002(으)로 변경되었습니다'))).toHaveLength(1);
    });

    // The code is used up: the same confirm again is refused.
    const again = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: started.body.challengeId, phone: newPhone, code: otp } });
    expect(again.status).toBe(400);
    expect((await eventsOf(code)).filter((e) => e.action === 'phone')).toHaveLength(1);
  });

  it('refuses an expired code, and a code after five wrong tries even when right', async () => {
    const code = await registerHolder(t, officer.token, '박만료', '010-3200-0001');
    const token = await consumerSessionOn(t, code);
    const a = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: '010-3200-0002' } });
    expect(a.status).toBe(201);
    const otpA = lastCode(smsTo('010-3200-0002'));
    // Expired (5 minutes after it was sent): the challenge's expiry moved to the past.
    await t.db.pool.query(`UPDATE verification_challenges SET expires_at = now() - interval '1 second' WHERE id = $1`, [a.body.challengeId]);
    const expired = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: a.body.challengeId, phone: '010-3200-0002', code: otpA } });
    expect(expired.status).toBe(400);
    expect(expired.body.error.details[0]).toMatchObject({ path: 'body.code', code: 'code_invalid' });

    const b = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: '010-3200-0003' } });
    const otpB = lastCode(smsTo('010-3200-0003'));
    const wrong = otpB === '000000' ? '000001' : '000000';
    for (let i = 0; i < 5; i++) expect((await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: b.body.challengeId, phone: '010-3200-0003', code: wrong } })).status).toBe(400);
    const sixth = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: b.body.challengeId, phone: '010-3200-0003', code: otpB } });
    expect(sixth.status).toBe(400);
    expect((await holderRow(code)).phone).toBe('01032000001');
    expect((await eventsOf(code)).filter((e) => e.action === 'phone')).toHaveLength(0);
  });

  it('another holder’s session cannot use the code: it changes nothing of either', async () => {
    const a = await registerHolder(t, officer.token, '이첫째', '010-3300-0001');
    const b = await registerHolder(t, officer.token, '최둘째', '010-3300-0002');
    const tokenA = await consumerSessionOn(t, a);
    const tokenB = await consumerSessionOn(t, b);
    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token: tokenA, body: { phone: '010-3300-0003' } });
    const otp = lastCode(smsTo('010-3300-0003'));
    const stolen = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token: tokenB, body: { challengeId: started.body.challengeId, phone: '010-3300-0003', code: otp } });
    expect(stolen.status).toBe(400);
    expect((await holderRow(a)).phone).toBe('01033000001');
    expect((await holderRow(b)).phone).toBe('01033000002');
    // No session at all: 401.
    expect((await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { body: { challengeId: started.body.challengeId, phone: '010-3300-0003', code: otp } })).status).toBe(401);
  });

  it('names the field of a bad or unchanged value (400, never 500)', async () => {
    const code = await registerHolder(t, officer.token, '정검사', '010-3400-0001', 'check@example.com');
    const token = await consumerSessionOn(t, code);
    const bad = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: '02-123-4567' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ path: 'body.phone', code: 'mobile_invalid' })]);
    const same = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: '010-3400-0001' } });
    expect(same.body.error.details).toEqual([expect.objectContaining({ path: 'body.phone', code: 'contact_unchanged' })]);
    const badMail = await api(t.base, 'POST', '/api/v1/consumer/contacts/email', { token, body: { email: 'not an address' } });
    expect(badMail.status).toBe(400);
    expect(badMail.body.error.details).toEqual([expect.objectContaining({ path: 'body.email', code: 'email_invalid' })]);
    const noCode = await api(t.base, 'POST', '/api/v1/consumer/contacts/email/confirm', { token, body: { challengeId: 'cch_x', email: 'new@example.com', code: '12' } });
    expect(noCode.status).toBe(400);
  });
});

describe('after a confirmed change', () => {
  const ownCode = (token: string) => api(t.base, 'GET', '/api/v1/consumer/pccc', { token });
  const unipassCheck = (code: string, name: string, phone: string) =>
    api(t.base, 'GET', `/ext/rest/persEcmQry/retrievePersEcm?crkyCn=TONGGWAN-DEMO-API028&persEcm=${code}&pltxNm=${encodeURIComponent(name)}&cralTelno=${phone}&custPsno=06236`);

  it('the holder’s other sessions end (the contact recovers the code: a sign-in by a code to the mobile), the one that made the change stays, another holder’s are untouched; the answer and the event say how many', async () => {
    const code = await registerHolder(t, officer.token, '서세션', '010-3600-0001');
    const other = await registerHolder(t, officer.token, '남다른', '010-3600-0009');
    const changing = await consumerSessionOn(t, code);
    // Two other devices of the same holder (2 sessions), and one of another holder.
    const laptop = await consumerSessionOn(t, code);
    const tablet = await consumerSessionOn(t, code);
    const stranger = await consumerSessionOn(t, other);
    for (const token of [changing, laptop, tablet, stranger]) expect((await ownCode(token)).status).toBe(200);

    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token: changing, body: { phone: '010-3600-0002' } });
    expect(started.status).toBe(201);
    // Asking for the code ends nothing: only the confirmed change does.
    expect((await ownCode(laptop)).status).toBe(200);
    const done = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token: changing, body: { challengeId: started.body.challengeId, phone: '010-3600-0002', code: lastCode(smsTo('010-3600-0002')) } });
    expect(done.status).toBe(200);
    // 3 sessions of the holder − the one that made the change = 2 ended.
    expect(done.body).toMatchObject({ phone: '010-****-0002', otherSessionsEnded: 2 });
    expect((await ownCode(laptop)).status).toBe(401);
    expect((await ownCode(tablet)).status).toBe(401);
    expect((await ownCode(changing)).status).toBe(200);
    expect((await ownCode(stranger)).status).toBe(200);
    // Audited with the change: its event in the registry says how many.
    expect((await eventsOf(code)).at(-1)).toEqual({ action: 'phone', actor_kind: 'consumer', detail: { from: '010-****-0001', to: '010-****-0002', otherSessionsEnded: 2 } });

    // An e-mail change too, now that the holder is signed in nowhere else: 0 ended, the session stays.
    const mail = await api(t.base, 'POST', '/api/v1/consumer/contacts/email', { token: changing, body: { email: 'session@example.com' } });
    const mailed = await api(t.base, 'POST', '/api/v1/consumer/contacts/email/confirm', { token: changing, body: { challengeId: mail.body.challengeId, email: 'session@example.com', code: lastCode(await mailTo('session@example.com')) } });
    expect(mailed.status).toBe(200);
    expect(mailed.body.otherSessionsEnded).toBe(0);
    expect((await ownCode(changing)).status).toBe(200);
  });

  it('a refused confirm (wrong code) ends no session', async () => {
    const code = await registerHolder(t, officer.token, '유지됨', '010-3700-0001');
    const changing = await consumerSessionOn(t, code);
    const laptop = await consumerSessionOn(t, code);
    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token: changing, body: { phone: '010-3700-0002' } });
    const otp = lastCode(smsTo('010-3700-0002'));
    const refused = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token: changing, body: { challengeId: started.body.challengeId, phone: '010-3700-0002', code: otp === '000000' ? '000001' : '000000' } });
    expect(refused.status).toBe(400);
    expect((await ownCode(laptop)).status).toBe(200);
  });

  it('a phone change: the PCCC check shops run (API028, name + mobile + postcode) matches the new number and no longer the old, and both numbers are told to give the shops the new one', async () => {
    const code = await registerHolder(t, officer.token, '고쇼핑', '010-3800-0001');
    const token = await consumerSessionOn(t, code);
    expect(String((await unipassCheck(code, '고쇼핑', '01038000001')).body)).toContain('<tCnt>1</tCnt>');
    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone', { token, body: { phone: '010-3800-0002' } });
    const done = await api(t.base, 'POST', '/api/v1/consumer/contacts/phone/confirm', { token, body: { challengeId: started.body.challengeId, phone: '010-3800-0002', code: lastCode(smsTo('010-3800-0002')) } });
    expect(done.status).toBe(200);
    expect(String((await unipassCheck(code, '고쇼핑', '01038000002')).body)).toContain('<tCnt>1</tCnt>');
    expect(String((await unipassCheck(code, '고쇼핑', '01038000001')).body)).toContain('<tCnt>0</tCnt>');
    // The order-time consent request (a shop asking the holder to approve an order) checks the same: the old number 422, one answer for every mismatch; the new one asks.
    const shop = (await t.operator('CONTACTSHOP')).key;
    const consent = (phone: string, orderNo: string) =>
      api(t.base, 'POST', '/api/v1/consent-requests', {
        token: shop,
        body: { pccc: code, consigneeName: '고쇼핑', consigneePhone: phone, postcode: '06236', platform: 'Amazon', seller: 'Nike Store', orderNo, items: [{ description: '티셔츠 Nike Dri-FIT', quantity: 1, price: 40 }], total: 40, currency: 'USD' },
      });
    const old = await consent('010-3800-0001', 'PHONE-OLD-1');
    expect([old.status, old.body.error?.code]).toEqual([422, 'CONSENT_PCCC_CHECK_FAILED']);
    expect((await consent('010-3800-0002', 'PHONE-NEW-1')).status).toBe(201);
    await delivered(() => {
      for (const phone of ['010-3800-0001', '010-3800-0002']) {
        const told = smsTo(phone).filter((m) => m.includes('변경되었습니다'));
        expect(told, phone).toHaveLength(1);
        expect(told[0]).toContain('쇼핑몰에 등록된 휴대전화 번호도 새 번호로 바꾸세요: 개인통관고유부호 확인은 이름·휴대전화 번호로 합니다.');
        expect(told[0]).toContain('Change the mobile number your shops have on file to the new one too');
      }
    });
  });
});

describe('changing the e-mail address', () => {
  it('sends the code by e-mail to the new address, and once confirmed tells the old address and the new', async () => {
    const code = await registerHolder(t, officer.token, '한메일', '010-3500-0001', 'old-mail@example.com');
    const token = await consumerSessionOn(t, code);
    const started = await api(t.base, 'POST', '/api/v1/consumer/contacts/email', { token, body: { email: 'New-Mail@Example.COM' } });
    expect(started.status).toBe(201);
    // The domain in lower case: n***@example.com.
    expect(started.body).toMatchObject({ field: 'email', sentTo: 'N***@example.com' });
    const otp = lastCode(await mailTo('New-Mail@example.com'));
    expect(otp).toMatch(/^\d{6}$/);
    const done = await api(t.base, 'POST', '/api/v1/consumer/contacts/email/confirm', { token, body: { challengeId: started.body.challengeId, email: 'New-Mail@example.com', code: otp } });
    expect(done.status).toBe(200);
    expect((await holderRow(code)).email).toBe('New-Mail@example.com');
    expect((await eventsOf(code)).at(-1)).toMatchObject({ action: 'email', actor_kind: 'consumer' });
    await delivered(async () => {
      expect((await mailTo('old-mail@example.com')).filter((m) => m.includes('Your e-mail address for customs notices was changed to N***@example.com'))).toHaveLength(1);
      expect((await mailTo('New-Mail@example.com')).filter((m) => m.includes('전자우편 주소가 N***@example.com(으)로 변경되었습니다'))).toHaveLength(1);
      // The SMS to the (unchanged) mobile too.
      expect(smsTo('010-3500-0001').filter((m) => m.includes('e-mail address for customs notices was changed'))).toHaveLength(1);
      // The shops' check is by the mobile number: an e-mail change says nothing of it.
      expect(smsTo('010-3500-0001').filter((m) => m.includes('쇼핑몰'))).toHaveLength(0);
    });
  });
});
