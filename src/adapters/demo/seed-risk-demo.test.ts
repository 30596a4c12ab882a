// What a demo inspection recovers (seed-risk-demo.ts revenueOf): the model's revenue if found, ±40 %,
// never above what the parcel can owe, and nothing for a misclassified parcel exempt under the de minimis.
import { describe, expect, it } from 'vitest';
import { revenueOf } from './seed-risk-demo.ts';

const draw = (x: number) => () => x;

describe('demo inspection revenue', () => {
  // DEMO-0000052, the USD 8.20 night light: P 0.522, expected 286,142원 before the bound (548,127원 if
  // found); its ceiling 23,105.2원 (18,435 ÷ 0.15 × 0.188).
  const nightLight = { score: 0.522, expectedRevenueKrw: 286_142, ceilingKrw: 23_105.2, exempt: true };

  it('is at most the ceiling, in tens of won below it', () => {
    // 286,142 ÷ 0.522 = 548,164.8; × (0.6 + 0.8 × 0.5) = 548,164.8 → 548,160원 drawn; capped at 23,100원.
    expect(revenueOf(nightLight, 'undervalued', draw(0.5))).toBe(23_100);
    // Under the ceiling, as drawn: 12,062 ÷ 0.522 = 23,107.3 × (0.6 + 0.8 × 0) = 13,864.4 → 13,860원.
    expect(revenueOf({ ...nightLight, expectedRevenueKrw: 12_062 }, 'undervalued', draw(0))).toBe(13_860);
    // No bound known: as drawn.
    expect(revenueOf({ ...nightLight, ceilingKrw: null }, 'undervalued', draw(0.5))).toBe(548_160);
  });

  it('is nothing for a misclassification of a parcel exempt under the de minimis, and for seizures', () => {
    let draws = 0;
    const counting = () => (draws++, 0.5);
    expect(revenueOf(nightLight, 'misclassified', counting)).toBe(0);
    expect(draws).toBe(1); // drawn all the same: the later draws of the seed stay as they were
    expect(revenueOf({ ...nightLight, exempt: false }, 'misclassified', draw(0.5))).toBe(23_100);
    expect(revenueOf(nightLight, 'ip_infringement', draw(0.5))).toBe(0);
  });
});
