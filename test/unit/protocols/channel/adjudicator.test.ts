import { afterEach, describe, expect, it } from 'vitest';
import type { Hex } from '../../../../src/crypto/keccak.ts';
import { eth } from '../../../../src/l1/units.ts';
import { AdjudicatorBench, alice, bob, CAPACITY, mallory } from './adjudicator-fixture.ts';

let bench: AdjudicatorBench;
let opened: Hex[] = [];

async function setUp(params: Parameters<typeof AdjudicatorBench.deploy>[0] = {}, channels = 1): Promise<Hex[]> {
  bench = await AdjudicatorBench.deploy(params);
  opened = [];
  for (let i = 0; i < channels; i++) opened.push(await bench.open());
  return opened;
}

// Conservation holds after every scenario: the contract's ETH is exactly what its channels still hold.
afterEach(async () => {
  await bench.expectConserved(opened);
});

describe('channel adjudicator: unilateral close, challenge window, finalize', () => {
  it('holds the capacity from open, and pays the registered balances once the window is over', async () => {
    const [id] = await setUp();
    expect((await bench.adjudicator.channel(id!))?.heldWei).toBe(CAPACITY);
    expect(await bench.outcome(bench.close(bench.state(id!, 3, eth(4))))).toBe('success');
    const record = (await bench.adjudicator.channel(id!))!;
    expect(record.status).toBe('closing');
    expect(record.finalizesAt).toBe(bench.l1.head().number + 20);
    const aliceBefore = await bench.l1.balanceOf(alice.address);
    await bench.mineTo(record.finalizesAt - 1);
    expect(await bench.outcome(bench.adjudicator.finalize({ from: bob.address }, id!))).toBe('success');
    expect(await bench.payouts(id!)).toEqual([eth(4), eth(6)]);
    expect((await bench.l1.balanceOf(alice.address)) - aliceBefore).toBe(eth(4));
  });

  it('refuses to finalize before the window is over', async () => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 3, eth(4))));
    expect(await bench.outcome(bench.adjudicator.finalize({ from: bob.address }, id!))).toBe('challenge period is not over');
  });

  it('lets a strictly newer co-signed state override a stale close within the window', async () => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2))));
    expect(await bench.outcome(bench.challenge(bench.state(id!, 5, eth(7))))).toBe('success');
    const record = (await bench.adjudicator.channel(id!))!;
    await bench.mineTo(record.finalizesAt - 1);
    await bench.outcome(bench.adjudicator.finalize({ from: alice.address }, id!));
    expect(await bench.payouts(id!)).toEqual([eth(7), eth(3)]);
  });

  it.each([
    ['an equal', 5],
    ['a lower', 2],
  ])('does not let %s version override the registered state', async (_, version) => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 5, eth(7)), alice));
    expect(await bench.outcome(bench.challenge(bench.state(id!, version, eth(1)), bob))).toBe('version is not newer than the registered one');
    expect((await bench.adjudicator.channel(id!))?.balances).toEqual([eth(7), eth(3)]);
  });

  it('reverts a challenge that lands after the window', async () => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2))));
    const { finalizesAt } = (await bench.adjudicator.channel(id!))!;
    await bench.mineTo(finalizesAt - 1);
    expect(await bench.outcome(bench.challenge(bench.state(id!, 5, eth(7))))).toBe('challenge period is over');
    expect((await bench.adjudicator.channel(id!))?.version).toBe(3);
  });

  it('accepts a challenge in the last block of the window', async () => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2))));
    const { finalizesAt } = (await bench.adjudicator.channel(id!))!;
    await bench.mineTo(finalizesAt - 2);
    expect(await bench.outcome(bench.challenge(bench.state(id!, 5, eth(7))))).toBe('success');
  });
});

describe('channel adjudicator: who may sign and close', () => {
  it.each([
    ['a third party instead of alice', [mallory, bob]],
    ['a third party instead of bob', [alice, mallory]],
    ['the participants in swapped slots', [bob, alice]],
    ['bob alone, twice', [bob, bob]],
  ] as const)('rejects a state signed by %s', async (_, signers) => {
    const [id] = await setUp();
    const state = bench.state(id!, 4, eth(1));
    expect(await bench.outcome(bench.close(state, bob, bench.signedBy(state, signers)))).toBe('state is not signed by both participants');
    expect((await bench.adjudicator.channel(id!))?.status).toBe('open');
  });

  it('rejects a challenge whose signatures are not both participants’', async () => {
    const [id] = await setUp();
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2))));
    const newer = bench.state(id!, 9, eth(9));
    expect(await bench.outcome(bench.challenge(newer, mallory, bench.signedBy(newer, [alice, mallory])))).toBe('state is not signed by both participants');
  });

  it('rejects real secp256k1 signatures by a third party and accepts the participants’', async () => {
    const [id] = await setUp();
    const state = bench.state(id!, 4, eth(3));
    expect(await bench.outcome(bench.close(state, bob, bench.signedBy(state, [mallory, bob], 'secp256k1')))).toBe('state is not signed by both participants');
    expect(await bench.outcome(bench.close(state, bob, bench.signedBy(state, [alice, bob], 'secp256k1')))).toBe('success');
  });

  it('lets only a participant close, though anyone may challenge with a co-signed state', async () => {
    const [id] = await setUp();
    expect(await bench.outcome(bench.close(bench.state(id!, 3, eth(2)), mallory))).toBe('only a participant can close a channel');
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2)), bob));
    expect(await bench.outcome(bench.challenge(bench.state(id!, 4, eth(5)), mallory))).toBe('success');
  });

  it('rejects balances that do not add up to the capacity', async () => {
    const [id] = await setUp();
    const inflated = { ...bench.state(id!, 3, eth(2)), balances: [eth(2), CAPACITY] as const };
    expect(await bench.outcome(bench.close(inflated))).toBe('balances do not add up to the channel capacity');
  });
});

