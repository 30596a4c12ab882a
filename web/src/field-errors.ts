// The form fields an API error answer is about, with the text to show beside each: one reading of
// the error body (src/http/error-status.ts: {"error": {code, message, ko, en, details?}}). A refused
// request (VALIDATION_FAILED) names its fields in one form (src/app/field-errors.ts):
// `details: [{path, code, ko, en, params?, keyword?}]`, the path saying where the field was sent
// (body.text.en, querystring.from, params.role), each with its own Korean and English text. A schema
// error carries the JSON Schema `keyword`: its text is generic ("Too long (at most 200)"), so a form
// may say it in its own words; a use case's own check has none, and its text says why.
// A form may also tie an error code that names no field (EXCHANGE_PARTNER_EXISTS) to one of its fields.
import type { FieldError } from '../../src/domain/assessment.ts';
import { ApiError } from './api.ts';

export interface FieldIssue {
  /** The request field: the path less `body.` / `querystring.` / `params.`, up to the first `.` or `[` (text for body.text.en). */
  name: string;
  /** The whole path less `body.` / `querystring.` / `params.` (items[2].price), for a form whose fields repeat by row. */
  path: string;
  /** A schema error (it has a keyword), or a use case's own check (or an error code a form ties to a field: code and text are the error's). */
  kind: 'schema' | 'check';
  /** The field error's stable code (e.g. own_code_or_key, valid_until_too_far). */
  code: string;
  /** The field error's own text. */
  ko: string;
  en: string;
  /** What the text says in figures, when the error carries them (a schema range: {comparison: '<=', limit: 1000000000}). */
  params?: Record<string, unknown>;
}

type RequestFieldError = FieldError & { keyword?: string; params?: Record<string, unknown> };

const isFieldError = (e: unknown): e is RequestFieldError =>
  e !== null && typeof e === 'object' && typeof (e as FieldError).path === 'string' && typeof (e as FieldError).code === 'string' && typeof (e as FieldError).ko === 'string' && typeof (e as FieldError).en === 'string';

/** The request fields an error names, in the order it names them; none for anything but an ApiError. */
export function fieldIssuesOf(error: unknown, codes: Partial<Record<string, string>> = {}): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details;
  if (Array.isArray(d) && d.length > 0 && d.every(isFieldError)) {
    return d.flatMap((e) => {
      const path = e.path.replace(/^(body|querystring|params)\.?/, '');
      const name = path.split(/[.[]/)[0] ?? '';
      if (!name) return [];
      const issue: FieldIssue = { name, path, kind: typeof e.keyword === 'string' ? 'schema' : 'check', code: e.code, ko: e.ko, en: e.en };
      if (e.params && typeof e.params === 'object') issue.params = e.params;
      return [issue];
    });
  }
  const byCode = codes[error.code];
  return byCode ? [{ name: byCode, path: byCode, kind: 'check', code: error.code, ko: error.ko, en: error.en }] : [];
}

export interface FormFields<F extends string> {
  /** The form field showing a request field, or null when the form has none for it. */
  field: (name: string) => F | null;
  /** Error codes that concern a request field without naming it in details. */
  codes?: Partial<Record<string, string>>;
  /** The text beside the field. */
  text: (issue: FieldIssue, field: F, error: ApiError) => string;
}

/**
 * The text to show beside each form field the error is about (the first issue for a field wins).
 * Empty when it names none of the form's fields: the form then shows the error as a whole.
 */
export function fieldErrorsOf<F extends string>(error: unknown, form: FormFields<F>): Partial<Record<F, string>> {
  const out: Partial<Record<F, string>> = {};
  if (!(error instanceof ApiError)) return out;
  for (const issue of fieldIssuesOf(error, form.codes)) {
    const field = form.field(issue.name);
    if (field !== null && out[field] === undefined) out[field] = form.text(issue, field, error);
  }
  return out;
}

/** `field` for a form whose fields are named as the request's. */
export const sameNames =
  <F extends string>(fields: readonly F[]) =>
  (name: string): F | null =>
    (fields as readonly string[]).includes(name) ? (name as F) : null;
