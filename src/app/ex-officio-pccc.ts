// An officer's ex officio change of a PCCC (직권, POST /api/v1/registry/pccc/:pccc/:action): suspend,
// resume, reissue, cancel. The registry makes the change, ends the holder's consumer sessions and queues the
// holder's notice of it (Korean and English, on their channels) in one transaction (a suspend, a reissue and a
// cancel end them all: the holder signs in again; PcccRegistry); the notices' worker sends it
// (send-pccc-change-notices.ts), with retries: a crash after the commit loses none.
import { type Result } from './errors.ts';
import type { IdentityDeps } from './identity-deps.ts';
import type { RegistryActor, RegistryHolder } from './ports/identity-ports.ts';

export type ExOfficioAction = 'suspend' | 'resume' | 'reissue' | 'cancel';
type Reissued = { previous: RegistryHolder; current: RegistryHolder; reissuesLeft: number };

export async function changeCodeExOfficio(
  deps: Pick<IdentityDeps, 'registry' | 'onChangeNoticeQueued'>,
  action: ExOfficioAction,
  pccc: string,
  reason: string,
  actor: RegistryActor,
): Promise<Result<RegistryHolder | Reissued>> {
  const tell = { tell: 'officer' as const };
  const r: Result<RegistryHolder | Reissued> =
    action === 'reissue'
      ? await deps.registry.reissue(pccc, actor, tell)
      : action === 'suspend'
        ? await deps.registry.suspend(pccc, reason, actor, tell)
        : action === 'resume'
          ? await deps.registry.resume(pccc, actor, tell)
          : await deps.registry.cancel(pccc, reason, actor, tell);
  if (r.ok) deps.onChangeNoticeQueued?.();
  return r;
}
