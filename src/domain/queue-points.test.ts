import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { HOLD_WEIGHT, queuePoints, signalPoints, SIGNAL_WEIGHTS } from './queue-points.ts';

describe('queue points', () => {
  test('worked example: a held parcel near the de minimis, combined, HS from its category', () => {
    // NEAR_DE_MINIMIS 15 + COMBINED 20 + HS_FROM_CATEGORY 3 = 38; held + 100 = 138
    expect(signalPoints(['NEAR_DE_MINIMIS', 'COMBINED', 'HS_FROM_CATEGORY'])).toBe(38);
    expect(queuePoints('held', ['NEAR_DE_MINIMIS', 'COMBINED', 'HS_FROM_CATEGORY'])).toBe(138);
    expect(queuePoints('declared', ['NEAR_DE_MINIMIS', 'COMBINED', 'HS_FROM_CATEGORY'])).toBe(38);
  });

  test('an unknown signal weighs 1, a placeholder FX rate 0, none 0', () => {
    expect(signalPoints(['SOMETHING_NEW'])).toBe(1);
    expect(signalPoints(['FX_PLACEHOLDER'])).toBe(0);
    expect(signalPoints([])).toBe(0);
    expect(signalPoints(['toString', 'constructor'])).toBe(2); // not Object.prototype's members
  });

  test('holding adds the held weight to the same signals; the points are the sum of the weights', () => {
    const codes = [...Object.keys(SIGNAL_WEIGHTS), 'OTHER'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...codes), { maxLength: 8 }), (signals) => {
        expect(queuePoints('held', signals) - queuePoints('under_review', signals)).toBe(HOLD_WEIGHT);
        expect(signalPoints(signals)).toBe(signals.reduce((a, s) => a + (SIGNAL_WEIGHTS[s] ?? 1), 0));
      }),
    );
  });
});
