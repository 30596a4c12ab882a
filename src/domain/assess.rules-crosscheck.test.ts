// A customs broker's cross-check of the engine against the rules as written (domain-rules §1–§5,
// §10 and seed 002), on the REAL reference data (data/): the cases where the decision was right but
// the reasons a consumer reads did not say why or what to do next. Every figure was computed by hand
// from the rules and the data files, with the arithmetic written next to it.
//
// Values used: the customs rate of the week of 2026-02-01 (USD 1,442.88, published); deemed freight
// of data/freight.json (US ≤0.5 kg express 13,800, US ≤1.5 kg express 23,950). Duty: HS 6109 13%,
// HS 2106 8%, HS 2204 15%; wine: 주세 30%, 교육세 10% of it (data/liquor.json).
// Rounding (data/README.md): KRW values and each tax per line truncated to the won, tax totals to 10 won.
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { assessDeclaration } from './assess.ts';
import type { Assessment } from './assessment.ts';
import { compileReference, type Reference } from './reference/compile-reference.ts';
import { decl, tshirt } from '../../test/fixtures/broker-audit-declarations.ts';

let ref: Reference;
beforeAll(async () => {
  ref = compileReference(await loadReferenceFiles(fileURLToPath(new URL('../../data/', import.meta.url))));
});

const one = (d: Record<string, unknown>): Assessment => assessDeclaration(d, ref);
const codes = (a: Assessment) => a.reasons.map((r) => r.code);
const reason = (a: Assessment, code: string) => {
  const r = a.reasons.find((x) => x.code === code);
  if (!r) throw new Error(`no ${code} in ${codes(a).join(', ')}`);
  return r;
};
const fromUs = (r: string, mode: string, weight: number) => ({ mode, shipFrom: 'US', hblNo: `H-${r}`, grossWeightKg: weight });
const vitamins = (price: number) => ({ description: '비타민 Kirkland Vitamin D3 영양제', hsCode: '2106909099', quantity: 1, price, originCountry: 'US' });

