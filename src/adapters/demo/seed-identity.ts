// Demo holders of the PCCC registry (issue 6), on first start: the demo consumer with several
// delivery postcodes and an e-mail, and holders issued through the registry in each state a
// real registry has: active, expiring soon (renewable), suspended on suspected misuse,
// reissued (the old code cancelled), lapsed. Demo data is public: never run it anywhere real.
import type pg from 'pg';
import type { PcccRegistry } from '../../app/ports/identity-ports.ts';

export const DEMO_HOLDER_EXTRA = {
  pccc: 'P250000000001',
  postcodes: ['06236', '04524', '48058'], // 강남 집, 중구 회사, 부산 부모님 댁
  email: 'minji.kim@example.com',
  nameEn: 'KIM MINJI',
};

const ISSUED = [
  { name: '이서준', nameEn: 'LEE SEOJUN', phone: '010-2345-6789', postcodes: ['13494', '13529'], email: 'seojun.lee@example.com', state: 'active' },
  { name: '박지우', nameEn: 'PARK JIWOO', phone: '010-3456-7890', postcodes: ['21554'], email: null, state: 'expiring' },
  { name: '최하은', nameEn: 'CHOI HAEUN', phone: '010-4567-8901', postcodes: ['61452', '61475', '58217'], email: 'haeun.choi@example.com', state: 'suspended' },
  { name: '정도윤', nameEn: 'JUNG DOYUN', phone: '010-5678-9012', postcodes: ['34126'], email: null, state: 'reissued' },
  { name: '강서연', nameEn: 'KANG SEOYEON', phone: '010-6789-0123', postcodes: ['44543'], email: null, state: 'lapsed' },
] as const;

export async function seedIdentityDemo(pool: pg.Pool, registry: PcccRegistry, log: (l: string) => void): Promise<void> {
  const done = await pool.query(`SELECT 1 FROM pccc_registry_events WHERE actor_kind = 'system' AND action = 'issue' LIMIT 1`);
  if (done.rowCount) return;
  const system = { kind: 'system' as const, id: 'demo' };
  await pool.query(`UPDATE pccc_holders SET postcodes = $2, email = $3, name_en = $4 WHERE pccc = $1`, [DEMO_HOLDER_EXTRA.pccc, DEMO_HOLDER_EXTRA.postcodes, DEMO_HOLDER_EXTRA.email, DEMO_HOLDER_EXTRA.nameEn]);
  for (const h of ISSUED) {
    const r = await registry.issue({ name: h.name, nameEn: h.nameEn, phone: h.phone, postcodes: [...h.postcodes], email: h.email }, system);
    if (!r.ok) throw new Error(`demo registry: ${r.error.code}`);
    const pccc = r.value.pccc;
    if (h.state === 'expiring') await pool.query(`UPDATE pccc_holders SET issued_on = issued_on - 345, expires_on = expires_on - 345 WHERE pccc = $1`, [pccc]);
    if (h.state === 'lapsed') await pool.query(`UPDATE pccc_holders SET issued_on = issued_on - 420, expires_on = expires_on - 420 WHERE pccc = $1`, [pccc]);
    if (h.state === 'suspended') await registry.suspend(pccc, '도용 의심 신고 (suspected misuse reported)', system);
    if (h.state === 'reissued') await registry.reissue(pccc, system);
  }
  log(`  PCCC registry: ${ISSUED.length} demo holders issued (active, expiring, suspended, reissued, lapsed)`);
}
