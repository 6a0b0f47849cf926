import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFoundry } from '../../src/fuzz/foundry.ts';
import { readRepro } from '../../src/fuzz/repro.ts';
import { foundryBinary } from '../../src/l1/anvil/binaries.ts';
import { PROJECT_ROOT } from '../../src/l1/anvil/build.ts';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');
const REPROS = join(import.meta.dirname, 'fixtures/repros');
/** One repro per channel twin, each found by `l2adv fuzz --protocol channel --variant V --seed 1`. */
const TWINS = ['no-challenge-period', 'accepts-stale-version', 'unbound-signature', 'no-watchtower'] as const;

interface ForgeResults {
  [suite: string]: { test_results: Record<string, { status: 'Success' | 'Failure'; reason: string | null }> };
}

/**
 * The exported Solidity tests are run by forge itself (from node_modules, offline, the
 * compiler through the solc shim): each twin's repro fails against the twin's flags with
 * the violated invariant as its reason, and the same calls pass against the secure flags.
 */
describe('l2adv replay --export-foundry: a forge test of the failing L1 calls', () => {
  const dir = mkdtempSync(join(tmpdir(), 'l2adv-foundry-'));
  const tests = join(dir, 'tests');
  let forge: ForgeResults;
  let cli: ReturnType<typeof spawnSync>;

  beforeAll(async () => {
    mkdirSync(tests);
    // Through the CLI, replayed on anvil: the recording then holds real secp256k1 signatures.
    cli = spawnSync(
      process.execPath,
      [BIN, 'replay', join(REPROS, 'channel-accepts-stale-version.json'), '--l1', 'anvil', '--export-foundry', join(tests, 'cli-export.t.sol'), '--json'],
      { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 },
    );
    for (const twin of TWINS) {
      const file = join(REPROS, `channel-${twin}.json`);
      const exported = await exportFoundry(readRepro(file), { file });
      expect(exported.violated).toBe(true);
      const name = twin.replace(/-/g, '_');
      writeFileSync(join(tests, `${twin}.t.sol`), exported.test('variant', `Twin_${name}`));
      writeFileSync(join(tests, `${twin}-secure.t.sol`), exported.test('secure', `Secure_${name}`));
    }
    forge = await forgeTest(tests, dir);
  }, 170_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const outcome = (contract: string) => {
    const suite = Object.entries(forge).find(([key]) => key.endsWith(`:${contract}`));
    if (!suite) throw new Error(`forge ran no suite ${contract}; it ran ${Object.keys(forge).join(', ')}`);
    return Object.values(suite[1].test_results)[0]!;
  };

  it.each(TWINS)('%s: the twin flags fail the test with the violated invariant, the secure flags pass it', (twin) => {
    const name = twin.replace(/-/g, '_');
    const invariant = readRepro(join(REPROS, `channel-${twin}.json`)).violation!.invariant;
    expect(outcome(`Twin_${name}`)).toMatchObject({ status: 'Failure', reason: expect.stringMatching(new RegExp(`^${invariant}: alice must (receive|recover) at least`)) });
    expect(outcome(`Secure_${name}`)).toMatchObject({ status: 'Success' });
  });

  it('writes the test from the CLI, replayed on anvil, and forge fails it as it fails the model', () => {
    expect(cli.status).toBe(0);
    const json = JSON.parse(cli.stdout as string) as { reproduced: boolean; foundryTest: string };
    expect(json).toMatchObject({ reproduced: true, foundryTest: join(tests, 'cli-export.t.sol') });
    const source = readFileSync(json.foundryTest, 'utf8');
    expect(source).toContain('contract CliExportTest {');
    // Self-contained but for the contract under test: no forge-std, no other import.
    expect(source.match(/^import .*$/gm)).toEqual(['import {ChannelAdjudicator} from "contracts/ChannelAdjudicator.sol";']);
    expect(outcome('CliExportTest')).toMatchObject({ status: 'Failure', reason: expect.stringMatching(/^l1-recoverability: /) });
  });

  it('declines to write a test from a run that no longer fails, or for a protocol it cannot state on chain', () => {
    const repro = JSON.parse(readFileSync(join(REPROS, 'channel-no-challenge-period.json'), 'utf8')) as Record<string, unknown>;
    const cases = [
      [{ ...repro, variant: 'secure' }, 1, /forge test not written: the replay did not violate l1-recoverability again/],
      [{ ...repro, protocol: 'sidechain', variant: 'reference' }, 2, /^l2adv: --export-foundry supports the channel protocol so far; sidechain has no Solidity exporter yet/],
    ] as const;
    for (const [content, status, message] of cases) {
      const file = join(dir, `case-${status}.json`);
      writeFileSync(file, JSON.stringify(content));
      const out = join(tests, `not-${status}.t.sol`);
      const run = spawnSync(process.execPath, [BIN, 'replay', file, '--export-foundry', out], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
      expect(run.status).toBe(status);
      expect(`${run.stdout}${run.stderr}`).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

/** forge test on a folder of exported tests, with its own output folders so the project's out/ is untouched. */
async function forgeTest(tests: string, scratch: string): Promise<ForgeResults> {
  const args = ['test', '--root', PROJECT_ROOT, '--offline', '--json', '--out', join(scratch, 'out'), '--cache-path', join(scratch, 'cache')];
  const run = await promisify(execFile)(foundryBinary('forge'), args, { cwd: PROJECT_ROOT, env: { ...process.env, FOUNDRY_TEST: tests }, maxBuffer: 64 * 1024 * 1024 }).catch(
    (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }),
  );
  const json = run.stdout.split('\n').find((l) => l.startsWith('{'));
  if (!json) throw new Error(`forge test printed no results: ${run.stderr || run.stdout}`);
  return JSON.parse(json) as ForgeResults;
}
