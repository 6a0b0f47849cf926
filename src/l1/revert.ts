import { Refusal } from '../kernel/errors.ts';

/** A contract-level revert: the transaction fails with `reason` and its writes are undone. */
export class Revert extends Refusal {
  constructor(readonly reason: string) {
    super(`reverted: ${reason}`);
    this.name = 'Revert';
  }
}

/** Solidity's `require`. */
export function require(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new Revert(reason);
}
