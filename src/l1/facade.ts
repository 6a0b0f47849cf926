import type { Address } from '../crypto/accounts.ts';
import type { Deployed, L1, TxOptions } from './L1.ts';

/** How a backend reads one view of a deployed contract. */
export type ViewReader = (view: string) => (...args: unknown[]) => Promise<unknown>;

/**
 * The typed facade of a deployed contract, the same on every backend: the views a
 * ContractSpec lists are reads (`readView`); every other method becomes a transaction
 * through the mempool, so it is subject to the inclusion policy exactly as a real L1
 * transaction would be.
 */
export function contractFacade<F>(l1: L1, address: Address, views: readonly string[], readView: ViewReader): Deployed<F> {
  const viewSet = new Set(views);
  // One function per member, made on first use: protocol code reads views on every block,
  // and a fresh closure per read was needless allocation.
  const members = new Map<string, unknown>();
  return new Proxy({ address } as Deployed<F>, {
    get(_target, prop) {
      if (prop === 'address') return address;
      // A facade is not a thenable: `await facade` must not call a contract method.
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      let found = members.get(prop);
      if (found === undefined) members.set(prop, (found = viewSet.has(prop) ? readView(prop) : sender(l1, address, prop)));
      return found;
    },
  });
}

/** A non-view method: calling it sends the transaction through the mempool. */
function sender(l1: L1, address: Address, method: string) {
  return (tx: TxOptions, ...args: unknown[]) =>
    l1.send({ from: tx.from, to: address, method, args, value: tx.value, data: tx.data, blobs: tx.blobs, maxFeePerGas: tx.maxFeePerGas });
}
