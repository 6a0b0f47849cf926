import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../src/crypto/accounts.ts';
import { keccakText, type Hex } from '../../src/crypto/keccak.ts';
import { sign } from '../../src/crypto/signatures.ts';
import { channelIdOf, MODEL_CHAIN_ID, stateDigest, type ChannelState, type SigningDomain } from '../../src/l1/contracts/channel-state.ts';
import { channelAdjudicator, type AdjudicatorParams, type ChannelAdjudicatorFacade } from '../../src/l1/contracts/channel.ts';
import type { Deployed, L1 } from '../../src/l1/L1.ts';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, balanceChanges, balancesOf, blockOutcome, corrupted, DifferentialCoverage, normalize, SequenceDriver, sharedAnvil, viewOrRevert } from './differential.ts';

/**
 * ChannelAdjudicator.sol against its TS twin under fast-check call sequences, for the
 * secure rules and each twin's flag: opens (duplicate, zero value, self-channel), closes,
 * challenges, finalizes and cooperative conclusions from participants and outsiders, with
 * states that are stale, over capacity or final, and signatures that are right, swapped,
 * by a stranger, over another channel's state, corrupted or missing; time moves by mined
 * blocks and skips so windows close under the calls.
 */
const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(account) as [Account, Account, Account];
const PEOPLE = { alice, bob, carol } as const;
type Person = keyof typeof PEOPLE;

/** The channels a sequence can name: three that may be opened, and one that never exists. */
const SLOTS = [
  { opener: alice, counterparty: bob, nonce: 0n, capacityWei: eth(3) },
  { opener: alice, counterparty: bob, nonce: 1n, capacityWei: eth(2) },
  { opener: bob, counterparty: alice, nonce: 0n, capacityWei: eth(1) },
] as const;
const UNKNOWN_CHANNEL = keccakText('a channel no one opened');

type Signing = 'both' | 'swapped' | 'stranger' | 'other-channel' | 'older-version' | 'corrupted' | 'missing';

type Op =
  | { kind: 'open'; slot: number; value: 'capacity' | 'zero'; self: boolean }
  | { kind: 'close' | 'challenge' | 'conclude'; from: Person; slot: number; version: number; share: number | 'over-capacity'; isFinal: boolean; signing: Signing }
  | { kind: 'finalize'; from: Person; slot: number }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const person = fc.constantFrom<Person>('alice', 'alice', 'alice', 'bob', 'bob', 'bob', 'carol', 'carol');
// Mostly the first channel, so that sequences get deep into one dispute; SLOTS.length is the unknown channel.
const slot = fc.constantFrom(0, 0, 0, 0, 0, 1, 1, 2, SLOTS.length);
const anyOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('open' as const),
      slot: fc.nat({ max: SLOTS.length - 1 }),
      value: fc.constantFrom('capacity' as const, 'capacity' as const, 'capacity' as const, 'zero' as const),
      self: fc.constantFrom(false, false, false, true),
    }),
  },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constantFrom('close' as const, 'close' as const, 'challenge' as const, 'challenge' as const, 'conclude' as const),
      from: person,
      slot,
      version: fc.nat({ max: 9 }),
      share: fc.oneof({ weight: 6, arbitrary: fc.nat({ max: 100 }) }, { weight: 1, arbitrary: fc.constant('over-capacity' as const) }),
      isFinal: fc.boolean(),
      signing: fc.oneof(
        { weight: 12, arbitrary: fc.constant<Signing>('both') },
        { weight: 1, arbitrary: fc.constantFrom<Signing>('swapped', 'stranger', 'other-channel', 'older-version', 'corrupted', 'missing') },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('finalize' as const), from: person, slot }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 8 }) }) },
);
/** Every sequence starts by opening the first channel: without one, nearly every call is an `unknown channel` revert. */
const sequenceArb: fc.Arbitrary<Op[]> = fc
  .array(anyOp, { minLength: 1, maxLength: 30, size: 'max' })
  .map((ops): Op[] => [{ kind: 'open', slot: 0, value: 'capacity', self: false }, ...ops]);

/** One backend's run of a sequence. */
class ChannelDriver extends SequenceDriver<Op> {
  private readonly ids: Hex[];
  private readonly names: Map<string, string>;

  private constructor(
    l1: L1,
    private readonly adjudicator: Deployed<ChannelAdjudicatorFacade>,
    private readonly domain: SigningDomain,
    private readonly start: Map<string, bigint>,
  ) {
    super(l1);
    this.ids = [...SLOTS.map((s) => channelIdOf(domain, s.opener.address, s.counterparty.address, s.nonce)), UNKNOWN_CHANNEL];
    this.names = new Map([[adjudicator.address.toLowerCase(), 'adjudicator'], ...this.ids.map((id, i): [string, string] => [id.toLowerCase(), `channel#${i}`])]);
  }

  static async on(l1: L1, params: AdjudicatorParams): Promise<ChannelDriver> {
    const adjudicator = await l1.deploy(channelAdjudicator, params);
    const domain = await adjudicator.signingDomain();
    const driver = new ChannelDriver(l1, adjudicator, domain, await balancesOf(l1, [alice.address, bob.address, carol.address, adjudicator.address]));
    driver.observed.push(normalize({ domain, window: await adjudicator.challengePeriodBlocks(), penalty: await adjudicator.penaltyMode() }, driver.names));
    return driver;
  }

