// Combined taxation (수입통관 사무처리에 관한 고시 제68조) groups a consignee's declarations across
// operators; an operator reads the members of another operator by no ref (its order reference is
// that operator's business data): "다른 업체의 신고" / "another operator's declaration". Officers see
// every ref. Found in a Chromium audit of the operator console: MALLTAIL's declaration listed Temu's
// ref AUD-WH-T1 among "함께 합산한 신고". Embedded PostgreSQL, or the server named by DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { until } from '../support/until.ts';
import { startWebhookReceiver, type ReceivedWebhook } from '../support/webhook-receiver.ts';

let t: TestPlatform;
let mall: { id: number; key: string };
let temu: { id: number; key: string };
let officer: { token: string };
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let received: ReceivedWebhook[];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  received = receiver.received;
  const hookBase = receiver.base;
  t = await startTestPlatform({ webhookPollMs: 20, riskWorker: false });
  mall = await t.operator('XOPMALL');
  temu = await t.operator('XOPTEMU');
  officer = await t.officer('xop-officer');
  for (const [op, path] of [[mall, '/mall'], [temu, '/temu']] as const) {
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
 * A T-shirt from China by express, declared 2026-02-04, 0.5 kg: its own de minimis is USD 150.
 * One consignee, one seller, one purchase date (고시 제68조: same supplier, same purchase date),
 * each on its own house B/L: the B/L does not join them, the supplier and date do.
 */
function parcel(ref: string, price: number, description = '티셔츠 Uniqlo 에어리즘 크루넥') {
  return declaration(ref, {
    declaredAt: '2026-02-04',
    shipment: { mode: 'express', shipFrom: 'CN', hblNo: `HB${ref}`, arrivalDate: '2026-02-05', grossWeightKg: 0.5 },
    parties: { platform: { name: 'AliExpress', country: 'CN' }, seller: { name: 'Shenzhen Cotton Co', country: 'CN' } },
    consignee: { name: '윤서연', pccc: 'P300000000077', phone: '010-7777-8888', postcode: '06236', address: '서울 강남구 7' },
    order: { orderNo: `O-${ref}`, purchasedAt: '2026-02-01', currency: 'USD' },
    items: [{ description, hsCode: '6109101000', quantity: 1, price, originCountry: 'VN' }],
  });
}

const TEMU_REF = 'XOP-TEMU-T1'; // Temu's order reference: MALLTAIL must never read it
const MALL_REFS = ['XOP-MALL-1', 'XOP-MALL-2'];
const OTHER_KO = '다른 업체의 신고';
const OTHER_EN = "another operator's declaration";

const reasonsOf = (a: { reasons: { code: string; ko: string; en: string }[] }, code: string) => a.reasons.find((r) => r.code === code)!;

describe("an operator reads another operator's members of a combined group without their ref", () => {
  it('MALLTAIL 1 (USD 100) and Temu (USD 100): over USD 150 together, combined; each operator reads the other as "another operator\'s declaration", an officer reads both refs', async () => {
    // MALLTAIL's first parcel alone: USD 100 ≤ 150, exempt.
    const a1 = await submit(mall.key, [parcel(MALL_REFS[0]!, 100)]);
    expect(a1.body.results[0].assessment).toMatchObject({ combinedWith: [], deMinimis: { exempt: true } });
    const idA1 = a1.body.results[0].declarationId as number;

    // Temu's, same consignee, seller and purchase date: 100 + 100 = USD 200 > 150 → combined, no exemption.
    const b = await submit(temu.key, [parcel(TEMU_REF, 100)]);
    expect(b.status).toBe(200);
    const idB = b.body.results[0].declarationId as number;
    expect(b.body.results[0].assessment).toMatchObject({ deMinimis: { exempt: false } });
    expect(b.body.results[0].assessment.combinedWith).toHaveLength(1);
    // Temu's intake answer names none of MALLTAIL's refs.
    for (const r of MALL_REFS) expect(JSON.stringify(b.body)).not.toContain(r);
    expect(reasonsOf(b.body.results[0].assessment, 'COMBINED_OVER_DE_MINIMIS').ko).toContain(OTHER_KO);
    expect(reasonsOf(b.body.results[0].assessment, 'COMBINED_OVER_DE_MINIMIS').en).toContain(OTHER_EN);

    await t.platform.combinedRedecisions.drain(); // MALLTAIL 1 re-assessed: a new version, a COMBINED_REASSESSED event naming Temu's ref in its detail

    // MALLTAIL's second parcel (USD 30): the group is 100 + 100 + 30 = USD 230; it is combined with its own MALLTAIL 1 and Temu's.
    const a2 = await submit(mall.key, [parcel(MALL_REFS[1]!, 30, '티셔츠 Uniqlo 수피마 코튼')]);
    const a2json = JSON.stringify(a2.body);
    expect(a2json).not.toContain(TEMU_REF);
    const a2a = a2.body.results[0].assessment;
    expect(a2a.combinedWith).toHaveLength(2);
    expect(a2a.combinedWith[0]).toBe(MALL_REFS[0]); // its own declaration by its ref
    const over = reasonsOf(a2a, 'COMBINED_OVER_DE_MINIMIS');
    expect(over.ko).toContain(`${MALL_REFS[0]}, ${OTHER_KO}`);
    expect(over.en).toContain(`${MALL_REFS[0]} and ${OTHER_EN}`);
    await t.platform.combinedRedecisions.drain();

    // MALLTAIL reads its first declaration: assessment, timeline and revisions, and its list.
    const got = await read(mall.key, idA1);
    expect(got.status).toBe(200);
    expect(got.body.version).toBe(2);
    const gotJson = JSON.stringify(got.body);
    expect(gotJson).not.toContain(TEMU_REF);
    expect(got.body.assessment.deMinimis.exempt).toBe(false);
    expect(got.body.assessment.combinedWith).toHaveLength(1);
    const overA1 = reasonsOf(got.body.assessment, 'COMBINED_OVER_DE_MINIMIS');
    expect(overA1.ko).toContain(`함께 합산한 ${OTHER_KO}까지`);
    expect(overA1.en).toContain(`together with ${OTHER_EN} (`);
    const redecided = got.body.timeline.find((e: { type: string }) => e.type === 'COMBINED_REASSESSED');
    expect(redecided.detail.combinedWith).toHaveLength(1);
    // The revision's note (ko / en) names the later declaration: "뒤에 접수된 신고(다른 업체의 신고)와", "the later declaration(s) of another operator".
    expect(got.body.revisions[0].reason).toContain(`뒤에 접수된 신고(${OTHER_KO})와`);
    expect(got.body.revisions[0].reason).toContain('the later declaration(s) of another operator');

    const list = await api(t.base, 'GET', '/api/v1/declarations', { token: mall.key });
    expect(list.body.declarations.map((d: { ref: string }) => d.ref).sort()).toEqual(MALL_REFS);
    expect(JSON.stringify(list.body)).not.toContain(TEMU_REF);

    // Its correction's answer too (the same goods, another description).
    const fix = await api(t.base, 'PATCH', `/api/v1/declarations/${a2.body.results[0].declarationId}`, {
      token: mall.key,
      body: { declaration: parcel(MALL_REFS[1]!, 30, '티셔츠 Uniqlo 수피마 코튼 크루넥'), reason: '품명 보완' },
    });
    expect(fix.status).toBe(200);
    expect(fix.body.assessment.combinedWith).toHaveLength(2);
    expect(JSON.stringify(fix.body)).not.toContain(TEMU_REF);

    // Temu reads its own: MALLTAIL's refs nowhere, its own ref where it is its own.
    const gotB = await read(temu.key, idB);
    const gotBJson = JSON.stringify(gotB.body);
    for (const r of MALL_REFS) expect(gotBJson).not.toContain(r);
    expect(gotB.body.ref).toBe(TEMU_REF);
    expect(gotB.body.assessment.combinedWith).toHaveLength(1); // as stored then: MALLTAIL 1 (MALLTAIL 2 came later and changed nothing for it)

    // Webhooks: MALLTAIL's COMBINED_REASSESSED event names no Temu ref.
    await until(() => received.some((x) => x.path === '/mall' && x.body.eventType === 'COMBINED_REASSESSED'), "MALLTAIL's COMBINED_REASSESSED webhook");
    const mallHook = received.find((x) => x.path === '/mall' && x.body.eventType === 'COMBINED_REASSESSED')!;
    expect(mallHook.body.detail.combinedWith).toHaveLength(1);
    expect(JSON.stringify(received.filter((x) => x.path === '/mall'))).not.toContain(TEMU_REF);

    // An officer reads every ref.
    const byOfficer = await read(officer.token, idA1);
    expect(byOfficer.body.assessment.combinedWith).toEqual([TEMU_REF]);
    expect(reasonsOf(byOfficer.body.assessment, 'COMBINED_OVER_DE_MINIMIS').ko).toContain(TEMU_REF);
    expect(byOfficer.body.timeline.find((e: { type: string }) => e.type === 'COMBINED_REASSESSED').detail.combinedWith).toEqual([TEMU_REF]);
    const byOfficerB = await read(officer.token, idB);
    expect(byOfficerB.body.assessment.combinedWith).toEqual([MALL_REFS[0]]);
    // And by their cargo numbers, which the officer's search finds (a ref is the operator's own number); operators get none.
    expect(byOfficer.body.combinedCargoNos).toEqual({ [TEMU_REF]: [gotB.body.cargoNo] });
    expect(byOfficerB.body.combinedCargoNos).toEqual({ [MALL_REFS[0]!]: [byOfficer.body.cargoNo] });
    expect('combinedCargoNos' in gotB.body).toBe(false);
  });
});
