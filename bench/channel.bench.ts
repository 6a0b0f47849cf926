import { performance } from 'node:perf_hooks';
import type { SignatureScheme } from '../src/crypto/signatures.ts';
import { bindCheckers } from '../src/invariants/define.ts';
import { invariants } from '../src/invariants/index.ts';
import type { RunConfig } from '../src/kernel/config.ts';
import { Rng } from '../src/kernel/rng.ts';
import { World } from '../src/kernel/world.ts';
import { MemoryL1 } from '../src/l1/memory/MemoryL1.ts';
import { channel } from '../src/protocols/channel/index.ts';
import { channelParams } from '../src/protocols/channel/params.ts';
import type { Channel } from '../src/protocols/channel/channel.ts';
import { coSign, paymentState } from '../src/protocols/channel/co-sign.ts';
import { asChannelSession, type ChannelSession } from '../src/protocols/channel/session.ts';
import type { Figure } from './run.ts';

/** Off-chain channel updates per second: each one co-signed, traced and held to every `always` checker. */
export default async function channelBench(figure: Figure): Promise<void> {
  for (const [scheme, updates] of [['ideal', 20_000], ['secp256k1', 400]] as const) {
    const perSecond = await updatesPerSecond(scheme, updates, true);
    figure(`channel updates/s, ${scheme} sigs, traced + checked`, perSecond, 'updates/s');
  }
  figure('channel updates/s, ideal sigs, co-sign only', await updatesPerSecond('ideal', 50_000, false), 'updates/s');
}

async function updatesPerSecond(scheme: SignatureScheme, updates: number, checked: boolean): Promise<number> {
  const params = channelParams.parse({ challengePeriodBlocks: 144, penalty: true });
  const config: RunConfig = { protocol: 'channel', variant: 'secure', preset: 'bench', l1: 'memory', seed: 1, signatures: scheme, params };
  const world = new World(config, new MemoryL1(), Rng.root(1));
  const session = asChannelSession(await channel.setup(world, { variant: 'secure', params }));
  if (checked) world.bindCheckers(bindCheckers(invariants, session.subjects));
  world.phase = 'safety';
  const ch = await session.open(world, session.alice, session.bob);
  await session.pay(world, ch, session.alice, session.capacityWei / 2n);
  const pay = checked
    ? (i: number) => session.pay(world, ch, i % 2 === 0 ? session.alice : session.bob, 1_000n)
    : (i: number) => coSignOnly(session, ch, i);
  const start = performance.now();
  for (let i = 0; i < updates; i++) await pay(i);
  return (updates * 1000) / (performance.now() - start);
}

async function coSignOnly(session: ChannelSession, ch: Channel, i: number): Promise<void> {
  const payer = i % 2 === 0 ? session.alice : session.bob;
  coSign(ch, payer, paymentState(ch, payer, 1_000n), session.parts.scheme);
}
