// The `tonggwan` command line. Wiring only: each command lives in its own module.
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileErrorText } from '../adapters/file-error-text.ts';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { compileReference } from '../domain/reference/compile-reference.ts';
import { assessCommand, type CommandIo } from './assess-command.ts';
import { commandLang, langFromEnv, type Lang } from './lang.ts';

const OUTPUT_FAILED: Record<Lang, (why: string) => string> = {
  ko: (why) => `tonggwan: 표준 출력에 쓸 수 없습니다: ${why}; 출력이 완전하지 않습니다\n`,
  en: (why) => `tonggwan: cannot write standard output: ${why}; the output is incomplete\n`,
};

/**
 * The reader went away (`| head`): stop quietly, as a Unix tool killed by SIGPIPE would (128 + 13).
 * Any other failure (a full disk: `> out.json`): say so and exit 2. A file's stream reports it to the
 * write's callback first and emits 'error' only later, after the exit: it ended with 0 and lost the output.
 */
function outputFailed(e: NodeJS.ErrnoException): never {
  if (e.code === 'EPIPE') process.exit(141);
  process.stderr.write(OUTPUT_FAILED[io.lang ?? 'ko'](fileErrorText(e, 'write')[io.lang ?? 'ko']));
  process.exit(2);
}
process.stdout.on('error', outputFailed);

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

/** The platform's database, migrated first (the commands that write to it: secrets, users); closed again if the migrations fail. */
async function openMigratedDatabase(settings: { databaseUrl: string | null; dataDir: string }) {
  const { openDatabase } = await import('../adapters/db/open-database.ts');
  const { runMigrations } = await import('../adapters/db/run-migrations.ts');
  const db = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, poolSize: 2 });
  try {
    await runMigrations(db.pool);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

const io: CommandIo = {
  lang: langFromEnv(process.env),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  },
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  // A pipe takes 64 KiB at a time: the rest of a write waits in memory until the reader catches up.
  drained: () => (process.stdout.writableNeedDrain ? once(process.stdout, 'drain').then(() => undefined) : Promise.resolve()),
};

const MESSAGES: Record<Lang, { usage: string; unknownCommand(command: string): string }> = {
  ko: {
    usage: `사용법: tonggwan <명령>
  assess FILE|-        {"declarations":[…]}를 판정해 {"assessments":[…]}를 출력
  risk eval|train …    이력 CSV로 위험 모델을 학습해 측정하거나 모델 파일을 씀
  secrets rotate …     저장된 비밀을 새 SECRET_KEY / secret.key로 다시 암호화
  users add …          직원 계정(관리자, 세관 직원)을 만듦: 데모 모드가 아닐 때의 첫 관리자
tonggwan <명령> --help (또는 tonggwan help <명령>): 명령, 옵션, 종료 코드 설명.
tonggwan --version (-v): 버전. --lang ko|en: 메시지 언어 (기본: TONGGWAN_LANG, 없으면 LC_ALL/LC_MESSAGES/LANG이
en이면 영어, 아니면 한국어).
`,
    unknownCommand: (c) => `tonggwan: 알 수 없는 명령 "${c}"`,
  },
  en: {
    usage: `usage: tonggwan <command>
  assess FILE|-        assess {"declarations":[…]} and print {"assessments":[…]}
  risk eval|train …    train the risk model on history CSVs; measure it or write the model file
  secrets rotate …     re-encrypt the secrets stored at rest with a new SECRET_KEY / secret.key
  users add …          create a staff account (administrator, officer): the first administrator without demo mode
tonggwan <command> --help (or tonggwan help <command>) explains a command, its options and exit codes.
tonggwan --version (-v) prints the version. --lang ko|en: the language of messages (default: TONGGWAN_LANG,
else English when LC_ALL/LC_MESSAGES/LANG starts with en, else Korean).
`,
    unknownCommand: (c) => `tonggwan: unknown command "${c}"`,
  },
};

const version = () => (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

async function main(args: string[]): Promise<number> {
  // --lang may come anywhere (`tonggwan --lang en assess -`); the commands read it from io.lang.
  const picked = commandLang('tonggwan', args, io);
  if (!picked) return 2;
  io.lang = picked.lang;
  const argv = picked.args;
  const m = MESSAGES[picked.lang];
  // `tonggwan help assess` is `tonggwan assess --help`
  if (argv[0] === 'help' && argv[1]) return main([argv[1], '--help']);
  const [command, ...rest] = argv;
  switch (command) {
    case 'assess':
      return assessCommand(rest, async () => compileReference(await loadReferenceFiles(dataDir)), io);
    case 'risk': {
      const { riskCommand } = await import('./risk-command.ts');
      return riskCommand(rest, {
        io,
        loadReference: async () => compileReference(await loadReferenceFiles(dataDir)),
        defaultRulesFile: `${dataDir}risk-rules.json`,
        now: () => {
          const cpu = process.cpuUsage();
          return { wallMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 };
        },
      });
    }
    case 'secrets': {
      const { secretsCommand } = await import('./secrets-command.ts');
      const { readConfig } = await import('../config.ts');
      // read when the command rotates (not for --help), and once: a setting the platform refuses is its message, exit 2
      let config: ReturnType<typeof readConfig> | undefined;
      const settings = () => (config ??= readConfig());
      return secretsCommand(rest, {
        io,
        get config() {
          return settings();
        },
        openDatabase: () => openMigratedDatabase(settings()),
      });
    }
    case 'users': {
      const { usersCommand } = await import('./users-command.ts');
      const { readConfig } = await import('../config.ts');
      const { nodeSecrets } = await import('../adapters/crypto/node-secrets.ts');
      return usersCommand(rest, {
        io,
        hashPassword: (p) => nodeSecrets.hashPassword(p),
        where: () => {
          const { databaseUrl, dataDir } = readConfig();
          return databaseUrl ? { server: databaseUrl } : { dataDir };
        },
        openDatabase: () => openMigratedDatabase(readConfig()),
      });
    }
    case '-v':
    case '--version':
      io.stdout(`${version()}\n`);
      return 0;
    case undefined:
      // a call without a command is an error (exit 2): its usage goes where errors go, as `tonggwan assess` alone does
      io.stderr(m.usage);
      return 2;
    case 'help':
    case '-h':
    case '--help':
      io.stdout(m.usage);
      return 0;
    default:
      io.stderr(`${m.unknownCommand(command)}\n${m.usage}`);
      return 2;
  }
}

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting (large outputs to a pipe); a write that failed ends here, not with `code`.
process.stdout.write('', (e) => (e ? outputFailed(e) : process.exit(code)));
