import { describe, expect, it } from 'vitest';
import { channelAdjudicator } from '../../../../src/l1/contracts/channel.ts';
import { federationBridge } from '../../../../src/l1/contracts/federation-bridge.ts';
import { MODEL_CHAIN_ID } from '../../../../src/l1/contracts/channel-state.ts';

const record = {
  participants: ['0xaa', '0xbb'],
  capacityWei: 10n,
  heldWei: 10n,
  status: 2,
  version: 3,
  balances: [4n, 6n],
  closer: '0xaa',
  finalizesAt: 150,
  penalized: false,
  payouts: [0n, 0n],
};

describe('ContractSpecs of the Solidity twins', () => {
  it('reads a channel record as the TS adjudicator returns it: the status by name, an all-zero record as no channel', () => {
    const fromSolidity = channelAdjudicator.fromSolidity!.channel!;
    expect(fromSolidity(record)).toEqual({ ...record, status: 'closing' });
    expect(fromSolidity({ ...record, status: 3 })).toMatchObject({ status: 'settled' });
    expect(fromSolidity({ ...record, status: 0 })).toBeUndefined();
  });

  it('passes every adjudicator flag to the Solidity constructor, in its order', () => {
    const params = { chainId: MODEL_CHAIN_ID, challengePeriodBlocks: 144, penalty: true, requiresNewerVersion: false, bindsChannel: true };
    expect(channelAdjudicator.constructorArgs!(params)).toEqual([31_337n, 144, true, false, true]);
  });

  it('passes the federation, its threshold and the chain id to the bridge constructor', () => {
    expect(federationBridge.constructorArgs!({ chainId: MODEL_CHAIN_ID, members: ['0x01', '0x02'], threshold: 2 })).toEqual([31_337n, ['0x01', '0x02'], 2]);
  });
});
