import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('dispute-delay', () => {
  it.each(targetsOf('dispute-delay'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('dispute-delay', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('stalls every game to the end of the staller clock, and the honest roots still confirm', async () => {
    const r = await runAttackOn('dispute-delay', 'optimistic', 'secure');
    expect(r.trace.filter((e) => e.actor === 'staller' && /challenges honest root/.test(e.summary)).length).toBeGreaterThanOrEqual(3);
    expect(r.trace.some((e) => e.actor === 'watchtower' && /settles game \d+: the challenger side ran out of time/.test(e.summary))).toBe(true);
    expect(r.trace.some((e) => e.actor === 'watchtower' && /returns the bond of root 1/.test(e.summary))).toBe(true);
  });
});
