import { z } from 'zod';
import { zkParams } from '../zk/params.ts';

/**
 * A validium's parameters: the zk rollup's (its verifier, forced requests and escape hatch
 * are the same) plus its data committee. `dataAvailability` is where the sequencer posts a
 * batch when the committee cannot certify it (AnyTrust's fallback to L1).
 */
export const validiumParams = zkParams
  .safeExtend({
    /** Committee members (n), named `dac-1` … `dac-n`. */
    committeeSize: z.number().int().min(1).max(32),
    /** Distinct member signatures a certificate needs (k of n; AnyTrust: n − 1). */
    committeeThreshold: z.number().int().min(1).max(32),
    /** Shortest time a certificate may promise the data is served (Arbitrum DAS: the certificate's timeout). */
    dataRetentionSeconds: z.number().int().min(3_600).max(31_536_000),
  })
  .refine((p) => p.committeeThreshold <= p.committeeSize, { path: ['committeeThreshold'], message: 'must be at most committeeSize (k of n needs k <= n)' })
  .refine((p) => !p.users.some((u) => /^dac-\d+$/.test(u)), { path: ['users'], message: 'must not be named like committee members (dac-N)' });

export type ValidiumParams = z.infer<typeof validiumParams>;

/** Member names: `dac-1` … `dac-n`. */
export function memberNames(params: Pick<ValidiumParams, 'committeeSize'>): string[] {
  return Array.from({ length: params.committeeSize }, (_, i) => `dac-${i + 1}`);
}

/**
 * Members that must stay honest for every certified batch to have an honest signer who
 * serves it: a certificate needs k signatures, so k colluders can certify alone and
 * n − k + 1 honest members are needed (AnyTrust's N − 1 of N: two).
 */
export function honestMembersNeeded(params: Pick<ValidiumParams, 'committeeSize' | 'committeeThreshold'>): number {
  return params.committeeSize - params.committeeThreshold + 1;
}
