// Risk-information exchange with a partner customs administration, end to end on the real database
// (docs/risk-exchange.md): an administrator registers the partner's key; an officer records a
// finding and exports it as a signed seizure report the partner can verify, without consumer data;
// the partner sends a signed risky-party notice (a tampered copy is refused); an officer turns it
// into a rule draft, an administrator publishes it, and the next declaration from that seller hits
// the watch-list entry with the partner's reason.
// The partner rotates its key (a second one added, the first revoked) and cuts off the last one.
// Notices are withdrawn both ways: an officer withdraws one of ours (once, only a notice), and a
// partner's withdrawal marks its notice withdrawn and flags what was drafted from it.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgRiskExchangeStore } from '../../src/adapters/db/risk-exchange-repository.ts';
import { addDays, koreanDateOf } from '../../src/domain/dates.ts';
import { partyNoticeId } from '../../src/domain/risk-exchange/build-party-notice.ts';
import { validateExchangeMessage } from '../../src/domain/risk-exchange/validate-message.ts';
import { signingInput } from '../../src/domain/risk-exchange/canonical-json.ts';
import { api, declaration, startTestPlatform, type TestPlatform } from '../support/test-platform.ts';

let t: TestPlatform;
let operator: { key: string };
let officer: { token: string };
let admin: { token: string };

// The partner's own key pair: only its public half is ever given to us.
const partnerKeys = crypto.generateKeyPairSync('ed25519');
const partnerX = (partnerKeys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
const thumbprint = (x: string) => crypto.createHash('sha256').update(`{"crv":"Ed25519","kty":"OKP","x":"${x}"}`).digest('base64url');
const signAsPartner = <T extends Record<string, unknown>>(m: T, key: crypto.KeyObject = partnerKeys.privateKey, keyId = thumbprint(partnerX)) => ({
  ...m,
  signature: { alg: 'Ed25519', keyId, value: crypto.sign(null, Buffer.from(signingInput(m)), key).toString('base64url') },
});

const SELLER = { name: 'Counterfeit Kicks', country: 'CN' };
const consignee = { name: '박비밀', pccc: 'P987654321098', phone: '010-9876-5432', postcode: '48058', address: '부산광역시 해운대구 센텀중앙로 97' };
// Seizure dates and export periods are Korean calendar days (UTC+9).
const today = koreanDateOf(new Date().toISOString());

const notice = (id: string, over: Record<string, unknown> = {}) => ({
  format: 'tonggwan-risk-exchange',
  version: '1.0',
  kind: 'risky_party_notice',
  id,
  from: 'JP-CUSTOMS',
  to: 'KR',
  issuedAt: `${new Date().toISOString().slice(0, 19)}Z`,
  body: {
    reportingCountry: 'JP',
    party: { role: 'seller', name: 'counterfeit  kicks', country: 'CN' },
    reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'fake sneakers seized in 9 parcels', ko: '위조 운동화 9건 적발' } },
    evidenceCount: 9,
    validUntil: '2099-12-31',
    ...over,
  },
});

beforeAll(async () => {
  t = await startTestPlatform();
  operator = await t.operator('RXOP');
  officer = await t.officer('rx-officer');
  admin = await t.officer('rx-admin', 'admin');
});
afterAll(async () => t?.close());

async function riskUntil(id: number, ok: (risk: any) => boolean, timeoutMs = 20_000): Promise<any> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token });
    expect(r.status).toBe(200);
    if (r.body.score && ok(r.body)) return r.body;
    if (Date.now() > until) throw new Error(`declaration ${id}: ${JSON.stringify(r.body.score?.ruleHits ?? null)}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}

const submit = async (ref: string) => {
  const r = await api(t.base, 'POST', '/api/v1/declarations', {
    token: operator.key,
    body: { declarations: [declaration(ref, { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: SELLER, courier: { name: 'CJ대한통운', code: 'CJKX' } } })] },
  });
  expect(r.status).toBe(200);
  return r.body.results[0].declarationId as number;
};

describe('partners', () => {
  it('are registered by administrators only, with a real Ed25519 public key', async () => {
    const body = { code: 'JP-CUSTOMS', name: 'Japan Customs 日本税関', country: 'JP', publicKey: partnerX };
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { body })).status).toBe(401);
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: officer.token, body })).status).toBe(403);
    const bad = await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body: { ...body, publicKey: `${'A'.repeat(42)}B` } }); // not canonical base64url: 2 bits beyond the 32 bytes
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'EXCHANGE_KEY_INVALID', details: { path: 'body.publicKey' }, ko: expect.stringContaining('공개키'), en: expect.stringContaining('public key') }); // path as the other errors (before: field only)
    const ok = await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ code: 'JP-CUSTOMS', country: 'JP', keyId: thumbprint(partnerX), registeredBy: 'rx-admin' });
    const taken = await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body });
    expect([taken.status, taken.body.error.code, taken.body.error.details.path]).toEqual([409, 'EXCHANGE_PARTNER_EXISTS', 'body.code']); // the field sent (before: no path)
    const list = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token });
    expect(list.body.partners.map((p: { code: string }) => p.code)).toEqual(['JP-CUSTOMS']);
    expect(list.body.sender).toEqual({ code: 'KR', country: 'KR' });
    expect(list.body.signingKey.keyId).toBe(thumbprint(list.body.signingKey.publicKey));
    expect(list.body.noticeMaxValidDays).toBe(365); // policy.exchange of data/risk-rules.json: the notice form states it
    // Our private key is in platform_keys, sealed like the others.
    const row = await t.db.pool.query(`SELECT value::text AS v FROM platform_keys WHERE name = 'risk-exchange-ed25519'`);
    expect(row.rows[0].v).toMatch(/^"enc:v1:/);
  });
});

describe('seizure reports', () => {
  it('are exported signed, verifiable with our public key, without consumer personal data, the same on every export', async () => {
    const id = await submit('RX-1');
    await riskUntil(id, () => true);
    const inspected = await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/inspection`, {
      token: officer.token,
      body: { outcome: 'ip_infringement', correctedValueKrw: 250000, note: '위조 상표 확인' },
    });
    expect(inspected.status).toBe(201);
    const clean = await submit('RX-CLEAN');
    await riskUntil(clean, () => true);
    expect((await api(t.base, 'POST', `/api/v1/officer/declarations/${clean}/inspection`, { token: officer.token, body: { outcome: 'clean' } })).status).toBe(201);

    const path = '/api/v1/officer/risk-exchange/seizure-reports/export';
    const period = { from: today, to: today, recipient: 'JP-CUSTOMS' };
    expect((await api(t.base, 'POST', path, { body: period })).status).toBe(401);
    const res = await api(t.base, 'POST', path, { token: officer.token, body: period });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ format: 'tonggwan-risk-exchange', version: '1.0', sender: { code: 'KR', country: 'KR' }, recipient: 'JP-CUSTOMS', truncated: false, skipped: [] });
    expect(res.body.messages).toHaveLength(1); // the clean inspection is no finding
    const m = res.body.messages[0];
    expect(m).toMatchObject({
      kind: 'seizure_report',
      id: `KR-TG-SR-${String(inspected.body.id).padStart(8, '0')}`,
      from: 'KR',
      to: 'JP-CUSTOMS',
      body: {
        reportingCountry: 'KR',
        seizureDate: today,
        detection: { outcome: 'ip_infringement', offence: 'ipr_infringement', category: 'ipr' },
        transport: { mode: 'express', departureCountry: 'US', destinationCountry: 'KR' },
        correctedValue: { amount: 250000, currency: 'KRW' },
        invoiceValue: { amount: 40, currency: 'USD' },
        parties: { seller: SELLER, platform: { name: 'Temu', code: 'TEMU', country: 'CN' } },
      },
    });
    expect(m.body.goods).toEqual([{ hsCode: '62', description: '티셔츠 Nike Dri-FIT', quantity: 1, originCountry: 'VN' }]); // category clothing: classified to chapter 62 only
    // The partner verifies with the key we handed it, over the canonical form of what it received.
    const ours = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: res.body.signingKey.publicKey }, format: 'jwk' });
    expect(m.signature.keyId).toBe(res.body.signingKey.keyId);
    expect(crypto.verify(null, Buffer.from(signingInput(m)), ours, Buffer.from(m.signature.value, 'base64url'))).toBe(true);
    const altered = { ...m, body: { ...m.body, correctedValue: { amount: 1, currency: 'KRW' } } };
    expect(crypto.verify(null, Buffer.from(signingInput(altered)), ours, Buffer.from(m.signature.value, 'base64url'))).toBe(false);
    // Privacy: nothing of the consumer, nor the order, B/L or the operator's reference.
    const text = JSON.stringify(res.body);
    for (const secret of [consignee.pccc, consignee.name, consignee.phone, consignee.phone.replace(/-/g, ''), consignee.postcode, '해운대', 'O-RX-1', 'HRX-1', 'M988-1234', '"RX-1"'])
      expect(text, secret).not.toContain(secret);
    expect(text).not.toMatch(/consignee|pccc|phone|address|postcode/i);
    // Exported again (read back from jsonb): the very same signed messages.
    const again = await api(t.base, 'POST', path, { token: officer.token, body: period });
    expect(again.body.messages).toEqual(res.body.messages);
    const out = await t.db.pool.query(`SELECT count(*)::int AS n FROM exchange_messages_out`);
    expect(out.rows[0].n).toBe(1);
    await expect(t.db.pool.query(`UPDATE exchange_messages_out SET recipient = 'X'`)).rejects.toThrow(/append-only/);
    const events = await t.db.pool.query(`SELECT actor, action, partner_code, detail FROM exchange_events WHERE action = 'exported' ORDER BY id`);
    expect(events.rows.map((e) => [e.actor, e.partner_code, e.detail.newlySigned])).toEqual([
      ['rx-officer', 'JP-CUSTOMS', 1],
      ['rx-officer', 'JP-CUSTOMS', 0],
    ]);
    const nobody = await api(t.base, 'POST', path, { token: officer.token, body: { ...period, recipient: 'NOBODY' } });
    expect([nobody.status, nobody.body.error.details]).toEqual([404, { path: 'body.recipient', code: 'NOBODY' }]); // the field at fault (before: no path)
    expect((await api(t.base, 'POST', path, { token: officer.token, body: { from: '2026-02-30', to: today } })).status).toBe(400);
    // An export has effects (it signs, stores and audits): not a GET.
    expect((await api(t.base, 'GET', `/api/v1/officer/risk-exchange/seizure-reports?from=${today}&to=${today}`, { token: officer.token })).status).toBe(404);
  });
});

