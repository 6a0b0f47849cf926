import { toQuantity, Wallet, type FunctionFragment } from 'ethers';
import { account, nameOf, type Address } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import { GENESIS_TIMESTAMP, timestampOf } from '../../kernel/clock.ts';
import { contractFacade } from '../facade.ts';
import { GAS_PER_BLOB, PRAGUE, TX_BASE_GAS, blobBaseFee, excessAfterEmptyBlocks, nextExcessBlobGas, type BlobSchedule } from '../gas.ts';
import { BLOB_RETENTION_SECONDS, type BlockHeader, type ContractSpec, type Deployed, type L1, type L1Log, type L1Observer, type LogFilter, type MinedBlock, type TxId, type TxReceipt, type TxRequest } from '../L1.ts';
import { excessAt, matchingLogs, type KeptBlock } from '../history.ts';
import { TxBook } from '../tx-book.ts';
import { Mempool, type PendingTx } from '../mempool.ts';
import { Revert } from '../revert.ts';
import { plain, plainRecord, revertReason } from './abi-values.ts';
import { artifactAt, artifactOf, type Artifact } from './artifacts.ts';
import { ensureContractsBuilt } from './build.ts';
import { kzgVersionedHash, readsBlobHashes, sidecarOf, ZERO_BLOB_SIDECAR } from './kzg.ts';
import { applyEdits, deployWithoutBlock, type Deployment } from './deploy.ts';
import { NodeChain } from './chain.ts';
import { AnvilNode, RpcError } from './node.ts';
import type { AnvilNodePool } from './pool.ts';
import { Senders } from './senders.ts';

export interface AnvilL1Options {
  /** Blocks behind the head that cannot be reorganised. @defaultValue 64 (two epochs), as MemoryL1 */
  finalityDepthBlocks?: number;
  /** Blob market parameters (metered client-side, see blob()). @defaultValue PRAGUE */
  blobSchedule?: BlobSchedule;
  /** How long blob data stays retrievable. @defaultValue 1,572,864 s (4,096 epochs ≈ 18.2 days) */
  blobRetentionSeconds?: number;
  /** Base fee per gas used to meter `feeWei`; the node itself charges nothing. @defaultValue 10 gwei, as MemoryL1 */
  baseFeeWei?: bigint;
  /** How long one JSON-RPC call may take before the run fails. @defaultValue 60,000 ms */
  rpcTimeoutMs?: number;
  /** Take the node from this pool and give it back on close() (reset to genesis) instead of starting and killing one. @defaultValue none: the run owns its node */
  pool?: AnvilNodePool;
}

/** Chain id 31,337 (anvil's and the model's, MODEL_CHAIN_ID): signatures bound to it verify on both. */
export const ANVIL_CHAIN_ID = 31_337;
/** Far above any transaction's limit (TX_GAS_LIMIT), so a block holds any number of them. */
const BLOCK_GAS_LIMIT = 1_000_000_000_000n;
/** anvil keeps this many past states in memory (and none on disk); a rollback needs the finality depth's worth. */
const STATE_HISTORY = 256;
/** anvil's default dev mnemonic, fixed explicitly: no dev accounts are funded (--accounts 0); actors bring their own keys. */
const MNEMONIC = 'test test test test test test test test test test test junk';

/**
 * The node's flags, each for determinism or faithfulness: fixed chain id, genesis time and
 * hardfork; no automatic mining (the run mines each block itself, with its timestamp);
 * FIFO ordering so a block holds exactly the order the inclusion policy chose; zero base
 * fee and gas price so L1 balances move only by what contracts pay (the invariants read
 * balance deltas); in-memory state history only, so nothing is left on disk.
 */
export function anvilArgs(): string[] {
  return [
    ...['--host', '127.0.0.1', '--port', '0'],
    ...['--chain-id', String(ANVIL_CHAIN_ID), '--mnemonic', MNEMONIC, '--accounts', '0'],
    ...['--timestamp', String(GENESIS_TIMESTAMP), '--hardfork', 'prague'],
    ...['--no-mining', '--order', 'fifo'],
    ...['--base-fee', '0', '--gas-price', '0', '--disable-min-priority-fee', '--gas-limit', String(BLOCK_GAS_LIMIT)],
    ...['--prune-history', String(STATE_HISTORY)],
  ];
}

