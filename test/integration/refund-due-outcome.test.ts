// How an administrator resolves a refund due (POST /api/v1/officer/tax-refunds-due/:id/resolve,
// migrations/100): refunded (with the provider's refund reference) or not refunded, and a note. Only a
// refund recorded as refunded is money returned: netted by later reassessments, shown on the payer's
// notice, announced to an operator that paid (tax.refunded, queued with the record). Before, any
// resolution by someone other than 'system' was taken for a refund made, whatever the text said.
// Embedded, or on the server when DATABASE_URL is set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type TestPlatform } from '../support/test-platform.ts';
import { consumerTaxNotices, operatorParcels, refundNo, refundTestBed } from '../support/consumer-tax-notices.ts';
import { resolveRefundDue } from '../../src/app/tax-refunds-due.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let minji: string;
let admin: { token: string };

beforeAll(async () => {
  ({ t, alpha, minji, admin } = await refundTestBed('OUTCOME'));
});
afterAll(async () => t?.close());

const { noticeOf, payByCard } = consumerTaxNotices(() => t.base, () => minji);
const openOf = async (id: number) =>
  (await t.db.pool.query(`SELECT id::int, amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND reason = 'reassessed_lower' AND resolved_at IS NULL ORDER BY id`, [id])).rows;
const { declare, correct, payAsOperator, cargoNoOf, smsToMinji } = operatorParcels(() => t, () => alpha);
const resolve = (refundId: number, body: unknown) => api(t.base, 'POST', `/api/v1/officer/tax-refunds-due/${refundId}/resolve`, { token: admin.token, body });

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


describe('a provider reference with nothing refunded', () => {
  it('is refused, naming body.providerRefundRef (ko/en), and the record stays open (before: 200, the reference dropped unseen)', async () => {
    const { id, refundId } = await overpaid('OC-REFNOT', '2026-11-12');
    const r = await resolve(refundId, { outcome: 'not_refunded', providerRefundRef: 'TOSS-CXL-1', resolution: 'kept as credit' });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('VALIDATION_FAILED');
    const [err] = r.body.error.details.errors ?? r.body.error.details;
    expect(err).toMatchObject({ path: 'body.providerRefundRef', code: 'only_when_refunded' });
    expect(err.ko).toContain('환불하지 않음(not_refunded)으로 처리할 때는 결제대행사 환불번호를 보낼 수 없습니다');
    expect(err.en).toContain('cannot be sent when nothing was refunded (not_refunded)');
    expect(await openOf(id)).toEqual([{ id: refundId, amount: 49_950 }]);
    // Without the reference it is taken.
    expect((await resolve(refundId, { outcome: 'not_refunded', resolution: 'kept as credit' })).status).toBe(200);
  });
});

