import { UsageError } from '../kernel/errors.ts';
import type { L1Backend } from '../kernel/config.ts';
import type { L1 } from './L1.ts';
import { MemoryL1 } from './memory/MemoryL1.ts';

export async function createL1(backend: L1Backend): Promise<L1> {
  if (backend === 'memory') return new MemoryL1();
  throw new UsageError('--l1 anvil is not available yet: the anvil backend lands with the real-L1 issue; use --l1 memory');
}
