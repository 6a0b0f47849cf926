import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../src/crypto/accounts.ts';
import type { Hex } from '../../src/crypto/keccak.ts';
import { sign } from '../../src/crypto/signatures.ts';
import { MODEL_CHAIN_ID } from '../../src/l1/contracts/channel-state.ts';
import { federationBridge, pegOutDigest, type FederationBridgeFacade, type FederationSignature, type PegOut } from '../../src/l1/contracts/federation-bridge.ts';
import type { Deployed, L1 } from '../../src/l1/L1.ts';
import { MemoryL1 } from '../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, balanceChanges, balancesOf, blockOutcome, corrupted, DifferentialCoverage, normalize, SequenceDriver, sharedAnvil } from './differential.ts';

/**
 * FederationBridge.sol against its TS twin under fast-check call sequences: peg-ins with
 * and without value, peg-outs signed by k of n members or fewer, by outsiders, by the same
 * member twice, with corrupted signatures or signatures over another withdrawal, paid twice,
 * or beyond the escrow; plus the constructor's refusals.
 */
const MEMBERS = ['member-1', 'member-2', 'member-3'].map(account) as [Account, Account, Account];
const [alice, bob, outsider] = ['alice', 'bob', 'mallory'].map(account) as [Account, Account, Account];
const USERS = { alice, bob } as const;
type User = keyof typeof USERS;

/** How one signature on a peg-out is made. */
type Approval = { by: 0 | 1 | 2 | 'outsider'; how: 'valid' | 'corrupted' | 'other-amount' | 'claims-other-member' };

type Op =
  | { kind: 'pegIn'; from: User; recipient: User; valueEth: number }
  | { kind: 'pegOut'; submitter: User; id: number; recipient: User; amount: 'small' | 'large' | 'zero'; approvals: Approval[] }
  | { kind: 'mine' }
  | { kind: 'advance'; blocks: number };

const user = fc.constantFrom<User>('alice', 'bob');
const approval: fc.Arbitrary<Approval> = fc.record({
  by: fc.constantFrom(0 as const, 1 as const, 2 as const, 0 as const, 1 as const, 2 as const, 'outsider' as const),
  how: fc.oneof({ weight: 6, arbitrary: fc.constant('valid' as const) }, { weight: 1, arbitrary: fc.constantFrom('corrupted' as const, 'other-amount' as const, 'claims-other-member' as const) }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('pegIn' as const), from: user, recipient: user, valueEth: fc.constantFrom(0, 1, 2, 5) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('pegOut' as const),
      submitter: user,
      id: fc.nat({ max: 3 }),
      recipient: user,
      amount: fc.constantFrom('small' as const, 'small' as const, 'small' as const, 'large' as const, 'zero' as const),
      approvals: fc.array(approval, { maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 5 }) }) },
);
const sequenceArb = fc.array(opArb, { minLength: 1, maxLength: 24, size: 'max' });

const AMOUNTS = { small: eth(1), large: eth(1_000), zero: 0n } as const;

class BridgeDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;

  private constructor(
    l1: L1,
    private readonly bridge: Deployed<FederationBridgeFacade>,
    private readonly start: Map<string, bigint>,
  ) {
    super(l1);
    this.names = new Map([[bridge.address.toLowerCase(), 'bridge']]);
  }

  static async on(l1: L1, threshold: number): Promise<BridgeDriver> {
    const bridge = await l1.deploy(federationBridge, { chainId: MODEL_CHAIN_ID, members: MEMBERS.map((m) => m.address), threshold });
    const driver = new BridgeDriver(l1, bridge, await balancesOf(l1, [alice.address, bob.address, bridge.address]));
    driver.observed.push(normalize({ threshold: await bridge.threshold(), members: await bridge.members() }, driver.names));
    return driver;
  }

  protected async apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'pegIn':
        await this.bridge.pegIn({ from: USERS[op.from].address, value: eth(op.valueEth) }, USERS[op.recipient].address);
        return;
      case 'pegOut': {
        const pegOut: PegOut = { id: op.id, recipient: USERS[op.recipient].address, amountWei: AMOUNTS[op.amount] };
        await this.bridge.pegOut({ from: USERS[op.submitter].address }, pegOut, op.approvals.map((a) => this.signature(pegOut, a)));
        return;
      }
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  private signature(pegOut: PegOut, a: Approval): FederationSignature {
    const signer = a.by === 'outsider' ? outsider : MEMBERS[a.by];
    const signed = a.how === 'other-amount' ? { ...pegOut, amountWei: pegOut.amountWei + 1n } : pegOut;
    const signature = sign('secp256k1', signer, pegOutDigest(MODEL_CHAIN_ID, this.bridge.address, signed));
    if (a.how === 'corrupted') return { signer: signer.address, signature: corrupted(signature, 11) as Hex };
    // A valid signature presented as another member's: it must count for no one.
    if (a.how === 'claims-other-member') return { signer: MEMBERS[(MEMBERS.indexOf(signer) + 1) % MEMBERS.length]!.address, signature };
    return { signer: signer.address, signature };
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    const paid: boolean[] = [];
    for (let id = 0; id <= 3; id++) paid.push(await this.bridge.isPaid(id));
    this.observed.push({
      block: block.number,
      txs: blockOutcome(block, this.names),
      escrowedWei: await this.bridge.escrowedWei(),
      escrow: await this.l1.balanceOf(this.bridge.address),
      paid,
      balances: await balanceChanges(this.l1, [alice.address, bob.address], this.start),
    });
  }
}

const coverage = new DifferentialCoverage((reason) => reason.replace(/\d+/g, 'N'));
const RUNS_PER_THRESHOLD = 8;

describe('FederationBridge differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each([1, 2, 3])('%i of 3: every call sequence gives the same receipts, events, reverts, escrow and payouts', async (threshold) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: [alice, bob].map((who) => who.address),
      fundWei: eth(1_000),
      play: async (l1, ops) => (await BridgeDriver.on(l1, threshold)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS_PER_THRESHOLD,
      seed: 20 + threshold,
    });
  });

  it('the sequences above reached both events and every revert a caller can cause', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(3 * RUNS_PER_THRESHOLD);
    expect([...coverage.events].sort()).toEqual(['PegIn', 'PegOut']);
    expect([...coverage.reasons].sort()).toEqual([
      'peg-in needs value',
      'peg-out N needs N of N federation signatures, got N',
      'peg-out N was already paid',
      'peg-out exceeds the escrow',
      'peg-out needs an amount',
    ]);
  });

  it.each([
    ['a member listed twice', [MEMBERS[0].address, MEMBERS[1].address, MEMBERS[0].address], 2],
    ['a threshold of zero', MEMBERS.map((m) => m.address), 0],
    ['a threshold above the member count', MEMBERS.map((m) => m.address), 4],
  ] as const)('refuses to deploy with %s, for the same reason on both backends', async (_what, members, threshold) => {
    const params = { chainId: MODEL_CHAIN_ID, members, threshold };
    const reasonOn = (deploy: Promise<unknown>) => deploy.then(() => 'deployed', (e: Error) => e.message.replace(/^constructor of FederationBridge reverted: /, ''));
    const expected = await reasonOn(new MemoryL1().deploy(federationBridge, params));
    expect(expected).toMatch(/^federation (members must be distinct|threshold \d+ must be between 1 and 3)$/);
    expect(await reasonOn(anvil().deploy(federationBridge, params))).toBe(expected);
  });
});
