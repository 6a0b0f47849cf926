import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('signature-replay', () => {
  it.each(targetsOf('signature-replay'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('signature-replay', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.violations.map((v) => v.invariant)).not.toContain('conservation');
    expect(r.asExpected).toBe(true);
  });

  it('is defended because the replayed signatures do not verify for the other channel', async () => {
    const r = await runAttackOn('signature-replay', 'channel', 'secure');
    expect(r.trace.some((e) => e.kind === 'block' && e.summary.includes('close ✗ state is not signed by both participants'))).toBe(true);
  });

  it('breaks unbound-signature: the replayed state has a higher version than anything alice holds for that channel', async () => {
    const r = await runAttackOn('signature-replay', 'channel', 'unbound-signature', { preset: 'perun' });
    expect(r.trace.some((e) => e.actor === 'alice' && e.summary.startsWith('cannot override the state registered on channel #1'))).toBe(true);
    expect(r.violations.find((v) => v.invariant === 'latest-state-enforced')?.message).toMatch(/from channel #1/);
  });
});
