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
  return new Proxy({ address } as Deployed<F>, {
    get(_target, prop) {
      if (prop === 'address') return address;
      // A facade is not a thenable: `await facade` must not call a contract method.
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      if (viewSet.has(prop)) return readView(prop);
      return (tx: TxOptions, ...args: unknown[]) =>
        l1.send({ from: tx.from, to: address, method: prop, args, value: tx.value, data: tx.data, blobs: tx.blobs, maxFeePerGas: tx.maxFeePerGas });
    },
  });
}
