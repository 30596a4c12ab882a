// The platform API as the portal uses it: one fetch wrapper, errors as ApiError values with
// the server's stable code and its Korean and English text, and the response shapes.
// Engine types come from src/domain (the only part of the server the portal may import).
import type { Assessment, FieldError, Reason, Taxes } from '../../src/domain/assessment.ts';
import type { PublishedAssessment, PublishedReason } from '../../src/domain/published-reasons.ts';
import type { Declaration } from '../../src/domain/declaration-schema.ts';
import type { DeliveryRecord, ListedTaxNotice, LookupView, QueueRow, TimelineEntry, WebhookRecord } from '../../src/domain/api-views.ts';
export type { ApiKeyRecord, PartyHistory, StatisticsDimension, StatisticsRow, StatisticsView, SubmissionRecord } from '../../src/domain/api-views.ts';
import type { StatisticsCell } from '../../src/domain/statistics-disclosure.ts';

export type { StatisticsCell };
export type { DeliveryRecord, LookupView, TimelineEntry, WebhookRecord };
export type QueueEntry = QueueRow;

export type { Assessment, FieldError, Reason, Taxes, Declaration };
export type { PublishedReason };

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly ko: string;
  readonly en: string;
  readonly details: unknown;
  constructor(status: number, code: string, ko: string, en: string, details?: unknown) {
    super(en);
    this.status = status;
    this.code = code;
    this.ko = ko;
    this.en = en;
    this.details = details;
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** A text body sent as it is (a CSV upload), with its content type; instead of `body`. */
  text?: { content: string; type: string };
  token?: string | null;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * How long a rate-limited reader waits, from the answer's Retry-After (seconds; RFC 9110 §10.2.3):
 * "try again later" alone left a consumer tapping "try again" into the same refusal (the public
 * lookups allow so many a minute per address, and a phone network puts many phones behind one).
 * Null when the header is missing or is not a number of seconds (an HTTP date is not sent here).
 */
export function retryAfterText(header: string | null): { ko: string; en: string } | null {
  if (!header || !/^\d+$/.test(header.trim())) return null;
  const s = Math.max(1, Number(header.trim()));
  if (s < 60) return { ko: `${s}초 뒤에 다시 시도할 수 있습니다.`, en: `You can try again in ${s} s.` };
  const m = Math.ceil(s / 60);
  return { ko: `약 ${m}분 뒤에 다시 시도할 수 있습니다.`, en: `You can try again in about ${m} min.` };
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.text) headers['content-type'] = options.text.type;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.text ? options.text.content : options.body !== undefined ? JSON.stringify(options.body) : null;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? (body !== null ? 'POST' : 'GET'),
      headers,
      body,
      signal: options.signal ?? null,
      credentials: 'same-origin',
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', '서버에 연결할 수 없습니다. 인터넷 연결을 확인하세요.', 'Cannot reach the server. Check your connection.');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const err = (json as { error?: { code?: string; ko?: string; en?: string; details?: unknown } } | null)?.error;
    const ko = err?.ko ?? `요청이 실패했습니다 (HTTP ${response.status}).`;
    const en = err?.en ?? `The request failed (HTTP ${response.status}).`;
    const wait = response.status === 429 ? retryAfterText(response.headers.get('retry-after')) : null;
    throw new ApiError(response.status, err?.code ?? `HTTP_${response.status}`, wait ? `${ko} ${wait.ko}` : ko, wait ? `${en} ${wait.en}` : en, err?.details);
  }
  return json as T;
}

// ---- estimator ----
/** A measure of one unit a self-use limit counts: volume (perfume, liquor) or weight (ginseng, herbs). */
export type UnitMeasure = 'volumeMl' | 'weightG';

