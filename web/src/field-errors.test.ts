import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldErrorsOf, fieldIssuesOf, sameNames } from './field-errors.ts';

// Error bodies as src/http/error-status.ts sends them: schema errors (validationDetails) and a use case's own check.
const schema = new ApiError(400, 'VALIDATION_FAILED', '요청 형식이 올바르지 않습니다.', 'The request does not match the schema.', [
  { path: 'body.text.en', keyword: 'minLength', message: 'must NOT have fewer than 1 characters', params: {} },
  { path: 'querystring.from', keyword: 'format', message: 'must match format "date"', params: {} },
  { path: 'body.items[0].price', keyword: 'minimum', message: 'must be >= 0', params: {} },
  { path: 'body', keyword: 'required', message: "must have required property 'to'", params: {} },
]);
const check = new ApiError(400, 'VALIDATION_FAILED', '유효기한이 너무 멉니다.', 'The notice would run too far ahead.', { field: 'validUntil', reason: 'valid_until_too_far', latest: '2027-12-02' });
const exists = new ApiError(409, 'EXCHANGE_PARTNER_EXISTS', '이미 등록된 협력 세관 부호입니다.', 'A partner administration with this code is already registered.', { code: 'JP-CUSTOMS' });

describe('the fields an API error names', () => {
  it('reads schema paths up to the first segment, and a check’s field with its reason', () => {
    expect(fieldIssuesOf(schema)).toEqual([
      { name: 'text', kind: 'schema' },
      { name: 'from', kind: 'schema' },
      { name: 'items', kind: 'schema' },
    ]);
    expect(fieldIssuesOf(check)).toEqual([{ name: 'validUntil', kind: 'check', reason: 'valid_until_too_far' }]);
    expect(fieldIssuesOf(exists)).toEqual([]);
    expect(fieldIssuesOf(exists, { EXCHANGE_PARTNER_EXISTS: 'code' })).toEqual([{ name: 'code', kind: 'check' }]);
    expect(fieldIssuesOf(new Error('network'))).toEqual([]);
    expect(fieldIssuesOf(undefined)).toEqual([]);
  });

  it('gives each form field the text the form chooses, the first issue winning, and nothing for fields the form lacks', () => {
    const text = (issue: { kind: string; name: string }, field: string, e: ApiError) => (issue.kind === 'check' ? e.ko : `form:${field}`);
    expect(fieldErrorsOf(schema, { field: (n) => (n.startsWith('text') ? 'textEn' : null), text })).toEqual({ textEn: 'form:textEn' });
    expect(fieldErrorsOf(schema, { field: sameNames(['from', 'to'] as const), text })).toEqual({ from: 'form:from' });
    expect(fieldErrorsOf(check, { field: sameNames(['validUntil'] as const), text })).toEqual({ validUntil: '유효기한이 너무 멉니다.' });
    expect(fieldErrorsOf(check, { field: sameNames(['code'] as const), text })).toEqual({});
    expect(fieldErrorsOf(exists, { field: sameNames(['code'] as const), codes: { EXCHANGE_PARTNER_EXISTS: 'code' }, text })).toEqual({ code: '이미 등록된 협력 세관 부호입니다.' });
    const twice = new ApiError(400, 'VALIDATION_FAILED', 'ko', 'en', [{ path: 'body.code', keyword: 'pattern' }, { path: 'body.code', keyword: 'maxLength' }]);
    let n = 0;
    expect(fieldErrorsOf(twice, { field: sameNames(['code'] as const), text: () => `#${++n}` })).toEqual({ code: '#1' });
  });
});
