import { Type } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { NOT_FOUND_PARAMS, STATUS_OF, validationDetails, withPathSubject, type HttpErrorCode } from './error-status.ts';

// Real Ajv errors (all of them, as the schemas' checks would give one by one) turned into field errors.
const ajv = new Ajv({ allErrors: true, strict: false });
function detailsOf(schema: object, value: unknown, context = 'body') {
  const check = ajv.compile(schema);
  expect(check(value)).toBe(false);
  return validationDetails(check.errors!, context);
}

describe('schema errors as field errors', () => {
  it('names the field by its path with the index in brackets, a missing or unknown property by itself', () => {
    const schema = Type.Object({ items: Type.Array(Type.Object({ price: Type.Number({ minimum: 0 }) })), to: Type.String() }, { additionalProperties: false });
    expect(detailsOf(schema, { items: [{ price: 1 }, { price: 2 }, { price: -1 }], extra: 1 })).toEqual([
      { path: 'body.to', code: 'required', ko: '필수 항목이 없습니다.', en: 'This field is required.', keyword: 'required', params: { missingProperty: 'to' } },
      { path: 'body.extra', code: 'unknown_field', ko: '정의되지 않은 항목입니다. 철자를 확인하세요.', en: 'Unknown field: check its spelling.', keyword: 'additionalProperties', params: { additionalProperty: 'extra' } },
      { path: 'body.items[2].price', code: 'value_out_of_range', ko: '허용 범위를 벗어난 값입니다 (>= 0).', en: 'Out of range (>= 0).', keyword: 'minimum', params: { comparison: '>=', limit: 0 } },
    ]);
  });

  it('writes a large limit with thousands separators, as the amounts it bounds are read (KRW 10,000,000,000,000, not 10000000000000)', () => {
    const schema = Type.Object({ revenueKrw: Type.Integer({ minimum: 0, maximum: 10_000_000_000_000 }) });
    expect(detailsOf(schema, { revenueKrw: 10_000_000_000_001 })).toEqual([
      { path: 'body.revenueKrw', code: 'value_out_of_range', ko: '허용 범위를 벗어난 값입니다 (<= 10,000,000,000,000).', en: 'Out of range (<= 10,000,000,000,000).', keyword: 'maximum', params: { comparison: '<=', limit: 10_000_000_000_000 } },
    ]);
    // A fraction keeps its digits: 0.5, not 1.
    expect(detailsOf(Type.Object({ rate: Type.Number({ exclusiveMinimum: 0.5 }) }), { rate: 0.5 })[0]!.en).toBe('Out of range (> 0.5).');
  });

  it('gives a union of literals as one enum error listing the allowed values', () => {
    const schema = Type.Object({ status: Type.Union([Type.Literal('declared'), Type.Literal('held')]) });
    expect(detailsOf(schema, { status: 'lost' }, 'querystring')).toEqual([
      {
        path: 'querystring.status',
        code: 'not_allowed_value',
        ko: '허용되지 않는 값입니다. 가능한 값: declared | held.',
        en: 'Value not allowed; one of: declared | held.',
        keyword: 'enum',
        params: { allowedValues: ['declared', 'held'] },
      },
    ]);
  });

  it('gives a union of unions of literals (a webhook\'s eventTypes: lifecycle types or tax events) as one enum error, not one per union', () => {
    const schema = Type.Object({ eventTypes: Type.Array(Type.Union([Type.Union([Type.Literal('SUBMITTED'), Type.Literal('HOLD')]), Type.Union([Type.Literal('tax.paid'), Type.Literal('tax.payment_reversed')])])) });
    // with allErrors off, as the routes' Ajv runs
    const check = new Ajv({ allErrors: false, strict: false }).compile(schema);
    expect(check({ eventTypes: ['SUBMITED'] })).toBe(false);
    expect(validationDetails(check.errors!, 'body')).toEqual([
      {
        path: 'body.eventTypes[0]',
        code: 'not_allowed_value',
        ko: '허용되지 않는 값입니다. 가능한 값: SUBMITTED | HOLD | tax.paid | tax.payment_reversed.',
        en: 'Value not allowed; one of: SUBMITTED | HOLD | tax.paid | tax.payment_reversed.',
        keyword: 'enum',
        params: { allowedValues: ['SUBMITTED', 'HOLD', 'tax.paid', 'tax.payment_reversed'] },
      },
    ]);
  });

  it('words the keywords a declaration has as a declaration does, and any other as a bad format naming it', () => {
    const schema = Type.Object({ code: Type.String({ maxLength: 3 }), n: Type.Integer(), tags: Type.Array(Type.String(), { uniqueItems: true }) });
    const [long, type, unique] = detailsOf(schema, { code: 'ABCD', n: 'x', tags: ['a', 'a'] });
    expect([long!.code, long!.en]).toEqual(['too_long', 'Too long (at most 3).']);
    expect([type!.code, type!.ko, type!.en]).toEqual(['wrong_type', '값의 형식이 올바르지 않습니다 (정수 필요).', 'Wrong type: integer expected.']);
    expect([unique!.path, unique!.code, unique!.en, unique!.keyword]).toEqual(['body.tags', 'bad_format', 'Wrong format (uniqueItems).', 'uniqueItems']);
  });

  it('names the request part itself for an error on the whole of it', () => {
    expect(detailsOf(Type.Object({}), 'text').map((e) => [e.path, e.code])).toEqual([['body', 'wrong_type']]);
  });
});

describe('a 404 of something the path named', () => {
  it('names the path parameter as params.<name>, beside the code\'s own details', () => {
    expect(withPathSubject('WEBHOOK_NOT_FOUND', undefined, { id: 7 })).toEqual({ path: 'params.id' });
    expect(withPathSubject('RISK_MODEL_NOT_FOUND', { version: 'gbdt-9' }, { version: 'gbdt-9' })).toEqual({ path: 'params.version', version: 'gbdt-9' });
    // two parameters: each code names its own
    expect(withPathSubject('API_KEY_NOT_FOUND', undefined, { id: 1, keyId: 2 })).toEqual({ path: 'params.keyId' });
    expect(withPathSubject('OPERATOR_NOT_FOUND', undefined, { id: 1, keyId: 2 })).toEqual({ path: 'params.id' });
  });

  it('leaves a 404 whose subject is not in the path as it was', () => {
    // a body field named already (a consultation's declarationId)
    expect(withPathSubject('DECLARATION_NOT_FOUND', { path: 'body.declarationId' }, { id: 3 })).toEqual({ path: 'body.declarationId' });
    // the consumer's session, on a route whose path names a passkey
    expect(withPathSubject('PCCC_NOT_FOUND', undefined, { credentialId: 'abc' })).toBeUndefined();
    expect(withPathSubject('DECLARATION_NOT_FOUND', undefined, {})).toBeUndefined();
    expect(withPathSubject('VALIDATION_FAILED', [], { id: 3 })).toEqual([]);
  });

  it('has every 404 code decide whether its subject can come from the path', () => {
    const notFromPath: HttpErrorCode[] = ['ROUTE_NOT_FOUND'];
    const undecided = (Object.keys(STATUS_OF) as HttpErrorCode[]).filter((c) => STATUS_OF[c] === 404 && !NOT_FOUND_PARAMS[c] && !notFromPath.includes(c));
    expect(undecided).toEqual([]);
  });
});
