// The public receipt (GET /api/v1/tax-receipts/:receiptNo) of a payment refunded since, in part and then
// in full: it says what was refunded against it (refund number, amount, day) and what remains paid, and
// stays valid as proof of the payment. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('RECEIPTRF'));
});
afterAll(async () => t?.close());

const { payByCard } = consumerTaxNotices(() => t.base, () => minji);
const declare = async (ref: string, purchasedAt: string, price: number): Promise<number> => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bagDeclaration(ref, purchasedAt, price)] } });
  expect(r.body.results[0].status).toBe('accepted');
  return r.body.results[0].declarationId as number;
};
const openRefundOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows;
const markRefunded = async (refundId: number) =>
  expect(
    (await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body: { outcome: 'refunded', providerRefundRef: `TOSS-CXL-${refundId}`, resolution: 'partial cancel at Toss' } })).status,
  ).toBe(200);
const rf = (id: number) => `RF-${String(id).padStart(8, '0')}`;

it('says on the receipt the refund in part (136,530 − 49,950 = 86,580 remains paid), then in full after a withdrawal (− 86,580 = 0); before: only "payment confirmed"', async () => {
  const id = await declare('RR-1', '2026-11-06', 400);
  const paid = await payByCard(id, 136_530);
  expect(paid.status).toBe(201);
  const receiptNo = paid.body.receipt.receiptNo as string;
  expect(paid.body.receipt.refunded).toBeNull();
  expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body.refunded).toBeNull();

  // Corrected USD 400 → 250: owed 86,580; 136,530 − 86,580 = 49,950 recorded, then refunded by an administrator.
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: bagDeclaration('RR-1', '2026-11-06', 250), reason: '가격 정정' } })).status).toBe(200);
  const first = await openRefundOf(id);
  expect(first).toMatchObject([{ amount: 49_950 }]);
  // Open, not yet refunded: nothing said on the receipt.
  expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body.refunded).toBeNull();
  await markRefunded(first[0].id);

  const part = (await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body;
  expect(part).toMatchObject({ receiptNo, amountKrw: 136_530, voided: null });
  expect(part.refunded).toMatchObject({ extent: 'part', refundedKrw: 49_950, remainingKrw: 136_530 - 49_950, refunds: [{ refundNo: rf(first[0].id), amountKrw: 49_950 }] });
  expect(part.refunded.title.ko).toBe('납부 후 일부 환급됨');
  expect(part.refunded.text.ko).toBe(
    `이 납부 136,530원 중 49,950원(2026-11-25, 환불번호 ${rf(first[0].id)})이 환급되었습니다(관세법 제46조 과오납금의 환급). 남은 납부액은 86,580원입니다. 이 영수증은 위 납부가 있었다는 증빙으로 유효합니다.`,
  );
  expect(part.refunded.text.en).toContain('KRW 86,580 remains paid. This receipt remains valid as proof of the payment made.');

  // Withdrawn: 136,530 − 49,950 − 0 = 86,580 recorded, then refunded: nothing remains paid.
  expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
  const second = await openRefundOf(id);
  expect(second).toMatchObject([{ amount: 86_580 }]);
  await markRefunded(second[0].id);
  const all = (await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body;
  expect(all.refunded).toMatchObject({ extent: 'all', refundedKrw: 136_530, remainingKrw: 0 });
  expect(all.refunded.refunds.map((r: { refundNo: string }) => r.refundNo)).toEqual([rf(first[0].id), rf(second[0].id)]);
  expect(all.refunded.title.en).toBe('Payment made, since refunded in full');
  expect(all.refunded.text.ko).toContain('합계 136,530원이 환급되었습니다(관세법 제46조 과오납금의 환급, 제250조 신고의 취하). 남은 납부액은 0원입니다.');
  // Still minimal: no name, no PCCC, no payer reference, no account anywhere in the answer.
  const body = JSON.stringify(all);
  for (const secret of ['김민지', 'P123456789012', 'payerRef', 'TOSS-CXL', 'partial cancel']) expect(body).not.toContain(secret);
  // The certificate is still issued: the payment was made.
  expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`)).status).toBe(200);
});
