import { describe, expect, it } from 'vitest';
import { buildPartyNotice, dominantOffence, partyNoticeId, type PartyNoticeInput } from './build-party-notice.ts';
import { validateExchangeMessage } from './validate-message.ts';

const input = (over: Partial<PartyNoticeInput> = {}): PartyNoticeInput => ({
  party: { role: 'seller', key: 'S-77', name: 'Shady  Shop', found: 3, outcomes: { clean: 9, ip_infringement: 2, undervalued: 1 } },
  request: { text: { en: ' counterfeit sneakers in 2 of 12 inspected parcels ', ko: '위조 운동화' }, validUntil: '2027-05-31' },
  sender: { code: 'KR', country: 'KR' },
  recipient: 'JP-CUSTOMS',
  sequence: 42,
  issuedAt: '2026-12-02T09:00:00Z',
  today: '2026-12-02',
  maxValidDays: 365,
  ...over,
});

describe('a risky-party notice of ours', () => {
  it('names the party as our records know it and rests on the findings counted there', () => {
    const r = buildPartyNotice(input());
    expect(r).toEqual({
      ok: true,
      message: {
        format: 'tonggwan-risk-exchange',
        version: '1.0',
        kind: 'risky_party_notice',
        id: 'KR-TG-PN-00000042',
        from: 'KR',
        to: 'JP-CUSTOMS',
        issuedAt: '2026-12-02T09:00:00Z',
        body: {
          reportingCountry: 'KR',
          // The key differs from the name: it is the seller's code.
          party: { role: 'seller', name: 'Shady  Shop', code: 'S-77' },
          // Not chosen: what the findings show most (ip_infringement 2 > undervalued 1).
          reason: { category: 'ipr', offence: 'ipr_infringement', text: { en: 'counterfeit sneakers in 2 of 12 inspected parcels', ko: '위조 운동화' } },
          evidenceCount: 3, // the findings (clean inspections are not evidence)
          validUntil: '2027-05-31',
        },
      },
    });
    // What a partner checks of it (signature aside) passes: the same schema as inbound messages.
    if (!r.ok) throw new Error('built');
    const checked = validateExchangeMessage({ ...r.message, signature: { alg: 'Ed25519', keyId: 'k'.repeat(43), value: 's'.repeat(86) } }, { now: new Date('2026-12-02T09:01:00Z'), recipient: 'JP-CUSTOMS' });
    expect(checked).toMatchObject({ ok: true });
  });

  it('gives no code when the profile key is the name, and the country only when known', () => {
    const r = buildPartyNotice(input({ party: { role: 'forwarder', key: 'MALL BOX', name: 'Mall  Box', found: 1, outcomes: { undervalued: 1 } }, request: { text: { en: 'undervaluation' }, validUntil: '2026-12-02', country: 'us' } }));
    expect(r.ok && r.message.body).toMatchObject({ party: { role: 'forwarder', name: 'Mall  Box', country: 'US' }, reason: { category: 'revenue', offence: 'undervaluation', text: { en: 'undervaluation' } } });
    expect(r.ok && r.message.body.party).not.toHaveProperty('code');
  });

  it("keeps the officer's category, without an offence the findings do not support", () => {
    const r = buildPartyNotice(input({ request: { category: 'fraud', text: { en: 'x' }, validUntil: '2027-01-01' } }));
    expect(r.ok && r.message.body.reason).toEqual({ category: 'fraud', text: { en: 'x' } });
  });

  it('refuses a consumer or a broker, a party without findings, and days out of range', () => {
    expect(buildPartyNotice(input({ party: { role: 'consignee', key: 'P123456789012', name: '김민지', found: 2, outcomes: { pccc_misuse: 2 } } }))).toEqual({ ok: false, reason: 'role_not_exchanged', field: 'role' });
    expect(buildPartyNotice(input({ party: { role: 'broker', key: 'BRK1', name: null, found: 1, outcomes: {} } }))).toMatchObject({ ok: false, reason: 'role_not_exchanged' });
    expect(buildPartyNotice(input({ party: { role: 'seller', key: 'S-1', name: null, found: 0, outcomes: { clean: 40 } } }))).toMatchObject({ ok: false, reason: 'no_findings' });
    expect(buildPartyNotice(input({ request: { text: { en: 'x' }, validUntil: '2026-12-01' } }))).toMatchObject({ ok: false, reason: 'valid_until_past' });
    expect(buildPartyNotice(input({ request: { text: { en: 'x' }, validUntil: '2026-02-30' } }))).toMatchObject({ ok: false, reason: 'valid_until_past' });
    // 2026-12-02 + 365 days = 2027-12-02: the last day allowed.
    expect(buildPartyNotice(input({ request: { text: { en: 'x' }, validUntil: '2027-12-02' } })).ok).toBe(true);
    expect(buildPartyNotice(input({ request: { text: { en: 'x' }, validUntil: '2027-12-03' } }))).toEqual({ ok: false, reason: 'valid_until_too_far', field: 'validUntil', max: '2027-12-02' });
  });

  it('takes the most frequent finding for the default offence, none without findings', () => {
    expect(dominantOffence({ undervalued: 1, prohibited: 4, clean: 10 })).toEqual({ offence: 'prohibited_goods', category: 'prohibitions_restrictions' });
    expect(dominantOffence({ clean: 3 })).toBeNull();
    expect(partyNoticeId('KR', 7)).toBe('KR-TG-PN-00000007');
  });
});
