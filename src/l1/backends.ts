import type { L1Backend } from '../kernel/config.ts';
import { AnvilL1, anvilArgs } from './anvil/AnvilL1.ts';
import { AnvilNodePool } from './anvil/pool.ts';
import type { L1 } from './L1.ts';
import { MemoryL1 } from './memory/MemoryL1.ts';

/**
 * A fresh L1 for one run. `anvil` builds contracts/ if they changed, then starts a node
 * the run owns, or takes one reset to genesis from `nodes`; a missing binary or a failed
 * build is a UsageError with a one-line fix.
 */
export async function createL1(backend: L1Backend, nodes?: AnvilNodePool): Promise<L1> {
  if (backend === 'memory') return new MemoryL1();
  return AnvilL1.start({ pool: nodes });
}

/** Anvil nodes a list of runs shares (pool.ts); the opener closes it when the list is done. */
export function openNodePool(): AnvilNodePool {
  return new AnvilNodePool(anvilArgs());
}
