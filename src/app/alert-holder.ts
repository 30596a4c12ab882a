// Alerts to a PCCC holder that are sent best effort after the commit, not through the holder notices'
// outbox (migrations/114): what they announce is on the portal either way (an officer's answer, an
// officer's decision on a parcel), so a lost alert costs a later look, never the record.
import type { HolderMessage, HolderNotifier, PcccRegistry } from './ports/identity-ports.ts';

export interface HolderAlerts {
  registry: Pick<PcccRegistry, 'find'>;
  holders: HolderNotifier;
  onError?: (e: unknown) => void;
}

/** Sends `message` to the holder of `pccc` on every channel, if the code has a holder; a failure goes to onError, never to the caller. */
export async function alertHolder(alerts: HolderAlerts, pccc: string, message: HolderMessage): Promise<void> {
  try {
    const holder = await alerts.registry.find(pccc);
    if (holder) await alerts.holders.notify(holder, message);
  } catch (e) {
    alerts.onError?.(e);
  }
}
