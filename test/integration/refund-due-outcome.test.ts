// How an administrator resolves a refund due (POST /api/v1/officer/tax-refunds-due/:id/resolve,
// migrations/100): refunded (with the provider's refund reference) or not refunded, and a note. Only a
// refund recorded as refunded is money returned: netted by later reassessments, shown on the payer's
// notice, announced to an operator that paid (tax.refunded, queued with the record). Before, any
// resolution by someone other than 'system' was taken for a refund made, whatever the text said.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clockRunningFrom, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';
import { bagDeclaration, consumerTaxNotices, signedInMinji } from '../support/consumer-tax-notices.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  // Noon in Korea on Wednesday 2026-11-25.
  t = await startTestPlatform({ payments: { provider: 'emulator' } }, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  alpha = await t.operator('OUTCOME');
  minji = await signedInMinji(t);
  admin = await t.officer('outcome-admin', 'admin');
});
afterAll(async () => t?.close());

const item = bagDeclaration;
const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const openOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' AND resolved_at IS NULL ORDER BY id`, [id])).rows;
const declare = async (ref: string, purchasedAt: string, price: number) => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item(ref, purchasedAt, price)] } });
  expect(r.body.results[0].status).toBe('accepted');
  return r.body.results[0].declarationId as number;
};
const correct = async (id: number, ref: string, purchasedAt: string, price: number) =>
  expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item(ref, purchasedAt, price), reason: '가격 정정' } })).status).toBe(200);
const resolve = (refundId: number, body: unknown) => api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body });
const refundNo = (id: number) => `RF-${String(id).padStart(8, '0')}`;

/** Paid 136,530 by card (USD 400), corrected to USD 250 (86,580): 136,530 − 86,580 = 49,950 due. */
async function overpaid(ref: string, purchasedAt: string): Promise<{ id: number; refundId: number }> {
  const id = await declare(ref, purchasedAt, 400);
  expect((await noticeOf(id)).amountKrw).toBe(136_530);
  expect((await payByCard(id, 136_530)).status).toBe(201);
  await correct(id, ref, purchasedAt, 250);
  const open = await openOf(id);
  expect(open).toMatchObject([{ amount: 136_530 - 86_580 }]);
  return { id, refundId: open[0].id };
}

