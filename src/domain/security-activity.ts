// A PCCC holder's "security activity" (/me/security, GET /api/v1/consumer/pccc/events), as a bank's
// "recent security activity": each registry event (pccc_registry_events) in words safe to show. Pure.
// Safe: codes by their last four digits, the mobile number and e-mail address masked as the page masks
// them (010-****-5432, m***@example.com; re-masked here should an event hold one in full), and no free
// text (a suspend's or a cancel's reason is left out: whoever typed it may have typed anything). A passkey is
// named by the label the holder gave it (as the passkey list shows it), never by its credential id or key; a
// "not me" report by the cargo number it was about.

import { maskEmail, maskPhone } from './contact-masks.ts';

/** Every kind of event the registry writes (src/adapters/identity/pg-pccc-registry.ts types its writes by it). */
export const REGISTRY_EVENT_KINDS = [
  'issue',
  'renew',
  'suspend',
  'resume',
  'reissue',
  'cancel',
  'postcodes',
  'phone',
  'email',
  // The holder's own security changes, written with them (src/adapters/db/identity-repository.ts), on the holder's live code.
  'passkey_added',
  'passkey_removed',
  'not_me_reported',
] as const;
export type RegistryEventKind = (typeof REGISTRY_EVENT_KINDS)[number];

/** Who made the change: the holder (a consumer session), customs (an officer, 직권), or the system (a job, an operator's import). */
export type ActivityBy = 'holder' | 'customs' | 'system';

export interface SecurityActivity {
  id: number;
  at: string;
  /** 'other': a kind this version does not know (listed, in general words). */
  kind: RegistryEventKind | 'other';
  by: ActivityBy;
  /** The code the event is about, its last four digits. */
  codeEnding: string | null;
  /** phone/email: the earlier and new one, masked; renew: the expiry before and after; reissue: `to` the new code's last four; issue after a reissue: `from` the replaced code's. */
  from: string | null;
  to: string | null;
  /** postcodes: how many are registered now (never which). */
  count: number | null;
  /** phone/email: the holder's other sessions the change ended. */
  otherSessionsEnded: number | null;
  /** passkey_added/passkey_removed: the label the holder gave the passkey (one line, at most 60 characters). */
  label: string | null;
  /** not_me_reported: the cargo number (화물관리번호) the report was about. */
  cargoNo: string | null;
}

const isKind = (a: string): a is RegistryEventKind => (REGISTRY_EVENT_KINDS as readonly string[]).includes(a);
const ending = (v: unknown): string | null => (typeof v === 'string' && /\d{4}$/.test(v) ? v.slice(-4) : null);
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const label = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.replace(/\s+/g, ' ').trim().slice(0, 60) : null);
const cargoNo = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9-]{1,40}$/.test(v) ? v : null);
const isoDate = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** 010-****-5432 as recorded, or a number recorded in full masked so (maskPhone). */
export function maskedPhone(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return /^\d{3}-\*{4}-\d{4}$/.test(v) ? v : maskPhone(v);
}

/** m***@example.com as recorded, or an address recorded in full masked so (maskEmail). */
export function maskedEmail(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  return /^[^@]\*\*\*@[^@]+$/.test(v) ? v : maskEmail(v);
}

/** An event as the registry keeps it (RegistryEvent with its id), as it may be shown to its holder. */
export function activityOf(e: { id: number; at: string; pccc: string; action: string; actorKind: string; detail: unknown }): SecurityActivity {
  const kind = isKind(e.action) ? e.action : 'other';
  const d = (e.detail && typeof e.detail === 'object' ? e.detail : {}) as Record<string, unknown>;
  const by: ActivityBy = e.actorKind === 'consumer' ? 'holder' : e.actorKind === 'officer' ? 'customs' : 'system';
  const a: SecurityActivity = { id: e.id, at: e.at, kind, by, codeEnding: ending(e.pccc), from: null, to: null, count: null, otherSessionsEnded: null, label: null, cargoNo: null };
  switch (kind) {
    case 'phone':
    case 'email': {
      const mask = kind === 'phone' ? maskedPhone : maskedEmail;
      return { ...a, from: mask(d.from), to: mask(d.to), otherSessionsEnded: count(d.otherSessionsEnded) };
    }
    case 'renew':
      return { ...a, from: isoDate(d.from), to: isoDate(d.to) };
    case 'reissue':
      return { ...a, to: ending(d.replacedBy) };
    case 'issue':
      return { ...a, from: ending(d.replaces) };
    case 'postcodes':
      return { ...a, count: count(d.count) };
    case 'passkey_added':
    case 'passkey_removed':
      return { ...a, label: label(d.label) };
    case 'not_me_reported':
      return { ...a, cargoNo: cargoNo(d.cargoNo) };
    default:
      return a;
  }
}

/**
 * The sentence of an event, in Korean and English: the holder's own change in the first person ("바꿨습니다" /
 * "Changed …"), customs' named with 직권 / ex officio. Every kind of REGISTRY_EVENT_KINDS has its own; a kind
 * without one falls to the general words (the unit test fails on it).
 */
