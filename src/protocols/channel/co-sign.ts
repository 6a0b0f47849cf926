import type { Hex } from '../../crypto/keccak.ts';
import { sign, type SignatureScheme } from '../../crypto/signatures.ts';
import { stateDigest, type ChannelState, type SignedState, type SigningDomain } from '../../l1/contracts/channel-state.ts';
import { formatEth } from '../../l1/units.ts';
import type { Channel } from './channel.ts';
import type { ChannelParty } from './party.ts';

/**
 * One off-chain update: the proposer signs the next state, the other party checks it
 * against its own latest state and countersigns, and both keep the pair. Nothing touches
 * L1. Cost: one digest and two signatures — with ideal signatures, three keccaks.
 *
 * Parties do not re-verify each other's signatures off-chain: in the model both sign
 * honestly (cheating happens on L1, by publishing states), and the adjudicator verifies
 * every signature it is shown — the check that decides who gets paid.
 */
export function coSign(channel: Channel, proposer: ChannelParty, next: ChannelState, scheme: SignatureScheme): SignedState {
  const p = channel.indexOf(proposer);
  const other = channel.parties[1 - p]!;
  // Both sides derive the digest from the state with the same function; computing it once is the in-process shortcut.
  const digest = stateDigest(channel.domain, next);
  const proposerSig = sign(scheme, proposer.account, digest);
  const otherSig = other.countersign(channel, next, digest, scheme);
  const signed: SignedState = { state: next, sigs: p === 0 ? [proposerSig, otherSig] : [otherSig, proposerSig] };
  proposer.accept(channel, signed);
  other.accept(channel, signed);
  return signed;
}

/**
 * Version 0, signed by both before the opener funds the channel on L1 (as LN signs the
 * first commitment before broadcasting the funding transaction): the opener holds the
 * whole capacity until it pays.
 */
export function coSignOpening(domain: SigningDomain, channelId: Hex, opener: ChannelParty, counterparty: ChannelParty, capacityWei: bigint, scheme: SignatureScheme): SignedState {
  const state: ChannelState = { channelId, version: 0, balances: [capacityWei, 0n], isFinal: false };
  const digest = stateDigest(domain, state);
  const openerSig = sign(scheme, opener.account, digest);
  const counterpartySig = sign(scheme, counterparty.account, digest);
  return { state, sigs: [openerSig, counterpartySig] };
}

/** The next state after `payer` pays `amountWei` to the other party. */
export function paymentState(channel: Channel, payer: ChannelParty, amountWei: bigint): ChannelState {
  const p = channel.indexOf(payer);
  const current = channel.views[p].latest.state;
  if (amountWei <= 0n) throw new Error(`a payment must be positive, got ${amountWei} wei`);
  if (current.balances[p] < amountWei) {
    throw new Error(`${payer.name} cannot pay ${formatEth(amountWei)} in channel ${channel.name}: balance ${formatEth(current.balances[p])}`);
  }
  const [b0, b1] = current.balances;
  const balances: readonly [bigint, bigint] = p === 0 ? [b0 - amountWei, b1 + amountWei] : [b0 + amountWei, b1 - amountWei];
  return { channelId: channel.id, version: current.version + 1, balances, isFinal: false };
}

/** The state both sign to close cooperatively: the latest balances, one version on, marked final. */
export function finalState(channel: Channel, party: ChannelParty): ChannelState {
  const current = channel.viewOf(party).latest.state;
  return { ...current, version: current.version + 1, isFinal: true };
}

/**
 * Why an honest party refuses to countersign `next`, or undefined if it may: the version
 * must be exactly one past its own latest, the capacity unchanged, and its own balance
 * may not shrink (it only countersigns payments to itself, or the final state as is).
 */
export function refusal(channel: Channel, me: 0 | 1, previous: ChannelState, next: ChannelState): string | undefined {
  if (next.channelId !== channel.id) return 'the state names another channel';
  if (next.version !== previous.version + 1) return `version ${next.version} does not follow ${previous.version}`;
  if (next.balances[0] < 0n || next.balances[1] < 0n || next.balances[0] + next.balances[1] !== channel.capacityWei) return 'balances do not add up to the capacity';
  if (next.isFinal) return next.balances[0] === previous.balances[0] && next.balances[1] === previous.balances[1] ? undefined : 'a final state must keep the balances';
  return next.balances[me] < previous.balances[me] ? 'it would lower my balance' : undefined;
}

export function describeSigned(signed: SignedState, channel: Channel): string {
  const [a, b] = channel.parties;
  return `version ${signed.state.version} (${a.name} ${formatEth(signed.state.balances[0])}, ${b.name} ${formatEth(signed.state.balances[1])})`;
}
