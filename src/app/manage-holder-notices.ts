// The holder's security notices given up (pccc_change_notices dead: the channel refused it for good, e.g. an
// SMS to an invalid number or an e-mail answered 550, or it failed at each of its attempts), for the
// administrators: whom (the code and its holder, their contact on that channel masked), which notice, the
// channel, the last error and when. Nobody else sees them, and the holder was not told (a security notice:
// "your code was reissued", "a passkey was added"). An administrator sends one again once the number or
// address is put right: the notice goes back to the outbox for a new round of attempts (its worker is nudged),
// and the action is written to the audit log (who, which notice, as it was given up, where it goes), as other
// administrator actions are. Where: the notice of a change of contact to the OLD number or address goes there
// again; any other to the holder's contact now, which the list says first when it replaced the one the notice
// was given up on (requeueTarget, src/domain/holder-notice-requeue.ts).
import type { Bilingual } from '../domain/bilingual.ts';
import { requeueTarget, type RequeueTarget } from '../domain/holder-notice-requeue.ts';
import { fail, ok, type Result } from './errors.ts';
import type { AccessStore, Clock, OfficerPrincipal } from './ports.ts';
import type { GivenUpHolderNotice, GivenUpHolderNotices, HolderChannel, HolderNoticeKind } from './ports/identity-ports.ts';
import { maskEmail, maskPhone } from '../domain/contact-masks.ts';
import { PCCC_CHANGE_NOTICE_RETRY } from './send-pccc-change-notices.ts';

export interface HolderNoticeAdminDeps {
  notices: GivenUpHolderNotices;
  access: Pick<AccessStore, 'audit'>;
  clock: Clock;
  /** The notices' worker: a notice queued again is sent now, not at its next poll. */
  onChangeNoticeQueued?: (() => void) | undefined;
}

/** Which notice, as the administrator reads it (the kinds of migrations/112 and 114; a change to the code by its action). */
export const HOLDER_NOTICE_TEXT: Record<Exclude<HolderNoticeKind, 'pccc_change'> | `pccc_change.${'suspend' | 'resume' | 'reissue' | 'renew' | 'cancel' | 'phone' | 'email'}`, Bilingual> = {
  'pccc_change.suspend': { ko: '개인통관고유부호 사용정지', en: 'Customs code suspended' },
  'pccc_change.resume': { ko: '개인통관고유부호 사용재개', en: 'Customs code resumed' },
  'pccc_change.reissue': { ko: '개인통관고유부호 재발급', en: 'Customs code reissued' },
  'pccc_change.renew': { ko: '개인통관고유부호 유효기간 연장', en: 'Customs code renewed' },
  'pccc_change.cancel': { ko: '개인통관고유부호 직권 해지', en: 'Customs code cancelled ex officio' },
  'pccc_change.phone': { ko: '알림 휴대전화 번호 변경', en: 'Mobile number for notices changed' },
  'pccc_change.email': { ko: '알림 전자우편 주소 변경', en: 'E-mail address for notices changed' },
  passkey_added: { ko: '패스키 등록', en: 'Passkey added' },
  passkey_removed: { ko: '패스키 삭제', en: 'Passkey removed' },
  not_me_report: { ko: "'내가 아님' 신고 접수", en: '"Not me" report received' },
  consent_approved: { ko: '주문 사용 동의 승인', en: 'Use in an order approved' },
  consent_cancelled: { ko: '동의 요청 취소', en: 'Approval request cancelled' },
  declaration_filed: { ko: '수입신고 접수(사용 알림)', en: 'Declaration filed (usage alert)' },
};

/** Why it was given up: refused for good (before its last attempt: isPermanentFailure), or failed at each attempt. */
export type GivenUpWhy = 'refused' | 'out_of_attempts';
export const GIVEN_UP_TEXT: Record<GivenUpWhy, Bilingual> = {
  refused: { ko: '수신처가 거부함(다시 보내도 거부됨)', en: 'Refused for good by the channel (sent again, refused again)' },
  out_of_attempts: { ko: '모든 재시도 실패', en: 'Failed at every attempt' },
};

export interface GivenUpHolderNoticeView {
  id: number;
  kind: HolderNoticeKind;
  changeAction: GivenUpHolderNotice['changeAction'];
  kindText: Bilingual;
  channel: HolderChannel;
  pccc: string;
  holderName: string | null;
  /** The holder's contact on the channel now, masked (010-****-5432, h***@example.com), or the former one it went to (formerContact); null: none registered (e-mail removed), Web Push, or the code unknown. */
  recipient: string | null;
  /** Sent to the number or address the holder had before a change of contact (told of the change there), not the one registered now. */
  formerContact: boolean;
  /** Where it goes if sent again: former (the old contact of a change of contact, again), same (the holder's contact now, the one it was given up on), current (the holder's contact now, which replaced that one). */
  requeueTo: RequeueTarget;
  attempts: number;
  why: GivenUpWhy;
  whyText: Bilingual;
  /** The channel's last error as its adapter said it (English, addresses masked). */
  lastError: string | null;
  queuedAt: string;
  givenUpAt: string;
}

