// subscribePush waits for the service worker to become active, at most 10 s: when the worker is
// ready first, the 10 s timer is cleared (it outlived the wait before, holding its closure).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { subscribePush } from './identity-api.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function browser(o: { activeAtFirst: boolean }) {
  const subscription = { toJSON: () => ({ endpoint: 'https://push.example/1', keys: { p256dh: 'k', auth: 'a' } }) };
  const reg = { active: o.activeAtFirst ? {} : null, pushManager: { getSubscription: async () => null, subscribe: async () => subscription } };
  const posted: string[] = [];
  vi.stubGlobal('window', { PushManager: class {} });
  vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => reg, ready: Promise.resolve({ ...reg, active: {} }) } });
  vi.stubGlobal('Notification', { permission: 'default', requestPermission: async () => 'granted' });
  vi.stubGlobal('fetch', async (path: string) => {
    posted.push(path);
    return new Response(path.endsWith('vapid-public-key') ? JSON.stringify({ publicKey: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM' }) : '{}', { status: path.endsWith('vapid-public-key') ? 200 : 201 });
  });
  return posted;
}

describe('subscribePush', () => {
  it('a worker still installing that becomes ready: subscribed, and no timer left behind', async () => {
    vi.useFakeTimers();
    const posted = browser({ activeAtFirst: false });
    expect(await subscribePush('tgc_x')).toBe('on');
    expect(posted).toContain('/api/v1/consumer/push-subscriptions');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an active worker: no wait and no timer at all', async () => {
    vi.useFakeTimers();
    browser({ activeAtFirst: true });
    expect(await subscribePush('tgc_x')).toBe('on');
    expect(vi.getTimerCount()).toBe(0);
  });
});
