import { describe, expect, it } from 'vitest';
import { fuzzTarget } from '../../../../src/catalogue.ts';
import type { Move } from '../../../../src/fuzz/moves.ts';
import { playOnce, runSeed } from '../../../../src/fuzz/trial.ts';

/** Replays a schedule the fuzzer found against optimistic/secure, as `l2adv replay` would. */
function replay(swarm: readonly string[], moves: readonly Move[], rootSeed: number, run: number) {
  const target = fuzzTarget({ protocol: 'optimistic', variant: 'secure', l1: 'memory', maxSteps: 50 });
  return playOnce(target, runSeed(rootSeed, run), moves, target.capabilities.filter((c) => swarm.includes(c.name)));
}

describe('optimistic/secure: schedules the fuzzer once broke', () => {
  it('an honest root challenged just before the operator vanishes loses on time, and its users propose anew and still exit', async () => {
    // seed 2, run 10: nobody may defend the operator's root once it is gone; alice's root on top of it died with it.
    const result = await replay(
      ['reorg-l1', 'operator-halt', 'stall-disputes'],
      [
        { kind: 'honest', name: 'deposit', args: { user: 0, eth: 1 } },
        { kind: 'deadline', window: 0, offset: -2 },
        { kind: 'adversary', name: 'stall-disputes', args: { attacker: 'staller', games: 1 } },
        { kind: 'deadline', window: 0, offset: -2 },
      ],
      2,
      10,
    );
    expect(result.violations).toEqual([]);
    expect(result.outcome).toBe('defended');
    // The watchtower settles the undefended game as soon as the proposer's clock (arbitrum-one: 45,818 blocks) runs out, not whenever a block next happens.
    const opened = result.trace.find((e) => e.kind === 'block' && /: challenge/.test(e.summary))!;
    const settled = result.trace.find((e) => e.actor === 'watchtower' && /the proposer side ran out of time/.test(e.summary))!;
    expect(settled.l1 - opened.l1).toBeLessThanOrEqual(45_818 + 1);
    expect(result.trace.some((e) => e.actor === 'alice' && /claims it on L1/.test(e.summary))).toBe(true);
  });

  it('a forged root challenged only once recovery began still leaves time for its users to propose after it dies', async () => {
    // seed 1, run 3415 of a 10-minute campaign: the forger (stopped) never defends; the merchant's own root waits for that game.
    const result = await replay(
      ['go-offline', 'censor-l2', 'delay-batch-posting', 'withhold-batch-data', 'attacker-pays-merchant', 'post-zip-bomb', 'post-invalid-root'],
      [
        { kind: 'adversary', name: 'attacker-pays-merchant', args: { attacker: 'mallory', eth: 1 } },
        { kind: 'advance', blocks: 5 },
        { kind: 'advance', blocks: 1 },
        { kind: 'adversary', name: 'go-offline', args: { party: 'watchtower', blocks: 1 } },
        { kind: 'adversary', name: 'post-invalid-root', args: { attacker: 'forger', step: 0, eth: 1 } },
      ],
      1,
      3415,
    );
    expect(result.violations).toEqual([]);
    expect(result.trace.some((e) => e.actor === 'merchant' && /claims it on L1/.test(e.summary))).toBe(true);
  });

  it('a settlement a reorg re-mined a block too early is sent again, so users do not build on a root its clock already lost', async () => {
    // seed 1, run 29677 of a 10-minute campaign: the watchtower's timeout of the undefended operator root landed one block
    // early after the reorg and was refused ("still has time"); never resent, the dead root stayed the latest live one.
    const result = await replay(
      ['censor-l1', 'reorg-l1', 'go-offline', 'operator-halt', 'delay-batch-posting', 'withhold-batch-data', 'attacker-pays-merchant', 'post-invalid-root', 'stall-disputes'],
      [
        { kind: 'adversary', name: 'attacker-pays-merchant', args: { attacker: 'mallory', eth: 1 } },
        { kind: 'advance', blocks: 5 },
        { kind: 'adversary', name: 'operator-halt', args: {} },
        { kind: 'adversary', name: 'stall-disputes', args: { attacker: 'staller', games: 1 } },
        { kind: 'deadline', window: 0, offset: -2 },
        { kind: 'adversary', name: 'post-invalid-root', args: { attacker: 'forger', step: 0, eth: 1 } },
        { kind: 'deadline', window: 0, offset: 1 },
        { kind: 'adversary', name: 'reorg-l1', args: { depth: 2 } },
      ],
      1,
      29677,
    );
    expect(result.violations).toEqual([]);
    const timeouts = result.trace.filter((e) => e.actor === 'watchtower' && /settles game 0/.test(e.summary));
    expect(timeouts.length).toBe(2);
    expect(result.trace.some((e) => e.actor === 'merchant' && /claims it on L1/.test(e.summary))).toBe(true);
  });

  it('a user with its own node leaves only once its deposit is in a final block, so a reorg cannot strand it unforced', async () => {
    // seed 1, run 83126 of a 10-minute campaign: dave left with its deposit one block deep in the chain; a reorg
    // undid the inclusion, the operator halted, and nobody was there to force dave's message in.
    const result = await replay(
      ['reorg-l1', 'delay-batch-posting', 'operator-halt'],
      [
        { kind: 'honest', name: 'own-node-away', args: { eth: 1, blocks: 131_072 } },
        { kind: 'adversary', name: 'reorg-l1', args: { depth: 1 } },
        { kind: 'adversary', name: 'delay-batch-posting', args: { blocks: 5_755 } },
        { kind: 'adversary', name: 'operator-halt', args: {} },
        { kind: 'deadline', window: 3, offset: -2 },
      ],
      1,
      83126,
    );
    expect(result.violations).toEqual([]);
    expect(result.trace.some((e) => e.actor === 'dave' && /switches its own node off/.test(e.summary))).toBe(true);
  });

  it('a reorg never reaches into the deployment: the parties keep the L1 ether they started with', async () => {
    const result = await replay(['reorg-l1'], [{ kind: 'adversary', name: 'reorg-l1', args: { depth: 64 } }], 1, 0);
    expect(result.trace.find((e) => e.kind === 'adversary')!.summary).toMatch(/nothing to reorganise: every block is final or part of the deployment/);
    expect(result.outcome).toBe('defended');
  });
});
