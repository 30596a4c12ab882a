// Sends the PCCC holder's notices of changes to their code (suspend, resume, reissue, renew, an officer's
// cancel), queued in the change's transaction (PcccRegistry's `tell`, migrations/112): each channel (SMS,
// e-mail, Web Push) its own row, sent and settled apart, so a channel down is tried again with backoff
// without sending again on the channels that took it, and one that keeps failing is given up with its last
// error (deliverClaimed, the loop the consumer payer's refund alerts share). At least once: a process that
// stopped between the send and the mark sends it again once the lease ran out. The holder's phone and e-mail
// are read at the send, by the code the notice names; the text is the one rendered with the change. The
// holder's other security notices (a passkey added or removed, a "not me" report, a consent decided:
// migrations/114) are rows of the same outbox, sent the same way. A channel that refused the notice for good
// (SMS to an invalid number or from an unregistered sender; e-mail answered 5xx by the SMTP server, e.g. 550
// mailbox unavailable: isPermanentFailure) is given up at once, with its error. An administrator sees the
// notices given up and sends one again (manage-holder-notices.ts).
import { pcccChangeMessage } from './tell-pccc-holder.ts';
import { deliverClaimed, type RetryPolicy } from './outbox-pass.ts';
import type { Clock } from './ports.ts';
import type { HolderNotifier, PcccChangeNoticeJob, PcccChangeNoticeOutbox, PcccRegistry } from './ports/identity-ports.ts';

export interface PcccChangeNoticeDeps {
  outbox: PcccChangeNoticeOutbox;
  registry: Pick<PcccRegistry, 'find'>;
  holders: Pick<HolderNotifier, 'notifyOn'>;
  clock: Clock;
  /** A failed send: the notice, the error, and when it is tried again (null: given up). */
  onFailure?: (job: PcccChangeNoticeJob, e: unknown, nextAttemptAt: Date | null) => void;
}

/** When a failed send is tried again: 1 min × 2^(attempt−1), at most 1 h apart, 10 attempts (about 4 h) before it is given up (dead); a permanent failure is given up at its first. */
export const PCCC_CHANGE_NOTICE_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 10 };
/** How long a claimed notice is held by the pass that claimed it: far beyond one send. */
export const PCCC_CHANGE_NOTICE_LEASE_MS = 5 * 60_000;

/** One pass: claims up to `limit` notices due (each a channel) and sends each; returns how many it settled (sent, or nothing to send to). */
export async function sendPcccChangeNotices(deps: PcccChangeNoticeDeps, limit: number): Promise<number> {
  const jobs = await deps.outbox.claimDue({ limit, at: deps.clock.now(), leaseMs: PCCC_CHANGE_NOTICE_LEASE_MS });
  return deliverClaimed<PcccChangeNoticeJob, 'sent' | 'no_target'>({
    jobs,
    retry: PCCC_CHANGE_NOTICE_RETRY,
    clock: deps.clock,
    settle: (id, o, at) => deps.outbox.settle(id, o, at),
    onFailure: (e, [job], next) => deps.onFailure?.(job!, e, next),
    deliver: async ([job]) => {
      const found = await deps.registry.find(job!.pccc);
      if (!found) return 'no_target';
      // The old number or address told of a change of contact (migrations/113): to it, not to the holder's now.
      const to = job!.recipient ?? null;
      const holder = to === null ? found : job!.channel === 'sms' ? { ...found, phone: to } : job!.channel === 'email' ? { ...found, email: to } : found;
      return (await deps.holders.notifyOn(job!.channel, holder, pcccChangeMessage(job!))) === 'sent' ? 'sent' : 'no_target';
    },
  });
}
