// The tax notice of a declaration for officers and administrators (GET /api/v1/officer/declarations/:id/tax-notice):
// the notice the payer is shown, read-only, so that an officer answering a "세금·납부" consultation sees
// whether and how the taxes were paid or refunded without asking an administrator. Staff only (an
// operator's key and a consumer's token are refused); no payment secret (the transfer account's number
// in full, the provider's transaction). Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };
let officer: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('OFFTAX'));
  officer = await t.officer('offtax-officer');
});
afterAll(async () => t?.close());

const { payByCard } = consumerTaxNotices(() => t.base, () => minji);
const read = (id: number | string, token?: string) => api(t.base, 'GET', `/api/v1/officer/declarations/${id}/tax-notice`, token ? { token } : {});
const declare = async (ref: string, purchasedAt: string, price: number) => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bagDeclaration(ref, purchasedAt, price)] } });
  expect(r.body.results[0].status).toBe('accepted');
  return r.body.results[0].declarationId as number;
};

describe('who may read it', () => {
  it('officers and administrators read it; an operator key and a consumer token are refused (403), no session 401, an unknown declaration 404', async () => {
    const id = await declare('OT-WHO', '2026-11-01', 400);
    expect((await read(id, officer.token)).status).toBe(200);
    expect((await read(id, admin.token)).status).toBe(200);
    const asOperator = await read(id, alpha.key); // even the declaring operator: its own notices are GET /api/v1/tax-notices
    expect([asOperator.status, asOperator.body.error.code]).toEqual([403, 'FORBIDDEN']);
    const asConsumer = await read(id, minji); // even the consignee: hers are GET /api/v1/consumer/tax-notices
    expect([asConsumer.status, asConsumer.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect((await read(id)).status).toBe(401);
    expect((await read(999_999, officer.token)).body.error.code).toBe('DECLARATION_NOT_FOUND');
    expect((await read('abc', officer.token)).status).toBe(400);
  });
});

describe('what it shows', () => {
  it('due, then paid by the consumer by card, then assessed again lower (the refund due open), then refunded: as the consumer is told, with the reason in Korean and English', async () => {
    // A bag at USD 400: 136,530 owed (the refund tests' worked example).
    const id = await declare('OT-PAID', '2026-11-02', 400);
    const due = (await read(id, officer.token)).body;
    expect(due).toMatchObject({ notice: { declarationId: id, status: 'due', amountKrw: 136_530, payment: null, refundsMade: [] }, waitingTransfer: null, refundsDue: [] });
    expect(due.notice.reason.ko).toContain('관세 등 제세 136,530원을');
    expect(due.notice.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const paid = await payByCard(id, 136_530);
    expect(paid.status).toBe(201);
    const receiptNo = paid.body.receipt.receiptNo as string;
    const afterPaying = (await read(id, officer.token)).body;
    expect(afterPaying.notice).toMatchObject({ status: 'paid', payment: { receiptNo, method: 'card', payerKind: 'consumer', amountKrw: 136_530, paidAt: paid.body.receipt.paidAt } });
    expect(afterPaying.notice.reason.ko).toBe(`2026-11-25에 관세 등 제세 136,530원을 납부했습니다(영수번호 ${receiptNo}).`);
    expect(afterPaying.notice.reason.en).toBe(`Taxes of KRW 136,530 were paid on 2026-11-25 (receipt no. ${receiptNo}).`);

    // Corrected to USD 250: 86,580 owed, 136,530 − 86,580 = 49,950 recorded for a refund (관세법 제46조).
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: bagDeclaration('OT-PAID', '2026-11-02', 250), reason: '가격 정정' } })).status).toBe(200);
    const overpaid = (await read(id, officer.token)).body;
    expect(overpaid.notice).toMatchObject({ status: 'paid', amountKrw: 86_580, refund: { amountKrw: 49_950 } });
    expect(overpaid.refundsDue).toEqual([{ refundNo: overpaid.notice.refund.refundNo, amountKrw: 49_950, payerKind: 'consumer', reason: 'reassessed_lower', refundBy: overpaid.notice.refund.refundBy, createdAt: expect.any(String) }]);
    // What the consumer is told, word for word.
    const consumers = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((n: { declarationId: number }) => n.declarationId === id);
    expect(overpaid.notice.reason).toEqual(consumers.reason);

    const refundId = Number(overpaid.notice.refund.refundNo.slice(3));
    expect((await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-OT', resolution: 'partial cancel at Toss' } })).status).toBe(200);
    const refunded = (await read(id, officer.token)).body;
    expect(refunded.refundsDue).toEqual([]);
    expect(refunded.notice.refundsMade).toEqual([{ refundNo: overpaid.notice.refund.refundNo, amountKrw: 49_950, refundedAt: expect.any(String), reason: 'reassessed_lower' }]);
    expect(refunded.notice.reason.ko).toContain(`더 납부된 49,950원이 2026-11-25에 환급되었습니다(환불번호 ${overpaid.notice.refund.refundNo}).`);
    // No provider reference, no provider transaction.
    expect(JSON.stringify(refunded)).not.toMatch(/TOSS-CXL-OT|providerTx|providerRefundRef|reassessed:v/);
  });

  it('a transfer waiting: the bank, amount and deadline, the account number’s last four digits only; then deposited by the operator: paid by transfer, payer operator', async () => {
    const id = await declare('OT-TRANSFER', '2026-11-03', 400);
    const asked = await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 136_530 } });
    expect(asked.status).toBe(202);
    const full = asked.body.virtualAccount.accountNumber as string;
    const digits = full.replace(/\D/g, '');
    expect(digits.length).toBeGreaterThan(4);
    const waiting = (await read(id, officer.token)).body;
    expect(waiting.notice).toMatchObject({ status: 'due', payment: null });
    expect(waiting.waitingTransfer).toEqual({ bank: asked.body.virtualAccount.bank, accountNumberLast4: digits.slice(-4), amountKrw: 136_530, dueAt: asked.body.virtualAccount.dueAt, demo: true });
    expect(JSON.stringify(waiting)).not.toContain(full);
    expect(JSON.stringify(waiting)).not.toContain(digits);

    expect((await api(t.base, 'POST', `/api/v1/demo/tax-notices/${id}/deposit`, { token: alpha.key, body: {} })).status).toBe(201);
    const deposited = (await read(id, officer.token)).body;
    expect(deposited.notice).toMatchObject({ status: 'paid', payment: { method: 'transfer', payerKind: 'operator', amountKrw: 136_530 } });
    expect(deposited.waitingTransfer).toBeNull();
  });

  it('nothing owed and nothing paid: notice null (a T-shirt of USD 40, under the de minimis)', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bagDeclaration('OT-EXEMPT', '2026-11-04', 40)] } });
    const id = r.body.results[0].declarationId as number;
    expect((await read(id, officer.token)).body).toEqual({ notice: null, waitingTransfer: null, refundsDue: [] });
  });
});
