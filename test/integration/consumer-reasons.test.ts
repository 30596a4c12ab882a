// A verified consumer's own parcels carry the engine's reasons (GET /api/v1/consumer/declarations):
// why the route, each tax and how it was worked out, what to do next, each in Korean and English
// with its law. Once an officer holds the parcel, the engine's NEXT_* advice no longer holds and is
// left out (as the officer's page leaves it out): the next action says what to do now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let officer: { token: string };
let token: string;

type Reason = { code: string; ko: string; en: string; ref: string; refEn: string };
type Parcel = { cargoNo: string; status: string; route: string; reasons: Reason[] };

const PCCC = 'P223456789012';
const consignee = { name: '이서연', pccc: PCCC, phone: '010-2222-3333', postcode: '04524', address: '서울특별시 중구 세종대로 110' };
// USD 400 of shoes: over the USD 200 limit (express from the US), taxed, declared by import declaration.
const taxed = (ref: string) =>
  declaration(ref, { consignee, items: [{ description: '운동화 Nike Pegasus', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }] });

beforeAll(async () => {
  t = await startTestPlatform();
  alpha = await t.operator('ALPHA');
  officer = await t.officer('officer1');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: PCCC, name: '이서연', phone: '01022223333', postcodes: ['04524'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  token = await consumerToken(t.base, PCCC, '이서연', '010-2222-3333', '04524');
});
afterAll(async () => t?.close());

const own = async (): Promise<Parcel[]> => {
  const r = await api(t.base, 'GET', '/api/v1/consumer/declarations', { token });
  expect(r.status).toBe(200);
  return r.body.declarations;
};
const HANGUL = /[가-힣]/;

describe("a consumer's own parcels explain themselves", () => {
  it("carry the route's and each tax's reasons in Korean and English with the law; NEXT_* left out once an officer held the parcel", async () => {
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [taxed('CR-1'), taxed('CR-2')] } });
    expect(submitted.status).toBe(200);
    const [first, second] = submitted.body.results as { cargoNo: string; declarationId: number; assessment: { route: string; taxes: { totalKrw: number } } }[];
    expect(first!.assessment.route).toBe('general');
    expect(first!.assessment.taxes.totalKrw).toBeGreaterThan(0);

    const before = await own();
    const parcel = before.find((d) => d.cargoNo === first!.cargoNo)!;
    const codes = parcel.reasons.map((r) => r.code);
    // Why this route, each tax and the total, and what to do next (pay).
    expect(codes).toContain('ROUTE_GENERAL');
    expect(codes).toEqual(expect.arrayContaining(['DUTY_LINE', 'TAX_TOTAL']));
    expect(codes.some((c) => c.startsWith('VAT_'))).toBe(true);
    expect(codes.some((c) => c.startsWith('NEXT_PAY'))).toBe(true);
    for (const code of ['ROUTE_GENERAL', 'DUTY_LINE', 'TAX_TOTAL']) {
      const r = parcel.reasons.find((x) => x.code === code)!;
      expect(r.ko).toMatch(HANGUL);
      expect(r.en).not.toMatch(HANGUL);
      expect(r.en.length).toBeGreaterThan(10);
      expect(r.ref).toMatch(/제\d+조/); // an article of a law or notice
      expect(r.refEn).toBeTruthy();
    }
    expect(parcel.reasons.find((r) => r.code === 'DUTY_LINE')!.ko).toMatch(/관세/);

    // An officer holds the other: the engine's "pay within 15 days" is no longer the next step.
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${second!.declarationId}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);
    const after = await own();
    const held = after.find((d) => d.cargoNo === second!.cargoNo)!;
    expect(held.status).toBe('held');
    expect(held.reasons.map((r) => r.code)).toContain('ROUTE_GENERAL');
    expect(held.reasons.map((r) => r.code)).toContain('TAX_TOTAL');
    expect(held.reasons.filter((r) => r.code.startsWith('NEXT_'))).toEqual([]);
    // The parcel not held keeps its next step.
    expect(after.find((d) => d.cargoNo === first!.cargoNo)!.reasons.some((r) => r.code.startsWith('NEXT_PAY'))).toBe(true);
  });

  it('names the other parcels of a combined group by their cargo numbers, which the consumer knows, not by the operator’s refs (was: "함께 합산한 신고 CR-PATA-1")', async () => {
    // Two jackets from one seller bought the same day, USD 120 each: USD 240 together, over the USD 200 of US express (고시 제68조).
    const jacket = (ref: string) =>
      declaration(ref, {
        consignee,
        parties: { platform: { name: 'Patagonia', country: 'US' }, seller: { name: 'Patagonia Inc', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
        order: { orderNo: `O-${ref}`, purchasedAt: '2026-11-10', currency: 'USD' },
        items: [{ description: '재킷 Patagonia Nano Puff', category: 'clothing', quantity: 1, price: 120, originCountry: 'VN' }],
      });
    const first = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [jacket('CR-PATA-1')] } });
    const second = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [jacket('CR-PATA-2')] } });
    const [a, b] = [first.body.results[0], second.body.results[0]] as { cargoNo: string; assessment: { combinedWith: string[]; reasons: Reason[] } }[];
    expect(b!.assessment.combinedWith).toEqual(['CR-PATA-1']); // the engine (and the operator) name it by its ref
    expect(JSON.stringify(b!.assessment.reasons)).toContain('CR-PATA-1');

    const parcel = (await own()).find((d) => d.cargoNo === b!.cargoNo)!;
    const combined = parcel.reasons.filter((r) => r.ko.includes(a!.cargoNo));
    expect(combined.map((r) => r.code)).toContain('COMBINED_OVER_DE_MINIMIS');
    for (const r of combined) expect(r.en).toContain(a!.cargoNo);
    expect(JSON.stringify(parcel)).not.toContain('CR-PATA-1');
  });

  it("never shows another PCCC's parcels or their reasons", async () => {
    await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [declaration('CR-OTHER', { items: [{ description: '가방 Coach', category: 'bags', quantity: 1, price: 500, originCountry: 'VN' }] })] } });
    const mine = await own();
    expect(mine.every((d) => d.cargoNo !== undefined)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain('가방 Coach');
    expect((await api(t.base, 'GET', '/api/v1/consumer/declarations')).status).toBe(401);
  });

  it("an officer's hold, release and refusal reach the holder's mobile with the cargo number, the reason and where to look (before: nothing, the consumer learnt of a hold only by opening the portal)", async () => {
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [taxed('CR-HOLD-1'), taxed('CR-HOLD-2')] } });
    const [one, two] = submitted.body.results as { cargoNo: string; declarationId: number }[];
    const sms = async (): Promise<string[]> =>
      // the officer's decisions only (the usage alerts of the filing name the cargo number too)
      (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01022223333')).body.notifications.map((n: { body: string }) => n.body).filter((b: string) => b.includes('Customs has'));
    const seen = (await sms()).length;

    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${one!.declarationId}/hold`, { token: officer.token, body: { reason: '원산지 증빙 제출 필요', reasonEn: 'Proof of origin needed' } });
    expect(hold.status).toBe(200);
    const held = (await sms()).filter((b) => b.includes(one!.cargoNo));
    expect(held).toHaveLength(1);
    expect(held[0]).toContain(`화물관리번호 ${one!.cargoNo}: 세관이 통관을 보류했습니다. 사유: 원산지 증빙 제출 필요.`);
    expect(held[0]).toContain(`Customs has held ${one!.cargoNo}. Reason: Proof of origin needed.`);
    expect(held[0]).toContain(`${t.base}/track?cargoNo=${one!.cargoNo}`);

    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${one!.declarationId}/release`, { token: officer.token, body: { reason: '증빙 확인' } })).status).toBe(200);
    const released = (await sms()).filter((b) => b.includes(one!.cargoNo) && b.includes('보류를 해제'));
    expect(released).toHaveLength(1);
    expect(released[0]).toContain('Customs has released the hold');

    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${two!.declarationId}/reject`, { token: officer.token, body: { reason: '반입 금지 물품' } })).status).toBe(200);
    const refused = (await sms()).filter((b) => b.includes(two!.cargoNo));
    expect(refused).toHaveLength(1);
    expect(refused[0]).toContain('통관을 불허했습니다. 사유: 반입 금지 물품.');
    // no English reason given: the Korean one in the English part too
    expect(refused[0]).toContain('Customs has refused clearance of');
    expect((await sms()).length).toBe(seen + 3);
  });
});
