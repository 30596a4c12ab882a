// Use cases that read, decide, then write in another statement or transaction, run twice at
// once: what they decided must still hold when they write. Each test makes the interleaving
// happen instead of hoping for it: a transaction of the test holds a lock that the requests meet
// after their check (a row lock, or a table lock that lets reads through and stops inserts), and
// commits once every request waits on a lock or has finished; the requests then go through in
// turn, each after the others' checks. Nothing here depends on timing: the outcome is decided by
// the locks.
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgIdentityStore } from '../../src/adapters/db/identity-repository.ts';
import { PgRiskExchangeStore } from '../../src/adapters/db/risk-exchange-repository.ts';
import { buildPartyNotice, partyNoticeId } from '../../src/domain/risk-exchange/build-party-notice.ts';
import type { ExchangeMessage } from '../../src/domain/risk-exchange/message.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let op: { key: string };
let admin: { token: string };
let officer: { token: string };

beforeAll(async () => {
  t = await startTestPlatform({ riskWorker: false });
  op = await t.operator('RACES');
  admin = await t.officer('race-admin', 'admin');
  officer = await t.officer('race-officer');
});
afterAll(async () => t?.close());

/**
 * Runs `requests` while a transaction of the test holds the lock `hold` takes: each request starts
 * once the ones before it wait on a lock or have finished (so they queue for a lock in this order);
 * once all of them wait or have finished, the transaction commits. Answers the requests' results.
 */
async function whileHeld<T>(hold: (c: pg.PoolClient) => Promise<unknown>, requests: (() => Promise<T>)[]): Promise<T[]> {
  const holder = await t.db.pool.connect();
  try {
    await holder.query('BEGIN');
    await hold(holder);
    let settled = 0;
    const pending: Promise<T>[] = [];
    for (const request of requests) {
      pending.push(request().finally(() => settled++));
      for (let i = 0; ; i++) {
        const waiting = (await holder.query(`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`)).rows[0].n as number;
        if (waiting + settled >= pending.length) break;
        if (i > 400) throw new Error(`${settled} requests finished and ${waiting} wait on a lock, of ${pending.length}`);
        await new Promise((res) => setTimeout(res, 25));
      }
    }
    await holder.query('COMMIT');
    return await Promise.all(pending);
  } catch (e) {
    await holder.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    holder.release();
  }
}

describe('two copies of one correction (PATCH with the same content) in flight at once', () => {
  it('make one new version: the second answers it as a replay', async () => {
    const doc = declaration('RACE-PATCH');
    const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [doc] } });
    const id = submitted.body.results[0].declarationId as number;
    const corrected = { ...doc, items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 55, originCountry: 'VN' }] };
    const patch = () => api(t.base, 'PATCH', `/api/v1/declarations/${id}`, { token: op.key, body: { reason: '가격 정정', declaration: corrected } });
    // Both copies read version 1 (identical content not yet stored) before either takes the row.
    const answers = await whileHeld((c) => c.query(`SELECT id FROM declarations WHERE id = $1 FOR UPDATE`, [id]), [patch, patch]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.map((a) => a.body.version)).toEqual([2, 2]);
    expect(answers.map((a) => a.headers.get('idempotent-replayed'))).toEqual([null, 'true']); // the first in the lock's queue writes
    const events = await t.db.pool.query(`SELECT type FROM declaration_events WHERE declaration_id = $1 ORDER BY seq`, [id]);
    expect(events.rows.map((e) => e.type)).toEqual(['SUBMITTED', 'AMENDED']);
    const revisions = await t.db.pool.query(`SELECT version FROM declaration_revisions WHERE declaration_id = $1`, [id]);
    expect(revisions.rows).toEqual([{ version: 1 }]);
  });
});

