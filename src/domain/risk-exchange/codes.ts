// The format's name and version and its code lists (message.ts holds the schemas): kinds, party roles, offences and their
// categories, and how our inspection outcomes map to them. No schema library here, so the portal
// can use them without bundling one.
import type { Bilingual } from '../bilingual.ts';
import type { InspectionOutcome } from '../risk/platform-risk.ts';

export const EXCHANGE_FORMAT = 'tonggwan-risk-exchange';
/** Major.minor: a receiver accepts every minor version of a major it knows (fields added later are optional). */
export const EXCHANGE_VERSION = '1.0';
export const SUPPORTED_MAJOR = '1';

export const MESSAGE_KINDS = ['seizure_report', 'risky_party_notice', 'party_notice_withdrawal'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
/** The kinds the inbox lists as messages of their own: a withdrawal is shown on the notice it withdraws. */
export const INBOX_KINDS = ['seizure_report', 'risky_party_notice'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/**
 * Why a notice is withdrawn: issued in error (a wrong identification, a finding later overturned),
 * or the party cleared since (an appeal won); anything else is `other`, explained in the text.
 */
export const WITHDRAWAL_GROUNDS = ['issued_in_error', 'party_cleared', 'other'] as const;
export type WithdrawalGrounds = (typeof WITHDRAWAL_GROUNDS)[number];
export const WITHDRAWAL_GROUNDS_TEXT: Record<WithdrawalGrounds, Bilingual> = {
  issued_in_error: { ko: '착오 통보', en: 'issued in error' },
  party_cleared: { ko: '혐의 해소(이의신청 인용 등)', en: 'party cleared (e.g. an appeal won)' },
  other: { ko: '기타', en: 'other' },
};

/** The e-commerce operators a message may name. Never the consignee (a consumer) nor the broker (a licensed Korean profession). */
export const EXCHANGE_PARTY_ROLES = ['platform', 'seller', 'forwarder', 'courier'] as const;
export type ExchangePartyRole = (typeof EXCHANGE_PARTY_ROLES)[number];

/**
 * What was found, grouped the way CEN groups seizures (revenue, IPR, prohibitions and restrictions,
 * fraud). The category names are ours: CEN's own code lists are not reproduced (see the doc).
 */
export const OFFENCE_CATEGORIES = ['revenue', 'ipr', 'prohibitions_restrictions', 'fraud', 'other'] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];

export const OFFENCES = ['undervaluation', 'misclassification', 'prohibited_goods', 'ipr_infringement', 'false_consignee_identity', 'other'] as const;
export type Offence = (typeof OFFENCES)[number];

export const FIND_OUTCOMES = ['undervalued', 'misclassified', 'prohibited', 'ip_infringement', 'pccc_misuse'] as const satisfies readonly Exclude<InspectionOutcome, 'clean'>[];
export type FindOutcome = (typeof FIND_OUTCOMES)[number];
// Fails to compile when inspection_results gains an outcome this format does not map.
const everyFindMapped: Exclude<InspectionOutcome, 'clean'> extends FindOutcome ? true : never = true;
void everyFindMapped;

/** Our inspection outcomes (inspection_results.outcome) → the offence and category of a report. */
export const OFFENCE_OF_OUTCOME: Record<FindOutcome, { offence: Offence; category: OffenceCategory }> = {
  undervalued: { offence: 'undervaluation', category: 'revenue' },
  misclassified: { offence: 'misclassification', category: 'revenue' },
  prohibited: { offence: 'prohibited_goods', category: 'prohibitions_restrictions' },
  ip_infringement: { offence: 'ipr_infringement', category: 'ipr' },
  // 개인통관고유부호 도용: the consignee's customs code used by someone else. Only the fact is reported.
  pccc_misuse: { offence: 'false_consignee_identity', category: 'fraud' },
};

export const OFFENCE_TEXT: Record<Offence, Bilingual> = {
  undervaluation: { ko: '저가신고', en: 'undervaluation' },
  misclassification: { ko: '품목분류 오류(세번 허위)', en: 'misclassification' },
  prohibited_goods: { ko: '반입금지·제한 물품', en: 'prohibited or restricted goods' },
  ipr_infringement: { ko: '지식재산권 침해(위조품)', en: 'IPR infringement (counterfeit)' },
  false_consignee_identity: { ko: '수하인 신원 도용', en: 'false consignee identity' },
  other: { ko: '기타 위반', en: 'other offence' },
};
