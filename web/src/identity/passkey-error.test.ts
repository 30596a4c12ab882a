// What a passkey ceremony's browser error becomes on the identity pages: words in the reader's
// language, not the browser's (or @simplewebauthn's) technical English.
import { describe, expect, it } from 'vitest';
import { WebAuthnError } from '@simplewebauthn/browser';
import { passkeyError } from './identity-api.ts';
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
