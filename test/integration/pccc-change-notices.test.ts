// The PCCC holder's notice of a change to their code (suspend, resume, reissue, renew, cancel; the holder's
// own from /me/security or an officer's ex officio) is queued in the change's transaction, one row per
// channel (pccc_change_notices, migrations/112), and sent by its worker with retries and backoff. Before, it
// was sent after the commit, best effort: with the SMS gateway down (here the SOLAPI emulator answering 503)
// or the process stopped between the commit and the send, the security notice ("your code was reissued;
// other devices were signed out") was lost. A change rolled back leaves no notice. Embedded, or on the
// server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SolapiEmulator } from '../../src/adapters/notifications/solapi-emulator.ts';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerSessionOn, registerHolder, startPlatformWithSolapi } from '../support/holder-notices.ts';
import { sendPcccChangeNotices, PCCC_CHANGE_NOTICE_RETRY } from '../../src/app/send-pccc-change-notices.ts';
import { PgPcccChangeNotices } from '../../src/adapters/identity/pg-pccc-change-notices.ts';
import { pcccChangeText } from '../../src/domain/pccc-registry.ts';

const KEY = 'NCSPCCCNOTICE0001';
const SECRET = 'pccc-notice-secret-0123456789';

let emu: SolapiEmulator;
let t: TestPlatform;
let officer: { token: string };
const logged: string[] = [];

beforeAll(async () => {
  ({ t, emu, officer } = await startPlatformWithSolapi({ key: KEY, secret: SECRET, sender: '15880000', officer: 'notice-officer', log: logged }));
});
afterAll(async () => {
  await t?.close();
  await emu?.close();
});

const gatewayDown = () => emu.failNext(1_000, 503);
const gatewayUp = () => emu.failNext(0);
const issue = (name: string, phone: string, email?: string) => registerHolder(t, officer.token, name, phone, email);
const sessionOn = (code: string) => consumerSessionOn(t, code);
const smsTo = (phone: string) => emu.messages.filter((m) => m.to === phone.replace(/\D/g, '')).map((m) => m.text);
const mailTo = async (email: string) => (await t.db.pool.query(`SELECT body FROM notifications WHERE channel = 'email' AND recipient = $1 ORDER BY id`, [email])).rows.map((r) => r.body as string);
const noticesOf = async (holderId: string) =>
  (await t.db.pool.query(`SELECT pccc, channel, change, status, attempts, last_error FROM pccc_change_notices WHERE holder_id = $1 ORDER BY id`, [holderId])).rows as {
    pccc: string;
    channel: string;
    change: { action: string };
    status: string;
    attempts: number;
    last_error: string | null;
  }[];
/**
 * A pass of the notices' worker at `clock`, with the platform's own registry and holder notifier (SMS through
 * the gateway): a retry is due a minute after a failure (1 min × 2^0), which the platform's worker, on the
 * real clock, would reach only a minute later.
 */
const passAt = (now: () => Date) =>
  sendPcccChangeNotices(
    {
      outbox: new PgPcccChangeNotices(t.db.pool),
      registry: t.platform.deps.identity!.deps.registry,
      holders: t.platform.deps.identity!.deps.holders,
      clock: { now },
    },
    10,
  );
const passAfter = (laterMs: number) => passAt(() => new Date(Date.now() + laterMs));
const body = (c: Parameters<typeof pcccChangeText>[0]) => {
  const x = pcccChangeText(c);
  return `[Tonggwan 통관] ${x.ko} / ${x.en}`;
};

