import { describe, expect, it } from 'vitest';
import { requirePrincipal } from './auth.ts';
import { checkGuardDocumented, checkRateLimitDocumented, errorResponses, frameworkErrorResponses } from './response-schemas.ts';

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

describe('checkGuardDocumented', () => {
  const operatorsOnly = requirePrincipal(['operator']);
  const anyone = requirePrincipal(['operator', 'officer', 'consumer']);
  it('refuses a guarded route that leaves out its guard’s 401 or 403, naming it and the statuses', () => {
    expect(() => checkGuardDocumented({ method: 'POST', url: '/api/v1/x', preHandler: operatorsOnly, config: { docResponses: errorResponses({ 400: 'bad', 401: 'who?' }) } })).toThrow(
      'POST /api/v1/x is guarded by requirePrincipal: it must publish its 403 (config.docResponses)',
    );
    expect(() => checkGuardDocumented({ method: 'GET', url: '/api/v1/y', preHandler: [operatorsOnly], config: { docResponses: errorResponses({ 400: 'bad' }) } })).toThrow('it must publish its 401 and 403');
  });
  it('lets through one that publishes them, a guard letting every principal in without its 403, and a route publishing nothing or unguarded', () => {
    expect(() => checkGuardDocumented({ method: 'POST', url: '/a', preHandler: operatorsOnly, config: { docResponses: errorResponses({ 401: 'who?', 403: 'not yours' }) } })).not.toThrow();
    expect(() => checkGuardDocumented({ method: 'POST', url: '/b', preHandler: anyone, config: { docResponses: errorResponses({ 401: 'who?' }) } })).not.toThrow();
    expect(() => checkGuardDocumented({ method: 'POST', url: '/c', preHandler: operatorsOnly })).not.toThrow();
    expect(() => checkGuardDocumented({ method: 'POST', url: '/d', config: { docResponses: errorResponses({ 400: 'bad' }) } })).not.toThrow();
  });
});

describe('frameworkErrorResponses', () => {
  it('publishes 400 and 431 for every route, 414 with path parameters, 413 and 415 for a method with a body', () => {
    expect(Object.keys(frameworkErrorResponses('GET', false))).toEqual(['400', '431']);
    expect(Object.keys(frameworkErrorResponses('GET', true))).toEqual(['400', '414', '431']);
    expect(Object.keys(frameworkErrorResponses('DELETE', true))).toEqual(['400', '413', '414', '415', '431']);
    expect(frameworkErrorResponses('POST', false)[415]).toMatchObject({ $ref: 'Error' });
  });
});