interface StoredBlock extends KeptBlock {
  readonly included: PendingTx[];
}

interface Contract {
  readonly spec: ContractSpec<unknown, unknown>;
  readonly artifact: Artifact;
  readonly height: number;
  readonly deployment: Deployment;
}

/** What became of one admitted transaction when it was handed to the node; `blobFeeTopUp`: wei added to the sender to pay its blob fee. */
type Submission = { tx: PendingTx; hash: Hex; blobFeeTopUp: bigint } | { tx: PendingTx; refused: string };

/**
 * The L1 interface on a real EVM: anvil, driven block by block. The run owns the chain:
 * inclusion is decided client-side by the same Mempool as MemoryL1 (so censorship, delay
 * and fee floors behave identically), and only the transactions the policy admits for a
 * block are signed (real secp256k1, keys from the actor's name), submitted and mined, with
 * `block.number` = height and `block.timestamp` = genesis + 12 s × height. Receipts and
 * events are decoded once per block and kept, so head(), receipt() and logs() stay
 * synchronous as the interface requires.
 */
export class AnvilL1 implements L1 {
  readonly backend = 'anvil' as const;
  readonly finalityDepth: number;

  get policy(): Mempool {
    return this.book.policy;
  }
  private readonly schedule: BlobSchedule;
  private readonly book: TxBook;
  private readonly baseFee: bigint;
  private readonly contracts = new Map<string, Contract>();
  private readonly viewsAtHead = new Map<string, Promise<string>>();
  private readonly blocks: StoredBlock[] = [];
  private readonly senders: Senders;
  private height = 0;
  /** The highest height ever final: successive shallow reorgs cannot add up to undoing it (as MemoryL1). */
  private finalizedFloor = 0;
  private excess = 0n;
  /** The node's KZG setup loading in the background (warmBlobVerification). */
  private warmup: Promise<void> | undefined;
  private readonly deployer = account('l2adv-deployer').address;

  private constructor(
    /** The node process, for tests and diagnostics (pid, url); protocol code never touches it. */
    readonly node: AnvilNode,
    private readonly chain: NodeChain,
    private readonly options: AnvilL1Options,
  ) {
    this.senders = new Senders(node, ANVIL_CHAIN_ID);
    this.finalityDepth = options.finalityDepthBlocks ?? 64;
    this.schedule = options.blobSchedule ?? PRAGUE;
    this.book = new TxBook(options.blobRetentionSeconds ?? BLOB_RETENTION_SECONDS);
    this.baseFee = options.baseFeeWei ?? 10_000_000_000n;
  }

  /** Builds contracts/ if stale, starts a node and readies it; the node dies with close() or with the process. */
  static async start(options: AnvilL1Options = {}): Promise<AnvilL1> {
    await ensureContractsBuilt();
    const node = options.pool ? await options.pool.take() : await AnvilNode.start(anvilArgs(), { rpcTimeoutMs: options.rpcTimeoutMs });
    try {
      // The node logs every request to stdout otherwise: noise we would only drain.
      if (!options.pool) await node.rpc('anvil_setLoggingEnabled', [false]);
      return new AnvilL1(node, await NodeChain.of(node), options);
    } catch (e) {
      await node.stop();
      throw e;
    }
  }

  observe(observer: L1Observer): void {
    this.book.observe(observer);
  }

  head(): BlockHeader {
    return { number: this.height, timestamp: timestampOf(this.height) };
  }

  finalized(): BlockHeader {
    const number = Math.max(this.finalizedFloor, this.height - this.finalityDepth);
    return { number, timestamp: timestampOf(number) };
  }

