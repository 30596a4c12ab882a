// The platform's implementation of the UNI-PASS-compatible API ports (src/http/unipass/ports.ts):
// cargo progress from declarations and their events, exchange rates and tariff lines from the
// compiled reference, PCCC checks against the holder registry.
import { addDays, koreanDateOf, rateWeekStart } from '../domain/dates.ts';
import { buildHsIndex } from '../domain/hs-search.ts';
import { findTariffLine } from '../domain/classify-items.ts';
import { CARGO_EVENT, CLEARANCE_STATUS, FTA_RATE_TYPE, PCCC_ERROR, PROGRESS_STATUS, RATE_TYPE } from '../domain/unipass-vocabulary.ts';
import type { RateTypeCode } from '../domain/unipass-vocabulary.ts';
import type { TariffLine } from '../domain/reference/types.ts';
import { STATUS_TEXT } from '../domain/lifecycle.ts';
import { checkPccc } from '../app/check-pccc.ts';
import type { PcccRegistry } from '../app/ports/identity-ports.ts';
import { normalizeBlNo } from '../app/declaration-rows.ts';
import { isStorableText } from '../domain/unusable-text.ts';
import type { AccessStore, Clock, ConsumerStore, DeclarationRecord, DeclarationStore, EventRecord, ReferenceSource, Secrets } from '../app/ports.ts';
import type { CargoProgress, CargoProgressEvent, UnipassApi, UnipassPorts } from './unipass/ports.ts';
import { searchHsFromIndex } from './unipass/hs-port.ts';

// Tonggwan's own events, not UNI-PASS 처리구분 values that its clients parse.
const HIDDEN_EVENTS = new Set(['SUBMITTED', 'AMENDED', 'WITHDRAWN', 'COMBINED_REASSESSED', 'COMBINED_AFTER_CLEARANCE', 'REFERENCE_REASSESSED', 'REFERENCE_CORRECTED_AFTER_CLEARANCE']);

/** YYYYMMDDHHMMSS in Korea time. */
export function kstStamp(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 9 * 3600_000);
  return d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * 통관진행상태 (csclPrgsStts) is the clearance's own progress, in the words of the clearance events
 * (CARGO_EVENT): empty while the goods have not entered clearance yet (manifest, warehouse), not
 * a copy of 진행상태 (prgsStts), which follows the cargo.
 */
function clearanceStatus(d: DeclarationRecord): string {
  switch (d.status) {
    case 'list_submitted':
      return CARGO_EVENT.listReceived;
    case 'import_declared':
      return CARGO_EVENT.importDeclared;
    case 'under_review':
      return CARGO_EVENT.importUnderReview;
    case 'held':
      return CARGO_EVENT.clearanceHeld;
    case 'cleared':
    case 'released':
      return d.route === 'list' ? CLEARANCE_STATUS.listReviewed : CLEARANCE_STATUS.importAccepted;
    case 'rejected':
      return STATUS_TEXT.rejected.ko;
    default:
      return '';
  }
}

function progressStatus(d: DeclarationRecord): { prgsStts: string; prgsStCd: string; csclPrgsStts: string } {
  const code = (stts: string) => PROGRESS_STATUS.find((p) => p.prgsStts === stts)?.prgsStCd ?? '';
  const csclPrgsStts = clearanceStatus(d);
  if (d.status === 'released') return { prgsStts: '반출완료', prgsStCd: code('반출완료'), csclPrgsStts };
  if (d.status === 'cleared') return { prgsStts: csclPrgsStts, prgsStCd: code(csclPrgsStts), csclPrgsStts };
  if (d.status === 'held') return { prgsStts: CARGO_EVENT.clearanceHeld, prgsStCd: '', csclPrgsStts };
  return { prgsStts: STATUS_TEXT[d.status].ko, prgsStCd: '', csclPrgsStts };
}

/** 입항일자 (etprDt, YYYYMMDD): the declared arrival date, else the day (KST) the arrival report was filed or accepted. */
function arrivalDateOf(d: DeclarationRecord, events: EventRecord[]): string | undefined {
  const declared = d.declaration.shipment.arrivalDate;
  if (declared) return declared.replace(/-/g, '');
  const reported = events.find((e) => e.type === 'ARRIVAL_REPORT_ACCEPTED') ?? events.find((e) => e.type === 'ARRIVAL_REPORT_SUBMITTED');
  return reported ? koreanDateOf(reported.occurredAt).replace(/-/g, '') : undefined;
}

