// Combined taxation (수입통관 사무처리에 관한 고시 제68조) groups a consignee's declarations across
// operators, and a ref is unique per operator only: two operators may use the same string. Which of a
// group's members an operator reads as its own is decided by the declarations (the reader's declaration
// of that ref, linked to the one read by its consignee or B/L), not by the ref string alone: the reader
// holding a declaration of that ref elsewhere, or the member's ref being the read declaration's own,
// made another operator's member read as its own. Embedded PostgreSQL, or the server named by DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { until } from '../support/until.ts';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.ts';

let t: TestPlatform;
let opA: { id: number; key: string };
let opB: { id: number; key: string };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let received: ReceivedWebhook[];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  received = receiver.received;
  const hookBase = receiver.base;
  t = await startTestPlatform({ webhookPollMs: 20, riskWorker: false });
  opA = await t.operator('XSAMEA');
  opB = await t.operator('XSAMEB');
  for (const [op, path] of [[opA, '/a'], [opB, '/b']] as const) {
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

/**
 * A T-shirt from China by express, declared 2026-02-04, 0.5 kg: its own de minimis is USD 150. The
 * consignee P300000000088 (or `pccc`), one seller and purchase date (고시 제68조: same supplier, same
 * purchase date join them), each on its own house B/L (`hbl`).
 */
function parcel(ref: string, price: number, o: { hbl: string; pccc?: string; purchasedAt?: string }) {
  return declaration(ref, {
    declaredAt: '2026-02-04',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: o.hbl, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
    parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: 'Guangzhou Knit Co', country: 'CN' } },
    consignee: { name: '한지우', pccc: o.pccc ?? 'P300000000088', phone: '010-8888-9999', postcode: '06236', address: '서울 강남구 8' },
    order: { orderNo: `O-${o.hbl}`, purchasedAt: o.purchasedAt ?? '2026-02-01', currency: 'USD' },
    items: [{ description: '티셔츠 Uniqlo 에어리즘 크루넥', hsCode: '6109101000', quantity: 1, price, originCountry: 'VN' }],
  });
}

const SAME = 'XS-ORDER-1'; // both operators' ref for their own parcel in the group
const B_ONLY = 'XS-ORDER-2'; // B's ref of a member; A holds a declaration of the same ref for another consignee
const OTHER = '(another operator)';
const OTHER_KO = '다른 업체의 신고';

const reasonsOf = (a: { reasons: { code: string; ko: string; en: string }[] }, code: string) => a.reasons.find((r) => r.code === code)!;

