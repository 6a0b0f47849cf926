import { account } from '../src/crypto/accounts.ts';
import { keccakBytes } from '../src/crypto/keccak.ts';
import { Rng } from '../src/kernel/rng.ts';
import { calldataFloorGas } from '../src/l1/gas.ts';
import { MemoryL1 } from '../src/l1/memory/MemoryL1.ts';
import { eth } from '../src/l1/units.ts';
import { encodePayload, type L2Block } from '../src/protocols/rollup/batch.ts';
import { compressPayload, type Compression } from '../src/protocols/rollup/compression.ts';
import { deployRollup, type RollupContracts } from '../src/protocols/rollup/contracts.ts';
import { carrier, type DataAvailability } from '../src/protocols/rollup/data-availability.ts';
import { signTx } from '../src/protocols/rollup/transaction.ts';
import type { Figure } from './run.ts';

/**
 * The cost figure the seeds promise: L1 gas per L2 transaction against batch size,
 * calldata vs blobs, with and without compression. Each batch is a real encoding of
 * signed transfers among 200 accounts, posted through the inbox contract on the
 * in-memory L1, whose calldata (EIP-2028) and blob gas (EIP-4844) are exact.
 */
export default async function rollupCost(figure: Figure): Promise<void> {
  const sequencer = account('sequencer');
  const batchSizes = [1, 10, 100, 1_000];
  const methods: Array<[Compression, number | undefined, string]> = [
    ['none', undefined, 'uncompressed'],
    ['zlib', undefined, 'zlib'],
    ['brotli', 6, 'brotli q6'],
    ['brotli', 11, 'brotli q11'],
  ];
  const perTx = new Map<string, { gas: number; blobGas: number }>();
  for (const mode of ['calldata', 'blobs'] as DataAvailability[]) {
    for (const [compression, quality, label] of methods) {
      for (const n of batchSizes) {
        const l1 = new MemoryL1();
        const { contracts } = await deployRollup(l1, { sequencer: sequencer.address, forceInclusionDelayBlocks: 5_760, delayBuffer: null, forcedInclusion: true, requireBatchData: true, challengeWindowBlocks: 45_818 });
        await l1.mine();
        const payload = encodePayload([batchOf(n, l1.head().number)]);
        const data = compressPayload(payload, compression, quality);
        const receipt = await post(l1, contracts, data, mode);
        const row = `${mode.padEnd(8)} ${label.padEnd(12)} ${String(n).padStart(5)} tx/batch, ${(data.length / n).toFixed(1).padStart(5)} B/tx`;
        if (mode === 'calldata') {
          // Since Pectra a data-heavy transaction pays the larger of EIP-2028 and the EIP-7623 floor.
          const gas = Math.max(Number(receipt.gasUsed), Number(calldataFloorGas(data)));
          perTx.set(`${mode}/${label}/${n}`, { gas: gas / n, blobGas: 0 });
          figure(`${row}: L1 gas per L2 tx (EIP-2028 alone ${Math.round(Number(receipt.gasUsed) / n)})`, gas / n, 'gas');
        } else {
          perTx.set(`${mode}/${label}/${n}`, { gas: Number(receipt.gasUsed) / n, blobGas: Number(receipt.blobGasUsed) / n });
          figure(`${row}: blob gas per L2 tx (+ ${Math.round(Number(receipt.gasUsed) / n)} gas)`, Number(receipt.blobGasUsed) / n, 'blob gas');
        }
      }
    }
  }
  // A reference price makes the two markets comparable: 10 gwei execution, 1 gwei blob base fee.
  for (const mode of ['calldata', 'blobs']) {
    const c = perTx.get(`${mode}/brotli q11/1000`)!;
    figure(`${mode}, brotli q11, 1000 tx/batch: cost per L2 tx at 10 gwei gas, 1 gwei blob gas`, c.gas * 10 + c.blobGas, 'gwei');
  }
}

/** `n` transfers among 200 accounts, amounts and memos as a wallet would send them (seeded). */
function batchOf(n: number, origin: number): L2Block {
  const rng = Rng.root(1).fork('rollup-cost');
  const users = Array.from({ length: 200 }, (_, i) => account(`bench-user-${i}`));
  const nonces = new Map<string, number>();
  const items = Array.from({ length: n }, () => {
    const from = rng.pick(users);
    const to = rng.pick(users);
    const nonce = nonces.get(from.name) ?? 0;
    nonces.set(from.name, nonce + 1);
    const amountWei = eth(rng.int(1, 500) / 100);
    const tx = signTx({ kind: 'transfer', from: from.address, to: to.address, amountWei, nonce, memo: new Uint8Array(0) }, from, 42161, 'secp256k1');
    return { type: 'tx' as const, tx };
  });
  return { origin, timestamp: 0, items };
}

async function post(l1: MemoryL1, contracts: RollupContracts, data: Uint8Array, mode: DataAvailability) {
  const c = carrier(data, mode);
  const header = { sequenceNumber: 0, afterDelayedRead: 0, notBeforeBlock: 0, deadlineBlock: 0, dataHash: keccakBytes(data) };
  const id = await contracts.inbox.addSequencerBatch({ from: account('sequencer').address, data: c.data, blobs: c.blobs }, header, c.argument);
  await l1.mine();
  const receipt = l1.receipt(id);
  if (receipt.status !== 'success') throw new Error(`batch reverted: ${receipt.revertReason}`);
  return receipt;
}
