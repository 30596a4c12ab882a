// The operator console's small pure parts: the CSV result's column names, a field error's path in
// words, a declaration's address in the console, and the search's pages (three lookups, each
// paged by its own cursor).
import { declarationFieldInWords } from '../../src/domain/declaration-field-labels.ts';
import { messages, type MessageKey } from './messages.ts';

type Lang = 'ko' | 'en';

/**
 * The CSV result table's headers in the page's language. The ref column is named as the CSV
 * template names it ("참조번호 (ref)" there, "참조번호" here): it was the bare path `ref`.
 */
export function csvResultHeaders(lang: Lang): string[] {
  const ref = declarationFieldInWords('ref')!;
  const keys: MessageKey[] = ['operator.csvLines', 'operator.csvOutcome', 'operator.csvRoute', 'operator.csvTaxes'];
  return [ref[lang], ...keys.map((k) => messages[lang][k])];
}

/** A field error's path in words ("1번 물품 단가"), or null when it has none (the path is shown alone). */
export const fieldPathInWords = declarationFieldInWords;

export type OperatorTab = 'keys' | 'submissions' | 'declarations' | 'webhooks' | 'taxes' | 'scorecard';
const TABS: readonly OperatorTab[] = ['keys', 'submissions', 'declarations', 'webhooks', 'taxes', 'scorecard'];

/** A declaration's own address in the console: the declarations tab with it opened (`/operator?tab=declarations&declaration=2873`). */
export function declarationHref(declarationId: number): string {
  return `/operator?tab=declarations&declaration=${declarationId}`;
}

/** The tab and the declaration opened that the console's address asks for (an unknown tab: the first). */
export function operatorViewOf(search: URLSearchParams): { tab: OperatorTab; declaration: number | null } {
  const tab = search.get('tab');
  const id = Number(search.get('declaration'));
  return { tab: TABS.includes(tab as OperatorTab) ? (tab as OperatorTab) : 'keys', declaration: Number.isSafeInteger(id) && id > 0 ? id : null };
}

/** The search box asks three lookups: the cargo number, the operator's own ref, a house or master B/L. */
export const SEARCH_KINDS = ['cargoNo', 'ref', 'blNo'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
/** Where each lookup stands: the `after` of its next page (0: its first), or null once read to its end. */
export type SearchCursor = Record<SearchKind, number | null>;
export const FIRST_SEARCH_PAGE: SearchCursor = { cargoNo: 0, ref: 0, blNo: 0 };

/** The requests of one page of a search: each lookup not yet read to its end, from its own cursor. */
export function searchRequests(q: string, cursor: SearchCursor, limit: number): { kind: SearchKind; path: string }[] {
  return SEARCH_KINDS.filter((k) => cursor[k] !== null).map((kind) => ({
    kind,
    path: `/api/v1/declarations?limit=${limit}&after=${cursor[kind]}&${kind}=${encodeURIComponent(q)}`,
  }));
}

/**
 * One page of a search from its lookups' answers: their rows, each declaration once (a ref may read
 * as a B/L too), and the cursor of the next page, null when every lookup is at its end. A master
 * B/L of 120 parcels is three pages of 50, 50 and 20, not 50 said to be all.
 */
export function mergeSearchPage<T extends { id: number }>(answers: readonly { kind: SearchKind; declarations: readonly T[]; next: number | null }[]): { declarations: T[]; next: SearchCursor | null } {
  const seen = new Set<number>();
  const declarations = answers.flatMap((a) => a.declarations).filter((d) => !seen.has(d.id) && !!seen.add(d.id));
  const next: SearchCursor = { cargoNo: null, ref: null, blNo: null };
  for (const a of answers) next[a.kind] = a.next;
  return { declarations, next: SEARCH_KINDS.some((k) => next[k] !== null) ? next : null };
}
