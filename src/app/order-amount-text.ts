/**
 * An order's amount, held in hundredths, as its currency writes it: "JPY 12,000", "USD 33.86"
 * (ISO 4217 minor units, as the runtime's Intl knows them; an unknown code gets two decimals).
 * For messages to a consumer (the consent SMS read "12000.00 JPY").
 */
export function orderAmountText(totalHundredths: number, currency: string): string {
  const code = currency.toUpperCase();
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // not a currency code Intl knows: two decimals
  }
  return `${code} ${(totalHundredths / 100).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}
