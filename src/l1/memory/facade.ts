import type { Address } from '../../crypto/accounts.ts';
import { contractFacade } from '../facade.ts';
import type { Deployed, L1 } from '../L1.ts';

/** The facade of an in-memory contract: its views read the TS implementation directly. */
export function memoryFacade<F>(l1: L1, address: Address, views: readonly string[], impl: Record<string, unknown>): Deployed<F> {
  return contractFacade<F>(l1, address, views, (view) => {
    const fn = impl[view];
    if (typeof fn !== 'function') throw new Error(`contract facade: view ${view} is not implemented`);
    // What an async wrapper would return, without an async function's frame per read: views
    // are read many times a block (checkers, watchtowers, users), and a TS view is
    // synchronous, so the promise is settled at once and resolves in the same tick either way.
    return (...args: unknown[]) => {
      try {
        return Promise.resolve((fn as (...xs: unknown[]) => unknown).apply(impl, args));
      } catch (error) {
        return Promise.reject(error);
      }
    };
  });
}
