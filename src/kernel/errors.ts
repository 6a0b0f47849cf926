/**
 * A mistake the user can fix (unknown name, bad flag, malformed file). The CLI prints the
 * message as one line and exits 2; everything else is a bug and keeps its stack.
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * An answer, not a bug: a contract revert, a fuzz move that does not apply now. Caught
 * where it is thrown, thrown thousands of times in a fuzz campaign, never printed with a
 * stack, so none is captured (capturing one each time was a visible share of the fuzz loop).
 */
export class Refusal extends Error {
  constructor(message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
  }
}

/** `unknown attack "x"; valid: a, b, c` — the one shape for every name lookup. */
export function unknownName(kind: string, name: string, valid: readonly string[]): UsageError {
  return new UsageError(`unknown ${kind} "${name}"; valid: ${valid.length > 0 ? valid.join(', ') : '(none)'}`);
}
