// Food preparations of heading 2106 that are no health functional food: the correction
// exclusions-2019-06-01-r6 (2026-12-05), on the REAL reference data, each case against the engine
// before it (r5). Heading 2106 holds tofu, syrups, coffee creamer, yeast extracts … beside the lines
// where supplements are classified (2106.10.9020, 2106.90.30, 2106.90.9070, 2106.90.9091,
// 2106.90.9099; data/hs/hsk-10digit-names.csv). r5 matched the whole heading as 건강기능식품;
// r6 matches those lines, as quantity-limits-2015-12-01-r4 does for the 6-bottle limit. The rest of
// 2106 stays excluded as 식품류·과자류 (HS prefix 21), so routes do not change; the ground the
// consumer reads does.
import { beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { decl } from '../../test/fixtures/broker-audit-declarations.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import type { ReferenceFiles } from './reference/types.ts';

let ref: Reference;
let before: Reference;
beforeAll(async () => {
  const files: ReferenceFiles = await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url)));
  ref = compileReference(files);
  before = compileReference({ ...files, exclusions: { ...files.exclusions, versions: files.exclusions.versions.filter((v) => !['exclusions-2019-06-01-r6', 'exclusions-2019-06-01-r7'].includes(v.version)) } });
});

const fromUs = (description: string, code: { hsCode?: string; category?: string }) =>
  decl('F1', { ecommerceType: 'direct', shipment: { mode: 'express', shipFrom: 'US', hblNo: 'H-F1', grossWeightKg: 1 }, items: [{ description, ...code, quantity: 1, price: 30, originCountry: 'US' }] });
/** The route, then the rule each GENERAL_EXCLUDED reason names and what matched. */
const grounds = (a: Assessment) => [
  a.route,
  ...a.reasons.filter((r) => r.code === 'GENERAL_EXCLUDED').map((r) => r.ko.match(/배제대상\((.+)\)입니다\(근거: "?(.+?)"?\)\.$/)!.slice(1, 3).join(' / ')),
];

describe('heading 2106 and the health-functional-food ground (exclusions-2019-06-01-r6)', () => {
  it('coffee creamer, tofu and a flavoured syrup are food, not 건강기능식품; before, all three were told they were supplements', () => {
    for (const [description, hsCode] of [
      ['Coffee-mate 커피크리머 311g', '2106909010'],
      ['두부 Tofu 400g', '2106101000'],
      ['Torani 바닐라 시럽 750ml', '2106902000'],
    ] as const) {
      const a = assessDeclaration(fromUs(description, { hsCode }), ref);
      expect(grounds(a), description).toEqual(['general', '식품류·과자류 / HS 21']);
      expect(a.dataVersions.exclusions).toBe('exclusions-2019-06-01-r7'); // r7 keeps r6's matchers
      expect(grounds(assessDeclaration(fromUs(description, { hsCode }), before)), description).toEqual(['general', '건강기능식품 / HS 2106']);
    }
  });

  it('supplements on their own lines keep the ground, now named by the line that matched', () => {
    expect(grounds(assessDeclaration(fromUs('Kirkland 멀티비타민 500정', { hsCode: '2106909099' }), ref))).toEqual(['general', '건강기능식품 / HS 2106909099']);
    expect(grounds(assessDeclaration(fromUs('Kirkland 멀티비타민 500정', { hsCode: '2106909099' }), before))).toEqual(['general', '건강기능식품 / HS 2106']);
    expect(grounds(assessDeclaration(fromUs('Vitamin C 1000mg 250 tablets', { hsCode: '2936271000' }), ref))).toEqual(['general', '건강기능식품 / HS 2936']);
    expect(grounds(assessDeclaration(fromUs('Now Foods 마그네슘 180정', { category: 'supplement' }), ref))).toEqual(['general', '건강기능식품 / 신고 품목 건강기능식품']);
    // 홍삼정 is also named 홍삼 (HERBAL keyword, 한약재): two grounds, as before.
    expect(grounds(assessDeclaration(fromUs('정관장 홍삼정 240g', { hsCode: '2106903029' }), ref))).toEqual(['general', '건강기능식품 / HS 21069030', '한약재 / 홍삼']);
  });

  it('a supplement declared with only the heading and named without a keyword: still general clearance, as food (written in the version source)', () => {
    for (const hsCode of ['2106', '210690']) {
      expect(grounds(assessDeclaration(fromUs('Now Foods Mg 400 180 caps', { hsCode }), ref)), hsCode).toEqual(['general', '식품류·과자류 / HS 21']);
    }
  });
});
