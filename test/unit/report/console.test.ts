import { describe, expect, it } from 'vitest';
import type { AttackResult } from '../../../src/kernel/attack.ts';
import { palette } from '../../../src/report/color.ts';
import { formatAttackResult, formatAttackSummary } from '../../../src/report/console.ts';

const base: AttackResult = {
  attack: 'stale-state-close',
  protocol: 'channel',
  variant: 'accepts-stale-version',
  preset: 'perun',
  seed: 7,
  l1: 'memory',
  expected: 'violated',
  expectedInvariant: 'latest-state-enforced',
  outcome: 'defended',
  asExpected: false,
  violations: [],
  traceHash: '0xabcdef0123456789',
  configHash: '0x00',
  steps: 12,
  ms: 3,
  repro: 'l2adv attack stale-state-close --protocol channel --variant accepts-stale-version --seed 7',
  trace: [],
};

describe('console reporter', () => {
  const plain = palette({ isTTY: false });

  it('prints a failure in the fixed shape, ending with the repro line', () => {
    const text = formatAttackResult(base, plain);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^\[FAIL: defended, expected violated latest-state-enforced\] stale-state-close on channel\/accepts-stale-version/);
    expect(lines.at(-1)!.trim()).toBe(base.repro);
  });

  it('names the invariant and the reason in [FAIL: …] when a secure variant is violated', () => {
    const r = { ...base, variant: 'secure', expected: 'defended' as const, expectedInvariant: undefined, outcome: 'violated' as const,
      violations: [{ invariant: 'latest-state-enforced' as const, step: 9, phase: 'recovery' as const, message: 'alice got 1 ETH of 4 ETH' }] };
    expect(formatAttackResult(r, plain).split('\n')[0]).toMatch(/^\[FAIL: latest-state-enforced: alice got 1 ETH of 4 ETH\]/);
  });

  it('uses colour only on a TTY and never with NO_COLOR', () => {
    expect(formatAttackResult(base, palette({ isTTY: true }, {}))).toContain('\u001b[31m');
    expect(formatAttackResult(base, palette({ isTTY: true }, { NO_COLOR: '1' }))).not.toContain('\u001b[');
    expect(formatAttackResult(base, palette({ isTTY: false }, {}))).not.toContain('\u001b[');
  });

  it('summarises and lists the repro line of every unexpected result', () => {
    const ok = { ...base, asExpected: true, outcome: 'violated' as const };
    expect(formatAttackSummary([ok, base], plain)).toBe(`2 results: 1 as expected, 1 unexpected\n  ${base.repro}`);
  });
});
