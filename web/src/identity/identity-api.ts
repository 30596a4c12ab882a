// The identity API as the portal uses it, and the WebAuthn ceremonies (@simplewebauthn/browser).
import { startAuthentication, startRegistration } from '@simplewebauthn/browser';
import { api, ApiError } from '../api.ts';
import type { MessageKey } from '../messages.ts';
import { formatMoney, type Lang } from '../format.ts';
import type { PasskeyView } from '../../../src/domain/api-views.ts';
export type { ConsentView, LedgerApproval, LedgerEntry, OwnCodeView, PasskeyView } from '../../../src/domain/api-views.ts';

/**
 * A passkey ceremony the person cancelled, let time out, or could not finish with this device's
 * passkeys (the browser says NotAllowedError for all three, on purpose, with an English technical
 * text) is not an error of the platform: the page says so in the reader's language.
 */
export function passkeyError(error: unknown, cancelled: string, alreadyHere?: string): unknown {
  if (!(error instanceof Error)) return error;
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return new Error(cancelled);
  // Registering on a device that already holds one of the holder's passkeys (the server excludes them): the browser's English "previously registered".
  if (alreadyHere && error.name === 'InvalidStateError') return new Error(alreadyHere);
  return error;
}

/**
 * The next step after a refused passkey sign-in, said under the refusal: a passkey the platform no
 * longer knows (removed here or on another device; the phone still offers it) or that does not
 * verify leaves the code, then registering this device's passkey again.
 */
export function passkeySignInNext(error: unknown): MessageKey | null {
  return error instanceof ApiError && error.code === 'PASSKEY_INVALID' ? 'signin.passkeyInvalidNext' : null;
}

export async function passkeySignIn(): Promise<{ token: string; expiresAt: string; pccc: string }> {
  const s = await api<{ ceremonyId: string; options: never }>('/api/v1/consumer/passkeys/sign-in', { method: 'POST' });
  const response = await startAuthentication({ optionsJSON: s.options });
  return api(`/api/v1/consumer/passkeys/sign-in/${encodeURIComponent(s.ceremonyId)}`, { body: { response } });
}

export async function registerPasskey(token: string, label: string): Promise<PasskeyView> {
  const s = await api<{ ceremonyId: string; options: never }>('/api/v1/consumer/passkeys/registration', { method: 'POST', token });
  const response = await startRegistration({ optionsJSON: s.options });
  return api(`/api/v1/consumer/passkeys/registration/${encodeURIComponent(s.ceremonyId)}`, { token, body: { response, label } });
}

export async function decideWithPasskey(id: string, decision: 'approve' | 'decline', number: string | null): Promise<{ status: string; returnUrl: string | null }> {
  const o = await api<{ options: never }>(`/api/v1/consent/${encodeURIComponent(id)}/options`, { body: { decision, ...(number ? { number } : {}) } });
  const response = await startAuthentication({ optionsJSON: o.options });
  return api(`/api/v1/consent/${encodeURIComponent(id)}/decision`, { body: { decision, response } });
}

/** An order amount (in hundredths) as the rest of the portal writes money: "USD 32.50". */
export function money(lang: Lang, hundredths: number, currency: string): string {
  return formatMoney(lang, currency, hundredths / 100);
}

// ---- usage alerts on this device (Web Push; the service worker shows them: web/vite.config.ts) ----
export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

/** The service worker's registration, when this browser can take push alerts (the production build registers it). */
async function pushRegistration(): Promise<ServiceWorkerRegistration | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || typeof Notification === 'undefined') return null;
  return (await navigator.serviceWorker.getRegistration()) ?? null;
}

async function vapidKey(): Promise<string | null> {
  return (await api<{ publicKey: string | null }>('/api/v1/identity/vapid-public-key')).publicKey;
}

export async function pushState(): Promise<PushState> {
  const reg = await pushRegistration();
  if (!reg || !(await vapidKey())) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return (await reg.pushManager.getSubscription()) ? 'on' : 'off';
}

/** Asks for permission, subscribes this device and registers the subscription with the holder's code. */
export async function subscribePush(token: string): Promise<PushState> {
  // pushManager.subscribe needs an active worker: on a first visit the registered one may still be
  // installing, so wait until it is ready (bounded: a worker that fails to install never is). The
  // bound's timer is cleared when the worker is ready first, so no 10 s timer outlives the wait.
  const registered = await pushRegistration();
  let bound: ReturnType<typeof setTimeout> | undefined;
  const reg =
    registered && !registered.active
      ? await Promise.race([navigator.serviceWorker.ready, new Promise<ServiceWorkerRegistration>((r) => (bound = setTimeout(() => r(registered), 10_000)))]).finally(() => clearTimeout(bound))
      : registered;
  const key = reg ? await vapidKey() : null;
  if (!reg || !key) return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const b64 = key.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const subscription = (await reg.pushManager.getSubscription()) ?? (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: Uint8Array.from(raw, (c) => c.charCodeAt(0)) }));
  await api('/api/v1/consumer/push-subscriptions', { token, body: subscription.toJSON() });
  return 'on';
}

/**
 * The alerts turned off on every installed app of the holder (a lost or handed-on phone among them),
 * this browser's own subscription too, so this page no longer says it gets them.
 */
export async function turnOffPushEverywhere(token: string): Promise<number> {
  const { removed } = await api<{ removed: number }>('/api/v1/consumer/push-subscriptions', { method: 'DELETE', token });
  const reg = await pushRegistration();
  await (await reg?.pushManager.getSubscription())?.unsubscribe();
  return removed;
}

/** This browser's own push subscription endpoint, if it has one (asked of the server: is it the holder's?). */
export async function thisDeviceEndpoint(): Promise<string | null> {
  const reg = await pushRegistration();
  return (await reg?.pushManager.getSubscription())?.endpoint ?? null;
}
