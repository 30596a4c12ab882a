import { describe, expect, it } from 'vitest';
import { fixtureFiles, fixtureReference } from '../../test/fixtures/fixture-reference.ts';
import { classifyItem } from './classify-items.ts';
import { compileReference } from './reference/compile-reference.ts';

const item = { description: '티셔츠 Nike Dri-FIT', hsCode: '6109.10', quantity: 2, price: 45 };

describe('classifyItem (memoised per description, codes and compiled lists)', () => {
  it('classifies a recurring item as it did the first time, with its own index and quantities', () => {
    const asOf = fixtureReference.asOf('2026-02-04')!;
    const first = classifyItem(item, 0, asOf);
    const again = classifyItem({ ...item, quantity: 5 }, 3, asOf);
    expect({ ...again, index: 0, item: first.item, units: first.units }).toEqual(first);
    expect([again.index, again.units]).toEqual([3, 5]);
    expect(classifyItem({ ...item, hsCode: undefined, category: 'vitamin' }, 0, asOf).exclusions.map((m) => m.rule.code)).toEqual(['HEALTH_FUNCTIONAL_FOOD']);
  });

  it('does not reuse what another reference classified, even under the same version names', () => {
    const shirts = { code: 'SHIRTS', ko: '셔츠', en: 'shirts', ref: '-', keywords: { ko: ['티셔츠'], en: [] } };
    const files = {
      ...fixtureFiles,
      exclusions: { ...fixtureFiles.exclusions, versions: fixtureFiles.exclusions.versions.map((v) => ({ ...v, records: [...v.records, shirts] })) },
    };
    const other = compileReference(files).asOf('2026-02-04')!;
    expect(classifyItem(item, 0, fixtureReference.asOf('2026-02-04')!).exclusions).toEqual([]);
    expect(classifyItem(item, 0, other).exclusions.map((m) => m.rule.code)).toEqual(['SHIRTS']);
  });
});
