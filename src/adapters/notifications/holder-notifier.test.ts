// One channel at a time (notifyOn), for the notices of changes to a PCCC, each channel settled apart: SMS and
// e-mail sent or thrown; no e-mail registered: nothing to send; Web Push sent when one installed app took it,
// nothing to send when none subscribed (or each is gone, and dropped), thrown when every app's send failed.
import { describe, expect, it } from 'vitest';
import { holderNotifier } from './holder-notifier.ts';
import type { IdentityStore, RegistryHolder } from '../../app/ports/identity-ports.ts';
import type { OutgoingMessage } from '../../app/ports.ts';

const HOLDER: RegistryHolder = {
  pccc: 'P262000000123',
  holderId: 'h_P262000000123',
  name: '김하나',
  phone: '01098765432',
  postcodes: ['06236'],
  status: 'active',
  issuedOn: '2026-01-02',
  expiresOn: '2027-01-02',
  email: 'hana@example.com',
  nameEn: null,
  replacedBy: null,
  statusReason: null,
};
const M = { subject: '[통관] 개인통관고유부호 변경', body: '본문 / body' };

/** As the SOLAPI adapter throws a refusal of the number or the sender (SmsRejectedError): permanent. */
const refused = () => Object.assign(new Error('sms to 010-****-5432: refused by SOLAPI (status 1062 발신번호 미등록); not retried'), { code: '1062', permanent: true });

function notifierWith(o: { smsDown?: boolean; smsRefused?: boolean; emailDown?: boolean; push?: ('sent' | 'gone' | 'failed')[] }) {
  const sent: OutgoingMessage[] = [];
  const removed: string[] = [];
  const subs = (o.push ?? []).map((r, i) => ({ endpoint: `https://push.example/${i}`, p256dh: 'k', auth: 'a', r }));
  const n = holderNotifier({
    sms: { send: async (m) => (o.smsRefused ? Promise.reject(refused()) : o.smsDown ? Promise.reject(new Error('SOLAPI unavailable')) : void sent.push(m)) },
    email: { send: async (m) => (o.emailDown ? Promise.reject(new Error('SMTP: connection refused')) : void sent.push(m)) },
    push: o.push ? ({ publicKey: 'pk', send: async (s: { endpoint: string }) => subs.find((x) => x.endpoint === s.endpoint)!.r } as never) : null,
    store: { pushSubscriptionsOf: async () => subs, removePushSubscription: async (e: string) => void removed.push(e) } as unknown as IdentityStore,
  });
  return { n, sent, removed };
}

describe('notifyOn', () => {
  it('SMS and e-mail: sent on that channel only; a channel down throws; no e-mail registered: none', async () => {
    const { n, sent } = notifierWith({});
    expect(await n.notifyOn('email', HOLDER, M)).toBe('sent');
    expect(sent.map((m) => [m.channel, m.recipient])).toEqual([['email', 'hana@example.com']]);
    expect(await n.notifyOn('email', { ...HOLDER, email: null }, M)).toBe('none');
    expect(await n.notifyOn('sms', HOLDER, M)).toBe('sent');
    expect(sent).toHaveLength(2);
    await expect(notifierWith({ smsDown: true }).n.notifyOn('sms', HOLDER, M)).rejects.toThrow('SOLAPI unavailable');
  });

  it('Web Push: sent when one of the apps took it; none when none subscribed or each is gone (dropped); thrown when each failed', async () => {
    expect(await notifierWith({ push: ['failed', 'sent'] }).n.notifyOn('push', HOLDER, M)).toBe('sent');
    expect(await notifierWith({ push: [] }).n.notifyOn('push', HOLDER, M)).toBe('none');
    const gone = notifierWith({ push: ['gone'] });
    expect(await gone.n.notifyOn('push', HOLDER, M)).toBe('none');
    expect(gone.removed).toEqual(['https://push.example/0']);
    await expect(notifierWith({ push: ['failed', 'failed'] }).n.notifyOn('push', HOLDER, M)).rejects.toThrow('2 installed app(s) failed');
  });
});

describe('a permanent refusal', () => {
  it('notifyOn: the SMS refused for good throws the refusal as it is, saying permanent (the outbox gives it up at once)', async () => {
    await expect(notifierWith({ smsRefused: true }).n.notifyOn('sms', HOLDER, M)).rejects.toMatchObject({ code: '1062', permanent: true });
  });

  it('notify: counts the failures that are permanent among those that failed', async () => {
    // SMS refused (permanent), no e-mail, no app: 0 took it, 1 failed, 1 of them permanent.
    expect(await notifierWith({ smsRefused: true }).n.notify({ ...HOLDER, email: null }, M)).toEqual({ delivered: 0, failed: 1, permanent: 1 });
    // SMS refused (permanent), e-mail down (transient): 2 failed, 1 permanent.
    expect(await notifierWith({ smsRefused: true, emailDown: true }).n.notify(HOLDER, M)).toEqual({ delivered: 0, failed: 2, permanent: 1 });
    // SMS down (transient), e-mail sent: 1 took it, 1 failed, none permanent.
    expect(await notifierWith({ smsDown: true }).n.notify(HOLDER, M)).toEqual({ delivered: 1, failed: 1, permanent: 0 });
  });
});
