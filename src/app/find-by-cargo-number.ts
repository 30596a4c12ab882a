// Public lookup by 화물관리번호 (like UNI-PASS 화물통관진행정보).
import { fail, ok, type Result } from './errors.ts';
import { lookupViewOf, type LookupView } from './lookup-view.ts';
import type { DeclarationStore } from './ports.ts';

export async function findByCargoNumber(deps: { declarations: DeclarationStore }, cargoNo: string): Promise<Result<LookupView>> {
  const no = cargoNo.trim().toUpperCase();
  if (no.length < 15) return fail('LOOKUP_QUERY_INVALID');
  const d = await deps.declarations.findByCargoNo(no);
  if (!d) return fail('CARGO_NOT_FOUND');
  return ok(lookupViewOf(d, await deps.declarations.eventsOf(d.id)));
}
