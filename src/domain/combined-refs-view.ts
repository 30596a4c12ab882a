// The members of a combined group (수입통관 사무처리에 관한 고시 제68조) as an operator may read them.
// A group joins a consignee's declarations across operators; the engine names the other members by
// their ref (assessment.combinedWith, the reasons' texts, the redecision events' detail and the
// revision notes). A ref is its operator's own order reference, its business data: an operator reads
// its own declarations by their ref and another operator's as "다른 업체의 신고" / "another
// operator's declaration" (how many, when several). Officers and the consumer read every ref.
// Only what is read changes: the stored assessment, the group and the taxes stay as decided.
// A ref is unique per operator only: two operators may use the same string, so a ref names no member by
// itself. The caller says, per ref, how many of the declarations it may name there (linked to the one read)
// are the reader's and how many another's (one query per read: src/app/operator-refs-view.ts); a member is
// read as the reader's own only when that settles it.
// Pure.
import type { Assessment, Reason } from './assessment.ts';
import type { Bilingual } from './bilingual.ts';
import { NAMED_REFS, refsText } from './assess.ts';
import { formatKrw } from './money.ts';

/** Of the declarations that a ref named in a group may be: how many are the reader's (0 or 1: a ref is unique per operator), how many another operator's. */
export interface RefOwners {
  own: number;
  others: number;
}

/** The owners of each ref named (none known: no declaration of that ref is linked to the one read). */
export type OwnersOf = (ref: string) => RefOwners | undefined;

/**
 * How many of `named` members of one list (combinedWith, an event's list) that bear `ref` are the
 * reader's own: all of its candidates when no other operator's is one; with candidates of both, the
 * reader's only when the list names every candidate (each is then a member); else none (which is the
 * member is not known: it is named as another operator's rather than the reader's by mistake).
 */
export function ownMembersNamed(o: RefOwners | undefined, named: number): number {
  if (!o || o.own === 0) return 0;
  if (o.others === 0) return Math.min(o.own, named);
  return named >= o.own + o.others ? o.own : 0;
}

/** A list's refs split: the reader's own (in order), and the others (in order). */
function splitRefs(refs: readonly string[], ownersOf: OwnersOf): { own: string[]; hidden: string[] } {
  const own: string[] = [];
  const hidden: string[] = [];
  let counts: Map<string, number> | null = null;
  for (const r of refs) {
    counts ??= new Map();
    counts.set(r, (counts.get(r) ?? 0) + 1);
  }
  const left = new Map<string, number>();
  for (const r of refs) {
    if (!left.has(r)) left.set(r, ownMembersNamed(ownersOf(r), counts!.get(r)!));
    const n = left.get(r)!;
    if (n > 0) {
      own.push(r);
      left.set(r, n - 1);
    } else hidden.push(r);
  }
  return { own, hidden };
}

/** The refs of `hidden` to take out of a free text: those the reader reads as its own nowhere in the list (its own ref string stays). */
const hiddenInText = (hidden: readonly string[], own: readonly string[]): string[] => (own.length === 0 ? [...hidden] : hidden.filter((r) => !own.includes(r)));

/** What combinedWith gives an operator in place of another operator's ref (one per such member, after its own refs). */
export const OTHER_OPERATOR_REF = '(another operator)';

/** Another operator's members, counted. */
export function otherOperatorsText(n: number): Bilingual {
  return n === 1
    ? { ko: '다른 업체의 신고', en: "another operator's declaration" }
    : { ko: `다른 업체의 신고 ${formatKrw(n)}건`, en: `${formatKrw(n)} declarations of other operators` };
}

/** The members as the reader may name them: its own refs (as the engine writes them: refsText), then the others counted. */
export function membersText(own: readonly string[], others: number): Bilingual {
  if (others === 0) return refsText(own);
  const other = otherOperatorsText(others);
  if (own.length === 0) return other;
  const mine = refsText(own);
  return { ko: `${mine.ko}, ${other.ko}`, en: `${mine.en}${own.length > NAMED_REFS ? ',' : ''} and ${other.en}` };
}