export interface EstimatorOptions {
  date: string;
  categories: { code: string; hs: string; ko: string; en: string; measures: UnitMeasure[] }[];
  currencies: { code: string; ko: string; en: string; rate: number | null; units: number; placeholder: boolean }[];
  countries: { code: string; ko: string; en: string }[];
  measuredHs: { prefix: string; measure: UnitMeasure }[];
  modes: ('express' | 'postal' | 'cargo')[];
  thresholds: { deMinimisUsd: number; usExpressDeMinimisUsd: number; minimumCollectionKrw: number } | null;
  fxWeek: string | null;
  fxPlaceholder: boolean;
}

/** One item of an estimate: the flat fields of a one-item estimate, or an entry of `items`. */
export interface EstimateItem {
  category?: string;
  hsCode?: string;
  description?: string;
  price: number;
  quantity: number;
  originCountry?: string;
  volumeMl?: number;
  weightG?: number;
  alcoholPercent?: number;
}

/** One item by its flat fields beside the parcel's, or an order of several in `items` (none of the item fields then). */
export interface EstimateRequest extends Partial<EstimateItem> {
  currency: string;
  shipFrom: string;
  mode: 'express' | 'postal' | 'cargo';
  weightKg?: number;
  items?: EstimateItem[];
}

export interface EstimateResponse {
  declaredAt: string;
  assessment: PublishedAssessment;
  fieldErrors: (FieldError & { field: string })[];
  nextSteps: PublishedReason[];
  headroomUsd: number | null;
  assumptions: { field: string; ko: string; en: string }[];
  fxPlaceholder: boolean;
}

// ---- lookups ----
export interface ConsumerDeclaration extends LookupView {
  platform: string | null;
  seller: string | null;
  /** The courier (특송업체) a hold's next step sends the consignee to. */
  courier: string | null;
  consigneeName: string;
  /** The items as declared, each price in `currency` (the order's). */
  currency: string;
  items: { description: string; quantity: number; unit: string | null; price: number }[];
  /** The parcel's tax notice (paid, due, overdue), whose line is its next action; null: nothing owed or paid. */
  taxNotice: ListedTaxNotice | null;
  /** The engine's reasons (route, taxes and how they were worked out, next steps, the law); without NEXT_* once held, refused or withdrawn. */
  reasons: PublishedReason[];
}

// ---- officer ----
export interface DeclarationDetail {
  id: number;
  ref: string;
  cargoNo: string;
  version: number;
  status: string;
  route: string;
  stages: { clearance: string; cargo: string; heldFrom: string | null };
  holdReason: unknown;
  declaration: Declaration;
  assessment: Assessment;
  timeline: TimelineEntry[];
  revisions: unknown[];
  /** Officers only: the cargo numbers of assessment.combinedWith's refs. */
  combinedCargoNos?: Record<string, string[]>;
  createdAt: string;
  updatedAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: string;
  actorId: number | null;
  action: string;
  detail: unknown;
}

// ---- tax notices and payment ----
export type { TaxNotice, TaxReceipt } from '../../src/domain/tax-notice.ts';
export type { ListedTaxNotice, OperatorListedTaxNotice, TransferOutcome, VirtualAccountView } from '../../src/domain/api-views.ts';

// ---- declarations as CSV (operator console) ----
export interface CsvIntakeResult {
  index: number;
  ref: string | null;
  status: 'accepted' | 'rejected';
  cargoNo: string | null;
  errors: FieldError[];
  route: 'list' | 'general' | 'hold' | null;
  taxesDueKrw: number | null;
  /** The lines of the file the declaration was read from. */
  lines: number[];
  /** The line of each item, in order: an error at items[i] is on line itemLines[i]. */
  itemLines: number[];
}
export interface CsvIntakeResponse {
  summary: { received: number; accepted: number; rejected: number; replayed: number };
  results: CsvIntakeResult[];
}
/** CSV_INVALID's details: each problem of a file that cannot be read as declarations. */
export interface CsvProblem {
  line: number;
  column: string;
  ko: string;
  en: string;
}
