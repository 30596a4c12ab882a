// The body of an inspection result (POST /api/v1/officer/declarations/:id/inspection) from the
// form's fields. The amounts only with a find: their fields are hidden for 'clean', and a value
// typed before switching back to 'clean' was sent anyway (422 on a field no longer shown). A find
// always says its revenue: the amount, or 0 when the officer ticked "none" (a seizure); the revenue
// model learns from it. A misclassification (품목분류 오류) says the HS code it should have had, as
// digits (the API takes 4 to 10): the form had no field for it, so the find was recorded without
// the code the officer found.

export interface InspectionFields {
  outcome: string;
  selectedBy: string;
  /** digits typed, '' none */
  revenue: string;
  noRevenue: boolean;
  /** corrected taxable value, digits typed, '' none */
  corrected: string;
  /** corrected HS code as typed (6109.10-0000), '' none */
  correctedHs: string;
  note: string;
}

/** The digits of an HS code as the tariff prints it (6109.10-0000 → 6109100000). */
export function hsDigits(typed: string): string {
  return typed.replace(/\D/g, '');
}

export function inspectionBody(f: InspectionFields): Record<string, string | number> {
  const find = f.outcome !== 'clean';
  const hs = hsDigits(f.correctedHs);
  return {
    outcome: f.outcome,
    selectedBy: f.selectedBy,
    ...(find ? { revenueKrw: f.noRevenue ? 0 : Number(f.revenue) } : {}),
    ...(find && f.corrected ? { correctedValueKrw: Number(f.corrected) } : {}),
    ...(f.outcome === 'misclassified' && hs ? { correctedHs: hs } : {}),
    ...(f.note ? { note: f.note } : {}),
  };
}
