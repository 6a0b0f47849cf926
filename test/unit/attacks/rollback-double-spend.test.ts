import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

/** Which modes rolled back a payment the merchant had acted on, read from the checker's one-line message. */
function rolledBack(message: string | undefined): string[] {
  return [...(message ?? '').matchAll(/from mallory-([a-z0-9-]+) \(/g)].map((m) => m[1]!);
}

describe('rollback-double-spend', () => {
  it.each(targetsOf('rollback-double-spend'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('rollback-double-spend', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it.each([
    ['unchecked-batch-bounds', ['overtime']],
    ['no-zip-bomb-limit', ['zip-bomb']],
    ['merchant-accepts-soft', ['queuecut', 'l1-reorg']],
  ])('on %s, exactly the modes its missing mitigation lets through roll a payment back: %j', async (variant, modes) => {
    const r = await runAttackOn('rollback-double-spend', 'optimistic', variant);
    const v = r.violations.find((x) => x.invariant === 'accepted-payment-final');
    expect(rolledBack(v?.message)).toEqual(modes);
    expect(r.violations.map((x) => x.invariant)).toEqual(['accepted-payment-final']);
  });

  it('on the secure rollup, the merchant ships only payments that stay in the chain, and every mode was tried', async () => {
    const r = await runAttackOn('rollback-double-spend', 'optimistic', 'secure');
    const accepted = r.trace.filter((e) => e.actor === 'merchant' && /^accepts/.test(e.summary)).map((e) => e.summary);
    // Zip bomb refused and overtime re-posted: those payments are good; queuecut and l1-reorg never reached a posted batch.
    expect(accepted.filter((s) => /mallory/.test(s)).map((s) => /from (mallory-[a-z0-9-]+)/.exec(s)![1])).toEqual(['mallory-zip-bomb', 'mallory-overtime']);
    expect(r.trace.some((e) => /refuses .*cannot fit in any batch/.test(e.summary))).toBe(true);
    expect(r.trace.some((e) => /past its deadline/.test(e.summary))).toBe(true);
    expect(r.trace.filter((e) => /retracts its soft confirmation of mallory-(queuecut|l1-reorg)/.test(e.summary))).toHaveLength(2);
    expect(r.trace.some((e) => e.kind === 'reorg')).toBe(true);
  });

  it('is deterministic: the same seed gives the same trace hash', async () => {
    const [a, b] = await Promise.all([runAttackOn('rollback-double-spend', 'optimistic', 'merchant-accepts-soft'), runAttackOn('rollback-double-spend', 'optimistic', 'merchant-accepts-soft')]);
    expect(a.traceHash).toBe(b.traceHash);
  });
});
