import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { protocolNamed } from '../../../../src/catalogue.ts';
import { findPreset, loadPresetFiles } from '../../../../src/protocols/presets.ts';

describe('sidechain presets', () => {
  it('federated-sidechain loads with a source for every parameter', () => {
    const file = loadPresetFiles().find((f) => f.name === 'federated-sidechain')!;
    expect(file.protocol).toBe('sidechain');
    for (const key of Object.keys(file.params)) expect(file.sources[key], key).toBeTruthy();
    expect(findPreset(protocolNamed('sidechain'), 'federated-sidechain', loadPresetFiles()).params).toMatchObject({ federationSize: 15, threshold: 11 });
  });

  it.each([
    [{ federationSize: 3, threshold: 4, pegOutDelayBlocks: 1 }, /field `threshold` = 4: threshold must not exceed federationSize/],
    [{ federationSize: 3, threshold: 0, pegOutDelayBlocks: 1 }, /field `threshold` = 0: Too small/],
    [{ federationSize: 3, threshold: 2, pegOutDelayBlocks: 1, users: ['alice', 'federation-1'] }, /field `users`.*not named like federation members/],
  ])('rejects %j with a message naming the field', (params, message) => {
    const path = join(mkdtempSync(join(tmpdir(), 'l2adv-sidechain-')), 'bad.json');
    writeFileSync(path, JSON.stringify({ name: 'bad', protocol: 'sidechain', description: 'd', params, sources: {} }));
    expect(() => findPreset(protocolNamed('sidechain'), path, loadPresetFiles())).toThrow(message);
  });
});
