import { describe, expect, it } from 'vitest';
import { checkRateLimitDocumented, errorResponses } from './response-schemas.ts';

describe('checkRateLimitDocumented', () => {
  const rateLimit = { max: 60, timeWindow: '1 minute' };
  const refusal = (what: string) => `${what} is rate-limited: it must publish its answers (config.docResponses) with its 429 (RATE_LIMITED)`;
  it('refuses a rate-limited route whose published answers leave out 429, or that publishes none, naming it', () => {
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/api/v1/x', config: { rateLimit, docResponses: errorResponses({ 400: 'bad' }) } })).toThrow(refusal('GET /api/v1/x'));
    expect(() => checkRateLimitDocumented({ method: 'POST', url: '/api/v1/y', config: { rateLimit } })).toThrow(refusal('POST /api/v1/y'));
  });
  it('lets through one that publishes 429, and one without a limit', () => {
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/a', config: { rateLimit, docResponses: errorResponses({ 429: 'slow down' }) } })).not.toThrow();
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/b', config: { docResponses: errorResponses({ 400: 'bad' }) } })).not.toThrow();
    expect(() => checkRateLimitDocumented({ method: 'GET', url: '/d' })).not.toThrow();
  });
});
