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
 * Optional `data` shapes that reports draw (docs/trace.md). A protocol emits them through
 * World.recordWindow / recordBalance / recordL2Head; a trace without them still renders,
 * and a report never invents what they would have said.
 */
export interface WindowMark {
  /** `challenge`, `force inclusion`, `channel dispute`…: one report lane per name. */
  name: string;
  /** First and last L1 height of the window, inclusive. */
  fromL1: number;
  toL1: number;
  /** Emit again with the same id to move the window's end (a dispute extended, a channel settled). */
  id?: string;
  party?: string;
}

/** A party's balance, in wei as a decimal string (JSON has no bigint). */
export interface BalanceMark {
  party: string;
  wei: string;
  /** Where the balance lives when a party has several (`l1`, `l2`, `channel`); one plot line per party and ledger. */
  ledger?: string;
}

/** `soft`: the sequencer's feed; `safe`: derived from L1 data; `final`: derived from finalized L1. */
export type L2HeadName = 'soft' | 'safe' | 'final';

export interface L2HeadMark {
  head: L2HeadName;
  /** L2 block number of that head. */
  number: number;
}

/**
 * The run's history as a keccak hash chain: h[i] = keccak(h[i-1] ‖ canonical(event i)).
 * The last hash is the run's fingerprint: same seed, config and code ⇒ same traceHash.
 */
export class Trace {
  readonly events: TraceEvent[] = [];
  private head: Hex = ZERO_HASH;
  /**
   * Events appended but not yet chained. Most fuzz runs pass and nobody reads their hash,
   * so serializing and hashing wait until someone does. An event must then hash as it was
   * when appended: `frozen` freezes its plain data (a later write throws instead of
   * silently changing the hash); an event holding anything it cannot freeze (bytes, a Map,
   * a class instance) is serialized at once, as every event used to be.
   */
  private unchained: Array<TraceEvent | string> = [];

  append(event: Omit<TraceEvent, 'step'>): TraceEvent {
    // Fields spelled out in the order a spread gave them (a spread after `step` takes V8's
    // slow copy path, once per step); `data` only if the caller gave one.
    const { l1, phase, kind, actor, summary } = event;
    const step = this.events.length;
    const full: TraceEvent = 'data' in event ? { step, l1, phase, kind, actor, summary, data: event.data } : { step, l1, phase, kind, actor, summary };
    this.events.push(full);
    this.unchained.push(frozen(full) ? full : canonicalJson(full));
    return full;
  }

  get hash(): Hex {
    this.chain();
    return this.head;
  }

  get length(): number {
    return this.events.length;
  }

  private chain(): void {
    for (const line of this.unchained) this.head = keccakText(this.head + (typeof line === 'string' ? line : canonicalJson(line)));
    this.unchained = [];
  }
}

/**
 * Deep-freezes plain objects and arrays (primitives need nothing); false if `value` holds
 * anything else, which Object.freeze cannot make immutable (typed arrays, Maps, Sets) or
 * which belongs to live model state (class instances): those must be serialized now.
 */
function frozen(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true;
  const proto = Object.getPrototypeOf(value);
  if (Array.isArray(value) && proto === Array.prototype) {
    for (let i = 0; i < value.length; i++) if (!isFrozenLeaf(value[i])) return false;
  } else if (proto === Object.prototype || proto === null) {
    // for-in rather than Object.keys/values: no array per object, for every object of every event.
    for (const key in value) if (!isFrozenLeaf((value as Record<string, unknown>)[key])) return false;
  } else return false;
  Object.freeze(value);
  return true;
}

function isFrozenLeaf(value: unknown): boolean {
  return typeof value !== 'object' || value === null || frozen(value);
}
