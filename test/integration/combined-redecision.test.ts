// Combined taxation (수입통관 사무처리에 관한 고시 제68조) decided again for the declarations on record
// that a later one joins: intake queues them in its transaction (combined_redecisions, migrations/071),
// the platform's worker re-assesses each with the same engine (src/app/redecide-combined-members.ts).
// Embedded PostgreSQL, or the server named by DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceDeclaration } from '../../src/app/advance-declaration.ts';
import { redecideCombinedMember } from '../../src/app/redecide-combined-members.ts';
import { OTHER_OPERATOR_REF } from '../../src/domain/combined-refs-view.ts';
import type { LifecycleEventType } from '../../src/domain/lifecycle.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { until } from '../support/until.ts';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.ts';

let t: TestPlatform;
let alpha: { id: number; key: string };
let beta: { id: number; key: string };
let officer: { token: string };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let hookBase: string;
let received: ReceivedWebhook[];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  received = receiver.received;
  hookBase = receiver.base;
  // No risk worker: the rescoring queued by the new version stays in risk_pending to be seen.
  t = await startTestPlatform({ webhookPollMs: 20, riskWorker: false });
  alpha = await t.operator('RDALPHA');
  beta = await t.operator('RDBETA', 'seller');
  officer = await t.officer('rd-officer');
  for (const [op, path] of [[alpha, '/alpha'], [beta, '/beta']] as const) {
    const w = await api(t.base, 'POST', '/api/v1/webhooks', { token: op.key, body: { url: `${hookBase}${path}` } });
    expect(w.status).toBe(201);
  }
});
afterAll(async () => {
  await t?.close();
  await receiver?.close();
});

const submit = (key: string, declarations: unknown[]) => api(t.base, 'POST', '/api/v1/declarations', { token: key, body: { declarations } });
const read = (key: string, id: number) => api(t.base, 'GET', `/api/v1/declarations/${id}`, { token: key });
const drain = () => t.platform.combinedRedecisions.drain();
const queued = async () => (await t.db.pool.query(`SELECT declaration_id::int AS id FROM combined_redecisions ORDER BY 1`)).rows.map((x) => x.id as number);

/**
 * A parcel from China by express, declared 2026-02-04 (customs rate of the week of 2026-02-01: USD
 * 1,442.88), 0.5 kg: its own de minimis is USD 150 (not US express). One consignee per test, so the
 * tests do not join each other; `bl` is the house B/L the parcels share (고시 제68조 ground 1).
 */
function parcel(ref: string, pccc: string, bl: string, item: Record<string, unknown>) {
  return declaration(ref, {
    declaredAt: '2026-02-04',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: bl, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
    parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: `Seller ${ref}`, country: 'CN' } },
    consignee: { name: '정하늘', pccc, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
    // Different sellers and dates: only the B/L joins them.
    order: { orderNo: `O-${ref}`, purchasedAt: ref.endsWith('B') ? '2026-02-02' : '2026-02-01', currency: 'USD' },
    items: [item],
  });
}
const shirt = (price: number) => ({ description: '티셔츠 Uniqlo 에어리즘 크루넥', hsCode: '6109101000', quantity: 1, price, originCountry: 'VN' });
const shoes = (price: number) => ({ description: '운동화 Nike Pegasus 41', category: 'shoes', quantity: 1, price, originCountry: 'VN' });

