import type { Address } from '../../crypto/accounts.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { RollupBridge } from '../memory/contracts/bridge.ts';
import type { WithdrawalLeaf, WithdrawalProof } from './rollup-state.ts';

/**
 * The rollup's L1 bridge: deposits are escrowed here and queued as delayed messages;
 * withdrawals burned on L2 are released against a Merkle proof into a final state root.
 * Escrow is the only place the rollup's value lives on L1, so what it pays out is
 * exactly what the final roots say was burned.
 */
export interface RollupBridgeFacade {
  /** Escrows msg.value and credits `l2Recipient` on L2 once the deposit is sequenced. */
  deposit(tx: TxOptions, l2Recipient: Address): Promise<TxId>;
  /** Pays withdrawal `w` to its recipient if `proof` shows it under final commitment `commitmentIndex`. Anyone may call. */
  finalizeWithdrawal(tx: TxOptions, commitmentIndex: number, w: WithdrawalLeaf, proof: WithdrawalProof): Promise<TxId>;
  escrowedWei(): Promise<bigint>;
  paidWei(): Promise<bigint>;
  isPaid(withdrawalIndex: number): Promise<boolean>;
}

export interface RollupBridgeParams {
  readonly delayedInbox: Address;
  readonly commitments: Address;
  /** Withdrawals need a final root (the optimistic issue's `instant-withdrawal` twin turns this off). */
  readonly requireFinalRoot: boolean;
}

export const rollupBridge: ContractSpec<RollupBridgeFacade, RollupBridgeParams> = {
  name: 'RollupBridge',
  views: ['escrowedWei', 'paidWei', 'isPaid'],
  memory: (env, params) => new RollupBridge(env, params),
  // contracts/RollupBridge.sol; the withdrawal leaf and proof are RollupState's structs, field for field.
  constructorArgs: (p) => [p.delayedInbox, p.commitments, p.requireFinalRoot],
  // `final` is a Solidity keyword: the event names it finalWhenPaid.
  eventsFromSolidity: { WithdrawalFinalized: ({ finalWhenPaid, ...rest }) => ({ ...rest, final: finalWhenPaid }) },
};
