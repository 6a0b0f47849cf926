import type { z } from 'zod';
import type { World } from '../kernel/world.ts';
import type { InvariantName } from '../kernel/violation.ts';

/**
 * `secure` implements every mitigation; a `twin` removes exactly one (named in `removes`)
 * so that some attack must be seen to break it; `reference` is a contrast system (a
 * sidechain, an exchange) run as designed, whose trust model the checkers expose.
 */
export type VariantKind = 'secure' | 'twin' | 'reference';

export interface VariantInfo {
  readonly kind: VariantKind;
  readonly summary: string;
  /** The one mitigation a twin removes. */
  readonly removes?: string;
}

export interface ProtocolInstance {
  /** What each invariant this protocol is checked against reads, by invariant name. */
  readonly subjects: Partial<Record<InvariantName, unknown>>;
  /** Honest activity of an ordinary session: funds move, so there is something to lose. */
  workload(world: World): Promise<void>;
  /**
   * The recovery phase after the operator is gone: time passes every window and each
   * honest user runs the protocol's own exit using only L1, published data and its own
   * records.
   */
  recover(world: World): Promise<void>;
}

export interface ProtocolDefinition<P = unknown> {
  readonly name: string;
  readonly summary: string;
  readonly variants: Readonly<Record<string, VariantInfo>>;
  readonly defaultPreset: string;
  /** Validates a preset's `params` (DESIGN §5: messages name the field, the value and the range). */
  readonly params: z.ZodType<P>;
  setup(world: World, options: { variant: string; params: P }): Promise<ProtocolInstance>;
}

export function defineProtocol<P>(definition: ProtocolDefinition<P>): ProtocolDefinition<P> {
  if (!Object.values(definition.variants).some((v) => v.kind !== 'twin')) {
    throw new Error(`protocol ${definition.name} needs a secure or reference variant`);
  }
  return definition;
}

export function variantsOfKind(protocol: ProtocolDefinition<unknown>, filter: 'secure' | 'vulnerable' | 'all'): string[] {
  return Object.entries(protocol.variants)
    .filter(([, v]) => filter === 'all' || (filter === 'vulnerable') === (v.kind === 'twin'))
    .map(([name]) => name);
}
