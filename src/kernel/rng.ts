import seedrandom from 'seedrandom';

/**
 * The one source of randomness in a run. Every consumer takes `fork(label)` of the root,
 * so adding a draw in one place never shifts the draws of another (TigerBeetle's VOPR
 * derives every fault probability from one seed the same way).
 */
export class Rng {
  /**
   * Made on the first draw: most Rngs exist only to be forked (a run's root, a campaign's
   * root), and seeding Alea hashes the seed six times over. Draws are the same either way.
   */
  private generator: seedrandom.PRNG | undefined;

  constructor(readonly seed: string) {}

  private get prng(): seedrandom.PRNG {
    return (this.generator ??= seedrandom.alea(this.seed));
  }

  static root(seed: number | string): Rng {
    return new Rng(`l2adv:${seed}`);
  }

  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`);
  }

  /** Uniform in [0, 1). */
  float(): number {
    return this.prng();
  }

  /** Uniform integer in [lo, hi], both ends included. */
  int(lo: number, hi: number): number {
    if (hi < lo) throw new RangeError(`rng.int: empty range [${lo}, ${hi}]`);
    return lo + Math.floor(this.prng() * (hi - lo + 1));
  }

  chance(probability: number): boolean {
    return this.prng() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('rng.pick: no items to pick from');
    return items[this.int(0, items.length - 1)]!;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** A 32-bit integer seed for a sub-run (fuzz workers, fast-check). */
  seed32(): number {
    return Math.floor(this.prng() * 0x1_0000_0000) | 0;
  }
}
