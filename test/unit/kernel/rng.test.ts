import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/kernel/rng.ts';

describe('Rng', () => {
  it('gives the same draws for the same seed and label', () => {
    const a = Rng.root(7).fork('adversary');
    const b = Rng.root(7).fork('adversary');
    expect(Array.from({ length: 20 }, () => a.int(0, 1_000_000))).toEqual(Array.from({ length: 20 }, () => b.int(0, 1_000_000)));
  });

  it('gives different draws for different seeds and for different forks', () => {
    const draws = (r: Rng) => Array.from({ length: 8 }, () => r.int(0, 1_000_000));
    expect(draws(Rng.root(1))).not.toEqual(draws(Rng.root(2)));
    expect(draws(Rng.root(1).fork('workload'))).not.toEqual(draws(Rng.root(1).fork('adversary')));
  });

  it('draws in a fork do not shift the parent stream', () => {
    const plain = Rng.root(3);
    const withFork = Rng.root(3);
    const child = withFork.fork('x');
    child.int(0, 9);
    child.int(0, 9);
    expect(withFork.int(0, 1e9)).toBe(plain.int(0, 1e9));
  });

  it('keeps int within inclusive bounds and rejects an empty range', () => {
    const r = Rng.root(9);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(2, 4)));
    expect([...seen].sort()).toEqual([2, 3, 4]);
    expect(() => r.int(5, 4)).toThrow(/empty range/);
  });
});
