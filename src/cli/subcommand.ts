// What every command with subcommands (`tonggwan risk eval|train`, `tonggwan secrets rotate`, `tonggwan users add`) does
// alike before its own work: help, a missing or unknown subcommand, and strict option parsing.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { CommandIo } from './assess-command.ts';
import { argsErrorText, type Lang } from './lang.ts';

/** A mistake in the arguments: the command prints its message on stderr and exits 2. */
export class UsageError extends Error {}

export interface SubcommandText {
  usage: string;
  unknownSub: (sub: string) => string;
}

/**
 * `-h`/`--help` in place of the subcommand or after it prints the usage on stdout (exit 0); no
 * subcommand prints it on stderr (exit 2, an error); an unknown one throws a UsageError naming it.
 * Null: `sub` is one of `known` and help was not asked for.
 */
export function helpOrUnknown(sub: string | undefined, rest: readonly string[], known: readonly string[], m: SubcommandText, io: CommandIo): 0 | 2 | null {
  if (sub === undefined) {
    io.stderr(`${m.usage}\n`);
    return 2;
  }
  if (sub === '-h' || sub === '--help' || (known.includes(sub) && (rest.includes('--help') || rest.includes('-h')))) {
    io.stdout(`${m.usage}\n`);
    return 0;
  }
  if (!known.includes(sub)) throw new UsageError(m.unknownSub(sub));
  return null;
}

/** The options, strictly (an unknown or malformed one is a UsageError in the command's language). */
export function parseOptions<const T extends ParseArgsOptionsConfig>(args: string[], options: T, lang: Lang) {
  return parseOptionsAndOperands(args, options, lang, false).values;
}

/** The options, strictly, and the operands beside them (`users add USERNAME`) when `operands` is true. */
export function parseOptionsAndOperands<const T extends ParseArgsOptionsConfig>(args: string[], options: T, lang: Lang, operands = true) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: operands });
  } catch (e) {
    throw new UsageError(argsErrorText(e, lang));
  }
}
