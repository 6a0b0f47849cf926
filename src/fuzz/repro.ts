import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { INVARIANT_NAMES } from '../kernel/violation.ts';
import { UsageError } from '../kernel/errors.ts';
import { canonicalJson } from '../kernel/canonical.ts';
import { writeFileAtomic } from '../report/write.ts';
import type { Move } from './moves.ts';

export const REPRO_VERSION = 1;

const move = z.union([
  z.strictObject({ kind: z.literal('honest'), name: z.string(), args: z.unknown() }),
  z.strictObject({ kind: z.literal('adversary'), name: z.string(), args: z.unknown() }),
  z.strictObject({ kind: z.literal('advance'), blocks: z.number().int().min(1) }),
  z.strictObject({ kind: z.literal('deadline'), window: z.number().int().min(0), offset: z.union([z.literal(-2), z.literal(-1), z.literal(0), z.literal(1)]) }),
]);

/** DESIGN §9's repro file. It is data: parsed and validated, never evaluated or imported. */
const reproFile = z.strictObject({
  version: z.literal(REPRO_VERSION),
  protocol: z.string(),
  variant: z.string(),
  preset: z.string(),
  l1: z.enum(['memory', 'anvil']),
  /** The run's own seed (drives the world and the swarm subset). */
  seed: z.number().int(),
  rootSeed: z.number().int().min(0),
  run: z.number().int().min(0),
  /** fast-check's shrink path, for the record; replay plays `commands` directly. */
  path: z.string(),
  swarm: z.array(z.string()),
  commands: z.array(move),
  violation: z.strictObject({ invariant: z.enum(INVARIANT_NAMES), step: z.number().int(), message: z.string() }).nullable(),
  error: z.string().optional(),
  traceHash: z.string().regex(/^0x[0-9a-f]{64}$/),
  configHash: z.string().regex(/^0x[0-9a-f]{64}$/),
});

export type ReproFile = z.infer<typeof reproFile> & { commands: Move[] };

export function readRepro(path: string): ReproFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read repro file ${path}: no such file or not readable`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`repro file ${path} is not valid JSON (${(e as Error).message}); pass a file written by \`l2adv fuzz\``);
  }
  const parsed = reproFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`repro file ${path} is malformed: field \`${issue.path.join('.') || '(root)'}\`: ${issue.message}`);
  }
  return parsed.data as ReproFile;
}

export function writeRepro(path: string, repro: ReproFile): void {
  writeFileAtomic(path, `${JSON.stringify(JSON.parse(canonicalJson(repro)), null, 2)}\n`);
}

export function reproName(repro: Pick<ReproFile, 'protocol' | 'variant' | 'rootSeed' | 'run'>): string {
  return `${repro.protocol}-${repro.variant}-${repro.rootSeed}${repro.run === 0 ? '' : `-r${repro.run}`}.json`;
}
