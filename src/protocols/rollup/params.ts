import { z } from 'zod';

const blocks = (max: number) => z.number().int().min(0).max(max);

/**
 * Parameters shared by every rollup variant, validated once when a preset loads. Windows
 * are named with their unit last; fixtures/protocols/*.json cite where each value comes
 * from (REFERENCE.md).
 */
export const rollupParams = z
  .strictObject({
    /** Chain id L2 signatures are bound to (42161 Arbitrum One, 10 OP Mainnet). */
    l2ChainId: z.number().int().min(1).max(4_294_967_295),
    /** Honest users. @defaultValue ["alice", "bob", "carol"] */
    users: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(2).max(16).default(['alice', 'bob', 'carol']),
    /** Delayed messages may be forced in after this many L1 blocks; also how late a batch may land after its origin (Arbitrum delayBlocks, OP seq_window_size). */
    forceInclusionDelayBlocks: blocks(1_000_000).min(2),
    /** The same bound in seconds, checked on L2 block timestamps (Arbitrum delaySeconds). */
    forceInclusionDelaySeconds: z.number().int().min(12).max(12_000_000),
    /** How far an L2 block's origin may be ahead of the L1 block its batch lands in (Arbitrum futureBlocks; OP 0). */
    futureBlocks: blocks(10_000),
    /** How far an L2 timestamp may run ahead of its batch's L1 block (Arbitrum futureSeconds, OP max_sequencer_drift). */
    futureSeconds: z.number().int().min(0).max(120_000),
    /** Arbitrum's delay buffer, or null where the chain has none. */
    delayBuffer: z
      .strictObject({
        maxBufferBlocks: blocks(1_000_000).min(1),
        thresholdBlocks: blocks(1_000_000).min(1),
        replenishRateBasisPoints: z.number().int().min(0).max(10_000),
      })
      .nullable(),
    /** Placeholder finality delay of a state root (Arbitrum confirmPeriodBlocks, OP proof maturity). */
    challengeWindowBlocks: blocks(10_000_000).min(1),
    /** Largest decompressed batch derivation accepts (Arbitrum MaxDecompressedLen 16 MiB, OP MAX_RLP_BYTES_PER_CHANNEL). */
    maxDecompressedBytes: z.number().int().min(4_096).max(1_000_000_000),
    compression: z.enum(['none', 'zlib', 'brotli']),
    dataAvailability: z.enum(['calldata', 'blobs']),
    /**
     * Independent parties (block explorers, blob archives, archive beacon nodes) that keep
     * batch blobs past the EIP-4844 retention window and serve them to anyone; 0: nobody
     * does. Every rollup posting blobs states this as an assumption: a user who needs the
     * data later and kept no copy depends on one. Unused with calldata, which L1 keeps forever.
     * @defaultValue 1
     */
    blobArchivers: z.number().int().min(0).max(8).default(1),
    /** Blocks between the first unposted L2 block and its batch. @defaultValue 5 (one minute) */
    batchIntervalBlocks: blocks(7_200).min(1).default(5),
    /** How often the operator's proposer posts a state root. @defaultValue 300 (one hour) */
    proposalIntervalBlocks: blocks(50_400).min(1).default(300),
    /** How long a user waits on the sequencer or a proposer before acting through L1 itself. @defaultValue 600 (two hours) */
    userPatienceBlocks: blocks(50_400).min(1).default(600),
    /** The secure sequencer re-stamps blocks this close to their deadline. @defaultValue 64 (two epochs) */
    postingMarginBlocks: blocks(10_000).min(1).default(64),
  })
  .refine((p) => p.delayBuffer === null || p.delayBuffer.thresholdBlocks <= p.delayBuffer.maxBufferBlocks, {
    path: ['delayBuffer', 'thresholdBlocks'],
    message: 'must be at most delayBuffer.maxBufferBlocks',
  })
  .refine((p) => p.postingMarginBlocks < p.forceInclusionDelayBlocks, {
    path: ['postingMarginBlocks'],
    message: 'must be smaller than forceInclusionDelayBlocks',
  });

export type RollupParams = z.infer<typeof rollupParams>;
