// The operator's list of tax notices (GET /api/v1/tax-notices) is read by the operator, who cannot open
// a consultation (민원상담: the consumer's). Whom to ask on every text of it is the platform's
// administrators, whoever paid: the consumer paid the notice, the operator the shortfall, and the
// overpayment's refund due was recorded not refunded. Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundTestBed } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('ADVICE'));
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const { declare, correct, payAsOperator } = operatorParcels(() => t, () => alpha);
const operatorNoticeOf = async (id: number) =>
  (await api(t.base, 'GET', '/api/v1/tax-notices', { token: alpha.key })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);

it("tells the operator to ask the administrators when the consumer paid the notice and the operator the shortfall, the overpayment recorded not refunded (before: the consumer's 민원상담)", async () => {
  const id = await declare('ADV-MIX', '2026-11-05', 250);
  // The consumer pays 86,580 (USD 250); corrected to USD 400: 136,530 − 86,580 = 49,950 short, paid by the operator.
  expect((await payByCard(id, 86_580)).status).toBe(201);
  await correct(id, 'ADV-MIX', '2026-11-05', 400);
  const short = await payAsOperator(id, 49_950);
  expect(short.status).toBe(201);
  expect(short.body.receipt).toMatchObject({ amountKrw: 49_950, part: 1, payerKind: 'operator' });
  // Corrected back to USD 250: 86,580 + 49,950 − 86,580 = 49,950 overpaid, recorded; an administrator records it not refunded.
  await correct(id, 'ADV-MIX', '2026-11-05', 250);
  const open = (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows;
  expect(open).toMatchObject([{ amount: 49_950 }]);
  const resolved = await api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${open[0].id}/resolve`, {
    token: admin.token,
    body: { outcome: 'not_refunded', resolution: 'kept as credit at the payer’s request' },
  });
  expect(resolved.status).toBe(200);

  const ops = await operatorNoticeOf(id);
  expect(ops.reason.ko).toContain('더 납부된 49,950원은 환급 대상입니다(관세법 제38조의3, 제46조). 자동으로 환급되지 않으니');
  expect(ops.reason.ko).toContain('플랫폼 운영 관리자에게 문의하세요.');
  expect(ops.reason.ko).not.toContain('민원상담');
  expect(ops.reason.en).toContain('contact the platform administrators (운영 관리자)');
  // The consumer's own notice keeps the consultation: she paid the notice's payment.
  expect((await noticeOf(id)).reason.ko).toContain('통관 포털의 상담(민원상담)으로 문의하세요.');
});
