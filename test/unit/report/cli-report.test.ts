import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main.ts';
import type { Io } from '../../../src/cli/io.ts';
import { networkReferences } from '../../support/report-sample.ts';

function bufferIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), stdoutIsTTY: false, stderrIsTTY: false, env: { NO_COLOR: '1' } };
}

describe('l2adv attack --report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l2adv-report-'));

  it('writes one self-contained HTML file with a section per result and says where', async () => {
    const file = join(dir, 'nested', 'all.html');
    const io = bufferIo();
    const code = await main(['attack', 'operator-disappears', '--report', file], io);
    expect(code).toBe(0);
    expect(io.stdout.join('\n')).toContain(`HTML report: ${file}`);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<code>l2adv attack operator-disappears --report');
    expect(html.match(/<section class="result"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(html).toContain('data-invariant="l1-recoverability"');
    expect(networkReferences(html)).toEqual([]);
  });

  it('keeps stdout pure JSON when combined with --json', async () => {
    const file = join(dir, 'json.html');
    const io = bufferIo();
    expect(await main(['attack', 'operator-disappears', '--protocol', 'custodial', '--json', '--report', file], io)).toBe(0);
    expect(JSON.parse(io.stdout.join('\n')).command).toBe('attack');
    expect(existsSync(file)).toBe(true);
  });

  it('refuses a report name that is not .html before running anything, and writes nothing', async () => {
    const file = join(dir, 'report.txt');
    const io = bufferIo();
    expect(await main(['attack', 'operator-disappears', '--report', file], io)).toBe(2);
    expect(io.stderr.join('\n')).toBe(`l2adv: --report writes an HTML file: pass a name ending in .html, got "${file}"`);
    expect(io.stdout).toEqual([]);
    expect(existsSync(file)).toBe(false);
  });
});
