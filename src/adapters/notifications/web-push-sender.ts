// Web Push to the installed app (web-push, VAPID). The VAPID key pair is generated at first start
// and kept in platform_keys. A subscription the push service says is gone (404/410) is dropped.
import webpush from 'web-push';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

export function generateVapidKeys(): VapidKeys {
  return webpush.generateVAPIDKeys();
}

export interface PushSubscriptionRecord {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export function webPushSender(o: { keys: VapidKeys; subject: string }) {
  return {
    publicKey: o.keys.publicKey,
    /** 'gone' when the subscription no longer exists. */
    async send(s: PushSubscriptionRecord, payload: unknown): Promise<'sent' | 'gone' | 'failed'> {
      try {
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(payload), {
          vapidDetails: { subject: o.subject, publicKey: o.keys.publicKey, privateKey: o.keys.privateKey },
          TTL: 3600,
          timeout: 5000,
        });
        return 'sent';
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        return status === 404 || status === 410 ? 'gone' : 'failed';
      }
    },
  };
}
