import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildPartyNotice } from './build-party-notice.ts';
import { buildPartyNoticeWithdrawal, partyNoticeWithdrawalId, type WithdrawalInput } from './build-withdrawal.ts';
import { signingInput } from './canonical-json.ts';
import type { ExchangeMessage, UnsignedMessage } from './message.ts';
import { proposeWatchlistEntry } from './propose-watchlist.ts';
import { validateExchangeMessage } from './validate-message.ts';

// Signed here with node:crypto as a partner would (the domain itself signs nothing).
const keys = crypto.generateKeyPairSync('ed25519');
const sign = <M extends UnsignedMessage>(m: M): M & { signature: ExchangeMessage['signature'] } => ({
  ...m,
  signature: { alg: 'Ed25519', keyId: 'k'.repeat(43), value: crypto.sign(null, Buffer.from(signingInput(m as unknown as Record<string, unknown>)), keys.privateKey).toString('base64url') },
});
const verifies = (m: object) => {
  const { signature } = m as { signature: { value: string } };
  return crypto.verify(null, Buffer.from(signingInput(m as Record<string, unknown>)), keys.publicKey, Buffer.from(signature.value, 'base64url'));
};
const digestOf = (m: object) => crypto.createHash('sha256').update(signingInput(m as Record<string, unknown>)).digest('hex');

const built = buildPartyNotice({
  party: { role: 'seller', key: 'S-77', name: 'Shady Shop', found: 2, outcomes: { ip_infringement: 2 } },
  request: { text: { en: 'counterfeit sneakers' }, validUntil: '2027-05-31' },
  sender: { code: 'KR', country: 'KR' },
  recipient: 'JP-CUSTOMS',
  sequence: 7,
  issuedAt: '2026-12-02T09:00:00Z',
  today: '2026-12-02',
  maxValidDays: 365,
});
if (!built.ok) throw new Error('no notice');
const notice = sign(built.message);

const input = (over: Partial<WithdrawalInput> = {}): WithdrawalInput => ({
  notice,
  digest: digestOf(notice),
  request: { grounds: 'issued_in_error', text: { ko: ' 판매자 오인 ', en: ' wrong seller identified ' } },
  sender: { code: 'KR', country: 'KR' },
  sequence: 3,
  issuedAt: '2026-12-03T01:00:00Z',
  ...over,
});

describe('the withdrawal of a risky-party notice', () => {
  it('names the notice by id, issue time and digest, goes to its recipient, and carries the reason (Korean, English when given)', () => {
    expect(buildPartyNoticeWithdrawal(input())).toEqual({
      format: 'tonggwan-risk-exchange',
      version: '1.0',
      kind: 'party_notice_withdrawal',
      id: 'KR-TG-PW-00000003',
      from: 'KR',
      to: 'JP-CUSTOMS',
      issuedAt: '2026-12-03T01:00:00Z',
      body: {
        reportingCountry: 'KR',
        withdraws: { id: 'KR-TG-PN-00000007', issuedAt: '2026-12-02T09:00:00Z', digest: digestOf(notice) },
        reason: { grounds: 'issued_in_error', text: { ko: '판매자 오인', en: 'wrong seller identified' } },
      },
    });
    expect(partyNoticeWithdrawalId('KR', 12)).toBe('KR-TG-PW-00000012');
    const koOnly = buildPartyNoticeWithdrawal(input({ request: { grounds: 'party_cleared', text: { ko: '이의신청 인용', en: '  ' } } }));
    expect(koOnly.body.reason).toEqual({ grounds: 'party_cleared', text: { ko: '이의신청 인용' } });
    // A notice addressed to no one in particular: so is its withdrawal.
    const { to: _to, ...unaddressed } = notice;
    expect(buildPartyNoticeWithdrawal(input({ notice: unaddressed as typeof notice }))).not.toHaveProperty('to');
  });

  it('is signed over its reference to the notice: changing the id, the digest or the reason breaks the signature', () => {
    const signed = sign(buildPartyNoticeWithdrawal(input()));
    expect(verifies(signed)).toBe(true);
    const tampered = [
      { ...signed, body: { ...signed.body, withdraws: { ...signed.body.withdraws, id: 'KR-TG-PN-00000008' } } },
      { ...signed, body: { ...signed.body, withdraws: { ...signed.body.withdraws, digest: digestOf({ other: true }) } } },
      { ...signed, body: { ...signed.body, reason: { ...signed.body.reason, grounds: 'party_cleared' } } },
      { ...signed, to: 'CN-GACC' },
    ];
    for (const m of tampered) expect(verifies(m)).toBe(false);
    // The digest is that of the notice as signed: the notice altered after the fact no longer matches it.
    expect(signed.body.withdraws.digest).toBe(digestOf({ ...notice }));
    expect(signed.body.withdraws.digest).not.toBe(digestOf({ ...notice, body: { ...notice.body, evidenceCount: 3 } }));
  });

  it('passes the inbound checks a partner applies, and proposes no watch-list entry', () => {
    const signed = sign(buildPartyNoticeWithdrawal(input()));
    expect(validateExchangeMessage(signed, { now: new Date('2026-12-03T02:00:00Z'), recipient: 'JP-CUSTOMS' })).toEqual({ ok: true, message: signed });
    const p = proposeWatchlistEntry(signed, { partner: 'KR', today: '2026-12-03', weight: 0.3, seizureValidDays: 180 });
    expect(p).toMatchObject({ ok: false, reason: 'withdrawal' });
  });

  it('is refused when malformed: no reason text, a bad digest, a notice issued after its withdrawal, unknown grounds', () => {
    const base = buildPartyNoticeWithdrawal(input());
    const check = (body: unknown) => {
      const r = validateExchangeMessage(sign({ ...base, body } as UnsignedMessage), { now: new Date('2026-12-03T02:00:00Z'), recipient: 'JP-CUSTOMS' });
      return r.ok ? [] : r.errors.map((e) => [e.path, e.code]);
    };
    expect(check({ ...base.body, reason: { grounds: 'issued_in_error', text: {} } })).toEqual([['body.reason.text', 'text_missing']]);
    expect(check({ ...base.body, withdraws: { ...base.body.withdraws, digest: 'abc' } })).toEqual([['body.withdraws.digest', expect.any(String)]]);
    expect(check({ ...base.body, withdraws: { ...base.body.withdraws, issuedAt: '2026-12-04T00:00:00Z' } })).toEqual([['body.withdraws.issuedAt', 'withdrawn_before_issue']]);
    expect(check({ ...base.body, reason: { ...base.body.reason, grounds: 'changed_mind' } })).toEqual([['body.reason.grounds', expect.any(String)]]);
    expect(check({ ...base.body, party: { role: 'seller', name: 'x' } })).toEqual([['body.party', 'unknown_field']]);
  });
});
