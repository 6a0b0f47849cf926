import type fc from 'fast-check';
import type { z } from 'zod';
import type { AdversaryBudget, World } from '../kernel/world.ts';
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
  /** Runs one honest fuzz move; a move that makes no sense in this state is a traced no-op, never a throw. */
  perform?(world: World, move: string, args: unknown): Promise<void>;
  /** L1 heights where a protocol window ends now, so time moves can land right before, at and after them. */
  deadlines?(world: World): readonly number[] | Promise<readonly number[]>;
}

/** An honest action the fuzzer may draw; arguments are plain JSON (they go into repro files). */
export interface HonestMove {
  readonly name: string;
  readonly arbitrary: fc.Arbitrary<unknown>;
  /** How often it is drawn relative to others (an adversary capability weighs 2). @defaultValue 4 */
  readonly weight?: number;
}

/** What the fuzzer may do to a protocol: honest moves, and which adversary capabilities apply. */
export interface FuzzProfile<P> {
  /** Parties adversary moves may name (censor, take offline…). */
  parties(params: P): readonly string[];
  /** Of those, the ones whose L1 transactions protect everyone (watchtowers): censorship and outages aim at them more often. @defaultValue none */
  guardians?(params: P): readonly string[];
  readonly moves: readonly HonestMove[];
  /** Names of registered capabilities that make sense against this protocol. */
  readonly capabilities: readonly string[];
  /**
   * The adversary budget within which the secure variant promises safety (e.g. censorship
   * shorter than the challenge window). Fuzzing beyond it would report the stated
   * assumption, not a bug. @defaultValue the kernel's defaults
   */
  budget?(params: P): Partial<AdversaryBudget>;
}

/** Where the data an L1-only exit needs is kept. */
export type DataAvailability = 'l1' | 'committee' | 'operator' | 'users';

/** What makes a new state count: a proof L1 checks, both parties' signatures, or someone's word. */
export type StateValidity = 'fraud-proof' | 'validity-proof' | 'co-signature' | 'federation' | 'operator';

/**
 * The source of one time column of `l2adv classify`: a preset parameter by (dotted) path,
 * a number whose name ends in `Blocks` or `Seconds` (absent or null: this preset turns the
 * mechanism off); `none` when the design has no such L1-enforced bound; `n/a` when the
 * question does not apply (a channel has no sequencer to force a transaction past).
 */
export type WindowSource = { readonly param: string } | 'none' | 'n/a';

/** What users must take on trust by design; `l2adv classify` sets it beside what the attacks show. */
export interface TrustModel<P> {
  /** Whoever runs the system, as a user would name it, from the preset: "the custodian", "the federation (11 of 15)". */
  operator(params: P): string;
  /** A value, or one read from the preset when presets differ (a rollup posting to L1 or to a committee). */
  readonly dataAvailability: DataAvailability | ((params: P) => DataAvailability);
  /** How users name the committee when `dataAvailability` is `committee`, e.g. "the data committee (5 of 7)". @defaultValue "the data committee" */
  dataHolder?(params: P): string;
  readonly stateValidity: StateValidity | ((params: P) => StateValidity);
  /**
   * What the design takes for granted of parties other than the operator, in words, for
   * this preset: someone archives blob data past the retention window, a committee member
   * stays honest. An attack that breaks one of these shows the trust model at work, not a
   * bug (its expectation says so with `violated(…, { assumption })`). @defaultValue none
   */
  assumptions?(params: P): readonly string[];
  readonly windows: {
    /** How long an honest user has to act through L1 before an operator's move takes effect (a close, a root, a freeze). */
    readonly exit: WindowSource;
    /** How long the operator can keep a user's L1-submitted transaction out of the chain. */
    readonly forcedInclusion: WindowSource;
    /** From starting a withdrawal to being paid on L1, when everyone is honest. */
    readonly withdrawalDelay: WindowSource;
  };
}

export interface ProtocolDefinition<P = unknown> {
  readonly name: string;
  readonly summary: string;
  readonly variants: Readonly<Record<string, VariantInfo>>;
  readonly defaultPreset: string;
  /** Validates a preset's `params` (DESIGN §5: messages name the field, the value and the range). */
  readonly params: z.ZodType<P>;
  setup(world: World, options: { variant: string; params: P }): Promise<ProtocolInstance>;
  /** Present once the protocol can be fuzzed (`l2adv fuzz`). */
  readonly fuzz?: FuzzProfile<P>;
  /** Present once the protocol states its trust model (`l2adv classify` reads it). */
  readonly trust?: TrustModel<P>;
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
