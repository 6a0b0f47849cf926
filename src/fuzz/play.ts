import { unleash, type Capability } from '../adversary/capability.ts';
import type { AttackContext } from '../kernel/attack.ts';
import type { Move } from './moves.ts';

/** Plays a schedule in the safety phase; the kernel runs recovery and the checkers after it. */
export async function playSchedule(context: AttackContext, moves: readonly Move[], capabilities: ReadonlyMap<string, Capability<unknown>>): Promise<void> {
  const { world, instance } = context;
  for (const move of moves) {
    switch (move.kind) {
      case 'honest':
        if (!instance.perform) throw new Error(`protocol ${context.protocol} has honest fuzz moves but no perform()`);
        await instance.perform(world, move.name, move.args);
        break;
      case 'adversary': {
        const capability = capabilities.get(move.name);
        if (!capability) throw new Error(`schedule names capability ${move.name}, which this protocol does not enable`);
        await unleash(world, capability, move.args);
        break;
      }
      case 'advance':
        await world.advance(move.blocks);
        break;
      case 'deadline': {
        // Windows open when their transaction is mined: let what was just sent land first.
        if (world.l1.pendingCount() > 0) await world.advance(1);
        const ends = [...((await instance.deadlines?.(world)) ?? [])].filter((h) => h + move.offset > world.height).sort((a, b) => a - b);
        if (ends.length === 0) await world.advance(1);
        else await world.advanceTo(ends[move.window % ends.length]! + move.offset);
        break;
      }
    }
  }
}
