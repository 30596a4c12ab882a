// The holder's security notices through a real SMTP conversation (nodemailer to a local SMTP server,
// test/support/smtp-server.ts): an e-mail the server refuses for good (550 mailbox unavailable) is given up at
// its first attempt, as an SMS the gateway refused, where one refused for now (451) is tried again; and the
// administrators see the notices given up (GET /api/v1/admin/holder-notices: whom, which notice, the channel,
// the error, when; a page at a time) and send one again once the address is put right (POST …/:id/requeue,
// audited), which nobody else may. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { changeEmailAs, consumerSessionOn, registerHolder } from '../support/holder-notices.ts';
import { startSmtpTestServer, type SmtpTestServer } from '../support/smtp-server.ts';
import { PCCC_CHANGE_NOTICE_RETRY } from '../../src/app/send-pccc-change-notices.ts';
import { contactProof } from '../../src/app/change-holder-contact.ts';

let smtp: SmtpTestServer;
let t: TestPlatform;
let officer: { token: string };
let admin: { token: string };
let operatorKey: string;
const logged: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpTestServer();
  // gone…: no such mailbox (550, for good); busy…: the server's trouble (451, for now); any other: taken.
  smtp.rcpt = (a) => (a.startsWith('gone') ? `550 5.1.1 <${a}>: Recipient address rejected: mailbox unavailable` : a.startsWith('busy') ? '451 4.3.0 local error in processing' : null);
  t = await startTestPlatform({ smtpUrl: smtp.url, mailFrom: 'no-reply@tonggwan.test' }, { log: (line) => logged.push(line) });
  officer = await t.officer('notices-officer');
  admin = await t.officer('notices-admin', 'admin');
  operatorKey = (await t.operator('NOTICEOPS')).key;
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const emailNotice = async (code: string) =>
  (await t.db.pool.query(`SELECT id, status, attempts, last_error, next_attempt_at FROM pccc_change_notices WHERE pccc = $1 AND channel = 'email'`, [code])).rows[0] as {
    id: string;
    status: string;
    attempts: number;
    last_error: string | null;
    next_attempt_at: Date;
  };
/** A holder with an e-mail, whose code an officer suspends: the notice (SMS to the local store, e-mail over SMTP) is sent by the platform's worker. */
async function suspendedHolder(name: string, phone: string, email: string): Promise<string> {
  const code = await registerHolder(t, officer.token, name, phone, email);
  expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '부정 사용 의심' } })).status).toBe(200);
  await t.platform.pcccChangeNotices.drain();
  return code;
}

let goneCodes: string[] = [];

describe('an e-mail refused by the SMTP server', () => {
  it('550 (mailbox unavailable): given up at its first attempt, with the reply, the address masked; the SMS of the same notice is sent', async () => {
    const code = await suspendedHolder('메일없음', '010-2718-2818', 'gone.one@example.com');
    goneCodes.push(code);
    const n = await emailNotice(code);
    // Before: tried again 9 more times over about 4 hours (PCCC_CHANGE_NOTICE_RETRY), each refused the same.
    expect(n).toMatchObject({ status: 'dead', attempts: 1 });
    expect(n.attempts).toBeLessThan(PCCC_CHANGE_NOTICE_RETRY.maxAttempts);
    expect(n.last_error).toContain('550 5.1.1');
    expect(n.last_error).toContain('g***@example.com');
    expect(n.last_error).not.toContain('gone.one@example.com');
    const sms = await t.db.pool.query(`SELECT status FROM pccc_change_notices WHERE pccc = $1 AND channel = 'sms'`, [code]);
    expect(sms.rows[0].status).toBe('sent');
    expect(logged.join('\n')).toMatch(/email\): attempt 1 failed: e-mail to g\*\*\*@example\.com: refused by the SMTP server .*; given up/);
  });

  it('451 (local error): tried again a minute later (1 min × 2^0), not given up', async () => {
    const code = await suspendedHolder('메일지연', '010-1618-0339', 'busy.one@example.com');
    const n = await emailNotice(code);
    expect(n).toMatchObject({ status: 'pending', attempts: 1 });
    expect(n.last_error).toContain('451 4.3.0');
  });
});