describe('risky-party notices of ours', () => {
  const path = '/api/v1/officer/risk-exchange/party-notices';
  it('rest on our findings on the party, are signed, stored, listed and audited, and name no consumer', async () => {
    // The seller of RX-1, whose inspection found counterfeit goods (above): its profile key is its name, upper-cased.
    const body = { role: 'seller', key: 'Counterfeit Kicks', text: { en: 'counterfeit sneakers found', ko: '위조 운동화 적발' }, validUntil: addDays(today, 90), recipient: 'JP-CUSTOMS', country: 'CN' };
    expect((await api(t.base, 'POST', path, { body })).status).toBe(401);
    expect((await api(t.base, 'POST', path, { token: operator.key, body })).status).toBe(403);
    // A party with no profile: 404 naming the key sent (before: no path).
    const nobody = await api(t.base, 'POST', path, { token: officer.token, body: { ...body, key: 'Nobody Shop' } });
    expect([nobody.status, nobody.body.error.code, nobody.body.error.details]).toEqual([404, 'PARTY_NOT_FOUND', { path: 'body.key' }]);
    const res = await api(t.base, 'POST', path, { token: officer.token, body });
    expect(res.status).toBe(201);
    const m = res.body.message;
    expect(m).toMatchObject({
      format: 'tonggwan-risk-exchange',
      kind: 'risky_party_notice',
      id: expect.stringMatching(/^KR-TG-PN-\d{8}$/),
      from: 'KR',
      to: 'JP-CUSTOMS',
      body: {
        reportingCountry: 'KR',
        party: { role: 'seller', name: 'Counterfeit Kicks', country: 'CN' },
        // Not given: the category and offence of what was found (ip_infringement).
        reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'counterfeit sneakers found', ko: '위조 운동화 적발' } },
        evidenceCount: 1,
        validUntil: addDays(today, 90),
      },
    });
    expect(m.body.party).not.toHaveProperty('code'); // the profile key is the name: no code to give
    // The partner verifies it with the key we handed it, and our own inbound checks accept it as a partner would.
    const ours = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: res.body.signingKey.publicKey }, format: 'jwk' });
    expect(crypto.verify(null, Buffer.from(signingInput(m)), ours, Buffer.from(m.signature.value, 'base64url'))).toBe(true);
    expect(validateExchangeMessage(m, { now: new Date(), recipient: 'JP-CUSTOMS' })).toMatchObject({ ok: true });
    expect(JSON.stringify(m)).not.toMatch(/consignee|pccc|P987654321098|박비밀/i);

    const list = await api(t.base, 'GET', path, { token: officer.token });
    expect(list.status).toBe(200);
    expect(list.body.notices[0]).toMatchObject({ messageId: m.id, recipient: 'JP-CUSTOMS', createdBy: 'rx-officer', message: m });
    const audit = await t.db.pool.query(`SELECT actor, partner_code, detail FROM exchange_events WHERE action = 'notice_issued'`);
    expect(audit.rows).toEqual([{ actor: 'rx-officer', partner_code: 'JP-CUSTOMS', detail: expect.objectContaining({ messageId: m.id, role: 'seller', key: 'COUNTERFEIT KICKS', evidenceCount: 1 }) }]);
  });

  it('are refused for a consumer, for a party our inspections found nothing on, and for days out of range, each saying why', async () => {
    const honest = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('RX-HONEST', { consignee, parties: { seller: { name: 'Honest Socks', code: 'HS-1' } } })] },
    });
    await riskUntil(honest.body.results[0].declarationId, () => true);
    const base = { text: { en: 'risky' }, validUntil: addDays(today, 30) };
    const post = (body: Record<string, unknown>) => api(t.base, 'POST', path, { token: officer.token, body: { ...base, ...body } });

    const consumer = await post({ role: 'consignee', key: consignee.pccc });
    expect(consumer.status).toBe(400);
    expect(consumer.body.error).toMatchObject({ details: [{ path: 'body.role', code: 'role_not_exchanged', ko: expect.stringContaining('수하인(소비자)') }], ko: expect.stringContaining('수하인(소비자)') });
    const nothingFound = await post({ role: 'seller', key: 'HS-1' });
    expect(nothingFound.status).toBe(409);
    expect(nothingFound.body.error.code).toBe('EXCHANGE_NOTICE_WITHOUT_FINDINGS');
    const past = await post({ role: 'seller', key: 'Counterfeit Kicks', validUntil: addDays(today, -1) });
    expect(past.status).toBe(400);
    expect(past.body.error.details).toMatchObject([{ path: 'body.validUntil', code: 'valid_until_past' }]);
    const far = await post({ role: 'seller', key: 'Counterfeit Kicks', validUntil: addDays(today, 400) });
    expect(far.status).toBe(400);
    expect(far.body.error).toMatchObject({ details: [{ path: 'body.validUntil', code: 'valid_until_too_far', params: { latest: addDays(today, 365) }, en: expect.stringContaining(addDays(today, 365)) }], en: expect.stringContaining(addDays(today, 365)) });
    expect((await post({ role: 'seller', key: 'Nobody At All' })).status).toBe(404);
    const toNobody = await post({ role: 'seller', key: 'Counterfeit Kicks', recipient: 'NOBODY' });
    expect([toNobody.status, toNobody.body.error.details]).toEqual([404, { path: 'body.recipient', code: 'NOBODY' }]);
    expect((await post({ role: 'seller', key: 'Counterfeit Kicks', text: { en: '' } })).status).toBe(400);
    const stored = await t.db.pool.query(`SELECT count(*)::int AS n FROM exchange_messages_out WHERE kind = 'risky_party_notice'`);
    expect(stored.rows[0].n).toBe(1); // only the notice of the test above
  });

  it('take a number only once accepted: refused notices, and a notice whose storing failed, leave no gap in our numbering', async () => {
    const post = (body: Record<string, unknown>) => api(t.base, 'POST', path, { token: officer.token, body: { text: { en: 'risky' }, validUntil: addDays(today, 30), ...body } });
    const last = (await api(t.base, 'GET', path, { token: officer.token })).body.notices[0].messageId as string;
    const n = Number(last.slice('KR-TG-PN-'.length));
    // Refused by each check: no findings, a day too far, a day past, a consumer, an unknown partner.
    expect((await post({ role: 'seller', key: 'HS-1' })).status).toBe(409);
    expect((await post({ role: 'seller', key: 'Counterfeit Kicks', validUntil: addDays(today, 400) })).status).toBe(400);
    expect((await post({ role: 'seller', key: 'Counterfeit Kicks', validUntil: addDays(today, -1) })).status).toBe(400);
    expect((await post({ role: 'consignee', key: consignee.pccc })).status).toBe(400);
    expect((await post({ role: 'seller', key: 'Counterfeit Kicks', recipient: 'NOBODY' })).status).toBe(404);
    // A number drawn, then the notice not stored (signing failed): the number goes back with the transaction.
    const store = new PgRiskExchangeStore(t.db.pool);
    await expect(store.saveNumberedNotice(() => { throw new Error('signing failed'); })).rejects.toThrow('signing failed');

    const accepted = await post({ role: 'seller', key: 'Counterfeit Kicks', recipient: 'JP-CUSTOMS' });
    expect(accepted.status).toBe(201);
    expect(accepted.body.message.id).toBe(partyNoticeId('KR', n + 1));
    const again = await post({ role: 'seller', key: 'Counterfeit Kicks' });
    expect(again.body.message.id).toBe(partyNoticeId('KR', n + 2));
  });
});

