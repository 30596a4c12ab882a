// The holder's other security notices go through the outbox of the notices of changes to their code
// (pccc_change_notices, migrations/112 and 114): "a new passkey was registered for your code" (someone who got
// into the account adds their own), a passkey removed, the "not me" report's confirmation, a consent approved
// or cancelled on a wrong number. Before, each was sent after the commit, best effort: with the SMS gateway
// down (here the SOLAPI emulator answering 503) or the process stopped between the commit and the send, the
// notice was lost. And a refusal for good (SOLAPI's 1062 발신번호 미등록, a malformed number) is given up at
// its first attempt with its error, instead of being sent ten times over four hours and refused each time.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { api, declaration, type TestPlatform } from '../support/test-platform.ts';
import { consumerSessionOn, registerHolder, startPlatformWithSolapi } from '../support/holder-notices.ts';
import { softwarePasskey } from '../support/software-passkey.ts';
import { sendPcccChangeNotices } from '../../src/app/send-pccc-change-notices.ts';
import { PgPcccChangeNotices } from '../../src/adapters/identity/pg-pccc-change-notices.ts';

const KEY = 'NCSHOLDERNOTICE01';
const SECRET = 'holder-notice-secret-0123456789';
const SENDER = '15880000';

let emu: SolapiEmulator;
let t: TestPlatform;
let officer: { token: string };
const logged: string[] = [];

beforeAll(async () => {
  ({ t, emu, officer } = await startPlatformWithSolapi({ key: KEY, secret: SECRET, sender: SENDER, officer: 'holder-notice-officer', log: logged }));
});
afterAll(async () => {
  await t?.close();
  await emu?.close();
});

const gatewayDown = () => emu.failNext(1_000, 503);
const gatewayUp = () => emu.failNext(0);
const issue = (name: string, phone: string, email?: string) => registerHolder(t, officer.token, name, phone, email);
const sessionOn = (code: string) => consumerSessionOn(t, code);
/** Registers a software passkey over HTTP (start, then finish with its attestation), labelled `label`. */
async function registerPasskey(token: string, label: string): Promise<string> {
  const started = await api(t.base, 'POST', '/api/v1/consumer/passkeys/registration', { token });
  expect(started.status).toBe(201);
  const key = softwarePasskey();
  const done = await api(t.base, 'POST', `/api/v1/consumer/passkeys/registration/${started.body.ceremonyId}`, { token, body: { response: key.attest(started.body.options.challenge), label } });
  expect(done.status).toBe(201);
  return key.credentialId;
}
const smsTo = (phone: string) => emu.messages.filter((m) => m.to === phone.replace(/\D/g, '')).map((m) => m.text);
const mailTo = async (email: string) => (await t.db.pool.query(`SELECT body FROM notifications WHERE channel = 'email' AND recipient = $1 ORDER BY id`, [email])).rows.map((r) => r.body as string);
const noticesOf = async (holderId: string) =>
  (await t.db.pool.query(`SELECT kind, ref, pccc, channel, event_id, change, status, attempts, last_error FROM pccc_change_notices WHERE holder_id = $1 ORDER BY id`, [holderId])).rows as {
    kind: string;
    ref: string | null;
    pccc: string;
    channel: string;
    event_id: string | null;
    change: unknown;
    status: string;
    attempts: number;
    last_error: string | null;
  }[];
/** A pass of the notices' worker at `laterMs` from now (a retry is due 1 min after a failure), with the platform's registry and notifier. */
const passAfter = (laterMs: number) =>
  sendPcccChangeNotices(
    { outbox: new PgPcccChangeNotices(t.db.pool), registry: t.platform.deps.identity!.deps.registry, holders: t.platform.deps.identity!.deps.holders, clock: { now: () => new Date(Date.now() + laterMs) } },
    10,
  );

