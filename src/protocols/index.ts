import { custodial } from './custodial/index.ts';
import type { ProtocolDefinition } from './define.ts';

/** Every protocol, in the order `l2adv list` shows them. */
export const protocols: readonly ProtocolDefinition<unknown>[] = [custodial] as ProtocolDefinition<unknown>[];
