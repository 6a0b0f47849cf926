import { expect } from 'vitest';
import { account, type Account } from '../../../../src/crypto/accounts.ts';
import type { Hex } from '../../../../src/crypto/keccak.ts';
import { sign, type SignatureScheme } from '../../../../src/crypto/signatures.ts';
import { channelAdjudicator, type AdjudicatorParams, type ChannelAdjudicatorFacade } from '../../../../src/l1/contracts/channel.ts';
import { channelIdOf, MODEL_CHAIN_ID, stateDigest, type ChannelState, type SigningDomain } from '../../../../src/l1/contracts/channel-state.ts';
import type { Deployed, TxId } from '../../../../src/l1/L1.ts';
import { MemoryL1 } from '../../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../../src/l1/units.ts';

export const alice = account('alice');
export const bob = account('bob');
export const mallory = account('mallory');
export const CAPACITY = eth(10);

export const SECURE: AdjudicatorParams = { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 20, penalty: false, requiresNewerVersion: true, bindsChannel: true };

/** An adjudicator on a bare MemoryL1, driven transaction by transaction. */
export class AdjudicatorBench {
  readonly l1 = new MemoryL1();
  adjudicator!: Deployed<ChannelAdjudicatorFacade>;
  domain!: SigningDomain;
  private nonce = 0n;

  static async deploy(params: Partial<AdjudicatorParams> = {}): Promise<AdjudicatorBench> {
    const bench = new AdjudicatorBench();
    bench.adjudicator = await bench.l1.deploy(channelAdjudicator, { ...SECURE, ...params });
    bench.domain = await bench.adjudicator.signingDomain();
    for (const who of [alice, bob, mallory]) await bench.l1.fund(who.address, eth(100));
    return bench;
  }

  /** alice opens a channel to bob with the whole capacity; returns its id. */
  async open(capacityWei = CAPACITY): Promise<Hex> {
    const nonce = this.nonce++;
    await this.adjudicator.open({ from: alice.address, value: capacityWei }, bob.address, nonce);
    await this.mine();
    return channelIdOf(this.domain, alice.address, bob.address, nonce);
  }

  state(channelId: Hex, version: number, aliceWei: bigint, isFinal = false): ChannelState {
    return { channelId, version, balances: [aliceWei, CAPACITY - aliceWei], isFinal };
  }

  signedBy(state: ChannelState, signers: readonly [Account, Account] = [alice, bob], scheme: SignatureScheme = 'ideal'): readonly [Hex, Hex] {
    const digest = stateDigest(this.domain, state);
    return [sign(scheme, signers[0], digest), sign(scheme, signers[1], digest)];
  }

  async close(state: ChannelState, from: Account = bob, sigs = this.signedBy(state)): Promise<TxId> {
    return this.adjudicator.close({ from: from.address }, state, sigs);
  }

  async challenge(state: ChannelState, from: Account = alice, sigs = this.signedBy(state)): Promise<TxId> {
    return this.adjudicator.challenge({ from: from.address }, state, sigs);
  }

  async mine(): Promise<void> {
    await this.l1.mine();
  }

  /** Sends nothing; mines until the head is `height`. */
  async mineTo(height: number): Promise<void> {
    if (height - 1 > this.l1.head().number) await this.l1.skipTo(height - 1);
    await this.mine();
  }

  /** Mines the transaction and returns its outcome: 'success' or the revert reason. */
  async outcome(tx: Promise<TxId>): Promise<string> {
    const id = await tx;
    await this.mine();
    const receipt = this.l1.receipt(id);
    return receipt.status === 'success' ? 'success' : receipt.revertReason!;
  }

  /** What the adjudicator paid each participant of `channelId` once settled. */
  async payouts(channelId: Hex): Promise<readonly [bigint, bigint]> {
    const record = await this.adjudicator.channel(channelId);
    expect(record?.status).toBe('settled');
    return record!.payouts;
  }

  /**
   * Conservation at the contract: the ETH it holds equals what it records as held, and each
   * channel holds its capacity until settled, then exactly nothing.
   */
  async expectConserved(channelIds: readonly Hex[]): Promise<void> {
    let held = 0n;
    for (const id of channelIds) {
      const record = (await this.adjudicator.channel(id))!;
      expect(record.heldWei).toBe(record.status === 'settled' ? 0n : record.capacityWei);
      expect(record.payouts[0] + record.payouts[1]).toBe(record.status === 'settled' ? record.capacityWei : 0n);
      held += record.heldWei;
    }
    expect(await this.adjudicator.held()).toBe(held);
    expect(await this.l1.balanceOf(this.adjudicator.address)).toBe(held);
  }
}
