// From an accepted message to a proposed watch-list entry of the officer-editable rule set
// (platform-risk.ts `watchlists`), pure. A proposal only ever goes into a rule draft: an
// administrator publishes it (manage-risk-rules.ts), nothing changes the live rules by itself.
// Keys are the party's code and its name, normalised as parsePlatformRuleSet normalises them, because
// a declaration's party key is its code when it has one and its name otherwise (features.ts
// sellerKey): a seller named in a notice matches our declarations that carry either.
import type { Bilingual } from '../bilingual.ts';
import { dayNumber, dateOfDayNumber } from '../dates.ts';
import { norm } from '../risk/features.ts';
import type { WatchlistRule } from '../risk/platform-risk.ts';
import { OFFENCE_TEXT, type ExchangeMessage, type ExchangePartyRole, type OffenceCategory } from './message.ts';

export interface WatchlistProposal {
  rule: WatchlistRule;
  /** Where it came from, for the draft's note and the audit. */
  source: { partner: string; messageId: string; kind: ExchangeMessage['kind']; validUntil: string };
}

export const CATEGORY_TEXT: Record<OffenceCategory, Bilingual> = {
  revenue: { ko: '세입(저가신고·품목분류)', en: 'revenue (valuation, classification)' },
  ipr: { ko: '지식재산권 침해', en: 'IPR infringement' },
  prohibitions_restrictions: { ko: '반입금지·제한 물품', en: 'prohibited or restricted goods' },
  fraud: { ko: '부정행위', en: 'fraud' },
  other: { ko: '기타', en: 'other' },
};

const ROLE_TEXT: Record<ExchangePartyRole, Bilingual> = {
  platform: { ko: '플랫폼', en: 'platform' },
  seller: { ko: '판매자', en: 'seller' },
  forwarder: { ko: '배송대행업체', en: 'forwarder' },
  courier: { ko: '특송업체', en: 'courier' },
};

export type ProposalResult = { ok: true; proposal: WatchlistProposal } | { ok: false; reason: 'expired' | 'no_party' | 'withdrawal'; ko: string; en: string };

export interface ProposeOptions {
  /** The partner's code as we registered it (the message's `from`). */
  partner: string;
  /** Today (the caller's clock): an expired notice proposes nothing. */
  today: string;
  weight: number;
  /** A seizure report carries no end date: it is proposed for this many days from its seizure date. */
  seizureValidDays: number;
}

/** Rule codes are unique in a rule set: one rule per partner message, re-proposing replaces it. */
export function watchlistCodeOf(partner: string, messageId: string): string {
  return `RX_${partner}_${messageId}`.toUpperCase().replace(/[^A-Z0-9]+/g, '_').slice(0, 80);
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function proposeWatchlistEntry(m: ExchangeMessage, o: ProposeOptions): ProposalResult {
  let role: ExchangePartyRole;
  let party: { name: string; code?: string | undefined };
  let category: OffenceCategory;
  let why: Bilingual;
  let validUntil: string;
  if (m.kind === 'party_notice_withdrawal') return { ok: false, reason: 'withdrawal', ko: '철회 메시지로는 감시 대상을 제안할 수 없습니다.', en: 'A withdrawal proposes no watch-list entry.' };
  if (m.kind === 'risky_party_notice') {
    const b = m.body;
    role = b.party.role;
    party = b.party;
    category = b.reason.category;
    const offence = b.reason.offence ? OFFENCE_TEXT[b.reason.offence] : CATEGORY_TEXT[category];
    // The partner's own words stay as written (quoted); the frame around them is ours, in both languages.
    why = {
      ko: `${offence.ko}, 근거 ${b.evidenceCount}건: "${clip(b.reason.text.ko ?? b.reason.text.en, 160)}"`,
      en: `${offence.en}, ${b.evidenceCount} finding${b.evidenceCount === 1 ? '' : 's'}: "${clip(b.reason.text.en, 160)}"`,
    };
    validUntil = b.validUntil;
  } else {
    const b = m.body;
    if (!b.parties.seller) return { ok: false, reason: 'no_party', ko: '적발 보고에 판매자가 없어 감시 대상을 제안할 수 없습니다.', en: 'The seizure report names no seller to watch.' };
    role = 'seller';
    party = b.parties.seller;
    category = b.detection.category;
    const offence = OFFENCE_TEXT[b.detection.offence];
    why = { ko: `${b.seizureDate} 적발: ${offence.ko}`, en: `seizure of ${b.seizureDate}: ${offence.en}` };
    const day = dayNumber(b.seizureDate) ?? dayNumber(m.issuedAt.slice(0, 10))!;
    validUntil = dateOfDayNumber(day + o.seizureValidDays);
  }
  if (validUntil < o.today) return { ok: false, reason: 'expired', ko: `유효기간(${validUntil})이 지난 통보입니다.`, en: `The notice expired on ${validUntil}.` };
  const keys = [...new Set([party.code, party.name].filter((k): k is string => Boolean(k && k.trim())).map(norm))];
  const r = ROLE_TEXT[role];
  return {
    ok: true,
    proposal: {
      rule: {
        code: watchlistCodeOf(o.partner, m.id),
        ko: `해외 세관 통보(${o.partner}) 위험 ${r.ko} — ${why.ko} (유효 ${validUntil}까지, 메시지 ${m.id})`,
        en: `${r.en} reported as risky by partner customs ${o.partner} — ${why.en} (valid until ${validUntil}, message ${m.id})`,
        role,
        keys,
        weight: o.weight,
        validUntil, // declarations after it no longer hit the entry (platformRuleHits)
      },
      source: { partner: o.partner, messageId: m.id, kind: m.kind, validUntil },
    },
  };
}

/**
 * The rule set (its stored JSON, as drafts keep it) with the proposal's watch-list entry added, or
 * replacing the entry of the same code. Everything else is left as it is.
 */
export function withWatchlistEntry(rules: unknown, rule: WatchlistRule): Record<string, unknown> {
  const base = (typeof rules === 'object' && rules !== null ? rules : {}) as Record<string, unknown>;
  const current = Array.isArray(base.watchlists) ? (base.watchlists as { code?: unknown }[]) : [];
  return { ...base, watchlists: [...current.filter((w) => w?.code !== rule.code), { ...rule }] };
}