describe('publishing risk rule drafts at once', () => {
  // Each draft adds a keyword of its own: the rules in force published again are refused (RULE_SET_UNCHANGED).
  let drafted = 0;
  const newDraft = async (note: string) => {
    const inForce = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body.published[0].rules;
    const code = `KW_RACE_${++drafted}`;
    const rules = { ...inForce, keywords: [...inForce.keywords, { code, ko: '경합 시험', en: 'race test', terms: [code.toLowerCase()], weight: 0.1 }] };
    const d = await api(t.base, 'POST', '/api/v1/officer/risk/rules/drafts', { token: officer.token, body: { rules, note } });
    expect(d.status).toBe(201);
    return d.body.id as number;
  };
  const publish = (id: number, version: string) => () => api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${id}/publish`, { token: admin.token, body: { version } });
  const published = async (versions: string[]) =>
    (await t.db.pool.query(`SELECT version FROM risk_rule_sets WHERE version = ANY($1::text[]) ORDER BY version`, [versions])).rows.map((r) => r.version as string);

  it('publishes one draft once: the other publication answers that the draft is gone', async () => {
    const id = await newDraft('race: one draft, two versions');
    // Both requests have read the draft as unpublished before either publishes it.
    const answers = await whileHeld((c) => c.query(`SELECT id FROM risk_rule_drafts WHERE id = $1 FOR UPDATE`, [id]), [publish(id, 'race-once-a'), publish(id, 'race-once-b')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 404]);
    expect(answers.find((a) => a.status === 404)!.body.error.code).toBe('RULE_DRAFT_NOT_FOUND');
    const won = answers.find((a) => a.status === 201)!.body.version as string;
    expect(await published(['race-once-a', 'race-once-b'])).toEqual([won]);
    const draft = await t.db.pool.query(`SELECT published_as FROM risk_rule_drafts WHERE id = $1`, [id]);
    expect(draft.rows[0].published_as).toBe(won);
  });

  it('publishes the draft as edited when an edit commits between its read and its publication', async () => {
    const id = await newDraft('race: edited while published');
    const before = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body.drafts.find((d: { id: number }) => d.id === id).rules;
    const edited = { ...before, watchlists: [{ code: 'WL_RACE', ko: '경합 판매자', en: 'race seller', role: 'seller', keys: ['Race Shop'], weight: 0.5 }] };
    const edit = () => api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${id}`, { token: officer.token, body: { rules: edited } });
    // The edit waits for the draft first; the publication reads the draft (unedited) and then waits too.
    const [upd, pub] = await whileHeld((c) => c.query(`SELECT id FROM risk_rule_drafts WHERE id = $1 FOR UPDATE`, [id]), [edit, publish(id, 'race-edited')]);
    expect(upd!.status).toBe(200);
    expect(pub!.status).toBe(201);
    const stored = await t.db.pool.query(`SELECT rules FROM risk_rule_sets WHERE version = 'race-edited'`);
    const draft = await t.db.pool.query(`SELECT rules, published_as FROM risk_rule_drafts WHERE id = $1`, [id]);
    expect(draft.rows[0].published_as).toBe('race-edited');
    // What was published is the draft as it stands after the edit that was answered 200.
    expect(draft.rows[0].rules.watchlists).toEqual(edited.watchlists);
    expect(stored.rows[0].rules).toEqual({ ...draft.rows[0].rules, version: 'race-edited' });
  });

  it('refuses the second of two drafts published under one version with RULE_VERSION_EXISTS, not a 500', async () => {
    const a = await newDraft('race: same version a');
    const b = await newDraft('race: same version b');
    // Reads pass, inserts wait: both requests find the version free before either stores it.
    const answers = await whileHeld((c) => c.query(`LOCK TABLE risk_rule_sets IN SHARE MODE`), [publish(a, 'race-same'), publish(b, 'race-same')]);
    expect(answers.map((x) => x.status).sort()).toEqual([201, 409]);
    expect(answers.find((x) => x.status === 409)!.body.error.code).toBe('RULE_VERSION_EXISTS');
    expect(answers.find((x) => x.status === 409)!.body.error.details).toEqual({ path: 'body.version', version: 'race-same' }); // the field at fault (before: no path)
    const drafts = await t.db.pool.query(`SELECT id, published_as FROM risk_rule_drafts WHERE id = ANY($1::bigint[]) ORDER BY id`, [[a, b]]);
    expect(drafts.rows.filter((d) => d.published_as === 'race-same')).toHaveLength(1);
  });
});

describe('consent requests for one PCCC at once', () => {
  it('stay within the limit per 10 minutes (approval fatigue)', async () => {
    const NAME = '이경합';
    const PHONE = '010-5555-1234';
    const issued = await api(t.base, 'POST', '/api/v1/registry/pccc', { token: officer.token, body: { name: NAME, phone: PHONE, postcodes: ['06236'] } });
    expect(issued.status).toBe(201);
    const pccc = issued.body.pccc as string;
    const limit = t.platform.deps.identity!.deps.registry.rules().consent.requestsPerPcccPer10Minutes.value;
    const request = (n: number) => () =>
      api(t.base, 'POST', '/api/v1/consent-requests', {
        token: op.key,
        body: { pccc, consigneeName: NAME, consigneePhone: PHONE, postcode: '06236', platform: 'Amazon', seller: 'Nike Store', orderNo: `RACE-C-${n}`, items: [{ description: '티셔츠', quantity: 1, price: 40 }], total: 40, currency: 'USD' },
      });
    // Counts pass, inserts wait: every request counts the requests before any is stored.
    const answers = await whileHeld((c) => c.query(`LOCK TABLE consent_requests IN SHARE MODE`), Array.from({ length: limit + 2 }, (_, n) => request(n)));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(limit);
    expect(answers.filter((a) => a.status === 429).map((a) => a.body.error.code)).toEqual(['CONSENT_RATE_LIMITED', 'CONSENT_RATE_LIMITED']);
    const stored = await t.db.pool.query(`SELECT count(*)::int AS n FROM consent_requests WHERE pccc = $1`, [pccc]);
    expect(stored.rows[0].n).toBe(limit);
  });
});

