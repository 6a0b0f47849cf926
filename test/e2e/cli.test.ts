import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { l2adv } from './cli.ts';

describe('l2adv list', () => {
  it('prints the catalogue as JSON and nothing else on stdout', () => {
    const r = l2adv('list', '--json');
    expect(r.code).toBe(0);
    const catalogue = JSON.parse(r.stdout);
    expect(catalogue.command).toBe('list');
    expect(catalogue.attacks.map((a: { name: string }) => a.name)).toContain('operator-disappears');
    expect(catalogue.invariants.map((i: { name: string }) => i.name)).toContain('l1-recoverability');
  });

  it('stops quietly with exit 0 when the reader closes the pipe early (`l2adv list | head -1`)', () => {
    const bin = join(import.meta.dirname, '../../bin/l2adv.js');
    const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${bin}" list | head -1`], { encoding: 'utf8' });
    expect(run.stdout).toBe('Attacks\n');
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.status).toBe(0);
  });
});

describe('l2adv attack', () => {
  it('exits 0 when every outcome meets its expectation and prints the DESIGN §10 JSON', () => {
    const r = l2adv('attack', 'operator-disappears', '--protocol', 'custodial', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ command: 'attack', seed: 1, l1: 'memory', summary: { total: 1, asExpected: 1, unexpected: 0 } });
    expect(out.results[0]).toMatchObject({ attack: 'operator-disappears', protocol: 'custodial', expected: 'violated', outcome: 'violated' });
    expect(out.results[0].violations[0]).toMatchObject({ invariant: 'l1-recoverability' });
  });

  it('same seed gives the same traceHash in two separate processes; another seed another schedule', () => {
    const hashes = (seed: string) => JSON.parse(l2adv('attack', '--all', '--seed', seed, '--json').stdout).results.map((x: { traceHash: string }) => x.traceHash);
    const first = hashes('7');
    expect(hashes('7')).toEqual(first);
    expect(hashes('8')).not.toEqual(first);
  });

  it('ends every printed violation with a pasteable repro line', () => {
    const r = l2adv('attack', 'operator-disappears', '--protocol', 'custodial');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\[PASS\] operator-disappears on custodial\/reference: violated l1-recoverability as expected/);
    expect(r.stdout).toMatch(/1 results: 1 as expected, 0 unexpected/);
  });

  it('writes JUnit XML with one case per target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'l2adv-'));
    const file = join(dir, 'junit.xml');
    expect(l2adv('attack', '--all', '--junit', file).code).toBe(0);
    expect(readFileSync(file, 'utf8')).toMatch(/<testcase classname="operator-disappears" name="custodial\/reference"/);
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l2adv-bad-'));
  const malformed = join(dir, 'broken.json');
  writeFileSync(malformed, '{"version": 1,');
  const outOfRange = join(dir, 'preset.json');
  writeFileSync(outOfRange, JSON.stringify({ name: 'tiny', protocol: 'custodial', description: 'd', params: { users: ['solo'] }, sources: {} }));

  it.each([
    [['frobnicate'], /unknown command "frobnicate"; valid: list, attack, fuzz, replay, classify/],
    [['attack', 'no-such-attack'], /unknown attack "no-such-attack"; valid: .*operator-disappears/],
    [['attack', '--all', '--protocol', 'plasma'], /unknown protocol "plasma"; valid: .*custodial/],
    [['attack', '--all', '--variant', 'insecure'], /unknown variant "insecure"; valid: .*reference/],
    [['attack', '--all', '--protocol', 'custodial', '--preset', 'nope'], /unknown preset for custodial "nope"; valid: custodial-exchange/],
    [['attack', '--all', '--seed', '1.5'], /--seed must be a non-negative integer, got "1.5"/],
    [['attack', '--all', '--l1', 'geth'], /--l1 must be memory or anvil, got "geth"/],
    [['attack', '--all', '--variants', 'some'], /--variants must be one of secure, vulnerable, all, got "some"/],
    [['attack', '--all', '--frob'], /unknown option '--frob'/],
    [['attack'], /name at least one attack, or pass --all/],
    [['replay', malformed], /repro file .*broken.json is not valid JSON/],
    [['replay', join(dir, 'missing.json')], /cannot read repro file/],
    [['attack', '--all', '--preset', outOfRange], /field `users` = \["solo"\]: Too small: expected array to have >=2 items/],
    [['classify', '--preset', 'nope'], /unknown preset "nope"; valid: .*custodial-exchange/],
  ])('l2adv %j', (args, message) => {
    const r = l2adv(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
