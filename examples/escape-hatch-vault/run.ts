// The worked custom target (docs/custom-target.md §6): builds this folder's Solidity with
// forge, then runs one attack against both variants of the vault, on the in-memory L1 and
// on anvil, and checks that each outcome is the expected one and the same on both.
//
//   node --import tsx examples/escape-hatch-vault/run.ts [--json]
//
// Exit code 0 iff every outcome is as expected and the backends agree.
import { spawnSync } from 'node:child_process';
import { defineAttack, formatAttackResult, foundryBinary, invariants, palette, runTarget, violated, type AttackResult, type ProtocolDefinition } from '../../src/index.ts';
import { vaultParams, vaultProtocol } from './protocol.ts';

/** The scenario: an ordinary session, then the operator vanishes (the kernel's recovery phase removes it). */
const operatorVanishes = defineAttack({
  name: 'operator-vanishes',
  summary: 'the vault operator stops serving withdrawals, forever; every user must leave through L1 alone',
  references: ['L2BEAT risk framework: "what happens if the operator is down"'],
  targets: { 'escape-hatch-vault': { secure: 'defended', 'no-escape-hatch': violated('l1-recoverability') } },
  async run({ world, instance }) {
    await instance.workload(world);
  },
});

/** Your own Foundry project builds your contract; l2adv reads the artifact the spec names. */
function buildContracts(): void {
  const forge = spawnSync(foundryBinary('forge'), ['build'], { cwd: import.meta.dirname, encoding: 'utf8' });
  if (forge.status !== 0) throw new Error(`forge build failed in ${import.meta.dirname}:\n${forge.stdout}${forge.stderr}`);
}

buildContracts();
const preset = { name: 'example', params: vaultParams.parse({ exitDelayBlocks: 50, users: ['alice', 'bob'] }), isDefault: true };
const results: AttackResult[] = [];
for (const l1 of ['memory', 'anvil'] as const) {
  for (const variant of Object.keys(vaultProtocol.variants)) {
    results.push(await runTarget({ attack: operatorVanishes, protocol: vaultProtocol as ProtocolDefinition<unknown>, variant, preset, seed: 1, l1, invariants }));
  }
}
const verdict = (r: AttackResult) => JSON.stringify([r.variant, r.outcome, r.violations.map((v) => [v.invariant, v.step, v.message]), r.steps]);
const memory = results.filter((r) => r.l1 === 'memory').map(verdict);
const agree = results.filter((r) => r.l1 === 'anvil').every((r, i) => verdict(r) === memory[i]);
const ok = agree && results.every((r) => r.asExpected);
if (process.argv.includes('--json')) {
  const rows = results.map((r) => ({ l1: r.l1, variant: r.variant, expected: r.expected, outcome: r.outcome, asExpected: r.asExpected, violations: r.violations.map((v) => v.message), steps: r.steps, error: r.error }));
  console.log(JSON.stringify({ results: rows, backendsAgree: agree }, null, 2));
} else {
  const c = palette(process.stdout);
  for (const r of results) console.log(`${c.dim(`--l1 ${r.l1}`)} ${formatAttackResult(r, c)}`);
  console.log(agree ? c.green('memory and anvil agree on every outcome') : c.red('memory and anvil disagree'));
}
process.exitCode = ok ? 0 : 1;
