// The usage alert ("a declaration was filed under your code; not you? tap Not me") is the holder's chance to
// stop a misuse of their PCCC before the release. It is queued in the intake's own transaction (transactional
// outbox, pccc_change_notices, migrations/114): a declaration acknowledged is never without its alert. Before,
// it was queued just after the intake's commit, and a process stopped between the two lost it for good. Here
// the stop is injected at that point: after the COMMIT of the transaction that wrote the declarations, the
// platform's database traffic fails (every query, every new connection) until the "restart".
// A batch sent again with the same refs (an operator's retry, with or without Idempotency-Key, or two at once)
// stores nothing new and alerts nobody again.
// Embedded, or on the server when DATABASE_URL is set.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { registerHolder } from '../support/holder-notices.ts';

/** With a `%` in it (percent-encoded `~`): the link is part of the alert's text as given. */
const PUBLIC_URL = 'https://tonggwan.example/%7Etg';
const LINK = `${PUBLIC_URL}/me/security`;

let t: TestPlatform;
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform({ publicUrl: PUBLIC_URL });
  officer = await t.officer('usage-alert-officer');
});
afterAll(async () => {
  await t?.close();
});

const issue = (name: string, phone: string, email?: string) => registerHolder(t, officer.token, name, phone, email);
const underCode = (ref: string, name: string, pccc: string, phone: string) =>
  declaration(ref, { consignee: { name, pccc, phone, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } });
const post = (key: string, declarations: unknown[], headers?: Record<string, string>) =>
  api(t.base, 'POST', '/api/v1/declarations', { token: key, body: { declarations }, ...(headers ? { headers } : {}) });
const alertsOf = async (pccc: string) =>
  (
    await t.db.pool.query(
      `SELECT ref, channel, subject, text_ko, text_en, url, status FROM pccc_change_notices WHERE kind = 'declaration_filed' AND pccc = $1 ORDER BY id`,
      [pccc],
    )
  ).rows as { ref: string; channel: string; subject: string; text_ko: string; text_en: string; url: string; status: string }[];
const idOf = async (cargoNo: string) => Number((await t.db.pool.query(`SELECT id FROM declarations WHERE cargo_no = $1`, [cargoNo])).rows[0].id);

/**
 * The process stops right after the intake's commit: once the transaction that allocated declarations
 * (the named statement intake_allocate) has committed, every query and every connection of the pool fails,
 * as they would with the process gone (a connection used then is closed: what it had open is rolled back),
 * until `restart()` (the same data, a new process).
 */
function stopAfterIntakeCommit(pool: pg.Pool): { restart(): void; stopped(): boolean } {
  let stopped = false;
  let restarted = false; // the clients' wrappers, left on the pool's clients, pass everything on from then
  const stop = () => new Error('the process stopped (injected after the intake commit)');
  const poolConnect = pool.connect;
  (pool as { connect: unknown }).connect = function (this: pg.Pool, ...args: unknown[]) {
    if (!stopped) return (poolConnect as (...a: unknown[]) => unknown).apply(pool, args);
    const callback = args[0];
    if (typeof callback === 'function') return void (callback as (e: Error) => void)(stop());
    return Promise.reject(stop());
  };
  const patched = new WeakSet<pg.PoolClient>();
  const onAcquire = (client: pg.PoolClient) => {
    if (patched.has(client)) return;
    patched.add(client);
    const query = client.query;
    let intake = false;
    (client as { query: unknown }).query = function (...args: unknown[]) {
      if (restarted) return (query as (...a: unknown[]) => unknown).apply(client, args);
      if (stopped) {
        // Its connection goes with the process: the server rolls back what it had open (the pool drops it at its release).
        void client.end().catch(() => undefined);
        const callback = args.at(-1); // the pool's own query() passes one
        if (typeof callback === 'function') return void queueMicrotask(() => (callback as (e: Error) => void)(stop()));
        return Promise.reject(stop());
      }
      const q = args[0] as string | { name?: string; text?: string } | undefined;
      const text = typeof q === 'string' ? q : q?.text;
      if (typeof q === 'object' && q?.name === 'intake_allocate') intake = true;
      if (text === 'ROLLBACK') intake = false;
      const result = (query as (...a: unknown[]) => unknown).apply(client, args);
      if (text === 'COMMIT' && intake) {
        intake = false;
        return (result as Promise<unknown>).then((r) => {
          stopped = true;
          return r;
        });
      }
      return result;
    };
  };
  pool.on('acquire', onAcquire);
  return {
    restart() {
      stopped = false;
      restarted = true;
      pool.off('acquire', onAcquire);
      (pool as { connect: unknown }).connect = poolConnect;
    },
    stopped: () => stopped,
  };
}

