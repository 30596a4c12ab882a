import { describe, expect, test } from 'vitest';
import { shouldTakeFocusBack } from './focus-back.ts';

const body = { id: 'body' } as unknown as Element;
const result = { id: 'result' } as unknown as Element;

describe('shouldTakeFocusBack', () => {
  test('a request that ended with the focus on the body (dropped by the disabled button): taken back', () => {
    expect(shouldTakeFocusBack(true, false, body, body)).toBe(true);
    expect(shouldTakeFocusBack(true, false, null, body)).toBe(true);
  });
  test('something else took the focus (a result that takes it, a new form): left there', () => {
    expect(shouldTakeFocusBack(true, false, result, body)).toBe(false);
  });
  test('only when a request ends: not when one starts, nor while none runs', () => {
    expect(shouldTakeFocusBack(false, true, body, body)).toBe(false);
    expect(shouldTakeFocusBack(false, false, body, body)).toBe(false);
    expect(shouldTakeFocusBack(true, true, body, body)).toBe(false);
  });
});
