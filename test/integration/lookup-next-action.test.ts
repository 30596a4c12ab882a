// The public lookups' "why" and "what next", end to end over HTTP: an engine hold says its own
// reasons and its own next step (not the whole explanation, which names the other declarations of
// a combined group), and a cleared parcel says the taxes to pay and by when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let courier: { id: number; key: string; code: string };
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform();
  courier = await t.operator('CJKX', 'courier');
  officer = await t.officer('officer1');
});
afterAll(async () => t?.close());

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
    }
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
