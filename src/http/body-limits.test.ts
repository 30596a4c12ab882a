import { describe, expect, it } from 'vitest';
import { adviceFor, effectiveBodyLimit, payloadTooLargeText, sizeText } from './body-limits.ts';

describe('the 413 text', () => {
  it('names a limit in whole MB or KB', () => {
    expect(sizeText(64 * 1024 * 1024)).toBe('64 MB'); // 67,108,864 bytes
    expect(sizeText(512 * 1024)).toBe('512 KB'); // 524,288 bytes
    expect(sizeText(1536 * 1024)).toBe('1,536 KB'); // 1.5 MB is not whole MB
  });

  it('takes the route limit, else the text parser (20 MB) or JSON default (1 MB)', () => {
    expect(effectiveBodyLimit(64 * 1024 * 1024, 'application/json')).toBe(67_108_864);
    expect(effectiveBodyLimit(undefined, 'text/csv; charset=utf-8')).toBe(20_971_520);
    expect(effectiveBodyLimit(undefined, 'application/json')).toBe(1_048_576);
    expect(adviceFor(undefined, 'text/csv')).toBe('split-csv');
    expect(adviceFor(undefined, 'application/json')).toBe('smaller');
  });

  it('tells the bulk intake to send fewer declarations, at most 10,000 per request (the API limit)', () => {
    const t = payloadTooLargeText(64 * 1024 * 1024, 'fewer-declarations');
    expect(t.en).toBe('The request body is too large: this route takes at most 64 MB. Send fewer declarations per request, in several requests (at most 10,000 per request, 64 MB or less).');
    expect(t.ko).toBe('요청 본문이 너무 큽니다: 이 경로는 64 MB까지 받습니다. 한 요청에 보내는 신고 수를 줄여 나누어 보내세요(한 번에 최대 10,000건, 64 MB 이하).');
  });
});
