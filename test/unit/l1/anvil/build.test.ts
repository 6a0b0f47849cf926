import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../../src/kernel/errors.ts';
import { foundryBinary } from '../../../../src/l1/anvil/binaries.ts';
import { firstError } from '../../../../src/l1/anvil/build.ts';

describe('the anvil toolchain fails with one line that says how to fix it', () => {
  it('reports the compiler error and where it points', () => {
    const forge = [
      'Compiling 1 files with Solc 0.8.37',
      'Error: Compiler run failed:',
      "Error (2314): Expected ';' but got '}'",
      ' --> contracts/B.sol:3:36:',
      '  |',
      '3 |   function f() public { uint x = 1 }',
    ].join('\n');
    expect(firstError(forge)).toBe("Error (2314): Expected ';' but got '}' --> contracts/B.sol:3:36:");
  });

  it('names the missing platform package when anvil is not installed', () => {
    expect(() => foundryBinary('anvil', 'sunos', 'x64')).toThrow(UsageError);
    expect(() => foundryBinary('anvil', 'sunos', 'x64')).toThrow(
      'anvil is not installed: npm package @foundry-rs/anvil-sunos-amd64 is missing; run `npm ci` (optional dependencies must not be omitted) or use --l1 memory',
    );
  });

  it('finds the installed binaries of this platform', () => {
    expect(foundryBinary('anvil')).toMatch(/@foundry-rs\/anvil-[a-z0-9]+-[a-z0-9]+\/bin\/anvil(\.exe)?$/);
    expect(foundryBinary('forge')).toMatch(/bin\/forge(\.exe)?$/);
  });
});
