// A seizure (finding) report from one of our inspection results and its declaration, pure.
// Reads only what the format has fields for: never the consignee (PCCC, name, phone, address,
// e-mail), nor the order number, B/L numbers or the operator's reference, which a partner could
// use to trace a consumer. Those travel, when they must, under a mutual assistance agreement.
import type { AssessedLine, Valuation } from '../assessment.ts';
import { koreanDateOf } from '../dates.ts';
import type { Declaration, Party } from '../declaration-schema.ts';
import { EXCHANGE_FORMAT, EXCHANGE_VERSION, OFFENCE_OF_OUTCOME, REC19_OF_MODE, type ExchangeParty, type FindOutcome, type SeizureReportBody, type UnsignedMessage } from './message.ts';

export interface FindingForReport {
  /** inspection_results.id: the report id derives from it, so exporting twice gives the same report. */
  inspectionId: number;
  outcome: FindOutcome;
  /** When the inspection took place (ISO 8601). */
  inspectedAt: string;
  correctedValueKrw: number | null;
  correctedHs: string | null;
}

export interface SeizureReportInput {
  declaration: Declaration;
  /** The stored assessment's classified lines and valuation. */
  assessment: { lines: readonly Pick<AssessedLine, 'index' | 'hsCode'>[]; valuation: Pick<Valuation, 'goodsValueKrw'> | null };
  finding: FindingForReport;
  /** Our code as partners registered it, and our country (ISO alpha-2). */
  sender: { code: string; country: string };
  recipient?: string;
  issuedAt: string;
}

export const seizureReportId = (senderCountry: string, inspectionId: number) => `${senderCountry}-TG-SR-${String(inspectionId).padStart(8, '0')}`;

/**
 * The internationally shared part of an HS code: the 6-digit subheading; national digits beyond it
 * (Korea's HSK has 10) mean nothing to a partner. A line classified only to its heading or chapter
 * (a category without a code) is reported at that level: a code more precise than the
 * classification would be invented.
 */
export const sharedHs = (code: string | null | undefined): string | null => {
  const d = (code ?? '').replace(/\D/g, '');
  if (d.length >= 6) return d.slice(0, 6);
  if (d.length >= 4) return d.slice(0, 4);
  return d.length >= 2 ? d.slice(0, 2) : null;
};

const partyOf = (p: Party | undefined): ExchangeParty | undefined => {
  if (!p) return undefined;
  const out: ExchangeParty = { name: p.name };
  if (p.code) out.code = p.code;
  if (p.country) out.country = p.country.toUpperCase();
  return out;
};

/** Invoice value in the order's currency: Σ price × quantity − discount + local tax, shipping and other costs, to the hundredth. */
function invoiceAmount(d: Declaration): number {
  let cents = 0;
  for (const i of d.items) cents += Math.round((i.price * i.quantity - (i.discount ?? 0) + (i.localTax ?? 0) + (i.localShipping ?? 0) + (i.otherCosts ?? 0)) * 100);
  return Math.max(0, cents) / 100;
}

export type SeizureReportResult = { ok: true; message: UnsignedMessage } | { ok: false; reason: 'no_hs_code'; itemIndex: number };

export function buildSeizureReport(input: SeizureReportInput): SeizureReportResult {
  const { declaration: d, assessment: a, finding: f } = input;
  const goods: SeizureReportBody['goods'] = [];
  for (const [index, item] of d.items.entries()) {
    // The engine's classified code (declared, or from the category) is the one the report can stand by.
    const hsCode = sharedHs(a.lines.find((l) => l.index === index)?.hsCode) ?? sharedHs(item.hsCode);
    if (!hsCode) return { ok: false, reason: 'no_hs_code', itemIndex: index };
    goods.push({
      hsCode,
      description: item.description,
      quantity: item.quantity,
      ...(item.unit ? { unit: item.unit } : {}),
      ...(item.originCountry ? { originCountry: item.originCountry.toUpperCase() } : {}),
    });
  }
  const p = d.parties ?? {};
  const parties: SeizureReportBody['parties'] = {};
  for (const role of ['platform', 'seller', 'forwarder', 'courier'] as const) {
    const x = partyOf(p[role]);
    if (x) parties[role] = x;
  }
  const corrected = sharedHs(f.correctedHs);
  const body: SeizureReportBody = {
    reportingCountry: input.sender.country,
    // The day in Korea, where the inspection took place (an inspection at 20:00 UTC is the next day's).
    seizureDate: koreanDateOf(f.inspectedAt),
    detection: { outcome: f.outcome, ...OFFENCE_OF_OUTCOME[f.outcome] },
    ...(d.ecommerceType ? { ecommerceType: d.ecommerceType } : {}),
    transport: { mode: d.shipment.mode, modeCode: REC19_OF_MODE[d.shipment.mode], departureCountry: d.shipment.shipFrom.toUpperCase(), destinationCountry: input.sender.country },
    goods,
    ...(corrected ? { correctedHsCode: corrected } : {}),
    invoiceValue: { amount: invoiceAmount(d), currency: d.order.currency.toUpperCase() },
    declaredValue: { amount: a.valuation?.goodsValueKrw ?? 0, currency: 'KRW' },
    ...(f.correctedValueKrw !== null ? { correctedValue: { amount: f.correctedValueKrw, currency: 'KRW' } } : {}),
    parties,
  };
  return {
    ok: true,
    message: {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      kind: 'seizure_report',
      id: seizureReportId(input.sender.country, f.inspectionId),
      from: input.sender.code,
      ...(input.recipient ? { to: input.recipient } : {}),
      issuedAt: input.issuedAt,
      body,
    },
  };
}
