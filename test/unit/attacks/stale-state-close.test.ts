import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('stale-state-close', () => {
  it.each(targetsOf('stale-state-close'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('stale-state-close', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.violations.map((v) => v.invariant)).not.toContain('conservation');
    expect(r.asExpected).toBe(true);
  });

  it('is defended on the secure variant by alice’s challenge, and the penalty gives her the whole channel', async () => {
    const r = await runAttackOn('stale-state-close', 'channel', 'secure', { preset: 'lightning-lnd' });
    expect(r.trace.some((e) => e.actor === 'alice' && e.summary.startsWith('challenges the close of channel #0'))).toBe(true);
    expect(r.trace.some((e) => e.kind === 'block' && e.summary.includes('challenge ✗ version is not newer than the registered one'))).toBe(true);
    expect(r.trace.some((e) => e.actor === 'bob' && e.summary.includes('(penalized close)'))).toBe(true);
  });

  it('is defended with Perun’s parameters too (no penalty)', async () => {
    const r = await runAttackOn('stale-state-close', 'channel', 'secure', { preset: 'perun' });
    expect(r.outcome).toBe('defended');
  });

  it('breaks accepts-stale-version by re-registering the old state in the window’s last block', async () => {
    const r = await runAttackOn('stale-state-close', 'channel', 'accepts-stale-version');
    expect(r.trace.some((e) => e.actor === 'alice' && e.summary.startsWith('too late to challenge channel #0'))).toBe(true);
    const v = r.violations.find((x) => x.invariant === 'latest-state-enforced')!;
    expect(v.actors).toEqual(['alice']);
    expect(BigInt(v.amounts!.receivedWei)).toBeLessThan(BigInt(v.amounts!.entitledWei));
  });

  it('breaks no-challenge-period: the stale close is finalized before alice can answer', async () => {
    const r = await runAttackOn('stale-state-close', 'channel', 'no-challenge-period', { preset: 'perun' });
    expect(r.outcome).toBe('violated');
    expect(r.trace.some((e) => e.actor === 'alice' && e.summary.startsWith('too late to challenge channel #0'))).toBe(true);
    expect(r.trace.some((e) => e.actor === 'bob' && e.summary.startsWith('finalizes channel #0'))).toBe(true);
  });

  it('replays to the same trace hash from the same seed', async () => {
    const [a, b] = [await runAttackOn('stale-state-close', 'channel', 'secure', { seed: 3 }), await runAttackOn('stale-state-close', 'channel', 'secure', { seed: 3 })];
    expect(a.traceHash).toBe(b.traceHash);
  });
});
