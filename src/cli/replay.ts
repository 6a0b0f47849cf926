import { basename, dirname, relative, resolve } from 'node:path';
import { exportFoundry } from '../fuzz/foundry.ts';
import { identifier } from '../fuzz/foundry/solidity.ts';
import { readRepro } from '../fuzz/repro.ts';
import { replayAsResult, replayRepro } from '../fuzz/replay.ts';
import { htmlReport } from '../report/html.ts';
import { writeFileAtomic } from '../report/write.ts';
import { UsageError } from '../kernel/errors.ts';
import { foundryBinary } from '../l1/anvil/binaries.ts';
import { PROJECT_ROOT } from '../l1/anvil/build.ts';
import { palette } from '../report/color.ts';
import type { Io } from './io.ts';
import { l1Option, parse, reportOption } from './options.ts';

export async function replayCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    'replay',
    argv,
    { l1: { type: 'string' as const }, json: { type: 'boolean' as const }, report: { type: 'string' as const }, 'export-foundry': { type: 'string' as const } },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('replay takes exactly one repro file: `l2adv replay FILE.json`');
  const foundryFile = foundryOption(values['export-foundry']);
  const report = reportOption(values.report);
  const file = positionals[0]!;
  const repro = readRepro(file);
  const l1 = values.l1 === undefined ? repro.l1 : l1Option(values.l1);
  const exported = foundryFile === undefined ? undefined : await exportFoundry(repro, { l1, file, contract: `${identifier(basename(foundryFile).replace(/\.t\.sol$/, ''))}Test` });
  const result = exported?.result ?? (await replayRepro(repro, l1));
  // A run that no longer fails would give a test that passes: nothing worth writing.
  const foundryWritten = exported?.violated === true ? foundryFile : undefined;
  if (foundryWritten) writeFileAtomic(foundryWritten, exported!.test('variant'));
  if (report) writeFileAtomic(report, htmlReport([replayAsResult(repro, file, result, l1)], { title: 'l2adv replay report', command: ['l2adv replay', ...argv].join(' ') }));
  if (values.json) {
    io.out(JSON.stringify({
      command: 'replay',
      file,
      protocol: repro.protocol,
      variant: repro.variant,
      l1,
      outcome: result.outcome,
      violations: result.violations.map((v) => ({ invariant: v.invariant, step: v.step, phase: v.phase, message: v.message, actors: v.actors, amounts: v.amounts })),
      ...(result.error ? { error: result.error } : {}),
      traceHash: result.traceHash,
      expectedTraceHash: repro.traceHash,
      reproduced: result.reproduced,
      reproducedBy: result.reproducedBy,
      steps: result.steps,
      ...(foundryFile ? { foundryTest: foundryWritten ?? null } : {}),
    }, null, 2));
  } else {
    const c = palette({ isTTY: io.stdoutIsTTY }, io.env);
    const v = result.violations[0];
    io.out(v ? c.red(`[FAIL: ${v.invariant}: ${v.message}]`) : result.error ? c.red(`[ERROR: ${result.error}]`) : c.green('[PASS] no violation'));
    io.out(result.reproduced ? `reproduced: same ${result.reproducedBy === 'traceHash' ? `traceHash ${result.traceHash}` : `invariant ${v?.invariant}`}` : c.yellow(`not reproduced: traceHash ${result.traceHash}, file has ${repro.traceHash}`));
    if (report) io.out(`HTML report: ${report}`);
    if (foundryWritten) io.out(`forge test: ${foundryWritten} (run it: ${forgeCommand(foundryWritten)})`);
    else if (foundryFile) io.out(c.yellow(`forge test not written: the replay did not violate ${repro.violation?.invariant} again`));
    io.out(c.bold(`l2adv replay ${file}`));
  }
  return result.reproduced ? 0 : 1;
}

/** `--export-foundry FILE.t.sol`: checked before anything runs; forge takes test files by that suffix. */
function foundryOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!value.endsWith('.t.sol')) throw new UsageError(`--export-foundry writes a forge test: pass a file name ending in .t.sol, got "${value}"`);
  return value;
}

/** The pasteable forge invocation: from the project root, with the test's folder as forge's test folder. */
function forgeCommand(file: string): string {
  const forge = relative(process.cwd(), foundryBinary('forge')) || foundryBinary('forge');
  return `FOUNDRY_TEST=${dirname(resolve(file))} ${forge} test --root ${relative(process.cwd(), PROJECT_ROOT) || '.'} --offline`;
}
