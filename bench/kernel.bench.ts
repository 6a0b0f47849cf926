import { account } from '../src/crypto/accounts.ts';
import type { RunConfig } from '../src/kernel/config.ts';
import { Rng } from '../src/kernel/rng.ts';
import { Scheduler } from '../src/kernel/scheduler.ts';
import { Trace } from '../src/kernel/trace.ts';
import { World } from '../src/kernel/world.ts';
import { MemoryL1 } from '../src/l1/memory/MemoryL1.ts';
import { noticeboard } from '../test/support/noticeboard.ts';
import type { Figure } from './run.ts';

function timed(fn: () => void | Promise<void>): Promise<number> {
  const start = performance.now();
  return Promise.resolve(fn()).then(() => performance.now() - start);
}

export default async function kernel(figure: Figure): Promise<void> {
  const timers = 200_000;
  const scheduler = new Scheduler();
  const rng = Rng.root(1);
  const schedMs = await timed(() => {
    for (let i = 0; i < timers; i++) scheduler.at(rng.int(0, 1_000_000), 't', () => {});
    for (const t of scheduler.due(Infinity)) t.fire();
  });
  figure('scheduler events/s (schedule + fire)', (timers / schedMs) * 1000);

  const trace = new Trace();
  const events = 50_000;
  const traceMs = await timed(() => {
    for (let i = 0; i < events; i++) trace.append({ l1: i, phase: 'safety', kind: 'note', actor: 'k', summary: `event ${i}` });
  });
  figure('trace appends/s (keccak hash chain)', (events / traceMs) * 1000);

  const l1 = new MemoryL1();
  const board = await l1.deploy(noticeboard, {});
  const blocks = 20_000;
  const alice = account('alice').address;
  const minedMs = await timed(async () => {
    for (let i = 0; i < blocks; i++) {
      await board.post({ from: alice }, 'n');
      await l1.mine();
    }
  });
  figure('MemoryL1 blocks/s (one tx each)', (blocks / minedMs) * 1000);
  const emptyMs = await timed(async () => {
    for (let i = 0; i < blocks; i++) await l1.mine();
  });
  figure('MemoryL1 empty blocks/s (mined one by one)', (blocks / emptyMs) * 1000);

  const config: RunConfig = { protocol: 'bench', variant: 'secure', preset: 'none', l1: 'memory', seed: 1, signatures: 'ideal', params: {} };
  const world = new World(config, new MemoryL1(), Rng.root(1));
  const skipMs = await timed(() => world.advance(45_818));
  figure('skip a 45,818-block challenge window (world.advance)', skipMs, 'ms');
  figure('blocks materialised for that skip', world.trace.events.filter((e) => e.kind === 'block').length);
}
