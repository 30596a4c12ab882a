// Seeds an empty database with demo operators, officers, PCCC holders and a few thousand
// declarations, submitted through the same use case as the API and then moved through the
// lifecycle so that every state has examples. Demo credentials are fixed and public:
// run with TONGGWAN_DEMO=0 SEED_DEMO=0 anywhere real.
import { submitDeclarations } from '../../app/submit-declarations.ts';
import { advanceDeclarations, type SystemEvent } from '../../app/advance-declaration.ts';
import { withdrawDeclaration } from '../../app/withdraw-declaration.ts';
import { createApiKey } from '../../app/manage-api-keys.ts';
import type { CombinedRedecisionDeps } from '../../app/redecide-combined-members.ts';
import type { AccessStore, Clock, ConsumerStore, DeclarationStore, OperatorPrincipal, OperatorRole, ReferenceSource, Secrets } from '../../app/ports.ts';
import type { SubmissionStore } from '../../app/ports/portal-stores.ts';
import { recordSubmission } from '../../app/record-submission.ts';
import type { LifecycleEventType } from '../../domain/lifecycle.ts';
import { WAREHOUSE_MOVEMENT_TEXT } from '../../domain/unipass-vocabulary.ts';
import { seedCorrectionDemo } from './seed-correction-demo.ts';
import { engineHoldConsignees, seedEngineHoldDemo } from './seed-engine-hold-demo.ts';
import { demoConsignees, generateDemoDeclarations, mulberry32, ORDER_DATA_PLATFORM } from './generate-demo-declarations.ts';

export interface DemoCredentials {
  /** `password` null: the account no longer has its demo password (changed since the seed), which is then not printed. */
  users: { username: string; password: string | null; role: 'officer' | 'admin' }[];
  operators: { code: string; name: string; role: OperatorRole; apiKey: string }[];
  consumer: { pccc: string; name: string; phone: string; postcode: string } | null;
  sampleCargoNo: string | null;
}

export interface SeedDeps {
  declarations: DeclarationStore;
  access: AccessStore;
  consumers: ConsumerStore;
  reference: ReferenceSource;
  secrets: Secrets;
  clock: Clock;
  /** The submissions log: each demo intake call is logged as the API logs one (the operator console, the scorecard's intake figures). */
  submissions?: SubmissionStore;
}

export const DEMO_USERS = [
  { username: 'admin', password: 'tonggwan-admin', role: 'admin' as const, displayName: '관세청 정보데이터기획담당관 박지원' },
  { username: 'officer', password: 'tonggwan-officer', role: 'officer' as const, displayName: '인천세관 특송통관과 김세관' },
];

export const DEMO_OPERATORS: { code: string; name: string; role: OperatorRole; platforms: string[] }[] = [
  { code: 'ALIEXPRESS', name: 'AliExpress Korea', role: 'marketplace', platforms: ['AliExpress', 'Taobao'] },
  { code: 'TEMU', name: 'Temu Korea', role: 'marketplace', platforms: ['Temu'] },
  { code: 'COUPANG', name: '쿠팡 글로벌 (Coupang Global)', role: 'seller', platforms: ['Coupang Global'] },
  { code: 'IHERB', name: 'iHerb', role: 'seller', platforms: ['iHerb'] },
  { code: 'MALLTAIL', name: '몰테일 (Malltail)', role: 'forwarder', platforms: [] },
  { code: 'KIMLEE', name: '김앤리 관세사무소', role: 'broker', platforms: ['Amazon', 'eBay', 'Rakuten', 'Amazon Japan', 'Farfetch', 'Notino'] },
  { code: 'CJKX', name: 'CJ대한통운', role: 'courier', platforms: [] },
  { code: 'HJEX', name: '한진', role: 'courier', platforms: [] },
  { code: 'LTEX', name: '롯데글로벌로지스', role: 'courier', platforms: [] },
  { code: 'EPOST', name: '우체국 EMS', role: 'courier', platforms: [] },
];

