import { gunzipSync } from 'node:zlib';
import { toQuantity } from 'ethers';
import { isDeepStrictEqual } from 'node:util';
import { AnvilNode, type AnvilNodeOptions } from './node.ts';

/**
 * Anvil nodes that the runs of one campaign hand on to each other. A fresh node pays
 * seconds of its own CPU to load its KZG setup on its first blob transaction, once per
 * target; a node reset to genesis keeps that setup loaded. Opt-in and scoped: whoever opens
 * a pool closes it when its list of runs is done (a CLI command), and every node in it is
 * still a child the process kills on exit, error and signal (node.ts). A node that dies,
 * or that a reset cannot bring back to exactly a fresh node's state, is stopped and the
 * next run gets a fresh one.
 */
export class AnvilNodePool {
  private idle: AnvilNode | undefined;
  /** What a fresh node looks like, read from the first one this pool started. */
  private genesis: NodeGenesis | undefined;
  private closed = false;

  constructor(
    private readonly args: readonly string[],
    private readonly options: AnvilNodeOptions = {},
  ) {}

  /** The idle node if there is one, else a fresh node; either way at genesis and quiet. */
  async take(): Promise<AnvilNode> {
    if (this.closed) throw new Error('this anvil node pool is closed');
    const idle = this.idle;
    this.idle = undefined;
    if (idle?.running) return idle;
    await idle?.stop();
    const node = await AnvilNode.start(this.args, this.options);
    try {
      await quiet(node);
      this.genesis ??= await genesisOf(node);
      return node;
    } catch (e) {
      await node.stop();
      throw e;
    }
  }

  /** Resets a node a run is done with for the next run; one that cannot be made a fresh node's equal is stopped. */
  async giveBack(node: AnvilNode): Promise<void> {
    if (this.closed || this.idle || !this.genesis) return node.stop();
    try {
      await resetToGenesis(node, this.genesis);
      if (this.closed || this.idle) return node.stop();
      this.idle = node;
    } catch {
      await node.stop();
    }
  }

  /** Stops the idle node; nodes still in use stop when their run gives them back. */
  async close(): Promise<void> {
    this.closed = true;
    const idle = this.idle;
    this.idle = undefined;
    await idle?.stop();
  }
}

/** The node logs every request to stdout otherwise: noise we would only drain. */
async function quiet(node: AnvilNode): Promise<void> {
  await node.rpc('anvil_setLoggingEnabled', [false]);
}

/** Everything a run can observe of a node before it does anything. */
interface NodeGenesis {
  readonly accounts: Readonly<Record<string, DumpedAccount>>;
  readonly observed: unknown;
}

interface DumpedAccount {
  nonce: number;
  balance: string;
  code: string;
  storage: Record<string, string>;
}

/**
 * Init code that returns the block environment an eth_call sees (TIMESTAMP, NUMBER,
 * BASEFEE, BLOBBASEFEE, GASLIMIT, CHAINID, PREVRANDAO, COINBASE): a constructor run by
 * deployWithoutBlock could read any of them.
 */
const ENVIRONMENT_PROBE = (() => {
  const opcodes = [0x42, 0x43, 0x48, 0x4a, 0x45, 0x46, 0x44, 0x41];
  const body = opcodes.map((op, i) => [op, 0x60, i * 32, 0x52]).flat();
  const bytes = [...body, 0x60, opcodes.length * 32, 0x60, 0x00, 0xf3];
  return `0x${Buffer.from(bytes).toString('hex')}`;
})();

async function genesisOf(node: AnvilNode): Promise<NodeGenesis> {
  const dump = await node.rpc<string>('anvil_dumpState', []);
  const state = JSON.parse(gunzipSync(Buffer.from(dump.slice(2), 'hex')).toString('utf8')) as {
    block: Record<string, unknown>;
    accounts: Record<string, DumpedAccount>;
    [k: string]: unknown;
  };
  // The block environment's timestamp before any block is mined differs (1 on a fresh node, genesis after a reset);
  // no run reads it: blocks are mined and jumped to with explicit timestamps, and the environment a call sees is compared below.
  const { timestamp: _unread, ...block } = state.block;
  const { currentBlockTimestamp: _same, ...info } = await node.rpc<Record<string, unknown>>('anvil_nodeInfo', []);
  const observed = {
    state: { ...state, block },
    info,
    chainId: await node.rpc('eth_chainId', []),
    head: await node.rpc('eth_getBlockByNumber', ['latest', false]),
    gasPrice: await node.rpc('eth_gasPrice', []),
    blobBaseFee: await node.rpc('eth_blobBaseFee', []),
    accounts: await node.rpc('eth_accounts', []),
    automine: await node.rpc('anvil_getAutomine', []),
    intervalMining: await node.rpc('anvil_getIntervalMining', []),
    txpool: await node.rpc('txpool_status', []),
    callEnvironment: await node.rpc('eth_call', [{ data: ENVIRONMENT_PROBE }, 'latest']),
  };
  return { accounts: state.accounts, observed };
}

/**
 * anvil_reset clears state, blocks and the mempool but keeps the process (and its loaded
 * KZG setup). In anvil 1.7 it does not bring back everything its flags set at start: the
 * base fee returns to 1 gwei (not --base-fee 0), the CREATE2 factory's code is gone and
 * impersonated accounts stay impersonated. Those are put back, then the node is compared
 * with what a fresh node showed; any difference and the node is not reused.
 */
async function resetToGenesis(node: AnvilNode, genesis: NodeGenesis): Promise<void> {
  await node.rpc('anvil_reset', []);
  await node.rpc('anvil_setNextBlockBaseFeePerGas', ['0x0']);
  for (const address of await node.rpc<string[]>('eth_accounts', [])) await node.rpc('anvil_stopImpersonatingAccount', [address]);
  const { accounts: now } = await genesisOf(node);
  for (const [address, account] of Object.entries(genesis.accounts)) {
    if (isDeepStrictEqual(now[address], account)) continue;
    await node.rpc('anvil_setCode', [address, account.code]);
    await node.rpc('anvil_setNonce', [address, toQuantity(account.nonce)]);
    await node.rpc('anvil_setBalance', [address, account.balance]);
    for (const [slot, value] of Object.entries(account.storage)) await node.rpc('anvil_setStorageAt', [address, slot, value]);
  }
  const after = await genesisOf(node);
  if (!isDeepStrictEqual(after.observed, genesis.observed)) throw new Error('anvil_reset did not bring the node back to a fresh node\'s genesis');
}