describe('a new passkey’s notice survives the SMS gateway down', () => {
  it('is committed with the registration (one row per channel), kept through the failed send, and delivered by the next pass once the gateway is back; the e-mail went at once', async () => {
    const phone = '010-2236-0679';
    const code = await issue('한패스', phone, 'passkey@example.com');
    const token = await sessionOn(code);
    gatewayDown();
    let credentialId: string;
    try {
      credentialId = await registerPasskey(token, '새 폰');
      // Committed with the passkey: SMS and e-mail (registered), no installed app; no registry event, no change.
      expect((await noticesOf(`h_${code}`)).map((n) => [n.kind, n.ref, n.pccc, n.channel, n.event_id, n.change])).toEqual([
        ['passkey_added', `passkey:${credentialId}`, code, 'sms', null, null],
        ['passkey_added', `passkey:${credentialId}`, code, 'email', null, null],
      ]);
      await t.platform.pcccChangeNotices.drain(); // the platform's worker tries: the gateway answers 503
      expect(smsTo(phone)).toEqual([]);
      const [sms, email] = await noticesOf(`h_${code}`);
      expect(sms).toMatchObject({ status: 'pending', attempts: 1 }); // a 503 is not permanent: tried again
      expect(sms!.last_error).toContain('503');
      expect(email).toMatchObject({ status: 'sent', attempts: 0, last_error: null });
    } finally {
      gatewayUp();
    }
    const told =
      '[Tonggwan 통관] 개인통관고유부호에 새 패스키(새 폰)가 등록되었습니다. 본인이 아니면 즉시 앱에서 패스키를 삭제하고 부호를 사용정지하세요. / ' +
      'A new passkey (새 폰) was added to your customs code. If it was not you, remove it in the app and suspend your code at once.';
    expect(await mailTo('passkey@example.com')).toEqual([told]);
    expect(await passAfter(2 * 60_000)).toBe(1);
    expect(smsTo(phone)).toEqual([told]);
    expect((await noticesOf(`h_${code}`)).map((n) => n.status)).toEqual(['sent', 'sent']);
    // Sent once, however late the next pass.
    expect(await passAfter(24 * 3_600_000)).toBe(0);
    expect(smsTo(phone)).toHaveLength(1);
  });

  it('a second passkey added on SMS proof says when it may approve orders (the cooling period), in Korean and English', async () => {
    const phone = '010-2236-0680';
    const code = await issue('두패스', phone);
    const token = await sessionOn(code);
    await registerPasskey(token, '첫 폰');
    await registerPasskey(token, '둘째 폰');
    await t.platform.pcccChangeNotices.drain();
    const hours = t.platform.deps.identity!.deps.registry.rules().consent.newPasskeyCoolingHours.value;
    expect(smsTo(phone)[1]).toContain(`새 패스키(둘째 폰)가 등록되었습니다. 보안을 위해 ${hours}시간 뒤부터 주문 승인에 쓸 수 있습니다.`);
    expect(smsTo(phone)[1]).toContain(`For your security it approves orders only after ${hours} hours.`);
  });

  it('a registration refused (its ceremony used already) queues nothing', async () => {
    const code = await issue('재사용', '010-2236-0681');
    const token = await sessionOn(code);
    const started = await api(t.base, 'POST', '/api/v1/consumer/passkeys/registration', { token });
    const key = softwarePasskey();
    const body = { response: key.attest(started.body.options.challenge) };
    expect((await api(t.base, 'POST', `/api/v1/consumer/passkeys/registration/${started.body.ceremonyId}`, { token, body })).status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/consumer/passkeys/registration/${started.body.ceremonyId}`, { token, body })).body.error.code).toBe('PASSKEY_INVALID');
    expect((await noticesOf(`h_${code}`)).map((n) => n.kind)).toEqual(['passkey_added']);
  });
});

describe('the usage alert and the "not me" confirmation survive the SMS gateway down', () => {
  it('a declaration filed under the code queues the usage alert; the holder’s "not me" report queues its confirmation with the case; both delivered once the gateway is back', async () => {
    const phone = '010-2236-0683';
    const name = '도용당';
    const code = await issue(name, phone);
    const token = await sessionOn(code);
    const mall = await t.operator('NOTICEMALL');
    gatewayDown();
    let cargoNo: string;
    try {
      const r = await api(t.base, 'POST', '/api/v1/declarations', {
        token: mall.key,
        body: { declarations: [declaration('HSN-1', { consignee: { name, pccc: code, phone, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } })] },
      });
      expect(r.body.results[0].status).toBe('accepted');
      cargoNo = r.body.results[0].cargoNo as string;
      const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token, body: {} });
      expect(report.status).toBe(201);
      await t.platform.pcccChangeNotices.drain(); // the platform's worker tries both: 503
      expect((await noticesOf(`h_${code}`)).map((n) => [n.kind, n.ref, n.channel, n.status, n.attempts])).toEqual([
        ['declaration_filed', `declaration:${(await t.db.pool.query(`SELECT id FROM declarations WHERE cargo_no = $1`, [cargoNo])).rows[0].id}`, 'sms', 'pending', 1],
        ['not_me_report', `misuse_case:${report.body.case.id}`, 'sms', 'pending', 1],
      ]);
      expect(smsTo(phone)).toEqual([]);
    } finally {
      gatewayUp();
    }
    expect(await passAfter(2 * 60_000)).toBe(2);
    const [usage, notMe] = smsTo(phone);
    expect(usage).toContain(`개인통관고유부호로 통관 신고가 접수되었습니다`);
    expect(usage).toContain(`(화물관리번호 ${cargoNo})`);
    expect(notMe).toContain(`화물 ${cargoNo}에 대한 '내가 아님' 신고가 접수되었습니다`);
    expect(notMe).toContain(`Your "not me" report on parcel ${cargoNo} was received`);
  });
});

describe('a permanent refusal is given up at once', () => {
  it('SOLAPI refuses the sender (status 1062 발신번호 미등록): the SMS row is given up (dead) after one attempt with the error kept, not tried ten times; the e-mail still went', async () => {
    const phone = '010-2236-0682';
    const code = await issue('영구거절', phone, 'refused@example.com');
    const token = await sessionOn(code);
    const credentialId = await registerPasskey(token, '분실 폰');
    await t.platform.pcccChangeNotices.drain();
    expect(smsTo(phone)).toHaveLength(1); // the registration's notice, sent
    emu.setSenders(['0212345678']); // the platform's sender is no longer registered
    try {
      const requestsBefore = emu.requests.length;
      expect((await api(t.base, 'DELETE', `/api/v1/consumer/passkeys/${credentialId}`, { token })).status).toBe(200);
      await t.platform.pcccChangeNotices.drain();
      const removed = (await noticesOf(`h_${code}`)).filter((n) => n.kind === 'passkey_removed');
      expect(removed.map((n) => [n.channel, n.status, n.attempts])).toEqual([
        ['sms', 'dead', 1], // given up at its first attempt
        ['email', 'sent', 0],
      ]);
      expect(removed[0]!.last_error).toContain('status 1062 발신번호 미등록');
      expect(removed[0]!.last_error).toContain('010-****-0682'); // masked, as the adapter logs it
      expect(emu.requests.slice(requestsBefore).map((r) => r.statusCode)).toEqual(['1062']); // one request to the gateway
      expect(logged.some((l) => l.startsWith('PCCC change notice') && l.includes('passkey_removed') && l.includes('1062') && l.endsWith('given up'))).toBe(true);
      // However late the next pass, nothing is tried again.
      expect(await passAfter(2 * 3_600_000)).toBe(0);
      expect(emu.requests.length).toBe(requestsBefore + 1);
    } finally {
      emu.setSenders([SENDER]);
    }
    expect((await mailTo('refused@example.com')).at(-1)).toContain('A passkey was removed from your customs code.');
  });
});
