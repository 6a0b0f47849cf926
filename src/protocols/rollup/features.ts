import type { AcceptancePolicy } from './merchant.ts';

/**
 * The mitigations of the shared rollup machinery, one flag each. A protocol's secure
 * variant turns all of them on; each vulnerable twin turns exactly one off. Later issues
 * add theirs here (fraud proofs, challenge window length, withdrawal finality).
 */
export interface RollupFeatures {
  /** Anyone can force delayed messages in after the delay (twin `no-forced-inclusion`). */
  readonly forcedInclusion: boolean;
  /** The inbox accepts only batches whose data is on L1 (twin `commit-without-data`). */
  readonly requireBatchData: boolean;
  /** The sequencer only soft-confirms what it can post within the time bounds (twin `unchecked-batch-bounds`). */
  readonly sequencerChecksBatchBounds: boolean;
  /** The sequencer refuses what would exceed the decompressed-size limit (twin `no-zip-bomb-limit`). */
  readonly sequencerChecksDecompressedSize: boolean;
  /** The merchant's acceptance policy (twin `merchant-accepts-soft`). */
  readonly merchantPolicy: AcceptancePolicy;
  /** Roots can be challenged and disproven by bisection to a one-step proof (twin `no-fraud-proof`). */
  readonly fraudProofs: boolean;
  /** The preset's challenge window, or one shorter than L1 censorship can last (twin `short-challenge-window`). */
  readonly challengeWindow: 'preset' | 'short';
  /** The bridge pays withdrawals only against final roots (twin `instant-withdrawal`). */
  readonly withdrawalsWaitForFinality: boolean;
  /**
   * The preset's blob archivers keep batch blobs past the retention window, or nobody does
   * (twin `no-blob-archive`): not a mechanism of the rollup but the assumption it states.
   */
  readonly blobArchive: 'preset' | 'none';
}

export const SECURE_ROLLUP: RollupFeatures = {
  forcedInclusion: true,
  requireBatchData: true,
  sequencerChecksBatchBounds: true,
  sequencerChecksDecompressedSize: true,
  merchantPolicy: 'l1-posted',
  fraudProofs: true,
  challengeWindow: 'preset',
  withdrawalsWaitForFinality: true,
  blobArchive: 'preset',
};
