// Notifies a PCCC holder on every channel they have: SMS to the registered mobile (SOLAPI with
// SMS_PROVIDER=solapi, else the local store), e-mail when registered (SMTP or the local store), and
// Web Push to each installed app that subscribed. A channel that fails goes to onError; the others
// still go out.
import type { HolderMessage, HolderNotifier, IdentityStore, RegistryHolder } from '../../app/ports/identity-ports.ts';
import type { Notifier } from '../../app/ports.ts';
import type { webPushSender } from './web-push-sender.ts';

export function holderNotifier(o: { sms: Notifier; email: Notifier; push: ReturnType<typeof webPushSender> | null; store: IdentityStore; onError?: (e: unknown) => void }): HolderNotifier {
  const onError = o.onError ?? (() => undefined);
  return {
    async notify(holder: RegistryHolder, m: HolderMessage) {
      const jobs: Promise<unknown>[] = [o.sms.send({ channel: 'sms', recipient: holder.phone, subject: m.subject, body: m.body })];
      if (holder.email) jobs.push(o.email.send({ channel: 'email', recipient: holder.email, subject: m.subject, body: m.body }));
      if (o.push) {
        const push = o.push;
        jobs.push(
          o.store.pushSubscriptionsOf(holder.holderId).then((subs) =>
            Promise.all(
              subs.map(async (s) => {
                const r = await push.send(s, { title: m.subject, body: m.body, url: m.url ?? '/me/security' });
                if (r === 'gone') await o.store.removePushSubscription(s.endpoint);
              }),
            ),
          ),
        );
      }
      for (const r of await Promise.allSettled(jobs)) if (r.status === 'rejected') onError(r.reason);
    },
    vapidPublicKey: () => o.push?.publicKey ?? null,
  };
}
