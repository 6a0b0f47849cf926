import { nameOf } from '../../crypto/accounts.ts';
import type { Hex } from '../../crypto/keccak.ts';
import type { World } from '../../kernel/world.ts';
import type { BatchRecord } from '../../l1/contracts/rollup-inbox.ts';
import type { L1Log } from '../../l1/L1.ts';
import { formatEth } from '../../l1/units.ts';
import { decodePayload } from './batch.ts';
import { MalformedData } from './codec.ts';
import { decompressPayload } from './compression.ts';
import { retrieveBatchData } from './data-availability.ts';
import { authenticate, type SignedTx } from './transaction.ts';
import { RollupUser, type RollupEnvironment } from './user.ts';

/**
 * When a merchant (or an exchange crediting deposits) considers a payment good enough to
 * ship goods against:
 * - `soft`: the sequencer's feed confirmed it (a second; a promise, not the chain);
 * - `l1-posted`: a batch carrying it sits in an L1-finalized block — the merchant reads
 *   the batch but, like the victims of DoubleUp Roll, does not re-run derivation's time
 *   bound and size checks;
 * - `l1-final`: derivation from L1-finalized data includes it, executed successfully.
 */
export type AcceptancePolicy = 'soft' | 'l1-posted' | 'l1-final';

/** A payment the merchant acted on. */
export interface AcceptedPayment {
  readonly hash: Hex;
  readonly from: string;
  readonly amountWei: bigint;
  readonly policy: AcceptancePolicy;
  /** L1 height when the merchant credited it. */
  readonly creditedAt: number;
}

export class Merchant extends RollupUser {
  readonly accepted: AcceptedPayment[] = [];
  /** Payments seen on the feed or in posted batches, not yet credited. */
  private candidates = new Map<Hex, SignedTx>();
  private scannedThrough = 0;

  constructor(
    name: string,
    env: RollupEnvironment,
    readonly policy: AcceptancePolicy,
  ) {
    super(name, 'merchant', env);
    env.sequencer.subscribe({ confirmed: (world, tx) => this.onFeed(world, tx) });
  }

  isPaymentToMe(tx: SignedTx): boolean {
    return tx.body.kind === 'transfer' && tx.body.to === this.address && tx.body.amountWei > 0n;
  }

  override async poll(world: World): Promise<void> {
    await this.review(world);
    await super.poll(world);
  }

  /** Credits whatever now meets the policy; wakes itself when a landed batch will be L1-final. */
  async review(world: World): Promise<void> {
    if (!world.isOnline(this.name) || this.policy === 'soft') return;
    const finalized = world.l1.finalized().number;
    if (this.policy === 'l1-posted') await this.scanPosted(world, finalized);
    if (this.policy === 'l1-final') await this.creditFinal(world, finalized);
    for (const log of world.l1.logs({ contract: this.env.contracts.inbox.address, name: 'SequencerBatchDelivered', fromBlock: finalized + 1 })) {
      this.wake(world, log.block + world.l1.finalityDepth);
    }
  }

  private async onFeed(world: World, tx: SignedTx): Promise<void> {
    if (!this.isPaymentToMe(tx)) return;
    this.candidates.set(tx.hash, tx);
    if (this.policy === 'soft') await this.credit(world, tx);
  }

  /** Reads batches in finalized L1 blocks straight from their data, without derivation's checks. */
  private async scanPosted(world: World, finalized: number): Promise<void> {
    if (finalized <= this.scannedThrough) return;
    const logs = world.l1.logs({ contract: this.env.contracts.inbox.address, fromBlock: this.scannedThrough + 1 }).filter((l) => l.block <= finalized);
    this.scannedThrough = finalized;
    const calldata = new Map<number, Uint8Array>();
    for (const log of logs) {
      if (log.name === 'SequencerBatchData') calldata.set(log.args.sequenceNumber as number, log.args.data as Uint8Array);
      if (log.name !== 'SequencerBatchDelivered') continue;
      for (const tx of this.paymentsIn(world, log, calldata)) await this.credit(world, tx);
    }
  }

  private paymentsIn(world: World, log: L1Log, calldata: ReadonlyMap<number, Uint8Array>): SignedTx[] {
    const record = log.args as unknown as BatchRecord;
    if (record.kind !== 'sequencer') return [];
    const data = retrieveBatchData(world.l1, record, calldata.get(record.sequenceNumber));
    if (!data) return [];
    const inflated = decompressPayload(data);
    if (!inflated.ok) return [];
    try {
      const txs = decodePayload(inflated.payload, this.env.chainId).flatMap((b) => b.items.flatMap((i) => (i.type === 'tx' ? [i.tx] : [])));
      return txs.filter((tx) => this.isPaymentToMe(tx) && authenticate(tx, this.env.chainId) !== undefined);
    } catch (e) {
      if (e instanceof MalformedData) return [];
      throw e;
    }
  }

  private async creditFinal(world: World, finalized: number): Promise<void> {
    this.env.derivation.sync();
    for (const tx of [...this.candidates.values()]) {
      const canonical = this.env.derivation.tx(tx.hash);
      if (canonical?.status === 'ok' && canonical.l1Block <= finalized) await this.credit(world, tx);
    }
  }

  private async credit(world: World, tx: SignedTx): Promise<void> {
    if (this.accepted.some((p) => p.hash === tx.hash)) return;
    this.candidates.delete(tx.hash);
    const payment: AcceptedPayment = { hash: tx.hash, from: nameOf(tx.body.from), amountWei: tx.body.amountWei, policy: this.policy, creditedAt: world.height };
    this.accepted.push(payment);
    await world.step('action', this.name, `accepts ${formatEth(payment.amountWei)} from ${payment.from} (${this.policy}) and ships the goods`, { tx: tx.hash, amountWei: payment.amountWei });
  }
}
