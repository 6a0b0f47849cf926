#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so `npx l2adv` works right after
// `npm ci` with no build step to remember.
import { register } from 'tsx/esm/api';

register();
// `l2adv list | head` closes the pipe early: a reader that has seen enough is not an error,
// so stop quietly (exit handlers still stop any anvil this run owns).
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