describe('a parcel from the US whose limit is USD 150, not USD 200, says why (domain-rules §1.1, seed 002: 미국 $200 — 목록통관 배제대상품목 제외)', () => {
  it('a T-shirt of USD 180 sent from the US by post: USD 150 (the USD 200 is for express consignments only), taxed in full', () => {
    const a = one(decl('U1', { shipment: fromUs('U1', 'postal', 0.5), items: [tshirt(180)] }));
    // 180 × 1,442.88 = 259,718.4 → 259,718 > 200,000 → express US ≤0.5 kg 13,800; taxable 273,518
    // duty 273,518 × 13% = 35,557.34 → 35,557 → 35,550; VAT (273,518 + 35,557) × 10% = 30,907.5 → 30,907 → 30,900; total 66,450
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false }, taxes: { dutyKrw: 35_550, vatKrw: 30_900, totalKrw: 66_450 } });
    // Before: only "USD 180.00 is over the USD 150 limit", to a buyer who knows the US limit as USD 200.
    const why = reason(a, 'DE_MINIMIS_US_NOT_EXPRESS');
    expect(why.ko).toContain('미화 200달러');
    expect(why.ko).toContain('특송');
    expect(why.ko).toContain('우편');
    expect(why.ko).toContain('미화 150달러');
    expect(why.en).toContain('USD 200');
    expect(why.en).toContain('by post');
    expect(why.en).toContain('USD 150');
    expect(why.ref).toContain('특송물품 수입통관 사무처리에 관한 고시');
    expect(why.ref).toContain('관세법 시행규칙 제45조②');
    // said beside the limit, before the value is compared with it
    expect(codes(a).indexOf('DE_MINIMIS_US_NOT_EXPRESS')).toBeLessThan(codes(a).indexOf('DE_MINIMIS_EXCEEDED'));
  });

  it('vitamins of USD 170 sent from the US by express: excluded from list clearance, so USD 150 whatever the origin, taxed in full', () => {
    const a = one(decl('U2', { shipment: fromUs('U2', 'express', 0.5), items: [vitamins(170)] }));
    // 170 × 1,442.88 = 245,289.6 → 245,289 > 200,000 → express US ≤0.5 kg 13,800; taxable 259,089
    // duty 259,089 × 8% = 20,727.12 → 20,727 → 20,720; VAT (259,089 + 20,727) × 10% = 27,981.6 → 27,981 → 27,980; total 48,700
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: false }, taxes: { dutyKrw: 20_720, vatKrw: 27_980, totalKrw: 48_700 } });
    const why = reason(a, 'DE_MINIMIS_US_EXCLUDED');
    expect(why.ko).toContain('목록통관 배제대상');
    expect(why.ko).toContain('원산지와 관계없이 미화 150달러');
    expect(why.en).toContain('excluded from list clearance');
    expect(why.en).toContain('USD 150');
    expect(why.ref).toContain('관세법 시행규칙 제45조②');
    expect(codes(a)).not.toContain('DE_MINIMIS_US_NOT_EXPRESS');
  });

  it('not said where the USD 200 applies, where the value is within USD 150 anyway, or where a self-use quantity already decides', () => {
    // a US-express T-shirt of USD 180: list clearance at USD 200
    const list = one(decl('U3', { shipment: fromUs('U3', 'express', 0.5), items: [tshirt(180)] }));
    expect(list).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 200, exempt: true } });
    // the same T-shirt at USD 100 by post: within USD 150, the difference decides nothing
    const within = one(decl('U4', { shipment: fromUs('U4', 'postal', 0.5), items: [tshirt(100)] }));
    expect(within).toMatchObject({ deMinimis: { thresholdUsd: 150, exempt: true } });
    // 100 ml of perfume by express from the US: taxed whatever its value (향수 60ml), the limit decides nothing
    const perfume = one(decl('U5', { shipment: fromUs('U5', 'express', 0.5), items: [{ description: '향수 Chanel No.5 EDP', hsCode: '3303001000', quantity: 1, volumeMl: 100, price: 180, originCountry: 'FR' }] }));
    expect(codes(perfume)).toContain('QUANTITY_EXEMPTION_LOST');
    // a parcel from China by post
    const cn = one(decl('U6', { shipment: { mode: 'postal', shipFrom: 'CN', hblNo: 'H-U6', grossWeightKg: 0.5 }, items: [tshirt(180)] }));
    for (const a of [list, within, perfume, cn]) {
      expect(codes(a)).not.toContain('DE_MINIMIS_US_NOT_EXPRESS');
      expect(codes(a)).not.toContain('DE_MINIMIS_US_EXCLUDED');
    }
  });
});

describe('the one-bottle liquor exemption: what is owed is said with its rounding (국고금 관리법 제47조), as for any taxed parcel', () => {
  it('one bottle of wine (750 ml, USD 140) from the US: the liquor and education taxes owed, KRW 74,550, are the lines 67,785 + 6,778 each truncated to 10 won', () => {
    const a = one(decl('W1', { shipment: fromUs('W1', 'express', 1.5), items: [{ description: '와인 Opus One 750ml', hsCode: '2204211000', quantity: 1, unit: 'bottle', volumeMl: 750, price: 140, originCountry: 'US' }] }));
    // 140 × 1,442.88 = 202,003.2 → 202,003 > 200,000 → express US ≤1.5 kg 23,950; taxable 225,953
    // duty and VAT exempt (1 bottle ≤ 1 L, ≤ USD 150); 주세 (225,953 + 0) × 30% = 67,785.9 → 67,785; 교육세 67,785 × 10% = 6,778.5 → 6,778
    // totals to 10 won: 주세 67,780, 교육세 6,770; owed 74,550 (not 74,563, the lines' sum)
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: true }, taxes: { liquorKrw: 67_780, educationKrw: 6_770, totalKrw: 74_550, collected: true } });
    expect(reason(a, 'LIQUOR_TAXES_STILL_DUE').ko).toContain('74,550원');
    // Before: LIQUOR_LINE said 67,785 and 6,778 and LIQUOR_TAXES_STILL_DUE 74,550, with nothing saying why 13 won went.
    const total = reason(a, 'TAX_TOTAL');
    expect(total.ko).toBe('세금 합계 74,550원 = 교육세 6,770원 (6,778원) + 주세 67,780원 (67,785원). 세목마다 물품별 세액을 더한 뒤 10원 미만은 버립니다(괄호 안은 버리기 전 금액).');
    expect(total.en).toBe('Taxes in all: KRW 74,550 = education tax KRW 6,770 (6,778) + liquor tax KRW 67,780 (67,785). Each tax is the sum over the items rounded down to a multiple of KRW 10 (in brackets: the sum before).');
    expect(total.ref).toContain('국고금 관리법 제47조');
  });

  it('an exempt parcel that owes nothing gets no TAX_TOTAL (a T-shirt of USD 100 from China)', () => {
    const a = one(decl('W2', { items: [tshirt(100)] }));
    expect(a).toMatchObject({ route: 'list', taxes: { totalKrw: 0 } });
    expect(codes(a)).not.toContain('TAX_TOTAL');
  });
});

