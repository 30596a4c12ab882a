// The holder's usage alerts by Web Push on every installed app: how many get them, and turning them
// off everywhere (a lost or handed-on phone kept getting the goods, platform and order of each use
// with no way to stop it). A one-time-code session of a holder with a usable passkey is refused, as
// the reissue's and the contact change's: after a SIM swap the alerts on the holder's own phone are
// what tells them, and the code alone must not silence them.
import { fail, ok, type Result } from './errors.ts';
import { holderOfConsumer, type IdentityDeps } from './identity-deps.ts';
import type { ConsumerPrincipal } from './ports.ts';

/**
 * `endpoint`: the asking browser's own subscription, if it has one: whether it is one of the holder's
 * (on a shared tablet it may be another holder's; turned off from another device, none).
 */
export async function countPushDevices(deps: IdentityDeps, consumer: ConsumerPrincipal, endpoint?: string): Promise<Result<{ devices: number; thisDevice: boolean }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  const subs = await deps.identity.pushSubscriptionsOf(h.holder.holderId);
  return ok({ devices: subs.length, thisDevice: endpoint !== undefined && subs.some((s) => s.endpoint === endpoint) });
}

export async function turnOffPushAlerts(deps: IdentityDeps, consumer: ConsumerPrincipal): Promise<Result<{ removed: number }>> {
  const h = await holderOfConsumer(deps, consumer);
  if (!h) return fail('PCCC_NOT_FOUND');
  if (consumer.amr !== 'passkey') {
    const now = deps.clock.now().getTime();
    const usable = (await deps.identity.passkeysOf(h.holder.holderId)).some((k) => Date.parse(k.usableFrom) <= now);
    if (usable) return fail('FORBIDDEN', { needs: 'passkey' }, { ko: '패스키가 등록되어 있으므로 모든 기기의 알림 끄기는 패스키로 로그인한 뒤에 할 수 있습니다.', en: 'You have a passkey: sign in with it to turn the alerts off on every device.' });
  }
  const removed = await deps.identity.removePushSubscriptionsOf(h.holder.holderId);
  await deps.identity.audit({ actorKind: 'consumer', actorId: null, action: 'push.remove-all', subject: `holder:${h.holder.holderId}`, detail: { removed, via: consumer.amr } });
  return ok({ removed });
}
