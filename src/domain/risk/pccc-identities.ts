// Who used a PCCC: the names, phones and postcodes declared with it (pccc_identities), worded into
// the PCCC-misuse hits an officer reads. "4 names used with one PCCC" says that it was misused, not
// by whom: the officer calling the consignee needs the names and numbers to ask about.
import type { Bilingual } from '../bilingual.ts';

export interface PcccIdentity {
  /** As the detectors compare it (normName). */
  name: string;
  /** Digits only. */
  phone: string;
  postcode: string;
  /** The first declaration date it was seen on (YYYY-MM-DD). */
  firstSeen: string;
}

/** The PCCC-misuse detectors whose hits name what they counted (score-batch.ts detectorHits). */
export const IDENTITY_HITS = { PCCC_MANY_NAMES: 'name', PCCC_MANY_PHONES: 'phone', PCCC_MANY_POSTCODES: 'postcode' } as const;

const LISTED = 8;

/** 01012345678 → 010-1234-5678; other numbers as their digits. */
export function phoneText(digits: string): string {
  const m = /^(01\d)(\d{3,4})(\d{4})$/.exec(digits);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : digits;
}

/**
 * What a PCCC-misuse hit counted, listed in the order first seen (at most 8, then how many more):
 * "지금까지 신고된 이름: 김철수, 이영희 …". Null for other hits, or with nothing to list.
 */
export function identityDetail(code: string, identities: readonly PcccIdentity[]): Bilingual | null {
  const field = IDENTITY_HITS[code as keyof typeof IDENTITY_HITS];
  if (!field) return null;
  const sorted = [...identities].sort((a, b) => (a.firstSeen < b.firstSeen ? -1 : a.firstSeen > b.firstSeen ? 1 : 0));
  const values = [...new Set(sorted.map((i) => (field === 'phone' ? phoneText(i[field]) : i[field])).filter((v) => v !== ''))];
  if (values.length === 0) return null;
  const shown = values.slice(0, LISTED).join(', ');
  const more = values.length - LISTED;
  const what = { name: ['이름', 'names'], phone: ['전화번호', 'phone numbers'], postcode: ['우편번호', 'postcodes'] }[field];
  return {
    ko: `지금까지 신고된 ${what[0]}: ${shown}${more > 0 ? ` 외 ${more}개` : ''}`,
    en: `${what[1]} declared so far: ${shown}${more > 0 ? ` and ${more} more` : ''}`,
  };
}
