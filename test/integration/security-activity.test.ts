// The holder's security activity (GET /api/v1/consumer/pccc/events): the registry's events of the
// signed-in holder only, newest first, 20 a page by default, older ones by `before`, each in words safe
// to show (src/domain/security-activity.ts). Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { consumerSessionOn, registerHolder } from '../support/holder-notices.ts';
import { softwarePasskey } from '../support/software-passkey.ts';

let t: TestPlatform;
let officer: { token: string };
const EVENTS = '/api/v1/consumer/pccc/events';
type Shown = { id: number; at: string; kind: string; by: string; codeEnding: string | null; from: string | null; to: string | null; text: { ko: string; en: string } };

beforeAll(async () => {
  t = await startTestPlatform();
  officer = await t.officer('security-activity-officer');
});
afterAll(async () => {
  await t?.close();
});

const registry = () => t.platform.deps.identity!.deps.registry;
const holderIdOf = async (code: string) => (await t.db.pool.query(`SELECT holder_id FROM pccc_holders WHERE pccc = $1`, [code])).rows[0].holder_id as string;
const page = async (token: string, query = '') => api(t.base, 'GET', `${EVENTS}${query}`, { token });

describe('a page of the holder’s security activity', () => {
  let code: string;
  let token: string;
  beforeAll(async () => {
    // 25 events: the officer's issue, then 12 times the holder's suspend and resume (1 + 12 × 2 = 25).
    code = await registerHolder(t, officer.token, '김활동', '010-4100-0001');
    const holder = { kind: 'consumer' as const, id: await holderIdOf(code) };
    for (let i = 0; i < 12; i++) {
      expect((await registry().suspend(code, '분실', holder)).ok).toBe(true);
      expect((await registry().resume(code, holder)).ok).toBe(true);
    }
    token = await consumerSessionOn(t, code);
  });

  it('the latest 20 newest first, then the 5 older by the cursor, then none older (20 + 5 = 25)', async () => {
    const first = await page(token);
    expect(first.status).toBe(200);
    const shown = first.body.events as Shown[];
    expect(shown).toHaveLength(20);
    const ids = shown.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first
    expect(shown[0]).toMatchObject({ kind: 'resume', by: 'holder', codeEnding: code.slice(-4), text: { ko: `개인통관고유부호(끝자리 ${code.slice(-4)})의 사용정지를 해제했습니다.`, en: `Lifted the suspension of the customs code (ending ${code.slice(-4)}).` } });
    expect(shown[1]).toMatchObject({ kind: 'suspend', text: { en: `Suspended the customs code (ending ${code.slice(-4)}).` } });
    // No reason (free text) in what is shown.
    expect(JSON.stringify(first.body)).not.toContain('분실');
    expect(first.body.next).toBe(ids[19]);

    const older = await page(token, `?before=${first.body.next}`);
    expect(older.status).toBe(200);
    const rest = older.body.events as Shown[];
    expect(rest).toHaveLength(5);
    expect(rest.every((e) => e.id < ids[19]!)).toBe(true);
    // The oldest: the officer's issue, told as such.
    expect(rest[4]).toMatchObject({ kind: 'issue', by: 'customs', text: { ko: `개인통관고유부호(끝자리 ${code.slice(-4)})가 발급되었습니다.` } });
    expect(older.body.next).toBeNull();
    // No event twice, none left out.
    expect(new Set([...ids, ...rest.map((e) => e.id)]).size).toBe(25);
  });

  it('limit: 1 to 100 (25 at once with 100; exactly 25 with 25, nothing older)', async () => {
    expect((await page(token, '?limit=100')).body.events).toHaveLength(25);
    const exact = await page(token, '?limit=25');
    expect([exact.body.events.length, exact.body.next]).toEqual([25, null]);
    const one = await page(token, '?limit=1');
    expect([one.body.events.length, one.body.next]).toEqual([1, one.body.events[0].id]);
  });

  it('a bad cursor or limit: 400 naming the parameter', async () => {
    for (const [query, path] of [
      ['?before=abc', 'querystring.before'],
      ['?before=0', 'querystring.before'],
      ['?before=-5', 'querystring.before'],
      ['?before=1.5', 'querystring.before'],
      ['?before=99999999999999999999', 'querystring.before'],
      ['?limit=0', 'querystring.limit'],
      ['?limit=101', 'querystring.limit'],
      ['?limit=ten', 'querystring.limit'],
    ] as const) {
      const r = await page(token, query);
      expect([query, r.status, r.body.error.code]).toEqual([query, 400, 'VALIDATION_FAILED']);
      expect(r.body.error.details[0].path, query).toBe(path);
    }
  });

  it('in the order they happened, not the order they were written: an event written later with an earlier time (migration 117’s backfill of passkeys) stands at its time, on the page the cursor gives', async () => {
    const late = await registerHolder(t, officer.token, '박순서', '010-4100-0003');
    const lateId = await holderIdOf(late);
    const lateHolder = { kind: 'consumer' as const, id: lateId };
    for (let i = 0; i < 2; i++) {
      expect((await registry().suspend(late, '분실', lateHolder)).ok).toBe(true);
      expect((await registry().resume(late, lateHolder)).ok).toBe(true);
    }
    // Written last, dated a year back: before the issue (2026 → 2025).
    const { rows } = await t.db.pool.query(
      `INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail) VALUES (now() - interval '365 days', $1, $2, 'passkey_added', 'consumer', $1, '{"label":"옛 폰"}') RETURNING id`,
      [lateId, late],
    );
    const backfilled = Number(rows[0].id);
    const lateToken = await consumerSessionOn(t, late);
    // 6 events: issue, 2 × (suspend, resume), the backfilled passkey; 3 a page.
    const first = await page(lateToken, '?limit=3');
    expect((first.body.events as Shown[]).map((e) => e.kind)).toEqual(['resume', 'suspend', 'resume']);
    const second = await page(lateToken, `?limit=3&before=${first.body.next}`);
    const kinds = (second.body.events as Shown[]).map((e) => e.kind);
    expect(kinds).toEqual(['suspend', 'issue', 'passkey_added']); // before: the passkey first, its id the largest
    expect(second.body.events[2].id).toBe(backfilled);
    expect(second.body.next).toBeNull(); // nothing older than the passkey
    expect((await page(lateToken, `?limit=3&before=${backfilled}`)).body.events).toEqual([]);
    expect((await page(lateToken, `?limit=3&before=${second.body.events[1].id}`)).body.events.map((e: Shown) => e.id)).toEqual([backfilled]);
  });

  it('only the signed-in holder’s own events: another holder’s session sees its own, whatever the cursor', async () => {
    const other = await registerHolder(t, officer.token, '이다른', '010-4100-0002');
    const otherId = await holderIdOf(other);
    // An event that recorded the numbers in full (as no version writes them): shown masked all the same.
    await t.db.pool.query(`INSERT INTO pccc_registry_events (at, holder_id, pccc, action, actor_kind, actor_id, detail) VALUES (now(), $1, $2, 'phone', 'consumer', $1, $3)`, [
      otherId,
      other,
      JSON.stringify({ from: '01041000002', to: '01041009999', otherSessionsEnded: 0 }),
    ]);
    const otherToken = await consumerSessionOn(t, other);
    const mineIds = ((await page(token, '?limit=100')).body.events as Shown[]).map((e) => e.id);
    const theirs = await page(otherToken, '?limit=100');
    expect((theirs.body.events as Shown[]).map((e) => e.kind)).toEqual(['phone', 'issue']);
    expect(theirs.body.events[0]).toMatchObject({ from: '010-****-0002', to: '010-****-9999', text: { ko: '휴대전화 번호를 010-****-9999(으)로 바꿨습니다.', en: 'Changed the mobile number to 010-****-9999.' } });
    expect(JSON.stringify(theirs.body)).not.toMatch(/0100002|1009999|01041/);
    expect((theirs.body.events as Shown[]).some((e) => mineIds.includes(e.id))).toBe(false);
    // A cursor past the first holder's events reads the other holder's own, never the first's.
    const past = await page(otherToken, `?before=${Math.max(...mineIds)}`);
    expect((past.body.events as Shown[]).some((e) => mineIds.includes(e.id))).toBe(false);
    // And the first holder does not see the second's.
    expect(((await page(token, '?limit=100')).body.events as Shown[]).some((e) => e.kind === 'phone')).toBe(false);
  });

  it('a consumer route: 401 without a session, 403 for an operator', async () => {
    expect((await api(t.base, 'GET', EVENTS)).status).toBe(401);
    const operator = await t.operator('SECACT');
    expect((await api(t.base, 'GET', EVENTS, { token: operator.key })).status).toBe(403);
  });

  it('the code’s view keeps its `events` as before (the registry’s events, newest first)', async () => {
    const own = await api(t.base, 'GET', '/api/v1/consumer/pccc', { token });
    expect(own.status).toBe(200);
    expect(own.body.events).toHaveLength(25);
    expect(own.body.events[0]).toMatchObject({ pccc: code, action: 'resume', actorKind: 'consumer' });
  });
});

