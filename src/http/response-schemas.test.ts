import { describe, expect, it } from 'vitest';
import { checkRateLimitDocumented, errorResponses } from './response-schemas.ts';

describe('checkRateLimitDocumented', () => {
  const rateLimit = { max: 60, timeWindow: '1 minute' };
  it('refuses a rate-limited route whose published answers leave out 429, naming it', () => {
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/api/v1/x', config: { rateLimit, docResponses: errorResponses({ 400: 'bad' }) } })).toThrow(
      'GET /api/v1/x is rate-limited and publishes its answers, but not its 429 (RATE_LIMITED)',
    );
  });
  it('lets through one that publishes 429, one without a limit, and one that publishes no answers', () => {
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/a', config: { rateLimit, docResponses: errorResponses({ 429: 'slow down' }) } })).not.toThrow();
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/b', config: { docResponses: errorResponses({ 400: 'bad' }) } })).not.toThrow();
    expect(() => checkRateLimitDocumented({ method: 'POST', url: '/c', config: { rateLimit } })).not.toThrow();
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/d' })).not.toThrow();
  });
});