export const GIVEN_UP_NOTICES_PAGE = 50;
export const GIVEN_UP_NOTICES_MAX_PAGE = 200;

function recipientOf(n: GivenUpHolderNotice): string | null {
  if (!n.holder) return null;
  if (n.channel === 'sms') return maskPhone(n.holder.phone);
  if (n.channel === 'email') return n.holder.email ? maskEmail(n.holder.email) : null;
  return null;
}

export function givenUpView(n: GivenUpHolderNotice): GivenUpHolderNoticeView {
  const key = n.kind === 'pccc_change' ? (`pccc_change.${n.changeAction ?? 'suspend'}` as const) : n.kind;
  // Out of attempts only at the policy's last; given up before it, the channel refused it for good.
  const why: GivenUpWhy = n.attempts >= PCCC_CHANGE_NOTICE_RETRY.maxAttempts ? 'out_of_attempts' : 'refused';
  return {
    id: n.id,
    kind: n.kind,
    changeAction: n.changeAction,
    kindText: HOLDER_NOTICE_TEXT[key] ?? { ko: n.kind, en: n.kind },
    channel: n.channel,
    pccc: n.pccc,
    holderName: n.holder?.name ?? null,
    recipient: recipientOf(n),
    formerContact: n.toFormerContact,
    requeueTo: requeueTarget(n),
    attempts: n.attempts,
    why,
    whyText: GIVEN_UP_TEXT[why],
    lastError: n.lastError,
    queuedAt: n.queuedAt.toISOString(),
    givenUpAt: n.givenUpAt.toISOString(),
  };
}

/** A page of the notices given up, the newest first (before `before`, an id, when given), how many there are in all, and the cursor of the next page. */
export async function listGivenUpHolderNotices(
  deps: Pick<HolderNoticeAdminDeps, 'notices'>,
  q: { before?: number | undefined; limit?: number | undefined },
): Promise<{ notices: GivenUpHolderNoticeView[]; total: number; maxAttempts: number; nextBefore: number | null }> {
  const limit = Math.min(q.limit ?? GIVEN_UP_NOTICES_PAGE, GIVEN_UP_NOTICES_MAX_PAGE);
  const [rows, total] = await Promise.all([deps.notices.listGivenUp({ beforeId: q.before, limit }), deps.notices.countGivenUp()]);
  return { notices: rows.map(givenUpView), total, maxAttempts: PCCC_CHANGE_NOTICE_RETRY.maxAttempts, nextBefore: rows.length === limit ? rows[rows.length - 1]!.id : null };
}

/**
 * Sends a given-up notice again: back to the outbox, due now, with a new round of attempts, to where
 * requeueTarget says (the old contact of a change of contact, or the holder's now); its worker is nudged.
 * Not given up (unknown, or queued again already): HOLDER_NOTICE_NOT_FOUND, and nothing is logged.
 */
export async function requeueGivenUpHolderNotice(deps: HolderNoticeAdminDeps, admin: OfficerPrincipal, id: number): Promise<Result<{ notice: GivenUpHolderNoticeView; dueAt: string }>> {
  const at = deps.clock.now();
  const found = await deps.notices.findGivenUp(id);
  if (!found) return fail('HOLDER_NOTICE_NOT_FOUND');
  // Queued again only while still given up (another administrator's press meanwhile: not found).
  const n = await deps.notices.requeueGivenUp(id, at, { keepRecipient: requeueTarget(found) === 'former' });
  if (!n) return fail('HOLDER_NOTICE_NOT_FOUND');
  const view = givenUpView(n);
  // When: the log's own time (audit_log.at). Whom by the code only: the contact is the registry's.
  await deps.access.audit({
    actorKind: 'officer',
    actorId: admin.userId,
    action: 'holder-notice.requeue',
    subject: `holder-notice:${n.id}`,
    detail: { kind: n.kind, changeAction: n.changeAction, channel: n.channel, pccc: n.pccc, attempts: n.attempts, why: view.why, lastError: n.lastError, givenUpAt: view.givenUpAt, requeueTo: view.requeueTo },
  });
  deps.onChangeNoticeQueued?.();
  return ok({ notice: view, dueAt: at.toISOString() });
}
