// Telling the holder of a change to their code (the holder's own from /me/security, or an officer's ex
// officio): on their channels (SMS, e-mail, Web Push), in Korean and English (pcccChangeText). Sent after the
// change's commit, best effort: a channel that fails does not undo the change (HolderNotifier never throws).
import { pcccChangeText, type PcccChange } from '../domain/pccc-registry.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { RegistryHolder } from './ports/identity-ports.ts';

export async function tellHolderOfChange(deps: Pick<IdentityDeps, 'holders'>, holder: RegistryHolder, change: PcccChange): Promise<void> {
  const text = pcccChangeText(change);
  await deps.holders.notify(holder, { subject: text.subject, body: `[Tonggwan 통관] ${text.ko} / ${text.en}` });
}