/** Fixed, public demo keys (the SHA-256 is what is stored, as for any key). */
export function demoApiKey(code: string): string {
  return `tgk_demo_${code.toLowerCase()}_0123456789abcdef`;
}

export const DEMO_CONSUMER = { name: '김민지', pccc: 'P250000000001', phone: '010-1234-5678', postcode: '06236', address: '서울특별시 강남구 테헤란로 123, 5층' };

/** An officer's hold; `quantities`: only for goods that 자가사용 인정기준 counts (고시 [별표11]), not a single cable. */
const HOLD_REASONS = [
  { ko: '개인통관고유부호 도용 의심: 수하인 본인 확인이 필요합니다.', en: 'Suspected PCCC misuse: the consignee must confirm the order.', quantities: false },
  { ko: '저가신고 의심: 주문 및 결제 내역을 제출하세요.', en: 'Suspected undervaluation: submit the order and payment records.', quantities: false },
  { ko: '자가사용 인정기준 초과 여부 확인 중입니다.', en: 'Checking whether self-use quantity limits are exceeded.', quantities: true },
];
/** Demo goods with self-use quantity standards (data/quantity-limits.json: health food, medicine, perfume, cosmetics). */
const COUNTED_CATEGORIES = new Set(['vitamin', 'supplement', 'perfume', 'cosmetics']);

function credentials(sampleCargoNo: string | null, users: DemoCredentials['users'] = DEMO_USERS.map((u) => ({ username: u.username, password: u.password, role: u.role }))): DemoCredentials {
  return {
    users,
    operators: DEMO_OPERATORS.map((o) => ({ code: o.code, name: o.name, role: o.role, apiKey: demoApiKey(o.code) })),
    consumer: { pccc: DEMO_CONSUMER.pccc, name: DEMO_CONSUMER.name, phone: DEMO_CONSUMER.phone, postcode: DEMO_CONSUMER.postcode },
    sampleCargoNo,
  };
}

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

/**
 * The demo logins and the sample lookup of a database seeded before (the banner's; no sample without
 * ALIEXPRESS's released parcels). The sample is the one the seed named: its first released parcel
 * that was never held (seedDemo takes the first that went the plain way out), so a restart prints
 * the banner of the first start; the first released one only if none qualifies.
 */
export async function existingDemoCredentials(deps: Pick<SeedDeps, 'access' | 'declarations' | 'secrets'>): Promise<DemoCredentials> {
  const first = (await deps.access.listOperators()).find((x) => x.code === 'ALIEXPRESS');
  const released = first ? await deps.declarations.listForOperator(first.id, { status: 'released', limit: 200 }) : [];
  const events = await deps.declarations.eventsOfMany(released.map((d) => d.id));
  const plain = released.find((d) => !(events.get(d.id) ?? []).some((e) => e.type === 'HOLD' || e.type === 'HOLD_RELEASED'));
  return credentials((plain ?? released[0])?.cargoNo ?? null, await demoLoginsAsStored(deps));
}

/**
 * The demo logins as the database has them now: a demo password is shown only while it still signs
 * in (checked against the stored hash, as sign-in checks it); one changed since the seed is not
 * printed (null), so a restart does not announce a password that no longer works, nor suggest
 * the account is still open with it. An account no longer there is left out.
 */
async function demoLoginsAsStored(deps: Pick<SeedDeps, 'access' | 'secrets'>): Promise<DemoCredentials['users']> {
  const users: DemoCredentials['users'] = [];
  for (const u of DEMO_USERS) {
    const stored = await deps.access.findUserByUsername(u.username);
    if (!stored) continue;
    const stillDemo = await deps.secrets.verifyPassword(u.password, stored.passwordHash).catch(() => false);
    users.push({ username: u.username, password: stillDemo ? u.password : null, role: u.role });
  }
  return users;
}

