import { runAttacks } from '../catalogue.ts';
import { palette } from '../report/color.ts';
import { formatAttackResult, formatAttackSummary } from '../report/console.ts';
import { attackJson } from '../report/json.ts';
import { htmlReport } from '../report/html.ts';
import { attackJunit } from '../report/junit.ts';
import { writeFileAtomic } from '../report/write.ts';
import { UsageError } from '../kernel/errors.ts';
import type { Io } from './io.ts';
import { l1Option, oneOf, parse, reportOption, seedOption } from './options.ts';

export async function attackCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'attack',
    argv,
    {
      all: { type: 'boolean' as const },
      protocol: { type: 'string' as const },
      variant: { type: 'string' as const },
      variants: { type: 'string' as const },
      preset: { type: 'string' as const },
      l1: { type: 'string' as const },
      seed: { type: 'string' as const },
      json: { type: 'boolean' as const },
      junit: { type: 'string' as const },
      report: { type: 'string' as const },
    },
    true,
  );
  if (values.variant !== undefined && values.variants !== undefined) throw new UsageError('pass --variant or --variants, not both');
  const report = reportOption(values.report);
  const seed = seedOption(values.seed);
  const l1 = l1Option(values.l1);
  const c = palette({ isTTY: io.stdoutIsTTY }, io.env);
  const results = await runAttacks(
    {
      names: positionals,
      all: values.all,
      protocol: values.protocol,
      variant: values.variant,
      variants: oneOf('--variants', values.variants, ['secure', 'vulnerable', 'all'] as const),
      preset: values.preset,
      seed,
      l1,
      // Resetting one node between targets keeps its KZG setup loaded: seconds of CPU saved per target.
      shareNodes: true,
    },
    (r) => {
      if (!values.json) io.out(formatAttackResult(r, c));
    },
  );
  if (values.junit) writeFileAtomic(values.junit, attackJunit(results));
  if (report) writeFileAtomic(report, htmlReport(results, { title: 'l2adv attack report', command: ['l2adv attack', ...argv].join(' ') }));
  if (values.json) io.out(JSON.stringify(attackJson(seed, l1, results), null, 2));
  else io.out(`\n${formatAttackSummary(results, c)}${report ? `\nHTML report: ${report}` : ''}`);
  return results.every((r) => r.asExpected) ? 0 : 1;
}
