import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('sequencer-censorship', () => {
  it.each(targetsOf('sequencer-censorship'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('sequencer-censorship', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('gets alice’s ignored withdrawal in through the delayed inbox, while the sequencer still ignores her', async () => {
    const r = await runAttackOn('sequencer-censorship', 'optimistic', 'secure');
    const safety = r.trace.filter((e) => e.phase === 'safety');
    const ignored = safety.findIndex((e) => /ignores alice's transaction/.test(e.summary));
    const fallback = safety.findIndex((e) => e.actor === 'alice' && /sends a forced withdraw/.test(e.summary));
    const forced = safety.findIndex((e) => e.actor === 'alice' && /forces delayed messages/.test(e.summary));
    expect(ignored).toBeGreaterThanOrEqual(0);
    expect(fallback).toBeGreaterThan(ignored);
    expect(forced).toBeGreaterThan(fallback);
    // The forced inclusion landed once the delay had passed and no sooner.
    expect(safety[forced]!.l1 - safety[fallback]!.l1).toBeGreaterThan(5_760);
  });

  it('names the stranded message and how long it has waited when nothing can force it in', async () => {
    const r = await runAttackOn('sequencer-censorship', 'optimistic', 'no-forced-inclusion');
    const v = r.violations.find((x) => x.invariant === 'forced-inclusion-bound')!;
    expect(v.message).toMatch(/^alice's delayed message #\d+ from L1 block \d+ is still not in the canonical chain \d+ blocks later \(bound \d+ blocks\)$/);
    expect(v.actors).toEqual(['alice']);
  });
});
