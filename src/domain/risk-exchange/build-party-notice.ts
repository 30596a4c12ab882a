// A risky-party notice of ours (docs/risk-exchange.md), pure: "this seller / platform / forwarder /
// courier is risky, for this reason, until this day", from the party's profile in our records. The
// notice rests on what our inspections found (`evidenceCount` is the profile's findings, never a
// number typed in), and names only operators: a consignee is a consumer and is never named, a
// broker is a licensed Korean profession dealt with under the Customs Brokers Act, not abroad.
import { addDays, dayNumber } from '../dates.ts';
// Values from codes.ts, not message.ts: the portal imports this module, and message.ts brings the schema library.
import { EXCHANGE_FORMAT, EXCHANGE_PARTY_ROLES, EXCHANGE_VERSION, OFFENCE_OF_OUTCOME, type ExchangePartyRole, type FindOutcome, type Offence, type OffenceCategory } from './codes.ts';
import type { RiskyPartyNoticeBody, UnsignedMessage } from './message.ts';
import { normName } from '../risk/platform-risk.ts';

/** What our records say of the party (a row of the risk profiles: role, key, name, findings by outcome). */
export interface PartyOnRecord {
  role: string;
  /** The profile key: the party's code, or its name when it gave none, upper-cased (platform-risk.ts partyKeysOf). */
  key: string;
  name: string | null;
  found: number;
  outcomes: Record<string, number>;
}

export interface PartyNoticeRequest {
  category?: OffenceCategory;
  offence?: Offence;
  text: { ko?: string; en: string };
  validUntil: string;
  /** The party's country when the officer knows it (ISO alpha-2). */
  country?: string;
}

export interface PartyNoticeInput {
  party: PartyOnRecord;
  request: PartyNoticeRequest;
  /** Our code as partners registered it, and our country. */
  sender: { code: string; country: string };
  recipient?: string;
  /** A number no other message of ours has: the notice's id derives from it. */
  sequence: number;
  issuedAt: string;
  /** Today in Korea, and how far ahead a notice may run (policy.exchange.noticeMaxValidDays). */
  today: string;
  maxValidDays: number;
}

export type PartyNoticeRefusal =
  | { reason: 'role_not_exchanged'; field: 'role' }
  | { reason: 'no_findings'; field: 'role' }
  | { reason: 'valid_until_past'; field: 'validUntil' }
  | { reason: 'valid_until_too_far'; field: 'validUntil'; max: string };

export type PartyNoticeResult = { ok: true; message: UnsignedMessage & { kind: 'risky_party_notice' } } | ({ ok: false } & PartyNoticeRefusal);

export const partyNoticeId = (senderCountry: string, sequence: number) => `${senderCountry}-TG-PN-${String(sequence).padStart(8, '0')}`;

/** The offence our findings on the party show most (ties: the order of FIND_OUTCOMES' mapping), for the form's default. */
export function dominantOffence(outcomes: Record<string, number>): { offence: Offence; category: OffenceCategory } | null {
  let best: { offence: Offence; category: OffenceCategory } | null = null;
  let most = 0;
  for (const [outcome, mapped] of Object.entries(OFFENCE_OF_OUTCOME) as [FindOutcome, (typeof OFFENCE_OF_OUTCOME)[FindOutcome]][]) {
    const n = outcomes[outcome] ?? 0;
    if (n > most) {
      most = n;
      best = mapped;
    }
  }
  return best;
}

/** The party as the message names it: its name, and its code when the profile key is a code rather than the name. */
function namedParty(p: PartyOnRecord, country: string | undefined): RiskyPartyNoticeBody['party'] {
  const name = p.name?.trim() || p.key;
  const keyIsName = p.key === normName(name); // as partyKeysOf made the key
  return { role: p.role as ExchangePartyRole, name, ...(keyIsName ? {} : { code: p.key }), ...(country ? { country: country.toUpperCase() } : {}) };
}

/**
 * Why the notice cannot be sent, or null: apart from building it, so that its number (which a
 * partner reads a gap in as a lost notice) is drawn only for a notice that passed.
 */
export function checkPartyNotice(input: Omit<PartyNoticeInput, 'sequence'>): PartyNoticeRefusal | null {
  const { party, request: r } = input;
  if (!(EXCHANGE_PARTY_ROLES as readonly string[]).includes(party.role)) return { reason: 'role_not_exchanged', field: 'role' };
  if (party.found < 1) return { reason: 'no_findings', field: 'role' };
  const until = dayNumber(r.validUntil);
  const today = dayNumber(input.today)!;
  if (until === null || until < today) return { reason: 'valid_until_past', field: 'validUntil' };
  const max = addDays(input.today, input.maxValidDays);
  if (until > dayNumber(max)!) return { reason: 'valid_until_too_far', field: 'validUntil', max };
  return null;
}

export function buildPartyNotice(input: PartyNoticeInput): PartyNoticeResult {
  const { party, request: r } = input;
  const refusal = checkPartyNotice(input);
  if (refusal) return { ok: false, ...refusal };
  const found = dominantOffence(party.outcomes);
  const category = r.category ?? found?.category ?? 'other';
  const offence = r.offence ?? (r.category === undefined || r.category === found?.category ? found?.offence : undefined);
  const text = { en: r.text.en.trim(), ...(r.text.ko?.trim() ? { ko: r.text.ko.trim() } : {}) };
  return {
    ok: true,
    message: {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      kind: 'risky_party_notice',
      id: partyNoticeId(input.sender.country, input.sequence),
      from: input.sender.code,
      ...(input.recipient ? { to: input.recipient } : {}),
      issuedAt: input.issuedAt,
      body: {
        reportingCountry: input.sender.country,
        party: namedParty(party, r.country),
        reason: { category, ...(offence ? { offence } : {}), text },
        evidenceCount: party.found,
        validUntil: r.validUntil,
      },
    },
  };
}