function eventOf(e: EventRecord): CargoProgressEvent {
  const x = (e.detail ?? {}) as Record<string, string | number | undefined>;
  return {
    cargTrcnRelaBsopTpcd: e.nameKo,
    prcsDttm: kstStamp(e.occurredAt),
    shedNm: x.shedNm,
    shedSgn: x.shedSgn,
    dclrNo: x.dclrNo,
    // 반입일시: on every 반입/반출 (its time is the event's), and on any event the courier described as one (rlbrCn).
    rlbrDttm: x.rlbrCn || e.type === 'WAREHOUSE_IN' || e.type === 'WAREHOUSE_OUT' ? kstStamp(e.occurredAt).replace(/^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/, '$1-$2-$3 $4:$5:$6') : undefined,
    rlbrBssNo: x.rlbrBssNo,
    rlbrCn: x.rlbrCn,
    bfhnGdncCn: x.bfhnGdncCn ?? (e.reason || undefined),
    wght: x.wght,
    wghtUt: x.wght !== undefined ? (x.wghtUt ?? 'KG') : undefined,
    pckGcnt: x.pckGcnt,
    pckUt: x.pckGcnt !== undefined ? (x.pckUt ?? 'CT') : undefined,
  };
}

/**
 * A tariff line's rates as UNI-PASS rate types, in percent, ordered by code as UNI-PASS lists
 * them (A, then C, FEU1, FUS1 … in a client's copy of an answer, find_string id 69130108547):
 * the basic rate the engine applies (A) and one row per FTA rate the line records (FEU1, FGB1,
 * FUS1; RATE_TYPE). A client picking the rate of its origin's agreement (id 11577885544: US →
 * FUS1, EU → FEU1) found only the basic rate before.
 */
