import { describe, expect, it } from 'vitest';
import { BudgetExceeded, unleash } from '../../../../src/adversary/capability.ts';
import { censorL2 } from '../../../../src/adversary/censor-l2.ts';
import { delayBatchPosting } from '../../../../src/adversary/delay-batch-posting.ts';
import { forceIncludeConflicting } from '../../../../src/adversary/force-include-conflicting.ts';
import { operatorHalt } from '../../../../src/adversary/operator-halt.ts';
import { postZipBomb } from '../../../../src/adversary/post-zip-bomb.ts';
import { withholdBatchData } from '../../../../src/adversary/withhold-batch-data.ts';
import { eth } from '../../../../src/l1/units.ts';
import { rollupRig } from './rig.ts';

const last = (rig: { world: { trace: { events: readonly { summary: string }[] } } }) => rig.world.trace.events.at(-1)!.summary;

describe('rollup adversary capabilities', () => {
  it('do nothing, and say so, once the sequencer has halted', async () => {
    const rig = await rollupRig();
    await unleash(rig.world, operatorHalt, {});
    await unleash(rig.world, censorL2, { party: 'alice', blocks: 10 });
    expect(last(rig)).toMatch(/no sequencer is running/);
    await unleash(rig.world, withholdBatchData, { blocks: 10 });
    expect(last(rig)).toMatch(/no sequencer is running/);
    await unleash(rig.world, forceIncludeConflicting, { attacker: 'nobody' });
    expect(last(rig)).toMatch(/no attacker named nobody/);
  });

  it('hold batches out of L1 only within the censorship budget', async () => {
    const rig = await rollupRig();
    await expect(unleash(rig.world, delayBatchPosting, { blocks: rig.world.budget.censorBlocks + 1 })).rejects.toThrow(BudgetExceeded);
    await unleash(rig.world, delayBatchPosting, { blocks: 100 });
    expect(rig.l1.policy.earliestHeight({ id: 'x', seq: 0, request: { from: rig.rollup.sequencer.address, to: rig.rollup.contracts.inbox.address, method: 'addSequencerBatch', args: [] } }, rig.world.height + 1)).toBe(rig.world.height + 101);
  });

  it('size a zip bomb from the protocol’s own decompressed limit', async () => {
    const rig = await rollupRig('secure', { maxDecompressedBytes: 65_536 });
    const mallory = await rig.rollup.spawn(rig.world, 'mallory');
    await rig.rollup.fund(rig.world, mallory, eth(1));
    await unleash(rig.world, postZipBomb, { attacker: 'mallory', extraBytes: 8 });
    expect(last(rig)).toMatch(/mallory submits a 65,544-byte zero memo to itself: refused/);
  });
});
