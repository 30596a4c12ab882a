import { describe, expect, it } from 'vitest';
import { ApiError } from './api.ts';
import { fieldErrorsOf, fieldIssuesOf, sameNames } from './field-errors.ts';

// Error bodies as src/http/error-status.ts sends them: the one form of VALIDATION_FAILED's details
// (src/app/field-errors.ts), from the schema (with its keyword) and from a use case's own check.
const schema = new ApiError(400, 'VALIDATION_FAILED', '요청 형식이 올바르지 않습니다.', 'The request does not match the schema.', [
  { path: 'body.text.en', code: 'too_short', ko: '값이 비어 있습니다.', en: 'Must not be empty.', keyword: 'minLength', params: { limit: 1 } },
  { path: 'querystring.from', code: 'bad_format', ko: '형식이 올바르지 않습니다 (date).', en: 'Wrong format (date).', keyword: 'format', params: { format: 'date' } },
  { path: 'body.items[0].price', code: 'value_out_of_range', ko: '허용 범위를 벗어난 값입니다 (>= 0).', en: 'Out of range (>= 0).', keyword: 'minimum', params: { comparison: '>=', limit: 0 } },
  { path: 'params.role', code: 'not_allowed_value', ko: '허용되지 않는 값입니다. 가능한 값: seller.', en: 'Value not allowed; one of: seller.', keyword: 'enum', params: { allowedValues: ['seller'] } },
]);
const check = new ApiError(400, 'VALIDATION_FAILED', '유효기한이 너무 멉니다. 2027-12-02까지로 정하세요.', 'The notice would run too far ahead. Choose 2027-12-02 or earlier.', [
  { path: 'body.validUntil', code: 'valid_until_too_far', ko: '유효기한이 너무 멉니다. 2027-12-02까지로 정하세요.', en: 'The notice would run too far ahead. Choose 2027-12-02 or earlier.', params: { latest: '2027-12-02' } },
]);
const exists = new ApiError(409, 'EXCHANGE_PARTNER_EXISTS', '이미 등록된 협력 세관 부호입니다.', 'A partner administration with this code is already registered.', { code: 'JP-CUSTOMS' });

describe('the fields an API error names', () => {
  it('reads each field error’s path up to the first segment, with its code and text; schema errors by their keyword', () => {
    expect(fieldIssuesOf(schema).map(({ name, kind, code }) => ({ name, kind, code }))).toEqual([
      { name: 'text', kind: 'schema', code: 'too_short' },
      { name: 'from', kind: 'schema', code: 'bad_format' },
      { name: 'items', kind: 'schema', code: 'value_out_of_range' },
      { name: 'role', kind: 'schema', code: 'not_allowed_value' },
    ]);
    expect(fieldIssuesOf(check)).toEqual([
      { name: 'validUntil', path: 'validUntil', kind: 'check', code: 'valid_until_too_far', ko: '유효기한이 너무 멉니다. 2027-12-02까지로 정하세요.', en: 'The notice would run too far ahead. Choose 2027-12-02 or earlier.', params: { latest: '2027-12-02' } },
    ]);
    // The whole path too, for a form whose fields repeat by row (the estimator's items[0].price).
    expect(fieldIssuesOf(schema).map((x) => x.path)).toEqual(['text.en', 'from', 'items[0].price', 'role']);
    // The figures the text says, for a form to say them in its own words (a range's limit with thousands separators).
    expect(fieldIssuesOf(schema)[2]!.params).toEqual({ comparison: '>=', limit: 0 });
    expect(fieldIssuesOf(exists)).toEqual([]);
    expect(fieldIssuesOf(exists, { EXCHANGE_PARTNER_EXISTS: 'code' })).toEqual([{ name: 'code', path: 'code', kind: 'check', code: 'EXCHANGE_PARTNER_EXISTS', ko: exists.ko, en: exists.en }]);
    expect(fieldIssuesOf(new Error('network'))).toEqual([]);
    expect(fieldIssuesOf(undefined)).toEqual([]);
  });

  it('reads no other form: the retired {field, reason} and {path} objects, or a list of paths without text, name no field', () => {
    expect(fieldIssuesOf(new ApiError(400, 'VALIDATION_FAILED', 'ko', 'en', { field: 'validUntil', reason: 'valid_until_past' }))).toEqual([]);
    expect(fieldIssuesOf(new ApiError(400, 'VALIDATION_FAILED', 'ko', 'en', { path: 'url' }))).toEqual([]);
    expect(fieldIssuesOf(new ApiError(400, 'VALIDATION_FAILED', 'ko', 'en', [{ path: 'body.code', keyword: 'pattern', message: 'must match', params: {} }]))).toEqual([]);
  });

  it('gives each form field the text the form chooses, the first issue winning, and nothing for fields the form lacks', () => {
    const text = (issue: { kind: string; ko: string }, field: string) => (issue.kind === 'check' ? issue.ko : `form:${field}`);
    expect(fieldErrorsOf(schema, { field: (n) => (n.startsWith('text') ? 'textEn' : null), text })).toEqual({ textEn: 'form:textEn' });
    expect(fieldErrorsOf(schema, { field: sameNames(['from', 'to'] as const), text })).toEqual({ from: 'form:from' });
    expect(fieldErrorsOf(check, { field: sameNames(['validUntil'] as const), text })).toEqual({ validUntil: '유효기한이 너무 멉니다. 2027-12-02까지로 정하세요.' });
    expect(fieldErrorsOf(check, { field: sameNames(['code'] as const), text })).toEqual({});
    expect(fieldErrorsOf(exists, { field: sameNames(['code'] as const), codes: { EXCHANGE_PARTNER_EXISTS: 'code' }, text })).toEqual({ code: '이미 등록된 협력 세관 부호입니다.' });
    const twice = new ApiError(400, 'VALIDATION_FAILED', 'ko', 'en', [
      { path: 'body.code', code: 'bad_format', ko: '형식', en: 'format', keyword: 'pattern' },
      { path: 'body.code', code: 'too_long', ko: '길이', en: 'length', keyword: 'maxLength' },
    ]);
    let n = 0;
    expect(fieldErrorsOf(twice, { field: sameNames(['code'] as const), text: () => `#${++n}` })).toEqual({ code: '#1' });
  });
});
