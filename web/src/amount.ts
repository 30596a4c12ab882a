// An amount typed into a form: digits with an optional decimal point, and commas only where they
// separate thousands (1,234.50). A comma anywhere else is read as nothing: "420,00" (a European
// decimal comma) is not 42000, "1,5" kg is not 15 kg; the form says to write the decimal with a point.

const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** A comma that does not separate thousands (420,00; 1,5; 1.234,50). */
export function commaMisplaced(v: string): boolean {
  const t = v.trim();
  return t.includes(',') && !GROUPED.test(t);
}

/** The number typed: undefined when the field is empty, NaN when it is not a number (or its commas are not thousands separators). */
export function numberOrUndefined(v: string): number | undefined {
  const trimmed = v.trim();
  if (!trimmed) return undefined;
  if (commaMisplaced(trimmed)) return Number.NaN;
  const n = Number(trimmed.replace(/,/g, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

/** A price pasted with its currency's sign or code ($180, 180 USD, €420, 1,200円): the currency has a field of its own. */
export function currencyMarked(v: string): boolean {
  return /[$€£¥₩円元]|(^|[^A-Za-z])(USD|EUR|GBP|JPY|CNY|RMB|HKD|KRW)($|[^A-Za-z])/i.test(v.trim());
}