describe('a taxed parcel that could have had its FTA rate and claimed none is told to claim it before 수리, with the proof its value calls for (domain-rules §5, seed 002)', () => {
  it('a US-made T-shirt of USD 250 shipped from the US: KORUS 0% instead of 13%, origin marking and receipt (CIF USD 259.56 ≤ 1,000)', () => {
    const a = one(decl('F1', { shipment: fromUs('F1', 'express', 0.5), items: [tshirt(250, { originCountry: 'US' })] }));
    // 250 × 1,442.88 = 360,720 > 200,000 → express US ≤0.5 kg 13,800; taxable 374,520 (= USD 259.56, within KORUS's USD 1,000 for marking + receipt)
    // duty 374,520 × 13% = 48,687.6 → 48,687 → 48,680; VAT (374,520 + 48,687) × 10% = 42,320.7 → 42,320; total 91,000 (at the basic rate: nothing was claimed)
    expect(a).toMatchObject({ route: 'general', taxes: { dutyKrw: 48_680, vatKrw: 42_320, totalKrw: 91_000 } });
    // Before: nothing said that KORUS would take the duty to 0.
    const r = reason(a, 'FTA_NOT_CLAIMED');
    expect(r.ko).toContain('1번 물품은 원산지가 US');
    expect(r.ko).toContain('KORUS 협정세율 0%(기본세율 13%)');
    expect(r.ko).toContain('수입신고가 수리되기 전에 원산지 증빙(원산지 표시와 구매 영수증)을 갖추어');
    expect(r.en).toContain('KORUS preferential rate 0% (basic rate 13%)');
    expect(r.en).toContain('Before the import declaration is accepted');
    expect(r.en).toContain('origin marking and purchase receipt');
    expect(r.ref).toContain('FTA 관세특례법 제5조');
    expect(r.ref).toContain('한-미 FTA 제6.15조');
  });

  it('US-made T-shirts of USD 1,000 (CIF USD 1,009.56, over KORUS’s USD 1,000 for marking and receipt): a certificate of origin', () => {
    const a = one(decl('F2', { shipment: fromUs('F2', 'express', 0.5), items: [tshirt(1000, { originCountry: 'US' })] }));
    // 1,000 × 1,442.88 = 1,442,880 + 13,800 = 1,456,680 KRW = USD 1,009.56 > 1,000
    expect(reason(a, 'FTA_NOT_CLAIMED').ko).toContain('원산지 증빙(원산지증명서)');
  });

  it('a French-made bag of EUR 300 shipped from France: Korea–EU 0% instead of 8%, an origin declaration on the invoice (≤ EUR 6,000)', () => {
    const a = one(decl('F3', { shipment: { mode: 'express', shipFrom: 'FR', hblNo: 'H-F3', grossWeightKg: 0.5 }, order: { currency: 'EUR', purchasedAt: '2026-02-01' }, items: [{ description: '가방 Longchamp Le Pliage 토트백', hsCode: '4202221090', quantity: 1, price: 300, originCountry: 'FR' }] }));
    // 300 × 1,723.42 = 517,026 > 200,000 → express EU ≤0.5 kg 14,500; taxable 531,526
    // duty 8% = 42,522.08 → 42,522 → 42,520; VAT (531,526 + 42,522) × 10% = 57,404.8 → 57,404 → 57,400; total 99,920
    expect(a).toMatchObject({ route: 'general', taxes: { dutyKrw: 42_520, vatKrw: 57_400, totalKrw: 99_920 } });
    const r = reason(a, 'FTA_NOT_CLAIMED');
    expect(r.ko).toContain('KOREU 협정세율 0%(기본세율 8%)');
    expect(r.ko).toContain('원산지 증빙(송품장 원산지신고)');
    expect(r.ref).toContain('의정서 제15조');
  });

  it('not said: goods of a partner sent via a third country, goods of no partner, an exempt parcel, an agreement already claimed, a line at 0%', () => {
    const viaUs = one(decl('F4', { shipment: fromUs('F4', 'express', 0.5), items: [tshirt(250, { originCountry: 'DE' })] })); // Korea–EU goods from the US: not direct
    const vietnam = one(decl('F5', { shipment: fromUs('F5', 'express', 0.5), items: [tshirt(250)] }));
    const exempt = one(decl('F6', { shipment: fromUs('F6', 'express', 0.5), items: [tshirt(100, { originCountry: 'US' })] }));
    const claimed = one(decl('F7', { shipment: fromUs('F7', 'express', 0.5), fta: { agreement: 'KORUS', proof: 'marking-receipt' }, items: [tshirt(250, { originCountry: 'US' })] }));
    expect(codes(claimed)).toContain('FTA_APPLIED');
    const book = one(decl('F8', { shipment: fromUs('F8', 'express', 0.5), items: [{ description: '도서 Atomic Habits 원서 hardcover', hsCode: '4901990000', quantity: 1, price: 250, originCountry: 'US' }] }));
    for (const a of [viaUs, vietnam, exempt, claimed, book]) expect(codes(a)).not.toContain('FTA_NOT_CLAIMED');
  });
});

