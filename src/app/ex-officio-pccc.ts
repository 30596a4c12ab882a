// An officer's ex officio change of a PCCC (직권, POST /api/v1/registry/pccc/:pccc/:action): suspend,
// resume, reissue, cancel. The registry makes the change and ends the holder's consumer sessions in one
// transaction (a suspend, a reissue and a cancel end them all: the holder signs in again; PcccRegistry);
// the holder is then told on their channels, in Korean and English (tell-pccc-holder.ts), after the commit.
import { type Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { RegistryActor, RegistryHolder } from './ports/identity-ports.ts';
import { tellHolderOfChange } from './tell-pccc-holder.ts';

export type ExOfficioAction = 'suspend' | 'resume' | 'reissue' | 'cancel';
type Reissued = { previous: RegistryHolder; current: RegistryHolder; reissuesLeft: number };

export async function changeCodeExOfficio(
  deps: Pick<IdentityDeps, 'registry' | 'holders'>,
  action: ExOfficioAction,
  pccc: string,
  reason: string,
  actor: RegistryActor,
): Promise<Result<RegistryHolder | Reissued>> {
  if (action === 'reissue') {
    const r = await deps.registry.reissue(pccc, actor);
    if (r.ok) await tellHolderOfChange(deps, r.value.current, { action, by: 'officer', pccc: r.value.current.pccc });
    return r;
  }
  const r = action === 'suspend' ? await deps.registry.suspend(pccc, reason, actor) : action === 'resume' ? await deps.registry.resume(pccc, actor) : await deps.registry.cancel(pccc, reason, actor);
  if (r.ok) await tellHolderOfChange(deps, r.value, { action, by: 'officer', pccc: r.value.pccc });
  return r;
}
