import fc from 'fast-check';
import type { Capability, FuzzScope } from '../adversary/capability.ts';
import type { HonestMove } from '../protocols/define.ts';

/**
 * One step of a fuzz schedule, as plain JSON so it can sit in a repro file: an honest
 * action, an adversary capability, or time passing (by a number of blocks, or to just
 * before, at, or just after the end of a protocol window — where off-by-one bugs live;
 * two before the end is the last block a transaction sent then can land in).
 */
export type Move =
  | { readonly kind: 'honest'; readonly name: string; readonly args: unknown }
  | { readonly kind: 'adversary'; readonly name: string; readonly args: unknown }
  | { readonly kind: 'advance'; readonly blocks: number }
  | { readonly kind: 'deadline'; readonly window: number; readonly offset: -2 | -1 | 0 | 1 };

export interface ScheduleShape {
  readonly honest: readonly HonestMove[];
  readonly capabilities: readonly Capability<unknown>[];
  readonly scope: FuzzScope;
  readonly maxSteps: number;
}

function timeMoves(): fc.Arbitrary<Move> {
  return fc.oneof(
    fc.record({ kind: fc.constant('advance' as const), blocks: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 400 })) }),
    fc.record({ kind: fc.constant('deadline' as const), window: fc.nat({ max: 7 }), offset: fc.constantFrom(-2 as const, -1 as const, 0 as const, 1 as const) }),
  );
}

/** The schedule generator for one run: honest and adversary moves, weighted, with time in between. */
export function scheduleArbitrary(shape: ScheduleShape): fc.Arbitrary<Move[]> {
  const honest = shape.honest.map((m) => ({ arbitrary: m.arbitrary.map((args): Move => ({ kind: 'honest', name: m.name, args })), weight: m.weight ?? 4 }));
  const adversary = shape.capabilities.map((c) => c.arbitrary(shape.scope).map((args): Move => ({ kind: 'adversary', name: c.name, args })));
  const choices: Array<fc.WeightedArbitrary<Move>> = [
    ...honest,
    ...adversary.map((arbitrary) => ({ arbitrary, weight: 2 })),
    { arbitrary: timeMoves(), weight: 3 },
  ];
  // size 'max': lengths spread over the whole range; fast-check's default size would cap them near 10 whatever --steps says.
  return fc.array(fc.oneof(...choices), { minLength: 1, maxLength: shape.maxSteps, size: 'max' });
}

export function describeMove(move: Move): string {
  switch (move.kind) {
    case 'advance':
      return `advance ${move.blocks} blocks`;
    case 'deadline':
      return `go to window #${move.window} end${move.offset === 0 ? '' : move.offset > 0 ? ` +${move.offset}` : ` ${move.offset}`}`;
    default:
      return `${move.kind} ${move.name} ${JSON.stringify(move.args)}`;
  }
}
