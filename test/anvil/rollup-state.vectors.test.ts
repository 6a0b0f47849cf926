import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { account, type Address } from '../../src/crypto/accounts.ts';
import { keccakText, ZERO_HASH, type Hex } from '../../src/crypto/keccak.ts';
import { hashPair, MerkleTree, rootFromProof, verifyMerkleProof, zeroHash } from '../../src/crypto/merkle.ts';
import { executeStep, MESSAGE_TREE_DEPTH, messageLeaf, updateLeaves, type AccountWitness, type StepWitness } from '../../src/l1/contracts/one-step-proof.ts';
import { messageToSolidity, stepWitnessToSolidity } from '../../src/l1/contracts/rollup-solidity.ts';
import { accountLeaf, stateRootOf, withdrawalLeaf, withdrawalProven, WITHDRAWAL_TREE_DEPTH, type WithdrawalLeaf } from '../../src/l1/contracts/rollup-state.ts';
import type { ContractSpec } from '../../src/l1/L1.ts';
import { applyTransaction, L2State, touchedBy, type Account } from '../../src/protocols/rollup/state.ts';
import type { L2Message } from '../../src/protocols/rollup/transaction.ts';
import { sharedAnvil } from './differential.ts';

/**
 * contracts/lib/RollupState.sol and contracts/OneStepProof.sol against the TypeScript they
 * transcribe, on fast-check vectors run through harness contracts by eth_call: every hash,
 * root and verdict the L1 contracts compute must be the one the model computes, or a proof
 * valid on one backend would fail on the other.
 */
type Views = Record<string, (...args: unknown[]) => Promise<unknown>>;

function harness(name: string, views: readonly string[], toSolidity?: ContractSpec<Views, object>['toSolidity']): ContractSpec<Views, object> {
  return { name, views, memory: () => ({}), toSolidity };
}

const rollupStateHarness = harness(
  'RollupStateHarness',
  ['hashPair', 'zeroHash', 'rootFromProof', 'verifyMerkleProof', 'accountLeaf', 'withdrawalLeaf', 'stateRootOf', 'withdrawalProven', 'messageLeaf', 'touchedBy', 'applyTransaction'],
  {
    messageLeaf: ([m]) => [messageToSolidity(m as L2Message)],
    touchedBy: ([m]) => [messageToSolidity(m as L2Message)],
    applyTransaction: ([pre, m]) => [pre, messageToSolidity(m as L2Message)],
  },
);
const oneStepHarness = harness('OneStepProofHarness', ['updateLeaves']);
const oneStepProver = harness('OneStepProver', ['executeStep'], { executeStep: ([pre, root, step, w]) => [pre, root, step, stepWitnessToSolidity(w as StepWitness)] });

