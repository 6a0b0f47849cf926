import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('ignored-forced-exit', () => {
  it.each(targetsOf('ignored-forced-exit'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('ignored-forced-exit', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('gets the ignored user out in the safety phase: freeze after the 7-day deadline, then escape', async () => {
    const r = await runAttackOn('ignored-forced-exit', 'zk', 'secure');
    const freeze = r.trace.find((e) => /waited past the 50400-block deadline: freezes the rollup/.test(e.summary))!;
    expect(freeze.actor).toBe('alice');
    expect(freeze.phase).toBe('safety');
    expect(r.trace.some((e) => e.actor === 'alice' && e.phase === 'safety' && /escapes with .* against the last verified root/.test(e.summary))).toBe(true);
  });

  it('shows the risk on zksync-era, whose priority queue enforces no deadline: nobody can freeze, the user stays locked in', async () => {
    const r = await runAttackOn('ignored-forced-exit', 'zk', 'secure', { preset: 'zksync-era' });
    expect(r.outcome).toBe('violated');
    expect(r.violations.map((v) => v.invariant)).toContain('l1-recoverability');
    expect(r.trace.some((e) => /freezes the rollup/.test(e.summary))).toBe(false);
  });
});
