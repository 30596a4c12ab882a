// The `tonggwan` command line. Wiring only: each command lives in its own module.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { loadReferenceFiles } from '../adapters/reference/load-reference-files.ts';
import { compileReference } from '../domain/reference/compile-reference.ts';
import { assessCommand, type CommandIo } from './assess-command.ts';

// The reader went away (`| head`): stop quietly, as a Unix tool killed by SIGPIPE would (128 + 13).
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(141);
  throw e;
});

const dataDir = fileURLToPath(new URL('../../data/', import.meta.url));

const io: CommandIo = {
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

const USAGE = `usage: tonggwan <command>
  assess FILE|-        assess {"declarations":[…]} and print {"assessments":[…]}
  risk eval|train …    train the risk model on history CSVs; measure it or write the model file
  secrets rotate …     re-encrypt the secrets stored at rest with a new SECRET_KEY / secret.key
tonggwan <command> --help (or tonggwan help <command>) explains a command, its options and exit codes.
`;

async function main(argv: string[]): Promise<number> {
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
      const { openDatabase } = await import('../adapters/db/open-database.ts');
      const { runMigrations } = await import('../adapters/db/run-migrations.ts');
      const config = readConfig();
      return secretsCommand(rest, {
        io,
        config,
        openDatabase: async () => {
          const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, poolSize: 2 });
          try {
            await runMigrations(db.pool);
          } catch (e) {
            await db.close();
            throw e;
          }
          return db;
        },
      });
    }
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`tonggwan: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

const code = await main(process.argv.slice(2));
// Let stdout drain before exiting (large outputs to a pipe).
process.stdout.write('', () => process.exit(code));