describe('a notice of a change to the code survives a channel down', () => {
  it('an officer suspends a code with the SMS gateway down: the notice is committed with the change, kept through the failed send, and delivered by the next pass once the gateway is back; the e-mail went at once', async () => {
    const phone = '010-3141-5926';
    const code = await issue('정보안', phone, 'boan@example.com');
    const holderId = `h_${code}`;
    gatewayDown();
    try {
      const s = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '부정 사용 의심' } });
      expect(s.body.status).toBe('suspended');
      // Committed with the suspend: one row per channel the holder has (SMS; e-mail, registered; no installed app).
      expect((await noticesOf(holderId)).map((n) => [n.pccc, n.channel, n.change.action])).toEqual([
        [code, 'sms', 'suspend'],
        [code, 'email', 'suspend'],
      ]);
      await t.platform.pcccChangeNotices.drain(); // the platform's worker tries: the gateway answers 503
      expect(smsTo(phone)).toEqual([]);
      const [sms, email] = await noticesOf(holderId);
      expect(sms).toMatchObject({ status: 'pending', attempts: 1 }); // not given up, not marked sent
      expect(sms!.last_error).toContain('503');
      expect(email).toMatchObject({ status: 'sent', attempts: 0, last_error: null }); // the channel that took it is not sent again
      expect(logged.some((l) => l.startsWith('PCCC change notice') && l.includes('sms') && l.includes('503'))).toBe(true);
    } finally {
      gatewayUp();
    }
    const told = body({ action: 'suspend', by: 'officer', pccc: code });
    expect(await mailTo('boan@example.com')).toEqual([told]);
    expect(await passAfter(2 * 60_000)).toBe(1);
    expect(smsTo(phone)).toEqual([told]);
    expect((await noticesOf(holderId)).map((n) => n.status)).toEqual(['sent', 'sent']);
    expect(told).toContain('직권'); // the text as pcccChangeText writes it, Korean and English
    expect(told).toContain('suspended ex officio');
    // Nothing more to send, however late.
    expect(await passAfter(24 * 3_600_000)).toBe(0);
    expect(smsTo(phone)).toHaveLength(1);
    expect(await mailTo('boan@example.com')).toHaveLength(1);
  });

  it('the holder’s own reissue with the gateway down: the notice names the new code and is delivered once the gateway is back', async () => {
    const phone = '010-2718-2818';
    const first = await issue('이재발', phone);
    const token = await sessionOn(first);
    gatewayDown();
    let second: string;
    try {
      const r = await api(t.base, 'POST', '/api/v1/consumer/pccc/reissue', { token, body: {} });
      expect(r.status).toBe(200);
      second = r.body.pccc as string;
      await t.platform.pcccChangeNotices.drain();
      expect(await noticesOf(`h_${first}`)).toMatchObject([{ pccc: second, channel: 'sms', change: { action: 'reissue' }, status: 'pending', attempts: 1 }]);
    } finally {
      gatewayUp();
    }
    expect(await passAfter(2 * 60_000)).toBe(1);
    expect(smsTo(phone)).toEqual([body({ action: 'reissue', by: 'holder', pccc: second })]);
  });

  it('a channel that keeps failing is tried with backoff and given up after the last attempt, with its last error (not retried forever)', async () => {
    const phone = '010-1414-2135';
    const code = await issue('고장난', phone);
    gatewayDown();
    try {
      expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/cancel`, { token: officer.token, body: { reason: '부정 사용 확인' } })).status).toBe(200);
      await t.platform.pcccChangeNotices.drain();
      // Each pass just after the row's next try: 1, 2, 4, 8, 16, 32, 60, 60, 60 minutes apart (1 min × 2^(n−1), at most 1 h).
      const row = async () => (await t.db.pool.query(`SELECT status, next_attempt_at FROM pccc_change_notices WHERE pccc = $1`, [code])).rows[0] as { status: string; next_attempt_at: Date };
      const gaps: number[] = [];
      let previous = (await row()).next_attempt_at;
      for (let i = 0; i < PCCC_CHANGE_NOTICE_RETRY.maxAttempts + 2; i++) {
        const due = new Date(previous.getTime() + 1000);
        await passAt(() => due);
        const r = await row();
        if (r.status === 'pending') gaps.push(Math.round((r.next_attempt_at.getTime() - due.getTime()) / 60_000));
        previous = r.next_attempt_at;
      }
      const [n] = await noticesOf(`h_${code}`);
      expect(n).toMatchObject({ channel: 'sms', status: 'dead', attempts: PCCC_CHANGE_NOTICE_RETRY.maxAttempts });
      expect(n!.last_error).toContain('503');
      expect(gaps).toEqual([2, 4, 8, 16, 32, 60, 60, 60]); // after attempts 2..9; the first (1 min) was the platform's own
    } finally {
      gatewayUp();
    }
    // Given up: a later pass, the gateway back, sends nothing.
    await passAfter(48 * 3_600_000);
    expect(smsTo(phone)).toEqual([]);
  });
});

describe('a change rolled back', () => {
  it('leaves no notice: the suspend fails at its commit, the code stays active, nothing is queued or sent', async () => {
    const phone = '010-1732-0508';
    const code = await issue('무변경', phone);
    // The change's transaction fails at COMMIT (a deferred check on the registry's event), after the notice was written in it.
    await t.db.pool.query(`CREATE FUNCTION test_refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused at commit (test)'; END $$`);
    await t.db.pool.query(
      `CREATE CONSTRAINT TRIGGER test_refuse_event AFTER INSERT ON pccc_registry_events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.pccc = '${code}') EXECUTE FUNCTION test_refuse_event()`,
    );
    try {
      const r = await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/suspend`, { token: officer.token, body: { reason: '부정 사용 의심' } });
      expect(r.status).toBe(500);
    } finally {
      await t.db.pool.query(`DROP TRIGGER test_refuse_event ON pccc_registry_events`);
      await t.db.pool.query(`DROP FUNCTION test_refuse_event()`);
    }
    expect((await t.db.pool.query(`SELECT status FROM pccc_holders WHERE pccc = $1`, [code])).rows[0].status).toBe('active');
    expect(await noticesOf(`h_${code}`)).toEqual([]);
    // A change refused (resuming an active code) queues nothing either.
    expect((await api(t.base, 'POST', `/api/v1/registry/pccc/${code}/resume`, { token: officer.token, body: {} })).body.error.code).toBe('PCCC_NOT_ACTIVE');
    expect(await noticesOf(`h_${code}`)).toEqual([]);
    await t.platform.pcccChangeNotices.drain();
    expect(smsTo(phone)).toEqual([]);
  });
});
