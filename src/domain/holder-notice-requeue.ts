// Where a holder's security notice that was given up goes when an administrator sends it again
// (POST /api/v1/admin/holder-notices/:id/requeue, src/app/manage-holder-notices.ts). Pure.
//
// A notice is read at its send to the holder's number or address on its channel then (migrations/112),
// except the notice of a change of contact to the OLD number or address (migrations/113): telling the old
// one it was replaced is that notice's point, so it goes there again, whatever the holder has now. Every
// other notice (a change to the code, a passkey added or removed, a "not me" report, a consent decided, the
// usage alert, and the change-of-contact notice to the new address) goes to the holder's contact now; when the
// holder replaced the one it was given up on, the administrator is told so before sending.

/** The notice kinds of migrations/112 and 114 (HolderNoticeKind in src/app/ports/identity-ports.ts). */
export type RequeueNoticeKind = 'pccc_change' | 'passkey_added' | 'passkey_removed' | 'not_me_report' | 'consent_approved' | 'consent_cancelled' | 'declaration_filed';

export interface RequeueNoticeFacts {
  kind: RequeueNoticeKind;
  /** A pccc_change's action (suspend, resume, reissue, renew, cancel, phone, email); null for the other kinds. */
  changeAction: string | null;
  channel: 'sms' | 'email' | 'push';
  /** The number or address the row was queued to (the old one of a change of contact); null: the holder's at the send. */
  recipient: string | null;
  /** The holder changed their contact on this channel after the notice was given up (a phone or email event since). */
  contactReplacedSince: boolean;
}

/**
 * former: to the number or address the row names (the old one of a change of contact), again;
 * same: to the holder's contact on its channel now, the one it was given up on (Web Push: the apps subscribed now);
 * current: to the holder's contact now, which replaced the one it was given up on.
 */
export type RequeueTarget = 'former' | 'same' | 'current';

/** Whether the notice tells the old number or address of a change of contact that it was replaced. */
function tellsFormerContact(n: RequeueNoticeFacts): boolean {
  return n.kind === 'pccc_change' && (n.changeAction === 'phone' || n.changeAction === 'email') && n.recipient !== null;
}

export function requeueTarget(n: RequeueNoticeFacts): RequeueTarget {
  if (tellsFormerContact(n)) return 'former';
  if (n.channel === 'push') return 'same';
  // Queued to a fixed number or address without being the old-contact notice (none is), or replaced since: now's.
  return n.recipient !== null || n.contactReplacedSince ? 'current' : 'same';
}
