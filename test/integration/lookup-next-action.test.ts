// The public lookups' "why" and "what next", end to end over HTTP: an engine hold says its own
// reasons and its own next step (not the whole explanation, which names the other declarations of
// a combined group), a taxed parcel an officer held says the taxes can be paid too (as /me does), and a
// cleared parcel says the taxes to pay and by when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, consumerToken, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let courier: { id: number; key: string; code: string };
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform();
  courier = await t.operator('CJKX', 'courier');
  officer = await t.officer('officer1');
});
afterAll(async () => t?.close());

/** USD 400 of shoes for a registered holder: general route, taxed (over the de minimis). */
async function taxedShoesOf(ref: string, holder: { pccc: string; name: string; phone: string; postcode: string }) {
  const { pccc, name, phone, postcode } = holder;
  await t.platform.deps.consumers.upsertHolders([{ pccc, name, phone: phone.replace(/\D/g, ''), postcodes: [postcode], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
  const consignee = { name, pccc, phone, postcode, address: '서울특별시 중구 세종대로 110' };
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: courier.key,
    body: { declarations: [declaration(ref, { consignee, items: [{ description: '운동화 Nike Pegasus', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }] })] },
  });
  const parcel = r.body.results[0] as { cargoNo: string; declarationId: number; assessment: { route: string; taxes: { totalKrw: number } } };
  expect(parcel.assessment.route).toBe('general');
  expect(parcel.assessment.taxes.totalKrw).toBeGreaterThan(0);
  return parcel;
}

describe('lookup: the next action', () => {
  it('an engine hold: its own reasons and next step; the refs of the group it was combined with stay out', async () => {
    // Same seller, same purchase date, same consignee: combined (고시 제68조); the beer has no volume: held.
    const beer = declaration('NA-BEER', { items: [{ description: '맥주 Guinness Draught 캔', category: 'liquor-beer', quantity: 4, unit: 'bottle', price: 5, originCountry: 'IE' }] });
    const shoes = declaration('NA-SHOES', { items: [{ description: '운동화 Nike Air Max 90', category: 'shoes', quantity: 1, price: 400, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: courier.key, body: { declarations: [beer, shoes] } });
    expect(r.status).toBe(200);
    const held = r.body.results[0];
    expect(held.assessment.route).toBe('hold');
    expect(held.assessment.reasons.map((x: { code: string }) => x.code)).toContain('COMBINED_OVER_DE_MINIMIS');

    for (const look of [
      (await api(t.base, 'GET', `/api/v1/lookup/cargo/${held.cargoNo}`)).body,
      (await api(t.base, 'GET', `/api/v1/lookup/bl?hblNo=HNA-BEER&blYear=2026`)).body.results[0],
    ]) {
      expect(look.status).toBe('held');
      expect(look.hold.codes).toEqual(['ROUTE_HOLD', 'HOLD_LIQUOR_VOLUME']);
      expect(JSON.stringify(look)).not.toContain('NA-SHOES');
      expect(look.nextAction.ko).toMatch(/^신고한 업체\(판매자·배송대행지 또는 특송업체\)가 1번 물품 한 단위/);
      expect(look.nextAction.en).toMatch(/^The business that filed the declaration/);
      // Held by the engine: nothing payable until the hold is resolved (its notice is not payable).
      expect(look.nextAction.ko).not.toContain('지금 납부할 수 있고');
    }
  });

  it("an officer's hold of a taxed parcel: the public lookup and the consumer's own parcels both say to answer the hold and that the taxes can be paid", async () => {
    // USD 400 of shoes for 이서연: general route, taxed. An officer holds it for proof of purchase
    // (관세법 제237조): the taxes stand and may be paid before 수리 (관세법 제9조③).
    const pccc = 'P323456789012';
    const { cargoNo, declarationId, assessment } = await taxedShoesOf('NA-HELD-TAX', { pccc, name: '이서연', phone: '010-2222-4444', postcode: '04524' });
    const hold = await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/hold`, { token: officer.token, body: { reason: '구매 증빙 필요', reasonEn: 'Proof of purchase needed' } });
    expect(hold.status).toBe(200);

    const look = (await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`)).body;
    expect(look.status).toBe('held');
    expect(look.taxes.dueKrw).toBe(assessment.taxes.totalKrw);
    const amount = new Intl.NumberFormat('en-US').format(look.taxes.dueKrw);
    expect(look.nextAction.ko).toMatch(/^보류 사유를 확인하고/);
    expect(look.nextAction.ko).toContain(`세금 ${amount}원은 통관보류 중에도 지금 납부할 수 있고`);
    expect(look.nextAction.en).toContain(`Taxes of KRW ${amount}: the hold does not cancel them, and you can pay them now`);

    const token = await consumerToken(t.base, pccc, '이서연', '010-2222-4444', '04524');
    const mine = (await api(t.base, 'GET', '/api/v1/consumer/declarations', { token })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);
    expect(mine.taxNotice.status).toBe('due');
    expect(mine.taxNotice.payable).toBe(true);
    // The same steps, the notice's own line (due by a date) in place of the public hedge.
    expect(mine.nextAction.ko).toMatch(/^보류 사유를 확인하고/);
    expect(mine.nextAction.ko.endsWith(mine.taxNotice.reason.ko)).toBe(true);
    expect(mine.nextAction.en.endsWith(mine.taxNotice.reason.en)).toBe(true);
  });

  it('a taxed parcel held on the consignee\'s own "not me" report: neither view asks them to pay (the owner of the goods owes the taxes, 관세법 제19조), and a payment is refused until customs has checked', async () => {
    // Before: the hold kept the taxes payable as an officer's does, so the person who had just said
    // "this order is not mine" was told to pay it (the tracking page, /me and its pay button).
    const pccc = 'P423456789012';
    const { cargoNo, declarationId, assessment } = await taxedShoesOf('NA-NOT-ME', { pccc, name: '박도윤', phone: '010-3333-5555', postcode: '06236' });
    const token = await consumerToken(t.base, pccc, '박도윤', '010-3333-5555', '06236');
    const report = await api(t.base, 'POST', `/api/v1/consumer/declarations/${cargoNo}/not-me`, { token, body: {} });
    expect(report.status).toBe(201);

    const look = (await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`)).body;
    expect(look.status).toBe('held');
    expect(look.hold.codes).toEqual(['CONSUMER_REPORT_HOLD']);
    expect(look.nextAction.ko).not.toContain('납부할 수 있고');
    expect(look.nextAction.en).not.toContain('pay them now');

    const mine = (await api(t.base, 'GET', '/api/v1/consumer/declarations', { token })).body.declarations.find((d: { cargoNo: string }) => d.cargoNo === cargoNo);
    expect(mine.taxNotice).toMatchObject({ status: 'held', payable: false });
    expect(mine.taxNotice.reason.ko).toContain("'내가 아님'");
    expect(mine.taxNotice.reason.ko).toContain('관세법 제19조');
    expect(mine.taxNotice.reason.en).toContain('Not me');
    expect(mine.nextAction.ko).not.toContain('납부하세요');
    const pay = await api(t.base, 'POST', `/api/v1/consumer/tax-notices/${declarationId}/payments`, { token, body: { method: 'transfer', amountKrw: assessment.taxes.totalKrw } });
    expect(pay.status).toBe(409);
    expect(pay.body.error.code).toBe('TAXES_NOT_PAYABLE_HELD');
  });

  it('a cleared import: the taxes assessed, to pay within 15 days of acceptance', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: courier.key,
      body: { declarations: [declaration('NA-AJ1', { order: { orderNo: 'O-NA-AJ1', purchasedAt: '2026-11-10', currency: 'USD' }, items: [{ description: '운동화 Nike Air Jordan 1', category: 'shoes', quantity: 1, price: 600, originCountry: 'CN' }] })] },
    });
    const { cargoNo, declarationId, assessment } = r.body.results[0];
    expect(assessment.route).toBe('general');
    for (const type of ['ARRIVAL_REPORT_ACCEPTED', 'UNLOADING_ACCEPTED', 'WAREHOUSE_IN', 'IMPORT_DECLARED']) {
      expect((await api(t.base, 'POST', '/api/v1/cargo-events', { token: courier.key, body: { cargoNo, type } })).status, type).toBe(201);
    }
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${declarationId}/clear`, { token: officer.token, body: { reason: '심사 완료' } })).body.status).toBe('cleared');
    const look = (await api(t.base, 'GET', `/api/v1/lookup/cargo/${cargoNo}`)).body;
    expect(look.taxes.dueKrw).toBeGreaterThan(0);
    const amount = new Intl.NumberFormat('en-US').format(look.taxes.dueKrw);
    expect(look.nextAction.ko).toContain(`세금 ${amount}원을 수리일부터 15일 이내에 납부하세요`);
    expect(look.nextAction.en).toContain(`Pay the taxes of KRW ${amount} within 15 days of acceptance`);
  });
});
