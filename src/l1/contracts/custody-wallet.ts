import type { Address } from '../../crypto/accounts.ts';
import type { ContractSpec, TxId, TxOptions } from '../L1.ts';
import { CustodyWallet } from '../memory/contracts/custody-wallet.ts';

/** An exchange's L1 wallet: users pay in; only the custodian can pay out. */
export interface CustodyWalletFacade {
  deposit(tx: TxOptions): Promise<TxId>;
  release(tx: TxOptions, to: Address, amountWei: bigint): Promise<TxId>;
  held(): Promise<bigint>;
  custodian(): Promise<Address>;
}

export const custodyWallet: ContractSpec<CustodyWalletFacade, { custodian: Address }> = {
  name: 'CustodyWallet',
  views: ['held', 'custodian'],
  memory: (env, params) => new CustodyWallet(env, params.custodian),
  constructorArgs: (params) => [params.custodian],
};