describe('the holder’s own security changes that are not changes to the code: a passkey added or removed, a "not me" report', () => {
  it('each is listed with the code’s events, newest first, written with the change (by the holder, never the credential id)', async () => {
    const name = '박패스';
    const phone = '010-4100-0003';
    const code = await registerHolder(t, officer.token, name, phone);
    const token = await consumerSessionOn(t, code);
    // A passkey added (start, then finish with a software key's attestation), labelled 새 폰.
    const started = await api(t.base, 'POST', '/api/v1/consumer/passkeys/registration', { token });
    expect(started.status).toBe(201);
    const key = softwarePasskey();
    const added = await api(t.base, 'POST', `/api/v1/consumer/passkeys/registration/${started.body.ceremonyId}`, { token, body: { response: key.attest(started.body.options.challenge), label: '새 폰' } });
    expect(added.status).toBe(201);
    // A declaration filed under the code, reported "not me".
    const mall = await t.operator('SECACTMALL');
    const filed = await api(t.base, 'POST', '/api/v1/declarations', {
      token: mall.key,
      body: { declarations: [declaration('SECACT-1', { consignee: { name, pccc: code, phone, postcode: '06236', address: '서울특별시 강남구 테헤란로 1' } })] },
    });
    expect(filed.body.results[0].status).toBe('accepted');
    const cargoNo = filed.body.results[0].cargoNo as string;
    expect((await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token, body: {} })).status).toBe(201);
    // The passkey removed.
    expect((await api(t.base, 'DELETE', `/api/v1/consumer/passkeys/${key.credentialId}`, { token })).status).toBe(200);
    // Removing it again removes nothing, and records nothing.
    expect((await api(t.base, 'DELETE', `/api/v1/consumer/passkeys/${key.credentialId}`, { token })).status).toBe(404);

    const r = await page(token);
    expect(r.status).toBe(200);
    const shown = r.body.events as (Shown & { label: string | null; cargoNo: string | null })[];
    // 4 events: the officer's issue, then the holder's three, newest first.
    expect(shown.map((e) => [e.kind, e.by])).toEqual([
      ['passkey_removed', 'holder'],
      ['not_me_reported', 'holder'],
      ['passkey_added', 'holder'],
      ['issue', 'customs'],
    ]);
    expect(shown.map((e) => e.id)).toEqual([...shown.map((e) => e.id)].sort((a, b) => b - a));
    const c = code.slice(-4);
    expect(shown[0]).toMatchObject({ codeEnding: c, label: '새 폰', text: { ko: '패스키를 삭제했습니다 (새 폰).', en: 'Removed a passkey (새 폰).' } });
    expect(shown[1]).toMatchObject({ codeEnding: c, cargoNo, text: { ko: `'내가 아님'을 신고했습니다: 화물관리번호 ${cargoNo}.`, en: `Reported 'not me' for cargo ${cargoNo}.` } });
    expect(shown[2]).toMatchObject({ codeEnding: c, label: '새 폰', text: { ko: '패스키를 등록했습니다 (새 폰).', en: 'Added a passkey (새 폰).' } });
    expect(JSON.stringify(r.body)).not.toContain(key.credentialId);

    // Written with the change: the passkey's event at its created_at and removed_at, the report's at the case's reported_at; no credential id stored.
    const holderId = await holderIdOf(code);
    const rows = (await t.db.pool.query(`SELECT action, actor_kind, actor_id, at, detail FROM pccc_registry_events WHERE holder_id = $1 AND action <> 'issue' ORDER BY id`, [holderId])).rows;
    const pk = (await t.db.pool.query(`SELECT created_at, removed_at FROM passkeys WHERE credential_id = $1`, [key.credentialId])).rows[0];
    const reported = (await t.db.pool.query(`SELECT reported_at FROM misuse_cases WHERE cargo_no = $1`, [cargoNo])).rows[0].reported_at as Date;
    expect(rows.map((e) => [e.action, e.actor_kind, e.actor_id, (e.at as Date).toISOString(), e.detail])).toEqual([
      ['passkey_added', 'consumer', holderId, pk.created_at.toISOString(), { label: '새 폰' }],
      ['not_me_reported', 'consumer', holderId, reported.toISOString(), { cargoNo }],
      ['passkey_removed', 'consumer', holderId, pk.removed_at.toISOString(), { label: '새 폰' }],
    ]);
    expect(JSON.stringify(rows)).not.toContain(key.credentialId);

    // The code's own view lists them among its raw events too.
    expect((await api(t.base, 'GET', '/api/v1/consumer/pccc', { token })).body.events.map((e: { action: string }) => e.action)).toEqual(['passkey_removed', 'not_me_reported', 'passkey_added', 'issue']);
  });
});
