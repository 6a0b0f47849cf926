import { describe, expect, it } from 'vitest';
import { protocolNamed } from '../../../../src/catalogue.ts';
import { findPreset, loadPresetFiles, parsePresetFile, resolvePreset } from '../../../../src/protocols/presets.ts';

const channel = protocolNamed('channel');

describe('channel presets', () => {
  it('loads lightning-lnd with LND’s to_self_delay floor and penalty mode', () => {
    expect(findPreset(channel, 'lightning-lnd', loadPresetFiles()).params).toMatchObject({ challengePeriodBlocks: 144, penalty: true });
  });

  it('loads perun with no penalty', () => {
    expect(findPreset(channel, 'perun', loadPresetFiles()).params).toMatchObject({ penalty: false });
  });

  it('cites a source for every parameter', () => {
    for (const file of loadPresetFiles().filter((f) => f.protocol === 'channel')) {
      expect(Object.keys(file.sources).sort()).toEqual(Object.keys(file.params).sort());
    }
  });

  it.each([
    [{ challengePeriodBlocks: 1, penalty: true }, /field `challengePeriodBlocks` = 1: .*>=10/],
    [{ challengePeriodBlocks: 144 }, /field `penalty` = missing/],
    [{ challengePeriodBlocks: 144, penalty: true, toSelfDelay: 3 }, /toSelfDelay/],
  ])('rejects bad params with a message naming the field: %j', (params, message) => {
    const file = parsePresetFile('bad.json', JSON.stringify({ name: 'bad', protocol: 'channel', description: 'x', params, sources: {} }));
    expect(() => resolvePreset(channel, file)).toThrow(message);
  });
});