describe('an FTA claimed with a proof the agreement does not take says which proofs it takes (data/fta.json; domain-rules §5) — untested before', () => {
  const frBag = (r: string, fta: Record<string, unknown>) =>
    decl(r, { shipment: { mode: 'express', shipFrom: 'FR', hblNo: `H-${r}`, grossWeightKg: 0.5 }, order: { currency: 'EUR', purchasedAt: '2026-02-01' }, fta, items: [{ description: '가방 Longchamp Le Pliage 토트백', hsCode: '4202221090', quantity: 1, price: 300, originCountry: 'FR' }] });

  it('a French-made bag of EUR 300 claimed under Korea–EU with a certificate of origin (the agreement has none): basic rate 8%, and the reason names the origin declaration (≤ EUR 6,000) and the approved exporter’s', () => {
    const a = one(frBag('P1', { agreement: 'KOREU', proof: 'certificate' }));
    // as F3 above: taxable 531,526; duty 8% → 42,520; VAT 57,400; total 99,920 — the preference is not given
    expect(a).toMatchObject({ route: 'general', taxes: { dutyKrw: 42_520, vatKrw: 57_400, totalKrw: 99_920 } });
    const r = reason(a, 'FTA_NOT_APPLIED_PROOF_TYPE');
    // Before: only 'this agreement does not accept certificate of origin', citing the act's article 8 alone.
    expect(r.ko).toContain('이 협정에서는 원산지증명서(certificate)로 원산지를 증명할 수 없습니다');
    expect(r.ko).toContain('이 협정이 인정하는 원산지 증빙은 송품장 원산지신고(EUR 6,000 이하) 또는 인증수출자의 원산지신고입니다');
    expect(r.ko).toContain('수입신고가 수리되기 전에');
    expect(r.en).toContain("It accepts origin declaration on the invoice (up to EUR 6,000) or approved exporter's origin declaration.");
    expect(r.ref).toContain('의정서 제15조');
    // and no suggestion to claim what was claimed
    expect(codes(a)).not.toContain('FTA_NOT_CLAIMED');
  });

  it('KORUS claimed with an approved exporter’s declaration (KORUS has no approved exporters): marking and receipt up to USD 1,000, or a certificate', () => {
    const a = one(decl('P2', { shipment: fromUs('P2', 'express', 0.5), fta: { agreement: 'KORUS', proof: 'approved-exporter', approvedExporterNo: 'US/123' }, items: [tshirt(250, { originCountry: 'US' })] }));
    expect(a.taxes?.totalKrw).toBe(91_000); // F1's figures: the basic 13%
    const r = reason(a, 'FTA_NOT_APPLIED_PROOF_TYPE');
    expect(r.ko).toContain('원산지 표시와 구매 영수증(USD 1,000 이하) 또는 원산지증명서');
    expect(r.ref).toContain('한-미 FTA 제6.15조');
  });
});

