#!/usr/bin/env node
// Entry point of `npx tonggwan`: the CLI is TypeScript, run by Node's type stripping (Node >= 24).
await import('../src/cli/main.ts');