  async deploy<F, P>(spec: ContractSpec<F, P>, params: P): Promise<Deployed<F>> {
    const artifact = spec.solidityArtifact ? artifactAt(spec.name, spec.solidityArtifact) : artifactOf(spec.name);
    const args = spec.constructorArgs?.(params) ?? [];
    const expected = artifact.abi.deploy.inputs.length;
    if (args.length !== expected) {
      throw new Error(`${spec.name}'s Solidity constructor takes ${expected} arguments, its ContractSpec gives ${args.length}: set constructorArgs in its spec`);
    }
    const deployment = await deployWithoutBlock(this.node, this.deployer, artifact, args);
    this.stateChanges();
    this.contracts.set(deployment.address, { spec: spec as ContractSpec<unknown, unknown>, artifact, height: this.height, deployment });
    const code = deployment.edits.find((e) => e.address === deployment.address)?.code;
    if (code && readsBlobHashes(code)) this.warmBlobVerification();
    return contractFacade<F>(this, deployment.address, spec.views, (view) => (...viewArgs) => this.read(deployment.address, view, viewArgs));
  }

  async fund(address: Address, wei: bigint): Promise<void> {
    const balance = await this.balanceOf(address);
    await this.node.rpc('anvil_setBalance', [address, toQuantity(balance + wei)]);
    this.stateChanges();
  }

  /** Remembered like views (callAtHead): balances move only with transactions, deploys, funding and rewinds. */
  async balanceOf(address: Address): Promise<bigint> {
    const key = `balance:${address.toLowerCase()}`;
    let balance = this.viewsAtHead.get(key);
    if (!balance) {
      balance = this.node.rpc<string>('eth_getBalance', [address, 'latest']);
      balance.catch(() => this.viewsAtHead.delete(key));
      this.viewsAtHead.set(key, balance);
    }
    return BigInt(await balance);
  }

  async send(tx: TxRequest): Promise<TxId> {
    return this.book.submit(tx);
  }

  receipt(id: TxId): TxReceipt {
    return this.book.receipt(id);
  }

  pendingCount(): number {
    return this.book.policy.size;
  }

  nextInclusionHeight(): number {
    return this.book.policy.nextInclusionHeight(this.height + 1);
  }

  /** Mines the next block: the policy picks the transactions, they are signed and submitted in that order, then one evm_mine. */
  async mine(): Promise<MinedBlock> {
    const number = this.height + 1;
    const header = { number, timestamp: timestampOf(number) };
    const fee = blobBaseFee(this.excess, this.schedule);
    const included = this.book.takeForBlock(number, this.schedule.maxBlobsPerBlock);
    // The node stands at the last block that held transactions (see nodeCatchUp); it moves up only to mine the next one.
    if (included.length > 0) await this.nodeCatchUp(number - 1);
    const submissions: Submission[] = [];
    for (const tx of included) submissions.push(await this.submit(tx));
    const sent = submissions.some((s) => 'hash' in s);
    if (sent) {
      // evm_mine with a timestamp: the block gets exactly this time, whatever the wall clock says.
      await this.node.rpc('evm_mine', [{ timestamp: header.timestamp }]);
      this.stateChanges();
      this.chain.mined(number);
    }
    const onChain = sent ? await this.node.rpc<RpcReceipt[]>('eth_getBlockReceipts', ['latest']) : [];
    const byHash = new Map(onChain.map((r) => [r.transactionHash, r]));
    const receipts: TxReceipt[] = [];
    for (const s of submissions) receipts.push(await this.settle(s, byHash, number, fee));
    const blobGasUsed = receipts.reduce((sum, r) => sum + r.blobGasUsed, 0n);
    const block: StoredBlock = { ...header, txs: receipts, blobGasUsed, blobBaseFee: fee, excessBefore: this.excess, included };
    this.blocks.push(block);
    this.height = number;
    this.excess = nextExcessBlobGas(this.excess, blobGasUsed, this.schedule);
    this.finalizedFloor = Math.max(this.finalizedFloor, number - this.finalityDepth);
    // Only heights within the finality depth can be reorganised; the chain's older shape is not needed.
    if (this.chain.length > 4 * this.finalityDepth) this.chain.forgetBelow(this.finalizedFloor);
    this.book.mined(block);
    return block;
  }

