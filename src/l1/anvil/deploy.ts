import { toQuantity } from 'ethers';
import type { Address } from '../../crypto/accounts.ts';
import { revertReason } from './abi-values.ts';
import type { Artifact } from './artifacts.ts';
import { RpcError, type AnvilNode } from './node.ts';

/** What a constructor left behind in one account. */
export interface AccountEdit {
  readonly address: Address;
  readonly code?: string;
  readonly nonce?: number;
  readonly balance?: string;
  readonly storage?: Readonly<Record<string, string>>;
}

export interface Deployment {
  readonly address: Address;
  /** Replayed after a reorg below the deploy height: contracts outlive reorgs, as in MemoryL1. */
  readonly edits: readonly AccountEdit[];
}

interface PrestateDiff {
  pre: Record<string, { code?: string }>;
  post: Record<string, { code?: string; nonce?: number; balance?: string; storage?: Record<string, string> }>;
}

const DEPLOY_GAS = toQuantity(30_000_000);

/**
 * Deploys without a block. MemoryL1 deploys outside time (no block, no height), and a run's
 * heights must match on both backends, so the constructor runs as a traced call against
 * the head state and its effects (code, storage, nonces, balances) are written in with
 * anvil_set*: the same bytes a mined deployment would leave, at the same CREATE address.
 */
export async function deployWithoutBlock(node: AnvilNode, deployer: Address, artifact: Artifact, args: readonly unknown[]): Promise<Deployment> {
  const data = artifact.bytecode + artifact.abi.encodeDeploy(args).slice(2);
  const call = { from: deployer, data, gas: DEPLOY_GAS };
  try {
    await node.rpc('eth_call', [call, 'latest']);
  } catch (e) {
    if (e instanceof RpcError && e.code === 3) throw new Error(`constructor of ${artifact.name} reverted: ${revertReason(e.data, [artifact.abi])}`);
    throw e;
  }
  const diff = await node.rpc<PrestateDiff>('debug_traceCall', [call, 'latest', { tracer: 'prestateTracer', tracerConfig: { diffMode: true } }]);
  const created = Object.keys(diff.post).filter((a) => diff.post[a]!.code && !diff.pre[a]?.code);
  if (created.length !== 1) throw new Error(`deploying ${artifact.name} created ${created.length} contracts; expected exactly one`);
  const edits = Object.keys(diff.post)
    .sort()
    .map((address): AccountEdit => ({ address: address.toLowerCase() as Address, ...diff.post[address] }));
  await applyEdits(node, edits);
  return { address: created[0]!.toLowerCase() as Address, edits };
}

export async function applyEdits(node: AnvilNode, edits: readonly AccountEdit[]): Promise<void> {
  for (const edit of edits) {
    if (edit.code !== undefined) await node.rpc('anvil_setCode', [edit.address, edit.code]);
    if (edit.nonce !== undefined) await node.rpc('anvil_setNonce', [edit.address, toQuantity(edit.nonce)]);
    if (edit.balance !== undefined) await node.rpc('anvil_setBalance', [edit.address, edit.balance]);
    for (const [slot, value] of Object.entries(edit.storage ?? {})) await node.rpc('anvil_setStorageAt', [edit.address, slot, value]);
  }
}
