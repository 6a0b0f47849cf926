import type { AttackResult } from '../kernel/attack.ts';

/** JUnit XML: one suite per attack, one case per target, a <failure> when not as expected. */
export function attackJunit(results: readonly AttackResult[]): string {
  const byAttack = new Map<string, AttackResult[]>();
  for (const r of results) byAttack.set(r.attack, [...(byAttack.get(r.attack) ?? []), r]);
  const suites = [...byAttack.entries()].map(([attack, rs]) => {
    const failures = rs.filter((r) => !r.asExpected).length;
    const time = (rs.reduce((s, r) => s + r.ms, 0) / 1000).toFixed(3);
    const cases = rs.map((r) => {
      const open = `    <testcase classname="${xml(attack)}" name="${xml(`${r.protocol}/${r.variant}`)}" time="${(r.ms / 1000).toFixed(3)}"`;
      // JUnit has no field for "expected, by the design's own trust model": a property carries it.
      const assumption = r.assumption === undefined ? '' : `\n      <properties><property name="assumption" value="${xml(r.assumption)}"/></properties>`;
      if (r.asExpected) return assumption === '' ? `${open}/>` : `${open}>${assumption}\n    </testcase>`;
      const expected = r.expected === 'violated' ? `violated ${r.expectedInvariant}` : 'defended';
      const got = r.outcome === 'error' ? `error: ${r.error}` : r.outcome === 'violated' ? `violated ${r.violations.map((v) => v.invariant).join(', ')}` : 'defended';
      const detail = [...r.violations.map((v) => `${v.invariant} @ step ${v.step}: ${v.message}`), r.repro].join('\n');
      return `${open}>${assumption}\n      <failure message="${xml(`expected ${expected}, got ${got}`)}">${xml(detail)}</failure>\n    </testcase>`;
    });
    return `  <testsuite name="${xml(attack)}" tests="${rs.length}" failures="${failures}" time="${time}">\n${cases.join('\n')}\n  </testsuite>`;
  });
  const total = results.length;
  const failed = results.filter((r) => !r.asExpected).length;
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="l2adv attack" tests="${total}" failures="${failed}">\n${suites.join('\n')}\n</testsuites>\n`;
}

function xml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
