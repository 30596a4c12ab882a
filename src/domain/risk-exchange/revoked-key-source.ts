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

/** The text on a hit of watch-list entry `code`, drafted from `source`, whose signing key was revoked as `r`. */
export function revokedKeySourceWarning(code: string, source: { partner: string; messageId: string; kind: InboxKind; receivedAt: string }, r: KeyRevocation): { suspect: boolean; warning: Bilingual } {
  const kind = KIND[source.kind];
  const head = {
    ko: `감시 대상 ${code}의 근거인 ${source.partner} ${kind.ko} ${source.messageId}에 서명한 키는 ${kst(r.revokedAt)}(한국시간)에 폐기되었습니다(사유: “${r.reason}”).`,
    en: `Watch-list entry ${code} rests on ${kind.en} ${source.messageId} of ${source.partner}, signed with a key revoked ${kst(r.revokedAt)} (KST) (reason: “${r.reason}”).`,
  };
  const received = kst(source.receivedAt);
  if (signedWhileCompromised(source.receivedAt, r)) {
    const since = kst(r.compromisedSince!);
    return {
      suspect: true,
      warning: {
        ko: `${head.ko} 폐기 기록상 이 키는 ${since}(한국시간)부터 유출되었고, 이 메시지는 그 뒤인 ${received}에 받았으므로 위조되었을 수 있습니다. 이 적중만으로 보류·검사하지 말고, 협력 세관에 새 키로 서명해 다시 보내 달라고 요청하세요.`,
        en: `${head.en} The revocation says the key was compromised from ${since} (KST), and this message reached us after that, at ${received}, so it may be forged. Do not hold or inspect on this hit alone; ask the partner to resend it signed with its new key.`,
      },
    };
  }
  const why =
    r.compromisedSince === null
      ? { ko: '폐기 기록에 키가 유출되었다는 내용이 없으므로', en: 'the revocation does not say the key was compromised, so' }
      : { ko: `유출 시점(${kst(r.compromisedSince)})이 수신 뒤이므로`, en: `the key was compromised only from ${kst(r.compromisedSince)} (KST), after that, so` };
  return {
    suspect: false,
    warning: {
      ko: `${head.ko} 이 메시지는 키가 유효할 때인 ${received}에 받았고, ${why.ko} 그대로 유효합니다. 따로 할 일은 없습니다.`,
      en: `${head.en} This message reached us while the key was valid, at ${received} (KST), and ${why.en} it stands; nothing to do.`,
    },
  };
}