/** Seeds a database without operators (one with operators is left as it is); demo-seed-state.ts records whether it completed. */
export async function seedDemo(
  deps: SeedDeps,
  o: {
    declarations: number;
    log?: (l: string) => void;
    /**
     * Waits until the stored declarations that later ones were combined with are decided again (the
     * combined-taxation worker, drained): a parcel intake listed may since have gone to general
     * clearance, and its history must follow its route as it stands.
     */
    settleCombined?: () => Promise<void>;
    /**
     * Gives the combined-taxation worker the dates of the seed's reassessments (its eventTime), before
     * the seed's intake queues any: each declaration is submitted backdated (its 신고접수 at 00:10 UTC
     * of its date), and a reassessment dated at the seed's own time sat in its timeline after the
     * history written from that date on, out of time order.
     */
    datingCombined?: (eventTime: NonNullable<CombinedRedecisionDeps['eventTime']>) => void;
    /**
     * Has the reference-correction worker look again for declarations decided with superseded data
     * and decide them (seed-correction-demo.ts stores a few such), and waits until it has.
     */
    settleCorrections?: () => Promise<void>;
  },
): Promise<DemoCredentials> {
  const log = o.log ?? (() => undefined);
  if ((await deps.access.listOperators()).length > 0) return existingDemoCredentials(deps);
  const started = Date.now();
  log('Seeding demo data (first start) …');
  // A staff account made before this first start (`npx tonggwan users add admin`) keeps its name and password: the
  // seed used to fail on the taken name (users_username_key), and the start after it replaced the account with the public demo one.
  let taken = false;
  for (const u of DEMO_USERS) {
    if (await deps.access.findUserByUsername(u.username)) {
      taken = true;
      continue;
    }
    await deps.access.createUser({ username: u.username, displayName: u.displayName, role: u.role, passwordHash: await deps.secrets.hashPassword(u.password) });
  }
  const principals = new Map<string, OperatorPrincipal>();
  for (const op of DEMO_OPERATORS) {
    const created = await deps.access.createOperator({ code: op.code, name: op.name, role: op.role });
    if (!created) throw new Error(`demo operator ${op.code} exists on a database seeded for the first time`);
    const key = demoApiKey(op.code);
    await deps.access.createApiKey({ operatorId: created.id, prefix: key.slice(0, 12), keyHash: deps.secrets.sha256(key), label: 'demo' });
    principals.set(op.code, { kind: 'operator', operatorId: created.id, operatorCode: op.code, role: op.role, apiKeyId: 0 });
  }
  void createApiKey; // operators create further keys through the API

  const consignees = [{ ...DEMO_CONSUMER }, ...demoConsignees(Math.max(50, Math.floor(o.declarations / 5)))];
  const heldConsignees = engineHoldConsignees(consignees);
  const today = deps.clock.now().toISOString().slice(0, 10);
  const expires = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  await deps.consumers.upsertHolders(
    [...consignees, ...heldConsignees].map((c) => ({ pccc: c.pccc, name: c.name, phone: c.phone.replace(/\D/g, ''), postcodes: [c.postcode], status: 'active', issuedOn: '2024-01-15', expiresOn: expires })),
  );

  const decls = generateDemoDeclarations({ count: o.declarations, until: today, days: 40, consignees, orderData: true });
  // Each declaration's 신고접수 (submittedAt below), by its ref: a reassessment (합산과세 재산정) is dated a
  // minute after the latest of the declaration it changes and the later ones that joined its group (as the
  // worker decides it just after their intake), never after the seed's now; the declaration's history
  // is then written from that time on (below), so its timeline stays in time order.
  // 신고접수 at 00:10 UTC (09:10 in Korea) of its date, but never later than two minutes before the seed's
  // now: a start in the first minutes of a UTC day dated today's parcels after the events written at now.
  const latestSubmission = deps.clock.now().getTime() - 120_000;
  const submittedAtOf = (declaredAt: string) => Math.min(Date.parse(`${declaredAt}T00:10:00Z`), latestSubmission);
  const submittedByRef = new Map(decls.map((d) => [d.ref as string, submittedAtOf(d.declaredAt as string)]));
  const reassessedAt = new Map<number, number>();
  o.datingCombined?.(({ declarationId, ref, later }) => {
    const own = submittedByRef.get(ref) ?? submittedAtOf(today);
    const at = Math.min(Math.max(own, ...later.map((ref) => submittedByRef.get(ref) ?? own)) + 60_000, deps.clock.now().getTime() - 60_000);
    reassessedAt.set(declarationId, at);
    return new Date(at);
  });
  // Who files each parcel: a forwarded parcel by its forwarder's account (MALLTAIL files 몰테일's, not
  // 오마이집's, which has none: the broker files those, as it files for the platforms without an account).
  const operatorOf = (d: Record<string, unknown>) => {
    const platform = (d.parties as { platform: { name: string } }).platform.name;
    const forwarder = d.ecommerceType === 'forwarding' ? (d.parties as { forwarder?: { code?: string } }).forwarder?.code : undefined;
    return forwarder ? (DEMO_OPERATORS.some((x) => x.code === forwarder) ? forwarder : 'KIMLEE') : (DEMO_OPERATORS.find((x) => x.platforms.includes(platform))?.code ?? 'KIMLEE');
  };
  // One intake call per operator and day, the days in order (each parcel's 신고접수 at 00:10 UTC of its
  // date): the ids then follow the filing across operators, as intake numbers parcels in a live system.
  // One call per operator for all its days numbered an operator's parcels of 11-24 after another's of
  // 12-04, and a consumer's usage ledger and tax notices (newest first, by id) listed them out of date order.
  const calls = new Map<string, { code: string; list: Record<string, unknown>[] }>();
  const byDate = decls.map((d, i) => ({ d, i })).sort((x, y) => (x.d.declaredAt as string).localeCompare(y.d.declaredAt as string) || x.i - y.i);
  for (const { d } of byDate) {
    const code = operatorOf(d);
    const key = `${d.declaredAt as string} ${code}`;
    const call = calls.get(key) ?? { code, list: [] };
    call.list.push(d);
    calls.set(key, call);
  }
  const accepted: { id: number; ref: string; operator: string; platform: string; route: string; declaredAt: string; arrivalDate: string; weightKg: number; courier: string; cargoNo: string; countedGoods: boolean }[] = [];
  for (const { code, list } of calls.values()) {
    const r = await submitDeclarations(deps, {
      operator: principals.get(code)!,
      declarations: list,
      idempotencyKey: null,
      submittedAt: (i) => new Date(submittedAtOf(list[i]!.declaredAt as string)),
    });
    if (!r.ok) throw new Error(`demo intake failed: ${r.error.code}`);
    // Logged as POST /api/v1/declarations logs a call, received when its parcels were (an operator
    // with 250 declarations read 'received 0' in its console and scorecard).
    if (deps.submissions) await recordSubmission({ submissions: deps.submissions }, principals.get(code)!.operatorId, r.value.response, new Date(submittedAtOf(list[list.length - 1]!.declaredAt as string)));
    for (const x of r.value.response.results) {
      if (x.status !== 'accepted') continue;
      const d = list[x.index]!;
      accepted.push({
        id: x.declarationId!,
        ref: d.ref as string,
        operator: code,
        platform: (d.parties as { platform: { name: string } }).platform.name,
        route: x.assessment?.route ?? 'list',
        declaredAt: d.declaredAt as string,
        arrivalDate: ((d.shipment as { arrivalDate?: string }).arrivalDate ?? d.declaredAt) as string,
        weightKg: (d.shipment as { grossWeightKg: number }).grossWeightKg,
        courier: (d.parties as { courier: { name: string } }).courier.name,
        cargoNo: x.cargoNo!,
        countedGoods: (d.items as { category?: string; quantity: number }[]).some((it) => COUNTED_CATEGORIES.has(it.category ?? '') || it.quantity >= 3),
      });
    }
  }
  accepted.sort((x, y) => x.id - y.id);
  // The route of each parcel as it stands, not as intake answered it: a later declaration of the
  // seed combined with it (고시 제68조) and the worker decided it again (a list parcel now general).
  if (o.settleCombined) {
    await o.settleCombined();
    for (const [code, p] of principals) {
      const mine = accepted.filter((a) => a.operator === code);
      if (mine.length === 0) continue;
      const routeOf = new Map<number, string>();
      for (const s of await deps.declarations.findByRefs(p.operatorId, [...new Set(mine.map((a) => a.ref))])) {
        const route = (s.assessment as { route?: string } | null)?.route;
        if (route) routeOf.set(s.id, route);
      }
      for (const a of mine) a.route = routeOf.get(a.id) ?? a.route;
    }
  }
  log(`  ${accepted.length} of ${decls.length} demo declarations accepted (${((Date.now() - started) / 1000).toFixed(1)} s); moving them through the lifecycle …`);

  // Plan every parcel's history first (deterministic), then write it in a few transactions.
  const rng = mulberry32(99);
  const nowMs = deps.clock.now().getTime();
  let sample: string | null = null;
  const advances: { declarationId: number; events: SystemEvent[]; cargoNo: string }[] = [];
  const withdrawals: { id: number; operator: string }[] = [];
  for (const a of accepted) {
    const ageDays = (Date.parse(today) - Date.parse(a.declaredAt)) / 86_400_000;
    const drawn = rng();
    // The platform that sends order data (ORDER_DATA_PLATFORM) is the demo's well-behaved one: its
    // parcels (declared by it or through a forwarder) are not held or refused at random, and those the engine holds are released after the
    // documents are checked (the draw is kept, so the others' histories stay as they were).
    const behaves = a.platform === ORDER_DATA_PLATFORM;
    const r = behaves && a.route !== 'hold' && drawn >= 0.22 && drawn < 0.3 ? 0.5 : behaves && a.route === 'hold' && drawn >= 0.85 ? 0.6 : drawn;
    // Each event 1 to 3 hours after the one before, from 00:30 UTC of the declaration date; the
    // cargo's arrival from its declared arrival date on (as API001's 입항일자 and the events then agree).
    // (after its 합산과세 재산정, when a later declaration's joining changed it: above)
    let cursor = Math.max(Date.parse(`${a.declaredAt}T00:30:00Z`), reassessedAt.get(a.id) ?? 0);
    const arrivesFrom = Date.parse(`${a.arrivalDate}T00:30:00Z`);
    const events: SystemEvent[] = [];
    const at = () => new Date(Math.min((cursor += (1 + Math.floor(rng() * 3)) * 3600_000), nowMs - 60_000));
    const add = (type: LifecycleEventType, detail?: Record<string, unknown>, reason?: string) =>
      events.push({ type, occurredAt: at(), ...(detail ? { detail } : {}), ...(reason ? { reason } : {}) });
    const shed = { shedNm: '인천공항 특송물류센터', shedSgn: '04077007' };
    const arrive = () => {
      cursor = Math.max(cursor, arrivesFrom - 3600_000);
      add('ARRIVAL_REPORT_SUBMITTED');
      add('MANIFEST_SUBMITTED');
      add('MANIFEST_REVIEWED');
      add('ARRIVAL_REPORT_ACCEPTED');
      add('UNLOADING_ACCEPTED', shed);
      add('WAREHOUSE_IN', { ...shed, rlbrCn: WAREHOUSE_MOVEMENT_TEXT.inOnArrival, wght: a.weightKg, pckGcnt: 1 });
    };
    const serial = String(a.id).padStart(8, '0');
    const fileList = () => add('LIST_RECEIVED', { dclrNo: `AE${a.declaredAt.slice(2, 4)}${serial}00` });
    const fileImport = () =>
      add('IMPORT_DECLARED', { rlbrBssNo: '김앤리 관세사무소', bfhnGdncCn: '수입신고 수리일로부터 15일이내에 물품을 반출하여야하며, 미반출시 과태료가 부과될 수 있습니다.' });
    const clear = (route: string) => (route === 'list' ? add('LIST_CLEARED') : add('IMPORT_ACCEPTED', { dclrNo: `43894${serial.slice(-7)}M`.padEnd(14, '0') }));
    const out = (route: string) => add('WAREHOUSE_OUT', { ...shed, rlbrCn: route === 'list' ? WAREHOUSE_MOVEMENT_TEXT.outListClearance : WAREHOUSE_MOVEMENT_TEXT.outAfterImportAcceptance });
    const hold = () => {
      const fits = HOLD_REASONS.filter((h) => !h.quantities || a.countedGoods);
      const h = fits[Math.floor(rng() * fits.length)]!;
      add('HOLD', { reasonEn: h.en }, h.ko);
    };

    if (a.route === 'hold') {
      // Engine holds: some stay, some are released to general clearance, some refused.
      if (r < 0.5 || ageDays < 2) continue;
      if (r < 0.85) {
        add('HOLD_RELEASED', { reasonEn: 'Documents checked.' }, '서류 확인 완료');
        arrive();
        fileImport();
        clear('general');
        if (r < 0.75) out('general');
      } else add('REJECTED', { reasonEn: 'Import requirements not met: to be returned.' }, '수입 요건 미충족: 반송 대상');
    } else if (ageDays < 1) {
      if (r < 0.5) continue;
      add('ARRIVAL_REPORT_SUBMITTED');
      add('MANIFEST_SUBMITTED');
    } else if (r < 0.04) {
      withdrawals.push({ id: a.id, operator: a.operator });
      continue;
    } else if (r < 0.12) {
      arrive();
    } else if (r < 0.22) {
      arrive();
      if (a.route === 'list') fileList();
      else fileImport();
    } else if (r < 0.28) {
      arrive();
      if (a.route === 'list') fileList();
      else fileImport();
      hold();
    } else if (r < 0.3) {
      arrive();
      if (a.route === 'list') fileList();
      else fileImport();
      add('REJECTED', { reasonEn: 'Suspected infringement of intellectual property rights (counterfeit goods).' }, '지식재산권 침해 의심 물품 (위조품)');
    } else if (r < 0.4) {
      arrive();
      if (a.route === 'list') fileList();
      else {
        fileImport();
        add('IMPORT_REVIEW_STARTED');
      }
      clear(a.route);
    } else {
      arrive();
      if (a.route === 'list') fileList();
      else fileImport();
      clear(a.route);
      out(a.route);
      if (a.operator === 'ALIEXPRESS' && !sample) sample = a.cargoNo;
    }
    if (events.length > 0) advances.push({ declarationId: a.id, events, cargoNo: a.cargoNo });
  }
  const chunks: (typeof advances)[] = [];
  for (let i = 0; i < advances.length; i += 500) chunks.push(advances.slice(i, i + 500));
  // The chunks (one transaction each, disjoint declarations) side by side; the withdrawals after them:
  // a withdrawn member of a combined group has the others decided again, which must not change the
  // route of a parcel whose history is being written.
  await pool(chunks, 2, async (chunk) => {
    const results = await advanceDeclarations(deps, chunk);
    results.forEach((res, k) => {
      if (!res.ok) throw new Error(`demo lifecycle failed for ${chunk[k]!.cargoNo}: ${res.error.code} ${res.error.en}`);
    });
  });
  await pool(withdrawals, 4, async (w) => {
    const r = await withdrawDeclaration(deps, principals.get(w.operator)!, { declarationId: w.id, reason: '구매 취소 (주문 취소로 신고 취하)' });
    if (!r.ok) throw new Error(`demo withdrawal failed: ${r.error.code}`);
  });
  // Parcels the engine itself holds, which the generated orders never make (seed-engine-hold-demo.ts).
  await seedEngineHoldDemo(deps, { operators: principals, consignees: heldConsignees, today, log });
  // After the rest: a few parcels decided before the latest data corrections, and decided again with them.
  await seedCorrectionDemo(deps, { operator: principals.get('IHERB')!, today, settle: o.settleCorrections, log });
  log(`  demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // a taken demo name: the banner shows that account's password as not the demo one
  return credentials(sample, taken ? await demoLoginsAsStored(deps) : undefined);
}
