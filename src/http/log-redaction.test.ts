import { describe, expect, it } from 'vitest';
import { errorLogSerializer, loggedUrl } from './log-redaction.ts';

describe('request log lines', () => {
  it('carry no key, session, customs code, name or mobile of the URL; paging and periods stay', () => {
    // The UNI-PASS personal-code check (API028): key, PCCC, name, mobile all in the query.
    expect(loggedUrl('/ext/rest/persEcmQry/retrievePersEcm?crkyCn=k123secret&persEcm=P123456789012&pltxNm=%EA%B9%80%EB%AF%BC%EC%A7%80&cralTelno=01012345678')).toBe(
      '/ext/rest/persEcmQry/retrievePersEcm?crkyCn=[redacted]&persEcm=[redacted]&pltxNm=[redacted]&cralTelno=[redacted]',
    );
    expect(loggedUrl('/api/v1/consultations/7/events?access_token=tgc_abcdef')).toBe('/api/v1/consultations/7/events?access_token=[redacted]');
    expect(loggedUrl('/api/v1/demo/notifications?recipient=01012345678')).toBe('/api/v1/demo/notifications?recipient=[redacted]');
    expect(loggedUrl('/api/v1/registry/pccc/P123456789012/suspend')).toBe('/api/v1/registry/pccc/P[redacted]/suspend');
    expect(loggedUrl('/api/v1/officer/parties/consignee/p123456789012')).toBe('/api/v1/officer/parties/consignee/P[redacted]');
    expect(loggedUrl('/api/v1/officer/parties/seller/010-1234-5678')).toBe('/api/v1/officer/parties/seller/[redacted]');
    expect(loggedUrl('/api/v1/webhooks/3/deliveries?limit=50&after=120&status=dead')).toBe('/api/v1/webhooks/3/deliveries?limit=50&after=120&status=dead');
    expect(loggedUrl('/api/v1/statistics/monthly.csv?from=2026-01&to=2026-06&dimension=route&lang=en')).toBe('/api/v1/statistics/monthly.csv?from=2026-01&to=2026-06&dimension=route&lang=en');
    expect(loggedUrl('/api/v1/lookup/cargo/26TGW0000000001')).toBe('/api/v1/lookup/cargo/26TGW0000000001');
  });

  it('an error line: type, code, message and stack with PCCC and mobile numbers masked; not the database row in detail', () => {
    const e = Object.assign(new Error('duplicate key value violates unique constraint "holders_pkey" for P123456789012'), {
      code: '23505',
      detail: 'Key (pccc)=(P123456789012) already exists.',
      parameters: ['P123456789012', '김민지', '010-1234-5678'],
    });
    const line = errorLogSerializer(e);
    expect(line).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key value violates unique constraint "holders_pkey" for P[redacted]' });
    expect(JSON.stringify(line)).not.toMatch(/P123456789012|010-1234-5678|김민지|detail|parameters/);
  });
});
