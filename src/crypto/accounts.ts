import { computeAddress } from 'ethers';
import { keccakText, type Hex } from './keccak.ts';

export type Address = Hex;

export interface Account {
  readonly name: string;
  readonly address: Address;
  readonly privateKey: Hex;
}

const byName = new Map<string, Account>();
const byAddress = new Map<string, Account>();

/**
 * Actor accounts are derived from their names, so "alice" has the same address in every
 * run, on the model and on anvil (which funds them explicitly).
 */
export function account(name: string): Account {
  let found = byName.get(name);
  if (!found) {
    const privateKey = keccakText(`l2adv:account:${name}`);
    found = { name, privateKey, address: computeAddress(privateKey).toLowerCase() as Address };
    byName.set(name, found);
    byAddress.set(found.address, found);
  }
  return found;
}

export function accountAt(address: string): Account | undefined {
  return byAddress.get(address.toLowerCase());
}

/** A readable name for an address in traces and reports. */
export function nameOf(address: string): string {
  return accountAt(address)?.name ?? address;
}
