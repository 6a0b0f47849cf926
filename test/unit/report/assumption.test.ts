import { describe, expect, it } from 'vitest';
import { catalogueJson } from '../../../src/cli/list.ts';
import { violated, type AttackResult } from '../../../src/kernel/attack.ts';
import { palette } from '../../../src/report/color.ts';
import { formatAttackResult } from '../../../src/report/console.ts';
import { htmlReport } from '../../../src/report/html.ts';
import { attackJson } from '../../../src/report/json.ts';
import { attackJunit } from '../../../src/report/junit.ts';
import { disputeTrace, resultOf } from '../../support/report-sample.ts';

const ASSUMPTION = 'someone archives blob data past the retention window';

function results(): AttackResult[] {
  const { trace } = disputeTrace();
  const stated = resultOf(trace, { attack: 'blob-expiry', variant: 'no-blob-archive', assumption: ASSUMPTION });
  const plain = resultOf(trace);
  return [stated, plain];
}

describe('a stated trust assumption beside a result', () => {
  it('is carried by the expectation only when given', () => {
    expect(violated('l1-recoverability', { assumption: ASSUMPTION })).toEqual({ violated: 'l1-recoverability', assumption: ASSUMPTION });
    expect(violated('l1-recoverability')).toEqual({ violated: 'l1-recoverability' });
  });

  it('is printed by the console reporter for a pass and for a failure, and nowhere else', () => {
    const [stated, plain] = results();
    const c = palette({ isTTY: false });
    expect(formatAttackResult(stated!, c).split('\n')[1]).toBe(`       stated assumption: ${ASSUMPTION}`);
    expect(formatAttackResult({ ...stated!, asExpected: false, outcome: 'defended', violations: [] }, c)).toContain(`\n       stated assumption: ${ASSUMPTION}\n`);
    expect(formatAttackResult(plain!, c)).not.toContain('stated assumption');
  });

  it('is a field of the JSON result, a JUnit property and a line of the HTML report', () => {
    const [stated, plain] = results();
    const json = attackJson(1, 'memory', [stated!, plain!]) as { results: Array<Record<string, unknown>> };
    expect(json.results.map((r) => r.assumption)).toEqual([ASSUMPTION, undefined]);
    const junit = attackJunit([stated!, plain!]);
    expect(junit).toContain(`<testcase classname="blob-expiry" name="channel/no-blob-archive" time="0.012">\n      <properties><property name="assumption" value="${ASSUMPTION}"/></properties>\n    </testcase>`);
    expect(junit.match(/<property /g)).toHaveLength(1);
    const html = htmlReport([stated!, plain!]);
    expect(html.match(/<p class="assumption">stated assumption: [^<]+<\/p>/g)).toEqual([`<p class="assumption">stated assumption: ${ASSUMPTION}</p>`]);
  });

  it('is listed with the target whose expectation carries it', () => {
    const targets = catalogueJson().attacks.find((a) => a.name === 'blob-expiry')!.targets;
    expect(targets.map((t) => [t.variant, t.assumption])).toEqual([
      ['secure', undefined],
      ['no-blob-archive', expect.stringMatching(/^someone archives blob data past the 4,096-epoch/)],
    ]);
  });
});
