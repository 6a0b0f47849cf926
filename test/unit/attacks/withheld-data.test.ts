import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('withheld-data', () => {
  it.each(targetsOf('withheld-data'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('withheld-data', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('is refused by the rollup inbox: a batch without its data reverts and the sequencer posts the data after all', async () => {
    const r = await runAttackOn('withheld-data', 'optimistic', 'secure');
    const reverted = r.trace.findIndex((e) => /reverted on L1: batch data required/.test(e.summary));
    expect(reverted).toBeGreaterThan(0);
    expect(r.trace.slice(reverted).some((e) => /posts batch \d+: .* blobs, \d+ → \d+ bytes/.test(e.summary))).toBe(true);
  });

  it('lets a root over withheld data become final in commit-without-data, which the data-availability checker names', async () => {
    const r = await runAttackOn('withheld-data', 'optimistic', 'commit-without-data');
    const da = r.violations.find((v) => v.invariant === 'data-availability')!;
    expect(da.phase).toBe('safety');
    expect(da.message).toMatch(/^a final state root covers batch #\d+ \(L1 block \d+\) whose data no honest party can retrieve/);
    expect(r.trace.some((e) => /hash only, data withheld/.test(e.summary))).toBe(true);
  });
});
