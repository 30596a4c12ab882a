// Where the officer sign-in takes the user after signing in (return-to.ts): the page they were going to
// (/officer/admin showed a '로그인' link to /officer and the user stayed on the work queue), but only a
// path on this site, never another origin (an open redirect).
import { describe, expect, it } from 'vitest';
import { returnPath, signInLinkFor } from './return-to.ts';

describe('returnPath', () => {
  it('a page of this site, with its query and fragment', () => {
    expect(returnPath('/officer/admin')).toBe('/officer/admin');
    expect(returnPath('/officer/consultations?status=open#t')).toBe('/officer/consultations?status=open#t');
  });
  it('nothing to return to: absent, empty, or the sign-in page itself', () => {
    expect(returnPath(null)).toBeNull();
    expect(returnPath('')).toBeNull();
    expect(returnPath('/officer')).toBeNull();
  });
  it('another origin is refused, however it is written', () => {
    for (const bad of [
      'https://evil.example/officer',
      '//evil.example/officer',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
      'officer/admin',
      ' /officer/admin',
    ]) {
      expect(returnPath(bad), bad).toBeNull();
    }
  });
});

describe('signInLinkFor', () => {
  it('the sign-in page carrying the page to come back to', () => {
    expect(signInLinkFor('/officer/admin', '')).toBe('/officer?next=%2Fofficer%2Fadmin');
    expect(signInLinkFor('/officer/consultations', '?status=closed')).toBe('/officer?next=%2Fofficer%2Fconsultations%3Fstatus%3Dclosed');
  });
  it('on the sign-in page itself, no next', () => {
    expect(signInLinkFor('/officer', '')).toBe('/officer');
  });
});
