import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Account } from '../../src/crypto/accounts.ts';
import { keccakText, type Hex } from '../../src/crypto/keccak.ts';
import { sign } from '../../src/crypto/signatures.ts';
import { MODEL_CHAIN_ID } from '../../src/l1/contracts/channel-state.ts';
import { certificateDigest, dataCommittee, type CommitteeSignature, type DataCommitteeFacade } from '../../src/l1/contracts/data-committee.ts';
import type { Deployed, L1 } from '../../src/l1/L1.ts';
import { MemoryL1 } from '../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../src/l1/units.ts';
import { assertSameOnBothBackends, blockOutcome, corrupted, DifferentialCoverage, normalize, SequenceDriver, sharedAnvil } from './differential.ts';

/**
 * DataCommittee.sol against its TS twin under fast-check call sequences: certificates
 * signed by k of n members or fewer, by outsiders, by one member repeated, with corrupted
 * signatures, signatures over another hash, or a valid signature claimed for another
 * member, with an expiry that covers the retention or falls short; for the secure
 * contract and the `duplicate-signers` twin; plus the constructor's refusals.
 */
const MEMBERS = ['dac-1', 'dac-2', 'dac-3'].map(account) as [Account, Account, Account];
const [poster, outsider] = ['sequencer', 'mallory'].map(account) as [Account, Account];
const RETENTION = 86_400;
const HASHES = [0, 1, 2].map((i) => keccakText(`batch ${i}`));

type Approval = { by: 0 | 1 | 2 | 'outsider'; how: 'valid' | 'corrupted' | 'other-hash' | 'claims-other-member' };
type Op = { kind: 'certify'; hash: 0 | 1 | 2; expiry: 'covers' | 'short'; approvals: Approval[] } | { kind: 'mine' } | { kind: 'advance'; blocks: number };