describe('개별소비세 on fur, carpets and furniture (domain-rules §4.6: 보석·귀금속·모피 KRW 5,000,000; 가방·시계·사진기·융단 2,000,000; 가구 1개 5,000,000) — untested before', () => {
  it('a mink coat of EUR 4,000 from Italy: 20% of the part over KRW 5,000,000, education tax 30% of it', () => {
    const a = one(decl('X1', { shipment: { mode: 'express', shipFrom: 'IT', hblNo: 'H-X1', grossWeightKg: 2 }, order: { currency: 'EUR', purchasedAt: '2026-02-01' }, items: [{ description: '밍크 코트 Max Mara mink fur coat', hsCode: '4303101100', quantity: 1, price: 4000, originCountry: 'CN' }] }));
    // 4,000 × 1,723.42 = 6,893,680 → express EU ≤2 kg 30,500; taxable 6,924,180; duty 16% (HS 4303) = 1,107,868.8 → 1,107,868
    // excise (6,924,180 + 1,107,868 − 5,000,000) × 20% = 606,409.6 → 606,409; education 30% = 181,922.7 → 181,922
    // VAT (6,924,180 + 1,107,868 + 606,409 + 181,922) × 10% = 882,037.9 → 882,037
    // totals to 10 won: 1,107,860 + 606,400 + 181,920 + 882,030 = 2,778,210
    expect(a.taxes).toMatchObject({ dutyKrw: 1_107_860, exciseKrw: 606_400, educationKrw: 181_920, vatKrw: 882_030, totalKrw: 2_778_210 });
    expect(reason(a, 'EXCISE_LINE').ko).toContain('기준가격 5,000,000원 × 1개) × 20% = 606,409원');
  });

  it('a wool rug of USD 1,600 from the US: the carpet threshold is KRW 2,000,000', () => {
    const a = one(decl('X2', { shipment: fromUs('X2', 'express', 15), items: [{ description: '러그 카펫 Persian hand-knotted wool rug', hsCode: '5701100000', quantity: 1, price: 1600, originCountry: 'IR' }] }));
    // 1,600 × 1,442.88 = 2,308,608 → express US 15 kg 101,850; taxable 2,410,458; duty 8% = 192,836.64 → 192,836
    // excise (2,410,458 + 192,836 − 2,000,000) × 20% = 120,658.8 → 120,658; education 36,197.4 → 36,197
    // VAT (2,410,458 + 192,836 + 120,658 + 36,197) × 10% = 276,014.9 → 276,014; totals 192,830 + 120,650 + 36,190 + 276,010 = 625,680
    expect(a.taxes).toMatchObject({ dutyKrw: 192_830, exciseKrw: 120_650, educationKrw: 36_190, vatKrw: 276_010, totalKrw: 625_680 });
  });

  it('two armchairs of EUR 3,200 each by cargo: KRW 5,000,000 per piece, so only the part of the pair over 10,000,000 is taxed', () => {
    const a = one(decl('X3', { shipment: { mode: 'cargo', shipFrom: 'IT', hblNo: 'H-X3', grossWeightKg: 19 }, order: { currency: 'EUR', purchasedAt: '2026-02-01' }, items: [{ description: '소파 Cassina LC2 armchair leather', hsCode: '9401619000', quantity: 2, price: 3200, originCountry: 'CN' }] }));
    // 2 × 3,200 × 1,723.42 = 11,029,888 → express EU 19 kg 130,450; taxable 11,160,338; duty 0% (HS 9401)
    // excise (11,160,338 − 5,000,000 × 2) × 20% = 232,067.6 → 232,067; education 69,620.1 → 69,620
    // VAT (11,160,338 + 232,067 + 69,620) × 10% = 1,146,202.5 → 1,146,202; totals 232,060 + 69,620 + 1,146,200 = 1,447,880
    expect(a.taxes).toMatchObject({ dutyKrw: 0, exciseKrw: 232_060, educationKrw: 69_620, vatKrw: 1_146_200, totalKrw: 1_447_880 });
  });
});