describe('the notices given up, for the administrators', () => {
  const path = '/api/v1/admin/holder-notices';

  it('refused to anyone but an administrator: no session 401; an officer, an operator, a consumer 403', async () => {
    const consumer = await consumerSessionOn(t, goneCodes[0]!);
    expect((await api(t.base, 'GET', path)).status).toBe(401);
    expect((await api(t.base, 'POST', `${path}/1/requeue`)).status).toBe(401);
    for (const token of [officer.token, operatorKey, consumer]) {
      expect((await api(t.base, 'GET', path, { token })).status).toBe(403);
      const r = await api(t.base, 'POST', `${path}/1/requeue`, { token });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('FORBIDDEN');
    }
    // Nothing was queued again by the refused requests.
    expect((await emailNotice(goneCodes[0]!)).status).toBe('dead');
  });

  it('lists them newest first, a page at a time, with whom, which notice, the channel, why, the error and when', async () => {
    // Two more refused: three given up in all (the 451 one waits, not listed).
    goneCodes.push(await suspendedHolder('메일없음둘', '010-5772-1566', 'gone.two@example.com'));
    goneCodes.push(await suspendedHolder('메일없음셋', '010-4142-1356', 'gone.three@example.com'));
    const ids = await Promise.all(goneCodes.map(async (c) => Number((await emailNotice(c)).id)));
    const first = await api(t.base, 'GET', `${path}?limit=2`, { token: admin.token });
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(3);
    expect(first.body.maxAttempts).toBe(PCCC_CHANGE_NOTICE_RETRY.maxAttempts);
    expect(first.body.notices.map((n: { id: number }) => n.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.nextBefore).toBe(ids[1]);
    const second = await api(t.base, 'GET', `${path}?limit=2&before=${first.body.nextBefore}`, { token: admin.token });
    expect(second.body.notices.map((n: { id: number }) => n.id)).toEqual([ids[0]]);
    expect(second.body.nextBefore).toBeNull();
    expect(second.body.notices[0]).toMatchObject({
      kind: 'pccc_change',
      changeAction: 'suspend',
      kindText: { ko: '개인통관고유부호 사용정지', en: 'Customs code suspended' },
      channel: 'email',
      pccc: goneCodes[0],
      holderName: '메일없음',
      recipient: 'g***@example.com',
      formerContact: false,
      attempts: 1,
      why: 'refused',
    });
    expect(second.body.notices[0].lastError).toContain('550 5.1.1');
    expect(Date.parse(second.body.notices[0].givenUpAt)).toBeGreaterThanOrEqual(Date.parse(second.body.notices[0].queuedAt));
    // A bad page size is refused, naming the field.
    const bad = await api(t.base, 'GET', `${path}?limit=0`, { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('querystring.limit');
  });

  it('sends one again once the address is put right: queued, audited, delivered by the worker; a second press finds none', async () => {
    const code = goneCodes[0]!;
    const id = Number((await emailNotice(code)).id);
    // The registry's record put right (the holder gave a working address).
    await t.db.pool.query(`UPDATE pccc_holders SET email = 'fixed.one@example.com' WHERE pccc = $1`, [code]);
    const r = await api(t.base, 'POST', `/api/v1/admin/holder-notices/${id}/requeue`, { token: admin.token });
    expect(r.status).toBe(200);
    expect(r.body.notice).toMatchObject({ id, channel: 'email', attempts: 1, why: 'refused', recipient: 'f***@example.com' });
    await t.platform.pcccChangeNotices.drain();
    expect(await emailNotice(code)).toMatchObject({ status: 'sent', attempts: 0 });
    const mail = smtp.messages.find((m) => m.to.includes('fixed.one@example.com'));
    expect(mail?.data).toContain('Subject:');
    // Audited: who, which notice, as it was given up.
    const audit = await api(t.base, 'GET', `/api/v1/admin/audit?action=holder-notice.requeue`, { token: admin.token });
    expect(audit.body.entries[0]).toMatchObject({ actorName: 'notices-admin', subject: `holder-notice:${id}`, actionText: { ko: '발송 포기된 보안 알림 다시 보내기', en: 'Given-up security notice sent again' } });
    expect(audit.body.entries[0].detail).toMatchObject({ channel: 'email', pccc: code, attempts: 1, why: 'refused' });
    // Not given up any more: a second press (or an unknown id) is a 404 naming the id, and is not logged.
    for (const unknown of [id, 999_999]) {
      const again = await api(t.base, 'POST', `/api/v1/admin/holder-notices/${unknown}/requeue`, { token: admin.token });
      expect(again.status).toBe(404);
      expect(again.body.error.code).toBe('HOLDER_NOTICE_NOT_FOUND');
    }
    expect((await api(t.base, 'GET', `/api/v1/admin/audit?action=holder-notice.requeue`, { token: admin.token })).body.entries).toHaveLength(1);
    // Two left given up.
    expect((await api(t.base, 'GET', '/api/v1/admin/holder-notices', { token: admin.token })).body.total).toBe(2);
  });

  it('sent again to an address still refused: given up again at once', async () => {
    const code = goneCodes[1]!;
    const id = Number((await emailNotice(code)).id);
    expect((await api(t.base, 'POST', `/api/v1/admin/holder-notices/${id}/requeue`, { token: admin.token })).status).toBe(200);
    await t.platform.pcccChangeNotices.drain();
    expect(await emailNotice(code)).toMatchObject({ status: 'dead', attempts: 1 });
  });
});

describe('a notice to the former address after a change of contact', () => {
  it('given up, it says it went to the address the holder had before (formerContact), masked; the one to the new address is sent', async () => {
    const code = await registerHolder(t, officer.token, '옛주소', '010-5880-0001', 'gone.former@example.com');
    const token = await consumerSessionOn(t, code);
    // The code the holder got at the new address, as the change's start leaves it (its hash binds the field and value).
    const deps = t.platform.deps.identity!.deps;
    const challengeId = deps.secrets.randomToken('cch_');
    const otp = '482915';
    const created = await deps.registry.createContactChallenge(
      { id: challengeId, pccc: code, secretHash: deps.secrets.sha256(contactProof(challengeId, 'email', 'kept.new@example.com', otp)), expiresAt: new Date(Date.now() + 300_000) },
      { max: 5, expiresAfter: new Date(Date.now() - 600_000) },
    );
    expect(created).toBe(true);
    const done = await api(t.base, 'POST', '/api/v1/consumer/contacts/email/confirm', { token, body: { challengeId, email: 'kept.new@example.com', code: otp } });
    expect(done.status).toBe(200);
    await t.platform.pcccChangeNotices.drain();
    // The old address refused it (550): given up. The new one took it.
    expect(smtp.messages.some((m) => m.to.includes('kept.new@example.com'))).toBe(true);
    const list = await api(t.base, 'GET', '/api/v1/admin/holder-notices', { token: admin.token });
    const former = (list.body.notices as { pccc: string }[]).filter((n) => n.pccc === code);
    expect(former).toEqual([
      expect.objectContaining({
        kind: 'pccc_change',
        changeAction: 'email',
        kindText: { ko: '알림 전자우편 주소 변경', en: 'E-mail address for notices changed' },
        channel: 'email',
        recipient: 'g***@example.com',
        formerContact: true,
        why: 'refused',
      }),
    ]);
  });
});

describe('sent again after the holder replaced the address it was given up on', () => {
  it('a notice of a change to the code goes to the address now, and the list says so first (requeueTo current); the notice to the former address of the change goes there again (former)', async () => {
    // The suspend's e-mail to gone.replaced@… refused (550): given up.
    const code = await suspendedHolder('바꾼주소', '010-5990-0001', 'gone.replaced@example.com');
    const suspendNotice = Number((await emailNotice(code)).id);
    const token = await consumerSessionOn(t, code);
    // Then the holder changes the e-mail address to replaced.new@… (a code to the new one; as above).
    await changeEmailAs(t, code, token, 'replaced.new@example.com', '730164');
    const list = await api(t.base, 'GET', '/api/v1/admin/holder-notices', { token: admin.token });
    const ofCode = (list.body.notices as { id: number; pccc: string }[]).filter((n) => n.pccc === code);
    // Newest first: the change's notice to the old address (refused there too), then the suspend's.
    expect(ofCode).toEqual([
      expect.objectContaining({ changeAction: 'email', recipient: 'g***@example.com', formerContact: true, requeueTo: 'former' }),
      expect.objectContaining({ id: suspendNotice, changeAction: 'suspend', recipient: 'r***@example.com', formerContact: false, requeueTo: 'current' }),
    ]);
    // Sent again: the suspend's notice to the address now, taken there.
    const before = smtp.messages.filter((m) => m.to.includes('replaced.new@example.com')).length;
    const r = await api(t.base, 'POST', `/api/v1/admin/holder-notices/${suspendNotice}/requeue`, { token: admin.token });
    expect(r.body.notice).toMatchObject({ id: suspendNotice, requeueTo: 'current' });
    await t.platform.pcccChangeNotices.drain();
    expect((await t.db.pool.query(`SELECT status, recipient FROM pccc_change_notices WHERE id = $1`, [suspendNotice])).rows[0]).toEqual({ status: 'sent', recipient: null });
    expect(smtp.messages.filter((m) => m.to.includes('replaced.new@example.com')).length).toBe(before + 1);
    // The change's notice to the old address: there again (refused again, given up again); audited with where it went.
    const formerId = ofCode[0]!.id;
    expect((await api(t.base, 'POST', `/api/v1/admin/holder-notices/${formerId}/requeue`, { token: admin.token })).body.notice).toMatchObject({ requeueTo: 'former' });
    await t.platform.pcccChangeNotices.drain();
    expect((await t.db.pool.query(`SELECT status, recipient FROM pccc_change_notices WHERE id = $1`, [formerId])).rows[0]).toEqual({ status: 'dead', recipient: 'gone.replaced@example.com' });
    const audit = await api(t.base, 'GET', `/api/v1/admin/audit?action=holder-notice.requeue&subject=holder-notice:${suspendNotice}`, { token: admin.token });
    expect(audit.body.entries[0].detail).toMatchObject({ changeAction: 'suspend', channel: 'email', requeueTo: 'current' });
  });
});
