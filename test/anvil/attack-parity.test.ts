import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { planAttacks, runAttacks } from '../../src/catalogue.ts';
import { attackJson } from '../../src/report/json.ts';
import { anvilsTagged } from './support.ts';

const BIN = join(import.meta.dirname, '../../bin/l2adv.js');

/**
 * Protocols whose L1 contracts have no Solidity twin in contracts/ yet. Their targets run
 * on anvil only to report outcome `error` naming the missing contract; the task that writes
 * a protocol's Solidity removes its entry (this file fails until it does, so the list stays true).
 */
const PENDING: Readonly<Record<string, string>> = {};

interface AttackJson {
  l1: string;
  results: Array<Record<string, unknown> & { attack: string; protocol: string; variant: string; outcome: string; error?: string }>;
  summary: { total: number; asExpected: number; unexpected: number };
}

const plan = planAttacks({ names: [], all: true, seed: 1, l1: 'memory' });
const targets = plan.map((r) => `${r.attack.name} on ${r.protocol.name}/${r.variant}`);
const isPending = (target: string): boolean => Object.keys(PENDING).some((p) => target.includes(` on ${p}/`));
/** Protocols whose every contract has a Solidity twin: their attacks must agree across backends. */
const ready = [...new Set(plan.map((r) => r.protocol.name))].filter((p) => !(p in PENDING));

/**
 * An L2 transaction's hash covers its signature, and anvil runs sign with secp256k1 where
 * memory runs use ideal signatures (src/kernel/run.ts), so one payment has another hash on
 * each backend. accepted-payment-final names each lost payment by its hash, the user's
 * handle to look it up, so the message keeps it and only this comparison blanks that field.
 */
const PAYMENT_HASH = /\(((?:soft|l1-posted|l1-final)), 0x[0-9a-f]{8}\)/g;

/** What must not depend on the backend: everything but hashes, timing and the repro line's --l1. */
function verdict(r: Record<string, unknown>): Record<string, unknown> {
  const { traceHash: _t, configHash: _c, ms: _m, repro: _r, violations, ...rest } = r;
  const sameOnBoth = (violations as Array<{ invariant: string; message: string }> | undefined)?.map((v) =>
    v.invariant === 'accepted-payment-final' ? { ...v, message: v.message.replace(PAYMENT_HASH, '($1, <L2 tx hash>)') } : v,
  );
  return { ...rest, violations: sameOnBoth };
}

describe('`l2adv attack --all --l1 anvil --json` gives the same outcome as --l1 memory', () => {
  let anvil: { status: number | null; stderr: string; json: AttackJson };
  const memory: AttackJson['results'] = [];
  const tag = `parity-${process.pid}`;

  beforeAll(async () => {
    anvil = attack(['--all', '--l1', 'anvil'], tag);
    // The memory side in process, in the CLI's JSON shape, and only where there is something
    // to compare: pending protocols would only cost time.
    for (const protocol of ready) {
      const results = await runAttacks({ names: [], all: true, protocol, seed: 1, l1: 'memory' });
      memory.push(...(JSON.parse(JSON.stringify(attackJson(1, 'memory', results))) as AttackJson).results);
    }
    // Measured on 2 cores shared at load 8–9: the anvil run 250 s wall alone (152 s CPU, most of it each node
    // loading its KZG setup), over 360 s beside other anvil tests; the memory side 31 s.
  }, 540_000);

  const named = (results: AttackJson['results'], target: string) => results.find((r) => `${r.attack} on ${r.protocol}/${r.variant}` === target)!;

  it('runs the whole catalogue on anvil, quietly, and leaves no anvil process behind', () => {
    expect(anvilsTagged(tag)).toEqual([]);
    expect(anvil.stderr).toBe('');
    expect(anvil.json.l1).toBe('anvil');
    expect(anvil.json.results.map((r) => `${r.attack} on ${r.protocol}/${r.variant}`)).toEqual(targets);
    // Pending targets end in error, an unexpected outcome: the run exits 1 until they are gone.
    expect(anvil.status).toBe(targets.some(isPending) ? 1 : 0);
  });

  it.each(targets.filter((t) => !isPending(t)))('%s: same outcome, violations and steps on anvil as in memory', (target) => {
    const onAnvil = named(anvil.json.results, target);
    expect(onAnvil.error).toBeUndefined();
    expect(verdict(onAnvil)).toEqual(verdict(named(memory, target)));
  });

  it.each(targets.filter(isPending))('%s: pending, no Solidity yet: outcome error naming the missing contract', (target) => {
    const onAnvil = named(anvil.json.results, target);
    expect(onAnvil.outcome).toBe('error');
    expect(onAnvil.error).toMatch(/^no Solidity contract named \w+ in contracts\/: this protocol cannot run on --l1 anvil yet \(see docs\/custom-target\.md\); use --l1 memory$/);
  });

  it('lists as pending exactly the protocols that cannot run on anvil yet', () => {
    const erroring = new Set(anvil.json.results.filter((r) => r.outcome === 'error').map((r) => r.protocol));
    expect([...erroring].sort()).toEqual(Object.keys(PENDING).sort());
  });
});

function attack(args: readonly string[], tag: string): { status: number | null; stderr: string; json: AttackJson } {
  const run = spawnSync(process.execPath, [BIN, 'attack', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', L2ADV_TEST_TAG: tag }, timeout: 480_000 });
  if (!run.stdout) throw new Error(`l2adv attack ${args.join(' ')} printed nothing (exit ${run.status}, signal ${run.signal}): ${run.stderr}`);
  return { status: run.status, stderr: run.stderr, json: JSON.parse(run.stdout) as AttackJson };
}
