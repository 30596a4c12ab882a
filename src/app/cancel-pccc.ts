// An officer's ex officio cancel of a PCCC (직권 해지, POST /api/v1/registry/pccc/:pccc/cancel): the
// registry cancels the code and ends the holder's consumer sessions on it in one transaction
// (PcccRegistry.cancel); the holder is then told on their channels (SMS, e-mail, Web Push), in Korean
// and English, why their devices were signed out. Told after the commit, best effort: a channel that
// fails does not undo the cancel.
import { exOfficioCancelText } from '../domain/pccc-registry.ts';
import type { Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { RegistryActor, RegistryHolder } from './ports/identity-ports.ts';

export async function cancelCodeExOfficio(deps: Pick<IdentityDeps, 'registry' | 'holders'>, pccc: string, reason: string, actor: RegistryActor): Promise<Result<RegistryHolder>> {
  const r = await deps.registry.cancel(pccc, reason, actor);
  if (!r.ok) return r;
  const text = exOfficioCancelText(r.value.pccc);
  await deps.holders.notify(r.value, { subject: text.subject, body: `[Tonggwan 통관] ${text.ko} / ${text.en}` });
  return r;
}
