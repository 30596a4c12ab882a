// Duty and internal taxes of one line, then the totals of a declaration (domain rules §4.1):
//   duty      = taxable value × duty rate                                   (관세법 제14조, 제50조)
//   excise    = (taxable + duty − threshold × units) × 20% when a unit is above the threshold
//               (개별소비세법 제1조②, 기준가격 초과분)
//   education = excise × 30%; liquor: liquor tax × 10% or 30%              (교육세법 제5조)
//   liquor    = (taxable + duty) × rate, or litres × specific rate (beer)  (주세법 제8조)
//   VAT       = (taxable + duty + excise + education + liquor taxes) × 10%, books exempt (부가가치세법 제27조, 제29조)
// Each tax is truncated to the won per line; totals are truncated to the tax unit (money.ts).
import type { AssessedLine, Taxes } from './assessment.ts';
import type { ClassifiedItem } from './classify-items.ts';
import { applyRate, truncateTo } from './money.ts';

export interface LineBasis {
  c: ClassifiedItem;
  taxableValueKrw: number;
  dutyRate: number;
  rateType: AssessedLine['rateType'];
  hsCode: string;
}

/** exempt: de minimis applies, so duty, excise and VAT are waived; liquor taxes stay due (domain rules §1.3). */
export function taxLine(b: LineBasis, vatRate: number, exempt: boolean): AssessedLine {
  const { c } = b;
  const duty = exempt ? 0 : applyRate(b.taxableValueKrw, b.dutyRate);
  let excise = 0;
  let education = 0;
  if (!exempt && c.excise) {
    const base = b.taxableValueKrw + duty;
    const units = Math.max(1, c.units);
    if (base > c.excise.thresholdKrw * units) {
      excise = applyRate(base - c.excise.thresholdKrw * units, c.excise.rate);
      education += applyRate(excise, c.excise.educationRate);
    }
  }
  let liquor = 0;
  if (c.liquor) {
    if (c.liquor.adValoremRate !== undefined) liquor = applyRate(b.taxableValueKrw + duty, c.liquor.adValoremRate);
    else if (c.liquor.perLiterKrw !== undefined) liquor = Math.floor((c.totalVolumeMl * c.liquor.perLiterKrw) / 1000);
    education += applyRate(liquor, c.liquor.educationRate);
  }
  const vat = exempt || c.vatExempt ? 0 : applyRate(b.taxableValueKrw + duty + excise + education + liquor, vatRate);
  return {
    index: c.index,
    hsCode: b.hsCode,
    hsSource: c.hsSource,
    dutyRate: b.dutyRate,
    rateType: b.rateType,
    taxableValueKrw: b.taxableValueKrw,
    dutyKrw: duty,
    exciseKrw: excise,
    educationKrw: education,
    liquorKrw: liquor,
    vatKrw: vat,
  };
}

/** The sums of the lines' taxes, each to the won, before the totals are truncated to the tax unit. */
export function lineSums(lines: readonly AssessedLine[]): Omit<Taxes, 'totalKrw' | 'collected'> {
  let dutyKrw = 0;
  let exciseKrw = 0;
  let educationKrw = 0;
  let liquorKrw = 0;
  let vatKrw = 0;
  for (const l of lines) {
    dutyKrw += l.dutyKrw;
    exciseKrw += l.exciseKrw;
    educationKrw += l.educationKrw;
    liquorKrw += l.liquorKrw;
    vatKrw += l.vatKrw;
  }
  return { dutyKrw, exciseKrw, educationKrw, liquorKrw, vatKrw };
}

export function totalTaxes(lines: AssessedLine[], taxUnitKrw: number, minimumCollectionKrw: number): Taxes {
  const sums = lineSums(lines);
  const dutyKrw = truncateTo(sums.dutyKrw, taxUnitKrw);
  const exciseKrw = truncateTo(sums.exciseKrw, taxUnitKrw);
  const educationKrw = truncateTo(sums.educationKrw, taxUnitKrw);
  const liquorKrw = truncateTo(sums.liquorKrw, taxUnitKrw);
  const vatKrw = truncateTo(sums.vatKrw, taxUnitKrw);
  const totalKrw = dutyKrw + exciseKrw + educationKrw + liquorKrw + vatKrw;
  // 징수금액의 최저한: a total under KRW 10,000 is not collected (관세법 제40조, 시행령 제37조).
  return { dutyKrw, exciseKrw, educationKrw, liquorKrw, vatKrw, totalKrw, collected: totalKrw >= minimumCollectionKrw };
}
