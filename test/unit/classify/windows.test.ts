import { describe, expect, it } from 'vitest';
import { humanDuration, timeColumn } from '../../../src/classify/windows.ts';

describe('time columns', () => {
  it.each([
    [0, 'immediate'],
    [144 * 12, '29 min'],
    [5_760 * 12, '19.2 h'],
    [14_400 * 12, '2 days'],
    [45_818 * 12, '6.4 days'],
    [604_800, '7 days'],
  ])('renders %i s as %s', (seconds, text) => {
    expect(humanDuration(seconds)).toBe(text);
  });

  it('reads a Blocks parameter in blocks and human time, naming its source', () => {
    expect(timeColumn('exit', { param: 'challengeWindowBlocks' }, { challengeWindowBlocks: 45_818 })).toEqual({
      blocks: 45_818,
      seconds: 549_816,
      text: '45,818 blocks (6.4 days)',
      source: 'preset parameter `challengeWindowBlocks` = 45818',
    });
  });

  it('converts a Seconds parameter to whole L1 blocks', () => {
    expect(timeColumn('withdrawalDelay', { param: 'proofMaturitySeconds' }, { proofMaturitySeconds: 604_800 })).toMatchObject({ blocks: 50_400, text: '50,400 blocks (7 days)' });
  });

  it('follows a dotted path, and reports none when the preset turns the mechanism off', () => {
    expect(timeColumn('exit', { param: 'escapeHatch.delayBlocks' }, { escapeHatch: { delayBlocks: 50_400 } }).blocks).toBe(50_400);
    expect(timeColumn('exit', { param: 'escapeHatch.delayBlocks' }, { escapeHatch: null })).toMatchObject({ blocks: null, text: 'none', source: '`escapeHatch.delayBlocks` is off in this preset' });
  });

  it('says n/a, none or undeclared as the protocol declares, never a guess', () => {
    expect(timeColumn('forcedInclusion', 'n/a', {}).text).toBe('n/a');
    expect(timeColumn('forcedInclusion', 'none', {}).text).toBe('none');
    expect(timeColumn('withdrawalDelay', 'none', {}).text).toBe('no L1 bound');
    expect(timeColumn('exit', undefined, {}).text).toBe('undeclared');
  });

  it('refuses a window parameter that is not a number of blocks or seconds', () => {
    expect(() => timeColumn('exit', { param: 'challengeWindowBlocks' }, { challengeWindowBlocks: 'long' })).toThrow('not a number of blocks or seconds');
    expect(() => timeColumn('exit', { param: 'challengeWindow' }, { challengeWindow: 10 })).toThrow('neither Blocks nor Seconds');
  });
});
