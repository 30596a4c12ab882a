// Where a given-up holder notice goes when sent again, kind by kind: the notice of a change of contact
// to the old number or address goes there again (its point); every other notice to the holder's contact
// now, "current" when the holder replaced the one it was given up on.
import { describe, expect, it } from 'vitest';
import { requeueTarget, type RequeueNoticeFacts } from './holder-notice-requeue.ts';

// An SMS given up on 010-1111-2222; the holder's number since: 010-3333-4444 (a phone event after the give-up).
const onSms = (kind: RequeueNoticeFacts['kind'], changeAction: string | null = null): RequeueNoticeFacts => ({ kind, changeAction, channel: 'sms', recipient: null, contactReplacedSince: false });

describe('requeueTarget', () => {
  describe('pccc_change', () => {
    it.each(['suspend', 'resume', 'reissue', 'renew', 'cancel'])('%s: to the holder’s number now; "current" once the holder replaced it after the give-up', (action) => {
      expect(requeueTarget(onSms('pccc_change', action))).toBe('same');
      expect(requeueTarget({ ...onSms('pccc_change', action), contactReplacedSince: true })).toBe('current');
    });

    it.each([
      ['phone', 'sms', '01011112222'],
      ['email', 'email', 'old@example.com'],
    ] as const)('%s, the notice to the old %s (recipient %s): the old one again, replaced or not (telling it is its point)', (action, channel, recipient) => {
      const toOld: RequeueNoticeFacts = { kind: 'pccc_change', changeAction: action, channel, recipient, contactReplacedSince: false };
      expect(requeueTarget(toOld)).toBe('former');
      expect(requeueTarget({ ...toOld, contactReplacedSince: true })).toBe('former');
    });

    it.each(['phone', 'email'])('%s, the notice to the new contact (no recipient): the holder’s now, "current" if changed again since', (action) => {
      expect(requeueTarget(onSms('pccc_change', action))).toBe('same');
      expect(requeueTarget({ ...onSms('pccc_change', action), contactReplacedSince: true })).toBe('current');
    });
  });

  it.each(['passkey_added', 'passkey_removed', 'not_me_report', 'consent_approved', 'consent_cancelled', 'declaration_filed'] as const)(
    '%s: the holder’s number now; "current" when it replaced the one the notice was given up on',
    (kind) => {
      expect(requeueTarget(onSms(kind))).toBe('same');
      expect(requeueTarget({ ...onSms(kind), contactReplacedSince: true })).toBe('current');
      // by e-mail alike
      expect(requeueTarget({ ...onSms(kind), channel: 'email', contactReplacedSince: true })).toBe('current');
      // a fixed recipient on another kind than the old-contact notice (none is queued so): not kept, now's contact
      expect(requeueTarget({ ...onSms(kind), recipient: '01011112222' })).toBe('current');
    },
  );

  it('Web Push has no number: the apps subscribed now, whatever changed', () => {
    expect(requeueTarget({ ...onSms('passkey_added'), channel: 'push', contactReplacedSince: true })).toBe('same');
    expect(requeueTarget({ ...onSms('pccc_change', 'reissue'), channel: 'push' })).toBe('same');
  });
});
