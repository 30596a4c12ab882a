// The count under the list of orders without a declaration. The page asks for the newest `limit`
// (the API gives no total): a full page said "100건" of a list that may hold more, and "1 orders".
// Pure (no React): orders-count.test.ts.

/** `num`: the page's number format (1,234). */
export function ordersShownText(shown: number, limit: number, num: (n: number) => string): { ko: string; en: string } {
  if (shown >= limit) return { ko: `최근 ${num(shown)}건만 보입니다(더 있을 수 있습니다)`, en: `The newest ${num(shown)} are shown; there may be more` };
  return { ko: `${num(shown)}건`, en: shown === 1 ? '1 order' : `${num(shown)} orders` };
}