export function activityText(a: SecurityActivity): { ko: string; en: string } {
  const S = a.by === 'customs' ? '세관이 ' : a.by === 'system' ? '시스템이 ' : '';
  const M = a.by === 'customs' ? '직권으로 ' : '';
  const T = a.by === 'customs' ? ' ex officio' : '';
  const V = (verb: string) => (a.by === 'holder' ? verb[0]!.toUpperCase() + verb.slice(1) : `${a.by === 'customs' ? 'Customs' : 'The system'} ${verb}`);
  const c = a.codeEnding ?? '????';
  const ended = a.otherSessionsEnded && a.otherSessionsEnded > 0 ? a.otherSessionsEnded : 0;
  const endedKo = ended ? ` 다른 기기의 로그인 ${ended}건을 종료했습니다.` : '';
  const endedEn = ended ? ` Signed out ${ended} other device${ended === 1 ? '' : 's'}.` : '';
  switch (a.kind) {
    case 'issue':
      return a.from
        ? { ko: `재발급으로 새 개인통관고유부호(끝자리 ${c})가 발급되었습니다(이전 부호 끝자리 ${a.from}).`, en: `A new customs code (ending ${c}) was issued, replacing the one ending ${a.from}.` }
        : { ko: `개인통관고유부호(끝자리 ${c})가 발급되었습니다.`, en: `The personal customs code (ending ${c}) was issued.` };
    case 'renew':
      return a.to
        ? { ko: `${S}유효기간을 ${a.to}까지 연장했습니다.`, en: `${V('extended')} the code’s validity to ${a.to}.` }
        : { ko: `${S}유효기간을 연장했습니다.`, en: `${V('extended')} the code’s validity.` };
    case 'suspend':
      return { ko: `${S}개인통관고유부호(끝자리 ${c})를 ${M}사용정지했습니다.`, en: `${V('suspended')} the customs code (ending ${c})${T}.` };
    case 'resume':
      return { ko: `${S}개인통관고유부호(끝자리 ${c})의 사용정지를 ${M}해제했습니다.`, en: `${V('lifted')} the suspension of the customs code (ending ${c})${T}.` };
    case 'reissue':
      return a.to
        ? { ko: `${S}개인통관고유부호를 ${M}재발급했습니다(새 부호 끝자리 ${a.to}).`, en: `${V('reissued')} the customs code (new code ending ${a.to})${T}.` }
        : { ko: `${S}개인통관고유부호를 ${M}재발급했습니다.`, en: `${V('reissued')} the customs code${T}.` };
    case 'cancel':
      return { ko: `${S}개인통관고유부호(끝자리 ${c})를 ${M}해지했습니다.`, en: `${V('cancelled')} the customs code (ending ${c})${T}.` };
    case 'postcodes':
      return a.count !== null
        ? { ko: `${S}배송 우편번호를 바꿨습니다(${a.count}개 등록).`, en: `${V('changed')} the delivery postcodes (${a.count} registered).` }
        : { ko: `${S}배송 우편번호를 바꿨습니다.`, en: `${V('changed')} the delivery postcodes.` };
    case 'phone':
      return a.to
        ? { ko: `${S}휴대전화 번호를 ${a.to}(으)로 바꿨습니다.${endedKo}`, en: `${V('changed')} the mobile number to ${a.to}.${endedEn}` }
        : { ko: `${S}휴대전화 번호를 바꿨습니다.${endedKo}`, en: `${V('changed')} the mobile number.${endedEn}` };
    case 'email':
      return a.to
        ? { ko: `${S}이메일 주소를 ${a.to}(으)로 바꿨습니다.${endedKo}`, en: `${V('changed')} the e-mail address to ${a.to}.${endedEn}` }
        : { ko: `${S}이메일 주소를 바꿨습니다.${endedKo}`, en: `${V('changed')} the e-mail address.${endedEn}` };
    case 'passkey_added':
      return a.label ? { ko: `패스키를 등록했습니다 (${a.label}).`, en: `Added a passkey (${a.label}).` } : { ko: '패스키를 등록했습니다.', en: 'Added a passkey.' };
    case 'passkey_removed':
      return a.label ? { ko: `패스키를 삭제했습니다 (${a.label}).`, en: `Removed a passkey (${a.label}).` } : { ko: '패스키를 삭제했습니다.', en: 'Removed a passkey.' };
    case 'not_me_reported':
      return a.cargoNo
        ? { ko: `'내가 아님'을 신고했습니다: 화물관리번호 ${a.cargoNo}.`, en: `Reported 'not me' for cargo ${a.cargoNo}.` }
        : { ko: "'내가 아님'을 신고했습니다.", en: "Reported 'not me'." };
    default:
      return { ko: '개인통관고유부호 정보가 바뀌었습니다.', en: 'Your customs code’s details changed.' };
  }
}
