// What a request log line says of the request: its method and URL, without the secrets and personal
// data URLs can carry. The UNI-PASS-compatible API takes its key (crkyCn) and a person's customs code,
// name and mobile (persEcm, pltxNm, cralTelno) in the query, as UNI-PASS does; the consultation
// stream its session (?access_token=, EventSource sends no headers); officer and registry paths a
// PCCC (/api/v1/registry/pccc/P…/suspend, /api/v1/officer/parties/consignee/P…). Logs outlive
// and travel further than the database (개인정보 보호법 제29조: safeguards of personal data).

/** Query parameters whose values say nothing about anyone (paging, periods, languages): kept. */
const PLAIN_PARAMS = new Set(['limit', 'after', 'status', 'from', 'to', 'dimension', 'lang', 'weeks', 'year', 'imexTp', 'qryYymmDd']);
const PCCC = /[Pp]\d{12}/g;
const MOBILE = /01[016789](?:-|%2D)?\d{3,4}(?:-|%2D)?\d{4}/gi;

export function loggedUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(PCCC, 'P[redacted]').replace(MOBILE, '[redacted]');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return PLAIN_PARAMS.has(name) ? pair : `${name}=[redacted]`;
    })
    .join('&');
  return `${path}?${query}`;
}

/** A PCCC or a mobile number in free text (an error's message or stack) replaced. */
export const maskedText = (text: string): string => text.replace(PCCC, 'P[redacted]').replace(MOBILE, '[redacted]');

/**
 * The `err` serializer: the error's type, code, message and stack, PCCC and mobile numbers masked.
 * Nothing else of it: PostgreSQL's errors carry the row's values in `detail` ("Key (pccc)=(P…)
 * already exists") and the statement's parameters; pino's default would log every property.
 */
export function errorLogSerializer(e: unknown): { type: string; message: string; stack: string; [key: string]: unknown } {
  if (!(e instanceof Error)) return { type: typeof e, message: maskedText(String(e)), stack: '' };
  const code = (e as { code?: unknown }).code;
  return { type: e.name, ...(typeof code === 'string' ? { code } : {}), message: maskedText(e.message), stack: maskedText(e.stack ?? '') };
}

/** The `req` serializer of the Fastify logger. */
export const requestLogSerializer = (req: { method: string; url: string }) => ({ method: req.method, url: loggedUrl(req.url) });
