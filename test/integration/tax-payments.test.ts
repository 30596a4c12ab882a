// Tax notices and payment over HTTP on a real PostgreSQL (embedded, or DATABASE_URL): notices
// derived from assessments, payment through the Toss Payments adapter and its protocol emulator
// (over HTTP on a loopback port), public receipts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, clockRunningFrom, declaration, requestWithHost, startTestPlatform, consumerToken, type TestPlatform } from '../support/test-platform.ts';
import { textOf } from '../support/pdf-text.ts';

let t: TestPlatform;
let alpha: { id: number; key: string; code: string };
let beta: { id: number; key: string; code: string };
let minji: string; // consumer token of P123456789012
let other: string; // consumer token of P999999999999
const ids: Record<string, number> = {};

// Distinct purchase dates so combined taxation (고시 제68조) does not join them.
const general = (ref: string, purchasedAt: string) =>
  declaration(ref, {
    order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' },
    items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }],
  });

beforeAll(async () => {
  // A short time limit per gateway request, for the test of a gateway that does not answer (the last one).
  // Noon in Korea a week before declaration()'s taxes fall due (2026-12-03): 'due' and 'overdue' read the same whatever day the tests run.
  t = await startTestPlatform({ payments: { provider: 'emulator', timeoutMs: 2000 } }, { clock: clockRunningFrom('2026-11-25T03:00:00Z') });
  alpha = await t.operator('ALPHA');
  beta = await t.operator('BETA', 'forwarder');
  await t.platform.deps.consumers.upsertHolders([
    { pccc: 'P123456789012', name: '김민지', phone: '01012345678', postcodes: ['06236'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
    { pccc: 'P999999999999', name: '박서준', phone: '01099998888', postcodes: ['04524'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' },
  ]);
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: alpha.key,
    body: { declarations: [general('TX-1', '2026-11-10'), general('TX-2', '2026-11-11'), declaration('TX-3', { order: { orderNo: 'O-TX-3', purchasedAt: '2026-11-12', currency: 'USD' } }), general('TX-4', '2026-11-13')] },
  });
  expect(r.status).toBe(200);
  for (const x of r.body.results) {
    expect(x.status).toBe('accepted');
    ids[x.ref] = x.declarationId;
  }
  expect(r.body.results[0].assessment.route).toBe('general');
  expect(r.body.results[2].assessment.route).toBe('list');
  minji = await consumerToken(t.base, 'P123456789012', '김민지', '010-1234-5678', '06236');
  other = await consumerToken(t.base, 'P999999999999', '박서준', '010-9999-8888', '04524');
});
afterAll(async () => t?.close());

const payAsConsumer = (token: string, id: number, body: unknown, key?: string) =>
  api(t.base, 'POST', `/api/v1/consumer/tax-notices/${id}/payments`, { token, body, ...(key ? { headers: { 'idempotency-key': key } } : {}) });
const payAsOperator = (key: string, id: number, body: unknown, idem?: string) =>
  api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: key, body, ...(idem ? { headers: { 'idempotency-key': idem } } : {}) });
const rowsOf = async (id: number) => (await t.db.pool.query('SELECT count(*)::int AS n FROM tax_payments WHERE declaration_id = $1', [id])).rows[0].n as number;