describe('a passkey used by two sign-ins that finish out of order', () => {
  it('keeps the highest signature counter and the latest use (WebAuthn: a counter going back means a cloned authenticator)', async () => {
    const store = new PgIdentityStore(t.db.pool);
    await store.addPasskey(passkey('race-cred-1', 'race-holder'), () => ({ label: 'test', usableFrom: '2026-01-01T00:00:00.000Z' }));
    await store.touchPasskey('race-cred-1', 7, new Date('2026-12-02T10:00:05Z'));
    await store.touchPasskey('race-cred-1', 6, new Date('2026-12-02T10:00:04Z')); // the earlier sign-in, written last
    const row = await t.db.pool.query(`SELECT counter, last_used_at FROM passkeys WHERE credential_id = 'race-cred-1'`);
    expect({ counter: Number(row.rows[0].counter), lastUsedAt: row.rows[0].last_used_at.toISOString() }).toEqual({ counter: 7, lastUsedAt: '2026-12-02T10:00:05.000Z' });
  });
});

describe('two passkeys registered at once for one holder', () => {
  it('each counts the other: the second one added on SMS proof alone waits out the cooling period like any key added next to another', async () => {
    const store = new PgIdentityStore(t.db.pool);
    const seen: number[] = [];
    // What register-passkey.ts decides from the count: the first key of a holder is usable at once, a key next to others waits.
    const terms = (others: number) => (seen.push(others), { label: `패스키 ${others + 1}`, usableFrom: others > 0 ? '2026-12-03T00:00:00.000Z' : '2026-12-02T00:00:00.000Z' });
    const stored = await Promise.all([store.addPasskey(passkey('race-cred-a', 'race-holder-2'), terms), store.addPasskey(passkey('race-cred-b', 'race-holder-2'), terms)]);
    expect(seen.sort()).toEqual([0, 1]);
    expect(stored.map((x) => x.usableFrom).sort()).toEqual(['2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z']);
    const labels = await t.db.pool.query(`SELECT label FROM passkeys WHERE holder_id = 'race-holder-2' ORDER BY label`);
    expect(labels.rows.map((x) => x.label)).toEqual(['패스키 1', '패스키 2']);
  });
});

function passkey(credentialId: string, holderId: string) {
  return { credentialId, holderId, publicKey: new Uint8Array([1, 2, 3]), counter: 3, transports: [], deviceType: 'singleDevice', backedUp: false, registeredVia: 'otp' } as never;
}

/** The charges at the platform's payment gateway (the Toss Payments protocol emulator), as its console would show them. */
const gatewayCharges = () =>
  t.platform.paymentEmulator!.payments().map((p) => ({ providerTx: p.paymentKey, paymentNo: /^TG(\d+)-/.exec(p.orderId)![1]!, amountKrw: p.totalAmount, voided: p.status === 'CANCELED' }));

/** A declaration whose taxes are collected (a USD 300 T-shirt: general clearance, taxed), with its id and the amount due. */
async function taxedDeclaration(ref: string): Promise<{ id: number; amountKrw: number }> {
  const doc = declaration(ref, { items: [{ description: '티셔츠 Nike Dri-FIT', category: 'clothing', quantity: 1, price: 300, originCountry: 'VN' }] });
  const submitted = await api(t.base, 'POST', '/api/v1/declarations', { token: op.key, body: { declarations: [doc] } });
  return { id: submitted.body.results[0].declarationId as number, amountKrw: submitted.body.results[0].assessment.taxes.totalKrw as number };
}