/** A ref in a text: after a start, a space, '(' or ','; before an end, a space, ',', ')', '까지' or a full stop that ends a sentence. */
function boundedAt(text: string, at: number, length: number): boolean {
  const before = at === 0 ? '' : text[at - 1]!;
  if (before !== '' && before !== ' ' && before !== '(' && before !== ',') return false;
  const end = at + length;
  if (end === text.length) return true;
  const after = text[end]!;
  if (after === ' ' || after === ',' || after === ')') return true;
  if (after === '.') return end + 1 === text.length || text[end + 1] === ' ';
  return text.startsWith('까지', end);
}

/** `text` with each bounded occurrence of `needle` replaced. */
function replaceBounded(text: string, needle: string, replacement: string): string {
  if (!needle) return text;
  let out = '';
  let from = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
    if (at < from || !boundedAt(text, at, needle.length)) continue;
    out += text.slice(from, at) + replacement;
    from = at + needle.length;
  }
  return from === 0 ? text : out + text.slice(from);
}

const MARK = '\u0000';
const HANGUL = /[\uac00-\ud7a3]/;

/**
 * A free text (an event's reason, a revision's note) with the refs in `hidden` replaced: a run of
 * them in one list ("A, B") by how many, in the language of the words before it (a revision's note
 * is "ko / en").
 */
export function textWithRefsHidden(text: string, hidden: readonly string[]): string {
  if (!hidden.some((r) => text.includes(r))) return text;
  let marked = text;
  // The longest first: a ref that holds a shorter one is replaced whole.
  for (const r of [...hidden].sort((a, b) => b.length - a.length)) marked = replaceBounded(marked, r, MARK);
  return marked.replace(new RegExp(`${MARK}(?:, ${MARK})*`, 'g'), (run, at: number) => {
    const n = run.split(MARK).length - 1;
    const before = marked.slice(Math.max(0, at - 16), at);
    if (HANGUL.test(before)) return otherOperatorsText(n).ko;
    // "the later declaration(s) {refs}" (combined-redecision.ts): "the later declaration(s) of another operator".
    if (before.endsWith('declaration(s) ')) return n === 1 ? 'of another operator' : `of other operators (${formatKrw(n)})`;
    return otherOperatorsText(n).en;
  });
}

/** The refs of a list as the reader reads them: its own, then one OTHER_OPERATOR_REF per other. */
export function refsAsRead(refs: readonly string[], ownersOf: OwnersOf): string[] {
  const { own, hidden } = splitRefs(refs, ownersOf);
  if (hidden.length === 0) return refs as string[];
  return own.concat(hidden.map(() => OTHER_OPERATOR_REF));
}

/** The engine's texts of one group that name its members: "함께 합산한 신고 {refs}" (COMBINED_*, NEXT_PAY_OR_DISPUTE_COMBINATION). */
function reasonAsRead(r: Reason, whole: Bilingual, read: Bilingual, ownCount: number, hidden: readonly string[], hiddenText: readonly string[]): Reason {
  let ko = r.ko;
  let en = r.en;
  if (!hidden.some((h) => ko.includes(h) || en.includes(h))) return r;
  // "함께 합산한 신고 다른 업체의 신고까지" would say 신고 twice: "함께 합산한 다른 업체의 신고까지".
  if (ownCount === 0) ko = ko.split(`함께 합산한 신고 ${whole.ko}`).join(`함께 합산한 ${read.ko}`);
  ko = textWithRefsHidden(replaceBounded(ko, whole.ko, read.ko), hiddenText);
  en = textWithRefsHidden(replaceBounded(en, whole.en, read.en), hiddenText);
  return { code: r.code, ko, en, ref: r.ref };
}

/**
 * The assessment as its reader reads it: the members that are not the reader's own (ownersOf,
 * ownMembersNamed) named by no ref, in combinedWith (OTHER_OPERATOR_REF each, after the own refs) and
 * in the reasons (counted). The same assessment when every member is the reader's own.
 */
