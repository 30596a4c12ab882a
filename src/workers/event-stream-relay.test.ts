// The event stream's settings (NATS_*) and what its log shows of NATS_URL; the relay itself is
// tested against NATS and PostgreSQL in test/integration/event-stream.test.ts.
import { describe, expect, it } from 'vitest';
import { readConfig } from '../config.ts';
import { withoutCredentials } from './event-stream-relay.ts';

describe('event stream settings', () => {
  it('is off without NATS_URL, and has defaults with it', () => {
    expect(readConfig({}).eventStream).toBeNull();
    expect(readConfig({ NATS_URL: 'nats://127.0.0.1:4222' }).eventStream).toEqual({
      url: 'nats://127.0.0.1:4222',
      stream: 'TONGGWAN_EVENTS',
      subjectPrefix: 'tonggwan.declaration',
      start: 'now',
      duplicateWindowMs: 1_800_000,
    });
  });

  it('refuses a stream name or subject prefix NATS would not take, and an unknown start', () => {
    expect(() => readConfig({ NATS_URL: 'nats://x', NATS_STREAM: 'a.b' })).toThrow(/NATS_STREAM/);
    expect(() => readConfig({ NATS_URL: 'nats://x', NATS_SUBJECT_PREFIX: 'a.*' })).toThrow(/NATS_SUBJECT_PREFIX/);
    expect(() => readConfig({ NATS_URL: 'nats://x', NATS_SUBJECT_PREFIX: 'a..b' })).toThrow(/NATS_SUBJECT_PREFIX/);
    expect(() => readConfig({ NATS_URL: 'nats://x', NATS_STREAM_START: 'yesterday' })).toThrow(/NATS_STREAM_START/);
    expect(readConfig({ NATS_URL: 'nats://x', NATS_STREAM_START: 'all', NATS_DUPLICATE_WINDOW_S: '60' }).eventStream).toMatchObject({ start: 'all', duplicateWindowMs: 60_000 });
  });

  it('logs NATS_URL without its credentials', () => {
    expect(withoutCredentials('nats://relay:s3cret@nats-1:4222, tls://tok@nats-2:4222')).toBe('nats://nats-1:4222,tls://nats-2:4222');
    expect(withoutCredentials('nats://127.0.0.1:4222')).toBe('nats://127.0.0.1:4222');
  });
});