describe('messages from a partner', () => {
  let inboxId = 0;

  it('are accepted when signed by the registered key; a replay is 200, other content under the same id 409', async () => {
    const signed = signAsPartner(notice('JP-N-0001'));
    const r = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signed });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ replayed: false, received: { messageId: 'JP-N-0001', kind: 'risky_party_notice' } });
    inboxId = r.body.received.id;
    const replay = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signed });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ replayed: true, received: { id: inboxId } });
    const other = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(notice('JP-N-0001', { evidenceCount: 10 })) });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'EXCHANGE_MESSAGE_CONFLICT', details: { path: 'id', messageId: 'JP-N-0001' } }); // the message's field (before: no path)
  });

  it('are refused when tampered with, signed by another key or sent by an unknown administration (401), or malformed (400 with field paths)', async () => {
    const signed = signAsPartner(notice('JP-N-0002'));
    const tampered = { ...signed, body: { ...signed.body, party: { ...signed.body.party, name: 'Innocent Shop' } } };
    const r = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: tampered });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatchObject({ code: 'EXCHANGE_SIGNATURE_INVALID', ko: expect.any(String), en: expect.any(String) });
    const stranger = crypto.generateKeyPairSync('ed25519');
    const otherKey = signAsPartner(notice('JP-N-0003'), stranger.privateKey);
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: otherKey })).status).toBe(401);
    const strangerId = thumbprint((stranger.publicKey.export({ format: 'jwk' }) as { x: string }).x);
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(notice('JP-N-0003b'), stranger.privateKey, strangerId) })).status).toBe(401);
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner({ ...notice('X-1'), from: 'NOBODY' }) })).status).toBe(401);

    const malformed = signAsPartner(notice('JP-N-0004', { evidenceCount: 0, consignee: { pccc: 'P123456789012' }, validUntil: '2026-02-30' }));
    const bad = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: malformed });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('EXCHANGE_MESSAGE_INVALID');
    expect(bad.body.error.details.errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['body.consignee', 'unknown_field'],
      ['body.evidenceCount', 'value_out_of_range'],
      ['body.validUntil', 'invalid_date'],
    ]);
    expect(bad.body.error.details.errors[0]).toMatchObject({ ko: '정의되지 않은 항목입니다. 철자를 확인하세요.', en: 'Unknown field: check its spelling.' });
    const wrongCountry = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(notice('JP-N-0005', { reportingCountry: 'CN' })) });
    expect(wrongCountry.status).toBe(400);
    expect(wrongCountry.body.error.details.errors).toMatchObject([{ path: 'body.reportingCountry', code: 'not_partner_country' }]);
    expect((await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: { hello: 1 } })).status).toBe(400);

    // Only the accepted message is stored; the refusals from the registered partner are in the audit trail, without their bodies.
    const stored = await t.db.pool.query(`SELECT message_id FROM exchange_messages_in ORDER BY id`);
    expect(stored.rows.map((x) => x.message_id)).toEqual(['JP-N-0001']);
    const refused = await t.db.pool.query(`SELECT detail FROM exchange_events WHERE action = 'refused' ORDER BY id`);
    expect(refused.rows.map((x) => [x.detail.messageId, x.detail.reason])).toEqual([
      ['JP-N-0002', 'bad_signature'],
      ['JP-N-0003', 'bad_signature'],
      ['JP-N-0003b', 'unknown_key'],
      ['JP-N-0004', 'invalid'],
      ['JP-N-0005', 'invalid'],
    ]);
  });

  it('become a rule draft an administrator publishes; the next declaration from that seller hits the watch-list with the reason', async () => {
    const before = await submit('RX-BEFORE');
    const beforeRisk = await riskUntil(before, () => true);
    expect(beforeRisk.score.ruleHits.map((h: { code: string }) => h.code).filter((c: string) => c.startsWith('RX_'))).toEqual([]);

    const inbox = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages', { token: officer.token });
    expect(inbox.status).toBe(200);
    expect(inbox.body.messages).toHaveLength(1);
    expect(inbox.body.messages[0]).toMatchObject({ id: inboxId, partner: 'JP-CUSTOMS', state: 'verified', drafts: [] });
    expect((await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages')).status).toBe(401);

    const draft = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${inboxId}/draft`, { token: officer.token, body: { weight: 0.45 } });
    expect(draft.status).toBe(201);
    const rule = draft.body.proposal.rule;
    expect(rule).toMatchObject({ code: 'RX_JP_CUSTOMS_JP_N_0001', role: 'seller', keys: ['COUNTERFEIT KICKS'], weight: 0.45 });
    expect(draft.body.draft.rules.watchlists).toContainEqual(rule);
    expect(draft.body.draft.basedOn).toBe('risk-rules-2026-01-01');
    expect((await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/999999/draft`, { token: officer.token, body: {} })).status).toBe(404);
    const inDraft = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?state=in_draft', { token: officer.token });
    expect(inDraft.body.messages.map((x: { id: number }) => x.id)).toEqual([inboxId]);

    // Nothing changed the live rules yet: a declaration now is scored with the old set.
    const meanwhile = await submit('RX-MEANWHILE');
    expect((await riskUntil(meanwhile, () => true)).score.ruleSetVersion).toBe('risk-rules-2026-01-01');

    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.draft.id}/publish`, { token: officer.token, body: {} })).status).toBe(403);
    const pub = await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.draft.id}/publish`, { token: admin.token, body: { version: 'rules-rx-1' } });
    expect(pub.status).toBe(201);
    const applied = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages', { token: officer.token });
    expect(applied.body.messages[0]).toMatchObject({ state: 'applied', drafts: [{ draftId: draft.body.draft.id, publishedAs: 'rules-rx-1' }] });
    const audit = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body.audit;
    expect(audit.find((a: { action: string; draftId: number }) => a.action === 'draft_created' && a.draftId === draft.body.draft.id).detail).toMatchObject({ from: 'risk_exchange', partner: 'JP-CUSTOMS', messageId: 'JP-N-0001' });

    const after = await submit('RX-AFTER');
    const risk = await riskUntil(after, (x) => x.score.ruleSetVersion === 'rules-rx-1');
    const hit = risk.score.ruleHits.find((h: { code: string }) => h.code === 'RX_JP_CUSTOMS_JP_N_0001');
    expect(hit).toBeDefined();
    expect(hit.weight).toBe(0.45);
    expect(hit.ko).toContain('위조 운동화 9건 적발');
    expect(hit.ko).toContain('해외 세관 통보(JP-CUSTOMS)');
    expect(hit.en).toContain('fake sneakers seized in 9 parcels');
    expect(hit.en).toMatch(/\(COUNTERFEIT KICKS\)$/);
    expect(risk.score.ruleScore).toBeGreaterThan(beforeRisk.score.ruleScore);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = await api(t.base, 'GET', '/api/openapi.json');
    for (const p of ['/api/v1/risk-exchange/messages', '/api/v1/officer/risk-exchange/partners', '/api/v1/officer/risk-exchange/partners/{code}/keys', '/api/v1/officer/risk-exchange/partners/{code}/keys/{keyId}/revoke', '/api/v1/officer/risk-exchange/seizure-reports/export', '/api/v1/officer/risk-exchange/messages/{id}/draft'])
      expect(Object.keys(doc.body.paths)).toContain(p);
    const inbound = doc.body.paths['/api/v1/risk-exchange/messages'].post;
    expect(JSON.stringify(inbound.requestBody)).toContain('evidenceCount');
  });
});

