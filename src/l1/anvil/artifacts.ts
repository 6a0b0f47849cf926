import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Interface, type InterfaceAbi } from 'ethers';
import { ARTIFACTS_DIR } from './build.ts';

/** A compiled contract: what a deploy and a facade need from forge's output. */
export interface Artifact {
  readonly name: string;
  readonly source: string;
  readonly abi: Interface;
  readonly bytecode: string;
}

let index: Map<string, string[]> | undefined;

/**
 * The artifact of the Solidity contract a ContractSpec names. forge writes
 * out/<File>.sol/<Contract>.json; a spec names only the contract, so a name must be
 * unique across contracts/ (a twin is its own contract, e.g. `AdjudicatorNoChallenge`).
 */
export function artifactOf(contract: string): Artifact {
  const found = artifactIndex().get(contract) ?? [];
  if (found.length === 0) {
    throw new Error(`no Solidity contract named ${contract} in contracts/: this protocol cannot run on --l1 anvil yet (see docs/custom-target.md); use --l1 memory`);
  }
  if (found.length > 1) throw new Error(`contract name ${contract} is defined in several files (${found.join(', ')}): give each contract a unique name`);
  return artifactAt(contract, join(ARTIFACTS_DIR, found[0]!, `${contract}.json`), found[0]!);
}

/** A forge artifact read from its file: a contract built in another Foundry project (ContractSpec.solidityArtifact). */
export function artifactAt(contract: string, path: string, source: string = path): Artifact {
  if (!existsSync(path)) throw new Error(`no forge artifact for ${contract} at ${path}: build its Foundry project first (forge build)`);
  const json = JSON.parse(readFileSync(path, 'utf8')) as { abi: InterfaceAbi; bytecode: { object: string } };
  const bytecode = json.bytecode.object.startsWith('0x') ? json.bytecode.object : `0x${json.bytecode.object}`;
  if (bytecode === '0x') throw new Error(`contract ${contract} has no bytecode (is it abstract or an interface?)`);
  return { name: contract, source, abi: new Interface(json.abi), bytecode };
}

/** Contract name → the out/ folders (one per source file) holding an artifact of that name. */
function artifactIndex(): Map<string, string[]> {
  if (index) return index;
  index = new Map();
  if (!existsSync(ARTIFACTS_DIR)) return index;
  for (const folder of readdirSync(ARTIFACTS_DIR).sort()) {
    if (!folder.endsWith('.sol')) continue;
    for (const file of readdirSync(join(ARTIFACTS_DIR, folder)).sort()) {
      if (!file.endsWith('.json')) continue;
      const name = file.slice(0, -'.json'.length);
      index.set(name, [...(index.get(name) ?? []), folder]);
    }
  }
  return index;
}