describe('the outcome is structured', () => {
  it('refuses a body without outcome (the old body), naming body.outcome; refunded without the provider reference, naming body.providerRefundRef; the record stays open', async () => {
    const { id, refundId } = await overpaid('OC-400', '2026-11-06');
    const old = await resolve(refundId, { resolution: 'refunded: partial cancel at Toss' });
    expect(old.status).toBe(400);
    expect(old.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(old.body.error)).toContain('body.outcome');
    const noRef = await resolve(refundId, { outcome: 'refunded', resolution: 'partial cancel at Toss' });
    expect(noRef.status).toBe(400);
    expect(noRef.body.error.details.errors ?? noRef.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.providerRefundRef', code: 'required' })]));
    const blankRef = await resolve(refundId, { outcome: 'refunded', providerRefundRef: ' ', resolution: 'partial cancel at Toss' });
    expect(blankRef.status).toBe(400);
    expect((await resolve(refundId, { outcome: 'kept', resolution: 'x' })).status).toBe(400);
    expect(await openOf(id)).toEqual([{ id: refundId, amount: 49_950 }]);
  });
});

describe('a later reassessment nets only the refunds recorded refunded', () => {
  it('recorded not refunded (kept as credit): corrected back to 136,530 asks 136,530 − (136,530 − 0) = 0 more, paid (before: 49,950 asked again, taken for refunded)', async () => {
    const { id, refundId } = await overpaid('OC-KEEP', '2026-11-07');
    const r = await resolve(refundId, { outcome: 'not_refunded', resolution: 'payer asked to keep it as credit' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ refundNo: refundNo(refundId), outcome: 'not_refunded', providerRefundRef: null, resolvedBy: 'outcome-admin', resolution: 'payer asked to keep it as credit' });
    // Nothing was returned: the notice shows no refund made; 136,530 still counts as paid against 86,580 owed.
    const kept = await noticeOf(id);
    expect(kept).toMatchObject({ status: 'paid', refund: null, refundsMade: [], shortfallKrw: 0 });
    expect(kept.reason.ko).not.toContain('이미 환급된');
    // Corrected back up to USD 400: owed 136,530, paid 136,530, nothing refunded: nothing more to pay.
    await correct(id, 'OC-KEEP', '2026-11-07', 400);
    const back = await noticeOf(id);
    expect(back).toMatchObject({ status: 'paid', amountKrw: 136_530, shortfallKrw: 0, refund: null, refundsMade: [] });
    expect((await payByCard(id, 49_950)).status).toBe(409);
    expect(await openOf(id)).toEqual([]);
  });

  it('recorded refunded (with the provider reference): corrected back to 136,530 asks 136,530 − (136,530 − 49,950) = 49,950; the notice shows the refund made, its number, amount and day', async () => {
    const { id, refundId } = await overpaid('OC-MADE', '2026-11-08');
    const r = await resolve(refundId, { outcome: 'refunded', providerRefundRef: ' TOSS-CXL-49950 ', resolution: 'partial cancel at Toss' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ outcome: 'refunded', providerRefundRef: 'TOSS-CXL-49950', resolution: 'partial cancel at Toss' });
    const made = await noticeOf(id);
    // 136,530 − 49,950 = 86,580 = owed: paid, the refund shown as made (not as due).
    expect(made).toMatchObject({ status: 'paid', refund: null, shortfallKrw: 0 });
    expect(made.refundsMade).toEqual([{ refundNo: refundNo(refundId), amountKrw: 49_950, refundedAt: r.body.resolvedAt, reason: 'reassessed_lower' }]);
    expect(made.reason.ko).toContain(`더 납부된 49,950원이 2026-11-25에 환급되었습니다(환불번호 ${refundNo(refundId)}).`);
    expect(made.reason.en).toContain(`The overpayment of KRW 49,950 was refunded on 2026-11-25 (refund ${refundNo(refundId)}).`);
    await correct(id, 'OC-MADE', '2026-11-08', 400);
    const back = await noticeOf(id);
    expect(back).toMatchObject({ status: 'due', amountKrw: 136_530, shortfallKrw: 49_950, refund: null });
    expect(back.refundsMade).toHaveLength(1);
  });
});

describe('an operator that paid is told', () => {
  it('queues tax.refunded with the record when refunded (refund number, amount, provider reference), none when not refunded; both on the operator’s notice', async () => {
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/tax', eventTypes: ['tax.refunded'] } });
    expect(hook.status).toBe(201);
    const payAsOperator = (id: number, amountKrw: number) =>
      api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    const outbox = async () =>
      (await t.db.pool.query(`SELECT o.payload FROM webhook_outbox o JOIN webhooks w ON w.id = o.webhook_id WHERE w.id = $1 ORDER BY o.id`, [hook.body.id])).rows.map((x) => x.payload);

    // Two parcels paid by the operator (136,530 each), both corrected to 86,580: 49,950 due on each.
    const ids: number[] = [];
    for (const [ref, day] of [['OC-OP1', '2026-11-09'], ['OC-OP2', '2026-11-10']] as const) {
      const id = await declare(ref, day, 400);
      expect((await payAsOperator(id, 136_530)).status).toBe(201);
      await correct(id, ref, day, 250);
      ids.push(id);
    }
    const [kept, made] = [(await openOf(ids[0]!))[0].id as number, (await openOf(ids[1]!))[0].id as number];
    expect((await resolve(kept, { outcome: 'not_refunded', resolution: 'duplicate record' })).status).toBe(200);
    expect(await outbox()).toEqual([]);
    const r = await resolve(made, { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-OP2', resolution: 'partial cancel' });
    expect(r.status).toBe(200);
    const d = (await t.db.pool.query(`SELECT ref, cargo_no FROM declarations WHERE id = $1`, [ids[1]])).rows[0];
    expect(await outbox()).toEqual([
      {
        id: `taxrefund_${refundNo(made)}`,
        type: 'tax.refunded',
        occurredAt: r.body.resolvedAt,
        declaration: { id: ids[1], ref: d.ref, cargoNo: d.cargo_no },
        refund: { refundNo: refundNo(made), paymentNo: r.body.paymentNo, amountKrw: 49_950, reason: 'reassessed_lower', providerRefundRef: 'TOSS-CXL-OP2', refundedAt: r.body.resolvedAt },
      },
    ]);
    const notices = (await api(t.base, 'GET', '/api/v1/tax-notices', { token: alpha.key })).body.notices as { declarationId: number; refundsMade: unknown[] }[];
    expect(notices.find((n) => n.declarationId === ids[0])!.refundsMade).toEqual([]);
    expect(notices.find((n) => n.declarationId === ids[1])!.refundsMade).toEqual([expect.objectContaining({ refundNo: refundNo(made), amountKrw: 49_950 })]);
  });

  it('leaves the record open when the event cannot be queued: the record and its event commit together', async () => {
    const id = await declare('OC-ATOMIC', '2026-11-11', 400);
    expect((await payByCard(id, 136_530)).status).toBe(201);
    await correct(id, 'OC-ATOMIC', '2026-11-11', 250);
    const [open] = await openOf(id);
    const store = t.platform.deps.taxPayments!.store;
    await expect(
      store.resolveRefundDue(open.id, {
        by: 'outcome-admin',
        outcome: 'refunded',
        providerRefundRef: 'TOSS-X',
        resolution: 'partial cancel',
        at: new Date('2026-11-25T04:00:00Z'),
        operatorEvent: () => {
          throw new Error('queue down');
        },
      }),
    ).rejects.toThrow('queue down');
    expect(await openOf(id)).toEqual([{ id: open.id, amount: 49_950 }]);
  });
});
