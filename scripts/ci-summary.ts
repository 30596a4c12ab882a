// Sums vitest JSON reports into the plain line CI reads: "N passed, N failed", and names each failed
// test with the first lines of its error: CI keeps only the end of its output, so a failure
// printed twenty minutes earlier by the browser run is otherwise lost (stop 49's run: "1 failed", no name).
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface Assertion { fullName: string; status: string; failureMessages?: string[]; duration?: number }
interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; status: string; message?: string; assertionResults?: Assertion[] }[];
}

let passed = 0;
let failed = 0;
let skipped = 0;
const failures: string[] = [];
const retried: string[] = []; // passed on a retry (vitest.e2e.config.ts): each with the error of the run that failed
for (const file of process.argv.slice(2)) {
  try {
    const r = JSON.parse(readFileSync(file, 'utf8')) as Report;
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    skipped += r.numPendingTests + r.numTodoTests;
    console.log(`${file}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
    for (const suite of r.testResults ?? []) {
      const where = path.relative(process.cwd(), suite.name);
      const failedTests = (suite.assertionResults ?? []).filter((a) => a.status === 'failed');
      for (const a of suite.assertionResults ?? []) {
        if (a.status === 'passed' && (a.failureMessages?.length ?? 0) > 0) retried.push(`${where} > ${a.fullName}\n${firstLines(a.failureMessages!.join('\n'))}`);
      }
      for (const a of failedTests) failures.push(`${where} > ${a.fullName}${a.duration === undefined ? '' : ` (${Math.round(a.duration)} ms)`}\n${firstLines(a.failureMessages?.join('\n') ?? '')}`);
      // A file that failed outside its tests (a hook, an import) has no failed test to name.
      if (suite.status === 'failed' && failedTests.length === 0) failures.push(`${where} (the file itself)\n${firstLines(suite.message ?? '')}`);
    }
  } catch {
    console.log(`${file}: no report`);
    failed += 1;
  }
}
if (retried.length > 0) {
  console.log(`\npassed on a retry (flaky: fix them):`);
  for (const f of retried) console.log(`- ${f}`);
}
if (failures.length > 0) {
  console.log(`\nfailed:`);
  for (const f of failures) console.log(`- ${f}`);
  console.log('');
}
console.log(`${passed} passed (${retried.length} on a retry), ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

function firstLines(message: string): string {
  return message
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, 6)
    .map((l) => `    ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`)
    .join('\n');
}
