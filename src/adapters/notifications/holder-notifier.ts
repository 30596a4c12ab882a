// Notifies a PCCC holder on every channel they have: SMS to the registered mobile (SOLAPI with
// SMS_PROVIDER=solapi, else the local store), e-mail when registered (SMTP or the local store), and
// Web Push to each installed app that subscribed. A channel that fails goes to onError; the others
// still go out; the outcome counts the channels that took it (a sender that must retry asks for one).
import type { HolderMessage, HolderNotifier, IdentityStore, NotifyOutcome, RegistryHolder } from '../../app/ports/identity-ports.ts';
import type { Notifier } from '../../app/ports.ts';
import type { webPushSender } from './web-push-sender.ts';

export function holderNotifier(o: { sms: Notifier; email: Notifier; push: ReturnType<typeof webPushSender> | null; store: IdentityStore; onError?: (e: unknown) => void }): HolderNotifier {
  const onError = o.onError ?? (() => undefined);
  return {
    async notify(holder: RegistryHolder, m: HolderMessage): Promise<NotifyOutcome> {
      // Each job settles to how many took the message: 1 for SMS and e-mail, one per subscription for Web Push.
      const jobs: Promise<number>[] = [o.sms.send({ channel: 'sms', recipient: holder.phone, subject: m.subject, body: m.body }).then(() => 1)];
      if (holder.email) jobs.push(o.email.send({ channel: 'email', recipient: holder.email, subject: m.subject, body: m.body }).then(() => 1));
      let failed = 0;
      if (o.push) {
        const push = o.push;
        jobs.push(
          o.store.pushSubscriptionsOf(holder.holderId).then(async (subs) => {
            const sent: number[] = await Promise.all(
              subs.map(async (s) => {
                const r = await push.send(s, { title: m.subject, body: m.body, url: m.url ?? '/me/security' });
                if (r === 'gone') await o.store.removePushSubscription(s.endpoint);
                if (r === 'failed') failed++;
                return r === 'sent' ? 1 : 0;
              }),
            );
            return sent.reduce((a, b) => a + b, 0);
          }),
        );
      }
      let delivered = 0;
      for (const r of await Promise.allSettled(jobs)) {
        if (r.status === 'fulfilled') delivered += r.value;
        else {
          failed++;
          onError(r.reason);
        }
      }
      return { delivered, failed };
    },
    vapidPublicKey: () => o.push?.publicKey ?? null,
  };
}
