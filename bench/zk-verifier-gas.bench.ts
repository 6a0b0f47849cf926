import { account } from '../src/crypto/accounts.ts';
import { AnvilL1 } from '../src/l1/anvil/AnvilL1.ts';
import type { L1, TxId } from '../src/l1/L1.ts';
import { eth } from '../src/l1/units.ts';
import { delayedToMessage } from '../src/protocols/rollup/derivation.ts';
import { L2State } from '../src/protocols/rollup/state.ts';
import { authenticate, signTx } from '../src/protocols/rollup/transaction.ts';
import { ALL_CONSTRAINTS, type ProofStep } from '../src/protocols/zk/circuit.ts';
import { deployZk } from '../src/protocols/zk/contracts.ts';
import { WitnessedState } from '../src/protocols/zk/witness.ts';
import type { Figure } from './run.ts';

const CHAIN_ID = 42_069;
const USERS = ['alice', 'bob', 'carol', 'dave'].map(account);
const sequencer = account('zk-sequencer');
const prover = account('zk-prover');

/**
 * What the model's validity proof costs on a real EVM: ZkVerifier.sol re-executes every
 * transaction over Merkle witnesses (two 24-level account paths and an ecrecover per
 * transfer), so L1 gas grows linearly with the batch — the price of proving by
 * re-execution instead of a succinct SNARK (a Groth16 or PLONK verification is a
 * constant few hundred thousand gas whatever the batch). Also the escape: one account
 * path against the last verified root.
 */
export default async function zkVerifierGas(figure: Figure): Promise<void> {
  const l1 = await AnvilL1.start();
  try {
    const rules = { sequencer: sequencer.address, forceInclusionDelayBlocks: 10, delayBuffer: null, forcedInclusion: false, requireBatchData: false, challengeWindowBlocks: 0 };
    const zk = { prover: 'zk-prover', chainId: CHAIN_ID, constraints: ALL_CONSTRAINTS, freezeDeadlineBlocks: 6, escapeHatch: true };
    const { contracts } = await deployZk(l1, rules, zk);
    await l1.mine();
    for (const u of USERS) await l1.fund(u.address, eth(100));
    for (const u of USERS) await contracts.escapeHatch.deposit({ from: u.address, value: eth(10) }, u.address);
    await l1.mine();
    const state = new WitnessedState(ALL_CONSTRAINTS);
    // What users know of the verified state: they escape with its account proofs.
    const users = new L2State();
    const nonces = new Map<string, number>();
    for (const transfers of [0, 1, 10, 50]) {
      await postBatch(l1, contracts);
      const steps: ProofStep[] = [];
      const read = await contracts.verifier.verifiedDelayedRead();
      const upTo = (await contracts.inbox.batch((await contracts.inbox.batchCount()) - 1))!.afterDelayedRead;
      for (let index = read; index < upTo; index++) {
        const message = delayedToMessage((await contracts.delayedInbox.message(index))!);
        steps.push(state.prove({ kind: 'delayed', index }, message));
        users.apply(message);
      }
      for (let i = 0; i < transfers; i++) {
        const from = USERS[i % USERS.length]!;
        const nonce = nonces.get(from.address) ?? 0;
        nonces.set(from.address, nonce + 1);
        const tx = signTx({ kind: 'transfer', from: from.address, to: USERS[(i + 1) % USERS.length]!.address, amountWei: 1n, nonce, memo: new Uint8Array() }, from, CHAIN_ID, 'secp256k1');
        const message = authenticate(tx, CHAIN_ID)!;
        steps.push(state.prove({ kind: 'tx', tx }, message));
        users.apply(message);
      }
      const parent = (await contracts.verifier.count()) - 1;
      const id = await contracts.verifier.propose({ from: prover.address }, state.stateRoot(), await contracts.inbox.batchCount(), parent, { steps });
      const gas = await gasOf(l1, id);
      figure(`ZkVerifier.propose, ${steps.length} steps (${transfers} signed transfers)`, Number(gas), 'gas');
      if (transfers > 0) figure(`  per step`, Number(gas) / steps.length, 'gas');
    }
    await contracts.delayedInbox.sendTransaction({ from: USERS[0]!.address }, { action: 'withdraw', to: USERS[0]!.address, amountWei: 0n, all: true });
    await l1.mine();
    await l1.skipTo(l1.head().number + 7);
    await contracts.verifier.freeze({ from: USERS[1]!.address }, (await contracts.delayedInbox.messageCount()) - 1);
    await l1.mine();
    const who = USERS[1]!;
    const a = users.account(who.address);
    const roots = users.roots();
    const path = users.accountProof(who.address)!;
    const id = await contracts.escapeHatch.escape({ from: who.address }, who.address, {
      balanceWei: a.balanceWei,
      nonce: a.nonce,
      index: path.index,
      siblings: path.siblings,
      withdrawalsRoot: roots.withdrawalsRoot,
      accountCount: roots.accountCount,
      withdrawalCount: roots.withdrawalCount,
    });
    figure('EscapeHatchBridge.escape (one 24-level account path)', Number(await gasOf(l1, id)), 'gas');
  } finally {
    await l1.close();
  }
}

async function postBatch(l1: L1, contracts: Awaited<ReturnType<typeof deployZk>>['contracts']): Promise<void> {
  const data = new Uint8Array([1]);
  const header = { sequenceNumber: await contracts.inbox.batchCount(), afterDelayedRead: await contracts.delayedInbox.messageCount(), notBeforeBlock: 0, deadlineBlock: 0, dataHash: `0x${'00'.repeat(32)}` as const };
  await contracts.inbox.addSequencerBatch({ from: sequencer.address, data }, header, data);
  await l1.mine();
}

async function gasOf(l1: L1, id: TxId): Promise<bigint> {
  while (l1.receipt(id).status === 'pending') await l1.mine();
  const r = l1.receipt(id);
  if (r.status !== 'success') throw new Error(`${r.method} reverted: ${r.revertReason}`);
  return r.gasUsed;
}