describe('the usage alert commits with the declaration', () => {
  it('a process stopped right after the intake commit: after the restart the operator’s retry finds the declaration on record, and its alert is on record too, then sent', async () => {
    const name = '정지후';
    const phone = '010-3113-0001';
    const code = await issue(name, phone);
    const mall = await t.operator('ALERTSTOPMALL');
    const batch = [underCode('UA-STOP-1', name, code, phone)];
    const stop = stopAfterIntakeCommit(t.db.pool);
    try {
      await post(mall.key, batch); // its answer, if any, is lost with the process
      expect(stop.stopped()).toBe(true); // the stop came after the intake's commit
    } finally {
      stop.restart();
    }
    // After the restart the operator sends the batch again: the declaration was committed (replayed, not
    // stored again), and its alert was committed with it.
    const retry = await post(mall.key, batch);
    expect([retry.status, retry.body.results[0].status, retry.body.results[0].replayed]).toEqual([200, 'accepted', true]);
    const id = await idOf(retry.body.results[0].cargoNo);
    // Its status is not asserted: the notices' worker polls every second and may have sent it already.
    expect((await alertsOf(code)).map((a) => [a.ref, a.channel])).toEqual([[`declaration:${id}`, 'sms']]);
    // The notices' worker sends it (the platform's SMS go to its local store in tests).
    await t.platform.pcccChangeNotices.drain();
    expect((await alertsOf(code)).map((a) => a.status)).toEqual(['sent']);
    const sms = await t.db.pool.query(`SELECT body FROM notifications WHERE channel = 'sms' AND recipient = $1 ORDER BY id`, [phone.replace(/\D/g, '')]);
    expect(sms.rows.map((x) => x.body as string).filter((b) => b.includes('통관 신고가 접수되었습니다'))).toHaveLength(1);
  });

  it('one alert per code of the batch whose holder is registered, one row per channel, its text in Korean and English', async () => {
    const name = '두건';
    const phone = '010-3113-0002';
    const code = await issue(name, phone, 'two@example.com');
    const unregistered = 'P123456789012';
    expect((await t.db.pool.query(`SELECT 1 FROM pccc_holders WHERE pccc = $1`, [unregistered])).rowCount).toBe(0);
    const mall = await t.operator('ALERTTWOMALL');
    const r = await post(mall.key, [underCode('UA-TWO-1', name, code, phone), declaration('UA-OTHER-1'), underCode('UA-TWO-2', name, code, phone)]);
    expect(r.body.results.map((x: { status: string }) => x.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const cargoNo = r.body.results[0].cargoNo as string;
    const first = await idOf(cargoNo);
    // Two declarations under the code in this batch: one alert, named by the first, "외 1건" (1 more);
    // no consent token: "본인 승인 없이 신고되었습니다" (filed without your approval). SMS always, e-mail as registered, no installed app.
    const ko =
      `회원님의 개인통관고유부호로 통관 신고가 접수되었습니다: Amazon 티셔츠 Nike Dri-FIT 외 1건 (화물관리번호 ${cargoNo}).` +
      ` 본인 승인 없이 신고되었습니다. 본인 주문이 아니면 '내가 아님'을 눌러 반출을 막으세요: ${LINK}`;
    const en = `A customs declaration was filed under your customs code (${cargoNo}). It was filed without your approval. Not you? Tap "Not me": ${LINK}`;
    const subject = '[통관] 개인통관고유부호 사용 알림';
    // Without the status: the notices' worker, nudged by the commit, may have sent them already (the sending: the test above).
    expect((await alertsOf(code)).map(({ status: _, ...alert }) => alert)).toEqual([
      { ref: `declaration:${first}`, channel: 'sms', subject, text_ko: ko, text_en: en, url: '/me/security' },
      { ref: `declaration:${first}`, channel: 'email', subject, text_ko: ko, text_en: en, url: '/me/security' },
    ]);
    expect(await alertsOf(unregistered)).toEqual([]); // nobody registered: nothing queued
  });
});

describe('a batch sent again alerts nobody again', () => {
  it('the same refs again (replayed), again under the same Idempotency-Key, with a new ref beside them, and twice at once: one alert per new declaration', async () => {
    const name = '재전송';
    const phone = '010-3113-0003';
    const code = await issue(name, phone);
    const mall = await t.operator('ALERTRETRYMALL');
    const a1 = underCode('UA-RE-1', name, code, phone);
    const first = await post(mall.key, [a1]);
    expect(first.body.results[0].replayed).toBe(false);
    const id1 = await idOf(first.body.results[0].cargoNo);
    expect((await alertsOf(code)).map((a) => a.ref)).toEqual([`declaration:${id1}`]);

    // The same batch again: the declaration is on record (replayed), nothing is stored, nobody is told again.
    const again = await post(mall.key, [a1]);
    expect([again.body.results[0].status, again.body.results[0].replayed]).toEqual(['accepted', true]);
    expect((await alertsOf(code)).map((a) => a.ref)).toEqual([`declaration:${id1}`]);

    // Under an Idempotency-Key, twice: the second is the first's answer.
    const a2 = underCode('UA-RE-2', name, code, phone);
    const keyed = await post(mall.key, [a2], { 'idempotency-key': 'ua-retry-key-1' });
    const keyedAgain = await post(mall.key, [a2], { 'idempotency-key': 'ua-retry-key-1' });
    expect(keyedAgain.body).toEqual(keyed.body);
    const id2 = await idOf(keyed.body.results[0].cargoNo);
    expect((await alertsOf(code)).map((a) => a.ref)).toEqual([`declaration:${id1}`, `declaration:${id2}`]);

    // A retry with a new declaration beside the two on record: the new one alone is told ("외" nothing).
    const a3 = underCode('UA-RE-3', name, code, phone);
    const mixed = await post(mall.key, [a1, a2, a3]);
    expect(mixed.body.results.map((x: { replayed: boolean }) => x.replayed)).toEqual([true, true, false]);
    const id3 = await idOf(mixed.body.results[2].cargoNo);
    const alerts = await alertsOf(code);
    expect(alerts.map((a) => a.ref)).toEqual([`declaration:${id1}`, `declaration:${id2}`, `declaration:${id3}`]);
    expect(alerts[2]!.text_ko).toContain(`Amazon 티셔츠 Nike Dri-FIT (화물관리번호 ${mixed.body.results[2].cargoNo}).`);

    // The same new batch twice at once: one stores it (the other finds it on record, or loses the race on the
    // ref's unique key and is redone skipping it); one alert.
    const a4 = underCode('UA-RE-4', name, code, phone);
    const [x, y] = await Promise.all([post(mall.key, [a4]), post(mall.key, [a4])]);
    expect([x.body.results[0].replayed, y.body.results[0].replayed].sort()).toEqual([false, true]);
    const id4 = await idOf(x.body.results[0].cargoNo);
    expect((await alertsOf(code)).map((a) => a.ref)).toEqual([`declaration:${id1}`, `declaration:${id2}`, `declaration:${id3}`, `declaration:${id4}`]);
  });
});
