// A message a worker must get to the holder at least once (a refund alert, a renewal reminder): the
// holder notifier never throws for a channel that fails, so a send that no channel took is made a
// failure here, and the worker's retry (or release of its claim) takes over; a permanent one (each channel
// that failed refused the message for good, e.g. the SMS gateway the number) is given up by the outbox at once.
import type { HolderMessage, HolderNotifier, RegistryHolder } from './ports/identity-ports.ts';

export class NotDeliveredError extends Error {
  readonly failed: number;
  /** Each channel that failed refused it for good (isPermanentFailure): another attempt is refused again. */
  readonly permanent: boolean;
  constructor(failed: number, permanent = false) {
    super(`no channel took the message (${failed} failed${permanent ? ', refused for good' : ''})`);
    this.name = 'NotDeliveredError';
    this.failed = failed;
    this.permanent = permanent;
  }
}

/** Sends on every channel of the holder; throws NotDeliveredError when none took it. */
export async function deliverToHolder(holders: Pick<HolderNotifier, 'notify'>, holder: RegistryHolder, m: HolderMessage): Promise<void> {
  const outcome = await holders.notify(holder, m);
  if (outcome.delivered === 0) throw new NotDeliveredError(outcome.failed, outcome.failed > 0 && outcome.permanent === outcome.failed);
}