const approval: fc.Arbitrary<Approval> = fc.record({
  by: fc.constantFrom(0 as const, 1 as const, 2 as const, 0 as const, 1 as const, 2 as const, 'outsider' as const),
  how: fc.oneof({ weight: 6, arbitrary: fc.constant('valid' as const) }, { weight: 1, arbitrary: fc.constantFrom('corrupted' as const, 'other-hash' as const, 'claims-other-member' as const) }),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('certify' as const),
      hash: fc.constantFrom(0 as const, 1 as const, 2 as const),
      expiry: fc.constantFrom('covers' as const, 'covers' as const, 'short' as const),
      approvals: fc.array(approval, { maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.constant({ kind: 'mine' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), blocks: fc.integer({ min: 1, max: 5 }) }) },
);
const sequenceArb = fc.array(opArb, { minLength: 1, maxLength: 20, size: 'max' });

class CommitteeDriver extends SequenceDriver<Op> {
  private readonly names: Map<string, string>;

  private constructor(
    l1: L1,
    private readonly dac: Deployed<DataCommitteeFacade>,
  ) {
    super(l1);
    this.names = new Map([[dac.address.toLowerCase(), 'committee'], ...HASHES.map((h, i): [string, string] => [h, `hash#${i}`])]);
  }

  static async on(l1: L1, threshold: number, distinctSigners: boolean): Promise<CommitteeDriver> {
    const dac = await l1.deploy(dataCommittee, { chainId: MODEL_CHAIN_ID, members: MEMBERS.map((m) => m.address), threshold, minRetentionSeconds: RETENTION, distinctSigners });
    const driver = new CommitteeDriver(l1, dac);
    driver.observed.push(normalize({ threshold: await dac.threshold(), members: await dac.members() }, driver.names));
    return driver;
  }

  protected async apply(op: Op): Promise<void> {
    switch (op.kind) {
      case 'certify': {
        const expirySeconds = this.l1.head().timestamp + RETENTION + (op.expiry === 'covers' ? 3_600 : -60);
        const dataHash = HASHES[op.hash]!;
        await this.dac.certify({ from: poster.address }, { dataHash, expirySeconds, signatures: op.approvals.map((a) => this.signature(dataHash, expirySeconds, a)) });
        return;
      }
      case 'mine':
        await this.mine();
        return;
      case 'advance':
        await this.advance(op.blocks);
    }
  }

  private signature(dataHash: Hex, expirySeconds: number, a: Approval): CommitteeSignature {
    const signer = a.by === 'outsider' ? outsider : MEMBERS[a.by];
    const signedHash = a.how === 'other-hash' ? HASHES[(HASHES.indexOf(dataHash) + 1) % HASHES.length]! : dataHash;
    const signature = sign('secp256k1', signer, certificateDigest(MODEL_CHAIN_ID, this.dac.address, signedHash, expirySeconds));
    if (a.how === 'corrupted') return { signer: signer.address, signature: corrupted(signature, 7) as Hex };
    // A valid signature presented as another member's: it must count for no one.
    if (a.how === 'claims-other-member') return { signer: MEMBERS[(MEMBERS.indexOf(signer) + 1) % MEMBERS.length]!.address, signature };
    return { signer: signer.address, signature };
  }

  protected async mine(): Promise<void> {
    const block = await this.l1.mine();
    const until: number[] = [];
    for (const h of HASHES) until.push(await this.dac.certifiedUntil(h));
    this.observed.push({ block: block.number, txs: blockOutcome(block, this.names), certifiedUntil: until });
  }
}

const coverage = new DifferentialCoverage((reason) => reason.replace(/0x[0-9a-f]{8}/, 'HASH').replace(/\d+/g, 'N'));
const RUNS = 8;
const SETUPS = [
  [2, true],
  [3, true],
  [2, false],
] as const;

describe('DataCommittee differential: Solidity on anvil ≡ TS on MemoryL1', () => {
  const anvil = sharedAnvil();

  it.each(SETUPS)('%i of 3 (distinct signers: %s): every call sequence gives the same receipts, events, reverts and certified hashes', async (threshold, distinct) => {
    await assertSameOnBothBackends(anvil(), {
      sequences: sequenceArb,
      funded: [poster.address],
      fundWei: eth(1_000),
      play: async (l1, ops) => (await CommitteeDriver.on(l1, threshold, distinct)).play(ops),
      record: (observed) => coverage.record(observed),
      runs: RUNS,
      seed: 40 + threshold + (distinct ? 0 : 10),
    });
  });

  it('the sequences above reached the event and every revert a caller can cause', () => {
    expect(coverage.runs, 'run the whole file: this checks what the differential runs above covered').toBe(SETUPS.length * RUNS);
    expect([...coverage.events]).toEqual(['DataCertified']);
    expect([...coverage.reasons].sort()).toEqual(['certificate expires at N, before the N-second retention from N', 'data HASH needs N of N committee signatures, got N']);
  });

  it.each([
    ['a member listed twice', [MEMBERS[0].address, MEMBERS[1].address, MEMBERS[0].address], 2],
    ['a threshold of zero', MEMBERS.map((m) => m.address), 0],
    ['a threshold above the member count', MEMBERS.map((m) => m.address), 4],
  ] as const)('refuses to deploy with %s, for the same reason on both backends', async (_what, members, threshold) => {
    const params = { chainId: MODEL_CHAIN_ID, members, threshold, minRetentionSeconds: RETENTION, distinctSigners: true };
    const reasonOn = (deploy: Promise<unknown>) => deploy.then(() => 'deployed', (e: Error) => e.message.replace(/^constructor of DataCommittee reverted: /, ''));
    const expected = await reasonOn(new MemoryL1().deploy(dataCommittee, params));
    expect(expected).toMatch(/^committee (members must be distinct|threshold \d+ must be between 1 and 3)$/);
    expect(await reasonOn(anvil().deploy(dataCommittee, params))).toBe(expected);
  });
});
