import type { Classification } from './derive.ts';

/** `l2adv classify --json`: one document; amounts already decimal strings, no bigints. */
export function classifyJson(seed: number, list: readonly Classification[]): unknown {
  const count = (v: Classification['verdict']) => list.filter((k) => k.verdict === v).length;
  return {
    command: 'classify',
    seed,
    l1: 'memory',
    presets: list,
    summary: { total: list.length, layer2: count('Layer 2'), notLayer2: count('not Layer 2'), unknown: count('unknown') },
  };
}
