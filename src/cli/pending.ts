import { UsageError } from '../kernel/errors.ts';

/** A command whose engine has not landed says so and exits 2; it never pretends to run. */
export function notYet(command: string, lands: string): never {
  throw new UsageError(`\`l2adv ${command}\` is not available yet: its engine lands with ${lands}; \`l2adv attack\` works today`);
}
