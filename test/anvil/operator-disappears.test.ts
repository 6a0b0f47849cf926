import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAttackOn } from '../support/attack.ts';
import { anvilsTagged } from './support.ts';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');

interface AttackJson {
  l1: string;
  results: Array<Record<string, unknown>>;
  summary: { total: number; asExpected: number; unexpected: number };
}

/** What must not depend on the backend: everything but hashes, timing and the repro line's --l1. */
function verdict(r: Record<string, unknown>): Record<string, unknown> {
  const { traceHash: _t, configHash: _c, ms: _m, repro: _r, ...rest } = r;
  return rest;
}

describe('operator-disappears on custodial: the same verdict on anvil as in memory', () => {
  it('`l2adv attack operator-disappears --protocol custodial --l1 anvil` matches --l1 memory, and leaves no anvil behind', () => {
    // anvil inherits the tag from the CLI's environment: a process still carrying it after the run is an orphan.
    const tag = `cli-${process.pid}`;
    const runs = (['memory', 'anvil'] as const).map((l1) =>
      spawnSync(process.execPath, [BIN, 'attack', 'operator-disappears', '--protocol', 'custodial', '--l1', l1, '--json'], {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', L2ADV_TEST_TAG: tag },
        timeout: 120_000,
      }),
    );
    expect(anvilsTagged(tag)).toEqual([]);
    for (const run of runs) expect(run.stderr).toBe('');
    const [memory, anvil] = runs.map((r) => JSON.parse(r.stdout) as AttackJson);
    expect(anvil!.l1).toBe('anvil');
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(anvil!.summary).toEqual({ total: 1, asExpected: 1, unexpected: 0 });
    expect(anvil!.results.map(verdict)).toEqual(memory!.results.map(verdict));
    expect(anvil!.results[0]).toMatchObject({ outcome: 'violated', violations: [{ invariant: 'l1-recoverability' }] });
  });

  it('is deterministic on anvil: the same seed gives the same trace hash', async () => {
    const [a, b] = [await runAttackOn('operator-disappears', 'custodial', 'reference', { l1: 'anvil' }), await runAttackOn('operator-disappears', 'custodial', 'reference', { l1: 'anvil' })];
    expect(a.error).toBeUndefined();
    expect(a.traceHash).toBe(b.traceHash);
    expect(a.trace.some((e) => e.kind === 'block' && e.summary.includes('only the custodian can release funds'))).toBe(true);
  });
});
