// What a passkey ceremony's browser error becomes on the identity pages: words in the reader's
// language, not the browser's (or @simplewebauthn's) technical English.
import { describe, expect, it } from 'vitest';
import { WebAuthnError } from '@simplewebauthn/browser';
import { passkeyError, passkeySignInNext } from './identity-api.ts';
import { messages } from '../messages.ts';
import { ApiError } from '../api.ts';

const browserError = (name: string) => Object.assign(new Error('technical'), { name });

describe('passkeyError', () => {
  it('a cancelled or timed-out prompt is said as such', () => {
    expect((passkeyError(browserError('NotAllowedError'), '취소됨') as Error).message).toBe('취소됨');
    expect((passkeyError(browserError('AbortError'), '취소됨') as Error).message).toBe('취소됨');
  });
  it('registering on a device that already holds one of the holder’s passkeys is said as such (it showed "The authenticator was previously registered")', () => {
    const previously = new WebAuthnError({ message: 'The authenticator was previously registered', code: 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', cause: browserError('InvalidStateError') });
    expect((passkeyError(previously, '취소됨', '이미 있음') as Error).message).toBe('이미 있음');
  });
  it('anything else is left as it is (the platform’s refusals keep their own words)', () => {
    const refused = new ApiError(401, 'PASSKEY_INVALID', '패스키 확인에 실패했습니다.', 'The passkey could not be verified.');
    expect(passkeyError(refused, '취소됨', '이미 있음')).toBe(refused);
    expect(passkeyError(browserError('InvalidStateError'), '취소됨')).toHaveProperty('message', 'technical'); // sign-in, approval: not a registration
  });
});

describe('passkeySignInNext: what a refused passkey sign-in tells the person to do', () => {
  it('a passkey the platform refuses (removed on another device, or on this one while the phone still offers it) leads to the code and to registering again, in both languages', () => {
    // Before, the page said only "패스키 확인에 실패했습니다." and its code: the phone kept offering the removed passkey, and nothing said what to do.
    const refused = new ApiError(401, 'PASSKEY_INVALID', '패스키 확인에 실패했습니다.', 'The passkey could not be verified.');
    const key = passkeySignInNext(refused);
    expect(key).toBe('signin.passkeyInvalidNext');
    expect(messages.ko[key!]).toContain('휴대폰 인증번호로 확인한 뒤');
    expect(messages.en[key!]).toContain('Verify with a code below');
  });
  it('anything else has no such line (a cancelled prompt already says what to do; a server failure is not about the passkey)', () => {
    expect(passkeySignInNext(browserError('NotAllowedError'))).toBeNull();
    expect(passkeySignInNext(new ApiError(500, 'INTERNAL', '오류', 'Error'))).toBeNull();
  });
});
