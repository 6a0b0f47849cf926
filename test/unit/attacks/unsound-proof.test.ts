import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('unsound-proof', () => {
  it.each(targetsOf('unsound-proof'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('unsound-proof', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('is rejected by the sound verifier: the forged proof reverts and the attacker claims nothing', async () => {
    const r = await runAttackOn('unsound-proof', 'zk', 'secure');
    expect(r.trace.some((e) => /propose ✗ re-execution gives root 0x[0-9a-f]+, the proof claims/.test(e.summary))).toBe(true);
    expect(r.trace.some((e) => /claims forged withdrawal/.test(e.summary))).toBe(false);
  });

  it('lets the attacker take 10 ETH it never had through the unsound verifier, which conservation sees as value created', async () => {
    const r = await runAttackOn('unsound-proof', 'zk', 'unsound-verifier');
    expect(r.trace.some((e) => /mallory/.test(e.actor) && /claims forged withdrawal #\d+ of 10 ETH/.test(e.summary))).toBe(true);
    const conservation = r.violations.find((v) => v.invariant === 'conservation')!;
    expect(BigInt(conservation.amounts!.owedWei!) - BigInt(conservation.amounts!.escrowWei!)).toBe(10n ** 19n);
  });
});
