/** A contract-level revert: the transaction fails with `reason` and its writes are undone. */
export class Revert extends Error {
  constructor(readonly reason: string) {
    // A revert is the contract's answer, not a bug: it is caught where the transaction
    // executes, and the fuzzer sends thousands of rejected transactions (stale closes,
    // early finalizes). Capturing a stack trace for each was a visible share of the fuzz
    // loop, and nobody reads it.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(`reverted: ${reason}`);
    Error.stackTraceLimit = limit;
    this.name = 'Revert';
  }
}

/** Solidity's `require`. */
export function require(condition: unknown, reason: string): asserts condition {
  if (!condition) throw new Revert(reason);
}
