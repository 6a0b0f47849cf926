import { describe, expect, it } from 'vitest';
import type { RunConfig } from '../../../src/kernel/config.ts';
import { Rng } from '../../../src/kernel/rng.ts';
import { World } from '../../../src/kernel/world.ts';
import { MemoryL1 } from '../../../src/l1/memory/MemoryL1.ts';
import { eth } from '../../../src/l1/units.ts';
import { buildTimeline } from '../../../src/report/timeline.ts';

const config: RunConfig = { protocol: 'test', variant: 'secure', preset: 'none', l1: 'memory', seed: 1, signatures: 'ideal', params: {} };

describe('World report marks (docs/trace.md)', () => {
  it('records windows, balances and L2 heads in the documented data shapes, with readable summaries', () => {
    const world = new World(config, new MemoryL1(), Rng.root(1));
    const window = world.recordWindow('adjudicator', { name: 'channel dispute', fromL1: 3, toL1: 45_821, id: 'ch-1', party: 'alice' });
    const balance = world.recordBalance('alice', eth(7.5), 'channel');
    const head = world.recordL2Head('sequencer', 'soft', 42);
    expect(window).toMatchObject({ kind: 'window', actor: 'adjudicator', summary: 'channel dispute window: L1 3…45821 (alice)', data: { name: 'channel dispute', fromL1: 3, toL1: 45_821, id: 'ch-1', party: 'alice' } });
    expect(balance).toMatchObject({ kind: 'balance', actor: 'alice', summary: 'alice (channel) balance 7.5 ETH', data: { party: 'alice', wei: '7500000000000000000', ledger: 'channel' } });
    expect(head).toMatchObject({ kind: 'l2-head', actor: 'sequencer', summary: 'L2 soft head → 42', data: { head: 'soft', number: 42 } });
    expect(world.recordBalance('bob', 0n).data).toEqual({ party: 'bob', wei: '0' });
  });

  it('what a World records is what the report timeline draws', async () => {
    const world = new World(config, new MemoryL1(), Rng.root(1));
    world.recordBalance('alice', eth(10));
    world.recordWindow('rollup', { name: 'challenge', fromL1: 0, toL1: 50_400 });
    await world.advance(50_400);
    world.recordL2Head('derivation', 'final', 7);
    world.recordBalance('alice', eth(4));
    const timeline = buildTimeline(world.trace.events);
    expect(timeline.lanes.map((l) => l.key)).toEqual(['l1', 'l2:final', 'window:challenge']);
    expect(timeline.lanes[2]!.spans[0]).toMatchObject({ fromL1: 0, toL1: 50_400, open: false });
    expect(timeline.balances[0]!.points.map((p) => p.wei)).toEqual([eth(10), eth(4)]);
  });
});
