import { describe, expect, it } from 'vitest';
import { keccakText, ZERO_HASH } from '../../../src/crypto/keccak.ts';
import { canonicalJson } from '../../../src/kernel/canonical.ts';
import { Trace } from '../../../src/kernel/trace.ts';

describe('Trace', () => {
  it('is a keccak hash chain over canonical JSON of each event', () => {
    const t = new Trace();
    const e0 = t.append({ l1: 0, phase: 'setup', kind: 'note', actor: 'k', summary: 'a', data: { b: 2n, a: 1 } });
    const h0 = keccakText(ZERO_HASH + canonicalJson(e0));
    expect(t.hash).toBe(h0);
    const e1 = t.append({ l1: 1, phase: 'safety', kind: 'note', actor: 'k', summary: 'b' });
    expect(t.hash).toBe(keccakText(h0 + canonicalJson(e1)));
    expect(e1.step).toBe(1);
  });

  it('canonical JSON ignores key order and encodes bigints and bytes', () => {
    expect(canonicalJson({ b: 1n, a: new Uint8Array([1, 255]) })).toBe(canonicalJson({ a: new Uint8Array([1, 255]), b: 1n }));
    expect(canonicalJson({ b: 1n, a: new Uint8Array([1, 255]) })).toBe('{"a":"0x01ff","b":"1"}');
  });

  it('any change to any event changes the hash', () => {
    const run = (summary: string) => {
      const t = new Trace();
      t.append({ l1: 0, phase: 'setup', kind: 'note', actor: 'k', summary: 'same' });
      t.append({ l1: 0, phase: 'setup', kind: 'note', actor: 'k', summary });
      return t.hash;
    };
    expect(run('x')).toBe(run('x'));
    expect(run('x')).not.toBe(run('y'));
  });

  it('hashes each event as it was when appended: its plain data is frozen, so a later write throws', () => {
    const data = { amount: 1n, parties: ['alice'] };
    const t = new Trace();
    const e0 = t.append({ l1: 0, phase: 'safety', kind: 'note', actor: 'k', summary: 'a', data });
    const expected = keccakText(ZERO_HASH + canonicalJson(e0));
    expect(() => {
      data.amount = 2n;
    }).toThrow(TypeError);
    expect(() => data.parties.push('bob')).toThrow(TypeError);
    expect(t.hash).toBe(expected);
  });

  it('hashes data it cannot freeze (bytes, maps) as it was when appended', () => {
    const bytes = new Uint8Array([1, 2]);
    const seen = new Map([['alice', 1n]]);
    const t = new Trace();
    const e0 = t.append({ l1: 0, phase: 'safety', kind: 'note', actor: 'k', summary: 'a', data: { bytes, seen } });
    const expected = keccakText(ZERO_HASH + canonicalJson(e0));
    bytes[0] = 9;
    seen.set('bob', 2n);
    expect(t.hash).toBe(expected);
  });

  it('gives the same chain however many events wait to be hashed', () => {
    const t = new Trace();
    let head = ZERO_HASH;
    for (let i = 0; i < 5_000; i++) {
      const e = t.append({ l1: i, phase: 'safety', kind: 'block', actor: 'l1', summary: `block ${i}` });
      head = keccakText(head + canonicalJson(e));
      if (i === 10) expect(t.hash).toBe(head);
    }
    expect(t.hash).toBe(head);
  });
});