  async skipTo(height: number): Promise<void> {
    if (height <= this.height) return;
    if (this.nextInclusionHeight() <= height) {
      throw new Error(`skipTo(${height}) would pass over a transaction includable at ${this.nextInclusionHeight()}: mine it first`);
    }
    const from = this.height;
    this.excess = excessAfterEmptyBlocks(this.excess, height - from, this.schedule);
    this.height = height;
    this.finalizedFloor = Math.max(this.finalizedFloor, height - this.finalityDepth);
    this.book.skipped(from, height);
  }

  async reorg(depth: number): Promise<TxId[]> {
    if (!Number.isInteger(depth) || depth < 1) throw new Error(`reorg depth must be a positive integer, got ${depth}`);
    if (depth > this.finalityDepth || depth > this.height || this.height - depth < this.finalizedFloor) {
      throw new Error(`reorg depth ${depth} reaches past finality (finality depth ${this.finalityDepth}, head ${this.height})`);
    }
    const newHead = this.height - depth;
    this.stateChanges();
    // Blocks the node never saw (empty ones, see nodeCatchUp) need no undoing there.
    if (this.chain.head > newHead) await this.chain.rewindTo(newHead);
    // Contracts outlive reorgs, as MemoryL1's do: one deployed above the new head is written back.
    for (const c of this.contracts.values()) if (c.height > newHead) await applyEdits(this.node, c.deployment.edits);
    this.stateChanges();
    this.senders.forgetNonces();
    const removed: StoredBlock[] = [];
    while (this.blocks.length > 0 && this.blocks[this.blocks.length - 1]!.number > newHead) removed.unshift(this.blocks.pop()!);
    const returned = removed.flatMap((b) => b.included);
    this.book.reopen(returned, (blob) => this.versionedHash(blob));
    this.height = newHead;
    this.excess = excessAt(this.blocks, newHead, this.schedule);
    const ids = returned.map((t) => t.id);
    this.book.reorged(depth, ids);
    return ids;
  }

  logs(filter: LogFilter): L1Log[] {
    return matchingLogs(this.blocks, filter);
  }

  /**
   * Blob data by versioned hash, under the same retention rule as MemoryL1. Blob
   * transactions reach the node as real type-3 transactions with KZG sidecars (kzg.ts), so
   * BLOBHASH reads real versioned hashes on chain; the model's blob bytes are kept here and
   * the blob gas is metered here, as MemoryL1 does. Documented in docs/custom-target.md.
   */
  blob(hash: Hex): Uint8Array | undefined {
    return this.book.blob(hash, this.height);
  }

  /** KZG-based, as on Ethereum (kzg.ts); MemoryL1's is keccak-based. */
  versionedHash(blob: Uint8Array): Hex {
    return kzgVersionedHash(blob);
  }

  blobBaseFee(): bigint {
    return blobBaseFee(this.excess, this.schedule);
  }

  async close(): Promise<void> {
    await this.warmup;
    if (this.options.pool) await this.options.pool.giveBack(this.node);
    else await this.node.stop();
  }

  /**
   * A contract that reads BLOBHASH is about to get blob transactions, and the node loads its
   * KZG setup on the first one it verifies — seconds of its own CPU. Sending it a zero blob
   * from a key no run funds (verified, then refused for funds) starts that now, in parallel
   * with the run's setup, instead of in the middle of the first batch.
   */
  private warmBlobVerification(): void {
    if (this.warmup) return;
    const { versionedHash, ...sidecar } = ZERO_BLOB_SIDECAR;
    const tx = { type: 3, chainId: ANVIL_CHAIN_ID, nonce: 0, to: this.deployer, gasLimit: TX_BASE_GAS, maxFeePerGas: 1n, maxPriorityFeePerGas: 0n, maxFeePerBlobGas: 1n };
    this.warmup = new Wallet(account('l2adv-kzg-warmup').privateKey)
      .signTransaction({ ...tx, blobVersionedHashes: [versionedHash], blobs: [sidecar] })
      .then((raw) => this.node.rpc('eth_sendRawTransaction', [raw]))
      .then(
        () => {
          throw new Error('anvil accepted a blob transaction from an unfunded key');
        },
        () => undefined,
      );
  }

