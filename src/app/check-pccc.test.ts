// checkPccc: the consignee's name may be the holder's Korean name or, when the registry holds one,
// the English name (the 2026-02-02 strengthened check compares a name in Latin letters with the
// holder's English name: KCS notice quoted at jkmanlab.com/elpisbbs/board.php?bo_table=notice&wr_id=117).
import { describe, expect, it } from 'vitest';
import { checkPccc } from './check-pccc.ts';
import type { PcccHolder } from './ports.ts';

const holder: PcccHolder & { nameEn: string | null } = {
  pccc: 'P250000000001',
  name: '김민지',
  nameEn: 'KIM MINJI',
  phone: '01012345678',
  postcodes: ['06236'],
  status: 'active',
  issuedOn: '2026-01-01',
  expiresOn: '2027-01-01',
};
const check = (h: PcccHolder, name: string) =>
  checkPccc({ consumers: { findHolder: async () => h } }, { pccc: h.pccc, name, phone: '010-1234-5678', postcode: '06236', today: '2026-12-03' });

describe('checkPccc names', () => {
  it('accepts the Korean name and the registered English name, in any case and spacing', async () => {
    expect((await check(holder, '김민지')).matched).toBe(true);
    expect((await check(holder, 'KIM MINJI')).matched).toBe(true);
    expect((await check(holder, 'Kim Minji')).matched).toBe(true);
    expect((await check(holder, 'KIMMINJI')).matched).toBe(true);
  });

  it('refuses another English name, and any English name when none is registered', async () => {
    expect((await check(holder, 'LEE SEOJUN')).mismatches).toEqual(['nameMismatch']);
    expect((await check({ ...holder, nameEn: null } as PcccHolder, 'KIM MINJI')).mismatches).toEqual(['nameMismatch']);
    const { nameEn: _drop, ...korean } = holder;
    expect((await check(korean, 'KIM MINJI')).mismatches).toEqual(['nameMismatch']);
    expect((await check(holder, '')).mismatches).toEqual(['nameMismatch']);
  });
});