describe("two payments of one declaration's taxes at once", () => {
  it('keep one: the other is answered TAXES_ALREADY_PAID and its charge is voided, so the taxes are charged once', async () => {
    const { id, amountKrw } = await taxedDeclaration('RACE-PAY');
    expect(amountKrw).toBeGreaterThanOrEqual(10_000);
    const pay = () => api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: op.key, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    const charged = new Set(gatewayCharges().map((x) => x.providerTx));
    // Both read "not paid" and are charged before either stores its payment: the table lock lets reads through and holds inserts.
    const answers = await whileHeld((c) => c.query(`LOCK TABLE tax_payments IN SHARE MODE`), [pay, pay]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]); // either may store first
    expect(answers.find((a) => a.status === 409)!.body.error).toMatchObject({ code: 'TAXES_ALREADY_PAID', details: { chargeVoided: true } });
    const mine = gatewayCharges().filter((x) => !charged.has(x.providerTx));
    expect(mine.map((x) => [x.amountKrw, x.voided]).sort()).toEqual([[amountKrw, false], [amountKrw, true]]);
    const kept = await t.db.pool.query(`SELECT provider_tx FROM tax_payments WHERE declaration_id = $1`, [id]);
    expect(mine.find((x) => !x.voided)!.providerTx).toBe(kept.rows[0].provider_tx);
  });
});

describe("two copies of one payment request (same Idempotency-Key) at once", () => {
  it('are one charge at the gateway: both answer the same receipt, nothing is voided, no refund is due', async () => {
    const { id, amountKrw } = await taxedDeclaration('RACE-PAY-KEY');
    const pay = () => api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: op.key, headers: { 'idempotency-key': 'pay-once-1' }, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    const charged = new Set(gatewayCharges().map((x) => x.providerTx));
    // Both read "not paid" and reach the gateway before either stores its payment (the lock holds the inserts).
    const answers = await whileHeld((c) => c.query(`LOCK TABLE tax_payments IN SHARE MODE`), [pay, pay]);
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[1]!.body.receipt.receiptNo).toBe(answers[0]!.body.receipt.receiptNo);
    const mine = gatewayCharges().filter((x) => !charged.has(x.providerTx));
    expect(mine.map((x) => [x.amountKrw, x.voided])).toEqual([[amountKrw, false]]); // before: two charges, one voided
    expect((await t.db.pool.query(`SELECT count(*)::int AS n FROM tax_refunds_due WHERE declaration_id = $1`, [id])).rows[0].n).toBe(0);
  });
});

