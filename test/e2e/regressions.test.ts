import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { l2adv } from './cli.ts';

const DIR = 'fixtures/failures';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

// The shipped failure corpus: each file must still reproduce bit for bit. A change that
// alters a trace shows up here first; regenerate the file only if the change is meant.
describe('fixtures/failures regression corpus', () => {
  it('is not empty', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s reproduces with the same traceHash', (file) => {
    const r = l2adv('replay', join(DIR, file), '--json');
    const out = JSON.parse(r.stdout);
    expect(out.reproduced, `${file}: ${out.traceHash} vs ${out.expectedTraceHash}`).toBe(true);
    expect(out.outcome).toBe('violated');
    expect(r.code).toBe(0);
  });
});
