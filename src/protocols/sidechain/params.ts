import { z } from 'zod';

/** Sidechain parameters; the preset in fixtures/protocols/ sets them (REFERENCE.md, sources in the file). */
export const sidechainParams = z
  .strictObject({
    /** Federation members (n): they sign sidechain blocks and hold the bridge's keys. */
    federationSize: z.number().int().min(1).max(64),
    /** Member signatures a sidechain block or a peg-out needs (k of n). */
    threshold: z.number().int().min(1).max(64),
    /**
     * L1 blocks the federation waits after a peg-out burn before signing it: the
     * federation's own policy, since L1 enforces no delay. At most 50,400 (7 days).
     */
    pegOutDelayBlocks: z.number().int().min(0).max(50_400),
    /** Users of the sidechain. @defaultValue ["alice", "bob"] */
    users: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(2).max(8).default(['alice', 'bob']),
  })
  .refine((p) => p.threshold <= p.federationSize, { message: 'threshold must not exceed federationSize (k of n needs k <= n)', path: ['threshold'] })
  .refine((p) => new Set(p.users).size === p.users.length && !p.users.some((u) => u.startsWith('federation-')), {
    message: 'users must be distinct and not named like federation members (federation-N)',
    path: ['users'],
  });

export type SidechainParams = z.infer<typeof sidechainParams>;

/** Member actor names: `federation-1` … `federation-n`. */
export function memberNames(params: Pick<SidechainParams, 'federationSize'>): string[] {
  return Array.from({ length: params.federationSize }, (_, i) => `federation-${i + 1}`);
}