describe('an FTA claimed for a parcel the de minimis exempts lowers nothing owed, and says so (seed 002: 목록통관 건, 일반통관 건 중 $150 이하는 FTA 신청하지 않아도 됩니다)', () => {
  it('a US-made T-shirt of USD 100 from the US by express under KORUS: list clearance, nothing owed; the KORUS 0% is only the rate without the exemption', () => {
    const a = one(decl('N1', { shipment: fromUs('N1', 'express', 0.5), fta: { agreement: 'KORUS', proof: 'marking-receipt' }, items: [tshirt(100, { originCountry: 'US' })] }));
    // 100 × 1,442.88 = 144,288 ≤ 200,000 → sea US ≤0.5 kg 8,750; taxable 153,038; without the exemption: duty 0 (KORUS), VAT 15,303.8 → 15,303 → 15,300
    expect(a).toMatchObject({ route: 'list', deMinimis: { thresholdUsd: 200, exempt: true }, taxes: { totalKrw: 0 }, taxesWithoutExemption: { dutyKrw: 0, vatKrw: 15_300, totalKrw: 15_300 } });
    // Before: 'KORUS preferential rate 0% applied', as if the claim had saved something.
    const r = reason(a, 'FTA_NOT_NEEDED_EXEMPT');
    expect(r.ko).toContain('면세한도(미화 200달러) 이내여서 관세·부가세가 면제되므로');
    expect(r.en).toContain('within the USD 200 limit');
    expect(codes(a).indexOf('FTA_NOT_NEEDED_EXEMPT')).toBeLessThan(codes(a).indexOf('FTA_APPLIED'));
  });

  it('not said when the parcel is taxed (the claim then lowers the duty)', () => {
    const a = one(decl('N2', { shipment: fromUs('N2', 'express', 0.5), fta: { agreement: 'KORUS', proof: 'marking-receipt' }, items: [tshirt(250, { originCountry: 'US' })] }));
    // as F1 with KORUS 0%: duty 0; VAT 374,520 × 10% = 37,452 → 37,450
    expect(a.taxes).toMatchObject({ dutyKrw: 0, vatKrw: 37_450, totalKrw: 37_450 });
    expect(codes(a)).not.toContain('FTA_NOT_NEEDED_EXEMPT');
  });
});

