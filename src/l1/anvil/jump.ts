import { gunzipSync, gzipSync } from 'node:zlib';
import { toQuantity } from 'ethers';
import { timestampOf } from '../../kernel/clock.ts';
import type { AnvilNode } from './node.ts';

/**
 * How the head moves to any height in O(1). `anvil_mine(n)` mines n real blocks, one by
 * one, and each costs more as the chain grows (measured: 45,818 blocks take minutes), so
 * a 6.4-day challenge window cannot be crossed that way. Instead, anvil_loadState is given
 * no accounts and a single empty block at the target height: anvil takes it as its new
 * head, and the next mined block has `block.number` = height + 1 and the timestamp we set.
 * The heights in between hold no blocks on anvil; they were empty, so nothing reads them.
 * The same call moves the head back down to an empty height after a reorg.
 */
export interface JumpTemplate {
  /** anvil's block environment as it serialises it (field names of its state dump). */
  readonly blockEnv: Readonly<Record<string, unknown>>;
  /** The genesis header, the shape of every jumped-to block. */
  readonly header: Readonly<Record<string, unknown>>;
}

interface StateDump {
  block: Record<string, unknown>;
  blocks: Array<{ header: Record<string, unknown> }>;
}

/** Reads the templates from the node's own state dump, so the format is always its own. */
export async function jumpTemplate(node: AnvilNode): Promise<JumpTemplate> {
  const dump = await node.rpc<string>('anvil_dumpState', []);
  const state = JSON.parse(gunzipSync(Buffer.from(dump.slice(2), 'hex')).toString('utf8')) as StateDump;
  const genesis = state.blocks.find((b) => Number(b.header.number) === 0);
  if (!genesis) throw new Error('anvil state dump has no genesis block: cannot build O(1) time jumps');
  return { blockEnv: state.block, header: genesis.header };
}

/** Makes an empty block at `height` the node's head, with the run's timestamp for that height. */
export async function jumpTo(node: AnvilNode, template: JumpTemplate, height: number, parentHash: string): Promise<void> {
  const number = toQuantity(height);
  const timestamp = toQuantity(timestampOf(height));
  const state = {
    block: { ...template.blockEnv, number, timestamp },
    accounts: {},
    best_block_number: height,
    blocks: [{ header: { ...template.header, number, timestamp, parentHash, gasUsed: '0x0' }, transactions: [], ommers: [] }],
    transactions: [],
  };
  await node.rpc('anvil_loadState', [`0x${gzipSync(JSON.stringify(state)).toString('hex')}`]);
  // The node refuses a next timestamp below the last one it saw; after a jump back that is
  // the abandoned head's, so its clock is reset to the new head's.
  await node.rpc('evm_setTime', [timestampOf(height)]);
}
