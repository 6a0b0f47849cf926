import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LATE_USER } from '../../../attacks/blob-expiry.attack.ts';
import { optimistic } from '../../../src/protocols/optimistic/index.ts';
import { BLOB_ARCHIVE_ASSUMPTION } from '../../../src/protocols/rollup/blob-archive.ts';
import { loadPresetFiles } from '../../../src/protocols/presets.ts';
import { runAttackOn, targetsOf } from '../../support/attack.ts';

const dir = mkdtempSync(join(tmpdir(), 'blob-expiry-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** arbitrum-one with some parameters changed, written as a preset file `--preset` accepts. */
function arbitrumWith(name: string, params: Record<string, unknown>): string {
  const base = loadPresetFiles().find((f) => f.name === 'arbitrum-one')!;
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify({ ...base, name, params: { ...base.params, ...params } }));
  return path;
}

describe('blob-expiry', () => {
  it.each(targetsOf('blob-expiry'))('meets its declared expectation on $protocol/$variant', async (t) => {
    const r = await runAttackOn('blob-expiry', t.protocol, t.variant);
    expect(r.error).toBeUndefined();
    expect(r.outcome).toBe(t.expected);
    if (t.invariant) expect(r.violations.map((v) => v.invariant)).toContain(t.invariant);
    expect(r.asExpected).toBe(true);
  });

  it('lets the late user rebuild its state from the blob archive and prove its exit, though L1 serves none of the blobs any more', async () => {
    const r = await runAttackOn('blob-expiry', 'optimistic', 'secure');
    const expiry = r.trace.find((e) => /^L1 still serves \d+ of the \d+ blobs/.test(e.summary))!;
    expect(expiry.summary).toMatch(/^L1 still serves 0 of the [1-9]\d* blobs/);
    expect(expiry.phase).toBe('safety');
    const proof = r.trace.find((e) => e.actor === LATE_USER && /proves withdrawal #\d+ \(11 ETH\) against final root/.test(e.summary));
    expect(proof?.phase).toBe('recovery');
    expect(r.violations).toEqual([]);
  });

  it('leaves the late user with nothing when nobody archives blobs, reported as the stated assumption, not as missing data', async () => {
    const r = await runAttackOn('blob-expiry', 'optimistic', 'no-blob-archive');
    expect(r.violations.map((v) => v.invariant)).toEqual(['l1-recoverability']);
    const [stuck] = r.violations;
    expect(stuck!.actors).toEqual([LATE_USER]);
    expect(stuck!.amounts).toEqual({ entitledWei: String(11n * 10n ** 18n), recoveredWei: '0' });
    expect(stuck!.message).toMatch(/^dave recovered 0 ETH of 11 ETH through L1 after the operator disappeared: its node cannot rebuild the L2 state past batch #0 \(L1 block \d+\): its blobs are past L1's retention window/);
    expect(r.assumption).toBe(BLOB_ARCHIVE_ASSUMPTION);
    // Everyone who followed the chain while the blobs were retained still gets out.
    expect(r.trace.filter((e) => e.phase === 'recovery' && /proves withdrawal/.test(e.summary)).map((e) => e.actor).sort()).toEqual(['alice', 'bob', 'carol', 'merchant']);
  });

  it('replays to the same trace from the same seed', async () => {
    const [a, b] = [await runAttackOn('blob-expiry', 'optimistic', 'secure', { seed: 3 }), await runAttackOn('blob-expiry', 'optimistic', 'secure', { seed: 3 })];
    expect(a.traceHash).toBe(b.traceHash);
  });

  it('is defended without any archive when batches are calldata, which L1 keeps forever', async () => {
    const r = await runAttackOn('blob-expiry', 'optimistic', 'no-blob-archive', { preset: arbitrumWith('arbitrum-calldata', { dataAvailability: 'calldata' }) });
    expect(r.outcome).toBe('defended');
    expect(r.trace.some((e) => /^L1 still serves 0 of the 0 blobs posted so far; \d+ calldata batches stay on L1 forever/.test(e.summary))).toBe(true);
  });

  it('is the assumption the optimistic trust model states for blob presets, and only for them', () => {
    const params = (over: Record<string, unknown>) => optimistic.params.parse({ ...loadPresetFiles().find((f) => f.name === 'arbitrum-one')!.params, ...over });
    expect(optimistic.trust!.assumptions!(params({}))).toEqual([BLOB_ARCHIVE_ASSUMPTION]);
    expect(optimistic.trust!.assumptions!(params({ dataAvailability: 'calldata' }))).toEqual([]);
  });

  it('violates the secure variant too when its preset states that nobody archives blobs', async () => {
    const r = await runAttackOn('blob-expiry', 'optimistic', 'secure', { preset: arbitrumWith('arbitrum-no-archivers', { blobArchivers: 0 }) });
    expect(r.outcome).toBe('violated');
    expect(r.violations.map((v) => [v.invariant, v.actors])).toEqual([['l1-recoverability', [LATE_USER]]]);
  });
});
