// The officer's "합산 대상" (combined with): the members of a parcel's combined group by their cargo numbers,
// which the officer's search finds; the operator's ref each was named by follows in brackets.
// Pure: combined-members.test.ts.

/** `cargoNos`: by ref, as GET /api/v1/declarations/:id gives an officer (combinedCargoNos); a ref without one stays as it is. */
export function combinedMembersText(refs: readonly string[], cargoNos: Record<string, string[]> | undefined): string {
  return refs.map((ref) => (cargoNos?.[ref]?.length ? `${cargoNos[ref]!.join(' / ')} (${ref})` : ref)).join(', ');
}
