import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { UsageError } from '../../kernel/errors.ts';

export type FoundryTool = 'anvil' | 'forge';

const ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/**
 * The native binary inside the platform package (`@foundry-rs/anvil-linux-amd64/bin/anvil`).
 * We spawn it directly: the npm `anvil` bin is a node wrapper around it, and killing the
 * wrapper would leave the real node running (DESIGN §4).
 */
export function foundryBinary(tool: FoundryTool, platform: string = process.platform, arch: string = process.arch): string {
  const pkg = `@foundry-rs/${tool}-${platform}-${ARCH[arch] ?? arch}`;
  const file = platform === 'win32' ? `${tool}.exe` : tool;
  let root: string;
  try {
    root = dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`));
  } catch {
    throw new UsageError(`${tool} is not installed: npm package ${pkg} is missing; run \`npm ci\` (optional dependencies must not be omitted) or use --l1 memory`);
  }
  const binary = join(root, 'bin', file);
  if (!existsSync(binary)) throw new UsageError(`${tool} binary missing at ${binary}; reinstall with \`npm ci\` or use --l1 memory`);
  return binary;
}
