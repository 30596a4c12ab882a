// Web Push to the installed app (web-push, VAPID). The VAPID key pair is generated at first start
// and kept in platform_keys. A subscription the push service says is gone (404/410) is dropped.
// The endpoint is the subscriber's to name, and the platform makes the request: outside demo mode
// (WEBHOOK_ALLOW_PRIVATE) it connects only to public addresses, as webhooks do (target-policy.ts).
import https from 'node:https';
import net from 'node:net';
import { parse as legacyParse } from 'node:url';
import webpush from 'web-push';
import { isPublicAddress, nonPublicHostOf, publicOnlyLookup } from '../webhooks/target-policy.ts';

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

/**
 * The host of a push endpoint that may not be a target (localhost or a non-public address), else
 * null. Read by both URL parsers: web-push connects to what Node's legacy url.parse reads
 * (`[::ffff:127.0.0.1]` as it is, where the WHATWG parser writes `::ffff:7f00:1`).
 */
export function nonPublicPushHostOf(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return endpoint.slice(0, 100);
  }
  const legacy = (legacyParse(endpoint).hostname ?? '').toLowerCase();
  if (legacy === 'localhost' || legacy.endsWith('.localhost') || (net.isIP(legacy) && !isPublicAddress(legacy))) return legacy;
  return nonPublicHostOf(url);
}

export function webPushSender(o: { keys: VapidKeys; subject: string; allowPrivate?: boolean }) {
  // Names are checked when each connection resolves them (a name re-pointed after subscribing is caught).
  const agent = o.allowPrivate ? undefined : new https.Agent({ lookup: publicOnlyLookup } as https.AgentOptions);
  return {
    publicKey: o.keys.publicKey,
    /** 'gone' when the subscription no longer exists. */
    async send(s: PushSubscriptionRecord, payload: unknown): Promise<'sent' | 'gone' | 'failed'> {
      // An address in the endpoint is connected to without a lookup: checked here.
      if (!o.allowPrivate && nonPublicPushHostOf(s.endpoint) !== null) return 'failed';
      try {
        await webpush.sendNotification({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(payload), {
          vapidDetails: { subject: o.subject, publicKey: o.keys.publicKey, privateKey: o.keys.privateKey },
          TTL: 3600,
          timeout: 5000,
          ...(agent ? { agent } : {}),
        });
        return 'sent';
      } catch (e) {
        const status = (e as { statusCode?: number }).statusCode;
        return status === 404 || status === 410 ? 'gone' : 'failed';
      }
    },
  };
}