describe('the same ref at two operators in one combined group: each reads the other’s member as another operator’s', () => {
  it('A and B each have XS-ORDER-1 (USD 100 + 100 > 150, combined); B’s XS-ORDER-2 joins (USD 30); A’s XS-ORDER-2 is another consignee’s: no reader names another’s member as its own', async () => {
    // A's XS-ORDER-2: consignee P300000000099, another B/L, in no group.
    const aElsewhere = await submit(opA.key, [parcel(B_ONLY, 20, { hbl: 'XSHB-A2', pccc: 'P300000000099' })]);
    expect(aElsewhere.body.results[0].assessment.combinedWith).toEqual([]);
    // A's XS-ORDER-1 alone: USD 100 ≤ 150, exempt.
    const a1 = await submit(opA.key, [parcel(SAME, 100, { hbl: 'XSHB-A1' })]);
    expect(a1.body.results[0].assessment).toMatchObject({ combinedWith: [], deMinimis: { exempt: true } });
    const idA1 = a1.body.results[0].declarationId as number;

    // B's XS-ORDER-1: same consignee, seller and purchase date: 100 + 100 = USD 200 > 150 → combined with A's.
    const b1 = await submit(opB.key, [parcel(SAME, 100, { hbl: 'XSHB-B1' })]);
    const idB1 = b1.body.results[0].declarationId as number;
    const b1a = b1.body.results[0].assessment;
    expect(b1a.deMinimis.exempt).toBe(false);
    // its member is A's declaration: "(another operator)", though its ref is B's own declaration's (this one's)
    expect(b1a.combinedWith).toEqual([OTHER]);
    expect(reasonsOf(b1a, 'COMBINED_OVER_DE_MINIMIS').ko).toContain(OTHER_KO);
    expect(reasonsOf(b1a, 'COMBINED_OVER_DE_MINIMIS').ko).not.toContain(SAME);
    await t.platform.combinedRedecisions.drain(); // A's XS-ORDER-1 decided again: over the limit with B's

    // A reads its XS-ORDER-1: the member is B's.
    const gotA1 = await read(opA.key, idA1);
    expect(gotA1.body.version).toBe(2);
    expect(gotA1.body.assessment.combinedWith).toEqual([OTHER]);
    expect(reasonsOf(gotA1.body.assessment, 'COMBINED_OVER_DE_MINIMIS').ko).toContain(`함께 합산한 ${OTHER_KO}까지`);
    const redecided = gotA1.body.timeline.find((e: { type: string }) => e.type === 'COMBINED_REASSESSED');
    expect(redecided.detail.combinedWith).toEqual([OTHER]);
    expect(gotA1.body.revisions[0].reason).toContain(`뒤에 접수된 신고(${OTHER_KO})와`);

    // B's XS-ORDER-2 (USD 30) joins: 100 + 100 + 30 = USD 230. It names XS-ORDER-1 twice: B's own and A's.
    const b2 = await submit(opB.key, [parcel(B_ONLY, 30, { hbl: 'XSHB-B2' })]);
    const idB2 = b2.body.results[0].declarationId as number;
    expect(b2.body.results[0].assessment.combinedWith).toEqual([SAME, OTHER]);
    await t.platform.combinedRedecisions.drain();

    // A's XS-ORDER-1 as read now (its stored assessment may name B's XS-ORDER-2 if decided again): XS-ORDER-2 is
    // A's own ref too, but A's XS-ORDER-2 is another consignee's parcel, not a member.
    const again = await read(opA.key, idA1);
    expect(again.body.assessment.combinedWith.every((r: string) => r === OTHER)).toBe(true);
    expect(JSON.stringify(again.body.assessment)).not.toContain(B_ONLY);
    expect(JSON.stringify(again.body.timeline)).not.toContain(B_ONLY);

    // A's third parcel (USD 10) joins: 100 + 100 + 30 + 10 = USD 240. Its group names XS-ORDER-1 twice (A's and B's)
    // and B's XS-ORDER-2: A reads its own XS-ORDER-1, then two of another operator (was XS-ORDER-1, XS-ORDER-1, XS-ORDER-2).
    const a3 = await submit(opA.key, [parcel('XS-ORDER-3', 10, { hbl: 'XSHB-A3' })]);
    const a3a = a3.body.results[0].assessment;
    expect(a3a.combinedWith).toEqual([SAME, OTHER, OTHER]);
    expect(reasonsOf(a3a, 'COMBINED_OVER_DE_MINIMIS').ko).toContain(`${SAME}, ${OTHER_KO} 2건`);
    expect(JSON.stringify(a3.body)).not.toContain(B_ONLY);
    const gotA3 = await read(opA.key, a3.body.results[0].declarationId);
    expect(gotA3.body.assessment.combinedWith).toEqual([SAME, OTHER, OTHER]);
    await t.platform.combinedRedecisions.drain();

    // B reads its own: XS-ORDER-1 of B's read as its own in XS-ORDER-2, A's as another operator's; in XS-ORDER-1 none of its own.
    const gotB1 = await read(opB.key, idB1);
    expect(gotB1.body.assessment.combinedWith.filter((r: string) => r !== OTHER)).toEqual([]);
    const gotB2 = await read(opB.key, idB2);
    expect(gotB2.body.assessment.combinedWith).toEqual([SAME, OTHER]);

    // An officer reads every ref.
    const officer = await t.officer('xs-officer');
    expect((await read(officer.token, idB2)).body.assessment.combinedWith).toEqual([SAME, SAME]);
    expect((await read(officer.token, idB1)).body.assessment.combinedWith).toEqual([SAME]);

    // Webhooks: A's COMBINED_REASSESSED names B's member as another operator's.
    await until(() => received.some((x) => x.path === '/a' && x.body.eventType === 'COMBINED_REASSESSED'), "A's COMBINED_REASSESSED webhook");
    const hook = received.find((x) => x.path === '/a' && x.body.eventType === 'COMBINED_REASSESSED')!;
    expect(hook.body.detail.combinedWith).toEqual([OTHER]);
    for (const x of received.filter((y) => y.path === '/a')) expect(JSON.stringify(x.body.detail ?? {})).not.toContain(B_ONLY);
  });
});
