import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportFoundry } from '../../../../src/fuzz/foundry.ts';
import { identifier, stringLiteral } from '../../../../src/fuzz/foundry/solidity.ts';
import { readRepro, type ReproFile } from '../../../../src/fuzz/repro.ts';
import { UsageError } from '../../../../src/kernel/errors.ts';

/** Repro files the fuzzer wrote for the channel twins (forge runs their exports in test/anvil/foundry-export.test.ts). */
const REPROS = join(import.meta.dirname, '../../../anvil/fixtures/repros');
const repro = (twin: string): ReproFile => readRepro(join(REPROS, `channel-${twin}.json`));
const exportOf = (twin: string) => exportFoundry(repro(twin), { file: `channel-${twin}.json` });

/** The value of a `constant NAME = value;` line of an exported test. */
function constant(source: string, name: string): string | undefined {
  return new RegExp(`constant ${name} = ([^;]+);`).exec(source)?.[1];
}

describe('exportFoundry: a channel repro as a forge test', () => {
  it('deploys the twin with its own flags, and the secure variant with the secure flags, for the same calls', async () => {
    const exported = await exportOf('accepts-stale-version');
    expect(exported.violated).toBe(true);
    const twin = exported.test('variant');
    const secure = exported.test('secure');
    expect([constant(twin, 'REQUIRES_NEWER_VERSION'), constant(secure, 'REQUIRES_NEWER_VERSION')]).toEqual(['false', 'true']);
    const calls = (source: string) => source.split('\n').filter((l) => l.trim().startsWith('_call(') || l.trim().startsWith('_block('));
    expect(calls(twin)).toEqual(calls(secure));
    expect(twin).toContain('contract ChannelAcceptsStaleVersionTest {');
  });

  it('replays the mined calls at their heights, with their senders and values, and funds each sender with what it pays', async () => {
    const source = (await exportOf('no-challenge-period')).test('variant');
    expect(source).toContain('_block(1);\n        _call(ALICE, 10000000000000000000, "alice open: succeeded in the run", abi.encodeCall(ChannelAdjudicator.open, (BOB, 0)));');
    expect(source).toContain('vm.deal(ALICE, 10000000000000000000);');
    expect(constant(source, 'CHALLENGE_PERIOD_BLOCKS')).toBe('0');
    expect(source).toMatch(/_call\(BOB, 0, "bob close: succeeded in the run", abi\.encodeCall\(ChannelAdjudicator\.close, \(_state\d+\(\), _sigs\(_sign\(ALICE_KEY, _state\d+\(\)\), _sign\(BOB_KEY, _state\d+\(\)\)\)\)\)\);/);
  });

  it('re-signs a replayed signature over the state it was made for, not the one it is submitted with', async () => {
    const source = (await exportOf('unbound-signature')).test('secure');
    const replay = /_call\(BOB, 0, "bob close: succeeded in the run", abi\.encodeCall\(ChannelAdjudicator\.close, \((_state\d+)\(\), _sigs\(_sign\(ALICE_KEY, (_state\d+)\(\)\)/.exec(source);
    expect(replay).not.toBeNull();
    const [, submitted, signed] = replay!;
    expect(submitted).not.toBe(signed);
    const doc = (fn: string) => new RegExp(`/// (.*)\\n    function ${fn}\\(\\)`).exec(source)?.[1];
    expect(doc(submitted!)).toMatch(/^channel #1, version 1: alice 9\.9 ETH, bob 0\.1 ETH$/);
    expect(doc(signed!)).toMatch(/^channel #0, version 1: alice 9\.9 ETH, bob 0\.1 ETH$/);
    expect(constant(source, 'BINDS_CHANNEL')).toBe('true');
  });

  it('adds the watchtower only where the target variant has one and the recorded run had none', async () => {
    const noTower = await exportOf('no-watchtower');
    expect(constant(noTower.test('variant'), 'WATCHTOWER_ANSWERS')).toBe('false');
    expect(constant(noTower.test('secure'), 'WATCHTOWER_ANSWERS')).toBe('true');
    expect(constant((await exportOf('no-challenge-period')).test('secure'), 'WATCHTOWER_ANSWERS')).toBe('false');
  });

  it('asserts the invariant the repro names, with the honest party and amount in its message', async () => {
    const source = (await exportOf('no-challenge-period')).test('variant');
    expect(source).toContain('function test_l1Recoverability() public {');
    expect(source).toContain('"l1-recoverability: alice must recover at least 9.901 ETH through L1, alice\'s balances in the latest states alice co-signed"');
    const latest = { ...repro('no-challenge-period'), violation: { invariant: 'latest-state-enforced' as const, step: 1, message: 'm' } };
    const perChannel = (await exportFoundry(latest, { file: 'x.json' })).test('variant');
    expect(perChannel).toContain('function test_latestStateEnforced() public {');
    expect(perChannel).toContain('latest-state-enforced: alice must receive at least 9.901 ETH from channel #0');
  });

  it('says plainly what it cannot export', async () => {
    const base = repro('no-challenge-period');
    const cases: Array<[Partial<ReproFile>, string]> = [
      [{ protocol: 'optimistic', variant: 'secure' }, '--export-foundry supports the channel protocol so far; optimistic has no Solidity exporter yet (replay it without --export-foundry)'],
      [{ violation: null }, '--export-foundry needs a repro file that records a violation; this one records none'],
      [{ violation: { invariant: 'conservation', step: 3, message: 'm' } }, '--export-foundry can state latest-state-enforced and l1-recoverability on chain for channels, not conservation'],
    ];
    for (const [change, message] of cases) {
      await expect(exportFoundry({ ...base, ...change }, { file: 'x.json' })).rejects.toThrow(new UsageError(message));
    }
  });
});

describe('Solidity text', () => {
  it('makes contract names and string literals that compile from any text', () => {
    expect(identifier('channel-no-watchtower-1-r269')).toBe('ChannelNoWatchtower1R269');
    expect(identifier('7-up')).toBe('T7Up');
    expect(stringLiteral('alice\'s "latest" — 9.9 ETH\\')).toBe('"alice\'s \\"latest\\" ? 9.9 ETH\\\\"');
  });
});