  /** A view: eth_call at the head, decoded like the in-memory contract would return it; a revert throws Revert. */
  private async read(address: Address, method: string, args: readonly unknown[]): Promise<unknown> {
    const { artifact, spec } = this.contracts.get(address)!;
    const fragment = artifact.abi.getFunction(method);
    if (!fragment) throw new Error(`${artifact.name} has no view ${method} in its ABI`);
    let output: string;
    try {
      const solidityArgs = spec.toSolidity?.[method]?.(args) ?? args;
      output = await this.callAtHead(address, artifact.abi.encodeFunctionData(fragment, solidityArgs));
    } catch (e) {
      if (e instanceof RpcError && e.code === 3) throw new Revert(revertReason(e.data, [artifact.abi]));
      throw e;
    }
    const values = artifact.abi.decodeFunctionResult(fragment, output);
    const outputs = fragment.outputs.map((p, i) => plain(values[i], p));
    const value = outputs.length === 1 ? outputs[0] : outputs;
    const adapt = spec.fromSolidity?.[method];
    return adapt ? adapt(value) : value;
  }

  /**
   * eth_call at the head, remembered until a contract's state can next change: a block with
   * transactions, a rewind, a deploy, a balance set. Protocol code and checkers read the
   * same views every block, most blocks are empty, and a read is a round trip. Empty blocks
   * and jumps keep the answers: a view is a function of contract state only — the TS views
   * get no CallContext, so a faithful Solidity twin reads no block.number or timestamp in
   * one. A revert is remembered too (it is as deterministic); a failed call is not.
   */
  private callAtHead(to: Address, data: string): Promise<string> {
    const key = `${to}${data}`;
    let output = this.viewsAtHead.get(key);
    if (!output) {
      output = this.node.rpc<string>('eth_call', [{ to, data }, 'latest']);
      output.catch((e: unknown) => {
        if (!(e instanceof RpcError && e.code === 3)) this.viewsAtHead.delete(key);
      });
      this.viewsAtHead.set(key, output);
    }
    return output;
  }

  /**
   * Brings the node's head up to `height` in one jump. Empty blocks and skips change no
   * state, and views read state only (callAtHead), so the node is not told about them: it
   * stays at the last block that held transactions until the next one is mined on top of
   * `height`. One jump then stands for a run of empty blocks that evm_mine would mine one
   * round trip each (the watchtower, users and checkers wake every block of a window).
   */
  private async nodeCatchUp(height: number): Promise<void> {
    if (this.chain.head < height) await this.chain.jump(height);
  }

  /** Every change of contract state or balances ends what callAtHead remembers. */
  private stateChanges(): void {
    this.viewsAtHead.clear();
  }

  /** Hands one admitted transaction to the node, signed by its sender's key; what no EVM would run is refused here, as MemoryL1 reverts it. */
  private async submit(tx: PendingTx): Promise<Submission> {
    const req = tx.request;
    const target = this.contracts.get(req.to.toLowerCase());
    if (!target) return { tx, refused: `no contract at ${req.to}` };
    const fragment = transactionFragment(target, req.method);
    if (!fragment) return { tx, refused: `${target.spec.name} has no method ${req.method}` };
    const args = target.spec.toSolidity?.[req.method]?.(req.args) ?? req.args;
    const call = { to: req.to, data: target.artifact.abi.encodeFunctionData(fragment, args), value: req.value ?? 0n };
    const blobs = (req.blobs ?? []).map(sidecarOf);
    // The node charges blob gas at no less than 1 wei; the run meters fees but never deducts them, so the sender is lent exactly that fee.
    const blobFee = blobs.length > 0 ? BigInt(await this.node.rpc<string>('eth_blobBaseFee', [])) : 0n;
    const blobFeeTopUp = BigInt(blobs.length) * GAS_PER_BLOB * blobFee;
    if (blobFeeTopUp > 0n) await this.fund(req.from, blobFeeTopUp);
    try {
      return { tx, hash: await this.senders.send(req.from, { ...call, blobs, maxFeePerBlobGas: blobFee }), blobFeeTopUp };
    } catch (e) {
      if (blobFeeTopUp > 0n) await this.fund(req.from, -blobFeeTopUp);
      // The node refuses what no block could hold, e.g. a value beyond the sender's balance.
      if (e instanceof RpcError) return { tx, refused: e.detail };
      throw e;
    }
  }

