// `tonggwan assess FILE|-`: reads {"declarations":[…]}, prints {"assessments":[…]}, one per
// declaration in order. Exit 0 when the input was read (even if declarations are rejected),
// 2 with a one-line message when it is not JSON of that shape.
import { readFile } from 'node:fs/promises';
import { assessBatch } from '../domain/assess.ts';
import type { Reference } from '../domain/reference/compile-reference.ts';

export interface CommandIo {
  readStdin(): Promise<string>;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `usage: tonggwan assess FILE   (or - for standard input)
  reads {"declarations":[…]} and prints {"assessments":[…]}, one per declaration in order,
  each with its route, taxes and reasons (Korean and English, with the legal reference).
  Exit 0 when the input was read (rejected declarations carry their field errors), 2 otherwise.
`;

export async function assessCommand(args: string[], loadReference: () => Promise<Reference>, io: CommandIo): Promise<number> {
  const source = args[0];
  if (source === '-h' || source === '--help') {
    io.stdout(USAGE);
    return 0;
  }
  if (!source) {
    io.stderr(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = source === '-' ? await io.readStdin() : await readFile(source, 'utf8');
  } catch (e) {
    io.stderr(`tonggwan: cannot read ${source}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    io.stderr(`tonggwan: ${source === '-' ? 'standard input' : source} is not valid JSON: ${(e as Error).message.split('\n')[0]}\n`);
    return 2;
  }
  const declarations = (input as { declarations?: unknown } | null)?.declarations;
  if (!Array.isArray(declarations)) {
    io.stderr('tonggwan: expected a JSON object {"declarations":[…]}\n');
    return 2;
  }
  const assessments = assessBatch(declarations, await loadReference());
  writeAssessments(assessments, io);
  return 0;
}

/**
 * Prints exactly what `JSON.stringify({ assessments }, null, 2)` would, in pieces of a few
 * hundred assessments: as one string, about 95,000 assessments would pass V8's string limit.
 */
function writeAssessments(assessments: readonly unknown[], io: CommandIo, perPiece = 500): void {
  if (assessments.length === 0) return io.stdout('{\n  "assessments": []\n}\n');
  let piece = '{\n  "assessments": [';
  assessments.forEach((a, i) => {
    piece += `${i > 0 ? ',' : ''}\n    ${JSON.stringify(a, null, 2).replaceAll('\n', '\n    ')}`;
    if ((i + 1) % perPiece === 0) {
      io.stdout(piece);
      piece = '';
    }
  });
  io.stdout(`${piece}\n  ]\n}\n`);
}
