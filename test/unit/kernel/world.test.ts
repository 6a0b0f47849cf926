import { describe, expect, it } from 'vitest';
import { account } from '../../../src/crypto/accounts.ts';
import type { RunConfig } from '../../../src/kernel/config.ts';
import { Rng } from '../../../src/kernel/rng.ts';
import { World } from '../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../src/l1/memory/MemoryL1.ts';
import { noticeboard } from '../../support/noticeboard.ts';

const config: RunConfig = { protocol: 'test', variant: 'secure', preset: 'none', l1: 'memory', seed: 1, signatures: 'ideal', params: {} };

function newWorld() {
  return new World(config, new MemoryL1(), Rng.root(1));
}

describe('World', () => {
  it('advances past a 45,818-block window mining only where something happens', async () => {
    const world = newWorld();
    const fired: number[] = [];
    world.at(20_000, 'midway', () => void fired.push(world.height));
    await world.advance(45_818);
    expect(world.height).toBe(45_818);
    expect(fired).toEqual([20_000]);
    const mined = world.trace.events.filter((e) => e.kind === 'block');
    expect(mined.map((e) => e.l1)).toEqual([20_000, 45_818]);
  });

  it('lets online actors react to a block, and not offline ones until they wake', async () => {
    const world = newWorld();
    const board = await world.l1.deploy(noticeboard, {});
    const seen: Array<[string, number]> = [];
    for (const name of ['alice', 'bob']) {
      world.addActor({ name, role: 'honest', onBlock: async (w, block) => void seen.push([name, block.number]) });
    }
    world.setOffline('bob', 3);
    await board.post({ from: account('alice').address }, 'hi');
    await world.advance(1);
    expect(seen).toEqual([['alice', 1]]);
    await world.advanceTo(10);
    expect(seen.filter(([name]) => name === 'bob')).toEqual([['bob', 4], ['bob', 10]]);
    expect(world.isOnline('bob')).toBe(true);
  });

  it('runs always-checkers after each step and records the first violation per invariant', async () => {
    const world = newWorld();
    let broken = false;
    world.bindCheckers([{ name: 'conservation', kind: 'always', check: async () => (broken ? [{ message: 'value created' }, { message: 'again' }] : []) }]);
    world.phase = 'safety';
    await world.step('action', 'alice', 'harmless');
    expect(world.violations).toHaveLength(0);
    broken = true;
    const event = await world.step('action', 'mallory', 'inflate');
    await world.step('action', 'mallory', 'inflate again');
    expect(world.violations).toEqual([{ invariant: 'conservation', step: event.step + 1, phase: 'safety', message: 'value created' }]);
  });

  it('removing the operator role removes exactly its actors', () => {
    const world = newWorld();
    world.addActor({ name: 'sequencer', role: 'operator' });
    world.addActor({ name: 'alice', role: 'honest' });
    world.removeRole('operator');
    expect(world.actorsWith('operator')).toHaveLength(0);
    expect(world.actorsWith('honest').map((a) => a.name)).toEqual(['alice']);
  });
});