async function advance(id: number, types: LifecycleEventType[]) {
  const at = new Date('2026-02-05T03:00:00Z');
  const r = await advanceDeclaration(t.platform.deps, id, types.map((type, k) => ({ type, occurredAt: new Date(at.getTime() + k * 60_000) })));
  expect(r.ok).toBe(true);
}
const eventTypes = async (id: number) =>
  (await t.db.pool.query(`SELECT type FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id])).rows.map((x) => x.type as string);

describe('combined taxation decided again for the declaration on record (고시 제68조)', () => {
  it('worked example: T-shirt USD 100 on record and list-submitted, shoes USD 100 on the same B/L → the T-shirt is re-assessed: general route, combined with the shoes, KRW 36,320', async () => {
    const a = await submit(alpha.key, [parcel('RD1-A', 'P300000000011', 'RDBL-1', shirt(100))]);
    // Alone: USD 100 ≤ 150, list clearance, exempt.
    expect(a.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { thresholdUsd: 150, exempt: true } });
    const idA = a.body.results[0].declarationId as number;
    // The courier files the clearance list (통관목록접수) before the shoes are declared.
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED']);
    await t.db.pool.query(`DELETE FROM risk_pending WHERE declaration_id = $1`, [idA]); // as if scored already

    const b = await submit(alpha.key, [parcel('RD1-B', 'P300000000011', 'RDBL-1', shoes(100))]);
    expect(b.body.results[0].assessment).toMatchObject({ route: 'general', combinedWith: ['RD1-A'], deMinimis: { exempt: false } });
    await drain(); // the worker, woken by intake, may have decided it already: drain waits for that pass too
    expect(await queued()).toEqual([]);

    const got = await read(alpha.key, idA);
    expect(got.body.version).toBe(2);
    // Group: 100 + 100 = USD 200 > 150 → no exemption (the shoes' own limit is USD 150 too).
    // T-shirt: 100 × 1,442.88 = KRW 144,288; goods ≤ 200,000 → sea-parcel freight CN 0.5 kg KRW 5,250;
    // CIF 144,288 + 5,250 = 149,538; duty 13 % (HS 6109) = 19,439.94 → 19,439 per line → 19,430 (to KRW 10);
    // VAT (149,538 + 19,439) × 10 % = 16,897.7 → 16,897 → 16,890; total 19,430 + 16,890 = 36,320.
    expect(got.body.assessment).toMatchObject({
      route: 'general',
      combinedWith: ['RD1-B'],
      deMinimis: { thresholdUsd: 150, exempt: false },
      taxes: { dutyKrw: 19_430, vatKrw: 16_890, totalKrw: 36_320, collected: true },
    });
    const codes = got.body.assessment.reasons.map((r: { code: string }) => r.code);
    expect(codes).toContain('COMBINED_OVER_DE_MINIMIS');
    expect(codes).toContain('NEXT_PAY_OR_DISPUTE_COMBINATION');
    // The list filed for a list clearance no longer fits: back to declared (in the warehouse), an import declaration is needed.
    expect([got.body.route, got.body.status]).toEqual(['general', 'in_warehouse']);
    // The first version is kept, with the reason naming the later declaration, the notice and what to do.
    expect(got.body.revisions).toHaveLength(1);
    const revision = got.body.revisions[0];
    expect(revision.version).toBe(1);
    expect(revision.assessment).toMatchObject({ route: 'list', combinedWith: [] });
    expect(revision.reason).toContain('RD1-B');
    expect(revision.reason).toContain('고시 제68조');
    expect(revision.reason).toContain('관세법 제119조');
    expect(revision.reason).toContain('36,320원');
    expect(revision.reason).toContain('KRW 36,320');
    const last = got.body.timeline.at(-1);
    expect(last).toMatchObject({
      type: 'COMBINED_REASSESSED',
      nameKo: '합산과세 재산정',
      nameEn: 'Re-assessed for combined taxation',
      statusAfter: 'in_warehouse',
      detail: { fromVersion: 1, toVersion: 2, route: 'general', taxesDueKrw: 36_320, combinedWith: ['RD1-B'], law: expect.stringContaining('제68조') },
    });
    expect(last.reason).toContain('목록통관 → 일반통관(수입신고)');
    expect(last.detail.reasonEn).toContain('Next: pay KRW 36,320');
    // The public lookup is rewritten: taxes due, the event, and no other parcel's ref.
    const lookup = await api(t.base, 'GET', `/api/v1/lookup/cargo/${got.body.cargoNo}`);
    expect(lookup.body).toMatchObject({ status: 'in_warehouse', route: 'general', taxes: { dueKrw: 36_320 } });
    expect(lookup.body.timeline.at(-1).type).toBe('COMBINED_REASSESSED');
    expect(JSON.stringify(lookup.body)).not.toContain('RD1-B');
    // The new version queues the risk rescoring (the amendment trigger, migrations/031).
    const risk = await t.db.pool.query(`SELECT first, reason FROM risk_pending WHERE declaration_id = $1`, [idA]);
    expect(risk.rows).toEqual([{ first: false, reason: 'amended' }]);
    // The operator's webhook gets the event.
    const hook = await until(() => received.find((x) => x.body.eventType === 'COMBINED_REASSESSED' && x.body.declaration.id === idA), 'the webhook of the re-assessment');
    expect(hook.path).toBe('/alpha');
    expect(hook.body).toMatchObject({ status: 'in_warehouse', declaration: { ref: 'RD1-A' } });
  });

  it('a withdrawn member leaves the group: the one on record is decided again, back to list clearance and exempt', async () => {
    const a = await submit(alpha.key, [parcel('RD9-A', 'P300000000019', 'RDBL-9', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(alpha.key, [parcel('RD9-B', 'P300000000019', 'RDBL-9', shoes(100))]);
    const idB = b.body.results[0].declarationId as number;
    await drain();
    // Joined: USD 100 + 100 = 200 > 150, as in the worked example: general, KRW 36,320.
    expect((await read(alpha.key, idA)).body.assessment).toMatchObject({ route: 'general', combinedWith: ['RD9-B'], taxes: { totalKrw: 36_320 } });

    const w = await api(t.base, 'POST', `/api/v1/declarations/${idB}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
    expect(w.status).toBe(200);
    await drain(); // queued in the withdrawal's transaction (the worker may have taken it already)
    // Alone again: USD 100 ≤ 150 → list clearance, exempt, nothing owed.
    const got = await read(alpha.key, idA);
    expect(got.body.version).toBe(3);
    expect(got.body.assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { thresholdUsd: 150, exempt: true } });
    expect(got.body.assessment.taxes.collected ? got.body.assessment.taxes.totalKrw : 0).toBe(0);
    const last = got.body.timeline.at(-1);
    expect(last).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 2, toVersion: 3, route: 'list', taxesDueKrw: 0, combinedWith: [], leftGroup: ['RD9-B'] } });
    expect(last.reason).toBe('합산과세 재산정: 함께 합산되던 신고 1건이 합산 대상에서 빠져(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: 일반통관(수입신고) → 목록통관, 납부할 세액 36,320원 → 0원. 다음 할 일: 납부할 세금은 없습니다.');
    expect(got.body.revisions.at(-1).reason).toContain('함께 합산되던 신고(RD9-B)가 합산 대상에서 빠져');
    // A withdrawal outside any group queues nothing.
    const c = await submit(alpha.key, [parcel('RD9-C', 'P300000000029', 'RDBL-9C', shirt(40))]);
    await api(t.base, 'POST', `/api/v1/declarations/${c.body.results[0].declarationId}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } });
    expect(await queued()).toEqual([]);
  });

  it('a declaration already released keeps its decision; the later one combined with it is noted once for post-clearance review', async () => {
    const a = await submit(alpha.key, [parcel('RD2-A', 'P300000000022', 'RDBL-2', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'LIST_RECEIVED', 'LIST_CLEARED', 'WAREHOUSE_OUT']);
    const before = await read(alpha.key, idA);
    expect(before.body.status).toBe('released');
    const b = await submit(alpha.key, [parcel('RD2-B', 'P300000000022', 'RDBL-2', shoes(100))]);
    // The later parcel is combined with the released one (it is still an importation of the same B/L).
    expect(b.body.results[0].assessment).toMatchObject({ route: 'general', combinedWith: ['RD2-A'], taxes: { totalKrw: 36_320 } });
    await drain();
    const got = await read(officer.token, idA);
    expect(got.body.version).toBe(1);
    expect(got.body.assessment).toEqual(before.body.assessment);
    expect(got.body.status).toBe('released');
    expect(got.body.revisions).toEqual([]);
    const note = got.body.timeline.at(-1);
    // Combined, the T-shirt would owe KRW 36,320 (as in the worked example); when cleared, 0.
    expect(note).toMatchObject({
      type: 'COMBINED_AFTER_CLEARANCE',
      statusAfter: 'released',
      detail: { combinedWith: ['RD2-B'], route: 'general', taxesDueKrw: 36_320, taxesDueKrwWhenCleared: 0 },
    });
    expect(note.reason).toContain('사후 심사');
    // Queued again (a restart, a retry): noted once.
    await t.db.pool.query(`INSERT INTO combined_redecisions (declaration_id) VALUES ($1)`, [idA]);
    await drain();
    expect((await eventTypes(idA)).filter((x) => x === 'COMBINED_AFTER_CLEARANCE')).toHaveLength(1);
    expect(await queued()).toEqual([]);
  });

  it('queues nothing when a batch joins no declaration on record', async () => {
    const before = (await t.db.pool.query(`SELECT coalesce(max(round), 0)::int AS n, count(*)::int AS c FROM combined_redecisions`)).rows[0];
    // Two parcels of one B/L in one batch: combined with each other (the batch decides both), none on record.
    const r = await submit(alpha.key, [parcel('RD7-A', 'P300000000077', 'RDBL-7', shirt(100)), parcel('RD7-B', 'P300000000077', 'RDBL-7', shoes(100))]);
    expect(r.body.results.map((x: any) => x.assessment.combinedWith)).toEqual([['RD7-B'], ['RD7-A']]);
    expect(await queued()).toEqual([]);
    expect(before.c).toBe(0);
  });

  it('a group that stays within the limit changes nothing on record: no new version, no event', async () => {
    const a = await submit(alpha.key, [parcel('RD3-A', 'P300000000033', 'RDBL-3', shirt(60))]);
    const idA = a.body.results[0].declarationId as number;
    await t.db.pool.query(`DELETE FROM risk_pending WHERE declaration_id = $1`, [idA]); // as if scored already
    const b = await submit(alpha.key, [parcel('RD3-B', 'P300000000033', 'RDBL-3', shoes(60))]);
    // 60 + 60 = USD 120 ≤ 150: combined, still exempt.
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: ['RD3-A'], deMinimis: { exempt: true } });
    await drain();
    expect(await queued()).toEqual([]);
    const got = await read(alpha.key, idA);
    expect(got.body.version).toBe(1);
    expect(got.body.assessment).toEqual(a.body.results[0].assessment);
    expect(await eventTypes(idA)).toEqual(['SUBMITTED']);
    expect(received.filter((x) => x.body.declaration?.id === idA && x.body.eventType !== 'SUBMITTED')).toEqual([]);
    // Nothing to rescore: no version changed (a quiet version per join was tried and cost intake a quarter at 60,000).
    expect((await t.db.pool.query(`SELECT reason FROM risk_pending WHERE declaration_id = $1`, [idA])).rows).toEqual([]);
  });

  it('across two operators: the one on record is re-assessed and its own operator is told; the later operator still cannot read it', async () => {
    const a = await submit(alpha.key, [parcel('RD4-A', 'P300000000044', 'RDBL-4', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(beta.key, [parcel('RD4-B', 'P300000000044', 'RDBL-4', shoes(100))]);
    // The later assessment names the stored member of the other operator by no ref (its ref is that operator's business data) …
    expect(b.body.results[0].assessment.combinedWith).toEqual([OTHER_OPERATOR_REF]);
    await drain();
    // … and the stored one names the later member the same way; an officer reads the refs.
    const got = await read(alpha.key, idA);
    expect(got.body).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: [OTHER_OPERATOR_REF], taxes: { totalKrw: 36_320 } } });
    expect((await read(officer.token, idA)).body.assessment.combinedWith).toEqual(['RD4-B']);
    const hook = await until(() => received.find((x) => x.body.eventType === 'COMBINED_REASSESSED' && x.body.declaration.id === idA), 'the webhook to the first operator');
    expect(hook.path).toBe('/alpha');
    // The later operator: no event of A, and A stays unreadable (404) and unchangeable.
    await until(() => (received.some((x) => x.path === '/beta' && x.body.declaration.ref === 'RD4-B') ? true : undefined), 'the later operator’s own intake event');
    expect(received.filter((x) => x.path === '/beta' && x.body.declaration.id === idA)).toEqual([]);
    expect((await read(beta.key, idA)).status).toBe(404);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${idA}/withdraw`, { token: beta.key, body: { reason: 'x' } })).status).toBe(404);
  });

  it('is idempotent: a retry of the later batch queues nothing, and deciding again writes nothing', async () => {
    const a = await submit(alpha.key, [parcel('RD5-A', 'P300000000055', 'RDBL-5', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    const batch = [parcel('RD5-B', 'P300000000055', 'RDBL-5', shoes(100))];
    await submit(alpha.key, batch);
    await drain();
    expect((await read(alpha.key, idA)).body.version).toBe(2);
    const retry = await submit(alpha.key, batch);
    expect(retry.body.results[0]).toMatchObject({ status: 'accepted', replayed: true });
    expect(await queued()).toEqual([]); // nothing new was stored, nothing joined
    // Decided again all the same (a worker that died before removing its row): unchanged.
    expect(await redecideCombinedMember(t.platform.deps, idA)).toBe('unchanged');
    await t.db.pool.query(`INSERT INTO combined_redecisions (declaration_id) VALUES ($1)`, [idA]);
    await drain();
    const got = await read(alpha.key, idA);
    expect(got.body.version).toBe(2);
    expect(got.body.revisions).toHaveLength(1);
    expect((await eventTypes(idA)).filter((x) => x === 'COMBINED_REASSESSED')).toHaveLength(1);
  });

  it('a correction that joins a stored declaration queues it as intake does', async () => {
    const a = await submit(alpha.key, [parcel('RD8-A', 'P300000000088', 'RDBL-8', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    // Declared on another B/L (alone, list), then corrected to A's B/L (a typo in the B/L number).
    const b = await submit(alpha.key, [parcel('RD8-B', 'P300000000088', 'RDBL-8X', shoes(100))]);
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [] });
    const corrected = await api(t.base, 'PATCH', `/api/v1/declarations/${b.body.results[0].declarationId}`, {
      token: alpha.key,
      body: { reason: 'B/L 번호 정정', declaration: parcel('RD8-B', 'P300000000088', 'RDBL-8', shoes(100)) },
    });
    expect(corrected.body.assessment).toMatchObject({ route: 'general', combinedWith: ['RD8-A'] });
    await drain();
    // As in the worked example: 100 + 100 = USD 200 > 150, KRW 36,320.
    expect((await read(alpha.key, idA)).body).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: ['RD8-B'], taxes: { totalKrw: 36_320 } } });
  });

  it('a correction that moves a member onto another B/L leaves its group: the one left behind is decided again, as after a withdrawal', async () => {
    const a = await submit(alpha.key, [parcel('RDA-A', 'P300000000101', 'RDBL-A', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(alpha.key, [parcel('RDA-B', 'P300000000101', 'RDBL-A', shoes(100))]);
    const idB = b.body.results[0].declarationId as number;
    await drain();
    // Joined on one B/L: USD 100 + 100 = 200 > 150, as in the worked example: general, KRW 36,320.
    expect((await read(alpha.key, idA)).body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDA-B'], taxes: { totalKrw: 36_320 } });

    // The shoes were declared on the wrong B/L: corrected to their own (a different seller and date than the T-shirt's, so nothing else joins them).
    const corrected = await api(t.base, 'PATCH', `/api/v1/declarations/${idB}`, {
      token: alpha.key,
      body: { reason: 'B/L 번호 정정', declaration: parcel('RDA-B', 'P300000000101', 'RDBL-AX', shoes(100)) },
    });
    expect(corrected.status).toBe(200);
    // Alone: USD 100 ≤ 150, list clearance, exempt.
    expect(corrected.body.assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { exempt: true } });
    await drain(); // queued in the correction's transaction
    // The T-shirt alone again: USD 100 ≤ 150 → list clearance, nothing owed (before the fix: version 2, general, KRW 36,320 on a group that no longer held the shoes).
    const got = await read(alpha.key, idA);
    expect(got.body.version).toBe(3);
    expect(got.body.assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { thresholdUsd: 150, exempt: true } });
    expect(got.body.timeline.at(-1)).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 2, toVersion: 3, route: 'list', taxesDueKrw: 0, combinedWith: [], leftGroup: ['RDA-B'] } });
    expect(await queued()).toEqual([]);
  });

  it('a correction of a member\'s value takes the group over the limit and back: the one on record is decided on the new sum each time', async () => {
    const a = await submit(alpha.key, [parcel('RDV-A', 'P300000000102', 'RDBL-V', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(alpha.key, [parcel('RDV-B', 'P300000000102', 'RDBL-V', shoes(40))]);
    const idB = b.body.results[0].declarationId as number;
    // One B/L: USD 100 + 40 = 140 ≤ 150, both list clearance and exempt; A, joined within the limit, keeps its version.
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: ['RDV-A'], deMinimis: { exempt: true } });
    await drain();
    expect((await read(alpha.key, idA)).body).toMatchObject({ version: 1, route: 'list' });

    // The shoes' price was USD 100, not 40: the sum is 200 > 150. A, which listed no member (joined
    // within the limit, it kept its version), is told it is combined with B: general, KRW 36,320 as in
    // the worked example.
    const up = await api(t.base, 'PATCH', `/api/v1/declarations/${idB}`, { token: alpha.key, body: { reason: '가격 정정', declaration: parcel('RDV-B', 'P300000000102', 'RDBL-V', shoes(100)) } });
    expect(up.status).toBe(200);
    expect(up.body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDV-A'], deMinimis: { exempt: false } });
    await drain();
    const over = (await read(alpha.key, idA)).body;
    expect(over).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: ['RDV-B'], deMinimis: { thresholdUsd: 150, exempt: false }, taxes: { totalKrw: 36_320 } } });
    expect(over.timeline.at(-1)).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 1, toVersion: 2, route: 'general', taxesDueKrw: 36_320, combinedWith: ['RDV-B'] } });

    // Corrected back to USD 40: 140 ≤ 150 again. Now A lists B, and no member joins or leaves: its
    // outcome follows the member's corrected value all the same, back to list clearance with nothing
    // owed (before: queued by the correction and left as it was, general and KRW 36,320 on a group
    // within the limit).
    const down = await api(t.base, 'PATCH', `/api/v1/declarations/${idB}`, { token: alpha.key, body: { reason: '가격 재정정', declaration: parcel('RDV-B', 'P300000000102', 'RDBL-V', shoes(40)) } });
    expect(down.body.assessment).toMatchObject({ route: 'list', deMinimis: { exempt: true } });
    await drain();
    const within = (await read(alpha.key, idA)).body;
    expect(within).toMatchObject({ version: 3, route: 'list', assessment: { combinedWith: ['RDV-B'], deMinimis: { thresholdUsd: 150, exempt: true } } });
    const lowered = within.timeline.at(-1);
    expect(lowered).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 2, toVersion: 3, route: 'list', taxesDueKrw: 0, combinedWith: [], memberChanged: true } });
    expect(lowered.reason).toBe(
      '합산과세 재산정: 함께 합산되는 신고의 물품가격 또는 면세한도가 바뀌어(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: 일반통관(수입신고) → 목록통관, 납부할 세액 36,320원 → 0원. 다음 할 일: 납부할 세금은 없습니다.',
    );
    expect(await queued()).toEqual([]);
  });

  it('a group chains through a member on record: C joins B by seller and date, B shares a B/L with A → C is combined with A and B, all three decided on their sum', async () => {
    // One consignee; A and B came on one B/L (a forwarder consolidated them), C from B's seller on
    // B's purchase date on a B/L of its own. Different arrival dates, so no read finds A by C's keys.
    const chain = (ref: string, bl: string, seller: string, purchasedAt: string, arrivalDate: string, price: number) =>
      declaration(ref, {
        declaredAt: '2026-02-04',
        shipment: { mode: 'express', shipFrom: 'CN', hblNo: bl, arrivalDate, grossWeightKg: 0.5 },
        parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: seller, country: 'CN' } },
        consignee: { name: '정하늘', pccc: 'P300000000111', phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
        order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' },
        items: [shirt(price)],
      });
    const a = await submit(alpha.key, [chain('RDC-A', 'RDBL-CX', 'Seller CA', '2026-02-01', '2026-02-05', 60)]);
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(alpha.key, [chain('RDC-B', 'RDBL-CX', 'Seller CB', '2026-02-02', '2026-02-06', 50)]);
    const idB = b.body.results[0].declarationId as number;
    // A + B = 60 + 50 = USD 110 ≤ 150: combined (one B/L), exempt.
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: ['RDC-A'], deMinimis: { exempt: true } });
    await drain();

    const c = await submit(alpha.key, [chain('RDC-C', 'RDBL-CY', 'Seller CB', '2026-02-02', '2026-02-07', 50)]);
    // C's own keys (B/L CY; the consignee on 02-02 or 02-07) find B only; B's B/L finds A.
    // Group: 60 + 50 + 50 = USD 160 > 150 → no exemption (before: {B, C} = USD 100, exempt, list).
    // C: 50 × 1,442.88 = KRW 72,144; goods ≤ 200,000 → sea-parcel freight CN 0.5 kg KRW 5,250; CIF 77,394;
    // duty 13 % = 10,061.22 → 10,061 per line → 10,060 (to KRW 10); VAT (77,394 + 10,061) × 10 % = 8,745.5 → 8,745 → 8,740;
    // total 10,060 + 8,740 = 18,800.
    expect(c.body.results[0].assessment).toMatchObject({
      route: 'general',
      combinedWith: ['RDC-A', 'RDC-B'],
      deMinimis: { thresholdUsd: 150, exempt: false },
      taxes: { dutyKrw: 10_060, vatKrw: 8_740, totalKrw: 18_800, collected: true },
    });
    await drain();
    // A and B, queued by C's intake, are decided on the same group of USD 160.
    // B is C's twin: KRW 18,800. A: 60 × 1,442.88 = 86,572.8 → goods KRW 86,572 (to the won, down);
    // CIF 86,572 + 5,250 = 91,822; duty 13 % = 11,936.86 → 11,936 → 11,930; VAT (91,822 + 11,936) × 10 % = 10,375.8 → 10,375 → 10,370; total 22,300.
    expect((await read(alpha.key, idB)).body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDC-A', 'RDC-C'], taxes: { totalKrw: 18_800 } });
    expect((await read(alpha.key, idA)).body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDC-B', 'RDC-C'], taxes: { totalKrw: 22_300 } });
  });

  it('a chain longer than the trace reads is cut at the cap, summed as far as found, and the assessment says so', async () => {
    // 20 parcels on record (one batch, one group), each linked to the next alternately by seller and
    // purchase date and by B/L: e1 (B/L L0, Jan 1), e2 (L1, Jan 1), e3 (L1, Jan 2), e4 (L2, Jan 2) …
    // USD 5 each; arrival dates in February, apart from every purchase date.
    const link = (k: number, bl: string, purchasedAt: string, seller: string, price: number, pccc = 'P300000000121', tag = 'RDK') =>
      declaration(`${tag}-${k}`, {
        declaredAt: '2026-02-04',
        shipment: { mode: 'express', shipFrom: 'CN', hblNo: bl, arrivalDate: `2026-02-${String(k + 5).padStart(2, '0')}`, grossWeightKg: 0.5 },
        parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: seller, country: 'CN' } },
        consignee: { name: '정하늘', pccc, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
        order: { orderNo: `O-${tag}-${k}`, purchasedAt, currency: 'USD' },
        items: [shirt(price)],
      });
    const day = (m: number) => `2026-01-${String(m).padStart(2, '0')}`;
    const chain = Array.from({ length: 20 }, (_, i) => link(i + 1, `RDK-L${Math.floor((i + 1) / 2)}`, day(Math.floor((i + 2) / 2)), 'Seller K', 5));
    const stored = await submit(alpha.key, chain);
    expect(stored.body.summary.accepted).toBe(20);
    // The new parcel N on B/L L0 from another seller: its own keys find e1; each further read one link more
    // (e2 by Jan 1, e3 by L1, …): 8 further reads end at e9, whose B/L L4 was not read.
    const n = await submit(alpha.key, [link(0, 'RDK-L0', day(25), 'Seller N', 5)]);
    const got = n.body.results[0].assessment;
    // Found: N + e1 … e9 = 10 × USD 5 = USD 50 ≤ 150 (the whole chain, 21 × 5 = 105, is within the limit too).
    expect(got).toMatchObject({ route: 'list', deMinimis: { exempt: true } });
    expect(got.combinedWith).toEqual(['RDK-1', 'RDK-2', 'RDK-3', 'RDK-4', 'RDK-5', 'RDK-6', 'RDK-7', 'RDK-8', 'RDK-9']);
    const capped = got.reasons.find((r: { code: string }) => r.code === 'COMBINED_HISTORY_CAPPED');
    expect(capped.ko).toContain('이력에서 9건까지 찾아 합산했으나');
    expect(capped.en).toContain('9 declaration(s) on record');
    await drain();
    // e1, queued by N's intake, is traced from its own keys and cut too: it cannot tell e11 … e20 (listed
    // when the batch was decided) from parcels that left, so it keeps its version (no quiet version
    // claiming they no longer count) and its money (USD 100 in the batch, within the limit either way).
    const e1 = stored.body.results[0];
    const after = await read(alpha.key, e1.declarationId);
    expect(after.body.version).toBe(1);
    expect(after.body.assessment.combinedWith).toContain('RDK-20');

    // The same chain at USD 10 a parcel: 20 × 10 = USD 200 > 150, all taxed when the batch was decided.
    // A new parcel on L0 queues e1, whose cut trace finds N + e1 … e10 or so, about USD 110 ≤ 150: a lower
    // bound of the group, which must not give the exemption back (it would, decided on the part found).
    const taxedChain = Array.from({ length: 20 }, (_, i) => link(i + 1, `RDT-L${Math.floor((i + 1) / 2)}`, day(Math.floor((i + 2) / 2)), 'Seller K', 10, 'P300000000131', 'RDT'));
    const t20 = await submit(alpha.key, taxedChain);
    expect(t20.body.results[0].assessment.deMinimis).toMatchObject({ exempt: false });
    await submit(alpha.key, [link(0, 'RDT-L0', day(25), 'Seller N', 10, 'P300000000131', 'RDT')]);
    await drain();
    const t1 = await read(alpha.key, t20.body.results[0].declarationId);
    expect(t1.body).toMatchObject({ version: 1, route: 'general', assessment: { deMinimis: { exempt: false } } });
  });

  it('a row queued again while it is being decided stays for the later join (rounds)', async () => {
    const a = await submit(alpha.key, [parcel('RD6-A', 'P300000000066', 'RDBL-6', shirt(100))]);
    const idA = a.body.results[0].declarationId as number;
    await t.db.pool.query(`INSERT INTO combined_redecisions (declaration_id) VALUES ($1)`, [idA]);
    const queue = new (await import('../../src/adapters/db/combined-redecision-repository.ts')).PgCombinedRedecisionQueue(t.db.pool);
    const [job] = await queue.claim({ limit: 10, at: new Date(), leaseMs: 60_000 });
    expect(job).toMatchObject({ declarationId: idA, round: 1 });
    // Meanwhile an intake joins it (the same statement intake runs: a new round).
    await submit(alpha.key, [parcel('RD6-B', 'P300000000066', 'RDBL-6', shoes(100))]);
    // Done with round 1: the row stays for round 2 (deleted, the join would never be decided: A would stay version 1).
    await queue.done(job!);
    await drain();
    expect(await queued()).toEqual([]);
    expect((await read(alpha.key, idA)).body.version).toBe(2);
  });
});