  /** Turns a submission into the run's receipt: status, real gas used, decoded events or the revert reason. */
  private async settle(s: Submission, byHash: ReadonlyMap<string, RpcReceipt>, number: number, blobFee: bigint): Promise<TxReceipt> {
    const req = s.tx.request;
    const blobHashes = (req.blobs ?? []).map((blob) => this.versionedHash(blob));
    const blobGasUsed = BigInt(blobHashes.length) * GAS_PER_BLOB;
    const base = { id: s.tx.id, from: req.from, method: req.method, block: number, blobGasUsed };
    const fee = (gasUsed: bigint): bigint => gasUsed * this.baseFee + blobGasUsed * blobFee;
    let receipt: TxReceipt;
    if ('refused' in s) {
      receipt = { ...base, status: 'reverted', revertReason: s.refused, gasUsed: TX_BASE_GAS, feeWei: fee(TX_BASE_GAS), logs: [] };
    } else {
      const r = byHash.get(s.hash);
      if (!r) {
        await this.node.rpc('anvil_dropAllTransactions', []);
        throw new Error(`anvil left transaction ${s.tx.id} (${req.method} from ${nameOf(req.from)}) out of block ${number}`);
      }
      const gasUsed = BigInt(r.gasUsed);
      const blobFeeCharged = BigInt(r.blobGasUsed ?? 0) * BigInt(r.blobGasPrice ?? 0);
      if (blobFeeCharged !== s.blobFeeTopUp) await this.fund(req.from, blobFeeCharged - s.blobFeeTopUp);
      if (r.status === '0x1') {
        receipt = { ...base, status: 'success', gasUsed, feeWei: fee(gasUsed), logs: this.decodeLogs(r, number, s.tx.id) };
      } else {
        const data = await this.node.rpc<string>('ots_getTransactionError', [s.hash]);
        const reason = revertReason(data, [this.contracts.get(req.to.toLowerCase())!.artifact.abi]);
        receipt = { ...base, status: 'reverted', revertReason: reason, gasUsed, feeWei: fee(gasUsed), logs: [] };
      }
    }
    this.book.settle(receipt, req, blobHashes, number);
    return receipt;
  }

  /** Events of the run's contracts, in MemoryL1's shape: args by ABI parameter name. */
  private decodeLogs(r: RpcReceipt, block: number, tx: TxId): L1Log[] {
    const out: L1Log[] = [];
    for (const log of r.logs) {
      const contract = this.contracts.get(log.address.toLowerCase());
      const parsed = contract?.artifact.abi.parseLog({ topics: log.topics, data: log.data });
      if (!contract || !parsed) continue;
      const args = plainRecord(parsed.args, parsed.fragment.inputs);
      const adapt = contract.spec.eventsFromSolidity?.[parsed.name];
      out.push({ contract: contract.deployment.address, name: parsed.name, args: adapt ? adapt(args) : args, block, tx });
    }
    return out;
  }
}

interface RpcReceipt {
  transactionHash: string;
  status: string;
  gasUsed: string;
  blobGasUsed?: string;
  blobGasPrice?: string;
  logs: Array<{ address: string; topics: string[]; data: string }>;
}

/** The ABI function a transaction calls; views are not transactions (MemoryL1 refuses them too). */
function transactionFragment(contract: Contract, method: string): FunctionFragment | null {
  if (contract.spec.views.includes(method)) return null;
  return contract.artifact.abi.getFunction(method);
}
