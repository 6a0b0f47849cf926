import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { keccakText } from '../../crypto/keccak.ts';
import { UsageError } from '../../kernel/errors.ts';
import { foundryBinary } from './binaries.ts';

/** The checkout that holds foundry.toml, contracts/ and the forge output in out/. */
export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'out');

const STAMP = join(ARTIFACTS_DIR, '.l2adv-sources');
const LOCK = join(PROJECT_ROOT, 'cache', '.l2adv-build.lock');

let built: Promise<void> | undefined;

/**
 * Makes out/ match contracts/: runs `forge build` when the sources changed since the last
 * build (a content hash, not mtimes, so a fresh clone or a checkout cannot fool it).
 * Artifacts are build outputs, never committed, so this runs on first use after `npm ci`.
 * Concurrent processes (test workers, fuzz workers) build once, behind a lock directory.
 */
export function ensureContractsBuilt(): Promise<void> {
  built ??= buildIfStale().catch((e: unknown) => {
    built = undefined;
    throw e;
  });
  return built;
}

async function buildIfStale(): Promise<void> {
  if (isFresh()) return;
  await withLock(async () => {
    if (isFresh()) return;
    await forgeBuild();
    writeFileSync(STAMP, sourcesHash());
  });
}

function isFresh(): boolean {
  return existsSync(STAMP) && readFileSync(STAMP, 'utf8') === sourcesHash();
}

/** Everything that determines the bytecode: the sources, the config, the shim and the compiler version. */
export function sourcesHash(): string {
  const files = [...solidityFiles(join(PROJECT_ROOT, 'contracts')), join(PROJECT_ROOT, 'foundry.toml'), join(PROJECT_ROOT, 'scripts', 'solc-shim')];
  const solc = JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', 'solc', 'package.json'), 'utf8')) as { version: string };
  const parts = files.map((f) => `${relative(PROJECT_ROOT, f)}\n${readFileSync(f, 'utf8')}`);
  return keccakText(`solc ${solc.version}\n${parts.join('\n\0')}`);
}

function solidityFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...solidityFiles(path));
    else if (name.endsWith('.sol')) out.push(path);
  }
  return out;
}

async function forgeBuild(): Promise<void> {
  const forge = foundryBinary('forge');
  try {
    await promisify(execFile)(forge, ['build', '--root', PROJECT_ROOT], { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    const output = `${(e as { stdout?: string }).stdout ?? ''}\n${(e as { stderr?: string }).stderr ?? ''}`;
    throw new UsageError(`forge build of contracts/ failed: ${firstError(output)}; rerun \`npm run build:contracts\` for the full compiler output`);
  }
}

/** The compiler's first error and where it points, as one line. */
export function firstError(output: string): string {
  const lines = output.split('\n').map((l) => l.trim());
  const i = lines.findIndex((l) => /^Error\b/.test(l) && !/^Error: Compiler run failed/.test(l));
  if (i < 0) return lines.filter(Boolean).slice(-1)[0] ?? 'no output';
  const where = lines.slice(i + 1, i + 4).find((l) => l.startsWith('-->'));
  return where ? `${lines[i]} ${where}` : lines[i]!;
}

async function withLock(body: () => Promise<void>): Promise<void> {
  mkdirSync(dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(join(LOCK, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A builder that died mid-build leaves its lock behind: take it over.
      if (lockOwnerGone()) rmSync(LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    await body();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

function lockOwnerGone(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(LOCK, 'pid'), 'utf8'));
  } catch {
    return false; // just created, pid not written yet
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
