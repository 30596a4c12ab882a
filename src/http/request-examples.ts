// The request examples the OpenAPI document publishes (what /api/docs "Try it out" sends): each is
// taken as it stands (test/integration/operator-integration-day.test.ts posts them). Without them the
// UI made its own from the schemas ("string" for a PCCC, a ref, a date), which intake refuses.

/** One declaration: a T-shirt order from a US marketplace, express, list clearance. */
export const DECLARATION_EXAMPLE = {
  ref: 'ORDER-20261118-0001',
  declaredAt: '2026-11-18',
  ecommerceType: 'direct',
  purpose: 'personal',
  shipment: { mode: 'express', shipFrom: 'US', hblNo: 'HBL20261118001', mblNo: '988-12345678', arrivalDate: '2026-11-19', grossWeightKg: 0.8 },
  parties: { platform: { name: 'Amazon', country: 'US' }, seller: { name: 'Example Apparel', country: 'US' }, courier: { name: 'CJ대한통운', code: 'CJKX' } },
  consignee: { name: '김민지', pccc: 'P123456789012', phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123' },
  order: { orderNo: 'AMZ-112-0000001', purchasedAt: '2026-11-14', currency: 'USD' },
  items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 2, price: 25, originCountry: 'VN' }],
};

export const INTAKE_EXAMPLE = { declarations: [DECLARATION_EXAMPLE] };

/** A correction of the example declaration: the whole declaration again, its unit price corrected, and why. */
export const AMEND_EXAMPLE = {
  reason: '단가 오기 정정 (25 → 22 USD) / unit price mistyped (25 → 22 USD)',
  declaration: { ...DECLARATION_EXAMPLE, items: [{ ...DECLARATION_EXAMPLE.items[0]!, price: 22 }] },
};

export const WITHDRAW_EXAMPLE = { reason: '구매자 주문 취소 / order cancelled by the buyer' };

export const WEBHOOK_EXAMPLE = { url: 'https://hooks.example.com/tonggwan', eventTypes: ['SUBMITTED', 'HOLD', 'IMPORT_ACCEPTED', 'WAREHOUSE_OUT'] };

export const API_KEY_EXAMPLE = { label: 'order pipeline (production)' };