describe('partner keys', () => {
  // The partner rotates: its next key pair, registered beside the first, then the first is revoked.
  const nextKeys = crypto.generateKeyPairSync('ed25519');
  const nextX = (nextKeys.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const firstId = thumbprint(partnerX);
  const nextId = thumbprint(nextX);
  const keysPath = '/api/v1/officer/risk-exchange/partners/JP-CUSTOMS/keys';
  const send = (m: object) => api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: m });

  it('are added by administrators only; a message signed with the added key is accepted', async () => {
    expect((await api(t.base, 'POST', keysPath, { body: { publicKey: nextX } })).status).toBe(401);
    expect((await api(t.base, 'POST', keysPath, { token: officer.token, body: { publicKey: nextX } })).status).toBe(403);
    const bad = await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: `${'A'.repeat(42)}B` } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('EXCHANGE_KEY_INVALID');
    const ours = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token })).body.signingKey.publicKey;
    expect((await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: ours } })).status).toBe(400);
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners/NOBODY/keys', { token: admin.token, body: { publicKey: nextX } })).status).toBe(404);

    const added = await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: nextX } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ keyId: nextId, publicKey: nextX, state: 'active', addedBy: 'rx-admin', revokedAt: null });
    const again = await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: nextX } });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'EXCHANGE_KEY_EXISTS', details: { path: 'body.publicKey' } }); // before: no path

    // Both keys are valid while the partner rotates.
    expect((await send(signAsPartner(notice('JP-N-0101'), nextKeys.privateKey, nextId))).status).toBe(201);
    expect((await send(signAsPartner(notice('JP-N-0102')))).status).toBe(201);
    const list = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token });
    expect(list.body.partners[0].keys.map((k: { keyId: string; state: string }) => [k.keyId, k.state])).toEqual([
      [firstId, 'active'],
      [nextId, 'active'],
    ]);
  });

  it('are revoked by administrators only, with a reason; a message signed with a revoked key is refused (401), those received before stay', async () => {
    const revoke = (keyId: string, body: object, token: string | null = admin.token) => api(t.base, 'POST', `${keysPath}/${keyId}/revoke`, token === null ? { body } : { token, body });
    expect((await revoke(firstId, { reason: 'rotation' }, null)).status).toBe(401);
    expect((await revoke(firstId, { reason: 'rotation' }, officer.token)).status).toBe(403);
    expect((await revoke(firstId, {})).status).toBe(400);
    expect((await revoke(firstId, { reason: '   ' })).status).toBe(400);
    expect((await revoke('A'.repeat(43), { reason: 'rotation' })).status).toBe(404);
    expect((await revoke('short', { reason: 'rotation' })).status).toBe(400);

    const r = await revoke(firstId, { reason: 'scheduled rotation 2026' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ keyId: firstId, state: 'revoked', revokedBy: 'rx-admin', revokedReason: 'scheduled rotation 2026', revokedAt: expect.any(String) });
    const twice = await revoke(firstId, { reason: 'again' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('EXCHANGE_KEY_REVOKED');
    // A revoked key cannot come back: the partner sends a new one.
    expect((await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: partnerX } })).body.error.code).toBe('EXCHANGE_KEY_EXISTS');

    const refused = await send(signAsPartner(notice('JP-N-0103')));
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('EXCHANGE_SIGNATURE_INVALID');
    expect((await send(signAsPartner(notice('JP-N-0104'), nextKeys.privateKey, nextId))).status).toBe(201);
    // Received before the revocation: still stored and listed, with the key that verified it. A replay of it now names a revoked key: 401.
    const stored = await t.db.pool.query(`SELECT message_id, key_id FROM exchange_messages_in WHERE message_id IN ('JP-N-0001', 'JP-N-0102', 'JP-N-0103') ORDER BY id`);
    expect(stored.rows).toEqual([
      { message_id: 'JP-N-0001', key_id: firstId },
      { message_id: 'JP-N-0102', key_id: firstId },
    ]);
    expect((await send(signAsPartner(notice('JP-N-0102')))).status).toBe(401);
    // Listed with the key that signed it, now revoked in a routine rotation (no compromise stated):
    // received while the key was valid, it stands, and a rule may be drafted from it, with a note.
    const inbox = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?partner=JP-CUSTOMS', { token: officer.token });
    const byId = (id: string) => inbox.body.messages.find((m: { messageId: string }) => m.messageId === id);
    expect(byId('JP-N-0102').signedWith).toEqual({
      keyId: firstId,
      revokedAt: expect.any(String),
      revokedReason: 'scheduled rotation 2026',
      compromisedSince: null,
      suspect: false,
      note: { ko: expect.any(String), en: expect.any(String) },
    });
    expect(byId('JP-N-0102').signedWith.note.ko).toContain('폐기 기록에 키가 유출되었다는 내용이 없으므로 그대로 유효합니다. 규칙 초안을 만들 수 있습니다.');
    expect(byId('JP-N-0102').signedWith.note.en).toContain('(reason: “scheduled rotation 2026”)');
    expect(byId('JP-N-0104').signedWith).toEqual({ keyId: nextId, revokedAt: null, revokedReason: null, compromisedSince: null, suspect: false, note: null });
    const draft = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${byId('JP-N-0102').id}/draft`, { token: officer.token, body: {} });
    expect(draft.status).toBe(201);
    expect(draft.body.proposal.source).toMatchObject({ partner: 'JP-CUSTOMS', messageId: 'JP-N-0102' });

    // The last active key only on purpose; then the partner can send nothing.
    const last = await revoke(nextId, { reason: 'compromised' });
    expect(last.status).toBe(409);
    expect(last.body.error.code).toBe('EXCHANGE_LAST_KEY');
    expect((await revoke(nextId, { reason: 'compromised', lastKey: true })).status).toBe(200);
    expect((await send(signAsPartner(notice('JP-N-0105'), nextKeys.privateKey, nextId))).status).toBe(401);

    const list = await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token });
    expect(list.body.partners[0].keys.map((k: { keyId: string; state: string; revokedReason: string | null }) => [k.keyId, k.state, k.revokedReason])).toEqual([
      [firstId, 'revoked', 'scheduled rotation 2026'],
      [nextId, 'revoked', 'compromised'],
    ]);
  });

  it('leave a hit resting on a message received while its key was valid standing: flagged with the revocation, not suspect, unless a compromise is stated', async () => {
    // JP-N-0001 (in rules-rx-1) reached us signed with the first key, revoked since as a scheduled rotation, no compromise stated.
    const id = await submit('RX-KEY-ROTATED');
    const risk = await riskUntil(id, (x) => x.score.ruleSetVersion === 'rules-rx-1');
    const source = risk.score.ruleHits.find((h: { code: string }) => h.code === 'RX_JP_CUSTOMS_JP_N_0001').sourceMessage;
    expect(source.signedWith).toEqual({
      keyId: firstId,
      revocation: { revokedAt: expect.any(String), reason: 'scheduled rotation 2026', compromisedSince: null, suspect: false, warning: { ko: expect.any(String), en: expect.any(String) } },
    });
    expect(source.signedWith.revocation.warning.ko).toContain('폐기 기록에 키가 유출되었다는 내용이 없으므로 그대로 유효합니다');
    expect(source.signedWith.revocation.warning.en).toContain('the revocation does not say the key was compromised, so it stands');
    expect(Date.parse(source.receivedAt)).toBeLessThan(Date.parse(source.signedWith.revocation.revokedAt));
  });

  it('are audited, and only a revocation ever changes a stored key', async () => {
    const events = await t.db.pool.query(`SELECT actor, action, partner_code, detail FROM exchange_events WHERE action IN ('partner_registered', 'key_added', 'key_revoked') ORDER BY id`);
    expect(events.rows.map((e) => [e.actor, e.action, e.partner_code, e.detail.keyId, e.detail.reason ?? null])).toEqual([
      ['rx-admin', 'partner_registered', 'JP-CUSTOMS', firstId, null],
      ['rx-admin', 'key_added', 'JP-CUSTOMS', nextId, null],
      ['rx-admin', 'key_revoked', 'JP-CUSTOMS', firstId, 'scheduled rotation 2026'],
      ['rx-admin', 'key_revoked', 'JP-CUSTOMS', nextId, 'compromised'],
    ]);
    expect(events.rows[3].detail.lastKey).toBe(true);
    const refused = await t.db.pool.query(`SELECT detail FROM exchange_events WHERE action = 'refused' AND detail->>'messageId' LIKE 'JP-N-01%' ORDER BY id`);
    expect(refused.rows.map((x) => [x.detail.messageId, x.detail.reason])).toEqual([
      ['JP-N-0103', 'revoked_key'],
      ['JP-N-0102', 'revoked_key'],
      ['JP-N-0105', 'revoked_key'],
    ]);
    const audit = await t.db.pool.query(`SELECT action FROM audit_log WHERE action LIKE 'risk_exchange.partner_key%' ORDER BY id`);
    expect(audit.rows.map((x) => x.action)).toEqual(['risk_exchange.partner_key_added', 'risk_exchange.partner_key_revoked', 'risk_exchange.partner_key_revoked']);

    await expect(t.db.pool.query(`UPDATE exchange_partner_keys SET public_key = $1 WHERE key_id = $2`, [nextX, firstId])).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`UPDATE exchange_partner_keys SET revoked_reason = 'other' WHERE key_id = $1`, [firstId])).rejects.toThrow(/append-only/);
    await expect(t.db.pool.query(`DELETE FROM exchange_partner_keys`)).rejects.toThrow(/append-only/);
  });
});

describe('withdrawing a risky-party notice', () => {
  // Partners of their own: JP-CUSTOMS has had every key revoked above.
  const cnKeys = crypto.generateKeyPairSync('ed25519');
  const vnKeys = crypto.generateKeyPairSync('ed25519');
  const xOf = (k: crypto.KeyPairKeyObjectResult) => (k.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const asCn = <T extends Record<string, unknown>>(m: T) => signAsPartner(m, cnKeys.privateKey, thumbprint(xOf(cnKeys)));
  const asVn = <T extends Record<string, unknown>>(m: T) => signAsPartner(m, vnKeys.privateKey, thumbprint(xOf(vnKeys)));
  const send = (m: object) => api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: m });
  const digestOf = (m: object) => crypto.createHash('sha256').update(signingInput(m as Record<string, unknown>)).digest('hex');
  const cnNotice = (id: string) => ({ ...notice(id), from: 'CN-GACC', body: { ...notice(id).body, reportingCountry: 'CN', party: { role: 'seller', name: 'Fake Bags Co', code: 'FB-9' } } });
  const withdrawal = (id: string, of: { id: string; issuedAt: string }, digest: string, from = 'CN-GACC', country = 'CN') => ({
    format: 'tonggwan-risk-exchange',
    version: '1.0',
    kind: 'party_notice_withdrawal',
    id,
    from,
    to: 'KR',
    issuedAt: `${new Date().toISOString().slice(0, 19)}Z`,
    body: { reportingCountry: country, withdraws: { id: of.id, issuedAt: of.issuedAt, digest }, reason: { grounds: 'party_cleared', text: { en: 'the seller won its appeal' } } },
  });
  const path = '/api/v1/officer/risk-exchange/party-notices';
  const withdraw = (messageId: string, body: object, token: string | null = officer.token) =>
    api(t.base, 'POST', `${path}/${encodeURIComponent(messageId)}/withdraw`, token === null ? { body } : { token, body });

  beforeAll(async () => {
    for (const [code, country, k] of [['CN-GACC', 'CN', cnKeys], ['VN-CUSTOMS', 'VN', vnKeys]] as const)
      expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body: { code, name: code, country, publicKey: xOf(k) } })).status).toBe(201);
  });

  it('ours: an officer withdraws a notice once, with a reason; the withdrawal is signed over its reference to the notice, numbered, stored, listed and audited', async () => {
    const notices = (await api(t.base, 'GET', path, { token: officer.token })).body.notices as { messageId: string; recipient: string | null; message: any; withdrawal: unknown }[];
    const target = notices.find((n) => n.recipient === 'JP-CUSTOMS')!;
    expect(target.withdrawal).toBeNull();
    const body = { grounds: 'issued_in_error', reason: '판매자를 잘못 식별함', reasonEn: 'the seller was misidentified' };
    expect((await withdraw(target.messageId, body, null)).status).toBe(401);
    expect((await withdraw(target.messageId, body, operator.key)).status).toBe(403);
    const blank = await withdraw(target.messageId, { ...body, reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details).toMatchObject([{ path: 'body.reason', code: 'too_short' }]);
    expect((await withdraw(target.messageId, { reason: '사유' })).status).toBe(400); // grounds required
    expect((await withdraw('KR-TG-PN-99999999', body)).body.error.code).toBe('EXCHANGE_NOTICE_NOT_FOUND');

    const r = await withdraw(target.messageId, body);
    expect(r.status).toBe(201);
    const w = r.body.message;
    expect(w).toMatchObject({
      kind: 'party_notice_withdrawal',
      id: 'KR-TG-PW-00000001',
      from: 'KR',
      to: 'JP-CUSTOMS',
      body: {
        reportingCountry: 'KR',
        withdraws: { id: target.messageId, issuedAt: target.message.issuedAt, digest: digestOf(target.message) },
        reason: { grounds: 'issued_in_error', text: { ko: '판매자를 잘못 식별함', en: 'the seller was misidentified' } },
      },
    });
    expect(r.body.withdraws).toEqual({ messageId: target.messageId, recipient: 'JP-CUSTOMS' });
    // The partner verifies it with our key and accepts it as it accepts our notices; altered, it no longer verifies.
    const ours = crypto.createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: r.body.signingKey.publicKey }, format: 'jwk' });
    const verifies = (m: object) => crypto.verify(null, Buffer.from(signingInput(m as Record<string, unknown>)), ours, Buffer.from(w.signature.value, 'base64url'));
    expect(verifies(w)).toBe(true);
    expect(verifies({ ...w, body: { ...w.body, withdraws: { ...w.body.withdraws, id: 'KR-TG-PN-00000099' } } })).toBe(false);
    expect(validateExchangeMessage(w, { now: new Date(), recipient: 'JP-CUSTOMS' })).toMatchObject({ ok: true });

    // Once: the second time says when and by whom it was withdrawn; nothing more is stored, no number taken.
    const twice = await withdraw(target.messageId, body);
    expect(twice.status).toBe(409);
    expect(twice.body.error).toMatchObject({ code: 'EXCHANGE_NOTICE_WITHDRAWN', details: { withdrawal: 'KR-TG-PW-00000001', withdrawnBy: 'rx-officer' } });
    // Only notices: a seizure report (or a withdrawal) is not withdrawn.
    const report = await t.db.pool.query(`SELECT message_id FROM exchange_messages_out WHERE kind = 'seizure_report' LIMIT 1`);
    const wrongKind = await withdraw(report.rows[0].message_id, body);
    expect(wrongKind.status).toBe(422);
    expect(wrongKind.body.error).toMatchObject({ code: 'EXCHANGE_NOT_WITHDRAWABLE', details: { kind: 'seizure_report' } });
    expect((await withdraw('KR-TG-PW-00000001', body)).status).toBe(422);

    const listed = (await api(t.base, 'GET', path, { token: officer.token })).body.notices as { messageId: string; withdrawal: any }[];
    expect(listed.find((n) => n.messageId === target.messageId)!.withdrawal).toEqual({ messageId: w.id, createdBy: 'rx-officer', createdAt: expect.any(String), message: w });
    expect(listed.filter((n) => n.withdrawal).length).toBe(1);
    expect(listed.map((n) => n.messageId)).not.toContain(w.id); // a withdrawal is shown on its notice, not as a notice
    const audit = await t.db.pool.query(`SELECT actor, partner_code, detail FROM exchange_events WHERE action = 'notice_withdrawn' AND message_in_id IS NULL`);
    expect(audit.rows).toEqual([{ actor: 'rx-officer', partner_code: 'JP-CUSTOMS', detail: { messageId: w.id, withdraws: target.messageId, recipient: 'JP-CUSTOMS', grounds: 'issued_in_error', reason: { ko: '판매자를 잘못 식별함', en: 'the seller was misidentified' } } }]);

    // The next withdrawal takes the next number (the refusals above took none); English is optional.
    const other = notices.find((n) => n.messageId !== target.messageId)!;
    const next = await withdraw(other.messageId, { grounds: 'party_cleared', reason: '이의신청 인용' });
    expect(next.status).toBe(201);
    expect(next.body.message).toMatchObject({ id: 'KR-TG-PW-00000002', body: { reason: { grounds: 'party_cleared', text: { ko: '이의신청 인용' } } } });
    expect(next.body.message.body.reason.text).not.toHaveProperty('en');
    // One withdrawal per notice, held by the database too; the stored messages stay append-only.
    await expect(
      t.db.pool.query(`INSERT INTO exchange_messages_out (message_id, recipient, kind, message, created_by, withdraws_id) SELECT 'X-1', recipient, 'party_notice_withdrawal', message, 'x', withdraws_id FROM exchange_messages_out WHERE message_id = $1`, [w.id]),
    ).rejects.toThrow(/exchange_messages_out_withdrawn_once/);
    await expect(t.db.pool.query(`DELETE FROM exchange_messages_out WHERE message_id = $1`, [w.id])).rejects.toThrow(/append-only/);
  });

  it('ours: two officers withdrawing the same notice at once get one withdrawal, the other a 409, and no gap in the numbers', async () => {
    const notices = (await api(t.base, 'GET', path, { token: officer.token })).body.notices as { messageId: string; withdrawal: unknown }[];
    const standing = notices.find((n) => n.withdrawal === null)!;
    const other = await t.officer('rx-officer-2');
    const both = await Promise.all([
      withdraw(standing.messageId, { grounds: 'other', reason: '중복 통보' }),
      withdraw(standing.messageId, { grounds: 'other', reason: '중복 통보' }, other.token),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.status === 201)!.body.message.id).toBe('KR-TG-PW-00000003');
    const rows = await t.db.pool.query(`SELECT w.message_id FROM exchange_messages_out w JOIN exchange_messages_out n ON n.id = w.withdraws_id WHERE n.message_id = $1`, [standing.messageId]);
    expect(rows.rows).toEqual([{ message_id: 'KR-TG-PW-00000003' }]);
  });

  let noticeIn: { id: number; message: ReturnType<typeof asCn> };
  let published: number;
  let pending: number;

  it("a partner's: marks its notice withdrawn, flags the drafts made from it, leaves the published rules to the officers, and refuses new drafts; a replay is 200", async () => {
    const n1 = asCn(cnNotice('CN-N-1'));
    const received = await send(n1);
    expect(received.status).toBe(201);
    noticeIn = { id: received.body.received.id, message: n1 };
    const draft = async () => api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${noticeIn.id}/draft`, { token: officer.token, body: {} });
    published = (await draft()).body.draft.id;
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${published}/publish`, { token: admin.token, body: { version: 'rules-cn-1' } })).status).toBe(201);
    pending = (await draft()).body.draft.id;

    const w1 = asCn(withdrawal('CN-W-1', n1, digestOf(n1)));
    const r = await send(w1);
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ replayed: false, received: { id: expect.any(Number), messageId: 'CN-W-1', kind: 'party_notice_withdrawal', receivedAt: expect.any(String) }, withdrawn: { id: noticeIn.id, messageId: 'CN-N-1' } });
    const replay = await send(w1);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ replayed: true, received: { id: r.body.received.id }, withdrawn: { messageId: 'CN-N-1' } });
    const changed = await send(asCn({ ...w1, signature: undefined, body: { ...w1.body, reason: { grounds: 'other', text: { en: 'x' } } } }));
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('EXCHANGE_MESSAGE_CONFLICT');
    const again = await send(asCn(withdrawal('CN-W-2', n1, digestOf(n1))));
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'EXCHANGE_NOTICE_WITHDRAWN', details: { path: 'body.withdraws.id', withdrawal: 'CN-W-1' } });
    const recorded = await t.db.pool.query(`SELECT detail FROM exchange_events WHERE action = 'refused' AND detail->>'messageId' = 'CN-W-2'`);
    expect(recorded.rows.map((x) => x.detail)).toEqual([{ messageId: 'CN-W-2', reason: 'withdrawal_already_withdrawn', detail: { withdraws: 'CN-N-1' } }]);

    // The inbox: the notice withdrawn (when, why), its drafts with their rule codes; the withdrawal itself is no entry of its own.
    const inbox = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?partner=CN-GACC', { token: officer.token })).body.messages;
    expect(inbox.map((m: { messageId: string }) => m.messageId)).toEqual(['CN-N-1']);
    expect(inbox[0]).toMatchObject({
      state: 'applied',
      withdrawal: { id: r.body.received.id, messageId: 'CN-W-1', issuedAt: w1.issuedAt, receivedAt: expect.any(String), reason: { grounds: 'party_cleared', text: { en: 'the seller won its appeal' } } },
      drafts: [
        { draftId: published, publishedAs: 'rules-cn-1', ruleCode: 'RX_CN_GACC_CN_N_1' },
        { draftId: pending, publishedAs: null, ruleCode: 'RX_CN_GACC_CN_N_1' },
      ],
    });
    const onlyWithdrawn = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?withdrawn=true', { token: officer.token })).body.messages;
    expect(onlyWithdrawn.map((m: { messageId: string }) => m.messageId)).toEqual(['CN-N-1']);
    const standing = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?withdrawn=false&partner=CN-GACC', { token: officer.token })).body.messages;
    expect(standing).toEqual([]);

    // Officers own the rule set: the published entry stays until they remove it; the pending draft is kept, flagged (above).
    const rules = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body;
    const live = rules.published.find((p: { version: string }) => p.version === 'rules-cn-1');
    expect(live.rules.watchlists.map((x: { code: string }) => x.code)).toContain('RX_CN_GACC_CN_N_1');
    expect(rules.drafts.find((d: { id: number }) => d.id === pending)).toMatchObject({ publishedAs: null });
    // The rules answer names, on each version and draft holding it, the entry resting on the withdrawn notice (the rules page shows it as it is).
    const entry = { code: 'RX_CN_GACC_CN_N_1', sourceId: noticeIn.id, partner: 'CN-GACC', messageId: 'CN-N-1', withdrawnAt: inbox[0].withdrawal.receivedAt, grounds: 'party_cleared' };
    expect(live.withdrawnEntries).toEqual([entry]);
    expect(rules.drafts.find((d: { id: number }) => d.id === pending).withdrawnEntries).toEqual([entry]);
    expect(rules.drafts.find((d: { id: number }) => d.id === published).withdrawnEntries).toEqual([entry]);
    // The set loaded at start holds no entry from the exchange; nor does a draft once the entry is taken out.
    expect(rules.published.find((p: { version: string }) => p.version === 'risk-rules-2026-01-01').withdrawnEntries).toEqual([]);
    const pendingRules = rules.drafts.find((d: { id: number }) => d.id === pending).rules;
    const edited = { ...pendingRules, watchlists: pendingRules.watchlists.filter((x: { code: string }) => x.code !== 'RX_CN_GACC_CN_N_1') };
    expect((await api(t.base, 'PATCH', `/api/v1/officer/risk/rules/drafts/${pending}`, { token: officer.token, body: { rules: edited } })).status).toBe(200);
    const afterEdit = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body;
    expect(afterEdit.drafts.find((d: { id: number }) => d.id === pending).withdrawnEntries).toEqual([]);
    expect(afterEdit.published.find((p: { version: string }) => p.version === 'rules-cn-1').withdrawnEntries).toEqual([entry]);
    // Nothing new rests on a withdrawn notice.
    const refused = await draft();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'EXCHANGE_MESSAGE_WITHDRAWN', details: { withdrawal: 'CN-W-1' } });
    const trail = await t.db.pool.query(`SELECT action, detail FROM exchange_events WHERE message_in_id = $1 ORDER BY id`, [noticeIn.id]);
    expect(trail.rows.map((e) => e.action)).toEqual(['received', 'draft_created', 'draft_created', 'notice_withdrawn']);
    expect(trail.rows[3].detail).toEqual({ withdrawal: 'CN-W-1', grounds: 'party_cleared' });
  });

  it('refuses a withdrawal of a notice never received, of another partner’s notice, of a seizure report, or of other content (4xx, recorded, nothing stored)', async () => {
    const n2 = asCn(cnNotice('CN-N-2'));
    expect((await send(n2)).status).toBe(201);
    const report = asCn({
      ...notice('CN-SR-1'),
      from: 'CN-GACC',
      kind: 'seizure_report',
      body: {
        reportingCountry: 'CN',
        seizureDate: today,
        detection: { outcome: 'undervalued', offence: 'undervaluation', category: 'revenue' },
        transport: { mode: 'postal', modeCode: '5', departureCountry: 'CN', destinationCountry: 'KR' },
        goods: [{ hsCode: '851713', description: 'smartphone', quantity: 3 }],
        invoiceValue: { amount: 90, currency: 'USD' },
        declaredValue: { amount: 120000, currency: 'KRW' },
        parties: { seller: { name: 'Cheap Phones' } },
      },
    });
    expect((await send(report)).status).toBe(201);

    const cases: [object, number, string, string, string][] = [
      [asCn(withdrawal('CN-W-10', { id: 'CN-N-404', issuedAt: n2.issuedAt }, digestOf(n2))), 422, 'EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE', 'withdrawal_unknown_original', 'body.withdraws.id'],
      // VN-CUSTOMS withdrawing CN-GACC's notice, digest and all: answered as unknown (VN learns nothing of CN's messages), recorded as what it was.
      [asVn(withdrawal('VN-W-1', n2, digestOf(n2), 'VN-CUSTOMS', 'VN')), 422, 'EXCHANGE_WITHDRAWAL_UNKNOWN_NOTICE', 'withdrawal_other_partner', 'body.withdraws.id'],
      [asCn(withdrawal('CN-W-11', report, digestOf(report))), 422, 'EXCHANGE_NOT_WITHDRAWABLE', 'withdrawal_not_a_notice', 'body.withdraws.id'],
      [asCn(withdrawal('CN-W-12', n2, digestOf({ ...n2, body: { ...n2.body, evidenceCount: 1 } }))), 409, 'EXCHANGE_WITHDRAWAL_MISMATCH', 'withdrawal_digest_mismatch', 'body.withdraws.digest'],
    ];
    for (const [m, status, code, , path] of cases) {
      const r = await send(m);
      // Each names the field of the withdrawal that was refused, as its field errors would (before: no path).
      expect([r.status, r.body.error?.code, r.body.error?.details?.path]).toEqual([status, code, path]);
      expect(r.body.error).toMatchObject({ ko: expect.any(String), en: expect.any(String) });
    }
    // Tampered after signing: the signature, not the reference check, refuses it.
    const signed = asCn(withdrawal('CN-W-13', n2, digestOf(n2)));
    const tampered = await send({ ...signed, body: { ...signed.body, withdraws: { ...signed.body.withdraws, id: 'CN-N-1' } } });
    expect(tampered.status).toBe(401);

    const stored = await t.db.pool.query(`SELECT message_id FROM exchange_messages_in WHERE kind = 'party_notice_withdrawal' ORDER BY id`);
    expect(stored.rows.map((x) => x.message_id)).toEqual(['CN-W-1']);
    const refusals = await t.db.pool.query(`SELECT partner_code, detail FROM exchange_events WHERE action = 'refused' AND detail->>'reason' LIKE 'withdrawal_%' AND detail->>'messageId' <> 'CN-W-2' ORDER BY id`);
    expect(refusals.rows.map((x) => [x.partner_code, x.detail.messageId, x.detail.reason])).toEqual(cases.map(([m, , , reason]) => [(m as { from: string }).from, (m as { id: string }).id, reason]));
    // CN-N-2 still stands.
    const inbox = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?partner=CN-GACC&kind=risky_party_notice', { token: officer.token })).body.messages;
    expect(inbox.find((m: { messageId: string }) => m.messageId === 'CN-N-2').withdrawal).toBeNull();
  });

  it("the risk view of a declaration names the partner's notice each watch-list hit rests on, and once the notice is withdrawn, when and why, in Korean and English", async () => {
    // CN-N-2 (still standing) drafted and published on top of rules-cn-1, which holds CN-N-1's entry (withdrawn above).
    const n2 = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?partner=CN-GACC&kind=risky_party_notice', { token: officer.token })).body.messages.find((m: { messageId: string }) => m.messageId === 'CN-N-2');
    const draft = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${n2.id}/draft`, { token: officer.token, body: {} });
    expect(draft.status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.draft.id}/publish`, { token: admin.token, body: { version: 'rules-cn-2' } })).status).toBe(201);
    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('RX-CN-BAGS', { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Fake Bags Co', code: 'FB-9', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } } })] },
    });
    expect(r.status).toBe(200);
    const id = r.body.results[0].declarationId as number;
    const hitsOf = (risk: any) => new Map<string, any>(risk.score.ruleHits.map((h: { code: string }) => [h.code, h]));
    const before = hitsOf(await riskUntil(id, (x) => x.score.ruleSetVersion === 'rules-cn-2'));

    const gone = before.get('RX_CN_GACC_CN_N_1');
    expect(gone.sourceMessage).toEqual({
      id: noticeIn.id,
      partner: 'CN-GACC',
      messageId: 'CN-N-1',
      kind: 'risky_party_notice',
      withdrawal: {
        id: expect.any(Number),
        messageId: 'CN-W-1',
        issuedAt: expect.any(String),
        receivedAt: expect.any(String),
        reason: { grounds: 'party_cleared', text: { en: 'the seller won its appeal' } },
        warning: { ko: expect.stringContaining('CN-GACC 통보 CN-N-1'), en: expect.stringContaining('notice CN-N-1 of CN-GACC') },
      },
      receivedAt: expect.any(String),
      signedWith: { keyId: thumbprint(xOf(cnKeys)), revocation: null }, // the key still active
    });
    expect(gone.sourceMessage.withdrawal.warning.ko).toContain('혐의 해소');
    expect(gone.sourceMessage.withdrawal.warning.en).toContain('“the seller won its appeal”');
    // Still a hit, with its weight: the rules did not change by themselves.
    expect(gone.weight).toBeGreaterThan(0);
    expect(before.get('RX_CN_GACC_CN_N_2').sourceMessage).toEqual({ id: n2.id, partner: 'CN-GACC', messageId: 'CN-N-2', kind: 'risky_party_notice', withdrawal: null, receivedAt: n2.receivedAt, signedWith: { keyId: thumbprint(xOf(cnKeys)), revocation: null } });
    // A hit of a rule of our own names no message.
    for (const [code, h] of before) if (!code.startsWith('RX_')) expect(h).not.toHaveProperty('sourceMessage');

    const w3 = withdrawal('CN-W-3', n2.message, digestOf(n2.message));
    w3.body.reason = { grounds: 'issued_in_error', text: { ko: '다른 판매자와 혼동', en: 'confused with another seller' } } as typeof w3.body.reason;
    expect((await send(asCn(w3))).status).toBe(201);
    const after = hitsOf(await riskUntil(id, () => true));
    expect(after.get('RX_CN_GACC_CN_N_2').sourceMessage.withdrawal).toMatchObject({ messageId: 'CN-W-3', reason: { grounds: 'issued_in_error' } });
    const warning = after.get('RX_CN_GACC_CN_N_2').sourceMessage.withdrawal.warning;
    expect(warning.ko).toMatch(/^감시 대상 RX_CN_GACC_CN_N_2의 근거인 CN-GACC 통보 CN-N-2은\(는\) \d{4}-\d{2}-\d{2} \d{2}:\d{2}\(한국시간\)에 철회되었습니다 · 착오 통보: “다른 판매자와 혼동”/);
    expect(warning.en).toMatch(/^Watch-list entry RX_CN_GACC_CN_N_2 rests on notice CN-N-2 of CN-GACC, withdrawn \d{4}-\d{2}-\d{2} \d{2}:\d{2} \(KST\) · issued in error: “confused with another seller”/);
    // The score itself is as it was: a withdrawal changes what the officer is told, not the rules.
    expect([...after.keys()]).toEqual([...before.keys()]);
  });

  it('traces an entry drafted under one code from two messages to the message whose entry the declaration was scored with', async () => {
    // 'CN-N-7' and 'CN.N.7' are two ids of the partner, but one watch-list code (RX_CN_GACC_CN_N_7): the later draft replaces the entry.
    const bags = { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Fake Bags Co', code: 'FB-9', country: 'CN' }, courier: { name: 'CJ대한통운', code: 'CJKX' } };
    const scoredWith = async (messageId: string, version: string) => {
      const received = await send(asCn(cnNotice(messageId)));
      expect(received.status).toBe(201);
      const draft = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${received.body.received.id}/draft`, { token: officer.token, body: {} });
      expect(draft.body.proposal.rule.code).toBe('RX_CN_GACC_CN_N_7');
      expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.draft.id}/publish`, { token: admin.token, body: { version } })).status).toBe(201);
      const r = await api(t.base, 'POST', '/api/v1/declarations', { token: operator.key, body: { declarations: [declaration(`RX-${version}`, { consignee, parties: bags })] } });
      const id = r.body.results[0].declarationId as number;
      await riskUntil(id, (x) => x.score.ruleSetVersion === version);
      return id;
    };
    const first = await scoredWith('CN-N-7', 'rules-cn-3');
    // Decided before the next publication (withdrawn here), it keeps the score it was decided with; an
    // open parcel would be rescored with rules-cn-4, as publishing rescores the open parcels.
    expect((await api(t.base, 'POST', `/api/v1/declarations/${first}/withdraw`, { token: operator.key, body: { reason: '주문 취소' } })).status).toBe(200);
    const second = await scoredWith('CN.N.7', 'rules-cn-4');
    expect((await api(t.base, 'GET', `/api/v1/officer/declarations/${first}/risk`, { token: officer.token })).body.score.ruleSetVersion).toBe('rules-cn-3');
    const sourceOf = async (id: number) =>
      (await api(t.base, 'GET', `/api/v1/officer/declarations/${id}/risk`, { token: officer.token })).body.score.ruleHits.find((h: { code: string }) => h.code === 'RX_CN_GACC_CN_N_7').sourceMessage.messageId;
    expect(await sourceOf(first)).toBe('CN-N-7');
    expect(await sourceOf(second)).toBe('CN.N.7');
  });
});

describe('a rule hit on a message whose key was revoked as compromised', () => {
  // A partner of its own with two keys, one notice signed with each, both drafted and published before either key is revoked.
  const k1 = crypto.generateKeyPairSync('ed25519');
  const k2 = crypto.generateKeyPairSync('ed25519');
  const xOf = (k: crypto.KeyPairKeyObjectResult) => (k.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const id1 = thumbprint(xOf(k1));
  const id2 = thumbprint(xOf(k2));
  const thNotice = (id: string) => ({ ...notice(id), from: 'TH-CUSTOMS', body: { ...notice(id).body, reportingCountry: 'TH', party: { role: 'seller', name: 'Shady Watches', code: 'SW-1' } } });
  const send = (m: object) => api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: m });
  const keysPath = '/api/v1/officer/risk-exchange/partners/TH-CUSTOMS/keys';

  it('is suspect when the key was compromised from a time at or before we received the message, and stands when the compromise came after', async () => {
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body: { code: 'TH-CUSTOMS', name: 'Thai Customs', country: 'TH', publicKey: xOf(k1) } })).status).toBe(201);
    expect((await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: xOf(k2) } })).status).toBe(201);
    const received: Record<string, { id: number; receivedAt: string }> = {};
    for (const [mid, k, kid, version] of [['TH-N-1', k1, id1, 'rules-th-1'], ['TH-N-2', k2, id2, 'rules-th-2']] as const) {
      const r = await send(signAsPartner(thNotice(mid), k.privateKey, kid));
      expect(r.status).toBe(201);
      received[mid] = r.body.received;
      const draft = await api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${r.body.received.id}/draft`, { token: officer.token, body: {} });
      expect(draft.status).toBe(201);
      expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${draft.body.draft.id}/publish`, { token: admin.token, body: { version } })).status).toBe(201);
    }

    const revoke = (keyId: string, body: object) => api(t.base, 'POST', `${keysPath}/${keyId}/revoke`, { token: admin.token, body });
    // A compromise still to come, or not a time: refused, nothing revoked.
    const future = await revoke(id1, { reason: 'leaked', compromisedSince: '2999-01-01T00:00:00Z' });
    expect([future.status, future.body.error.code, future.body.error.details]).toEqual([400, 'VALIDATION_FAILED', [expect.objectContaining({ path: 'body.compromisedSince', code: 'time_in_future' })]]);
    expect((await revoke(id1, { reason: 'leaked', compromisedSince: 'yesterday' })).status).toBe(400);
    // Key 1 leaked from well before TH-N-1 reached us; key 2 from a millisecond after TH-N-2 reached us (stored to the microsecond, answered to the millisecond: +1 ms is after it).
    const r1 = await revoke(id1, { reason: 'private key leaked', compromisedSince: '2020-01-01T00:00:00Z' });
    expect(r1.status).toBe(200);
    expect(r1.body).toMatchObject({ state: 'revoked', compromisedSince: '2020-01-01T00:00:00.000Z' });
    const after2 = new Date(Date.parse(received['TH-N-2']!.receivedAt) + 1).toISOString();
    expect((await revoke(id2, { reason: 'laptop stolen', compromisedSince: after2, lastKey: true })).status).toBe(200);
    const keys = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token })).body.partners.find((p: { code: string }) => p.code === 'TH-CUSTOMS').keys;
    expect(keys.map((k: { keyId: string; compromisedSince: string | null }) => [k.keyId, k.compromisedSince])).toEqual([
      [id1, '2020-01-01T00:00:00.000Z'],
      [id2, after2],
    ]);
    // Set once, with the revocation: never changed afterwards, nor restated by the later route.
    await expect(t.db.pool.query(`UPDATE exchange_partner_keys SET compromised_since = NULL WHERE key_id = $1`, [id1])).rejects.toThrow(/append-only/);
    const restated = await api(t.base, 'POST', `${keysPath}/${id1}/compromise`, { token: admin.token, body: { compromisedSince: '2019-01-01T00:00:00Z', reason: 'earlier still' } });
    expect([restated.status, restated.body.error.code, restated.body.error.details.compromisedSince]).toEqual([409, 'EXCHANGE_KEY_COMPROMISE_STATED', '2020-01-01T00:00:00.000Z']);

    const r = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('RX-TH-WATCHES', { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Shady Watches', code: 'SW-1', country: 'CN' } } })] },
    });
    const risk = await riskUntil(r.body.results[0].declarationId, (x) => x.score.ruleSetVersion === 'rules-th-2');
    const sourceOf = (code: string) => risk.score.ruleHits.find((h: { code: string }) => h.code === code).sourceMessage;

    const forged = sourceOf('RX_TH_CUSTOMS_TH_N_1');
    expect(forged.receivedAt).toBe(received['TH-N-1']!.receivedAt);
    expect(forged.signedWith).toMatchObject({ keyId: id1, revocation: { reason: 'private key leaked', compromisedSince: '2020-01-01T00:00:00.000Z', suspect: true } });
    expect(forged.signedWith.revocation.warning.ko).toContain('2020-01-01 09:00(한국시간)부터 유출되었고');
    expect(forged.signedWith.revocation.warning.ko).toContain('위조되었을 수 있습니다. 이 적중만으로 보류·검사하지 말고');
    expect(forged.signedWith.revocation.warning.en).toContain('so it may be forged. Do not hold or inspect on this hit alone');

    const stands = sourceOf('RX_TH_CUSTOMS_TH_N_2');
    expect(stands.signedWith).toMatchObject({ keyId: id2, revocation: { reason: 'laptop stolen', compromisedSince: after2, suspect: false } });
    expect(stands.signedWith.revocation.warning.en).toContain('after that, so it stands; nothing to do');
    // Both hits still count: the score is what the published rules said.
    expect(forged.withdrawal).toBeNull();
    expect(risk.score.ruleHits.filter((h: { code: string }) => h.code.startsWith('RX_TH_')).every((h: { weight: number }) => h.weight > 0)).toBe(true);
  });
});

describe('a compromise found out after a routine revocation', () => {
  // A partner of its own: two notices signed with key 1 (MY-N-1, then MY-N-2), key 1 then retired in
  // a routine rotation; later the partner reports that key 1 had leaked from a time between the two.
  const k1 = crypto.generateKeyPairSync('ed25519');
  const k2 = crypto.generateKeyPairSync('ed25519');
  const xOf = (k: crypto.KeyPairKeyObjectResult) => (k.publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const id1 = thumbprint(xOf(k1));
  const id2 = thumbprint(xOf(k2));
  const myNotice = (id: string) => ({ ...notice(id), from: 'MY-CUSTOMS', body: { ...notice(id).body, reportingCountry: 'MY', party: { role: 'seller', name: 'Vague Vendor', code: 'VV-1' } } });
  const keysPath = '/api/v1/officer/risk-exchange/partners/MY-CUSTOMS/keys';
  const inbox = async () => (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/messages?partner=MY-CUSTOMS', { token: officer.token })).body.messages as any[];
  const draftFrom = (id: number) => api(t.base, 'POST', `/api/v1/officer/risk-exchange/messages/${id}/draft`, { token: officer.token, body: {} });
  const compromise = (keyId: string, body: object, token: string = admin.token) => api(t.base, 'POST', `${keysPath}/${keyId}/compromise`, { token, body });

  it('can be stated once, bounded by the revocation; it turns the messages received from then on suspect in the inbox, drafting, the rules page and the risk view', async () => {
    expect((await api(t.base, 'POST', '/api/v1/officer/risk-exchange/partners', { token: admin.token, body: { code: 'MY-CUSTOMS', name: 'Royal Malaysian Customs', country: 'MY', publicKey: xOf(k1) } })).status).toBe(201);
    expect((await api(t.base, 'POST', keysPath, { token: admin.token, body: { publicKey: xOf(k2) } })).status).toBe(201);
    const received: Record<string, { id: number; receivedAt: string }> = {};
    for (const mid of ['MY-N-1', 'MY-N-2']) {
      const r = await api(t.base, 'POST', '/api/v1/risk-exchange/messages', { body: signAsPartner(myNotice(mid), k1.privateKey, id1) });
      expect(r.status).toBe(201);
      received[mid] = r.body.received;
      await new Promise((res) => setTimeout(res, 5)); // two reception times at least a millisecond apart (checked below)
    }
    const [at1, at2] = [received['MY-N-1']!.receivedAt, received['MY-N-2']!.receivedAt];
    expect(Date.parse(at1)).toBeLessThan(Date.parse(at2));
    // MY-N-1 drafted and published while key 1 is active.
    const d1 = await draftFrom(received['MY-N-1']!.id);
    expect(d1.status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${d1.body.draft.id}/publish`, { token: admin.token, body: { version: 'rules-my-1' } })).status).toBe(201);

    // A routine rotation: nothing stated, so an active key has no compromise to add to (revoke it with one).
    const active = await compromise(id1, { compromisedSince: at1, reason: 'leak reported' });
    expect([active.status, active.body.error.code]).toEqual([409, 'EXCHANGE_KEY_NOT_REVOKED']);
    const revoked = await api(t.base, 'POST', `${keysPath}/${id1}/revoke`, { token: admin.token, body: { reason: 'annual rotation' } });
    expect([revoked.status, revoked.body.compromisedSince]).toEqual([200, null]);
    const revokedAt: string = revoked.body.revokedAt;

    // Both messages reached us while key 1 was valid: they stand, MY-N-2 is drafted from as any other.
    expect((await inbox()).map((m) => [m.messageId, m.signedWith.suspect, m.signedWith.compromisedSince])).toEqual([
      ['MY-N-2', false, null],
      ['MY-N-1', false, null],
    ]);
    const d2 = await draftFrom(received['MY-N-2']!.id);
    expect(d2.status).toBe(201);
    expect((await api(t.base, 'POST', `/api/v1/officer/risk/rules/drafts/${d2.body.draft.id}/publish`, { token: admin.token, body: { version: 'rules-my-2' } })).status).toBe(201);
    const decl = await api(t.base, 'POST', '/api/v1/declarations', {
      token: operator.key,
      body: { declarations: [declaration('RX-MY-VENDOR', { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Vague Vendor', code: 'VV-1', country: 'CN' } } })] },
    });
    const declId = decl.body.results[0].declarationId;
    const hitsOf = (risk: any) => Object.fromEntries(risk.score.ruleHits.filter((h: { code: string }) => h.code.startsWith('RX_MY_')).map((h: any) => [h.code, h.sourceMessage.signedWith.revocation.suspect]));
    expect(hitsOf(await riskUntil(declId, (x) => x.score.ruleSetVersion === 'rules-my-2'))).toEqual({ RX_MY_CUSTOMS_MY_N_1: false, RX_MY_CUSTOMS_MY_N_2: false });

    // Refused: an officer; no reason; not a time; after the revocation (nothing naming the key was accepted since), or in the future; an unknown key or partner.
    expect((await compromise(id1, { compromisedSince: at2, reason: 'x' }, officer.token)).status).toBe(403);
    expect((await compromise(id1, { compromisedSince: at2, reason: '  ' })).status).toBe(400);
    expect((await compromise(id1, { compromisedSince: 'last week', reason: 'x' })).status).toBe(400);
    const late = await compromise(id1, { compromisedSince: new Date(Date.parse(revokedAt) + 1).toISOString(), reason: 'x' });
    expect([late.status, late.body.error.code, late.body.error.details]).toEqual([400, 'VALIDATION_FAILED', [expect.objectContaining({ path: 'body.compromisedSince', code: 'after_revocation', params: { revokedAt } })]]);
    expect(late.body.error.ko).toContain('유출 시점은 키 폐기 시각');
    expect((await compromise(id1, { compromisedSince: '2999-01-01T00:00:00Z', reason: 'x' })).status).toBe(400);
    expect((await compromise('A'.repeat(43), { compromisedSince: at2, reason: 'x' })).body.error.code).toBe('EXCHANGE_KEY_NOT_FOUND');
    expect((await api(t.base, 'POST', `/api/v1/officer/risk-exchange/partners/XX-NONE/keys/${id1}/compromise`, { token: admin.token, body: { compromisedSince: at2, reason: 'x' } })).body.error.code).toBe('EXCHANGE_PARTNER_NOT_FOUND');

    // Compromised from MY-N-2's reception (at2, to the millisecond: at or before it), after MY-N-1's.
    const stated = await compromise(id1, { compromisedSince: at2, reason: 'partner reports the key leaked' });
    expect(stated.status).toBe(200);
    expect(stated.body).toMatchObject({ keyId: id1, state: 'revoked', revokedAt, revokedReason: 'annual rotation', compromisedSince: at2 });
    // Once: neither again nor moved.
    const again = await compromise(id1, { compromisedSince: at1, reason: 'earlier after all' });
    expect([again.status, again.body.error.code, again.body.error.details.compromisedSince]).toEqual([409, 'EXCHANGE_KEY_COMPROMISE_STATED', at2]);

    // Everywhere from now on: the partner's keys,
    const keys = (await api(t.base, 'GET', '/api/v1/officer/risk-exchange/partners', { token: officer.token })).body.partners.find((p: { code: string }) => p.code === 'MY-CUSTOMS').keys;
    expect(keys.map((k: { keyId: string; compromisedSince: string | null }) => [k.keyId, k.compromisedSince])).toEqual([
      [id1, at2],
      [id2, null],
    ]);
    // the inbox (MY-N-1 still stands, MY-N-2 may be forged),
    const [m2, m1] = await inbox();
    expect([m1.messageId, m1.signedWith.suspect, m1.signedWith.compromisedSince]).toEqual(['MY-N-1', false, at2]);
    expect(m1.signedWith.note.en).toContain('after that, so it stands: a rule may be drafted from it.');
    expect([m2.messageId, m2.signedWith.suspect]).toEqual(['MY-N-2', true]);
    expect(m2.signedWith.note.ko).toContain('위조되었을 수 있습니다. 이 메시지로는 규칙 초안을 만들 수 없습니다.');
    // drafting (refused for MY-N-2 only, with its own reason),
    const refused = await draftFrom(m2.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'EXCHANGE_MESSAGE_KEY_REVOKED', ko: m2.signedWith.note.ko, en: m2.signedWith.note.en, details: { keyId: id1, compromisedSince: at2, receivedAt: at2 } });
    expect((await draftFrom(m1.id)).status).toBe(201);
    // the rules page (the published version and the draft holding both entries),
    const rules = (await api(t.base, 'GET', '/api/v1/officer/risk/rules', { token: officer.token })).body;
    const entries = (xs: any[]) => xs.filter((e) => e.code.startsWith('RX_MY_')).map((e) => [e.code, e.suspect]);
    expect(entries(rules.published.find((p: { version: string }) => p.version === 'rules-my-2').revokedKeyEntries)).toEqual([
      ['RX_MY_CUSTOMS_MY_N_1', false],
      ['RX_MY_CUSTOMS_MY_N_2', true],
    ]);
    expect(entries(rules.published.find((p: { version: string }) => p.version === 'rules-my-1').revokedKeyEntries)).toEqual([['RX_MY_CUSTOMS_MY_N_1', false]]);
    const suspectEntry = rules.published.find((p: { version: string }) => p.version === 'rules-my-2').revokedKeyEntries.find((e: { code: string }) => e.code === 'RX_MY_CUSTOMS_MY_N_2');
    expect(suspectEntry).toMatchObject({ sourceId: m2.id, partner: 'MY-CUSTOMS', messageId: 'MY-N-2', revokedAt, compromisedSince: at2 });
    expect(suspectEntry.warning.en).toContain('Do not hold or inspect on this hit alone');
    // and the risk view of the declaration scored before the statement (the panel and the hold form read it).
    expect(hitsOf(await riskUntil(declId, () => true))).toEqual({ RX_MY_CUSTOMS_MY_N_1: false, RX_MY_CUSTOMS_MY_N_2: true });

    // Audited: the exchange's trail and the platform audit log; the key row itself is unchanged (append-only).
    const ev = await t.db.pool.query(`SELECT actor, partner_code, detail FROM exchange_events WHERE action = 'key_compromise_stated' AND partner_code = 'MY-CUSTOMS'`);
    expect(ev.rows).toEqual([{ actor: 'rx-admin', partner_code: 'MY-CUSTOMS', detail: { keyId: id1, compromisedSince: at2, reason: 'partner reports the key leaked' } }]);
    const audit = await t.db.pool.query(`SELECT detail FROM audit_log WHERE action = 'risk_exchange.partner_key_compromise_stated' AND subject = 'partner:MY-CUSTOMS'`);
    expect(audit.rows).toEqual([{ detail: { keyId: id1, compromisedSince: at2, reason: 'partner reports the key leaked' } }]);
    expect((await t.db.pool.query(`SELECT compromised_since FROM exchange_partner_keys WHERE key_id = $1`, [id1])).rows[0].compromised_since).toBeNull();
  });
});

