/**
 * `npm run bench`: prints figures, asserts nothing (machines are shared and noisy).
 * Each bench/*.bench.ts exports `default (figure) => Promise<void>`; `npm run bench -- NAME`
 * runs the ones whose file name contains NAME.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export type Figure = (label: string, value: number | string, unit?: string) => void;

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
  .sort();

for (const file of files) {
  console.log(`\n# ${file.replace('.bench.ts', '')}`);
  const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: (figure: Figure) => Promise<void> };
  await mod.default((label, value, unit = '') => {
    const shown = typeof value === 'number' ? value.toLocaleString('en-US', { maximumFractionDigits: 2 }) : value;
    console.log(`  ${label.padEnd(56)} ${shown}${unit ? ` ${unit}` : ''}`);
  });
}
console.log(`\n  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB`);