  protected async apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'open': {
        const s = SLOTS[op.slot]!;
        const counterparty = op.self ? s.opener.address : s.counterparty.address;
        await this.adjudicator.open({ from: s.opener.address, value: op.value === 'zero' ? 0n : s.capacityWei }, counterparty, s.nonce);
        return;
      }
      case 'close':
      case 'challenge':
      case 'conclude': {
        const state = this.stateOf(op);
        await this.adjudicator[op.kind]({ from: PEOPLE[op.from].address }, state, this.signaturesOf(state, op));
        return;
      }
      case 'finalize':
        await this.adjudicator.finalize({ from: PEOPLE[op.from].address }, this.ids[op.slot]!);
        return;
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  private stateOf(op: Extract<Op, { share: unknown }>): ChannelState {
    const capacity = (SLOTS[op.slot] ?? SLOTS[0]).capacityWei;
    const first = op.share === 'over-capacity' ? capacity : (capacity * BigInt(op.share)) / 100n;
    const second = op.share === 'over-capacity' ? 1n : capacity - first;
    return { channelId: this.ids[op.slot]!, version: op.version, balances: [first, second], isFinal: op.isFinal };
  }

  /** The participants of the slot sign (in the adjudicator's order), or someone else, or over something else. */
  private signaturesOf(state: ChannelState, op: Extract<Op, { signing: unknown }>): readonly [Hex, Hex] {
    const s = SLOTS[op.slot] ?? SLOTS[0];
    const by = (who: Account, what: ChannelState = state) => sign('secp256k1', who, stateDigest(this.domain, what));
    switch (op.signing) {
      case 'both':
        return [by(s.opener), by(s.counterparty)];
      case 'swapped':
        return [by(s.counterparty), by(s.opener)];
      case 'stranger':
        return [by(s.opener), by(carol)];
      case 'other-channel': {
        // Valid only where the digest leaves the channel id out (the unbound-signature twin).
        const elsewhere = { ...state, channelId: this.ids[(op.slot + 1) % SLOTS.length]! };
        return [by(s.opener, elsewhere), by(s.counterparty, elsewhere)];
      }
      case 'older-version': {
        const older = { ...state, version: Math.max(0, state.version - 1), isFinal: !state.isFinal };
        return [by(s.opener, older), by(s.counterparty, older)];
      }
      case 'corrupted':
        return [by(s.opener), corrupted(by(s.counterparty), op.version * 7 + 3) as Hex];
      case 'missing':
        return [by(s.opener), '0x'];
    }
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    const records = [];
    for (const id of this.ids) records.push(await viewOrRevert(() => this.adjudicator.channel(id)));
    this.observed.push({
      block: block.number,
      txs: blockOutcome(block, this.names),
      records: normalize(records, this.names),
      held: await this.adjudicator.held(),
      escrow: await this.l1.balanceOf(this.adjudicator.address),
      paid: await balanceChanges(this.l1, [alice.address, bob.address, carol.address], this.start),
    });
  }
}

const VARIANTS: ReadonlyArray<[string, AdjudicatorParams]> = [
  ['secure rules', { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 6, penalty: false, requiresNewerVersion: true, bindsChannel: true }],
  ['secure rules with the LN penalty', { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 6, penalty: true, requiresNewerVersion: true, bindsChannel: true }],
  ['no-challenge-period (window 0)', { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 0, penalty: false, requiresNewerVersion: true, bindsChannel: true }],
  ['accepts-stale-version (no newer-version check), with penalty', { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 6, penalty: true, requiresNewerVersion: false, bindsChannel: true }],
  ['unbound-signature (channel id not signed)', { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 6, penalty: false, requiresNewerVersion: true, bindsChannel: false }],
];

/** Outcomes the differential runs reached, so a generator that only ever hits one revert cannot pass for a test. */
const coverage = new DifferentialCoverage();

/** Each run costs a few hundred anvil calls: a bounded number of sequences per variant keeps the file near ten seconds. */
const RUNS_PER_VARIANT = 8;

describe('ChannelAdjudicator differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(VARIANTS.map(([name, params], i) => [name, params, i] as const))('%s: every call sequence gives the same receipts, events, reverts, records and payouts', async (_name, params, i) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: [alice, bob, carol].map((who) => who.address),
      fundWei: eth(1_000),
      play: async (l1, ops) => (await ChannelDriver.on(l1, params)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_VARIANT,
      // A seed per variant: fixed, so CI is reproducible; different, so the variants see different sequences.
      seed: 8 + i,
    });
  });

  it('the sequences above reached every event and every revert a caller can cause, on both backends alike', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(VARIANTS.length * RUNS_PER_VARIANT);
    expect([...coverage.events].sort()).toEqual(['Challenged', 'Closing', 'Opened', 'Settled']);
    // Every require of the contract but "payout exceeds what the channel holds", which no call can reach: balances always sum to what is held.
    expect([...coverage.reasons].sort()).toEqual([
      'a channel needs two different participants',
      'balances do not add up to the channel capacity',
      'challenge period is not over',
      'challenge period is over',
      'channel already exists',
      'channel has no close to challenge',
      'channel is already settled',
      'channel is not closing',
      'channel is not open',
      'only a final state concludes a channel',
      'only a participant can close a channel',
      'open needs the channel capacity as value',
      'state is not signed by both participants',
      'unknown channel',
      'version is not newer than the registered one',
    ]);
  });
});
