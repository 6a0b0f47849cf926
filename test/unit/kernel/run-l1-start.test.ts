import { describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../../src/kernel/errors.ts';

const failure = vi.hoisted(() => ({ error: new Error('anvil exited at startup (killed by SIGKILL): no output') as Error }));
vi.mock('../../../src/l1/backends.ts', () => ({
  createL1: async () => {
    throw failure.error;
  },
}));

const { runAttackOn } = await import('../../support/attack.ts');

describe('an L1 backend that cannot start', () => {
  it('is that result\'s error, not a crash of the whole campaign', async () => {
    const result = await runAttackOn('operator-disappears', 'custodial', 'reference', { l1: 'anvil' });
    expect(result).toMatchObject({ outcome: 'error', error: 'anvil exited at startup (killed by SIGKILL): no output', asExpected: false, steps: 1 });
    expect(result.trace[0]).toMatchObject({ kind: 'error', phase: 'setup', summary: 'anvil exited at startup (killed by SIGKILL): no output' });
  });

  it('still stops the run with its one-line fix when the user can fix it (no anvil installed)', async () => {
    failure.error = new UsageError('anvil is not installed: npm package @foundry-rs/anvil-linux-amd64 is missing; run `npm ci`');
    await expect(runAttackOn('operator-disappears', 'custodial', 'reference', { l1: 'anvil' })).rejects.toThrow(UsageError);
  });
});