describe("two payments of one declaration's taxes at once, when the charge not kept cannot be voided", () => {
  it('record a refund due of that charge, tell the payer when it comes and whom to ask, and list it to administrators until resolved', async () => {
    const { id, amountKrw } = await taxedDeclaration('RACE-PAY-NOVOID');
    const pay = () => api(t.base, 'POST', `/api/v1/declarations/${id}/tax-payments`, { token: op.key, body: { method: 'card', amountKrw, cardNumber: '4242 4242 4242 4242', cardExpiry: '12/30' } });
    const charged = new Set(gatewayCharges().map((x) => x.providerTx));
    // The gateway refuses to cancel (a cancel window closed): 403 NOT_CANCELABLE_PAYMENT, for this test only.
    t.platform.paymentEmulator!.faults.refuseCancels = true;
    let answers: Awaited<ReturnType<typeof pay>>[];
    try {
      answers = await whileHeld((c) => c.query(`LOCK TABLE tax_payments IN SHARE MODE`), [pay, pay]);
    } finally {
      t.platform.paymentEmulator!.faults.refuseCancels = false;
    }
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const mine = gatewayCharges().filter((x) => !charged.has(x.providerTx));
    expect(mine.map((x) => x.voided)).toEqual([false, false]); // charged twice
    const kept = (await t.db.pool.query(`SELECT provider_tx FROM tax_payments WHERE declaration_id = $1`, [id])).rows[0].provider_tx as string;
    const second = mine.find((x) => x.providerTx !== kept)!;

    const stored = await t.db.pool.query(`SELECT id, provider, provider_tx, payment_no, amount_krw, payer_kind, reason, to_char(refund_by, 'YYYY-MM-DD') AS refund_by FROM tax_refunds_due WHERE declaration_id = $1`, [id]);
    expect(stored.rows).toHaveLength(1);
    const row = stored.rows[0];
    expect({ ...row, id: undefined, amount_krw: Number(row.amount_krw) }).toEqual({
      id: undefined,
      provider: 'toss-emulator',
      provider_tx: second.providerTx,
      payment_no: second.paymentNo,
      amount_krw: amountKrw,
      payer_kind: 'operator',
      reason: 'duplicate_charge_not_voided',
      refund_by: row.refund_by,
    });
    const refundNo = `RF-${String(row.id).padStart(8, '0')}`;
    const error = answers.find((a) => a.status === 409)!.body.error;
    expect(error).toMatchObject({ code: 'TAXES_ALREADY_PAID', details: { chargeVoided: false, refund: { refundNo, amountKrw, refundBy: row.refund_by } } });
    expect(error.ko).toContain(`환불번호 ${refundNo}`);
    expect(error.ko).toContain(`${row.refund_by}(`);
    expect(error.en).toContain(`refund ${refundNo}`);
    // The operator paid on the consumer's behalf: it asks the platform's administrators, not the consumer's consultation.
    expect(error.ko).toContain('플랫폼 운영 관리자에게 문의하세요');
    expect(error.en).toContain('contact the platform administrators (운영 관리자)');
    expect(error.ko + error.en).not.toContain('민원상담');

    const path = '/api/v1/officer/tax-refunds-due';
    expect((await api(t.base, 'GET', path)).status).toBe(401);
    expect((await api(t.base, 'GET', path, { token: officer.token })).status).toBe(403);
    expect((await api(t.base, 'GET', path, { token: op.key })).status).toBe(403);
    const open = await api(t.base, 'GET', path, { token: admin.token });
    expect(open.status).toBe(200);
    expect(open.body.refunds.filter((r: { declarationId: number }) => r.declarationId === id)).toEqual([
      expect.objectContaining({ refundNo, providerTx: second.providerTx, amountKrw, refundBy: row.refund_by, resolvedAt: null }),
    ]);
    const resolve = (token: string, body: unknown) => api(t.base, 'POST', `${path}/${row.id}/resolve`, { token, body });
    expect((await resolve(officer.token, { outcome: 'refunded', providerRefundRef: 'RFD-1', resolution: 'refunded' })).status).toBe(403);
    expect((await resolve(admin.token, { outcome: 'refunded', providerRefundRef: 'RFD-1', resolution: '  ' })).status).toBe(400);
    const resolved = await resolve(admin.token, { outcome: 'refunded', providerRefundRef: 'RFD-1', resolution: 'refunded at the gateway, ref RFD-1' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ refundNo, resolvedBy: 'race-admin', outcome: 'refunded', providerRefundRef: 'RFD-1', resolution: 'refunded at the gateway, ref RFD-1' });
    expect((await api(t.base, 'GET', path, { token: admin.token })).body.refunds.some((r: { declarationId: number }) => r.declarationId === id)).toBe(false);
    expect((await resolve(admin.token, { outcome: 'not_refunded', resolution: 'again' })).body.error.code).toBe('REFUND_DUE_NOT_FOUND');
  });
});

describe('two risky-party notices issued at once', () => {
  it('get consecutive numbers, one each: the second waits for the first to store its notice, then takes the next', async () => {
    const store = new PgRiskExchangeStore(t.db.pool);
    const counter = async () => Number((await t.db.pool.query(`SELECT last FROM exchange_counters WHERE name = 'risky_party_notice'`)).rows[0].last);
    const before = await counter();
    const issue = (key: string) => () =>
      store.saveNumberedNotice((sequence) => {
        const built = buildPartyNotice({
          party: { role: 'seller', key, name: null, found: 1, outcomes: { undervalued: 1 } },
          request: { text: { en: 'race' }, validUntil: '2027-01-31' },
          sender: { code: 'KR', country: 'KR' },
          sequence,
          issuedAt: '2026-12-02T09:00:00Z',
          today: '2026-12-02',
          maxValidDays: 365,
        });
        if (!built.ok) throw new Error(built.reason);
        const message = { ...built.message, signature: { alg: 'Ed25519', keyId: 'k'.repeat(43), value: 's'.repeat(86) } } as ExchangeMessage;
        return { message, recipient: '', audit: { actor: 'race-officer', recipient: null, detail: { messageId: message.id } } };
      });
    // Inserts wait: the first notice holds the counter row while its insert waits, the second waits for that row.
    // (Reading the highest number and adding one, without the row, would give both the same number.)
    const stored = await whileHeld((c) => c.query(`LOCK TABLE exchange_messages_out IN SHARE MODE`), [issue('RACE-N1'), issue('RACE-N2')]);
    expect(stored.map((m) => m.id)).toEqual([partyNoticeId('KR', before + 1), partyNoticeId('KR', before + 2)]);
    expect(await counter()).toBe(before + 2);
    const rows = await t.db.pool.query(`SELECT message_id FROM exchange_messages_out WHERE message_id = ANY($1::text[]) ORDER BY id`, [stored.map((m) => m.id)]);
    expect(rows.rows.map((r) => r.message_id)).toEqual(stored.map((m) => m.id));
  });
});
