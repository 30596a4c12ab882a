// Notifies a PCCC holder on every channel they have: SMS to the registered mobile (SOLAPI with
// SMS_PROVIDER=solapi, else the local store), e-mail when registered (SMTP or the local store), and
// Web Push to each installed app that subscribed. A channel that fails goes to onError; the others
// still go out; the outcome counts the channels that took it (a sender that must retry asks for one).
// notifyOn sends on one channel and throws when it failed, for a sender that settles each channel apart.
// A channel's refusal for good (SOLAPI refusing the number or the sender: SmsRejectedError; the SMTP server's
// 5xx to the e-mail: EmailRejectedError; each permanent) is passed on as it is, and counted apart by notify, so an outbox gives it up at once.
import type { HolderChannel, HolderMessage, HolderNotifier, IdentityStore, NotifyOutcome, RegistryHolder } from '../../app/ports/identity-ports.ts';
import type { Notifier } from '../../app/ports.ts';
import type { webPushSender } from './web-push-sender.ts';
import { isPermanentFailure } from '../../app/outbox-pass.ts';

export function holderNotifier(o: { sms: Notifier; email: Notifier; push: ReturnType<typeof webPushSender> | null; store: IdentityStore; onError?: (e: unknown) => void }): HolderNotifier {
  const onError = o.onError ?? (() => undefined);
  const sms = (holder: RegistryHolder, m: HolderMessage) => o.sms.send({ channel: 'sms', recipient: holder.phone, subject: m.subject, body: m.body });
  const email = (address: string, m: HolderMessage) => o.email.send({ channel: 'email', recipient: address, subject: m.subject, body: m.body });
  /** Each installed app of the holder: how many took it and how many failed (a subscription gone is dropped, neither). */
  const push = async (holder: RegistryHolder, m: HolderMessage): Promise<{ sent: number; failed: number }> => {
    const sender = o.push;
    if (!sender) return { sent: 0, failed: 0 };
    const subs = await o.store.pushSubscriptionsOf(holder.holderId);
    const results = await Promise.all(
      subs.map(async (s) => {
        const r = await sender.send(s, { title: m.subject, body: m.body, url: m.url ?? '/me/security' });
        if (r === 'gone') await o.store.removePushSubscription(s.endpoint);
        return r;
      }),
    );
    return { sent: results.filter((r) => r === 'sent').length, failed: results.filter((r) => r === 'failed').length };
  };
  return {
    async notify(holder: RegistryHolder, m: HolderMessage): Promise<NotifyOutcome> {
      // Each job settles to how many took the message and how many failed: 1 for SMS and e-mail, one per subscription for Web Push.
      const jobs: Promise<{ sent: number; failed: number }>[] = [sms(holder, m).then(() => ({ sent: 1, failed: 0 }))];
      if (holder.email) jobs.push(email(holder.email, m).then(() => ({ sent: 1, failed: 0 })));
      if (o.push) jobs.push(push(holder, m));
      let delivered = 0;
      let failed = 0;
      let permanent = 0;
      for (const r of await Promise.allSettled(jobs)) {
        if (r.status === 'fulfilled') {
          delivered += r.value.sent;
          failed += r.value.failed;
        } else {
          failed++;
          if (isPermanentFailure(r.reason)) permanent++;
          onError(r.reason);
        }
      }
      return { delivered, failed, permanent };
    },
    async notifyOn(channel: HolderChannel, holder: RegistryHolder, m: HolderMessage): Promise<'sent' | 'none'> {
      switch (channel) {
        case 'sms':
          await sms(holder, m);
          return 'sent';
        case 'email':
          if (!holder.email) return 'none';
          await email(holder.email, m);
          return 'sent';
        case 'push': {
          const r = await push(holder, m);
          if (r.sent > 0) return 'sent';
          if (r.failed === 0) return 'none';
          throw new Error(`Web Push: the send to each of ${r.failed} installed app(s) failed`);
        }
        default: {
          const never: never = channel;
          throw new Error(`unknown channel ${String(never)}`);
        }
      }
    },
    vapidPublicKey: () => o.push?.publicKey ?? null,
  };
}
