import { keccakText, ZERO_HASH, type Hex } from '../crypto/keccak.ts';
import { canonicalJson } from './canonical.ts';

/** The columns of one trace line; docs/trace.md documents them. */
export interface TraceEvent {
  /** Index of the step in the run, from 0. */
  step: number;
  /** L1 height when the event happened. */
  l1: number;
  phase: 'setup' | 'safety' | 'recovery';
  /** What happened: `action`, `tx`, `block`, `reorg`, `adversary`, `violation`, `note`… */
  kind: string;
  actor: string;
  /** One line a human can read. */
  summary: string;
  data?: unknown;
}

/**
 * The run's history as a keccak hash chain: h[i] = keccak(h[i-1] ‖ canonical(event i)).
 * The last hash is the run's fingerprint: same seed, config and code ⇒ same traceHash.
 */
export class Trace {
  readonly events: TraceEvent[] = [];
  private head: Hex = ZERO_HASH;

  append(event: Omit<TraceEvent, 'step'>): TraceEvent {
    const full = { step: this.events.length, ...event };
    this.events.push(full);
    this.head = keccakText(this.head + canonicalJson(full));
    return full;
  }

  get hash(): Hex {
    return this.head;
  }

  get length(): number {
    return this.events.length;
  }
}
