import { z } from 'zod';

/** Channel parameters; presets in fixtures/protocols/ set them from the real systems (REFERENCE.md). */
export const channelParams = z.strictObject({
  /**
   * Blocks a unilateral close waits before it can be finalized, during which a newer
   * co-signed state overrides it: LND's `to_self_delay`, Perun's challenge duration.
   * At least 10 (an honest party needs blocks to answer); at most 50,000, within the
   * adversary's 7-day offline budget. No default: every preset states its own.
   */
  challengePeriodBlocks: z.number().int().min(10).max(50_000),
  /** LN-style justice: a party shown to have closed with a revoked state forfeits its balance. */
  penalty: z.boolean(),
  /** Capacity the opener locks in each channel, in ether. @defaultValue 10 */
  capacityEth: z.number().positive().max(1_000_000).default(10),
  /** Off-chain payments in the ordinary session (the workload). @defaultValue 6 */
  payments: z.number().int().min(1).max(100_000).default(6),
});

export type ChannelParams = z.infer<typeof channelParams>;
