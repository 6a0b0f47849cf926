import { classify } from '../classify/engine.ts';
import { classifyJson } from '../classify/json.ts';
import { formatClassification, formatClassifySummary, formatClassifyTable } from '../classify/table.ts';
import { palette } from '../report/color.ts';
import type { Io } from './io.ts';
import { parse, seedOption } from './options.ts';

/** `l2adv classify`: 0 when every preset was classified, 1 when a probe run failed (verdict unknown), 2 on bad input. */
export async function classifyCommand(argv: readonly string[], io: Io): Promise<number> {
  const { values } = parse('classify', argv, {
    preset: { type: 'string' as const, multiple: true },
    seed: { type: 'string' as const },
    json: { type: 'boolean' as const },
  });
  const seed = seedOption(values.seed);
  const c = palette({ isTTY: io.stdoutIsTTY }, io.env);
  const list = await classify({ presets: values.preset ?? [], seed });
  if (values.json) {
    io.out(JSON.stringify(classifyJson(seed, list), null, 2));
  } else {
    io.out(`What happens to users' funds if the operator disappears? ${c.dim(`(attacks run on the in-memory L1, seed ${seed})`)}\n`);
    io.out(formatClassifyTable(list, c));
    for (const k of list) io.out(`\n${formatClassification(k, c)}`);
    io.out(`\n${formatClassifySummary(list, c)}`);
  }
  return list.some((k) => k.probes.some((p) => p.outcome === 'error')) ? 1 : 0;
}
