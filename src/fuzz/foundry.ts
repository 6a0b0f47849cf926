import { basename } from 'node:path';
import type { L1Backend } from '../kernel/config.ts';
import { UsageError } from '../kernel/errors.ts';
import { adjudicatorParams, type ChannelVariant } from '../protocols/channel/index.ts';
import { asChannelSession, type ChannelSession } from '../protocols/channel/session.ts';
import { channelFoundryTest, type ChannelInvariant } from './foundry/channel.ts';
import { CallRecording } from './foundry/recording.ts';
import { identifier } from './foundry/solidity.ts';
import { replayRepro, type ReplayResult } from './replay.ts';
import type { ReproFile } from './repro.ts';

/** Which adjudicator the exported test deploys: the repro variant's flags, or the secure variant's with the same calls. */
export type FoundryTarget = 'variant' | 'secure';

export interface FoundryExportOptions {
  /** Backend the repro is replayed on to record its calls. @defaultValue the repro file's */
  readonly l1?: L1Backend;
  /** The Solidity test contract's name. @defaultValue from `file`: `stale-close.t.sol` → `StaleCloseTest` */
  readonly contract?: string;
  /** The repro file's path, for the test's header and default name. */
  readonly file: string;
}

export interface FoundryExport {
  readonly result: ReplayResult;
  /** Whether the replay violated the repro's invariant again: only then do the calls fail a test. */
  readonly violated: boolean;
  /** The forge test's source, deploying the adjudicator with the target's flags. */
  test(target: FoundryTarget, contract?: string): string;
}

const CHANNEL_INVARIANTS: readonly string[] = ['latest-state-enforced', 'l1-recoverability'] satisfies readonly ChannelInvariant[];

/**
 * `l2adv replay FILE --export-foundry OUT.t.sol`: replays the repro's schedule while
 * recording every L1 transaction that reached a contract (mined, in block order, with its
 * height), and turns that call sequence into a forge test that needs no forge-std. The
 * test fails against the twin's contract flags and passes against the secure ones.
 */
export async function exportFoundry(repro: ReproFile, options: FoundryExportOptions): Promise<FoundryExport> {
  const invariant = exportableInvariant(repro);
  let watched: { session: ChannelSession; recording: CallRecording } | undefined;
  const result = await replayRepro(repro, options.l1 ?? repro.l1, (world, instance) => {
    watched = { session: asChannelSession(instance), recording: CallRecording.attach(world.l1) };
  });
  if (!watched) throw new Error(`the replay of ${options.file} failed before its protocol was set up: ${result.error ?? 'no error recorded'}`);
  const { session, recording } = watched;
  const variant = repro.variant as ChannelVariant;
  const params = session.parts.params;
  const defaultContract = options.contract ?? `${identifier(basename(options.file).replace(/\.json$/, ''))}Test`;
  return {
    result,
    violated: result.violations.some((v) => v.invariant === invariant),
    test(target, contract = defaultContract) {
      const flagsOf = target === 'secure' ? 'secure' : variant;
      return channelFoundryTest({
        contract,
        origin: `${options.file} (channel/${repro.variant}, preset ${repro.preset}, seed ${repro.seed}), deployed with channel/${flagsOf}'s flags`,
        invariant,
        flags: adjudicatorParams(flagsOf, params),
        flagsOf: `channel/${flagsOf}`,
        secureFlags: adjudicatorParams('secure', params),
        // The watchtower is off-chain: its challenges are among the calls when the run had one.
        watchtowerAnswers: flagsOf !== 'no-watchtower' && variant === 'no-watchtower',
        session,
        blocks: recording.blocks,
      });
    },
  };
}

/** Only what a forge test can state on chain: channel runs that broke a channel invariant. */
function exportableInvariant(repro: ReproFile): ChannelInvariant {
  if (repro.protocol !== 'channel') {
    throw new UsageError(`--export-foundry supports the channel protocol so far; ${repro.protocol} has no Solidity exporter yet (replay it without --export-foundry)`);
  }
  const invariant = repro.violation?.invariant;
  if (invariant === undefined) throw new UsageError('--export-foundry needs a repro file that records a violation; this one records none');
  if (!CHANNEL_INVARIANTS.includes(invariant)) {
    throw new UsageError(`--export-foundry can state ${CHANNEL_INVARIANTS.join(' and ')} on chain for channels, not ${invariant}`);
  }
  return invariant as ChannelInvariant;
}
