// What the inspection form sends (POST /api/v1/officer/declarations/:id/inspection): a find says its
// revenue (an amount or 0 for "none"), a misclassification its corrected HS code as the API takes it
// (4 to 10 digits: an officer types 6109.10-0000 as the tariff prints it), and nothing a field no
// longer shown held (an amount typed before switching back to 'clean').
import { describe, expect, it } from 'vitest';
import { hsDigits, inspectionBody, type InspectionFields } from './inspection-body.ts';

const blank: InspectionFields = { outcome: 'clean', selectedBy: 'queue', revenue: '', noRevenue: false, corrected: '', correctedHs: '', note: '' };

describe('inspectionBody', () => {
  it('a misclassification sends the corrected HS code as digits only', () => {
    expect(inspectionBody({ ...blank, outcome: 'misclassified', revenue: '12000', correctedHs: '6109.10-0000', note: '면 티셔츠' })).toEqual({
      outcome: 'misclassified',
      selectedBy: 'queue',
      revenueKrw: 12000,
      correctedHs: '6109100000',
      note: '면 티셔츠',
    });
  });

  it('an undervaluation sends its corrected value, and no HS code typed while another outcome was chosen', () => {
    // Declared taxable value 17,230원; paid USD 16.28 at 1,370.24 = 22,307원 + freight: corrected 32,000원.
    expect(inspectionBody({ ...blank, outcome: 'undervalued', revenue: '5000', corrected: '32000', correctedHs: '8518' })).toEqual({
      outcome: 'undervalued',
      selectedBy: 'queue',
      revenueKrw: 5000,
      correctedValueKrw: 32000,
    });
  });

  it('a seizure ticked "none" sends revenue 0', () => {
    expect(inspectionBody({ ...blank, outcome: 'prohibited', revenue: '700', noRevenue: true })).toEqual({ outcome: 'prohibited', selectedBy: 'queue', revenueKrw: 0 });
  });

  it('clean sends no amounts or code left in hidden fields', () => {
    expect(inspectionBody({ ...blank, revenue: '5000', corrected: '32000', correctedHs: '6109' })).toEqual({ outcome: 'clean', selectedBy: 'queue' });
  });
});

describe('hsDigits', () => {
  it('keeps the digits of a code as the tariff prints it', () => {
    expect(hsDigits('6109.10-0000')).toBe('6109100000');
    expect(hsDigits(' 8518 30 ')).toBe('851830');
    expect(hsDigits('')).toBe('');
  });
});
