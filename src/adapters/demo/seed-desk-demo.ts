// Demo work on the officers' desks (first start): consultations (민원상담) from demo consumers in
// each state the inbox shows (waiting, answered, closed) and "not me" reports (도용 신고), one
// open and one closed. Before, the demo's consultation inbox and misuse list were empty, so an
// officer trying the demo saw neither at work. Everything goes through the same application
// functions the API calls (openConsultation, postConsultationMessage, reportNotMe, …), so holds,
// audit entries and alerts are what a real consumer's action makes. The demo consumer 김민지
// (P250000000001) is left out: her portal starts without consultations or reports of her own, as a
// new user's does. Demo data is public: never run it anywhere real.
import type pg from 'pg';
import { closeConsultation, openConsultation, postConsultationMessage, type ConsultationDeps } from '../../app/manage-consultations.ts';
import { closeMisuseCase } from '../../app/close-misuse-case.ts';
import { recordOfficerDecision } from '../../app/record-officer-decision.ts';
import { reportNotMe } from '../../app/report-not-me.ts';
import type { IdentityDeps } from '../../app/identity-deps.ts';
import type { ConsumerPrincipal, OfficerPrincipal } from '../../app/ports.ts';
import type { ConsultationTopic } from '../../domain/consultation.ts';
import type { Result } from '../../app/errors.ts';
import { DEMO_CONSUMER } from './seed-demo.ts';

/** A parcel of a registered demo consumer, other than 김민지, in one of `statuses`. */
interface Parcel {
  id: number;
  cargoNo: string;
  pccc: string;
}

/** Each demo consultation: the parcel it is about (by status; none: a general question), the exchange, and how it ends. */
const THREADS: {
  topic: ConsultationTopic;
  parcelIn: string[] | null;
  /** The parcel owed taxes (a question about how they were computed). */
  taxed?: boolean;
  consumer: string;
  answer?: string;
  followUp?: string;
  closeNote?: string;
}[] = [
  {
    topic: 'hold',
    parcelIn: ['held'],
    consumer: '통관보류 안내 문자를 받았습니다. 보류 사유가 무엇이고, 어떤 서류를 어디에 내야 통관이 진행되나요? 주문 내역 화면 캡처는 가지고 있습니다.',
  },
  {
    topic: 'clearance_status',
    parcelIn: ['in_warehouse'],
    consumer: '물품이 보세창고에 반입됐다고 나온 뒤로 진행이 없습니다. 보통 반출까지 얼마나 걸리나요? 따로 할 일이 있는지도 궁금합니다.',
    answer:
      '안녕하세요, 인천세관 특송통관과입니다. 조회하신 화물은 보세창고 반입 후 목록통관 심사를 기다리고 있으며, 보류 사유는 없습니다. ' +
      '심사가 끝나면 반출되며, 따로 하실 일은 없습니다. 진행 상황은 통관 조회 화면에서 화물관리번호로 확인하실 수 있습니다.',
  },
  {
    topic: 'other',
    parcelIn: null,
    consumer: '미국 쇼핑몰 두 곳에서 산 물건이 같은 날 들어온다고 합니다. 같은 날 입항하면 합산해서 세금이 나오나요?',
    answer:
      '같은 날 입항했다는 이유만으로는 합산하지 않습니다(2022년 11월 17일 신고분부터 삭제). ' +
      '다만 하나의 운송장(B/L)을 나누어 신고하거나, 같은 해외 판매자에게서 같은 날 구매한 물품을 나누어 들여오면 물품가격을 합산해 면세 한도를 판단합니다(수입통관 사무처리에 관한 고시 제68조). ' +
      '서로 다른 쇼핑몰에서 각각 구매하셨다면 건별로 면세 한도를 적용합니다(한도는 세금 계산 화면의 설명에 나옵니다).',
    followUp: '서로 다른 판매자라 따로 판단된다는 말씀이군요. 이해했습니다. 감사합니다.',
    closeNote: '합산과세 기준 안내 후 민원인 확인으로 종결',
  },
  {
    topic: 'taxes',
    parcelIn: ['released', 'cleared'],
    taxed: true,
    consumer: '통관 조회에서 세금 내역을 봤는데, 과세가격에 운임이 들어가 있습니다. 쇼핑몰에서 배송비를 따로 내지 않았는데 왜 운임이 붙나요?',
    answer:
      '수입물품의 과세가격에는 우리나라 수입항까지의 운임이 포함됩니다(관세법 제30조). ' +
      '무료배송처럼 운임을 따로 내지 않았거나 운임을 알 수 없으면, 지역과 무게에 따라 고시된 운임(법정 운임)을 적용합니다. ' +
      '통관 조회 화면의 세금 내역에서 적용된 운임과 계산 단계를 확인하실 수 있습니다.',
  },
];