export function assessmentAsRead(a: Assessment, ownersOf: OwnersOf): Assessment {
  const { own, hidden } = splitRefs(a.combinedWith, ownersOf);
  if (hidden.length === 0) return a;
  const whole = refsText(a.combinedWith);
  const read = membersText(own, hidden.length);
  const hiddenText = hiddenInText(hidden, own);
  return {
    ...a,
    combinedWith: own.concat(hidden.map(() => OTHER_OPERATOR_REF)),
    reasons: a.reasons.map((r) => reasonAsRead(r, whole, read, own.length, hidden, hiddenText)),
  };
}

/** The fields of an event's detail that list refs (redecide-combined-members.ts). */
const REF_LISTS = ['combinedWith', 'leftGroup'] as const;

/** The refs an event's detail lists. */
export function refsOfDetail(detail: unknown): string[] {
  if (!detail || typeof detail !== 'object') return [];
  const out: string[] = [];
  for (const k of REF_LISTS) {
    const v = (detail as Record<string, unknown>)[k];
    if (Array.isArray(v)) for (const r of v) if (typeof r === 'string') out.push(r);
  }
  return out;
}

/** An event (timeline entry, webhook body) as its reader reads it: the detail's lists and the texts without the others' refs. */
export function eventAsRead<E extends { reason: string | null; detail: unknown }>(e: E, ownersOf: OwnersOf): E {
  const { own, hidden: hiddenRefs } = splitRefs(refsOfDetail(e.detail), ownersOf);
  if (hiddenRefs.length === 0) return e;
  const hidden = hiddenInText(hiddenRefs, own);
  const detail = { ...(e.detail as Record<string, unknown>) };
  for (const k of REF_LISTS) {
    const v = detail[k];
    if (Array.isArray(v)) detail[k] = refsAsRead(v.filter((r): r is string => typeof r === 'string'), ownersOf);
  }
  if (typeof detail.reasonEn === 'string') detail.reasonEn = textWithRefsHidden(detail.reasonEn, hidden);
  return { ...e, reason: e.reason === null ? null : textWithRefsHidden(e.reason, hidden), detail };
}

/**
 * A text of the engine or of a redecision as the consignee reads it: each member of a combined group
 * named by its cargo number (화물관리번호, the number on the courier's messages and in the consignee's
 * own list) instead of the operator's ref, which the consignee has never seen. `cargoNoOf` gives a
 * ref's cargo number among the consignee's own declarations; undefined (not theirs, or two of theirs
 * bear that ref) leaves the ref as it is.
 */
export function textWithCargoNos(text: string, refs: readonly string[], cargoNoOf: (ref: string) => string | undefined): string {
  const named: string[] = [];
  let marked = text;
  // The longest first, each marked before any is written out: a ref inside another, or inside a cargo number, is never replaced.
  for (const r of [...new Set(refs)].sort((a, b) => b.length - a.length)) {
    const no = r && marked.includes(r) ? cargoNoOf(r) : undefined;
    if (!no) continue;
    const next = replaceBounded(marked, r, `${CARGO_MARK}${named.length}${CARGO_MARK}`);
    if (next !== marked) named.push(no);
    marked = next;
  }
  return named.length === 0 ? text : marked.replace(CARGO_MARKED, (_, k: string) => named[Number(k)]!);
}

const CARGO_MARK = '\u0001';
const CARGO_MARKED = new RegExp(`${CARGO_MARK}(\\d+)${CARGO_MARK}`, 'g');

/** A text in both languages (a reason, a next action) as its consignee reads it: textWithCargoNos of each; the same object when neither names a ref of theirs. */
export function bilingualWithCargoNos<B extends Bilingual>(b: B, refs: readonly string[], cargoNoOf: (ref: string) => string | undefined): B {
  if (refs.length === 0) return b;
  const ko = textWithCargoNos(b.ko, refs, cargoNoOf);
  const en = textWithCargoNos(b.en, refs, cargoNoOf);
  return ko === b.ko && en === b.en ? b : { ...b, ko, en };
}

/** The reasons of an assessment as its consignee reads them (over its combinedWith). */
export function reasonsWithCargoNos(reasons: readonly Reason[], combinedWith: readonly string[], cargoNoOf: (ref: string) => string | undefined): Reason[] {
  if (combinedWith.length === 0) return reasons as Reason[];
  return reasons.map((r) => bilingualWithCargoNos(r, combinedWith, cargoNoOf));
}
