import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { rateLimitKeyOf } from './auth.ts';
import type { Principal } from '../app/ports.ts';

const as = (principal: Principal | null) => ({ principal, ip: '203.0.113.7' }) as unknown as FastifyRequest;

describe('whom a per-route rate limit counts', () => {
  it('counts a consumer by the holder, so a reissue does not give a fresh allowance', () => {
    // Issued P250000000011 (2025, serial 1), reissued P260000000043 (2026, serial 4): the session moves to the new code.
    const before = as({ kind: 'consumer', pccc: 'P250000000011', amr: 'otp', pcccs: ['P250000000011'] });
    const after = as({ kind: 'consumer', pccc: 'P260000000043', amr: 'otp', pcccs: ['P260000000043', 'P250000000011'] });
    expect(rateLimitKeyOf(before)).toBe('consumer:P250000000011');
    expect(rateLimitKeyOf(after)).toBe(rateLimitKeyOf(before)); // before: consumer:P260000000043, a new count
    // Another holder is another count.
    expect(rateLimitKeyOf(as({ kind: 'consumer', pccc: 'P250000000029', amr: 'otp', pcccs: ['P250000000029'] }))).toBe('consumer:P250000000029');
  });

  it('counts operators, officers and anyone else as before', () => {
    expect(rateLimitKeyOf(as({ kind: 'operator', operatorId: 3, operatorCode: 'MALL', role: 'marketplace', apiKeyId: 1 } as Principal))).toBe('operator:3');
    expect(rateLimitKeyOf(as({ kind: 'officer', userId: 9, username: 'kim', role: 'officer' }))).toBe('officer:9');
    expect(rateLimitKeyOf(as(null))).toBe('ip:203.0.113.7');
  });
});