/** The demo's "not me" reports: the consumer's note, and how the officer closed it (none: left open for the desk). */
const REPORTS: { note: string; close?: { note: string; release: string; releaseEn: string } }[] = [
  { note: '주문한 적이 없는 물건입니다. 제 이름으로 통관 알림 문자가 와서 신고합니다.' },
  {
    note: '모르는 화물이 조회됩니다. 제가 주문하지 않았습니다.',
    close: {
      note: '수하인과 통화해 확인: 같은 주소에 사는 배우자가 수하인 명의로 주문한 건으로 확인됨. 개인통관고유부호는 본인 것이 맞아 도용 아님.',
      release: '도용 신고 확인 결과 가족 주문으로 확인되어 보류 해제',
      releaseEn: 'The misuse report was checked: the order was placed by a family member, so the hold is released.',
    },
  },
];

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`demo desk (${what}): ${r.error.code}`);
  return r.value;
}

/** Parcels of registered demo consumers (one per consumer, none of `taken`), in one of `statuses` (and owing collected taxes if `taxed`), newest first. */
async function parcelsIn(pool: pg.Pool, statuses: string[], n: number, taken: Set<string>, taxed = false): Promise<Parcel[]> {
  const r = await pool.query(
    `SELECT DISTINCT ON (d.pccc) d.id, d.cargo_no, d.pccc FROM declarations d JOIN pccc_holders h ON h.pccc = d.pccc
      WHERE d.status = ANY($1::text[]) AND d.pccc <> $2 AND NOT (d.pccc = ANY($3::text[]))
        AND (NOT $4 OR (d.assessment #>> '{taxes,collected}') = 'true')
      ORDER BY d.pccc, d.id DESC`,
    [statuses, DEMO_CONSUMER.pccc, [...taken], taxed],
  );
  return r.rows
    .map((row) => ({ id: Number(row.id), cargoNo: row.cargo_no as string, pccc: row.pccc as string }))
    .sort((a, b) => b.id - a.id)
    .slice(0, n);
}

const consumerOf = (pccc: string): ConsumerPrincipal => ({ kind: 'consumer', pccc, amr: 'otp', pcccs: [pccc] });

export async function seedDeskDemo(pool: pg.Pool, deps: { consultations: ConsultationDeps; identity: IdentityDeps }, log: (l: string) => void): Promise<void> {
  if ((await pool.query(`SELECT 1 FROM consultations UNION ALL SELECT 1 FROM misuse_cases LIMIT 1`)).rowCount) return;
  const row = (await pool.query(`SELECT id, username, role FROM users WHERE role = 'officer' ORDER BY id LIMIT 1`)).rows[0];
  if (!row) return;
  const officer: OfficerPrincipal = { kind: 'officer', userId: Number(row.id), username: row.username as string, role: row.role as OfficerPrincipal['role'] };
  const taken = new Set<string>();
  let threads = 0;
  for (const t of THREADS) {
    let pccc: string;
    let declarationId: number | null = null;
    if (t.parcelIn) {
      const [p] = await parcelsIn(pool, t.parcelIn, 1, taken, t.taxed);
      if (!p) continue;
      pccc = p.pccc;
      declarationId = p.id;
    } else {
      const r = await pool.query(`SELECT pccc FROM pccc_holders WHERE pccc <> $1 AND NOT (pccc = ANY($2::text[])) ORDER BY pccc LIMIT 1`, [DEMO_CONSUMER.pccc, [...taken]]);
      if (!r.rowCount) continue;
      pccc = r.rows[0].pccc as string;
    }
    taken.add(pccc);
    const consumer = consumerOf(pccc);
    const opened = must(await openConsultation(deps.consultations, consumer, { topic: t.topic, declarationId, message: t.consumer }), 'open');
    const id = opened.consultation.id;
    if (t.answer) must(await postConsultationMessage(deps.consultations, officer, id, t.answer), 'answer');
    if (t.followUp) must(await postConsultationMessage(deps.consultations, consumer, id, t.followUp), 'follow-up');
    if (t.closeNote) must(await closeConsultation(deps.consultations, officer, id, t.closeNote), 'close');
    threads++;
  }
  // Reported before release: the report holds the parcel, as a real one does.
  const parcels = await parcelsIn(pool, ['arrival_reported', 'in_warehouse'], REPORTS.length, taken);
  let reports = 0;
  for (const [i, p] of parcels.entries()) {
    const report = REPORTS[i]!;
    must(await reportNotMe(deps.identity, consumerOf(p.pccc), { cargoNo: p.cargoNo, note: report.note }), 'not me');
    if (report.close) {
      must(await closeMisuseCase(deps.identity, officer, { declarationId: p.id, note: report.close.note }), 'close report');
      must(await recordOfficerDecision(deps.identity, officer, { declarationId: p.id, action: 'release', reason: report.close.release, detail: { reasonEn: report.close.releaseEn } }), 'release');
    }
    reports++;
  }
  log(`  officers' desk: ${threads} demo consultations (waiting, answered, closed), ${reports} "not me" reports (one open, one closed)`);
}
