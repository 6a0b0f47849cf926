import type { VariantInfo } from '../define.ts';
import { SECURE_ROLLUP, type RollupFeatures } from '../rollup/features.ts';

interface VariantSpec {
  readonly info: VariantInfo;
  /** The one flag a twin turns off; empty for the secure variant. */
  readonly removes: Partial<RollupFeatures>;
}

/**
 * The optimistic rollup's variants. A twin is one line: its summary and the single
 * feature flag it switches off; the fraud-proof twins (no-fraud-proof,
 * short-challenge-window, instant-withdrawal) each switch off one flag of the finality rule.
 */
export const OPTIMISTIC_VARIANTS = {
  secure: {
    info: {
      kind: 'secure',
      summary:
        'batch data on L1 (calldata or blobs); forced inclusion through the delayed inbox; sequencer soft-confirms only what it can post within the time bounds and size limit; merchant credits only L1-posted payments',
    },
    removes: {},
  },
  'no-forced-inclusion': {
    info: { kind: 'twin', summary: 'delayed messages enter the chain only when the sequencer chooses', removes: 'force inclusion through the delayed inbox' },
    removes: { forcedInclusion: false },
  },
  'commit-without-data': {
    info: { kind: 'twin', summary: 'the inbox accepts a batch as a bare hash, its data never published', removes: 'the data-on-L1 rule for batches' },
    removes: { requireBatchData: false },
  },
  'unchecked-batch-bounds': {
    info: { kind: 'twin', summary: 'the sequencer soft-confirms what it cannot post in time and lets late batches land', removes: "the sequencer's time-bound check (DoubleUp Roll \"overtime\")" },
    removes: { sequencerChecksBatchBounds: false },
  },
  'no-zip-bomb-limit': {
    info: { kind: 'twin', summary: 'the sequencer batches transactions whose decompressed size exceeds what derivation accepts', removes: "the sequencer's decompressed-size limit (DoubleUp Roll \"zip bomb\")" },
    removes: { sequencerChecksDecompressedSize: false },
  },
  'merchant-accepts-soft': {
    info: { kind: 'twin', summary: "the merchant ships goods on the sequencer's soft confirmation", removes: 'crediting only L1-posted payments' },
    removes: { merchantPolicy: 'soft' },
  },
  'no-fraud-proof': {
    info: { kind: 'twin', summary: 'roots are bonded and wait out the window, but nothing can challenge them', removes: 'challenges with bisection fraud proofs' },
    removes: { fraudProofs: false },
  },
  'short-challenge-window': {
    info: { kind: 'twin', summary: 'the challenge window is two hours, shorter than L1 censorship can last', removes: 'a challenge window longer than censorship budget plus response time' },
    removes: { challengeWindow: 'short' },
  },
  'instant-withdrawal': {
    info: { kind: 'twin', summary: 'the bridge pays a withdrawal against any proposed root, final or not', removes: "the bridge's wait for a final root" },
    removes: { withdrawalsWaitForFinality: false },
  },
  'no-blob-archive': {
    info: {
      kind: 'twin',
      summary: 'batch blobs are pruned after the ~18-day retention window and nobody keeps a copy: a user who comes back later cannot rebuild the state its exit proof needs',
      removes: 'the stated assumption that someone archives blob data past the 4,096-epoch retention window',
    },
    removes: { blobArchive: 'none' },
  },
} as const satisfies Record<string, VariantSpec>;

export type OptimisticVariant = keyof typeof OPTIMISTIC_VARIANTS;

export function featuresOf(variant: string): RollupFeatures {
  const spec = (OPTIMISTIC_VARIANTS as Record<string, VariantSpec>)[variant];
  if (!spec) throw new Error(`unknown optimistic variant ${variant}`);
  return { ...SECURE_ROLLUP, ...spec.removes };
}