describe('seizure reports of parcels with several results', () => {
  it('report the latest result only: a find corrected to clean is no seizure, a parcel found twice is one report of its latest result', async () => {
    // Its own seller and period check (recipient '' = no partner named), so the counts above stay as they are.
    const submitFor = async (ref: string) => {
      const r = await api(t.base, 'POST', '/api/v1/declarations', {
        token: operator.key,
        body: { declarations: [declaration(ref, { consignee, parties: { platform: { name: 'Temu', code: 'TEMU', country: 'CN' }, seller: { name: 'Twice Checked Ltd', country: 'CN' } } })] },
      });
      expect(r.status).toBe(200);
      const id = r.body.results[0].declarationId as number;
      await riskUntil(id, () => true);
      return id;
    };
    const inspect = async (id: number, outcome: string) => {
      const r = await api(t.base, 'POST', `/api/v1/officer/declarations/${id}/inspection`, { token: officer.token, body: { outcome } });
      expect(r.status).toBe(201);
      return r.body.id as number;
    };
    const corrected = await submitFor('RX-CORRECTED');
    const correctedFind = await inspect(corrected, 'ip_infringement');
    const correctedClean = await inspect(corrected, 'clean'); // re-inspected: nothing wrong after all
    const twice = await submitFor('RX-TWICE');
    const twiceFirst = await inspect(twice, 'prohibited');
    const twiceLatest = await inspect(twice, 'ip_infringement'); // the corrected finding
    const sr = (inspectionId: number) => `KR-TG-SR-${String(inspectionId).padStart(8, '0')}`;

    const res = await api(t.base, 'POST', '/api/v1/officer/risk-exchange/seizure-reports/export', { token: officer.token, body: { from: today, to: today } });
    expect(res.status).toBe(200);
    const ids = res.body.messages.map((m: { id: string }) => m.id);
    // Before: 3 reports of these two parcels (correctedFind, twiceFirst, twiceLatest); now 1.
    expect(ids).toContain(sr(twiceLatest));
    for (const gone of [correctedFind, correctedClean, twiceFirst]) expect(ids).not.toContain(sr(gone));
    const latest = res.body.messages.find((m: { id: string }) => m.id === sr(twiceLatest));
    expect(latest.body.detection).toMatchObject({ outcome: 'ip_infringement', category: 'ipr' });
    expect(res.body.messages.filter((m: { body: { parties: { seller?: { name: string } } } }) => m.body.parties.seller?.name === 'Twice Checked Ltd')).toHaveLength(1);
  });
});

