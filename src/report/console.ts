import type { AttackResult } from '../kernel/attack.ts';
import type { Palette } from './color.ts';

/**
 * Forge's shape: `[PASS]` or `[FAIL: invariant: reason]`, then the detail, and every
 * failure ends with the one line that reruns it.
 */
export function formatAttackResult(r: AttackResult, c: Palette): string {
  const target = `${r.attack} ${c.dim('on')} ${r.protocol}/${r.variant}`;
  const verdict = r.outcome === 'violated' ? `violated ${r.violations.map((v) => v.invariant).join(', ')}` : r.outcome;
  const expected = r.expected === 'violated' ? `violated ${r.expectedInvariant}` : 'defended';
  // A violation that is the design's stated assumption failing says so, so nobody files it as a bug.
  const assumption = r.assumption === undefined ? [] : [`       stated assumption: ${r.assumption}`];
  const figures = c.dim(`(${r.steps} steps, ${r.ms} ms, trace ${r.traceHash.slice(0, 10)})`);
  const lines: string[] = [];
  if (r.asExpected) {
    lines.push(`${c.green('[PASS]')} ${target}: ${verdict} ${c.dim(`as expected`)} ${figures}`);
    lines.push(...assumption.map(c.dim));
    for (const v of r.violations) lines.push(c.dim(`       ${v.invariant} @ step ${v.step}: ${v.message}`));
    return lines.join('\n');
  }
  const reason = r.outcome === 'error' ? `error: ${r.error}` : r.violations[0] ? `${r.violations[0].invariant}: ${r.violations[0].message}` : `defended, expected ${expected}`;
  lines.push(`${c.red(`[FAIL: ${reason}]`)} ${target} ${figures}`);
  lines.push(`       expected ${expected}, got ${verdict}`);
  lines.push(...assumption);
  for (const v of r.violations) lines.push(`       ${v.invariant} @ step ${v.step} (${v.phase}): ${v.message}`);
  lines.push(`       ${c.bold(r.repro)}`);
  return lines.join('\n');
}

export function formatAttackSummary(results: readonly AttackResult[], c: Palette): string {
  const unexpected = results.filter((r) => !r.asExpected);
  const head = `${results.length} results: ${results.length - unexpected.length} as expected, ${unexpected.length} unexpected`;
  if (unexpected.length === 0) return c.green(head);
  return [c.red(head), ...unexpected.map((r) => `  ${r.repro}`)].join('\n');
}
