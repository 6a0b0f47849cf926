export const USAGE = `l2adv — adversarial tests for Layer-2 systems: can every honest user still exit through L1?

Usage:
  l2adv list [--json]
  l2adv attack [NAME...] [--all] [--protocol P] [--variant V | --variants secure|vulnerable|all]
               [--preset NAME] [--l1 memory|anvil] [--seed N] [--json] [--junit FILE] [--report FILE.html]
  l2adv fuzz   [--protocol P] [--variant V] [--preset NAME] [--runs N] [--steps N] [--time SECONDS]
               [--seed N] [--workers N] [--shard I/N] [--l1 memory|anvil] [--out DIR] [--keep-going]
               [--json] [--report FILE.html]
  l2adv replay FILE [--l1 memory|anvil] [--json] [--report FILE.html] [--export-foundry FILE.t.sol]
  l2adv classify [--preset NAME|FILE.json...] [--seed N] [--json]

Exit codes: 0 as expected, 1 an unexpected outcome, 2 a usage, config or input error.
Add --debug to any command for stack traces.`;