describe('tax notices and payment', () => {
  it("lists the consumer's general-clearance declarations as due notices, not the exempt one", async () => {
    const r = await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji });
    expect(r.status).toBe(200);
    const mine = r.body.notices.map((n: { declarationId: number }) => n.declarationId);
    expect(mine).toEqual([ids['TX-4'], ids['TX-2'], ids['TX-1']]); // newest first; TX-3 is exempt
    const n = r.body.notices.find((x: { declarationId: number }) => x.declarationId === ids['TX-1']);
    expect(n).toMatchObject({ status: 'due', payment: null, description: '티셔츠 Nike Dri-FIT', ref: '관세법 제9조(관세의 납부기한 등)', dueDate: '2026-12-03' }); // 2026-11-18 + 15, provisional
    expect(n.amountKrw).toBeGreaterThanOrEqual(10_000);
    expect(n.amountKrw).toBe(n.taxes.totalKrw);
    expect(n.paymentNo).toMatch(/^926\d{16}$/);
    expect(n.paymentNo.slice(3, 18)).toBe(String(ids['TX-1']).padStart(15, '0'));
    expect((await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: other })).body.notices).toEqual([]);
    expect((await api(t.base, 'GET', '/api/v1/consumer/tax-notices')).status).toBe(401);
  });

  it('refuses a wrong amount, a bad card number, a declined card and strangers, storing nothing', async () => {
    const id = ids['TX-1']!;
    const notice = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const wrong = await payAsConsumer(minji, id, { method: 'transfer', amountKrw: notice.amountKrw - 10 });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error).toMatchObject({ code: 'AMOUNT_MISMATCH', details: { path: 'body.amountKrw', amountDueKrw: notice.amountKrw } }); // path: the field at fault (before: none)
    const luhn = await payAsConsumer(minji, id, { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4242 4242 4242 4241', cardExpiry: '12/30' });
    expect(luhn.status).toBe(400);
    expect(luhn.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(luhn.body.error.details)).toContain('cardNumber');
    const noExpiry = await payAsConsumer(minji, id, { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4242 4242 4242 4242' });
    expect(noExpiry.status).toBe(400);
    expect(noExpiry.body.error.details[0].path).toBe('body.cardExpiry'); // the key-in payment needs it
    const declined = await payAsConsumer(minji, id, { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4000-0000-0000-0002', cardExpiry: '12/30' });
    expect(declined.status).toBe(402);
    expect(declined.body.error).toMatchObject({ code: 'PAYMENT_DECLINED', ko: '카드사에서 승인을 거절했습니다.', en: 'The card issuer declined the payment.' });
    expect((await payAsConsumer(other, id, { method: 'transfer', amountKrw: notice.amountKrw })).body.error.code).toBe('DECLARATION_NOT_FOUND');
    expect((await payAsConsumer(other, id, { method: 'transfer', amountKrw: notice.amountKrw })).status).toBe(404);
    expect((await payAsOperator(beta.key, id, { method: 'transfer', amountKrw: notice.amountKrw })).status).toBe(404);
    expect((await payAsConsumer(minji, 999_999, { method: 'transfer', amountKrw: notice.amountKrw })).status).toBe(404);
    expect((await payAsConsumer(minji, id, { method: 'cash', amountKrw: notice.amountKrw })).status).toBe(400);
    expect(await rowsOf(id)).toBe(0);
  });

  it('pays by card, answers a retry with the same receipt, refuses a second payment, and the receipt is public', async () => {
    const id = ids['TX-1']!;
    const notices = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices;
    const due = notices.find((x: { declarationId: number }) => x.declarationId === id);
    const paid = await payAsConsumer(minji, id, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }, 'pay-tx-1');
    expect(paid.status).toBe(201);
    expect(paid.body.notice).toMatchObject({ declarationId: id, status: 'paid', payment: { method: 'card', payerKind: 'consumer', amountKrw: due.amountKrw } });
    expect(paid.body.receipt).toMatchObject({ paymentNo: due.paymentNo, cargoNo: due.cargoNo, amountKrw: due.amountKrw, method: 'card', payerKind: 'consumer', taxes: due.taxes, demo: true });
    expect(paid.body.receipt.receiptNo).toMatch(/^TR-[0-9A-F]{16}$/);
    expect(paid.body.notice.payment.receiptNo).toBe(paid.body.receipt.receiptNo);

    const retry = await payAsConsumer(minji, id, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }, 'pay-tx-1');
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(paid.body);
    const again = await payAsConsumer(minji, id, { method: 'transfer', amountKrw: due.amountKrw }, 'pay-tx-1-b');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TAXES_ALREADY_PAID');
    expect((await payAsOperator(alpha.key, id, { method: 'transfer', amountKrw: due.amountKrw })).status).toBe(409);
    expect(await rowsOf(id)).toBe(1);

    const receipt = await api(t.base, 'GET', `/api/v1/tax-receipts/${paid.body.receipt.receiptNo}`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toEqual(paid.body.receipt);
    const text = JSON.stringify(receipt.body);
    expect(text).not.toContain('P123456789012');
    expect(text).not.toContain('김민지');
    expect((await api(t.base, 'GET', '/api/v1/tax-receipts/TR-0000000000000000')).body.error.code).toBe('RECEIPT_NOT_FOUND');
    expect((await api(t.base, 'GET', '/api/v1/tax-receipts/whatever')).status).toBe(404);

    const after = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    expect(after.status).toBe('paid');
    expect(after.reason.ko).toContain(paid.body.receipt.receiptNo);
  });

  it('serves the payment certificate of a receipt as PDF, publicly, and 404 for unknown numbers', async () => {
    const id = ids['TX-1']!;
    const receiptNo = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id).payment.receiptNo as string;
    const res = await fetch(`${t.base}/api/v1/tax-receipts/${receiptNo}/certificate.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="tax-receipt-${receiptNo}.pdf"`);
    const pdf = Buffer.from(await res.arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1').trim()).toBe('%%EOF');
    expect(pdf.length).toBeGreaterThan(10_000);
    expect(pdf.length).toBeLessThan(1_500_000);
    const text = textOf(pdf).replace(/\n/g, ' ');
    expect(text).toContain('관세 등 제세 납부확인서');
    expect(text).toContain(receiptNo);
    expect(textOf(pdf).replace(/\n/g, '')).toContain(`${t.base}/receipts/${receiptNo}`); // the QR's URL (wrapped), from the request's origin
    expect(text).toContain('데모(에뮬레이터) 결제 — 실제 납부 아님'); // paid through the protocol emulator
    expect(text).not.toContain('김민지');
    expect(text).not.toContain('P123456789012');
    // deterministic: the same receipt gives the same bytes (also with a lower-case number)
    const again = await fetch(`${t.base}/api/v1/tax-receipts/${receiptNo.toLowerCase()}/certificate.pdf`);
    expect(again.headers.get('content-disposition')).toContain(`tax-receipt-${receiptNo}.pdf`);
    expect(Buffer.from(await again.arrayBuffer()).equals(pdf)).toBe(true);

    // A forged Host header does not reach the QR code: without PUBLIC_URL only a loopback host is
    // taken from the request, anything else gives http://localhost:<the port it came in on>.
    const port = new URL(t.base).port;
    const forged = await requestWithHost(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`, 'evil.example');
    expect(forged.status).toBe(200);
    const forgedText = textOf(forged.body).replace(/\n/g, '');
    expect(forgedText).not.toContain('evil.example');
    expect(forgedText).toContain(`http://localhost:${port}/receipts/${receiptNo}`);
    const loopback = await requestWithHost(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}/certificate.pdf`, `localhost:${port}`);
    expect(textOf(loopback.body).replace(/\n/g, '')).toContain(`http://localhost:${port}/receipts/${receiptNo}`);

    for (const unknown of ['TR-0000000000000000', 'whatever']) {
      const missing = await api(t.base, 'GET', `/api/v1/tax-receipts/${unknown}/certificate.pdf`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/json');
      expect(missing.body.error.code).toBe('RECEIPT_NOT_FOUND');
    }
  });

  it("lets the declaring operator pay on the consumer's behalf", async () => {
    const id = ids['TX-2']!;
    const due = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const r = await payAsOperator(alpha.key, id, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' });
    expect(r.status).toBe(201);
    expect(r.body.receipt).toMatchObject({ payerKind: 'operator', method: 'card', amountKrw: due.amountKrw });
    const stored = await t.db.pool.query('SELECT payer_kind, payer_ref, provider, provider_tx FROM tax_payments WHERE declaration_id = $1', [id]);
    expect(stored.rows[0]).toMatchObject({ payer_kind: 'operator', payer_ref: String(alpha.id), provider: 'toss-emulator' });
    expect(stored.rows[0].provider_tx).toMatch(/^tgemu[0-9a-f]{32}$/); // the gateway's paymentKey
    const atGateway = t.platform.paymentEmulator!.payments().find((p) => p.paymentKey === stored.rows[0].provider_tx)!;
    expect(atGateway).toMatchObject({ method: '카드', status: 'DONE', totalAmount: due.amountKrw });
  });

  it('answers NO_TAXES_DUE for an exempt list-clearance declaration', async () => {
    const r = await payAsConsumer(minji, ids['TX-3']!, { method: 'transfer', amountKrw: 1000 });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('NO_TAXES_DUE');
  });

  it('lets exactly one of two concurrent payments win', async () => {
    const id = ids['TX-4']!;
    const due = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const body = { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' };
    const [a, b] = await Promise.all([payAsConsumer(minji, id, body, 'race-a'), payAsOperator(alpha.key, id, body, 'race-b')]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await rowsOf(id)).toBe(1);
  });

  it("lists an operator's own notices only, filtered by status and keyset-paged, showing payments on behalf", async () => {
    const more = await api(t.base, 'POST', '/api/v1/declarations', {
      token: alpha.key,
      body: { declarations: [general('TX-5', '2026-11-14'), general('TX-6', '2026-11-15'), general('TX-7', '2026-11-16')] },
    });
    expect(more.status).toBe(200);
    for (const x of more.body.results) ids[x.ref] = x.declarationId;
    const theirs = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: [general('TX-B1', '2026-11-09')] } });
    expect(theirs.body.results[0].status).toBe('accepted');
    ids['TX-B1'] = theirs.body.results[0].declarationId;
    const list = (key: string, query = '') => api(t.base, 'GET', `/api/v1/tax-notices${query}`, { token: key });
    const idsOf = (r: { body: { notices: { declarationId: number }[] } }) => r.body.notices.map((n) => n.declarationId);
    const [tx1, tx2, tx4, tx5, tx6, tx7] = [ids['TX-1']!, ids['TX-2']!, ids['TX-4']!, ids['TX-5']!, ids['TX-6']!, ids['TX-7']!] as const;

    const all = await list(alpha.key);
    expect(all.status).toBe(200);
    expect(idsOf(all)).toEqual([tx7, tx6, tx5, tx4, tx2, tx1]); // newest first; exempt TX-3 and beta's TX-B1 not listed
    // Whose parcel each is: the consignee's name as the operator declared it (the console's 세금 대납 rows name it).
    expect(all.body.notices.map((n: { consigneeName: string }) => n.consigneeName)).toEqual(['김민지', '김민지', '김민지', '김민지', '김민지', '김민지']);
    expect(all.body.next).toBeNull();
    expect(idsOf(await list(beta.key))).toEqual([ids['TX-B1']]);
    expect(idsOf(await list(alpha.key, '?status=due'))).toEqual([tx7, tx6, tx5]);
    expect(idsOf(await list(alpha.key, '?status=paid'))).toEqual([tx4, tx2, tx1]);
    expect(idsOf(await list(alpha.key, '?status=overdue'))).toEqual([]);

    // Keyset pages of two: next is the id to continue after, null on the last page.
    const seen: number[] = [];
    const pages: (number | null)[] = [];
    let after: number | null = null;
    do {
      const page: Awaited<ReturnType<typeof list>> = await list(alpha.key, `?limit=2${after ? `&afterId=${after}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.notices.length).toBeLessThanOrEqual(2);
      seen.push(...idsOf(page));
      after = page.body.next;
      pages.push(after);
    } while (after !== null && pages.length < 10);
    expect(seen).toEqual([tx7, tx6, tx5, tx4, tx2, tx1]);
    expect(pages).toEqual([tx6, tx4, null]);
    // And back: prev is the id to go back before (newer notices), null on the first page; the pages come back the same.
    expect((await list(alpha.key, '?limit=2')).body.prev).toBeNull();
    const last = await list(alpha.key, `?limit=2&afterId=${tx4}`);
    expect([idsOf(last), last.body.prev, last.body.next]).toEqual([[tx2, tx1], tx2, null]);
    const back1 = await list(alpha.key, `?limit=2&before=${last.body.prev}`);
    expect([idsOf(back1), back1.body.prev, back1.body.next]).toEqual([[tx5, tx4], tx5, tx4]);
    const back2 = await list(alpha.key, `?limit=2&before=${back1.body.prev}`);
    expect([idsOf(back2), back2.body.prev, back2.body.next]).toEqual([[tx7, tx6], null, tx6]);
    expect(idsOf(await list(alpha.key, `?limit=2&afterId=${back2.body.next}`))).toEqual([tx5, tx4]);
    const both = await list(alpha.key, `?afterId=${tx4}&before=${tx4}`);
    expect(both.status).toBe(400);
    expect(both.body.error.details[0]).toMatchObject({ path: 'querystring.before' });
    // A filtered page may be short, but following next still reaches every match.
    const firstDue = await list(alpha.key, '?status=paid&limit=2');
    expect(idsOf(firstDue)).toEqual([]); // TX-7 and TX-6 are due
    expect(firstDue.body.next).toBe(tx6);
    expect(idsOf(await list(alpha.key, `?status=paid&limit=2&afterId=${tx6}`))).toEqual([tx4]);

    // Pay one on the consumer's behalf: it turns up as paid by the operator.
    const due = all.body.notices.find((n: { declarationId: number }) => n.declarationId === tx5);
    const paid = await payAsOperator(alpha.key, tx5, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }, 'behalf-tx-5');
    expect(paid.status).toBe(201);
    const after5 = (await list(alpha.key, '?status=paid')).body.notices;
    expect(after5.map((n: { declarationId: number }) => n.declarationId)).toEqual([tx5, tx4, tx2, tx1]);
    expect(after5[0]).toMatchObject({ status: 'paid', payment: { payerKind: 'operator', method: 'card', receiptNo: paid.body.receipt.receiptNo, amountKrw: due.amountKrw } });
    expect(after5.find((n: { declarationId: number }) => n.declarationId === tx1).payment.payerKind).toBe('consumer');
    expect(idsOf(await list(alpha.key, '?status=due'))).toEqual([tx7, tx6]);

    // Only operators, and only valid queries.
    expect((await api(t.base, 'GET', '/api/v1/tax-notices')).status).toBe(401);
    expect((await api(t.base, 'GET', '/api/v1/tax-notices', { token: minji })).status).toBe(403);
    expect((await list(alpha.key, '?status=late')).status).toBe(400);
    expect((await list(alpha.key, '?limit=201')).status).toBe(400);
    expect((await list(alpha.key, '?limit=0')).status).toBe(400);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await api(t.base, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/consumer/tax-notices', '/api/v1/consumer/tax-notices/{declarationId}/payments', '/api/v1/declarations/{id}/tax-payments', '/api/v1/tax-notices', '/api/v1/tax-receipts/{receiptNo}', '/api/v1/tax-receipts/{receiptNo}/certificate.pdf']));
  });

  it('answers a charge of unknown outcome 502 (never declined), records it for reconciliation, and the same request again settles it to the one charge', async () => {
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: [general('TX-B2', '2026-11-08')] } });
    const id = submitted.body.results[0].declarationId as number;
    const amountKrw = submitted.body.results[0].assessment.taxes.totalKrw as number;
    const gw = t.platform.paymentEmulator!;
    const body = { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' };
    // The gateway charges but its answers never come back (held): every request times out, the look-up too.
    gw.faults.holdAnswers = true;
    let lost: Awaited<ReturnType<typeof payAsOperator>>;
    try {
      lost = await payAsOperator(beta.key, id, body, 'unknown-1');
    } finally {
      gw.faults.holdAnswers = false;
      gw.releaseHeld();
    }
    expect(lost.status).toBe(502);
    const refund = lost.body.error.details.refund;
    expect(lost.body.error).toMatchObject({ code: 'PAYMENT_OUTCOME_UNKNOWN', details: { sameRequestRetry: true, refund: { amountKrw } } });
    expect(lost.body.error.ko).toContain('결제되었을 수 있습니다');
    expect(lost.body.error.ko).toContain(`확인번호 ${refund.refundNo}`);
    expect(lost.body.error.en).toContain('without charging twice');
    expect(await rowsOf(id)).toBe(0);
    const charged = gw.payments().filter((p) => p.orderId === lost.body.error.details.orderRef);
    expect(charged.map((p) => p.status)).toEqual(['DONE']); // it did go through
    const record = async () =>
      (await t.db.pool.query(`SELECT provider, provider_tx, reason, resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows;
    expect(await record()).toEqual([{ provider: 'toss-emulator', provider_tx: `order:${lost.body.error.details.orderRef}`, reason: 'charge_outcome_unknown', resolved_by: null, resolution: null }]);

    // The same request again: the gateway answers the first charge; it is stored, and the record closed.
    const again = await payAsOperator(beta.key, id, body, 'unknown-1');
    expect(again.status).toBe(201);
    const stored = await t.db.pool.query('SELECT provider_tx FROM tax_payments WHERE declaration_id = $1', [id]);
    expect(stored.rows[0].provider_tx).toBe(charged[0]!.paymentKey);
    expect(gw.payments().filter((p) => p.orderId === lost.body.error.details.orderRef)).toHaveLength(1);
    expect(await record()).toEqual([expect.objectContaining({ resolved_by: 'system', resolution: `charged, recorded as payment ${again.body.receipt.receiptNo}` })]);
  });

  it("a consumer's payment sent again after the code was reissued is the same request: one charge at the gateway, then the same receipt", async () => {
    // The session that reissues follows the holder to the new code (5cc2cd8; the other sessions end since). Before, the gateway's key named the
    // session's code: a charge whose answer was lost, sent again after a reissue, was a new order at the
    // gateway (a second charge of the same notice), and a payment made, sent again, answered TAXES_ALREADY_PAID.
    const registry = t.platform.deps.identity!.deps.registry;
    const issued = await registry.issue({ name: '이도윤', phone: '01024681357', postcodes: ['06236'] }, { kind: 'system', id: null });
    if (!issued.ok) throw new Error('issue failed');
    const first = issued.value.pccc;
    const consignee = { name: '이도윤', pccc: first, phone: '010-2468-1357', postcode: '06236', address: '서울특별시 강남구 테헤란로 7' };
    const filed = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [{ ...general('TX-REISSUE', '2026-11-06'), consignee }] } });
    const id = filed.body.results[0].declarationId as number;
    const amountKrw = filed.body.results[0].assessment.taxes.totalKrw as number;
    const token = await consumerToken(t.base, first, '이도윤', '010-2468-1357', '06236');
    const gw = t.platform.paymentEmulator!;
    const body = { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' };
    const paymentNo = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token })).body.notices.find((n: { declarationId: number }) => n.declarationId === id).paymentNo as string;
    const chargesOfNotice = () => gw.payments().filter((p) => p.orderId.startsWith(`TG${paymentNo}-`) && p.status === 'DONE');
    gw.faults.holdAnswers = true;
    let lost: Awaited<ReturnType<typeof payAsConsumer>>;
    try {
      lost = await payAsConsumer(token, id, body, 'reissue-pay-1');
    } finally {
      gw.faults.holdAnswers = false;
      gw.releaseHeld();
    }
    expect(lost.status).toBe(502);
    expect(lost.body.error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
    expect(chargesOfNotice()).toHaveLength(1); // it went through

    // The holder's own reissue from this session (which moves to the new code; the holder's other sessions end).
    const keepSession = t.platform.deps.secrets.sha256(token);
    const second = await registry.reissue(first, { kind: 'consumer', id: issued.value.holderId }, { keepSession });
    if (!second.ok) throw new Error('reissue failed');
    expect((await api(t.base, 'GET', '/api/v1/me', { token })).body.pccc).toBe(second.value.current.pccc);
    // The same request again, from the session now on the new code: the gateway answers the first charge.
    const again = await payAsConsumer(token, id, body, 'reissue-pay-1');
    expect(again.status).toBe(201);
    expect(chargesOfNotice()).toHaveLength(1); // before: 2, the notice charged twice
    expect(chargesOfNotice()[0]!.paymentKey).toBe((await t.db.pool.query('SELECT provider_tx FROM tax_payments WHERE declaration_id = $1', [id])).rows[0].provider_tx);
    expect(await rowsOf(id)).toBe(1);

    // Reissued once more, the same request again is answered the same receipt (before: 409 TAXES_ALREADY_PAID).
    const third = await registry.reissue(second.value.current.pccc, { kind: 'consumer', id: issued.value.holderId }, { keepSession });
    expect(third.ok).toBe(true);
    const replay = await payAsConsumer(token, id, body, 'reissue-pay-1');
    expect(replay.status).toBe(201);
    expect(replay.body.receipt).toEqual(again.body.receipt);
    expect(chargesOfNotice()).toHaveLength(1);
    // Another request key is another payment: refused, the notice is paid.
    expect((await payAsConsumer(token, id, body, 'reissue-pay-2')).body.error.code).toBe('TAXES_ALREADY_PAID');
  });

  it("lists a consumer's older notice still due behind 201 newer exempt parcels (before, notices were looked for in the latest 200 parcels only)", async () => {
    const seojun = { name: '박서준', pccc: 'P999999999999', phone: '010-9999-8888', postcode: '04524', address: '서울특별시 중구 세종대로 110' };
    const taxed = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: [general('TX-OLD', '2026-11-01')].map((d) => ({ ...d, consignee: seojun })) } });
    const taxedId = taxed.body.results[0].declarationId as number;
    expect(taxed.body.results[0].assessment.taxes).toMatchObject({ collected: true });
    // 201 parcels of USD 40, each from its own seller (no combined taxation): all exempt, all newer.
    const exempt = Array.from({ length: 201 }, (_, i) => declaration(`TX-EXEMPT-${i}`, { consignee: seojun, parties: { seller: { name: `Exempt Seller ${i}` } } }));
    const sent = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: exempt } });
    expect(sent.body.results.filter((r: { assessment?: { deMinimis: { exempt: boolean } } }) => r.assessment?.deMinimis.exempt)).toHaveLength(201);
    const notices = await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: other });
    expect(notices.body.notices.map((n: { declarationId: number }) => n.declarationId)).toEqual([taxedId]);
  });

  it("says when a consumer has more taxed parcels than the 500 whose notices are listed (before: the rest left out unsaid)", async () => {
    const seojun = { name: '박서준', pccc: 'P999999999999', phone: '010-9999-8888', postcode: '04524', address: '서울특별시 중구 세종대로 110' };
    expect((await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: other })).body.truncated).toBe(false);
    const many = Array.from({ length: 500 }, (_, i) => ({ ...general(`TX-MANY-${i}`, '2026-11-01'), consignee: seojun }));
    const sent = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: many } });
    expect(sent.body.results.filter((r: { status: string }) => r.status === 'accepted')).toHaveLength(500);
    const notices = await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: other });
    expect(notices.status).toBe(200);
    expect(notices.body.truncated).toBe(true); // 501 taxed parcels: the oldest, TX-OLD, is not among the 500
    expect(notices.body.notices).toHaveLength(500);
  });

  it("gives each of the consumer's parcels its own notice, the next action saying paid on a date or due by a date, also a parcel older than the 500 notices listed (before: the public lookup's 'nothing to do if already paid')", async () => {
    const pages = async (token: string) => {
      const all: { cargoNo: string; nextAction: { ko: string; en: string }; taxNotice: { declarationId: number; status: string; dueDate: string; amountKrw: number; payment: { paidAt: string } | null } | null }[] = [];
      for (let after: number | null = null, first = true; first || after !== null; first = false) {
        const r = await api(t.base, 'GET', `/api/v1/consumer/declarations?limit=200${after ? `&after=${after}` : ''}`, { token });
        expect(r.status).toBe(200);
        all.push(...r.body.declarations);
        after = r.body.next;
      }
      return all;
    };
    const mine = await pages(minji);
    const byRef = (ref: string) => mine.find((d) => d.taxNotice?.declarationId === ids[ref]);
    const paid = byRef('TX-1')!; // paid by card above, today 2026-11-25 in Korea
    expect(paid.taxNotice).toMatchObject({ status: 'paid', dueDate: '2026-12-03' });
    expect(paid.nextAction.ko).toContain('2026-11-25에 관세 등 제세');
    expect(paid.nextAction.ko).toContain('납부했습니다');
    expect(paid.nextAction.en).toContain('were paid on 2026-11-25');
    expect(paid.nextAction.ko).not.toContain('이미 납부했다면');
    expect(mine.find((d) => d.cargoNo !== paid.cargoNo && d.taxNotice === null)).toBeDefined(); // TX-3, exempt: no notice
    // TX-OLD: 500 newer taxed parcels, so not among the notices the tax-notices list gives; its parcel still says by when.
    const listed = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: other })).body.notices.map((n: { cargoNo: string }) => n.cargoNo);
    const old = (await pages(other)).find((d) => d.taxNotice && !listed.includes(d.cargoNo))!;
    expect(old).toBeDefined();
    expect(old.taxNotice).toMatchObject({ status: 'due', payment: null, dueDate: '2026-12-03' }); // declared 2026-11-18 + 15, provisional
    const amount = old.taxNotice!.amountKrw.toLocaleString('en-US');
    expect(old.nextAction.ko).toContain(`관세 등 제세 ${amount}원을 2026-12-03까지 납부하세요`);
    expect(old.nextAction.en).toContain(`Taxes of KRW ${amount} are due by 2026-12-03`);
    expect(old.nextAction.ko).not.toContain('이미 납부했다면');
  });

  it('counts every open refund due beside the oldest listed (before: the list of 100 was all an administrator was told of)', async () => {
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: beta.key, body: { declarations: [general('TX-REFUNDS', '2026-11-01')] } });
    const declarationId = r.body.results[0].declarationId as number;
    for (let i = 0; i < 101; i++) {
      await t.platform.deps.taxPayments!.store.recordRefundDue({
        provider: 'local-emulator', providerTx: `tx-many-refunds-${i}`, declarationId, paymentNo: '9260000000000000017', amountKrw: 45_000, payerKind: 'consumer',
        reason: 'duplicate_charge_not_voided', refundBy: '2026-11-25', createdAt: new Date(Date.UTC(2026, 10, 20, 1, 0, i)),
      });
    }
    const admin = await t.officer('refunds-many-admin', 'admin');
    const list = await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due', { token: admin.token });
    expect(list.status).toBe(200);
    expect(list.body.refunds).toHaveLength(100); // the oldest 100, as before
    expect(list.body.total).toBeGreaterThanOrEqual(101);
    expect(list.body.total).toBe((await t.db.pool.query('SELECT count(*)::int AS n FROM tax_refunds_due WHERE resolved_at IS NULL')).rows[0].n);
  });

  it('keeps the receipt and certificate to the taxes paid when the declaration is corrected after payment, and the notice says the difference, recorded for a refund (before: 136,530원 paid beside a breakdown totalling 86,580원)', async () => {
    const jacket = (price: number) =>
      declaration('TX-RD', {
        order: { orderNo: 'O-TX-RD', purchasedAt: '2026-11-14', currency: 'USD' },
        items: [{ description: '자켓', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [jacket(400)] } });
    const id = r.body.results[0].declarationId as number;
    const due = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const paid = await payAsConsumer(minji, id, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' });
    expect(paid.status).toBe(201);
    const receiptNo = paid.body.receipt.receiptNo as string;
    // Corrected before the import declaration is filed (allowed): USD 400 → 250, lower taxes.
    const amended = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: jacket(250), reason: '가격 정정' } });
    expect(amended.status).toBe(200);
    const now = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const owed = now.taxes.totalKrw as number;
    expect(owed).toBeLessThan(due.amountKrw);

    // The receipt: the taxes the payment paid, their total the amount paid.
    const receipt = (await api(t.base, 'GET', `/api/v1/tax-receipts/${receiptNo}`)).body;
    expect(receipt.amountKrw).toBe(due.amountKrw);
    expect(receipt.taxes).toEqual(due.taxes);
    expect(receipt.taxes.dutyKrw + receipt.taxes.vatKrw).toBe(receipt.amountKrw);
    const pdf = Buffer.from(await (await fetch(`${t.base}/api/v1/tax-receipts/${receiptNo}/certificate.pdf`)).arrayBuffer());
    const won = (n: number) => `${n.toLocaleString('en-US')}원 (KRW ${n.toLocaleString('en-US')})`;
    const text = textOf(pdf);
    expect(text).toContain(`합계\nTotal\n${won(due.amountKrw)}`);
    expect(text).toContain(`관세\nCustoms duty\n${won(due.taxes.dutyKrw)}`);
    expect(text).not.toContain(won(owed));

    // The notice: paid, and the overpayment (paid − owed) is refundable, with whom to ask.
    const over = (due.amountKrw - owed).toLocaleString('en-US');
    expect(now.status).toBe('paid');
    expect(now.reason.ko).toContain(`납부 후 세액이 ${owed.toLocaleString('en-US')}원으로 다시 산정되어 ${over}원이 더 납부되었습니다.`);
    // Recorded for a refund with the new version (the test below follows it through more assessments).
    expect(now.refund.amountKrw).toBe(due.amountKrw - owed);
    expect(now.reason.ko).toContain(`더 납부된 ${over}원은 환급 대상으로 등록되었습니다(환불번호 ${now.refund.refundNo}, 관세법 제46조 과오납금의 환급)`);
    expect(now.reason.ko).toContain('환불번호를 적어 통관 포털의 상담(민원상담)으로 문의하세요.');
    expect(now.reason.en).toContain(`KRW ${over} was paid too much. It is recorded for a refund (refund ${now.refund.refundNo}`);
  });

  it('records the overpayment as a refund due with the new assessment, one open at a time through assessments up and down (before: nothing was recorded, the payer had to ask)', async () => {
    const coat = (price: number) =>
      declaration('TX-RF', {
        order: { orderNo: 'O-TX-RF', purchasedAt: '2026-11-15', currency: 'USD' },
        items: [{ description: '코트', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [coat(400)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const amend = async (price: number, reason: string) => expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: coat(price), reason } })).status).toBe(200);
    const refunds = async () =>
      (await t.db.pool.query(`SELECT id, provider_tx, amount_krw::int AS amount, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
    const due = await noticeNow();
    const paid = await payAsConsumer(minji, id, { method: 'card', amountKrw: due.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' });
    expect(paid.status).toBe(201);
    const paidKrw = due.amountKrw as number;
    expect(await refunds()).toEqual([]); // paid what is owed: nothing to refund

    // 1. Corrected to USD 250: owed less; refund due = paid − owed, recorded with the version.
    await amend(250, '가격 정정');
    const lower = await noticeNow();
    const owed1 = lower.taxes.totalKrw as number;
    expect(owed1).toBeGreaterThan(0);
    expect(owed1).toBeLessThan(paidKrw);
    let rows = await refunds();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: paidKrw - owed1, reason: 'reassessed_lower', resolved_by: null });
    expect(rows[0].provider_tx).toMatch(/^reassessed:v2\.1:/);
    // The day: the 3rd working day after today (the test clock: Wed 2026-11-25 → Thu 26, Fri 27, Mon 30).
    expect(rows[0].refund_by).toBe('2026-11-30');
    const refundNo = `RF-${String(rows[0].id).padStart(8, '0')}`;
    // The notice shows it with its number, in Korean and English.
    expect(lower.refund).toEqual({ refundNo, amountKrw: paidKrw - owed1, refundBy: '2026-11-30', receiptNo: paid.body.receipt.receiptNo });
    expect(lower.refunds).toEqual([lower.refund]); // one charge: one record
    expect(lower.reason.ko).toContain(`${(paidKrw - owed1).toLocaleString('en-US')}원은 환급 대상으로 등록되었습니다(환불번호 ${refundNo}, 관세법 제46조 과오납금의 환급)`);
    expect(lower.reason.en).toContain(`It is recorded for a refund (refund ${refundNo}; Customs Act art. 46`);
    // The administrators' list has it.
    const admin = await t.officer('refunds-reassessed-admin', 'admin');
    const listed = (await api(t.base, 'GET', '/api/v1/officer/tax-refunds-due?limit=500', { token: admin.token })).body.refunds.filter((x: { declarationId: number }) => x.declarationId === id);
    expect(listed).toMatchObject([{ refundNo, amountKrw: paidKrw - owed1, reason: 'reassessed_lower', payerKind: 'consumer', paymentNo: due.paymentNo }]);

    // 2. Corrected to USD 100 (lower still; combined with the consignee's other parcels it is still
    //    taxed): the open record is superseded, one open for paid − owed now.
    await amend(100, '가격 재정정');
    const owed2 = (await noticeNow()).taxes.totalKrw as number;
    expect(owed2).toBeLessThan(owed1);
    rows = await refunds();
    expect(rows.filter((x) => x.resolved_by === null)).toMatchObject([{ amount: paidKrw - owed2 }]);
    expect(rows[0]).toMatchObject({ resolved_by: 'system' });
    expect(rows[0].resolution).toBe(
      `superseded: assessed again: 가격 재정정 (version 3), taxes KRW ${owed2.toLocaleString('en-US')}; the overpayment is now KRW ${(paidKrw - owed2).toLocaleString('en-US')} (KRW ${paidKrw.toLocaleString('en-US')} paid), recorded anew`,
    );
    expect((await noticeNow()).refund.amountKrw).toBe(paidKrw - owed2);

    // 3. Corrected back to USD 400: owes what was paid; nothing is due any more.
    await amend(400, '원래 가격');
    rows = await refunds();
    expect(rows.filter((x) => x.resolved_by === null)).toEqual([]);
    expect(rows.at(-1).resolution).toMatch(/^no longer due: assessed again: 원래 가격 \(version 4\), taxes KRW [\d,]+, not less than the KRW [\d,]+ paid$/);
    const back = await noticeNow();
    expect(back.refund).toBeNull();
    expect(back.reason.ko).not.toContain('다시 산정');

    // 4. Down again to USD 250: a new record (version 5), never two open.
    await amend(250, '가격 정정');
    rows = await refunds();
    expect(rows.filter((x) => x.resolved_by === null)).toMatchObject([{ amount: paidKrw - owed1 }]);
    expect(rows.filter((x) => x.resolved_by === null)[0].provider_tx).toMatch(/^reassessed:v5\.1:/);
    // The database holds the invariant: a second open one for the declaration and the same charge is refused
    // (migrations/104: one open per charge, a refund split over several charges has one record on each).
    const openRow = (await t.db.pool.query(`SELECT provider, provider_tx FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows[0];
    await expect(
      t.db.pool.query(
        `INSERT INTO tax_refunds_due (provider, provider_tx, declaration_id, payment_no, amount_krw, payer_kind, reason, refund_by, created_at) VALUES ($3, $4, $1, $2, 1, 'consumer', 'reassessed_lower', '2026-11-30', now())`,
        [id, due.paymentNo, openRow.provider, openRow.provider_tx.replace(/^reassessed:v5\.1:/, 'reassessed:v9.9:')],
      ),
    ).rejects.toThrow(/tax_refunds_due_one_open_reassessed_per_charge/);
  });

  it('takes the shortfall of a paid notice assessed again higher on the same notice, by card then by transfer, each with its receipt, until paid in full (before: "this portal cannot take a further payment")', async () => {
    const bag = (price: number) =>
      declaration('TX-SF', {
        order: { orderNo: 'O-TX-SF', purchasedAt: '2026-11-16', currency: 'USD' },
        items: [{ description: '가방', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bag(250)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const amend = async (price: number) => expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: bag(price), reason: '가격 정정' } })).status).toBe(200);
    const card = { method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' };
    const first = await noticeNow();
    const paidA = first.amountKrw as number; // X
    const p0 = await payAsConsumer(minji, id, { ...card, amountKrw: paidA });
    expect(p0.status).toBe(201);
    expect(p0.body.receipt.part).toBe(0);

    // Corrected upwards (USD 250 → 400): owed Y > X; the shortfall Y − X is due on the same notice.
    await amend(400);
    const short = await noticeNow();
    const owedB = short.amountKrw as number; // Y
    expect(owedB).toBeGreaterThan(paidA);
    expect(short).toMatchObject({ status: 'due', shortfallKrw: owedB - paidA, shortfallPayments: [], refund: null, virtualAccount: null });
    expect(short.payment.receiptNo).toBe(p0.body.receipt.receiptNo);
    expect(short.reason.ko).toContain(`부족한 ${(owedB - paidA).toLocaleString('en-US')}원을 같은 전자납부번호로 추가 납부하세요`);
    // The amount is the shortfall, not the taxes' total.
    const wrong = await payAsConsumer(minji, id, { ...card, amountKrw: owedB });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.amountDueKrw).toBe(owedB - paidA);

    // Paid by card: Y − X, its own receipt (part 1) breaking down what the new assessment added.
    const p1 = await payAsConsumer(minji, id, { ...card, amountKrw: owedB - paidA }, 'shortfall-1');
    expect(p1.status).toBe(201);
    expect(p1.body.receipt).toMatchObject({ part: 1, amountKrw: owedB - paidA, paymentNo: first.paymentNo, method: 'card' });
    const t1 = p1.body.receipt.taxes;
    expect(t1.totalKrw).toBe(owedB - paidA);
    expect(t1.dutyKrw + t1.exciseKrw + t1.educationKrw + t1.liquorKrw + t1.vatKrw).toBe(owedB - paidA); // adds up to what it paid
    expect(t1.dutyKrw).toBe(short.taxes.dutyKrw - first.taxes.dutyKrw);
    expect(p1.body.notice).toMatchObject({ status: 'paid', shortfallKrw: 0 });
    // The same request again: the same receipt; another payment now: already paid.
    expect((await payAsConsumer(minji, id, { ...card, amountKrw: owedB - paidA }, 'shortfall-1')).body.receipt.receiptNo).toBe(p1.body.receipt.receiptNo);
    expect((await payAsConsumer(minji, id, { ...card, amountKrw: owedB - paidA })).body.error.code).toBe('TAXES_ALREADY_PAID');
    // The first receipt still breaks down the first payment; the public receipt of the shortfall is part 1.
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${p0.body.receipt.receiptNo}`)).body.taxes).toEqual(first.taxes);
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${p1.body.receipt.receiptNo}`)).body).toMatchObject({ part: 1, amountKrw: owedB - paidA });
    // Its certificate says it is a shortfall payment, and its total is what it paid.
    const pdf = textOf(Buffer.from(await (await fetch(`${t.base}/api/v1/tax-receipts/${p1.body.receipt.receiptNo}/certificate.pdf`)).arrayBuffer()));
    expect(pdf).toContain('부족세액 추가 납부 1차 / Shortfall payment no. 1 (관세법 제38조의2)');
    expect(pdf).toContain(`합계\nTotal\n${(owedB - paidA).toLocaleString('en-US')}원`);
    const paidFull = await noticeNow();
    expect(paidFull).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null });
    expect(paidFull.shortfallPayments).toMatchObject([{ receiptNo: p1.body.receipt.receiptNo, amountKrw: owedB - paidA }]);
    expect(paidFull.reason.ko).toContain(`다시 산정된 세액 ${owedB.toLocaleString('en-US')}원을 모두 납부했습니다.`);
    const rows = (await t.db.pool.query(`SELECT part, amount_krw::int AS amount FROM tax_payments WHERE declaration_id = $1 ORDER BY part`, [id])).rows;
    expect(rows).toEqual([{ part: 0, amount: paidA }, { part: 1, amount: owedB - paidA }]);

    // Up again (USD 400 → 600): owed Z; the shortfall Z − Y by transfer, the account of the shortfall.
    await amend(600);
    const owedC = (await noticeNow()).amountKrw as number; // Z
    expect(owedC).toBeGreaterThan(owedB);
    const va = await payAsConsumer(minji, id, { method: 'transfer', amountKrw: owedC - owedB });
    expect(va.status).toBe(202);
    expect(va.body.virtualAccount.amountKrw).toBe(owedC - owedB);
    expect((await noticeNow()).virtualAccount.accountNumber).toBe(va.body.virtualAccount.accountNumber); // the notice shows where to transfer
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
    expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    const afterDeposit = await noticeNow();
    expect(afterDeposit).toMatchObject({ status: 'paid', shortfallKrw: 0, virtualAccount: null });
    expect(afterDeposit.shortfallPayments.map((p: { method: string; amountKrw: number }) => [p.method, p.amountKrw])).toEqual([['card', owedB - paidA], ['transfer', owedC - owedB]]);
    const p2 = (await t.db.pool.query(`SELECT part, receipt_no FROM tax_payments WHERE declaration_id = $1 AND part = 2`, [id])).rows[0];
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${p2.receipt_no}`)).body.taxes.totalKrw).toBe(owedC - owedB);

    // Down again to USD 250: everything paid (X + (Y − X) + (Z − Y) = Z) less X is overpaid: Z − X, refunded from
    // the shortfalls that paid it, the latest first, one record each (a charge is never refunded more than it was):
    // Z − X = (Z − Y) from the transfer + (Y − X) from the card of part 1; the notice's payment X stays whole.
    await amend(250);
    const open = (await t.db.pool.query(`SELECT amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL ORDER BY id`, [id])).rows;
    expect(open).toEqual([{ amount: owedC - owedB }, { amount: owedB - paidA }]);
    const split = await noticeNow();
    expect(split.refunds.map((r: { amountKrw: number; receiptNo: string }) => [r.amountKrw, r.receiptNo])).toEqual([
      [owedC - owedB, p2.receipt_no],
      [owedB - paidA, p1.body.receipt.receiptNo],
    ]);
    expect(split.refunds.reduce((sum: number, r: { amountKrw: number }) => sum + r.amountKrw, 0)).toBe(owedC - paidA);
  });

  it("counts a shortfall payment that still stands when the bank reverses the notice's first payment: owed the taxes less it, not the whole again (before: the whole was asked, and paying it recorded the shortfall for a refund)", async () => {
    const bag = (price: number) =>
      declaration('TX-RS', {
        order: { orderNo: 'O-TX-RS', purchasedAt: '2026-11-07', currency: 'USD' },
        items: [{ description: '가방', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bag(250)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const won = (n: number) => n.toLocaleString('en-US');
    // Paid X by transfer (the only payment a bank can reverse: 입금 오류/취소).
    const first = await noticeNow();
    const paidA = first.amountKrw as number; // X = 86,580
    expect(paidA).toBe(86_580);
    expect((await payAsConsumer(minji, id, { method: 'transfer', amountKrw: paidA })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
    expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    const p0 = (await noticeNow()).payment.receiptNo as string;
    // Corrected upwards (USD 250 → 400): owed Y = 136,530; the shortfall Y − X = 136,530 − 86,580 = 49,950 paid by card (part 1).
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: bag(400), reason: '가격 정정' } })).status).toBe(200);
    const owed = (await noticeNow()).amountKrw as number; // Y
    expect(owed).toBe(136_530);
    const p1 = await payAsConsumer(minji, id, { method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', amountKrw: owed - paidA });
    expect(p1.status).toBe(201);
    expect(p1.body.receipt).toMatchObject({ part: 1, amountKrw: 49_950 });
    const shortfallTaxes = p1.body.receipt.taxes;

    // The bank reverses the first deposit (86,580): standing is the shortfall alone, 49,950; owed 136,530 − 49,950 = 86,580, not 136,530.
    expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    const n = await noticeNow();
    expect(n).toMatchObject({ status: 'due', amountKrw: 136_530, payment: null, shortfallKrw: 86_580, refund: null });
    expect(n.shortfallPayments).toMatchObject([{ receiptNo: p1.body.receipt.receiptNo, amountKrw: 49_950 }]);
    expect(n.reason.ko).toContain(`처음 납부한 세액의 납부가 취소되었습니다. 관세 등 제세 ${won(136_530)}원 중 부족세액으로 추가 납부한 ${won(49_950)}원(영수번호 ${p1.body.receipt.receiptNo})은 납부된 그대로이니, 나머지 ${won(86_580)}원을`);
    expect(n.reason.en).toContain(`The notice's first payment was undone. Of the taxes of KRW ${won(136_530)}, the shortfall of KRW ${won(49_950)} paid since (receipt no. ${p1.body.receipt.receiptNo}) stands; pay the remaining KRW ${won(86_580)} by`);
    // The account the bank reopened (as at Toss) waits for the 86,580 again, and the notice shows it.
    expect(n.virtualAccount).toMatchObject({ amountKrw: 86_580, status: 'waiting' });
    // The whole 136,530 is refused; the amount due is 86,580.
    const whole = await payAsConsumer(minji, id, { method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', amountKrw: 136_530 });
    expect(whole.status).toBe(422);
    expect(whole.body.error.details.amountDueKrw).toBe(86_580);
    // The receipts: the first is void (ko/en), no certificate; the shortfall's keeps what it paid (its breakdown unchanged).
    const r0 = await api(t.base, 'GET', `/api/v1/tax-receipts/${p0}`);
    expect(r0.body.voided.ko).toContain('은행의 입금 취소(입금 오류)로 취소되었습니다. 세금은 납부되지 않았습니다.');
    expect(r0.body.voided.en).toContain('when the bank reversed the deposit. The taxes are not paid.');
    expect((await fetch(`${t.base}/api/v1/tax-receipts/${p0}/certificate.pdf`)).status).toBe(410);
    const r1 = await api(t.base, 'GET', `/api/v1/tax-receipts/${p1.body.receipt.receiptNo}`);
    expect(r1.body).toMatchObject({ part: 1, amountKrw: 49_950, voided: null, taxes: shortfallTaxes });
    expect(shortfallTaxes.totalKrw).toBe(49_950);
    expect(shortfallTaxes.dutyKrw).toBeGreaterThan(0);

    // Paid again: 86,580 by card, the notice's payment anew (part 0, the next turn); 86,580 + 49,950 = 136,530: paid in full, nothing overpaid.
    const again = await payAsConsumer(minji, id, { method: 'card', cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30', amountKrw: 86_580 });
    expect(again.status).toBe(201);
    expect(again.body.receipt).toMatchObject({ part: 0, amountKrw: 86_580 });
    expect(again.body.receipt.taxes).toEqual(first.taxes); // what the 86,580 pays: the taxes less the shortfall's, as first assessed
    const paid = await noticeNow();
    expect(paid).toMatchObject({ status: 'paid', shortfallKrw: 0, refund: null, virtualAccount: null });
    expect(paid.payment).toMatchObject({ receiptNo: again.body.receipt.receiptNo, amountKrw: 86_580 });
    expect(paid.reason.ko).toContain(`다시 산정된 세액 ${won(136_530)}원을 모두 납부했습니다.`);
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(0);
    const rows = (await t.db.pool.query(`SELECT p.part, p.turn, p.amount_krw::int AS amount, r.id IS NOT NULL AS reversed FROM tax_payments p LEFT JOIN tax_payment_reversals r ON r.payment_id = p.id WHERE p.declaration_id = $1 ORDER BY p.id`, [id])).rows;
    expect(rows).toEqual([
      { part: 0, turn: 0, amount: 86_580, reversed: true },
      { part: 1, turn: 0, amount: 49_950, reversed: false },
      { part: 0, turn: 1, amount: 86_580, reversed: false },
    ]);
    // The shortfall's receipt still breaks down its 49,950.
    expect((await api(t.base, 'GET', `/api/v1/tax-receipts/${p1.body.receipt.receiptNo}`)).body.taxes).toEqual(shortfallTaxes);
  });

  it('resolves the refund due of an overpayment as no longer due when the bank reverses the deposit that paid it', async () => {
    const shoes = (price: number) =>
      declaration('TX-RV', {
        order: { orderNo: 'O-TX-RV', purchasedAt: '2026-11-17', currency: 'USD' },
        items: [{ description: '신발', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [shoes(400)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const due = await noticeNow();
    expect((await payAsConsumer(minji, id, { method: 'transfer', amountKrw: due.amountKrw })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
    expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    // Corrected to USD 250: paid X, owed Y < X; X − Y recorded.
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: shoes(250), reason: '가격 정정' } })).status).toBe(200);
    const owed = (await noticeNow()).amountKrw as number;
    const open = async () => (await t.db.pool.query(`SELECT amount_krw::int AS amount FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [id])).rows;
    expect(await open()).toEqual([{ amount: due.amountKrw - owed }]);
    // The bank reverses the deposit: nothing stands paid, so nothing was overpaid; the notice is due again for Y.
    expect(await t.platform.paymentEmulator!.reverseDeposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    expect(await open()).toEqual([]);
    const resolved = (await t.db.pool.query(`SELECT resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows;
    expect(resolved).toHaveLength(1);
    expect(resolved[0].resolved_by).toBe('system');
    expect(resolved[0].resolution).toMatch(/^no longer due: payment \d+ reversed \(version 2\); no payment stands \(reversed\), nothing was overpaid$/);
    expect(await noticeNow()).toMatchObject({ status: 'due', amountKrw: owed, payment: null, refund: null });
  });

  it('records the overpayment when a deposit for the taxes before a correction lowered them arrives after it', async () => {
    const hat = (price: number) =>
      declaration('TX-LATE', {
        order: { orderNo: 'O-TX-LATE', purchasedAt: '2026-11-18', currency: 'USD' },
        items: [{ description: '모자', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [hat(400)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const due = await noticeNow();
    expect((await payAsConsumer(minji, id, { method: 'transfer', amountKrw: due.amountKrw })).status).toBe(202);
    const orderId = (await t.db.pool.query(`SELECT order_id FROM tax_virtual_accounts WHERE declaration_id = $1 AND status = 'waiting'`, [id])).rows[0].order_id as string;
    // Corrected to USD 250 before the deposit (no refund yet: nothing paid); then X, the old amount, arrives.
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: hat(250), reason: '가격 정정' } })).status).toBe(200);
    const owed = (await noticeNow()).amountKrw as number;
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(0);
    expect(await t.platform.paymentEmulator!.deposit(orderId)).toMatchObject({ ok: true, callbackStatus: 200 });
    // Paid X, owed Y: X − Y recorded with the payment.
    const n = await noticeNow();
    expect(n).toMatchObject({ status: 'paid', refund: { amountKrw: due.amountKrw - owed } });
    expect(n.payment.amountKrw).toBe(due.amountKrw);
  });

  it('records the whole payment as a refund due when a paid declaration is withdrawn, once, and the notice says why with its refund number (before: nothing was recorded, the notice said "assessed again at 0원")', async () => {
    const bag = (price: number) =>
      declaration('TX-WD', {
        order: { orderNo: 'O-TX-WD', purchasedAt: '2026-11-05', currency: 'USD' },
        items: [{ description: '가방', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [bag(400)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const refunds = async () =>
      (await t.db.pool.query(`SELECT id, provider_tx, amount_krw::int AS amount, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by, resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
    const withdraw = (reason: string) => api(t.base, 'POST', `/api/v1/declarations/${id}/withdraw`, { token: alpha.key, body: { reason } });
    const due = await noticeNow();
    const paidKrw = due.amountKrw as number;
    expect(paidKrw).toBeGreaterThan(0);
    expect((await payAsConsumer(minji, id, { method: 'card', amountKrw: paidKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' })).status).toBe(201);
    expect(await refunds()).toEqual([]);

    // Withdrawn (신고취하, still before 수리): it owes nothing, so all that was paid is refunded (paid X − owed 0 = X).
    expect((await withdraw('판매자 주문 취소')).status).toBe(200);
    let rows = await refunds();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: paidKrw, reason: 'reassessed_lower', resolved_by: null, refund_by: '2026-11-30' });
    // No new version: the record names the withdrawal (not the assessment of version 1).
    expect(rows[0].provider_tx).toMatch(/^reassessed:v1\.1\.withdrawn:/);
    const refundNo = `RF-${String(rows[0].id).padStart(8, '0')}`;
    const n = await noticeNow();
    expect(n).toMatchObject({ status: 'paid', refund: { refundNo, amountKrw: paidKrw, refundBy: '2026-11-30' }, shortfallKrw: 0 });
    const amount = paidKrw.toLocaleString('en-US');
    expect(n.reason.ko).toContain(`신고가 취하되어 납부하신 ${amount}원 전액이 환급 대상으로 등록되었습니다(환불번호 ${refundNo}, 관세법 제250조 신고의 취하, 제46조 과오납금의 환급)`);
    expect(n.reason.en).toContain(`The declaration was withdrawn, so the KRW ${amount} paid is recorded for a refund in full (refund ${refundNo}; Customs Act art. 250`);
    expect(n.reason.ko).not.toContain('다시 산정');

    // Withdrawn again: the same reason is a retry (200, replayed), another is refused (409); neither records anything.
    const again = await withdraw('판매자 주문 취소');
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await withdraw('다른 사유')).status).toBe(409);
    rows = await refunds();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: Number(refundNo.slice(3)), amount: paidKrw, resolved_by: null });
  });

  it('supersedes the overpayment of a correction with the whole payment when the paid declaration is then refused by an officer', async () => {
    const lamp = (price: number) =>
      declaration('TX-RJ', {
        order: { orderNo: 'O-TX-RJ', purchasedAt: '2026-11-06', currency: 'USD' },
        items: [{ description: '조명', category: 'clothing', quantity: 1, price, originCountry: 'VN' }],
      });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [lamp(400)] } });
    const id = r.body.results[0].declarationId as number;
    const noticeNow = async () => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const refunds = async () =>
      (await t.db.pool.query(`SELECT id, provider_tx, amount_krw::int AS amount, resolved_by, resolution FROM tax_refunds_due WHERE declaration_id = $1 ORDER BY id`, [id])).rows;
    const due = await noticeNow();
    const paidKrw = due.amountKrw as number;
    expect((await payAsConsumer(minji, id, { method: 'card', amountKrw: paidKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' })).status).toBe(201);
    // Corrected to USD 250: paid X, owed Y; X − Y recorded with version 2.
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: lamp(250), reason: '가격 정정' } })).status).toBe(200);
    const owed = (await noticeNow()).taxes.totalKrw as number;
    expect((await refunds()).map((x) => x.amount)).toEqual([paidKrw - owed]);
    // Refused (통관불허) at version 2: owes 0, so X − 0 = X replaces X − Y (one open), under a transaction id of its own.
    const officer = await t.officer('refund-refused-officer', 'officer');
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/reject`, { token: officer.token, body: { reason: '수입 금지 물품' } })).status).toBe(200);
    const rows = await refunds();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ resolved_by: 'system', provider_tx: expect.stringMatching(/^reassessed:v2\.1:/) });
    expect(rows[0].resolution).toBe(
      `superseded: clearance refused after payment: nothing is owed (version 2), taxes KRW 0; the overpayment is now KRW ${paidKrw.toLocaleString('en-US')} (KRW ${paidKrw.toLocaleString('en-US')} paid), recorded anew`,
    );
    expect(rows[1]).toMatchObject({ amount: paidKrw, resolved_by: null, provider_tx: expect.stringMatching(/^reassessed:v2\.1\.rejected:/) });
    const n = await noticeNow();
    expect(n.refund).toMatchObject({ refundNo: `RF-${String(rows[1].id).padStart(8, '0')}`, amountKrw: paidKrw });
    expect(n.reason.ko).toContain(`통관이 불허되어 납부하신 ${paidKrw.toLocaleString('en-US')}원 전액이 환급 대상으로 등록되었습니다`);
    expect(n.reason.en).toContain('Clearance was refused, so the KRW');
  });

  it('closes the account still waiting for a transfer in the transaction of the withdrawal, the refusal, or an assessment leaving nothing to pay, with its reason; a deposit that slips in before the bank closes it is recorded for a refund (before: the account stayed open)', async () => {
    const item = (ref: string, purchasedAt: string, price: number) =>
      declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt, currency: 'USD' }, items: [{ description: '외투', category: 'clothing', quantity: 1, price, originCountry: 'VN' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item('TX-VW', '2026-11-08', 400), item('TX-VR', '2026-11-09', 400), item('TX-VN', '2026-11-04', 400)] } });
    const [wd, rj, no] = r.body.results.map((x: { declarationId: number }) => x.declarationId) as number[];
    const noticeNow = async (id: number) => (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    const account = async (id: number) =>
      (await t.db.pool.query(`SELECT a.order_id, a.status, c.reason, c.status AS closure FROM tax_virtual_accounts a LEFT JOIN tax_account_closures c ON c.account_id = a.id WHERE a.declaration_id = $1`, [id])).rows;
    const emulator = t.platform.paymentEmulator!;
    const amounts: Record<number, number> = {};
    for (const id of [wd!, rj!, no!]) {
      amounts[id] = (await noticeNow(id)).amountKrw;
      expect((await payAsConsumer(minji, id, { method: 'transfer', amountKrw: amounts[id] })).status).toBe(202);
      expect((await account(id))[0]).toMatchObject({ status: 'waiting', reason: null });
    }

    // Withdrawn (신고취하): the account is closed with it, its close at Toss queued; the worker's pass closes it there and the bank refuses a transfer.
    expect((await api(t.base, 'POST', `/api/v1/declarations/${wd}/withdraw`, { token: alpha.key, body: { reason: '주문 취소' } })).status).toBe(200);
    expect(await account(wd!)).toEqual([{ order_id: expect.any(String), status: 'canceled', reason: 'declaration_withdrawn', closure: 'pending' }]);
    expect(await noticeNow(wd!)).toBeUndefined(); // nothing owed, nothing paid: no notice
    await t.platform.accountClosures.drain();
    const [closedW] = await account(wd!);
    expect(closedW.closure).toBe('closed');
    expect(await emulator.deposit(closedW.order_id)).toEqual({ ok: false, code: 'NOT_WAITING_FOR_DEPOSIT' });
    expect(await rowsOf(wd!)).toBe(0);
    // The administrators' list of closes explains the reason (ko/en) once one is given up; the text is there for it.

    // Refused (통관불허), and Toss refuses the cancel for a while: the consumer transfers before it is closed there.
    emulator.faults.refuseCancels = true;
    try {
      const officer = await t.officer('va-refusal-officer', 'officer');
      expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${rj}/reject`, { token: officer.token, body: { reason: '수입 금지 물품' } })).status).toBe(200);
      expect((await account(rj!))[0]).toMatchObject({ status: 'canceled', reason: 'declaration_rejected', closure: 'pending' });
      await t.platform.accountClosures.drain();
      const [open] = await account(rj!);
      expect(open.closure).toBe('pending'); // refused: tried again later
      // The bank takes the transfer (Toss still waits): recorded as paid and, nothing being owed, all of it (X − 0 = X) for a refund.
      expect(await emulator.deposit(open.order_id)).toEqual({ ok: true, callbackStatus: 200 });
    } finally {
      emulator.faults.refuseCancels = false;
    }
    const refunds = (await t.db.pool.query(`SELECT id, amount_krw::int AS amount, reason, provider_tx FROM tax_refunds_due WHERE declaration_id = $1 AND resolved_at IS NULL`, [rj])).rows;
    expect(refunds).toEqual([{ id: expect.any(Number), amount: amounts[rj!], reason: 'reassessed_lower', provider_tx: expect.stringMatching(/^reassessed:v1\.1\.rejected:/) }]);
    const refundNo = `RF-${String(refunds[0].id).padStart(8, '0')}`;
    expect((await account(rj!))[0].status).toBe('deposited');
    const n = await noticeNow(rj!);
    expect(n).toMatchObject({ status: 'paid', refund: { refundNo, amountKrw: amounts[rj!] } });
    expect(n.reason.ko).toContain('통관이 불허되어 납부하신');
    // The payer is told it is a refund, not that the taxes are paid (ko/en, 관세법 제46조): queued with the payment (migrations/108).
    await t.platform.consumerRefundAlerts.drain();
    const sms = (await api(t.base, 'GET', '/api/v1/demo/notifications?recipient=01012345678')).body.notifications.map((x: { body: string }) => x.body) as string[];
    const told = sms.filter((b) => b.includes(refundNo));
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`통관이 불허되어 이 계좌는 닫혔지만, 입금하신 ${amounts[rj!]!.toLocaleString('en-US')}원은 받았으므로 환급 대상으로 등록했습니다(환불번호 ${refundNo}, 관세법 제46조 과오납금의 환급)`);
    expect(told[0]).toContain('clearance was refused, so this account was closed; your deposit of KRW');

    // Corrected so that nothing is collected (USD 400 → 20: the whole tax under KRW 10,000, 관세법 제40조): closed as nothing owed.
    expect((await api(t.base, 'PATCH', `/api/v1/declarations/${no}`, { token: alpha.key, body: { declaration: item('TX-VN', '2026-11-04', 20), reason: '가격 정정' } })).status).toBe(200);
    expect((await account(no!))[0]).toMatchObject({ status: 'canceled', reason: 'nothing_owed', closure: 'pending' });
    await t.platform.accountClosures.drain();
    expect((await account(no!))[0].closure).toBe('closed');
  });

  it('closes the account still waiting for a transfer when a correction puts the parcel on the engine\'s hold: nothing is payable until the hold is resolved (관세법 제9조), reason held_not_payable (before: the account stayed open for a deposit)', async () => {
    const item = (ref: string, description: string) =>
      declaration(ref, { order: { orderNo: `O-${ref}`, purchasedAt: '2026-11-10', currency: 'USD' }, items: [{ description, category: 'clothing', quantity: 1, price: 300, originCountry: 'US' }] });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [item('TX-VH', '영양제 Charlotte 멀티비타민')] } });
    const id = r.body.results[0].declarationId as number;
    const account = async () =>
      (await t.db.pool.query(`SELECT a.status, c.reason, c.status AS closure FROM tax_virtual_accounts a LEFT JOIN tax_account_closures c ON c.account_id = a.id WHERE a.declaration_id = $1`, [id])).rows;
    const notice = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: minji })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    expect(notice).toMatchObject({ payable: true });
    expect((await payAsConsumer(minji, id, { method: 'transfer', amountKrw: notice.amountKrw })).status).toBe(202);
    expect((await account())[0]).toMatchObject({ status: 'waiting', reason: null });
    // Corrected: the oil is CBD (cannabis, prohibited): the engine holds it.
    const fixed = await api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: alpha.key, body: { declaration: item('TX-VH', '영양제 Charlotte CBD 오일'), reason: '품명 정정' } });
    expect(fixed.status).toBe(200);
    expect(fixed.body.assessment.route).toBe('hold');
    expect(await account()).toEqual([{ status: 'canceled', reason: 'held_not_payable', closure: 'pending' }]);
    await t.platform.accountClosures.drain();
    expect((await account())[0].closure).toBe('closed');
  });

  it("shows a parcel the engine held (narcotics: route hold) with the taxes it would owe, not payable, and refuses paying it 409 TAXES_NOT_PAYABLE_HELD by card, by transfer and on the operator's behalf (before: listed 납부 대기 and payable)", async () => {
    // A consignee of its own, so no other test's list changes.
    await t.platform.deps.consumers.upsertHolders([{ pccc: 'P555555555555', name: '이서연', phone: '01055556666', postcodes: ['03187'], status: 'active', issuedOn: '2025-01-01', expiresOn: '2027-12-31' }]);
    const d = declaration('TX-HELD', {
      consignee: { name: '이서연', pccc: 'P555555555555', phone: '010-5555-6666', postcode: '03187', address: '서울특별시 종로구 세종대로 1' },
      order: { orderNo: 'O-TX-HELD', purchasedAt: '2026-11-09', currency: 'USD' },
      items: [{ description: '영양제 Charlotte CBD 오일', category: 'clothing', quantity: 1, price: 300, originCountry: 'US' }],
    });
    const r = await api(t.base, 'POST', '/api/v1/declarations', { token: alpha.key, body: { declarations: [d] } });
    expect(r.body.results[0]).toMatchObject({ status: 'accepted', lifecycleStatus: 'held', assessment: { route: 'hold' } });
    const id = r.body.results[0].declarationId as number;
    const seoyeon = await consumerToken(t.base, 'P555555555555', '이서연', '010-5555-6666', '03187');
    const notice = (await api(t.base, 'GET', '/api/v1/consumer/tax-notices', { token: seoyeon })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    // Held, not due: due means payable now (a list asked for ?status=due listed it with the payable ones, and counted its amount).
    expect(notice).toMatchObject({ payable: false, status: 'held', payment: null, virtualAccount: null });
    expect(notice.amountKrw).toBe(notice.taxes.totalKrw);
    expect(notice.amountKrw).toBeGreaterThan(0);
    expect(notice.reason.ko).toContain('지금은 납부할 수 없습니다');
    const onList = (await api(t.base, 'GET', '/api/v1/tax-notices?limit=200', { token: alpha.key })).body.notices.find((x: { declarationId: number }) => x.declarationId === id);
    expect(onList).toMatchObject({ payable: false, status: 'held', consigneeName: '이서연' });
    // The operator's ?status=due lists only what can be paid now; ?status=held finds the held one.
    const listed = async (status: string) => (await api(t.base, 'GET', `/api/v1/tax-notices?limit=200&status=${status}`, { token: alpha.key })).body.notices as { declarationId: number; status: string; payable: boolean }[];
    const due = await listed('due');
    expect(due.length).toBeGreaterThan(0);
    expect(due.map((x) => x.declarationId)).not.toContain(id);
    expect(due.every((x) => x.status === 'due' && x.payable)).toBe(true);
    expect((await listed('held')).map((x) => x.declarationId)).toContain(id);
    expect((await listed('held')).every((x) => x.status === 'held' && !x.payable)).toBe(true);
    // The officer's read-only notice says the same.
    const officer = await t.officer('held-notice-officer', 'officer');
    expect((await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/tax-notice`, { token: officer.token })).body.notice).toMatchObject({ status: 'held', payable: false });

    const card = await payAsConsumer(seoyeon, id, { method: 'card', amountKrw: notice.amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' }, 'held-card');
    expect(card.status).toBe(409);
    expect(card.body.error).toMatchObject({ code: 'TAXES_NOT_PAYABLE_HELD', details: { paymentNo: notice.paymentNo, amountKrw: notice.amountKrw } });
    expect(card.body.error.ko).toContain('관세법 제9조');
    expect(card.body.error.en).toContain('Customs Act art. 9');
    expect((await payAsConsumer(seoyeon, id, { method: 'transfer', amountKrw: notice.amountKrw })).body.error.code).toBe('TAXES_NOT_PAYABLE_HELD');
    const behalf = await payAsOperator(alpha.key, id, { method: 'transfer', amountKrw: notice.amountKrw });
    expect(behalf.status).toBe(409);
    expect(behalf.body.error.code).toBe('TAXES_NOT_PAYABLE_HELD');
    expect(await rowsOf(id)).toBe(0);
    expect((await t.db.pool.query('SELECT count(*)::int AS n FROM tax_virtual_accounts WHERE declaration_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('keeps tax_payments append-only', async () => {
    await expect(t.db.pool.query('UPDATE tax_payments SET amount_krw = 1')).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query('DELETE FROM tax_payments')).rejects.toThrow(/append-only/);
  });
});
