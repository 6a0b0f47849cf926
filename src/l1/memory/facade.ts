import type { Address } from '../../crypto/accounts.ts';
import type { Deployed, L1, TxOptions } from '../L1.ts';

/**
 * The typed facade of an in-memory contract: views read the implementation directly;
 * every other method becomes a transaction through the mempool, so it is subject to the
 * inclusion policy exactly as a real L1 transaction would be.
 */
export function memoryFacade<F>(l1: L1, address: Address, views: readonly string[], impl: Record<string, unknown>): Deployed<F> {
  const viewSet = new Set(views);
  return new Proxy({ address } as Deployed<F>, {
    get(target, prop) {
      if (prop === 'address') return address;
      // A facade is not a thenable: `await facade` must not call a contract method.
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      if (viewSet.has(prop)) {
        const fn = impl[prop];
        if (typeof fn !== 'function') throw new Error(`contract facade: view ${prop} is not implemented`);
        return async (...args: unknown[]) => (fn as (...xs: unknown[]) => unknown).apply(impl, args);
      }
      return (tx: TxOptions, ...args: unknown[]) =>
        l1.send({ from: tx.from, to: address, method: prop, args, value: tx.value, data: tx.data, blobs: tx.blobs, maxFeePerGas: tx.maxFeePerGas });
    },
  });
}
