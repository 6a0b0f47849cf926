import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolNamed } from '../../../../src/catalogue.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';
import { honestMembersNeeded } from '../../../../src/protocols/validium/params.ts';

describe('validium presets', () => {
  it('anytrust loads with a source for every parameter, an N−1 of N committee that needs two honest members', () => {
    const file = loadPresetFiles().find((f) => f.name === 'anytrust')!;
    expect(file.protocol).toBe('validium');
    for (const key of Object.keys(file.params)) expect(file.sources[key], key).toBeTruthy();
    const params = findPreset(protocolNamed('validium'), 'anytrust', loadPresetFiles()).params as { committeeSize: number; committeeThreshold: number };
    expect(params.committeeThreshold).toBe(params.committeeSize - 1);
    expect(honestMembersNeeded(params)).toBe(2);
  });

  it.each([
    [{ committeeSize: 3, committeeThreshold: 4 }, /field `committeeThreshold` = 4: must be at most committeeSize/],
    [{ committeeSize: 0 }, /field `committeeSize` = 0: Too small/],
    [{ dataRetentionSeconds: 60 }, /field `dataRetentionSeconds` = 60: Too small/],
    [{ users: ['alice', 'dac-1'] }, /field `users`.*not be named like committee members/],
  ])('rejects %j with a message naming the field', (overrides, message) => {
    const shipped = loadPresetFiles().find((f) => f.name === 'anytrust')!;
    const path = join(mkdtempSync(join(tmpdir(), 'l2adv-validium-')), 'bad.json');
    writeFileSync(path, JSON.stringify({ ...shipped, name: 'bad', params: { ...shipped.params, ...overrides } }));
    expect(() => findPreset(protocolNamed('validium'), path, loadPresetFiles())).toThrow(message);
  });
});
