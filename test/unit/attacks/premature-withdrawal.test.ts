import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('premature-withdrawal', () => {
  it.each(targetsOf('premature-withdrawal'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('premature-withdrawal', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('has the bridge refuse the claim on the secure rollup because the root is not final', async () => {
    const r = await runAttackOn('premature-withdrawal', 'optimistic', 'secure');
    expect(r.trace.some((e) => e.kind === 'block' && /finalizeWithdrawal ✗ commitment \d+ is not final yet/.test(e.summary))).toBe(true);
  });
});
