// Who may see and change which declaration. An operator sees only its own declarations;
// couriers and forwarders named (by operator code) in a declaration may post cargo events to it.
import type { DeclarationRecord, Principal } from './ports.ts';

export function canRead(p: Principal, d: DeclarationRecord): boolean {
  switch (p.kind) {
    case 'operator':
      return d.operatorId === p.operatorId;
    case 'officer':
      return true;
    case 'consumer':
      return p.pcccs.includes(d.pccc); // any code the holder has had (a parcel declared before a reissue)
    default: {
      const never: never = p;
      throw new Error(`unknown principal ${String(never)}`);
    }
  }
}

export function canChange(p: Principal, d: DeclarationRecord): boolean {
  return p.kind === 'operator' && d.operatorId === p.operatorId;
}

export function canPostCargoEvent(p: Principal, d: DeclarationRecord): boolean {
  if (p.kind === 'officer') return true;
  if (p.kind !== 'operator') return false;
  return d.operatorId === p.operatorId || d.courierCode === p.operatorCode || d.forwarderCode === p.operatorCode;
}

export function isOfficer(p: Principal | null): p is Extract<Principal, { kind: 'officer' }> {
  return p?.kind === 'officer';
}

export function isAdmin(p: Principal | null): boolean {
  return p?.kind === 'officer' && p.role === 'admin';
}