describe('long lists: the inbox and our notices', () => {
  it('the inbox pages newest first to the oldest message, each once (before: `limit` and nothing said of the rest)', async () => {
    // The messages the tests above received.
    const path = '/api/v1/officer/risk-exchange/messages';
    const all = await api(t.base, 'GET', `${path}?limit=500`, { token: officer.token });
    expect(all.body.next).toBeNull();
    const ids = all.body.messages.map((m: { id: number }) => m.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    const seen: number[] = [];
    let after: number | null = null;
    do {
      const page = await api(t.base, 'GET', `${path}?limit=2${after ? `&after=${after}` : ''}`, { token: officer.token });
      expect(page.status).toBe(200);
      expect(page.body.messages.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.messages.map((m: { id: number }) => m.id));
      after = page.body.next;
    } while (after !== null);
    expect(seen).toEqual(ids);
  });

  it('page newest first to the oldest, each once (before: the latest 100, an older notice out of reach to withdraw)', async () => {
    const path = '/api/v1/officer/risk-exchange/party-notices';
    const body = { role: 'seller', key: 'Counterfeit Kicks', text: { en: 'counterfeit sneakers found', ko: '위조 운동화 적발' }, validUntil: addDays(today, 90), recipient: 'JP-CUSTOMS', country: 'CN' };
    const first = await api(t.base, 'POST', path, { token: officer.token, body });
    expect(first.status).toBe(201);
    for (let i = 0; i < 100; i++) expect((await api(t.base, 'POST', path, { token: officer.token, body })).status).toBe(201);
    const all = (await t.db.pool.query(`SELECT count(*)::int AS n FROM exchange_messages_out WHERE kind = 'risky_party_notice'`)).rows[0].n as number;
    const top = await api(t.base, 'GET', path, { token: officer.token });
    expect(top.body.notices).toHaveLength(100); // the default page, as before
    expect(top.body.next).toEqual(expect.any(Number));
    const seen: string[] = [];
    let after: number | null = null;
    do {
      const page = await api(t.base, 'GET', `${path}?limit=40${after ? `&after=${after}` : ''}`, { token: officer.token });
      expect(page.status).toBe(200);
      seen.push(...page.body.notices.map((n: { messageId: string }) => n.messageId));
      after = page.body.next;
    } while (after !== null);
    expect(seen).toHaveLength(all);
    expect(new Set(seen).size).toBe(all);
    expect(seen).toContain(first.body.message.id);
  });
});
