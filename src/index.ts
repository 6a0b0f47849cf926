/** l2-adversary's public API: define protocols, attacks, invariants and capabilities; run them. */
export { defineAttack, violated, meetsExpectation } from './kernel/attack.ts';
export type { AttackDefinition, AttackContext, AttackResult, Expectation, Outcome } from './kernel/attack.ts';
export { defineProtocol, variantsOfKind } from './protocols/define.ts';
export type { ProtocolDefinition, ProtocolInstance, VariantInfo, VariantKind } from './protocols/define.ts';
export { defineInvariant, bindCheckers } from './invariants/define.ts';
export type { InvariantDefinition } from './invariants/define.ts';
export { defineCapability, unleash, BudgetExceeded } from './adversary/capability.ts';
export type { Capability } from './adversary/capability.ts';
export { World } from './kernel/world.ts';
export type { AdversaryBudget, CheckerBinding, Phase } from './kernel/world.ts';
export { Rng } from './kernel/rng.ts';
export { Trace } from './kernel/trace.ts';
export type { TraceEvent } from './kernel/trace.ts';
export { INVARIANT_NAMES } from './kernel/violation.ts';
export type { Finding, InvariantName, Violation } from './kernel/violation.ts';
export { UsageError } from './kernel/errors.ts';
export { runTarget, recoveryPhase } from './kernel/run.ts';
export { MemoryL1 } from './l1/memory/MemoryL1.ts';
export type { L1, ContractSpec, TxOptions, TxReceipt, MinedBlock } from './l1/L1.ts';
export { attacks, capabilities, invariants, protocols, planAttacks, runAttacks } from './catalogue.ts';
export type { AttackSelection } from './catalogue.ts';
export { formatAttackResult, formatAttackSummary } from './report/console.ts';
export { attackJson } from './report/json.ts';
export { attackJunit } from './report/junit.ts';
// Binding a contract of your own (docs/custom-target.md): actor keys, amounts, the TS
// twin's storage and reverts, and the forge/anvil binaries from npm.
export { account, nameOf } from './crypto/accounts.ts';
export type { Account, Address } from './crypto/accounts.ts';
export { eth, formatEth } from './l1/units.ts';
export { require, Revert } from './l1/revert.ts';
export type { CallContext, ContractEnv, Mapping, Slot } from './l1/memory/storage.ts';
export type { Deployed, TxId } from './l1/L1.ts';
export { foundryBinary } from './l1/anvil/binaries.ts';
export { palette } from './report/color.ts';
