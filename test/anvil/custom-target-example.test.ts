import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const EXAMPLE = join(import.meta.dirname, '../../examples/escape-hatch-vault/run.ts');

/** CI runs the worked example of docs/custom-target.md as a user would: its own forge build, then both backends. */
describe('examples/escape-hatch-vault: a contract of your own, bound by a facade', () => {
  it('builds with forge and gives the expected, identical outcomes on memory and anvil', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', EXAMPLE, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
    expect(run.stderr).toBe('');
    const json = JSON.parse(run.stdout) as { results: Array<Record<string, unknown>>; backendsAgree: boolean };
    expect(json.backendsAgree).toBe(true);
    expect(json.results.map((r) => [r.l1, r.variant, r.outcome, r.asExpected])).toEqual([
      ['memory', 'secure', 'defended', true],
      ['memory', 'no-escape-hatch', 'violated', true],
      ['anvil', 'secure', 'defended', true],
      ['anvil', 'no-escape-hatch', 'violated', true],
    ]);
    expect(json.results[3]!.violations).toEqual(['alice recovered 0 ETH of 1 ETH through L1 after the operator disappeared']);
    expect(run.status).toBe(0);
  });
});
