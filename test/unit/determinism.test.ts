import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Seed replay depends on src/ never reading ambient randomness or the wall clock. The one
// exception is the stopwatch that times results for reports; it never enters the trace.
const FORBIDDEN = /Math\.random|Date\.now\(|performance\.now\(|randomUUID\(|new Date\(\)|process\.hrtime/;
const ALLOWED = new Set(['src/kernel/stopwatch.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('determinism contract', () => {
  it('no ambient randomness or wall-clock reads in src/ (outside the report stopwatch)', () => {
    const offenders = files('src')
      .filter((f) => !ALLOWED.has(f))
      .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, i, line })))
      .filter(({ line }) => FORBIDDEN.test(line))
      .map(({ f, i, line }) => `${f}:${i + 1}: ${line.trim()}`);
    expect(offenders).toEqual([]);
  });

  it('the checker would catch a forbidden call', () => {
    expect(FORBIDDEN.test('const x = Math.random();')).toBe(true);
    expect(FORBIDDEN.test('const t = Date.now();')).toBe(true);
  });
});
