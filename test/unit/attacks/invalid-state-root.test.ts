import { describe, expect, it } from 'vitest';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

describe('invalid-state-root', () => {
  it.each(targetsOf('invalid-state-root'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('invalid-state-root', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('challenges the forged root, bisects in ⌈log2 n⌉ rounds to the corrupted step, and slashes the forger', async () => {
    const r = await runAttackOn('invalid-state-root', 'optimistic', 'secure');
    const forged = r.trace.find((e) => /forger proposes a forged root .* step (\d+) of (\d+)/.test(`${e.actor} ${e.summary}`))!;
    const [, step, n] = /step (\d+) of (\d+)/.exec(forged.summary)!;
    expect(r.trace.some((e) => e.actor === 'watchtower' && /^challenges root \d+/.test(e.summary))).toBe(true);
    const verdicts = r.trace.filter((e) => e.actor === 'watchtower' && /(agrees|disagrees) with the root at step/.test(e.summary));
    expect(verdicts).toHaveLength(Math.ceil(Math.log2(Number(n))));
    expect(r.trace.some((e) => e.actor === 'watchtower' && e.summary.startsWith(`proves step ${step} of game 0`))).toBe(true);
    const resolved = r.trace.flatMap((e) => ((e.data as { txs?: Array<{ logs: Array<{ name: string; args: Record<string, unknown> }> }> })?.txs ?? []).flatMap((t) => t.logs)).find((l) => l.name === 'GameResolved')!;
    expect(resolved.args.status).toBe('challenger-won');
  });

  it('lets the forged root become final without fraud proofs, and names the forger', async () => {
    const r = await runAttackOn('invalid-state-root', 'optimistic', 'no-fraud-proof');
    const v = r.violations.find((x) => x.invariant === 'valid-state-only')!;
    expect(v.phase).toBe('safety');
    expect(v.message).toMatch(/^state root #\d+ from forger \(0x[0-9a-f]{8}\) is final at L1 block \d+, but derivation gives 0x[0-9a-f]{8}/);
  });
});
