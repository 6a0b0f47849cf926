import { attackNamed, invariants, protocolNamed } from '../src/catalogue.ts';
import { runTarget } from '../src/kernel/run.ts';
import { findPreset, loadPresetFiles } from '../src/protocols/presets.ts';
import type { Figure } from './run.ts';

const SEEDS = [1, 2, 3, 4, 5];

/**
 * The validium's figures: how fast dac-withholding tells the colluding committee and the
 * duplicate-signers twin apart from the secure variant, and what operator-disappears
 * costs, as the median over seeds of cold-start runs.
 */
export default async function validiumBench(figure: Figure): Promise<void> {
  const protocol = protocolNamed('validium');
  const preset = findPreset(protocol, 'anytrust', loadPresetFiles());
  for (const attack of ['dac-withholding', 'operator-disappears']) {
    for (const variant of Object.keys(attackNamed(attack).targets.validium ?? {})) {
      const runs = [];
      for (const seed of SEEDS) runs.push(await runTarget({ attack: attackNamed(attack), protocol, variant, preset, seed, l1: 'memory', invariants }));
      const ms = median(runs.map((r) => r.ms));
      const steps = median(runs.map((r) => r.steps));
      figure(`${attack} on ${variant}: ${runs[0]!.outcome}, median of ${SEEDS.length} seeds`, ms, 'ms');
      figure(`${attack} on ${variant}: model steps per second`, (steps * 1000) / ms, 'steps/s');
    }
  }
}

function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
