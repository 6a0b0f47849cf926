import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { UsageError, unknownName } from '../kernel/errors.ts';
import type { ProtocolDefinition } from './define.ts';

export const PRESET_DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/protocols');

const presetFile = z.object({
  name: z.string().regex(/^[a-z0-9-]+$/),
  protocol: z.string(),
  description: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** Where each value comes from: parameter → source (REFERENCE.md). */
  sources: z.record(z.string(), z.string()),
  comment: z.string().optional(),
});

export type PresetFile = z.infer<typeof presetFile>;

export interface Preset {
  readonly name: string;
  readonly protocol: string;
  readonly description: string;
  readonly params: unknown;
  readonly sources: Readonly<Record<string, string>>;
}

/** Reads every preset file; a malformed one is a one-line error naming the file and field. */
export function loadPresetFiles(dir = PRESET_DIR): PresetFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => parsePresetFile(join(dir, file), readFileSync(join(dir, file), 'utf8')));
}

export function parsePresetFile(path: string, text: string): PresetFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`preset ${path} is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = presetFile.safeParse(raw);
  if (!parsed.success) throw new UsageError(`preset ${path}: ${describeIssue(parsed.error, raw)}`);
  return parsed.data;
}

/** Validates a preset's params against its protocol: "field `x` = 5: expected number >= 10". */
export function resolvePreset(protocol: ProtocolDefinition<unknown>, file: PresetFile): Preset {
  const parsed = protocol.params.safeParse(file.params);
  if (!parsed.success) throw new UsageError(`preset ${file.name} (${protocol.name}): ${describeIssue(parsed.error, file.params)}`);
  return { name: file.name, protocol: file.protocol, description: file.description, params: parsed.data, sources: file.sources };
}

export function presetsFor(protocol: ProtocolDefinition<unknown>, files: readonly PresetFile[]): Preset[] {
  return files.filter((f) => f.protocol === protocol.name).map((f) => resolvePreset(protocol, f));
}

/**
 * A preset by name, or by path: `--preset my-rollup.json` runs the catalogue against a
 * user's own parameters, validated exactly like the shipped ones.
 */
export function findPreset(protocol: ProtocolDefinition<unknown>, name: string | undefined, files: readonly PresetFile[]): Preset & { isDefault: boolean } {
  if (name?.endsWith('.json')) return { ...presetFromPath(protocol, name), isDefault: false };
  const wanted = name ?? protocol.defaultPreset;
  const file = files.find((f) => f.protocol === protocol.name && f.name === wanted);
  if (!file) {
    throw unknownName(`preset for ${protocol.name}`, wanted, files.filter((f) => f.protocol === protocol.name).map((f) => f.name));
  }
  return { ...resolvePreset(protocol, file), isDefault: wanted === protocol.defaultPreset };
}

function readPresetPath(path: string): PresetFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`cannot read preset file ${path}: no such file or not readable`);
  }
  return parsePresetFile(path, text);
}

export function presetFileProtocol(path: string): string {
  return readPresetPath(path).protocol;
}

function presetFromPath(protocol: ProtocolDefinition<unknown>, path: string): Preset {
  const file = readPresetPath(path);
  if (file.protocol !== protocol.name) throw new UsageError(`preset ${path} is for protocol ${file.protocol}, not ${protocol.name}; pass --protocol ${file.protocol}`);
  return { ...resolvePreset(protocol, file), name: path };
}

function describeIssue(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0]!;
  const path = issue.path.map(String).join('.');
  const value = issue.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k as PropertyKey] : undefined), input);
  const shown = value === undefined ? 'missing' : JSON.stringify(value);
  return path ? `field \`${path}\` = ${shown}: ${issue.message}` : issue.message;
}
