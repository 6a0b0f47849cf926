import { ensureContractsBuilt } from '../../src/l1/anvil/build.ts';

/** Builds contracts/ once before any anvil test, so parallel test files never race forge. */
export default async function setup(): Promise<void> {
  await ensureContractsBuilt();
}
