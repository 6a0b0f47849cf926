import type { Address } from '../../crypto/accounts.ts';
import type { MinedBlock } from '../../l1/L1.ts';

/** Ids of the channels the adjudicator emitted an event for in `block`: what a watcher reacts to. */
export function channelsTouched(block: MinedBlock, adjudicator: Address): Set<string> {
  const touched = new Set<string>();
  for (const tx of block.txs) {
    for (const log of tx.logs) {
      if (log.contract === adjudicator && typeof log.args.channelId === 'string') touched.add(log.args.channelId);
    }
  }
  return touched;
}
