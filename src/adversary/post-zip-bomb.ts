import fc from 'fast-check';
import { attackerIn } from '../protocols/rollup/session.ts';
import { defineCapability } from './capability.ts';

/**
 * DoubleUp Roll's "zip bomb": a transaction whose memo is megabytes of zeros — tiny once
 * compressed, past derivation's decompressed-size limit once inflated. A sequencer that
 * batches it posts a batch every honest node throws away, with every payment in it.
 */
export const postZipBomb = defineCapability<{ attacker: string; extraBytes: number }>({
  name: 'post-zip-bomb',
  description: 'an attacker submits a transaction that compresses to almost nothing but inflates past the batch size limit',
  async apply(world, { attacker, extraBytes }) {
    const party = attackerIn(world, attacker);
    if (!party) return `no attacker named ${attacker}: nothing sent`;
    const size = party.rules.maxDecompressedBytes + extraBytes;
    const { result } = await party.pay(world, party.address, 0n, zeroMemo(size));
    return `${attacker} submits a ${size.toLocaleString('en-US')}-byte zero memo to itself: ${result.status}`;
  },
  // The attacker `attacker-pays-merchant` spawns: a rollback only pays after a payment.
  arbitrary: () => fc.record({ attacker: fc.constant('mallory'), extraBytes: fc.integer({ min: 1, max: 65_536 }) }),
});

/**
 * Memos are never written to once made, so every bomb is a view of one zero buffer: a
 * fresh 16 MiB array per bomb cost the fuzzer more in allocation and GC than the rest of
 * the run.
 */
let zeros = new Uint8Array(new ArrayBuffer(0));

function zeroMemo(size: number): Uint8Array<ArrayBuffer> {
  if (zeros.length < size) zeros = new Uint8Array(new ArrayBuffer(size));
  return zeros.subarray(0, size);
}
