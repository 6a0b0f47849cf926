import fc from 'fast-check';
import type { World } from '../kernel/world.ts';
import { BudgetExceeded, defineCapability } from './capability.ts';

/** Reorganises the last blocks; their transactions go back to the mempool (and may be left out again). */
export const reorgL1 = defineCapability<{ depth: number }>({
  name: 'reorg-l1',
  description: 'drop the last k L1 blocks, up to the finality depth',
  async apply(world, { depth }) {
    if (depth > world.budget.reorgDepthBlocks) throw new BudgetExceeded('reorg-l1', depth, world.budget.reorgDepthBlocks, 'blocks of depth');
    // Never past the last final block: after an earlier reorg that may be less than the drawn depth, or nothing.
    // Nor into the deployment: contracts and the parties' starting funds date from long before the run,
    // and undoing them would take away an honest party's L1 ether (its bond, its gas) that no attack can.
    const floor = Math.max(world.l1.finalized().number, deployedAt(world));
    const possible = Math.max(0, Math.min(depth, world.height - floor));
    if (possible === 0) return 'nothing to reorganise: every block is final or part of the deployment';
    const returned = await world.l1.reorg(possible);
    return `last ${possible} blocks dropped, ${returned.length} transactions back in the mempool`;
  },
  arbitrary: ({ budget }) => fc.record({ depth: fc.integer({ min: 1, max: budget.reorgDepthBlocks }) }),
});

/** The L1 height the safety phase began at (setup done), from the trace; 0 for a world driven without the kernel's phases. */
function deployedAt(world: World): number {
  return world.trace.events.find((e) => e.kind === 'phase' && e.phase === 'safety')?.l1 ?? 0;
}
