// `npm run build:contracts`: forge build of contracts/ with the compiler's full output.
// The anvil backend builds on demand (quietly, only when sources changed); this is for
// reading a compile error in full.
import { spawnSync } from 'node:child_process';
import { foundryBinary } from '../src/l1/anvil/binaries.ts';
import { PROJECT_ROOT } from '../src/l1/anvil/build.ts';

const forge = spawnSync(foundryBinary('forge'), ['build', '--root', PROJECT_ROOT], { stdio: 'inherit' });
process.exitCode = forge.status ?? 1;
