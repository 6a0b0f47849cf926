import { describe, expect, it } from 'vitest';
import type { ChannelClaim } from '../../../../src/invariants/latest-state-enforced.ts';
import { latestStateEnforced } from '../../../../src/invariants/latest-state-enforced.ts';
import type { World } from '../../../../src/kernel/world.ts';
import { eth } from '../../../../src/l1/units.ts';

const world = {} as World;
const claim = (over: Partial<ChannelClaim>): ChannelClaim => ({
  party: 'alice',
  channel: '#0',
  latestVersion: 8,
  entitledWei: eth(5),
  status: 'settled',
  settledVersion: 8,
  receivedWei: eth(5),
  ...over,
});
const check = (claims: ChannelClaim[]) => latestStateEnforced.check({ claims: async () => claims }, world);

describe('latest-state-enforced', () => {
  it('holds when the party received its latest balance, or more (a penalty)', async () => {
    expect(await check([claim({}), claim({ channel: '#1', receivedWei: eth(10) })])).toEqual([]);
  });

  it('names who lost what when a stale version was settled', async () => {
    const [finding] = await check([claim({ settledVersion: 7, receivedWei: eth(3) })]);
    expect(finding?.message).toBe('alice received 3 ETH from channel #0, settled at version 7, instead of the 5 ETH of version 8, the latest state alice co-signed');
    expect(finding?.amounts).toEqual({ entitledWei: String(eth(5)), receivedWei: String(eth(3)) });
  });

  it('fires when a channel is still not settled after recovery', async () => {
    const [finding] = await check([claim({ status: 'closing', settledVersion: undefined, receivedWei: 0n })]);
    expect(finding?.message).toMatch(/channel #0 is still closing on L1 after recovery: alice received nothing/);
  });
});
