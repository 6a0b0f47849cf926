import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('challenger-censorship', () => {
  it.each(targetsOf('challenger-censorship'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('challenger-censorship', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('gets the challenge in after the censorship ends when the window outlasts it', async () => {
    const r = await runAttackOn('challenger-censorship', 'optimistic', 'secure');
    const forged = r.trace.find((e) => e.actor === 'forger' && /proposes a forged root/.test(e.summary))!;
    const opened = (e: (typeof r.trace)[number]) => ((e.data as { txs?: Array<{ logs: Array<{ name: string }> }> })?.txs ?? []).some((t) => t.logs.some((l) => l.name === 'GameOpened'));
    const challenged = r.trace.filter((e) => e.kind === 'block' && opened(e));
    expect(challenged.length).toBeGreaterThan(0);
    expect(challenged[0]!.l1).toBeGreaterThanOrEqual(forged.l1 + 7_000);
  });
});
