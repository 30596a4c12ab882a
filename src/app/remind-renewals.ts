// Reminds holders to renew their personal customs code: when the renewal window opens, and once
// more after the expiry while it can still be renewed (고시 2025-06-18: validity 1 year, renewal
// within 30 days either side of expiry, cancelled after). Sent on the holder's channels (SMS,
// e-mail, Web Push) with a link to /me/security; one that no channel took is given back (deliverToHolder).
import { koreanDateOf } from '../domain/dates.ts';
import { renewalReminderDue, renewalReminderText } from '../domain/pccc-registry.ts';
import { deliverToHolder } from './deliver-to-holder.ts';
import type { Clock } from './ports.ts';
import type { HolderNotifier, PcccRegistry, RenewalReminderStore } from './ports/identity-ports.ts';

export interface RenewalReminderDeps {
  reminders: RenewalReminderStore;
  registry: Pick<PcccRegistry, 'findMany' | 'rules'>;
  holders: Pick<HolderNotifier, 'notify'>;
  clock: Clock;
  /** The portal's public address for the link (PUBLIC_URL, else where this process listens); null: not known yet. */
  portalUrl: () => string | null;
  onError?: (e: unknown) => void;
}

/**
 * How long a claim holds before another pass may take it again: far beyond one send (SMS with its
 * retries, e-mail, Web Push), so a reminder is sent twice only when a send outlasts it; a claim left
 * by a process that stopped before marking it sent waits this long to be sent by the next pass.
 */
export const RENEWAL_CLAIM_LEASE_MS = 15 * 60_000;

/**
 * One pass: claims up to `limit` due reminders and sends them; returns how many it settled (sent, or
 * no longer due). A failed send is given back and not counted: with the channel down, a pass of
 * failures reads as no work, so the loop waits its poll interval (and drain() ends) instead of
 * claiming the same reminders again at once.
 */
export async function remindRenewals(deps: RenewalReminderDeps, limit: number): Promise<number> {
  const portal = deps.portalUrl();
  // Before the platform listens there is no link to give: the pass waits (nudged once it listens).
  if (portal === null) return 0;
  const rules = deps.registry.rules();
  const today = koreanDateOf(deps.clock.now().toISOString());
  const claimed = await deps.reminders.claimDue(today, rules.registry.renewalWindowDays.value, limit, { now: deps.clock.now(), ms: RENEWAL_CLAIM_LEASE_MS });
  if (claimed.length === 0) return 0;
  const holders = await deps.registry.findMany(claimed.map((c) => c.pccc));
  const url = `${portal.replace(/\/+$/, '')}/me/security`;
  let failed = 0;
  for (const claim of claimed) {
    const h = holders.get(claim.pccc);
    // Re-checked on the holder as read now (suspended or renewed since the claim's read: nothing to say;
    // given back, so the reminder is decided again should the code become due again).
    if (!h || h.expiresOn !== claim.expiresOn || renewalReminderDue(h, today, rules) !== claim.kind) {
      await deps.reminders.release(claim);
      continue;
    }
    // The lease runs from this send, not from the batch's claim (the sends before it took their time);
    // null: it ran out meanwhile and another pass took it, which sends it.
    const c = await deps.reminders.renew(claim, deps.clock.now());
    if (!c) continue;
    const text = renewalReminderText(c.kind, c.expiresOn, rules);
    try {
      await deliverToHolder(deps.holders, h, { subject: text.subject, body: `[Tonggwan 통관] ${text.ko} 연장: ${url} / ${text.en}`, url });
    } catch (e) {
      await deps.reminders.release(c);
      deps.onError?.(e);
      failed++;
      continue;
    }
    // A stop between the send and this mark sends it again after the lease: at least once.
    await deps.reminders.markSent(c, deps.clock.now());
  }
  return claimed.length - failed;
}