describe('channel adjudicator: penalty mode', () => {
  it('pays the cheater’s whole balance to the victim when a newer state shows the close was stale', async () => {
    const [id] = await setUp({ penalty: true });
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2)), bob));
    await bench.outcome(bench.challenge(bench.state(id!, 5, eth(6)), alice));
    const record = (await bench.adjudicator.channel(id!))!;
    expect(record.penalized).toBe(true);
    await bench.mineTo(record.finalizesAt - 1);
    await bench.outcome(bench.adjudicator.finalize({ from: alice.address }, id!));
    // bob's 4 ETH in version 5 go to alice with her own 6.
    expect(await bench.payouts(id!)).toEqual([CAPACITY, 0n]);
  });

  it('does not penalize a close that nobody proves stale', async () => {
    const [id] = await setUp({ penalty: true });
    await bench.outcome(bench.close(bench.state(id!, 5, eth(6)), bob));
    const record = (await bench.adjudicator.channel(id!))!;
    await bench.mineTo(record.finalizesAt - 1);
    await bench.outcome(bench.adjudicator.finalize({ from: bob.address }, id!));
    expect(await bench.payouts(id!)).toEqual([eth(6), eth(4)]);
  });
});

describe('channel adjudicator: cooperative close', () => {
  it('pays a co-signed final state at once, with no window', async () => {
    const [id] = await setUp();
    const final = bench.state(id!, 8, eth(3), true);
    expect(await bench.outcome(bench.adjudicator.conclude({ from: alice.address }, final, bench.signedBy(final)))).toBe('success');
    expect(await bench.payouts(id!)).toEqual([eth(3), eth(7)]);
  });

  it('refuses to conclude with a state that is not marked final', async () => {
    const [id] = await setUp();
    const state = bench.state(id!, 8, eth(3));
    expect(await bench.outcome(bench.adjudicator.conclude({ from: alice.address }, state, bench.signedBy(state)))).toBe('only a final state concludes a channel');
  });
});

describe('channel adjudicator: the twins’ removed mitigations', () => {
  it('rejects a state signed for another channel when the digest binds the channel id', async () => {
    const [first, second] = await setUp({}, 2);
    const signedForFirst = bench.state(first!, 9, eth(1));
    const replayed = { ...signedForFirst, channelId: second! };
    expect(await bench.outcome(bench.close(replayed, bob, bench.signedBy(signedForFirst)))).toBe('state is not signed by both participants');
  });

  it('accepts a state signed for another channel when the digest does not bind the channel id (unbound-signature)', async () => {
    const [first, second] = await setUp({ bindsChannel: false }, 2);
    const signedForFirst = bench.state(first!, 9, eth(1));
    const replayed = { ...signedForFirst, channelId: second! };
    expect(await bench.outcome(bench.close(replayed, bob, bench.signedBy(signedForFirst)))).toBe('success');
    expect((await bench.adjudicator.channel(second!))?.version).toBe(9);
  });

  it('lets an older state replace a newer one when versions are not checked (accepts-stale-version)', async () => {
    const [id] = await setUp({ requiresNewerVersion: false });
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2)), bob));
    await bench.outcome(bench.challenge(bench.state(id!, 5, eth(7)), alice));
    expect(await bench.outcome(bench.challenge(bench.state(id!, 3, eth(2)), bob))).toBe('success');
    expect((await bench.adjudicator.channel(id!))?.version).toBe(3);
  });

  it('finalizes in the block after the close when there is no window (no-challenge-period)', async () => {
    const [id] = await setUp({ challengePeriodBlocks: 0 });
    await bench.outcome(bench.close(bench.state(id!, 3, eth(2)), bob));
    expect(await bench.outcome(bench.challenge(bench.state(id!, 5, eth(7)), alice))).toBe('challenge period is over');
    expect(await bench.outcome(bench.adjudicator.finalize({ from: bob.address }, id!))).toBe('success');
    expect(await bench.payouts(id!)).toEqual([eth(2), eth(8)]);
  });
});