export function rateTypesOf(line: TariffLine): { type: RateTypeCode; rate: number }[] {
  const rows: { type: RateTypeCode; rate: number }[] = [{ type: 'A', rate: line.basic * 100 }];
  for (const [agreement, rate] of Object.entries(line.fta ?? {})) {
    const type = FTA_RATE_TYPE[agreement];
    if (type !== undefined && Number.isFinite(rate)) rows.push({ type, rate: rate * 100 });
  }
  return rows.sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

/**
 * 처리일시 (prcsDttm) of the summary: when the cargo last moved, as UNI-PASS gives the newest event's
 * time there (node-unipass fixtures/completed-us-air2.xml; clients read it as the status's date). The
 * latest event listed or that changed the status (신고접수, 신고취하), by when it happened, not by when
 * it was recorded; not a re-decision (REFERENCE_REASSESSED …), which moves no cargo.
 */
function lastMovedAt(events: EventRecord[]): string | undefined {
  let before: string | undefined;
  let latest: string | undefined;
  for (const e of events) {
    const moved = !HIDDEN_EVENTS.has(e.type) || e.statusAfter !== before;
    before = e.statusAfter;
    if (moved && (latest === undefined || Date.parse(e.occurredAt) > Date.parse(latest))) latest = e.occurredAt;
  }
  return latest;
}

export function cargoProgressOf(d: DeclarationRecord, events: EventRecord[]): CargoProgress {
  const shown = events.filter((e) => !HIDDEN_EVENTS.has(e.type)).reverse();
  const decl = d.declaration;
  const s = progressStatus(d);
  const movedAt = lastMovedAt(events);
  return {
    cargMtNo: d.cargoNo,
    ...s,
    mblNo: d.mblNo,
    hblNo: d.hblNo,
    prnm: decl.items[0]?.description ?? '',
    cargTp: '수입 일반화물',
    shcoFlco: decl.parties?.courier?.name,
    frwrSgn: decl.parties?.forwarder?.code,
    frwrEntsConm: decl.parties?.forwarder?.name,
    lodCntyCd: decl.shipment.shipFrom.toUpperCase(),
    etprDt: arrivalDateOf(d, events),
    blPt: decl.shipment.mode === 'express' ? 'X' : undefined,
    pckGcnt: 1,
    pckUt: 'CT',
    ttwg: decl.shipment.grossWeightKg,
    wghtUt: 'KG',
    prcsDttm: movedAt ? kstStamp(movedAt) : undefined,
    mtTrgtCargYnNm: d.status === 'held' ? 'Y' : 'N',
    events: shown.map(eventOf),
  };
}

export function createUnipassPorts(deps: {
  declarations: DeclarationStore;
  consumers: ConsumerStore;
  access: AccessStore;
  reference: ReferenceSource;
  secrets: Secrets;
  clock: Clock;
  demoKeys: boolean;
  /** HSK nomenclature rows (codes and intermediate levels); the tariff lines are used when absent. */
  hsRows?: { code: string; ko: string; en: string }[];
  /** The PCCC registry (issue 6); API028 asks it when present. */
  registry?: Pick<PcccRegistry, 'check'>;
}): UnipassPorts {
  let hsIndexFor: unknown = null;
  let hsSearch: UnipassPorts['searchHs'] | null = null;
  const today = () => koreanDateOf(deps.clock.now().toISOString());
  // The HSK's 10-digit codes (undefined without the nomenclature files: no check).
  const hskCodes = deps.hsRows?.length ? new Set(deps.hsRows.filter((r) => /^\d{10}$/.test(r.code)).map((r) => r.code)) : undefined;
  return {
    async findCargoProgress(q) {
      // A number PostgreSQL cannot hold as text (U+0000, an unpaired surrogate) is on no record: no
      // hit, not a failed query answered with the system-error notice.
      if (![q.cargMtNo, q.mblNo, q.hblNo].every((v) => v === undefined || isStorableText(v))) return [];
      const found: DeclarationRecord[] = [];
      if (q.cargMtNo) {
        const d = await deps.declarations.findByCargoNo(q.cargMtNo.trim().toUpperCase());
        if (d) found.push(d);
      } else if (q.blYy) {
        const hblNo = normalizeBlNo(q.hblNo) ?? undefined;
        const mblNo = normalizeBlNo(q.mblNo) ?? undefined;
        let hits = await deps.declarations.findByBl({ ...(hblNo ? { hblNo } : {}), ...(mblNo ? { mblNo } : {}), blYear: q.blYy });
        // Asked by master and house B/L (domain-rules §7.2): UNI-PASS knows every cargo's master from its
        // manifest, a declaration need not name one. A house B/L on record without a master is that cargo;
        // one with another master on record is not.
        if (hits.length === 0 && hblNo && mblNo) hits = (await deps.declarations.findByBl({ hblNo, blYear: q.blYy })).filter((d) => !d.mblNo);
        found.push(...hits);
      }
      if (found.length === 1) return [cargoProgressOf(found[0]!, await deps.declarations.eventsOf(found[0]!.id))];
      // several: each row's 입항일자 may come from its arrival report (arrivalDateOf), read in one query
      const events = found.length > 1 ? await deps.declarations.eventsOfMany(found.map((d) => d.id)) : new Map<number, EventRecord[]>();
      return found.map((d) => cargoProgressOf(d, events.get(d.id) ?? []));
    },
    async exchangeRates(q) {
      const ref = deps.reference.current();
      const date = `${q.date.slice(0, 4)}-${q.date.slice(4, 6)}-${q.date.slice(6, 8)}`;
      const week = rateWeekStart(date);
      const fx = week ? ref.fxWeek(week) : undefined;
      if (!fx || !week) return [];
      // 화폐단위명 is an English unit name: the KCS spec's sample is "UAE Dirham" (data.go.kr
      // 15101230, the same rates), clients' copies of answers show "US Dollar" and "Dong"
      // (find_string ids 52026040305, 65740530309), and a client lists the answer's names as the
      // English names of the currencies (id 68982892710). It was the Korean name before.
      const names = new Map(ref.files.currencies.map((c) => [c.code, c.en]));
      return Object.entries(fx.rates).map(([cur, rate]) => ({
        currSgn: cur,
        fxrt: String(rate),
        aplyBgnDt: week.replace(/-/g, ''),
        cntySgn: cur === 'EUR' ? 'EU' : cur.slice(0, 2),
        mtryUtNm: names.get(cur) ?? cur,
        imexTp: q.imexTp,
      }));
    },
    async searchHs(q) {
      const ref = deps.reference.current();
      const asOf = ref.asOf(today());
      if (!asOf) return [];
      if (hsIndexFor !== asOf.tariff || !hsSearch) {
        const lines = [...asOf.tariff.values()];
        const byHs = new Map(lines.map((l) => [l.hs, l]));
        const lineOf = (hs: string): TariffLine | undefined => {
          for (let n = hs.length; n >= 2; n--) {
            const l = byHs.get(hs.slice(0, n));
            if (l) return l;
          }
          return undefined;
        };
        const index = buildHsIndex(
          deps.hsRows?.length ? deps.hsRows : lines.map((l) => ({ code: l.hs, ko: l.ko, en: l.en })),
          (hs) => {
            const l = lineOf(hs);
            return l ? { rate: l.basic * 100, type: 'A' } : null;
          },
        );
        // one row per rate type, as UNI-PASS answers (the first row is the basic rate above)
        const otherRates = (hs: string) => {
          const l = lineOf(hs);
          return l ? rateTypesOf(l).filter((r) => r.type !== 'A') : [];
        };
        hsSearch = searchHsFromIndex(index, { otherRates });
        hsIndexFor = asOf.tariff;
      }
      return hsSearch(q);
    },
    async pcccCheck(q) {
      if (!isStorableText(q.persEcm)) return { matched: false, errors: [PCCC_ERROR.notFound] }; // as above: no such code
      const r = deps.registry
        ? await deps.registry.check({ pccc: q.persEcm, name: q.pltxNm, phone: q.cralTelno, postcode: q.custPsno ?? null })
        : await checkPccc(deps, { pccc: q.persEcm, name: q.pltxNm, phone: q.cralTelno, postcode: q.custPsno ?? null, today: today() });
      return { matched: r.matched, errors: r.mismatches.map((m) => PCCC_ERROR[m]) };
    },
    async tariffRates(q) {
      const reference = deps.reference.current();
      const asOf = reference.asOf(today());
      if (!asOf) return [];
      const hs = q.hsSgn.replace(/\D/g, '');
      // UNI-PASS answers rates of the 관세율표's codes only; a 10-digit code the HSK does not have gets
      // no rows, as API018 answers it (the prefix fallback below rates goods, it makes no code).
      if (hs.length === 10 && hskCodes && !hskCodes.has(hs) && !asOf.tariff.has(hs)) return [];
      // 적용시작일: the version's effectiveFrom (not read from its name, which an upload or a correction names otherwise)
      const from = asOf.tariffEffectiveFrom.replace(/-/g, '');
      // 적용종료일: the day before the next version loaded takes effect (next year's tariff, loaded in December: 31
      // December, as UNI-PASS ends a year's rates); none loaded yet: 99991231, in force until further notice
      const next = reference.files.tariff.versions.map((v) => v.effectiveFrom).filter((f) => f > asOf.tariffEffectiveFrom).sort()[0];
      const until = next === undefined ? '99991231' : addDays(next, -1).replace(/-/g, '');
      const rows = (hsSgn: string, line: TariffLine) =>
        rateTypesOf(line).map((r) => ({
          hsSgn,
          trrt: String(Number(r.rate.toFixed(4))),
          trrtTpcd: r.type,
          trrtTpNm: RATE_TYPE[r.type],
          aplyStrtDt: /^\d{8}$/.test(from) ? from : '',
          aplyEndDt: until,
        }));
      // The code asked gets the rate the engine applies to it (the longest prefix with a line,
      // findTariffLine), under the code asked, as UNI-PASS answers rows of the code asked; the
      // shorter lines it falls back on (a chapter's "61") are not rows of their own: a client
      // reading the rate of 6109101000 found two basic rates, for 61 and 6109, before.
      // Longer codes under a short query are listed under their own codes.
      const applied = findTariffLine(asOf.tariff, hs).line;
      const longer = [...asOf.tariff.values()].filter((l) => l.hs.length > hs.length && l.hs.startsWith(hs)).sort((a, b) => a.hs.localeCompare(b.hs));
      return [...(applied ? rows(hs, applied) : []), ...longer.flatMap((l) => rows(l.hs, l))];
    },
    async isValidKey(api: UnipassApi, crkyCn: string) {
      if (deps.demoKeys && deps.secrets.sameSecret(crkyCn, `TONGGWAN-DEMO-${api}`)) return true;
      const key = await deps.access.findApiKeyByHash(deps.secrets.sha256(crkyCn));
      return !!key && !key.revokedAt;
    },
  };
}
