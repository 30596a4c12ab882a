#!/usr/bin/env node
// Entry point of `npx tonggwan`: the CLI is TypeScript, run by Node's type stripping (Node >= 24).
// An older node (a system one, run as `node bin/tonggwan.js`) would fail with ERR_UNKNOWN_FILE_EXTENSION
// and a stack trace: say what is needed instead, in both languages (the CLI's --lang is not read yet).
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `tonggwan: Node.js 24 이상이 필요합니다 (지금 v${process.versions.node}): npx tonggwan으로 실행하면 프로젝트의 Node를 씁니다\n` +
      `tonggwan: needs Node.js 24 or later (this is v${process.versions.node}): npx tonggwan runs it with the project's own Node\n`,
  );
  process.exit(2);
}
// V8's compiled code and the stripped TypeScript kept between runs (in the system's temp folder; the
// NODE_COMPILE_CACHE variable moves it, NODE_DISABLE_COMPILE_CACHE=1 turns it off): a command starts
// in about half the CPU time (assess on an empty file: 0.95 s → 0.55 s).
(await import('node:module')).enableCompileCache?.();
await import('../src/cli/main.ts');
