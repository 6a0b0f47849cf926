import { describe, expect, it } from 'vitest';
import { buildTimeline, foldCrowded, type Point } from '../../../src/report/timeline.ts';
import { disputeTrace, longTrace, TraceWriter } from '../../support/report-sample.ts';

describe('buildTimeline', () => {
  it('orders lanes: L1, L2 soft/safe/final, windows, actors by first appearance, adversary, kernel, checkers', () => {
    const { lanes } = buildTimeline(disputeTrace().trace);
    expect(lanes.map((l) => l.key)).toEqual([
      'l1',
      'l2:soft',
      'l2:safe',
      'l2:final',
      'window:channel dispute',
      'window:challenge',
      'actor:alice',
      'actor:bob',
      'actor:channel',
      'adversary',
      'kernel',
      'checker',
    ]);
  });

  it('puts every event on exactly one lane, except windows (spans) and balances (the plot)', () => {
    const { trace } = disputeTrace();
    const timeline = buildTimeline(trace);
    const drawn = timeline.lanes.flatMap((l) => l.points.map((p) => p.step));
    const expected = trace.filter((e) => e.kind !== 'window' && e.kind !== 'balance').map((e) => e.step);
    expect([...drawn].sort((a, b) => a - b)).toEqual(expected);
    expect(timeline.lanes.flatMap((l) => l.spans)).toHaveLength(2);
  });

  it('draws each L2 head with its block number', () => {
    const soft = buildTimeline(disputeTrace().trace).lanes.find((l) => l.key === 'l2:soft')!;
    expect(soft.points.map((p) => p.label)).toEqual(['2', '4', '6']);
  });

  it('draws a window from its opening column to its closing column, and one that closes after the run as open', () => {
    const { trace } = disputeTrace();
    const timeline = buildTimeline(trace);
    const dispute = timeline.lanes.find((l) => l.key === 'window:channel dispute')!.spans[0]!;
    const closing = timeline.axis.ticks.find((t) => t.l1 === dispute.toL1)!;
    const opening = timeline.axis.ticks.find((t) => t.l1 === dispute.fromL1)!;
    expect(dispute.x0).toBe(opening.x0);
    expect(dispute.x1).toBe(closing.x1);
    expect(dispute.open).toBe(false);
    expect(dispute.label).toBe(`bob: L1 ${dispute.fromL1}…${dispute.toL1}`);
    const challenge = timeline.lanes.find((l) => l.key === 'window:challenge')!.spans[0]!;
    expect(challenge.open).toBe(true);
    expect(challenge.x1).toBeGreaterThan(timeline.axis.ticks.at(-1)!.x1);
  });

  it('keeps the last record of a window with the same id (a dispute extended) and stacks overlapping windows', () => {
    const w = new TraceWriter();
    w.add('window', 'channel', 'dispute', { name: 'dispute', fromL1: 0, toL1: 10, id: 'a' });
    w.add('window', 'channel', 'dispute', { name: 'dispute', fromL1: 0, toL1: 20, id: 'b' });
    for (let i = 0; i < 3; i++) w.block();
    w.add('window', 'channel', 'dispute extended', { name: 'dispute', fromL1: 0, toL1: 30, id: 'a' });
    const lane = buildTimeline(w.trace.events).lanes.find((l) => l.key === 'window:dispute')!;
    expect(lane.spans.map((s) => s.toL1).sort()).toEqual([20, 30]);
    expect(lane.rows).toBe(2);
    expect(new Set(lane.spans.map((s) => s.row))).toEqual(new Set([0, 1]));
  });

  it('plots one balance line per party and ledger, in wei, from balance events only', () => {
    const { balances } = buildTimeline(disputeTrace().trace);
    expect(balances.map((b) => b.key)).toEqual(['alice · channel', 'bob · channel']);
    const bob = balances[1]!;
    expect(bob.points.map((p) => p.wei)).toEqual([5n, 6n, 7n, 8n, 6n].map((e) => e * 10n ** 18n));
    expect(bob.points.every((p, i, all) => i === 0 || p.x > all[i - 1]!.x)).toBe(true);
  });

  it('treats malformed marks as ordinary events on their actor lane instead of guessing', () => {
    const w = new TraceWriter();
    w.add('balance', 'alice', 'balance unknown', { party: 'alice', wei: 'lots' });
    w.add('window', 'rollup', 'window without bounds', { name: 'challenge' });
    w.add('l2-head', 'sequencer', 'head of no kind', { head: 'latest', number: 3 });
    const timeline = buildTimeline(w.trace.events);
    expect(timeline.balances).toEqual([]);
    expect(timeline.lanes.map((l) => l.key)).toEqual(['actor:alice', 'actor:rollup', 'actor:sequencer']);
  });

  it('marks phases and violations, naming the invariant from the result or else from the trace', () => {
    const { trace, violationStep } = disputeTrace();
    const fromTrace = buildTimeline(trace).rules;
    expect(fromTrace.map((r) => [r.kind, r.label])).toEqual([
      ['phase', 'safety phase'],
      ['phase', 'recovery phase'],
      ['violation', 'latest-state-enforced'],
    ]);
    const given = buildTimeline(trace, { violations: [{ invariant: 'conservation', step: violationStep, message: 'm' }] }).rules;
    expect(given.filter((r) => r.kind === 'violation').map((r) => [r.invariant, r.step])).toEqual([['conservation', violationStep]]);
  });

  it('folds crowded lanes of a long run under the marker cap, keeping the most severe event of each stretch', () => {
    const trace = longTrace(3000);
    const l1 = buildTimeline(trace, { markerCap: 300 }).lanes.find((l) => l.key === 'l1')!;
    expect(l1.total).toBe(3000);
    expect(l1.points.length).toBeLessThanOrEqual(300);
    expect(l1.points.reduce((n, p) => n + p.count, 0)).toBe(3000);
    expect(l1.points.filter((p) => p.tone === 'warn')).toHaveLength(1);
  });

  it('renders an empty trace as an empty timeline', () => {
    const timeline = buildTimeline([]);
    expect(timeline.lanes).toEqual([]);
    expect(timeline.axis.ticks).toEqual([]);
    expect(timeline.axis.xOfHeight(5, 0, 'end').x).toBeGreaterThan(0);
  });
});

describe('foldCrowded', () => {
  const point = (x: number, tone: Point['tone'] = 'neutral'): Point => ({ x, step: x, l1: x, kind: 'tx', summary: `at ${x}`, tone, count: 1 });

  it('leaves a lane under the cap untouched', () => {
    const points = [point(1), point(2)];
    expect(foldCrowded(points, 5, 10)).toEqual(points);
  });

  it('merges points that share a bucket into one marker that counts them', () => {
    const folded = foldCrowded([point(0), point(0.5), point(1, 'bad'), point(9)], 2, 10);
    expect(folded).toHaveLength(2);
    expect(folded[0]).toMatchObject({ count: 3, tone: 'bad', step: 1 });
    expect(folded[0]!.summary).toMatch(/^3 events, steps 0…1; most notable: at 1$/);
    expect(folded[1]).toMatchObject({ count: 1, step: 9 });
  });
});