describe('one supplier declared by its code and name on one channel and by its name alone on another (고시 제68조 제3호; issue 5)', () => {
  /**
   * Shoes from China (as `parcel`), on a B/L of their own, bought on 2026-02-01 from one seller as
   * a marketplace declares it (its seller code and name) or as a forwarder does (the name alone).
   */
  const fromSeller = (ref: string, pccc: string, bl: string, seller: { code?: string; name: string }, via: Record<string, unknown>, price: number) =>
    declaration(ref, {
      declaredAt: '2026-02-04',
      shipment: { mode: 'express', shipFrom: 'CN', hblNo: bl, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
      parties: { ...via, seller: { ...seller, country: 'CN' } },
      consignee: { name: '정하늘', pccc, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
      order: { orderNo: `O-${ref}`, purchasedAt: '2026-02-01', currency: 'USD' },
      items: [shirt(price)],
    });
  const marketplace = { platform: { name: 'AliExpress', country: 'CN' } };
  const forwarder = { forwarder: { name: '몰테일', country: 'KR' } };
  // Each: 90 × 1,442.88 = 129,859.2 → KRW 129,859; sea-parcel freight CN 0.5 kg 5,250; CIF 135,109;
  // duty 13 % = 17,564.17 → 17,564 per line → 17,560; VAT (135,109 + 17,564) × 10 % = 15,267.3 → 15,267 → 15,260;
  // total 17,560 + 15,260 = 32,820.
  const taxed = { dutyKrw: 17_560, vatKrw: 15_260, totalKrw: 32_820, collected: true };
  const keysOf = async (id: number) =>
    (await t.db.pool.query(`SELECT seller_key, seller_code_key, seller_name_key FROM declarations WHERE id = $1`, [id])).rows[0];

  it('worked example: USD 90 on record from the marketplace (code C-123, Nike Store), USD 90 later from a forwarder of another operator (NIKE store) → combined USD 180 > 150, both taxed KRW 32,820, the stored one decided again', async () => {
    const a = await submit(alpha.key, [fromSeller('RDS1-A', 'P300000000141', 'RDS-BL1', { code: 'C-123', name: 'Nike Store' }, marketplace, 90)]);
    expect(a.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { thresholdUsd: 150, exempt: true } });
    const idA = a.body.results[0].declarationId as number;
    // Stored with both keys (and the party key as before: the code).
    expect(await keysOf(idA)).toEqual({ seller_key: 'c123', seller_code_key: 'c123', seller_name_key: 'nikestore' });

    const b = await submit(beta.key, [fromSeller('RDS1-B', 'P300000000141', 'RDS-BL2', { name: 'NIKE store' }, forwarder, 90)]);
    // Another operator's member: named by no ref (combined-refs-view.ts).
    expect(b.body.results[0].assessment).toMatchObject({ route: 'general', combinedWith: [OTHER_OPERATOR_REF], deMinimis: { thresholdUsd: 150, exempt: false }, taxes: taxed });
    const reason = b.body.results[0].assessment.reasons.find((r: { code: string }) => r.code === 'COMBINED_OVER_DE_MINIMIS');
    expect(reason.en).toContain("together with another operator's declaration (same supplier, same purchase date) the goods value is USD 180.00, over the USD 150 limit");
    const idB = b.body.results[0].declarationId as number;
    expect(await keysOf(idB)).toEqual({ seller_key: 'nikestore', seller_code_key: null, seller_name_key: 'nikestore' });

    await drain();
    expect(await queued()).toEqual([]);
    const got = await read(alpha.key, idA);
    expect(got.body).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: [OTHER_OPERATOR_REF], deMinimis: { exempt: false }, taxes: taxed } });
    expect(got.body.timeline.at(-1)).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { fromVersion: 1, toVersion: 2, route: 'general', taxesDueKrw: 32_820, combinedWith: [OTHER_OPERATOR_REF] } });
    expect(got.body.revisions[0].reason).not.toContain('RDS1-B');
    // An officer reads the refs.
    const byOfficer = await read(officer.token, idA);
    expect(byOfficer.body.timeline.at(-1).detail.combinedWith).toEqual(['RDS1-B']);
    expect(byOfficer.body.revisions[0].reason).toContain('RDS1-B');
    const hook = await until(() => received.find((x) => x.body.eventType === 'COMBINED_REASSESSED' && x.body.declaration.id === idA), 'the webhook to the marketplace’s operator');
    expect(hook.path).toBe('/alpha');
  });

  it('different seller codes and names: not combined, nothing decided again', async () => {
    const a = await submit(alpha.key, [fromSeller('RDS2-A', 'P300000000142', 'RDS-BL3', { code: 'C-123', name: 'Nike Store' }, marketplace, 90)]);
    const b = await submit(beta.key, [fromSeller('RDS2-B', 'P300000000142', 'RDS-BL4', { code: 'C-456', name: 'Adidas Store' }, marketplace, 90)]);
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { exempt: true } });
    expect(await queued()).toEqual([]);
    expect((await read(alpha.key, a.body.results[0].declarationId)).body.version).toBe(1);
  });

  it('a correction onto the same seller name joins the one on record, stores its new keys and queues it', async () => {
    const a = await submit(alpha.key, [fromSeller('RDS3-A', 'P300000000143', 'RDS-BL5', { code: 'C-123', name: 'Nike Store' }, marketplace, 90)]);
    const idA = a.body.results[0].declarationId as number;
    // Declared with another name (alone, list), then corrected to the seller's name as the marketplace gives it.
    const b = await submit(alpha.key, [fromSeller('RDS3-B', 'P300000000143', 'RDS-BL6', { name: 'Nike Outlet' }, forwarder, 90)]);
    expect(b.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [] });
    const idB = b.body.results[0].declarationId as number;
    const corrected = await api(t.base, 'PATCH', `/api/v1/declarations/${idB}`, {
      token: alpha.key,
      body: { reason: '판매자명 정정', declaration: fromSeller('RDS3-B', 'P300000000143', 'RDS-BL6', { name: 'Nike  Store' }, forwarder, 90) },
    });
    expect(corrected.body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDS3-A'], taxes: taxed });
    expect(await keysOf(idB)).toEqual({ seller_key: 'nikestore', seller_code_key: null, seller_name_key: 'nikestore' });
    await drain();
    expect((await read(alpha.key, idA)).body).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: ['RDS3-B'], taxes: taxed } });
  });
});

