import { channel } from './channel/index.ts';
import { custodial } from './custodial/index.ts';
import type { ProtocolDefinition } from './define.ts';
import { optimistic } from './optimistic/index.ts';
import { sidechain } from './sidechain/index.ts';
import { zk } from './zk/index.ts';
import { validium } from './validium/index.ts';

/** Every protocol, in the order `l2adv list` shows them. */
export const protocols: readonly ProtocolDefinition<unknown>[] = [channel, optimistic, custodial, sidechain, zk, validium] as ProtocolDefinition<unknown>[];
