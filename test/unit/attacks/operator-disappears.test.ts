import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('operator-disappears', () => {
  it('leaves custodial users with nothing: the custodian alone can release funds', async () => {
    const r = await runAttackOn('operator-disappears', 'custodial', 'reference');
    expect(r.outcome).toBe('violated');
    expect(r.violations.map((v) => v.invariant)).toContain('l1-recoverability');
    const alice = r.violations.find((v) => v.actors?.includes('alice'));
    expect(alice?.amounts?.recoveredWei).toBe('0');
    expect(BigInt(alice!.amounts!.entitledWei)).toBeGreaterThan(0n);
    expect(r.trace.some((e) => e.kind === 'block' && e.summary.includes('only the custodian can release funds'))).toBe(true);
  });

  it.each(targetsOf('operator-disappears'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('operator-disappears', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });
});
