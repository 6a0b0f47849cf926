import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { anvilsTagged } from './support.ts';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');
const REPROS = join(import.meta.dirname, 'fixtures/repros');

function l2adv(args: readonly string[], tag: string): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', L2ADV_TEST_TAG: tag }, timeout: 120_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('fuzz and replay with --l1 anvil', () => {
  const out = mkdtempSync(join(tmpdir(), 'l2adv-fuzz-anvil-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('runs a campaign on anvil in worker threads, each run on a node of its own, and leaves none behind', () => {
    const tag = `fuzz-${process.pid}`;
    const run = l2adv(['fuzz', '--protocol', 'channel', '--variant', 'secure', '--l1', 'anvil', '--runs', '3', '--steps', '12', '--workers', '2', '--out', out, '--json'], tag);
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toMatchObject({ l1: 'anvil', workers: 2, runs: 3, failures: [] });
    expect(run.status).toBe(0);
    expect(readdirSync(out)).toEqual([]);
    expect(anvilsTagged(tag)).toEqual([]);
  });

  it('replays on anvil a failure the fuzzer found in memory: the same invariant breaks on the Solidity adjudicator', () => {
    const tag = `replay-${process.pid}`;
    const run = l2adv(['replay', join(REPROS, 'channel-unbound-signature.json'), '--l1', 'anvil', '--json'], tag);
    const json = JSON.parse(run.stdout) as { violations: Array<{ invariant: string; message: string }> };
    expect(json).toMatchObject({ l1: 'anvil', outcome: 'violated', reproduced: true, reproducedBy: 'invariant' });
    expect(json.violations[0]).toMatchObject({ invariant: 'l1-recoverability', message: 'alice recovered 19.8 ETH of 19.9 ETH through L1 after the operator disappeared' });
    expect(run.status).toBe(0);
    expect(anvilsTagged(tag)).toEqual([]);
  });
});