describe('self-use limit of 녹용 (deer antler velvet) 150 g: HSK 0507.90.11 only ([별표11] as domain-rules §2.2 quotes it; HSK nomenclature)', () => {
  // Each parcel from China by express, declared 2026-02-04, 0.8 kg: value ≤ USD 150, exempt (general clearance: HS 05
  // goods are quarantine goods, excluded from list clearance). Before the correction quantity-limits-2015-12-01-r3,
  // DEER_ANTLER matched all of 0507.90: hardened antlers (녹각, 0507.90.12) and tortoiseshell, whalebone, horns and
  // hooves (0507.90.20) were weighed against 녹용's 150 g, and 500 g of buffalo horn was held.
  const item = (hsCode: string, description: string, quantity: number, weightG: number) => ({ description, hsCode, quantity, weightG, price: 30, originCountry: 'VN' });

  it('two 250 g pieces of raw buffalo horn (0507.90.20): no self-use limit, not held; general clearance, exempt', () => {
    const a = one(decl('A1', { items: [item('0507902090', '물소뿔 원재료 buffalo horn raw for crafts', 2, 250)] }));
    // 2 × 30 = USD 60 ≤ 150: exempt; the goods are quarantine goods (HS 05): general clearance
    expect(a).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: true } });
    expect(codes(a)).not.toContain('HOLD_QUANTITY');
    expect(a.dataVersions.quantityLimits).toMatch(/^quantity-limits-2015-12-01-r[3-9]/); // r3 and the corrections after it
  });

  it('300 g of 녹각 (hardened antler, 0507.90.12) is another herbal material, 3 kg per item: not held', () => {
    const a = one(decl('A2', { items: [item('0507901200', '녹각 사슴뿔 절편 hardened antler slices', 1, 300)] }));
    expect(a).toMatchObject({ route: 'general', deMinimis: { exempt: true } });
    expect(codes(a)).not.toContain('HOLD_QUANTITY');
    // 3.5 kg of it is over the 3 kg of other herbal materials: held under that line
    const heavy = one(decl('A3', { items: [item('0507901200', '녹각 사슴뿔 절편 hardened antler slices', 1, 3500)] }));
    expect(reason(heavy, 'HOLD_QUANTITY').ko).toContain('기타 한약재 품목별 3kg');
  });

  it('녹용 itself (0507.90.11) is still held over 150 g, and passes at 150 g', () => {
    const over = one(decl('A4', { items: [item('0507901190', '녹용 New Zealand velvet antler slices', 2, 100)] }));
    expect(over.route).toBe('hold');
    expect(reason(over, 'HOLD_QUANTITY').ko).toContain('녹용 150g');
    expect(reason(over, 'HOLD_QUANTITY').ko).toContain('200g > 150g');
    const within = one(decl('A5', { items: [item('0507901110', '녹용 New Zealand velvet antler whole', 1, 150)] }));
    expect(within).toMatchObject({ route: 'general', deMinimis: { exempt: true } });
  });
});

describe('self-use limit of health functional food, 6 bottles: the supplement lines of HS 2106, not the whole heading ([별표11]; HSK nomenclature)', () => {
  // Each parcel from China by express, declared 2026-02-04, 0.8 kg, value ≤ USD 150: exempt; food is excluded from
  // list clearance (general clearance). Before the correction quantity-limits-2015-12-01-r4, SUPPLEMENT matched all
  // of heading 2106, so tofu (2106.10.1000), flavoured sugar syrups (2106.90.2000) and coffee creamer (2106.90.9010)
  // were counted as bottles of supplements and held over 6.
  const food = (hsCode: string, description: string, quantity: number, price: number) => ({ description, hsCode, quantity, price, originCountry: 'US' });

  it('7 bottles of flavoured syrup, 8 jars of coffee creamer, 10 packs of tofu: no self-use count, not held; general clearance, exempt', () => {
    for (const [r, item] of [
      ['Q1', food('2106902000', '시럽 Torani vanilla syrup 750ml', 7, 8)], // 7 × 8 = USD 56
      ['Q2', food('2106909010', '커피크리머 Coffee-mate original creamer', 8, 6)], // USD 48
      ['Q3', food('2106101000', '두부 House Foods organic tofu', 10, 3)], // USD 30
    ] as const) {
      const a = one(decl(r, { items: [item] }));
      expect(a, r).toMatchObject({ route: 'general', deMinimis: { thresholdUsd: 150, exempt: true } });
      expect(codes(a), r).not.toContain('HOLD_QUANTITY');
      expect(a.dataVersions.quantityLimits).toBe('quantity-limits-2015-12-01-r6'); // r5 and r6 keep r4's SUPPLEMENT
    }
  });

  it('supplements are still held over 6 bottles: by their 2106.90 line, as vitamins (2936), as red-ginseng products, and by name under another code', () => {
    const held = (r: string, item: Record<string, unknown>) => {
      const a = one(decl(r, { items: [item] }));
      expect(a.route, r).toBe('hold');
      expect(reason(a, 'HOLD_QUANTITY').ko, r).toContain('건강기능식품 6병');
    };
    held('Q4', food('2106909099', '영양제 Nature Made Super B-Complex', 7, 10));
    held('Q5', food('2936271000', 'Vitamin C NOW Foods 1000mg', 7, 10));
    held('Q6', food('2106903029', '홍삼정 정관장 에브리타임', 7, 15));
    held('Q7', food('1904103000', '유산균 프로바이오틱스 Culturelle', 7, 10)); // a code outside 2106: by its name
  });
});
