// Sends the consumer payer's alerts of refunds due of a reassessment, queued in the transaction that
// recorded or cancelled the refund due (src/adapters/db/refund-due-events.ts, migrations/103): on the
// PCCC holder's channels (SMS, e-mail, Web Push), the holder looked up by the declaration's PCCC (the
// registry's holder of it, as for usage alerts). At least once: each alert is claimed by a lease,
// marked sent after the send, and a send that throws is tried again with backoff; a process that stopped
// between the send and the mark sends it again once the lease ran out. A send no channel took (SMS,
// e-mail and push all failed) is a failure too (deliverToHolder). Not twice in the normal path: one
// row per refund record and event, and a claim is held by one pass. The alerts of one declaration queued
// in one transaction (a refund split over the charges that paid it; records superseded and those that
// replace them) are claimed together and sent as one message (consumerRefundSituationsOf), settled alike.
// Also the holder's alerts of a deposit and of its reversal, queued with the payment (migrations/108), each
// with the link to the page where the holder sees it (a deposit that paid: its receipt; else /me).
import { consumerRefundAlertMessage, consumerRefundSituationsOf } from '../domain/consumer-refund-alerts.ts';
import { deliverToHolder } from './deliver-to-holder.ts';
import { deliverClaimed, retryAt, type RetryPolicy } from './outbox-pass.ts';
import type { Clock, DeclarationStore } from './ports.ts';
import type { HolderNotifier, PcccRegistry } from './ports/identity-ports.ts';
import type { ConsumerRefundAlertJob, ConsumerRefundAlertOutbox } from './ports/consumer-refund-alert-outbox.ts';

export interface ConsumerRefundAlertDeps {
  outbox: ConsumerRefundAlertOutbox;
  declarations: Pick<DeclarationStore, 'findById'>;
  registry: Pick<PcccRegistry, 'find'>;
  holders: Pick<HolderNotifier, 'notify'>;
  clock: Clock;
  /** The portal's public address for the link to the notice (PUBLIC_URL, else where this process listens); null: not known yet. */
  portalUrl: () => string | null;
  onError?: (e: unknown) => void;
}

/** When a failed send is tried again: 1 min × 2^(attempt−1), at most 1 h apart, 10 attempts (about 5 h) before it is given up (dead). */
export const CONSUMER_REFUND_ALERT_RETRY: RetryPolicy = { baseMs: 60_000, maxMs: 3_600_000, maxAttempts: 10 };
/** How long a claimed alert is held by the pass that claimed it: far beyond one send (SMS, e-mail, Web Push). */
export const CONSUMER_REFUND_ALERT_LEASE_MS = 5 * 60_000;

export function consumerRefundAlertRetryAt(now: Date, attempt: number): Date | null {
  return retryAt(CONSUMER_REFUND_ALERT_RETRY, now, attempt);
}

/**
 * One pass: claims the alerts of up to `limit` situations due and sends each situation as one message;
 * returns how many alerts it settled (sent, or nobody to tell). A failed send is not counted: with the
 * channels down, a pass of failures reads as no work, so the loop waits its poll interval instead of
 * claiming again at once (deliverClaimed, the loop the holder's notices of changes to their code share).
 */
export async function sendConsumerRefundAlerts(deps: ConsumerRefundAlertDeps, limit: number): Promise<number> {
  const portal = deps.portalUrl();
  // Before the platform listens there is no link to give: the pass waits (nudged once it listens).
  if (portal === null) return 0;
  const jobs = await deps.outbox.claimDue({ limit, at: deps.clock.now(), leaseMs: CONSUMER_REFUND_ALERT_LEASE_MS });
  return deliverClaimed<ConsumerRefundAlertJob, 'sent' | 'no_holder'>({
    jobs,
    // The situation's alerts are settled together.
    groupsOf: consumerRefundSituationsOf,
    retry: CONSUMER_REFUND_ALERT_RETRY,
    clock: deps.clock,
    settle: (id, o, at) => deps.outbox.settle(id, o, at),
    onFailure: (e) => deps.onError?.(e),
    deliver: async (group) => {
      const first = group[0]!;
      const d = await deps.declarations.findById(first.declarationId);
      const holder = d ? await deps.registry.find(d.pccc) : null;
      // No holder registered for the PCCC (nobody to tell): kept as the record that none was sent.
      if (!holder) return 'no_holder';
      const m = consumerRefundAlertMessage(group.map((j) => j.facts), portal);
      await deliverToHolder(deps.holders, holder, { subject: m.subject, body: `[Tonggwan 통관] ${m.text.ko} / ${m.text.en}`, url: m.url });
      return 'sent';
    },
  });
}
