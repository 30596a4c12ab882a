// PostgreSQL COPY text format: tab-separated, \N for NULL, backslash escapes.
export function copyField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '\\N';
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  return escapeCopy(value);
}

const SPECIAL = /[\\\t\n\r]/;

export function escapeCopy(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** JSON.stringify output never holds raw tabs or newlines; only backslashes need doubling. */
export function copyJson(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  const json = JSON.stringify(value);
  return json.includes('\\') ? json.replace(/\\/g, '\\\\') : json;
}