describe('a consumer that paid is told of a refund made', () => {
  it('sends the payer an alert (ko first, then en): 49,950원, the refund number, the day and the /me link; none when not refunded (before: no alert, only the notice)', async () => {
    // Paid 136,530, corrected to 86,580: 136,530 − 86,580 = 49,950 refunded on Wednesday 2026-11-25.
    const { id, refundId } = await overpaid('OC-ALERT', '2026-11-13');
    const cargoNo = await cargoNoOf(id);
    const r = await resolve(refundId, { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-ALERT', resolution: 'partial cancel at Toss' });
    expect(r.status).toBe(200);
    await t.platform.consumerRefundAlerts.drain();
    // The refund made (the record's own alert of 103, its refund due, goes out in the same pass).
    const sent = (await smsToMinji()).filter((b) => b.includes(refundNo(refundId)) && b.includes('환급(환불)되었습니다'));
    expect(sent).toHaveLength(1);
    const [ko, en] = sent[0]!.split(' / ');
    expect(ko).toContain(`화물관리번호 ${cargoNo}의 더 납부된 세금 49,950원이 2026-11-25(수)에 환급(환불)되었습니다(환불번호 ${refundNo(refundId)}).`);
    expect(ko).toMatch(/통관 포털의 세금 고지에서 확인하세요: \S*\/me$/);
    expect(en).toContain(`On ${cargoNo}, the taxes overpaid, KRW 49,950, was refunded on 2026-11-25 (Wed) (refund ${refundNo(refundId)}).`);
    expect(en).toMatch(/\/me$/);
    // No name, phone or provider reference in it: what the deposit alerts carry, no more.
    expect(sent[0]).not.toContain('김민지');
    expect(sent[0]).not.toContain('TOSS-CXL-ALERT');

    const other = await overpaid('OC-ALERT-NOT', '2026-11-14');
    expect((await resolve(other.refundId, { outcome: 'not_refunded', resolution: 'duplicate record' })).status).toBe(200);
    await t.platform.consumerRefundAlerts.drain();
    // No refund-made alert (its refund due and that due's end are the alerts of 103, consumer-refund-alerts.test.ts).
    expect((await smsToMinji()).filter((b) => b.includes(refundNo(other.refundId)) && b.includes('환급(환불)되었습니다'))).toEqual([]);
  });

  it('queues the alert in the transaction of the refund made, so that a crash after the commit loses none: the row is there before any send, and the worker sends it once', async () => {
    const { id, refundId } = await overpaid('OC-ALERT-FAIL', '2026-11-15');
    const deps = t.platform.deps;
    const r = await resolveRefundDue(
      { taxPayments: deps.taxPayments!.store, clock: deps.clock, declarations: deps.declarations },
      { kind: 'officer', userId: 1, username: 'outcome-admin', role: 'admin' } as never,
      refundId,
      { outcome: 'refunded', providerRefundRef: 'TOSS-CXL-FAIL', resolution: 'partial cancel' },
    );
    expect(r.ok).toBe(true);
    expect(await openOf(id)).toEqual([]);
    // Committed with the record (before: sent after the commit, best effort, with no row; a crash there lost it).
    // The platform's own worker polls every second and may already have sent it: pending, or sent once.
    const queued = async () => (await t.db.pool.query(`SELECT event, status, facts, last_error FROM consumer_refund_alerts WHERE refund_id = $1 AND event = 'refunded'`, [refundId])).rows;
    const refundMade = async () => (await smsToMinji()).filter((b) => b.includes(refundNo(refundId)) && b.includes('환급(환불)되었습니다'));
    const [row] = await queued();
    expect(row).toMatchObject({ event: 'refunded', facts: { refundNo: refundNo(refundId), amountKrw: 49_950 } });
    expect(['pending', 'sent']).toContain(row.status);
    // Read after the row: a row marked sent was sent (once); a pending one may be in the middle of its send.
    const before = (await refundMade()).length;
    if (row.status === 'sent') expect(before).toBe(1);
    else expect(before).toBeLessThanOrEqual(1);
    await t.platform.consumerRefundAlerts.drain();
    await t.platform.consumerRefundAlerts.drain();
    expect(await queued()).toMatchObject([{ event: 'refunded', status: 'sent' }]);
    expect(await refundMade()).toHaveLength(1);
    expect((await noticeOf(id)).refundsMade).toEqual([expect.objectContaining({ refundNo: refundNo(refundId), amountKrw: 49_950 })]);
  });
});

describe('an operator that paid is told of a refund due when it is recorded', () => {
  let hookId: number;
  const refundDueEvents = async (declarationId: number) =>
    (await t.db.pool.query(`SELECT payload FROM webhook_outbox WHERE webhook_id = $1 AND (payload->'declaration'->>'id')::bigint = $2 ORDER BY id`, [hookId, declarationId])).rows.map((x) => x.payload);
  const recordOf = async (id: number) =>
    (await t.db.pool.query(`SELECT id::int, payment_no, reason, created_at FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id DESC LIMIT 1`, [id])).rows[0];
  const expected = async (id: number, ref: string, amountKrw: number, reason: string) => {
    const f = await recordOf(id);
    expect(f.reason).toBe(reason);
    return {
      id: `taxrefunddue_${refundNo(f.id)}`,
      type: 'tax.refund_due',
      occurredAt: new Date(f.created_at).toISOString(),
      declaration: { id, ref, cargoNo: await cargoNoOf(id) },
      // Recorded on Wednesday 2026-11-25: three working days later (Thu 26, Fri 27, Mon 30) is 2026-11-30.
      refund: { refundNo: refundNo(f.id), paymentNo: f.payment_no, amountKrw, reason, refundBy: '2026-11-30' },
    };
  };

  beforeAll(async () => {
    const hook = await api(t.base, 'POST', '/api/v1/webhooks', { token: alpha.key, body: { url: 'https://hooks.example.com/refund-due', eventTypes: ['tax.refund_due'] } });
    expect(hook.status).toBe(201);
    hookId = hook.body.id;
  });

  it('reassessed lower: paid 136,530, corrected to 86,580: tax.refund_due of 136,530 − 86,580 = 49,950, queued with the record (before: nothing until refunded)', async () => {
    const id = await declare('OC-DUE-LOW', '2026-11-16', 400);
    expect((await payAsOperator(id, 136_530)).status).toBe(201);
    expect(await refundDueEvents(id)).toEqual([]);
    await correct(id, 'OC-DUE-LOW', '2026-11-16', 250);
    expect(await refundDueEvents(id)).toEqual([await expected(id, 'OC-DUE-LOW', 49_950, 'reassessed_lower')]);
  });

  it('withdrawn after payment: paid 136,530, owes 0: tax.refund_due of 136,530 − 0 = 136,530', async () => {
    const id = await declare('OC-DUE-WD', '2026-11-17', 400);
    expect((await payAsOperator(id, 136_530)).status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    expect(await refundDueEvents(id)).toEqual([await expected(id, 'OC-DUE-WD', 136_530, 'reassessed_lower')]);
  });

  it('deposit after paid: the operator’s account takes 136,530 after it paid 136,530 by card: tax.refund_due of the whole deposit, 136,530', async () => {
    const id = await declare('OC-DUE-DEP', '2026-11-18', 400);
    expect((await api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: alpha.key, body: { method: 'transfer', amountKrw: 136_530 } })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1`, [id])).rows[0].order_id as string;
    const emulator = t.platform.paymentEmulator!;
    // Toss refuses the close of the account, so the bank still takes the transfer after the card payment.
    emulator.faults.refuseCancels = true;
    try {
      expect((await payAsOperator(id, 136_530)).status).toBe(201);
      expect(await emulator.deposit(orderId)).toEqual({ ok: true, callbackStatus: 200 });
    } finally {
      emulator.faults.refuseCancels = false;
    }
    expect(await refundDueEvents(id)).toEqual([await expected(id, 'OC-DUE-DEP', 136_530, 'deposit_after_paid')]);
  });

  it('tells nobody when the consumer paid (the operator did not pay it)', async () => {
    const { id } = await overpaid('OC-DUE-CONS', '2026-11-04');
    expect(await refundDueEvents(id)).toEqual([]);
  });
});
