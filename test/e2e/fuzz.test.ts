import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { l2adv } from './cli.ts';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'l2adv-fuzz-'));
}

describe('l2adv fuzz and replay', () => {
  it('finds the custodial contrast failure, shrinks it to one deposit, and replays it exactly', () => {
    const out = tmp();
    const fuzz = l2adv('fuzz', '--protocol', 'custodial', '--runs', '10', '--seed', '3', '--out', out, '--json');
    expect(fuzz.code).toBe(1);
    const summary = JSON.parse(fuzz.stdout);
    expect(summary.failures).toHaveLength(1);
    const failure = summary.failures[0];
    expect(failure).toMatchObject({ invariant: 'l1-recoverability', shrunkSteps: 1 });
    expect(failure.originalSteps).toBeGreaterThanOrEqual(1);
    const repro = JSON.parse(readFileSync(failure.reproFile, 'utf8'));
    expect(repro).toMatchObject({ version: 1, protocol: 'custodial', variant: 'reference', rootSeed: 3, commands: [{ kind: 'honest', name: 'deposit' }] });

    const replay = l2adv('replay', failure.reproFile, '--json');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ command: 'replay', reproduced: true, outcome: 'violated', traceHash: failure.traceHash });
  });

  it('prints the failure in forge shape ending with the replay line', () => {
    const out = tmp();
    const r = l2adv('fuzz', '--protocol', 'custodial', '--runs', '5', '--out', out);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[FAIL: l1-recoverability: /);
    expect(lines[1]).toMatch(/^\[Sequence\] \(original: \d+, shrunk: 1\)$/);
    expect(lines).toContain(`l2adv replay ${join(out, readdirSync(out)[0]!)}`);
  });

  it('replays persisted failures before searching', () => {
    const out = tmp();
    l2adv('fuzz', '--protocol', 'custodial', '--runs', '5', '--out', out);
    const again = JSON.parse(l2adv('fuzz', '--protocol', 'custodial', '--runs', '5', '--out', out, '--json').stdout);
    expect(again.stoppedBy).toBe('regression');
    expect(again.regressions[0].invariant).toBe('l1-recoverability');
  });

  it('reports the same failures with --workers 1 and --workers 2', () => {
    const run = (workers: string) =>
      JSON.parse(l2adv('fuzz', '--protocol', 'custodial', '--runs', '6', '--keep-going', '--seed', '11', '--workers', workers, '--out', tmp(), '--json').stdout);
    const one = run('1');
    const two = run('2');
    expect(two.runs).toBe(one.runs);
    expect(two.steps).toBe(one.steps);
    expect(two.failures.map((f: { run: number; traceHash: string }) => [f.run, f.traceHash])).toEqual(one.failures.map((f: { run: number; traceHash: string }) => [f.run, f.traceHash]));
  });

  it('a tampered repro file is not reproduced (exit 1); a malformed one is an input error (exit 2)', () => {
    const out = tmp();
    const summary = JSON.parse(l2adv('fuzz', '--protocol', 'custodial', '--runs', '5', '--out', out, '--json').stdout);
    const file = summary.failures[0].reproFile;
    const repro = JSON.parse(readFileSync(file, 'utf8'));
    repro.commands[0].args.eth = 2;
    const tampered = join(out, 'tampered.json');
    writeFileSync(tampered, JSON.stringify(repro));
    const r = l2adv('replay', tampered, '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reproduced).toBe(false);

    const malformed = join(out, 'malformed.json');
    writeFileSync(malformed, JSON.stringify({ ...repro, commands: [{ kind: 'teleport' }] }));
    const bad = l2adv('replay', malformed);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/repro file .*malformed.json is malformed: field `commands.0/);
  });

  it('writes an HTML report of the shrunk failure from fuzz and from replay', () => {
    const out = tmp();
    const fuzzReport = join(out, 'fuzz.html');
    l2adv('fuzz', '--protocol', 'custodial', '--runs', '5', '--out', out, '--report', fuzzReport);
    const html = readFileSync(fuzzReport, 'utf8');
    expect(html).toContain('l1-recoverability');
    expect(html).toMatch(/l2adv replay [^<]*custodial-reference-1\.json/);
    const replayReport = join(out, 'replay.html');
    expect(l2adv('replay', join(out, 'custodial-reference-1.json'), '--report', replayReport).code).toBe(0);
    expect(readFileSync(replayReport, 'utf8')).toContain('l1-recoverability');
  });

  it.each([
    [['fuzz'], /fuzz needs --protocol P/],
    [['fuzz', '--protocol', 'custodial', '--runs', '0'], /--runs must be a positive integer, got "0"/],
    [['fuzz', '--protocol', 'custodial', '--shard', '3/2'], /--shard must be I\/N with 1 ≤ I ≤ N/],
    [['fuzz', '--protocol', 'custodial', '--variant', 'nope'], /unknown variant of custodial "nope"; valid: reference/],
  ])('rejects bad input %j with one line and exit 2', (args, message) => {
    const r = l2adv(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});