describe('a parcel whose import declaration (수입신고) is filed stays in general clearance when its group is decided again (the demo’s 26TGW0000000498)', () => {
  /**
   * As `parcel` (China, express, 0.5 kg, declared 2026-02-04), but one seller and one purchase date
   * (2026-02-01) on B/Ls of their own: 고시 제68조 제3호 joins them, not the B/L.
   */
  const sameOrder = (ref: string, pccc: string, item: Record<string, unknown>) =>
    declaration(ref, {
      declaredAt: '2026-02-04',
      shipment: { mode: 'express', shipFrom: 'CN', hblNo: `${ref}-BL`, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
      parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: 'Seller RDF', country: 'CN' } },
      consignee: { name: '정하늘', pccc, phone: '010-5555-6666', postcode: '06236', address: '서울 강남구 3' },
      order: { orderNo: `O-${ref}`, purchasedAt: '2026-02-01', currency: 'USD' },
      items: [item],
    });
  /** A (T-shirt USD 100) on record, B (shoes USD 100) later from the same seller on the same day: A goes general, KRW 36,320. */
  async function combinedPair(tag: string, pccc: string) {
    const a = await submit(alpha.key, [sameOrder(`${tag}-A`, pccc, shirt(100))]);
    expect(a.body.results[0].assessment).toMatchObject({ route: 'list', combinedWith: [], deMinimis: { thresholdUsd: 150, exempt: true } });
    const idA = a.body.results[0].declarationId as number;
    const b = await submit(alpha.key, [sameOrder(`${tag}-B`, pccc, shoes(100))]);
    const idB = b.body.results[0].declarationId as number;
    await drain();
    // 100 + 100 = USD 200 > 150: as in the worked example above, general, duty 19,430 + VAT 16,890 = KRW 36,320.
    expect((await read(alpha.key, idA)).body).toMatchObject({ version: 2, route: 'general', assessment: { combinedWith: [`${tag}-B`], taxes: { totalKrw: 36_320 } } });
    return { idA, idB };
  }
  /** Route and history disagree: a general parcel with a clearance list filed, or a list parcel with an import declaration (the demo-seed test's query). */
  const disagreements = async (id: number) =>
    (
      await t.db.pool.query(
        `SELECT d.route, e.type FROM declarations d JOIN declaration_events e ON e.declaration_id = d.id
          WHERE d.id = $1 AND ((d.route = 'general' AND e.type IN ('LIST_RECEIVED', 'LIST_CLEARED')) OR (d.route = 'list' AND e.type IN ('IMPORT_DECLARED', 'IMPORT_ACCEPTED')))`,
        [id],
      )
    ).rows;
  const withdraw = async (id: number) => expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);

  it('worked example: A’s 수입신고 filed, B withdrawn → A alone is USD 100 ≤ 150: it stays general (its 수입신고 stands) and is exempt (관세법 제94조 제4호), KRW 36,320 → 0', async () => {
    const { idA, idB } = await combinedPair('RDF1', 'P300000000151');
    // The broker files A's import declaration (수입신고), as the general route asks.
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED']);
    await withdraw(idB);
    await drain();
    const got = (await read(alpha.key, idA)).body;
    // Alone: USD 100 ≤ USD 150, self-use, not excluded: the engine alone would list-clear it. Its import
    // declaration is filed: it clears on it, with the de minimis exemption (시행규칙 제45조②: USD 150,
    // whatever the form of clearance). Without the exemption it would owe what it owed combined: the
    // T-shirt's KRW 36,320 (100 × 1,442.88 = 144,288; CIF + 5,250 = 149,538; duty 13 % 19,430; VAT 16,890).
    expect(got).toMatchObject({ version: 3, route: 'general', status: 'import_declared' });
    expect(got.assessment).toMatchObject({
      route: 'general',
      combinedWith: [],
      deMinimis: { thresholdUsd: 150, exempt: true },
      taxesWithoutExemption: { dutyKrw: 19_430, vatKrw: 16_890, totalKrw: 36_320 },
    });
    expect(got.assessment.taxes.collected ? got.assessment.taxes.totalKrw : 0).toBe(0);
    const codes = got.assessment.reasons.map((r: { code: string }) => r.code);
    expect(codes[0]).toBe('ROUTE_GENERAL_IMPORT_FILED');
    expect(codes).not.toContain('ROUTE_LIST');
    expect(codes).toContain('DE_MINIMIS_EXEMPT');
    expect(codes).not.toContain('NEXT_NONE_LIST');
    const next = got.assessment.reasons.find((r: { code: string }) => r.code === 'NEXT_NONE_EXEMPT');
    expect(next.ko).toContain('36,320원');
    expect(got.assessment.reasons[0].ko).toContain('수입신고가 이미 제출되어');
    expect(got.assessment.reasons[0].ref).toContain('관세법 제94조 제4호');
    // The event: the route stays general, the taxes go to 0, and why.
    const last = got.timeline.at(-1);
    expect(last).toMatchObject({
      type: 'COMBINED_REASSESSED',
      statusAfter: 'import_declared',
      detail: { fromVersion: 2, toVersion: 3, route: 'general', taxesDueKrw: 0, combinedWith: [], leftGroup: ['RDF1-B'], importDeclarationFiled: true },
    });
    expect(last.reason).toBe(
      '합산과세 재산정: 함께 합산되던 신고 1건이 합산 대상에서 빠져(수입통관 사무처리에 관한 고시 제68조) 심사 결과가 바뀌었습니다: 일반통관(수입신고) 유지, 납부할 세액 36,320원 → 0원. ' +
        '수입신고가 이미 제출되어 목록통관으로 되돌리지 않고 제출된 수입신고로 통관하며, 물품가격이 면세한도 이내여서 수입신고로 통관해도 관세·부가세가 면제됩니다(관세법 제94조 제4호, 같은 법 시행규칙 제45조②). ' +
        '다음 할 일: 납부할 세금은 없습니다. 제출된 수입신고에 면세(감면) 신청이 없다면 수리 전에 관세사 또는 특송업체가 신고를 정정해 신청합니다(관세법 시행령 제112조).',
    );
    expect(last.detail.reasonEn).toContain('stays in general clearance (import declaration), taxes due KRW 36,320 → KRW 0');
    expect(last.detail.reasonEn).toContain('corrects it to claim it before acceptance');
    expect(last.detail.law).toContain('관세법 제94조 제4호');
    // Route and history agree, and the lifecycle goes on from the filed import declaration.
    expect(await disagreements(idA)).toEqual([]);
    await advance(idA, ['IMPORT_ACCEPTED', 'WAREHOUSE_OUT']);
    expect((await read(alpha.key, idA)).body).toMatchObject({ route: 'general', status: 'released' });
    expect(await disagreements(idA)).toEqual([]);
    // Idempotent: decided again, nothing changes.
    expect(await redecideCombinedMember(t.platform.deps, idA)).toBe('unchanged');
  });

  it('before its 수입신고 is filed (in the warehouse), the parcel goes back to list clearance: nothing was filed for the general route', async () => {
    const { idA, idB } = await combinedPair('RDF2', 'P300000000152');
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN']);
    await withdraw(idB);
    await drain();
    const got = (await read(alpha.key, idA)).body;
    expect(got).toMatchObject({ version: 3, route: 'list', status: 'in_warehouse', assessment: { route: 'list', deMinimis: { exempt: true } } });
    expect(got.assessment.reasons[0].code).toBe('ROUTE_LIST');
    expect(got.timeline.at(-1)).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { route: 'list', taxesDueKrw: 0 } });
    expect(got.timeline.at(-1).detail.importDeclarationFiled).toBeUndefined();
    // The courier files the clearance list now.
    await advance(idA, ['LIST_RECEIVED', 'LIST_CLEARED']);
    expect(await disagreements(idA)).toEqual([]);
  });

  it('held by an officer after its 수입신고, or under examination: it stays general, the hold stays and its release returns to the filed declaration', async () => {
    const held = await combinedPair('RDF3', 'P300000000153');
    await advance(held.idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'HOLD']);
    const review = await combinedPair('RDF4', 'P300000000154');
    await advance(review.idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'IMPORT_REVIEW_STARTED']);
    await withdraw(held.idB);
    await withdraw(review.idB);
    await drain();
    const h = (await read(alpha.key, held.idA)).body;
    expect(h).toMatchObject({ version: 3, route: 'general', status: 'held', assessment: { route: 'general', deMinimis: { exempt: true } } });
    await advance(held.idA, ['HOLD_RELEASED']);
    expect((await read(alpha.key, held.idA)).body).toMatchObject({ route: 'general', status: 'import_declared' });
    const r = (await read(alpha.key, review.idA)).body;
    expect(r).toMatchObject({ version: 3, route: 'general', status: 'under_review', assessment: { route: 'general', deMinimis: { exempt: true } } });
    for (const id of [held.idA, review.idA]) expect(await disagreements(id)).toEqual([]);
  });

  it('a correction lowering a member’s value brings the group within the limit: A, filed, stays general and exempt (140 ≤ 150)', async () => {
    const { idA, idB } = await combinedPair('RDF5', 'P300000000155');
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED']);
    // The shoes cost USD 40, not 100: 100 + 40 = USD 140 ≤ 150, the group is within the limit.
    const down = await api(t.base, 'PATCH', `/api/v1/declarations/${idB}`, { token: alpha.key, body: { reason: '가격 정정', declaration: sameOrder('RDF5-B', 'P300000000155', shoes(40)) } });
    expect(down.status).toBe(200);
    expect(down.body.assessment).toMatchObject({ route: 'list', combinedWith: ['RDF5-A'], deMinimis: { exempt: true } });
    await drain();
    const got = (await read(alpha.key, idA)).body;
    expect(got).toMatchObject({ version: 3, route: 'general', status: 'import_declared', assessment: { route: 'general', combinedWith: ['RDF5-B'], deMinimis: { thresholdUsd: 150, exempt: true } } });
    const codes = got.assessment.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['ROUTE_GENERAL_IMPORT_FILED', 'COMBINED_WITHIN_DE_MINIMIS', 'NEXT_NONE_EXEMPT']));
    expect(got.timeline.at(-1)).toMatchObject({ type: 'COMBINED_REASSESSED', detail: { route: 'general', taxesDueKrw: 0, memberChanged: true, importDeclarationFiled: true } });
    expect(got.timeline.at(-1).reason).toContain('일반통관(수입신고) 유지, 납부할 세액 36,320원 → 0원');
    expect(await disagreements(idA)).toEqual([]);
  });
  it('held by an officer after its 수입신고, A is corrected lower (USD 40 + 100 = 140 ≤ 150): the correction keeps it general and exempt, and its release returns to the filed declaration', async () => {
    const { idA } = await combinedPair('RDF6', 'P300000000156');
    await advance(idA, ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED', 'HOLD']);
    // The T-shirt cost USD 40, not 100: with B's USD 100 the group is USD 140 ≤ 150, so the engine alone would list-clear A.
    const fixed = await api(t.base, 'PATCH', `/api/v1/declarations/${idA}`, { token: alpha.key, body: { reason: '가격 정정', declaration: sameOrder('RDF6-A', 'P300000000156', shirt(40)) } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.assessment).toMatchObject({ route: 'general', combinedWith: ['RDF6-B'], deMinimis: { thresholdUsd: 150, exempt: true } });
    const codes = fixed.body.assessment.reasons.map((r: { code: string }) => r.code);
    expect(codes).toEqual(expect.arrayContaining(['ROUTE_GENERAL_IMPORT_FILED', 'NEXT_NONE_EXEMPT']));
    expect(codes).not.toContain('ROUTE_LIST');
    expect((await read(alpha.key, idA)).body).toMatchObject({ route: 'general', status: 'held' });
    await advance(idA, ['HOLD_RELEASED']);
    expect((await read(alpha.key, idA)).body).toMatchObject({ route: 'general', status: 'import_declared' });
    expect(await disagreements(idA)).toEqual([]);
  });
});