const PEOPLE = ['alice', 'bob', 'carol', 'dave'].map((n) => account(n).address);
const hash = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString('hex')}` as Hex);
const person = fc.constantFrom(...PEOPLE);
const wei = fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.constantFrom(0n, 1n, 2n ** 255n));
const smallWei = fc.bigInt({ min: 0n, max: 1000n });
const maybeNonce = fc.option(fc.nat({ max: 3 }), { nil: undefined });
const message: fc.Arbitrary<L2Message> = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), to: person, amountWei: smallWei }),
  fc.record({ kind: fc.constant('transfer' as const), from: person, to: person, amountWei: smallWei, nonce: maybeNonce }, { requiredKeys: ['kind', 'from', 'to', 'amountWei'] }),
  fc.record({ kind: fc.constant('withdraw' as const), from: person, to: person, amountWei: smallWei, all: fc.boolean(), nonce: maybeNonce }, { requiredKeys: ['kind', 'from', 'to', 'amountWei'] }),
);
const RUNS = { numRuns: 40 };

describe('RollupState.sol computes what the TypeScript model computes', () => {
  const anvil = sharedAnvil();
  const deployed = async (spec: ContractSpec<Views, object>): Promise<Views> => (await anvil().deploy(spec, {})) as unknown as Views;

  it('hashes pairs, empty subtrees and roots from proofs alike', async () => {
    const c = await deployed(rollupStateHarness);
    for (const level of [0, 1, 2, 23, 24]) expect(await c.zeroHash!(level)).toBe(zeroHash(level));
    await fc.assert(
      fc.asyncProperty(hash, hash, fc.array(hash, { maxLength: 24 }), fc.nat({ max: 2 ** 24 - 1 }), async (a, b, siblings, index) => {
        expect(await c.hashPair!(a, b)).toBe(hashPair(a, b));
        expect(await c.rootFromProof!(a, index, siblings)).toBe(rootFromProof(a, index, siblings));
      }),
      RUNS,
    );
  });

  it('verifies Merkle proofs of real trees, and refuses the same proofs bent', async () => {
    const c = await deployed(rollupStateHarness);
    await fc.assert(
      fc.asyncProperty(
        fc.array(hash, { minLength: 1, maxLength: 12 }),
        fc.nat(),
        fc.constantFrom('as-is', 'wrong-index', 'short', 'long', 'flipped-sibling', 'index-past-depth'),
        async (leaves, pick, bend) => {
          const depth = 6;
          const tree = new MerkleTree(depth);
          leaves.forEach((l, i) => tree.set(i, l));
          const index = pick % leaves.length;
          let siblings = tree.proof(index);
          let at = index;
          if (bend === 'wrong-index') at = index ^ 1;
          if (bend === 'short') siblings = siblings.slice(1);
          if (bend === 'long') siblings = [...siblings, ZERO_HASH];
          if (bend === 'flipped-sibling') siblings = siblings.map((s, i) => (i === pick % depth ? hashPair(s, s) : s));
          if (bend === 'index-past-depth') at = index + 2 ** depth;
          const root = tree.root();
          const expected = verifyMerkleProof(root, leaves[index]!, at, siblings, depth);
          expect(await c.verifyMerkleProof!(root, leaves[index]!, at, siblings, depth)).toBe(expected);
          if (bend === 'as-is') expect(expected).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('hashes account, withdrawal and message leaves and state roots alike', async () => {
    const c = await deployed(rollupStateHarness);
    await fc.assert(
      fc.asyncProperty(person, wei, fc.nat({ max: 2 ** 32 }), message, hash, hash, fc.nat({ max: 2 ** 24 }), fc.nat({ max: 2 ** 24 }), async (who, amount, n, m, r1, r2, c1, c2) => {
        expect(await c.accountLeaf!(who, amount, n)).toBe(accountLeaf(who, amount, n));
        const w: WithdrawalLeaf = { index: n, from: who, to: PEOPLE[n % PEOPLE.length]!, amountWei: amount };
        expect(await c.withdrawalLeaf!(w)).toBe(withdrawalLeaf(w));
        const roots = { accountsRoot: r1, withdrawalsRoot: r2, accountCount: c1, withdrawalCount: c2 };
        expect(await c.stateRootOf!(roots)).toBe(stateRootOf(roots));
        expect(await c.messageLeaf!(m)).toBe(messageLeaf(m));
      }),
      RUNS,
    );
  });

  it('proves withdrawals of a real L2 state, and refuses forged ones', async () => {
    const c = await deployed(rollupStateHarness);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(person, fc.bigInt({ min: 1n, max: 100n })), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.constantFrom('as-is', 'other-amount', 'index-at-count', 'short-proof', 'older-root'),
        async (burns, pick, forge) => {
          const state = new L2State();
          for (const [who, amountWei] of burns) {
            state.apply({ kind: 'deposit', to: who, amountWei });
            state.apply({ kind: 'withdraw', from: who, to: who, amountWei });
          }
          const roots = state.roots();
          const leaf = state.withdrawals[pick % state.withdrawals.length]!;
          let w: WithdrawalLeaf = leaf;
          let proof = { accountsRoot: roots.accountsRoot, accountCount: roots.accountCount, withdrawalCount: roots.withdrawalCount, siblings: state.withdrawalProof(leaf.index) };
          let root = state.stateRoot();
          if (forge === 'other-amount') w = { ...leaf, amountWei: leaf.amountWei + 1n };
          if (forge === 'index-at-count') proof = { ...proof, withdrawalCount: leaf.index };
          if (forge === 'short-proof') proof = { ...proof, siblings: proof.siblings.slice(0, WITHDRAWAL_TREE_DEPTH - 1) };
          if (forge === 'older-root') root = keccakText('another root');
          const expected = withdrawalProven(root, w, proof);
          expect(await c.withdrawalProven!(root, w, proof)).toBe(expected);
          if (forge === 'as-is') expect(expected).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('applies messages to witnessed accounts by the same rules', async () => {
    const c = await deployed(rollupStateHarness);
    const account = fc.record({ balanceWei: smallWei, nonce: fc.nat({ max: 3 }) });
    await fc.assert(
      fc.asyncProperty(message, account, account, async (m, first, second) => {
        const touched = touchedBy(m);
        expect(await c.touchedBy!(m)).toEqual(touched);
        const pre: Account[] = touched.length === 2 ? [first, second] : [first];
        const effect = applyTransaction((a) => pre[touched.indexOf(a)]!, m);
        const onChain = (await c.applyTransaction!(pre, m)) as { ok: boolean; post: Account[]; withdraws: boolean; withdrawalFrom: Address; withdrawalTo: Address; withdrawalAmountWei: bigint };
        expect(onChain.ok).toBe(effect.status === 'ok');
        if (effect.status !== 'ok') return;
        expect(onChain.post).toEqual(effect.writes.map(([, a]) => a));
        expect(onChain.withdraws).toBe(effect.withdrawal !== undefined);
        if (effect.withdrawal) {
          expect({ from: onChain.withdrawalFrom, to: onChain.withdrawalTo, amountWei: onChain.withdrawalAmountWei }).toEqual(effect.withdrawal);
        }
      }),
      RUNS,
    );
  });
});

describe('OneStepProof.sol re-executes a step as the TypeScript one-step proof does', () => {
  const anvil = sharedAnvil();

  it('writes several leaves at once to the same root', async () => {
    const c = (await anvil().deploy(oneStepHarness, {})) as unknown as Views;
    await fc.assert(
      fc.asyncProperty(fc.array(hash, { minLength: 3, maxLength: 10 }), fc.uniqueArray(fc.nat({ max: 9 }), { minLength: 1, maxLength: 3 }), hash, async (leaves, picks, leaf) => {
        const tree = new MerkleTree(8);
        leaves.forEach((l, i) => tree.set(i, l));
        const updates = picks.map((index, k) => ({ index, leaf: k === 0 ? leaf : hashPair(leaf, leaf), siblings: tree.proof(index) }));
        expect(await c.updateLeaves!(updates, 8)).toBe(updateLeaves(updates, 8));
      }),
      RUNS,
    );
  });

  type Bend = 'as-is' | 'wrong-pre-root' | 'wrong-step' | 'missing-account' | 'swapped-accounts' | 'inflated-balance' | 'wrong-index' | 'absent-claimed' | 'withdrawal-slot';
  const bend = fc.oneof(
    { weight: 4, arbitrary: fc.constant<Bend>('as-is') },
    { weight: 3, arbitrary: fc.constantFrom<Bend>('wrong-pre-root', 'wrong-step', 'missing-account', 'swapped-accounts', 'inflated-balance', 'wrong-index', 'absent-claimed', 'withdrawal-slot') },
  );

  it('gives the same post-state root or the same reason, for honest and bent witnesses', async () => {
    const prover = (await anvil().deploy(oneStepProver, {})) as unknown as Views;
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 8 }), fc.array(message, { minLength: 1, maxLength: 6 }), fc.nat(), bend, async (prefix, segment, pick, how) => {
        const step = pick % segment.length;
        const { preRoot, messagesRoot, witness } = honestWitness(prefix, segment, step);
        const [root, at, w] = bent(preRoot, step, witness, how);
        const expected = executeStep(root, messagesRoot, at, w);
        const [ok, postRoot, reason] = (await prover.executeStep!(root, messagesRoot, at, w)) as [boolean, Hex, string];
        expect(expected.ok ? { ok, postRoot } : { ok, reason }).toEqual(expected.ok ? { ok: true, postRoot: expected.postRoot } : { ok: false, reason: expected.reason });
        if (how === 'as-is') expect(expected.ok).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

/** The witness an honest challenger builds (src/protocols/optimistic/trace.ts), for step `step` of `segment` after `prefix`. */
function honestWitness(prefix: readonly L2Message[], segment: readonly L2Message[], step: number): { preRoot: Hex; messagesRoot: Hex; witness: StepWitness } {
  const state = new L2State();
  for (const m of [...prefix, ...segment.slice(0, step)]) state.apply(m);
  const tree = new MerkleTree(MESSAGE_TREE_DEPTH);
  segment.forEach((m, i) => tree.set(i, messageLeaf(m)));
  const message = segment[step]!;
  const pre = state.roots();
  let fresh = 0;
  const accounts: AccountWitness[] = [...new Set(touchedBy(message))].map((address) => {
    const proof = state.accountProof(address);
    const a = state.account(address);
    if (proof) return { address, index: proof.index, present: true, balanceWei: a.balanceWei, nonce: a.nonce, siblings: proof.siblings };
    const index = pre.accountCount + fresh++;
    return { address, index, present: false, balanceWei: 0n, nonce: 0, siblings: state.accountSiblings(index) };
  });
  const witness = { pre, message, messageSiblings: tree.proof(step), accounts, withdrawalSiblings: state.withdrawalSiblings(pre.withdrawalCount) };
  return { preRoot: state.stateRoot(), messagesRoot: tree.root(), witness };
}

function bent(preRoot: Hex, step: number, w: StepWitness, how: string): [Hex, number, StepWitness] {
  const first = w.accounts[0]!;
  const withFirst = (a: Partial<AccountWitness>): StepWitness => ({ ...w, accounts: [{ ...first, ...a }, ...w.accounts.slice(1)] });
  switch (how) {
    case 'wrong-pre-root':
      return [keccakText('another root'), step, w];
    case 'wrong-step':
      return [preRoot, step + 1, w];
    case 'missing-account':
      return [preRoot, step, { ...w, accounts: w.accounts.slice(1) }];
    case 'swapped-accounts':
      return [preRoot, step, w.accounts.length === 2 ? { ...w, accounts: [...w.accounts].reverse() } : withFirst({ address: PEOPLE[(PEOPLE.indexOf(first.address) + 1) % PEOPLE.length]! })];
    case 'inflated-balance':
      return [preRoot, step, withFirst({ balanceWei: first.balanceWei + 1000n })];
    case 'wrong-index':
      return [preRoot, step, withFirst({ index: first.index + 1 })];
    case 'absent-claimed':
      return [preRoot, step, withFirst({ present: !first.present })];
    case 'withdrawal-slot':
      return [preRoot, step, { ...w, withdrawalSiblings: w.withdrawalSiblings.map((s, i) => (i === 0 ? keccakText('not empty') : s)) }];
    default:
      return [preRoot, step, w];
  }
}
