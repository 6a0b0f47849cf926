import { performance } from 'node:perf_hooks';
import { Interface, Wallet, toQuantity } from 'ethers';
import { account, type Address } from '../src/crypto/accounts.ts';
import { timestampOf } from '../src/kernel/clock.ts';
import { AnvilL1, ANVIL_CHAIN_ID } from '../src/l1/anvil/AnvilL1.ts';
import { custodyWallet } from '../src/l1/contracts/custody-wallet.ts';
import { eth } from '../src/l1/units.ts';
import { runAttacks } from '../src/catalogue.ts';
import { runAttackOn } from '../test/support/attack.ts';
import type { Figure } from './run.ts';

const TXS = 400;
const alice = account('alice');

/**
 * The anvil backend's L1 throughput next to raw anvil JSON-RPC in the same run: the gap
 * is what the backend adds (client-side policy, receipt and event decoding, bookkeeping).
 * Every transaction is a real CustodyWallet.deposit signed with secp256k1; each figure
 * gets a fresh node with the same contract, so none pays for another's chain.
 */
export default async function anvilBench(figure: Figure): Promise<void> {
  const startAt = performance.now();
  await withWallet(async () => {});
  figure('anvil start + deploy CustodyWallet', performance.now() - startAt, 'ms');
  for (const perBlock of [1, 50]) {
    figure(`AnvilL1 tx/s, ${perBlock} tx/block (facade, policy, sign, mine, receipts)`, await withWallet((l1, wallet) => backendDeposits(l1, wallet, perBlock)), 'tx/s');
    figure(`raw JSON-RPC tx/s, ${perBlock} tx/block (sign, sendRaw, evm_mine)`, await withWallet((l1, wallet) => rawDeposits(l1, wallet, perBlock, true)), 'tx/s');
    figure(`raw JSON-RPC tx/s, ${perBlock} tx/block, pre-signed (sendRaw, evm_mine)`, await withWallet((l1, wallet) => rawDeposits(l1, wallet, perBlock, false)), 'tx/s');
  }
  await withWallet(async (l1) => {
    const start = performance.now();
    await l1.skipTo(45_818);
    figure('AnvilL1 skip over 45,818 blocks (one challenge window)', performance.now() - start, 'ms');
  });
  // Why skips do not use anvil_mine: it mines block by block, and each block costs more
  // the more blocks the node holds, so 45,818 of them take minutes.
  await withWallet(async (l1) => {
    for (const batch of ['first', 'second']) {
      const start = performance.now();
      await l1.node.rpc('anvil_mine', [toQuantity(1_000)]);
      figure(`anvil_mine, ${batch} 1,000 blocks of a fresh node`, (performance.now() - start) / 1_000, 'ms/block');
    }
  });
  for (const backend of ['memory', 'anvil'] as const) {
    const start = performance.now();
    await runAttackOn('operator-disappears', 'custodial', 'reference', { l1: backend });
    figure(`operator-disappears on custodial, --l1 ${backend}`, performance.now() - start, 'ms');
  }
  await attackSuite(figure);
}

/**
 * The whole attack suite on anvil (goal: under 3 minutes), and the part of it whose
 * contracts exist in Solidity next to the same part in memory. Each result starts its own
 * node; a protocol without Solidity yet ends in `error` at its first deploy, in milliseconds.
 */
async function attackSuite(figure: Figure): Promise<void> {
  const start = performance.now();
  const all = await runAttacks({ names: [], all: true, seed: 1, l1: 'anvil' });
  const ran = all.filter((r) => r.outcome !== 'error');
  const protocols = [...new Set(ran.map((r) => r.protocol))];
  figure(`attack --all --l1 anvil (${ran.length} ran, ${all.length - ran.length} without Solidity yet)`, (performance.now() - start) / 1000, 's');
  for (const backend of ['memory', 'anvil'] as const) {
    const from = performance.now();
    for (const protocol of protocols) await runAttacks({ names: [], all: true, protocol, seed: 1, l1: backend });
    figure(`attack --all on ${protocols.join(', ')}, --l1 ${backend}`, (performance.now() - from) / 1000, 's');
  }
}

async function withWallet<T>(body: (l1: AnvilL1, wallet: Address) => Promise<T>): Promise<T> {
  const l1 = await AnvilL1.start();
  try {
    const wallet = await l1.deploy(custodyWallet, { custodian: account('custodian').address });
    await l1.fund(alice.address, eth(1_000));
    return await body(l1, wallet.address);
  } finally {
    await l1.close();
  }
}

async function backendDeposits(l1: AnvilL1, wallet: Address, perBlock: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < TXS; i += perBlock) {
    for (let j = 0; j < perBlock; j++) await l1.send({ from: alice.address, to: wallet, method: 'deposit', args: [], value: 1n });
    await l1.mine();
  }
  return (TXS * 1000) / (performance.now() - start);
}

/** The same deposits straight over JSON-RPC, as a script would send them. */
async function rawDeposits(l1: AnvilL1, wallet: Address, perBlock: number, signInLoop: boolean): Promise<number> {
  const node = l1.node;
  const signer = new Wallet(alice.privateKey);
  const data = new Interface(['function deposit() payable']).encodeFunctionData('deposit');
  const sign = (nonce: number): Promise<string> =>
    signer.signTransaction({ type: 2, chainId: ANVIL_CHAIN_ID, nonce, to: wallet, data, value: 1n, gasLimit: 100_000n, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n });
  const presigned = signInLoop ? [] : await Promise.all(Array.from({ length: TXS }, (_, i) => sign(i)));
  const start = performance.now();
  for (let i = 0; i < TXS; i += perBlock) {
    for (let j = 0; j < perBlock; j++) await node.rpc('eth_sendRawTransaction', [signInLoop ? await sign(i + j) : presigned[i + j]]);
    await node.rpc('evm_mine', [{ timestamp: timestampOf(1 + i / perBlock) }]);
  }
  return (TXS * 1000) / (performance.now() - start);
}
