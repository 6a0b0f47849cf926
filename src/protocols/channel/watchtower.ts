import { account, type Address } from '../../crypto/accounts.ts';
import type { Actor } from '../../kernel/actor.ts';
import type { World } from '../../kernel/world.ts';
import type { ChannelAdjudicatorFacade } from '../../l1/contracts/channel.ts';
import type { SignedState } from '../../l1/contracts/channel-state.ts';
import type { Deployed, MinedBlock } from '../../l1/L1.ts';
import type { Channel } from './channel.ts';
import { describeSigned } from './co-sign.ts';
import { channelsTouched } from './logs.ts';

/**
 * Holds its client's latest co-signed state of each channel and answers a stale close
 * for it (BOLT 13's watchtower, with the state in place of an encrypted justice
 * transaction). It knows only what L1 shows — the adjudicator's events and records —
 * and what its client handed it.
 *
 * It gives the client the first half of the window and answers only if the close is
 * still stale by then, so an online client and its tower never race with the same
 * challenge; the answer still lands at least one block before the window ends.
 */
export class Watchtower implements Actor {
  readonly role = 'watchtower' as const;
  private readonly states = new Map<string, { channel: Channel; latest: SignedState }>();
  private readonly scheduled = new Set<string>();

  constructor(
    readonly name: string,
    readonly client: string,
    private readonly adjudicator: Deployed<ChannelAdjudicatorFacade>,
  ) {}

  get address(): Address {
    return account(this.name).address;
  }

  /** The client hands over each new state: one map write per off-chain update. */
  store(channel: Channel, latest: SignedState): void {
    const held = this.states.get(channel.id);
    if (held) held.latest = latest;
    else this.states.set(channel.id, { channel, latest });
  }

  latestOf(channel: Channel): SignedState | undefined {
    return this.states.get(channel.id)?.latest;
  }

  async onBlock(world: World, block: MinedBlock): Promise<void> {
    const touched = channelsTouched(block, this.adjudicator.address);
    if (touched.size === 0) return;
    const window = await this.adjudicator.challengePeriodBlocks();
    for (const id of [...touched].sort()) {
      const held = this.states.get(id);
      const record = held && (await this.adjudicator.channel(held.channel.id));
      if (!held || !record || record.status !== 'closing' || record.version >= held.latest.state.version) continue;
      const respondAt = Math.max(world.height, record.finalizesAt - Math.max(2, Math.ceil(window / 2)));
      const key = `${id}@${respondAt}`;
      if (this.scheduled.has(key)) continue;
      this.scheduled.add(key);
      world.at(respondAt, `${this.name} checks channel ${held.channel.name}`, () => this.respond(world, held.channel));
    }
  }

  private async respond(world: World, channel: Channel): Promise<void> {
    if (!world.isOnline(this.name)) return;
    const latest = this.states.get(channel.id)!.latest;
    const record = await this.adjudicator.channel(channel.id);
    if (!record || record.status !== 'closing' || record.version >= latest.state.version || world.height + 1 >= record.finalizesAt) return;
    await this.adjudicator.challenge({ from: this.address }, latest.state, latest.sigs);
    await world.step('action', this.name, `challenges the close of channel ${channel.name} (version ${record.version}) for ${this.client} with ${describeSigned(latest, channel)}`, {
      channel: channel.label,
      registered: record.version,
      version: latest.state.version,
    });
  }
}
