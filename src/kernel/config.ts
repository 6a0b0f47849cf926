import { keccakText, type Hex } from '../crypto/keccak.ts';
import type { SignatureScheme } from '../crypto/signatures.ts';
import { canonicalJson } from './canonical.ts';

export type L1Backend = 'memory' | 'anvil';

/** Everything that determines a run. Same config + same code ⇒ same traceHash. */
export interface RunConfig {
  readonly protocol: string;
  readonly variant: string;
  readonly preset: string;
  readonly l1: L1Backend;
  readonly seed: number;
  readonly signatures: SignatureScheme;
  /** Preset parameters after validation and overrides. */
  readonly params: Readonly<Record<string, unknown>>;
}

export function configHash(config: RunConfig): Hex {
  return keccakText(canonicalJson(config));
}
