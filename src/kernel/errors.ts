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

/** `unknown attack "x"; valid: a, b, c` — the one shape for every name lookup. */
export function unknownName(kind: string, name: string, valid: readonly string[]): UsageError {
  return new UsageError(`unknown ${kind} "${name}"; valid: ${valid.length > 0 ? valid.join(', ') : '(none)'}`);
}
