import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('offline-victim-close', () => {
  it.each(targetsOf('offline-victim-close'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('offline-victim-close', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.violations.map((v) => v.invariant)).not.toContain('conservation');
    expect(r.asExpected).toBe(true);
  });

  it('is defended by the watchtower while alice sees nothing', async () => {
    for (const preset of ['lightning-lnd', 'perun']) {
      const r = await runAttackOn('offline-victim-close', 'channel', 'secure', { preset });
      expect(r.outcome).toBe('defended');
      expect(r.trace.some((e) => e.actor === 'watchtower' && e.summary.includes('for alice'))).toBe(true);
      expect(r.trace.some((e) => e.actor === 'alice' && e.summary.startsWith('challenges'))).toBe(false);
    }
  });

  it('breaks no-watchtower: nobody answers, and bob finalizes his stale state', async () => {
    const r = await runAttackOn('offline-victim-close', 'channel', 'no-watchtower', { preset: 'perun' });
    expect(r.outcome).toBe('violated');
    expect(r.violations.find((v) => v.invariant === 'latest-state-enforced')?.message).toMatch(/^alice received .* settled at version \d+, instead of/);
  });
});
