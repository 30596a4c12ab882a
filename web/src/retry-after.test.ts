import { describe, expect, it } from 'vitest';
import { retryAfterText } from './api.ts';

describe('a rate-limited answer says how long to wait (Retry-After, seconds)', () => {
  it('in seconds under a minute, in minutes rounded up from there', () => {
    expect(retryAfterText('5')).toEqual({ ko: '5초 뒤에 다시 시도할 수 있습니다.', en: 'You can try again in 5 s.' });
    // 0 seconds left (the window just over): 1 s, not "in 0 s".
    expect(retryAfterText('0')?.en).toBe('You can try again in 1 s.');
    // 61 s = 1 min 1 s: about 2 minutes (61 / 60 rounded up), never fewer than it takes.
    expect(retryAfterText('61')).toEqual({ ko: '약 2분 뒤에 다시 시도할 수 있습니다.', en: 'You can try again in about 2 min.' });
    expect(retryAfterText('60')?.ko).toBe('약 1분 뒤에 다시 시도할 수 있습니다.');
  });

  it('says nothing more without a number of seconds', () => {
    expect(retryAfterText(null)).toBeNull();
    expect(retryAfterText('')).toBeNull();
    expect(retryAfterText('Wed, 21 Oct 2026 07:28:00 GMT')).toBeNull();
  });
});
