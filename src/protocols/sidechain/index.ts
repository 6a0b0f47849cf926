import fc from 'fast-check';
import { account } from '../../crypto/accounts.ts';
import { MODEL_CHAIN_ID } from '../../l1/contracts/channel-state.ts';
import { federationBridge } from '../../l1/contracts/federation-bridge.ts';
import { eth } from '../../l1/units.ts';
import { defineProtocol, type ProtocolInstance } from '../define.ts';
import { Federation } from './federation.ts';
import { SidechainLedger } from './ledger.ts';
import { memberNames, sidechainParams, type SidechainParams } from './params.ts';
import { SidechainSession } from './session.ts';
import { SidechainUser } from './user.ts';

/**
 * The sidechain contrast case from the seeds: a federated peg. Users lock ETH in an L1
 * bridge; a k-of-n federation runs a chain of its own and signs every peg-out. L1 checks
 * those signatures and nothing else, so when the federation disappears, so does the exit.
 */
export const sidechain = defineProtocol<SidechainParams>({
  name: 'sidechain',
  summary: 'federated peg: an L1 bridge releases funds only with k of n federation signatures; the sidechain runs its own consensus',
  variants: { reference: { kind: 'reference', summary: 'an honest federation, as designed: final peg-ins credited, blocks and peg-outs signed by k of n' } },
  defaultPreset: 'federated-sidechain',
  params: sidechainParams,
  trust: {
    operator: (p) => `the federation (${p.threshold} of ${p.federationSize})`,
    // The sidechain's blocks live with the federation's nodes; L1 never sees them.
    dataAvailability: 'operator',
    stateValidity: 'federation',
    windows: { exit: 'none', forcedInclusion: 'none', withdrawalDelay: { param: 'pegOutDelayBlocks' } },
  },
  fuzz: {
    parties: (p) => [...p.users, ...memberNames(p)],
    moves: [
      { name: 'peg-in', arbitrary: fc.record({ user: fc.nat({ max: 7 }), eth: fc.integer({ min: 1, max: 20 }) }) },
      { name: 'transfer', arbitrary: fc.record({ from: fc.nat({ max: 7 }), to: fc.nat({ max: 7 }), percent: fc.integer({ min: 1, max: 100 }) }) },
      { name: 'peg-out', arbitrary: fc.record({ user: fc.nat({ max: 7 }), percent: fc.integer({ min: 1, max: 100 }) }) },
    ],
    capabilities: ['censor-l1', 'reorg-l1', 'go-offline', 'operator-halt'],
  },
  async setup(world, { params }): Promise<ProtocolInstance> {
    const names = memberNames(params);
    const members = names.map((n) => account(n).address);
    const bridge = await world.l1.deploy(federationBridge, { chainId: MODEL_CHAIN_ID, members, threshold: params.threshold });
    const ledger = new SidechainLedger(members, params.threshold);
    const users = params.users.map((u) => new SidechainUser(u, bridge, MODEL_CHAIN_ID, world.config.signatures));
    const rules = { threshold: params.threshold, pegOutDelayBlocks: params.pegOutDelayBlocks, chainId: MODEL_CHAIN_ID, scheme: world.config.signatures };
    const federation = new Federation(names, rules, bridge, ledger, (certificate) => users.find((u) => u.name === certificate.pegOut.user)?.receive(certificate));
    for (const member of federation.members) world.addActor(member);
    for (const user of users) {
      world.addActor(user);
      await world.l1.fund(user.account.address, eth(100));
    }
    return new SidechainSession({ params, bridge, ledger, federation, users });
  },
});
