// What the consent page and the demo shop say about a request: a refusal that closes the request
// (a wrong number, the deadline passed) is said in words where the buttons were, never as an error
// with its code; every status the shop can read has its own text, never the raw status.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { consentScreen, mallStatusKey, passkeyRefusedHere, passkeyWaitEnds } from './consent-state.ts';

describe('consentScreen', () => {
  it('a pending request with nothing decided in this tab offers the choice', () => {
    expect(consentScreen('pending', null, null)).toEqual({ state: 'pending' });
  });
  it('the decision just made is said as the result', () => {
    expect(consentScreen('pending', 'approved', null)).toEqual({ state: 'result', status: 'approved' });
    expect(consentScreen('approved', 'approved', null)).toEqual({ state: 'result', status: 'approved' });
    expect(consentScreen('pending', 'declined', null)).toEqual({ state: 'result', status: 'declined' });
  });
  it('a wrong number cancels the request: said as the result (refused), before and after the refetch', () => {
    expect(consentScreen('pending', null, 'CONSENT_NUMBER_MISMATCH')).toEqual({ state: 'result', status: 'refused' });
    expect(consentScreen('refused', null, 'CONSENT_NUMBER_MISMATCH')).toEqual({ state: 'result', status: 'refused' });
  });
  it('a request that ran out while the page was open is said as expired', () => {
    expect(consentScreen('pending', null, 'CONSENT_EXPIRED')).toEqual({ state: 'result', status: 'expired' });
  });
  it('a request decided elsewhere is said as it now stands once read again', () => {
    expect(consentScreen('approved', null, 'CONSENT_NOT_PENDING')).toEqual({ state: 'closed', status: 'approved' });
  });
  it('other failures (a cancelled passkey, no passkey) leave the choice open', () => {
    expect(consentScreen('pending', null, 'PASSKEY_INVALID')).toEqual({ state: 'pending' });
    expect(consentScreen('pending', null, null)).toEqual({ state: 'pending' });
  });
  it('a request opened already closed says how it stands', () => {
    for (const s of ['approved', 'declined', 'refused', 'expired'] as const) expect(consentScreen(s, null, null)).toEqual({ state: 'closed', status: s });
  });
  it('never offers the choice on a request that is not pending', () => {
    const status = fc.constantFrom('pending', 'approved', 'declined', 'refused', 'expired' as const);
    const decided = fc.constantFrom(null, 'approved', 'declined' as const);
    const code = fc.constantFrom(null, 'CONSENT_NUMBER_MISMATCH', 'CONSENT_EXPIRED', 'CONSENT_NOT_PENDING', 'PASSKEY_INVALID', 'NO_PASSKEY');
    fc.assert(fc.property(status, decided, code, (s, d, c) => s === 'pending' || consentScreen(s, d, c).state !== 'pending'));
  });
});

describe('mallStatusKey', () => {
  it('has a text of its own for every status, none showing the raw status', () => {
    expect(['pending', 'approved', 'declined', 'refused', 'expired'].map((s) => mallStatusKey(s))).toEqual(['mall.waiting', 'mall.approved', 'mall.declined', 'mall.refused', 'mall.expired']);
  });
  it('an unknown status (a newer server) is said as ended, with no code', () => {
    expect(mallStatusKey('withdrawn')).toBe('mall.ended');
  });
});

describe('passkeyWaitEnds', () => {
  const at = '2026-12-07T05:10:00.000Z';
  it('reads the end of the waiting period from the refusal that carries it: every key waiting (options) or a waiting key used (decision)', () => {
    expect(passkeyWaitEnds('NO_PASSKEY', { usableFrom: at })).toBe(at);
    expect(passkeyWaitEnds('PASSKEY_INVALID', { usableFrom: at })).toBe(at);
  });
  it('nothing to wait for: no passkey at all, a passkey that did not verify, another refusal, a time it cannot read', () => {
    expect(passkeyWaitEnds('NO_PASSKEY', undefined)).toBeNull();
    expect(passkeyWaitEnds('PASSKEY_INVALID', { why: 'signature' })).toBeNull();
    expect(passkeyWaitEnds('CONSENT_EXPIRED', { usableFrom: at })).toBeNull();
    expect(passkeyWaitEnds(null, null)).toBeNull();
    expect(passkeyWaitEnds('NO_PASSKEY', { usableFrom: 'tomorrow' })).toBeNull();
  });
});

describe('passkeyRefusedHere', () => {
  it('a passkey refused with no waiting period (removed here or on another device, the phone still offering it) is said with what to do, not only "could not be verified" and its code', () => {
    expect(passkeyRefusedHere('PASSKEY_INVALID', null)).toBe(true);
    expect(passkeyRefusedHere('PASSKEY_INVALID', { why: 'signature' })).toBe(true);
  });
  it('a passkey still in its waiting period has its own line (passkeyWaitEnds), and other refusals none', () => {
    expect(passkeyRefusedHere('PASSKEY_INVALID', { usableFrom: '2026-12-08T10:00:00.000Z' })).toBe(false);
    expect(passkeyRefusedHere('NO_PASSKEY', null)).toBe(false);
    expect(passkeyRefusedHere(null, null)).toBe(false);
  });
});
