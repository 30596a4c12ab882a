// What an officer is told when a rule hit rests on a partner's message signed with a key the
// partner has had revoked since (docs/risk-exchange.md, "Partner keys: rotation and revocation").
//
// Decision (a revocation does not rewrite the past): a message we received while its key was valid
// stays valid — a key retired in a routine rotation signed genuine messages — UNLESS the revocation
// says the key was compromised from a time at or before we received the message: from then on
// someone else may have signed with it, so the message may be forged. We compare with the time WE
// received it (our clock), not its `issuedAt`: a forger holding the key writes any issuedAt, but
// cannot make us have received a message before it existed. A revocation that names no compromise
// (including every one recorded before migration 064, which could not) does not make the message
// suspect; its reason is quoted so the officer can read it.
import type { Bilingual } from '../bilingual.ts';
import { koreanClockOf } from '../dates.ts';
import type { InboxKind } from './codes.ts';

/** A key's revocation as recorded (exchange_partner_keys). */
export interface KeyRevocation {
  revokedAt: string;
  reason: string;
  /** From when the key is held compromised (at or before revokedAt); null: retired, not said to be compromised. */
  compromisedSince: string | null;
}

/** Whether a message received at `receivedAt` with a key revoked as `r` may be forged. */
export function signedWhileCompromised(receivedAt: string, r: KeyRevocation): boolean {
  return r.compromisedSince !== null && Date.parse(r.compromisedSince) <= Date.parse(receivedAt);
}

const KIND: Record<InboxKind, Bilingual> = { risky_party_notice: { ko: '통보', en: 'notice' }, seizure_report: { ko: '적발 보고', en: 'seizure report' } };
const kst = (iso: string) => koreanClockOf(iso).replace('T', ' ');

/**
 * The one judgement both texts below rest on (signedWhileCompromised), worded without a subject:
 * suspect, the sentence saying from when the key was compromised; else why the message stands.
 */
function judged(receivedAt: string, r: KeyRevocation): { suspect: true; ko: string; en: string } | { suspect: false; ko: string; en: string } {
  const received = kst(receivedAt);
  if (signedWhileCompromised(receivedAt, r)) {
    const since = kst(r.compromisedSince!);
    return {
      suspect: true,
      ko: `폐기 기록상 이 키는 ${since}(한국시간)부터 유출되었고, 이 메시지는 그 뒤인 ${received}에 받았으므로 위조되었을 수 있습니다.`,
      en: `The revocation says the key was compromised from ${since} (KST), and this message reached us after that, at ${received}, so it may be forged.`,
    };
  }
  const why =
    r.compromisedSince === null
      ? { ko: '폐기 기록에 키가 유출되었다는 내용이 없으므로', en: 'the revocation does not say the key was compromised, so' }
      : { ko: `유출 시점(${kst(r.compromisedSince)})이 수신 뒤이므로`, en: `the key was compromised only from ${kst(r.compromisedSince)} (KST), after that, so` };
  return {
    suspect: false,
    ko: `이 메시지는 키가 유효할 때인 ${received}에 받았고, ${why.ko} 그대로 유효합니다.`,
    en: `This message reached us while the key was valid, at ${received} (KST), and ${why.en} it stands`,
  };
}

/** The text on a hit of watch-list entry `code`, drafted from `source`, whose signing key was revoked as `r`. */
export function revokedKeySourceWarning(code: string, source: { partner: string; messageId: string; kind: InboxKind; receivedAt: string }, r: KeyRevocation): { suspect: boolean; warning: Bilingual } {
  const kind = KIND[source.kind];
  const head = {
    ko: `감시 대상 ${code}의 근거인 ${source.partner} ${kind.ko} ${source.messageId}에 서명한 키는 ${kst(r.revokedAt)}(한국시간)에 폐기되었습니다(사유: “${r.reason}”).`,
    en: `Watch-list entry ${code} rests on ${kind.en} ${source.messageId} of ${source.partner}, signed with a key revoked ${kst(r.revokedAt)} (KST) (reason: “${r.reason}”).`,
  };
  const j = judged(source.receivedAt, r);
  return j.suspect
    ? {
        suspect: true,
        warning: {
          ko: `${head.ko} ${j.ko} 이 적중만으로 보류·검사하지 말고, 협력 세관에 새 키로 서명해 다시 보내 달라고 요청하세요.`,
          en: `${head.en} ${j.en} Do not hold or inspect on this hit alone; ask the partner to resend it signed with its new key.`,
        },
      }
    : { suspect: false, warning: { ko: `${head.ko} ${j.ko} 따로 할 일은 없습니다.`, en: `${head.en} ${j.en}; nothing to do.` } };
}

/**
 * The note on a received message itself (the inbox, and the refusal to draft a rule from it): the
 * same judgement as on a hit. A message that stands may be drafted from (its key was retired, or
 * compromised only later); a suspect one may not, until the partner resends it with its new key.
 */
export function revokedKeyMessageNote(source: { partner: string; kind: InboxKind; receivedAt: string }, r: KeyRevocation): { suspect: boolean; note: Bilingual } {
  const kind = KIND[source.kind];
  const head = {
    ko: `이 ${kind.ko}에 서명한 ${source.partner}의 키는 ${kst(r.revokedAt)}(한국시간)에 폐기되었습니다(사유: “${r.reason}”).`,
    en: `The key of ${source.partner} that signed this ${kind.en} was revoked ${kst(r.revokedAt)} (KST) (reason: “${r.reason}”).`,
  };
  const j = judged(source.receivedAt, r);
  return j.suspect
    ? {
        suspect: true,
        note: {
          ko: `${head.ko} ${j.ko} 이 메시지로는 규칙 초안을 만들 수 없습니다. 협력 세관에 새 키로 서명해 다시 보내 달라고 요청하세요.`,
          en: `${head.en} ${j.en} No rule draft is made from it: ask the partner to resend it signed with its new key.`,
        },
      }
    : { suspect: false, note: { ko: `${head.ko} ${j.ko} 규칙 초안을 만들 수 있습니다.`, en: `${head.en} ${j.en}: a rule may be drafted from it.` } };
}

/**
 * Whether a compromise may be stated, after the fact, on a key revoked without one (once: a stated
 * compromise is never moved, officers may have acted on it). Bounds:
 * - not after the revocation: from then on every message naming the key was refused (401), so a
 *   compromise that began later reaches nothing we hold and would change nothing while reading as if
 *   it did (the same bound as a compromise stated with the revocation, migration 064's check). As
 *   the revocation is past, this also refuses a time still to come.
 * - no lower bound: a time before the key was added means "from the start" (every message it
 *   verified is suspect), as the revoke form's empty time does.
 * Null when it may; else why not, in Korean and English.
 */
export function lateCompromiseProblem(compromisedSince: string, key: { revokedAt: string }): Bilingual | null {
  if (Date.parse(compromisedSince) <= Date.parse(key.revokedAt)) return null;
  return {
    ko: `유출 시점은 키 폐기 시각(${kst(key.revokedAt)}, 한국시간)보다 늦을 수 없습니다. 폐기 뒤에는 이 키로 서명한 메시지를 받지 않았습니다.`,
    en: `The key cannot be compromised from after its revocation (${kst(key.revokedAt)} KST): nothing signed with it was accepted since.`,
  };
}
