import { describe, expect, it } from 'vitest';
import { combinedMembersText } from './combined-members.ts';

describe('combinedMembersText (the officer cannot search by an operator\'s ref)', () => {
  it('names each member by its cargo number, the ref in brackets; two numbers where two operators used the ref', () => {
    expect(combinedMembersText(['DEMO-0002565', 'A-1'], { 'DEMO-0002565': ['26TGW0000002565'], 'A-1': ['26TGW0000000010', '26TGW0000000011'] })).toBe(
      '26TGW0000002565 (DEMO-0002565), 26TGW0000000010 / 26TGW0000000011 (A-1)',
    );
  });
  it('a ref without a number (not found, or an older answer without them) stays as it is', () => {
    expect(combinedMembersText(['X-9'], {})).toBe('X-9');
    expect(combinedMembersText(['X-9'], undefined)).toBe('X-9');
  });
});
