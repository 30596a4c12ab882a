// The form fields an API error answer is about, with the text to show beside each: one reading of
// the error body (src/http/error-status.ts: {"error": {code, message, ko, en, details?}}) for
// every form. A field is named two ways:
// - a schema error (VALIDATION_FAILED, `details: [{path, keyword, message, params}]`, the path
//   naming the field: body.text.en, querystring.from): Ajv's words are English only, so a form
//   says it in its own words, or with the error's own text;
// - a use case's own check (`details: {field, reason?, …}`), whose ko/en text is the error's.
// A form may also tie an error code that names no field (EXCHANGE_PARTNER_EXISTS) to one of its fields.
import { ApiError } from './api.ts';

export interface FieldIssue {
  /** The request field: a schema error's path less `body.` / `querystring.`, up to the first `.` or `[` (text for body.text.en); a check's `details.field`. */
  name: string;
  kind: 'schema' | 'check';
  /** A check's `details.reason`, when it gives one. */
  reason?: string;
}

/** The request fields an error names, in the order it names them; none for anything but an ApiError. */
export function fieldIssuesOf(error: unknown, codes: Partial<Record<string, string>> = {}): FieldIssue[] {
  if (!(error instanceof ApiError)) return [];
  const d = error.details;
  if (Array.isArray(d)) {
    return d.flatMap((e: { path?: unknown }) => {
      const name = (typeof e?.path === 'string' ? e.path : '').replace(/^(body|querystring)\.?/, '').split(/[.[]/)[0] ?? '';
      return name ? [{ name, kind: 'schema' as const }] : [];
    });
  }
  const byCode = codes[error.code];
  if (byCode) return [{ name: byCode, kind: 'check' }];
  if (d && typeof d === 'object' && typeof (d as { field?: unknown }).field === 'string') {
    const { field, reason } = d as { field: string; reason?: unknown };
    return [{ name: field, kind: 'check', ...(typeof reason === 'string' ? { reason } : {}) }];
  }
  return [];
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
