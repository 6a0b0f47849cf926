import { describe, expect, it } from 'vitest';
import { foldAxis } from '../../../../src/report/timeline/axis.ts';
import { TraceWriter } from '../../../support/report-sample.ts';

describe('foldAxis', () => {
  it('folds a 45,818-block stretch with no events into one narrow gap', () => {
    const w = new TraceWriter();
    w.block();
    w.l1 = 45_819;
    w.add('skip', 'l1', 'skip empty blocks 2…45819');
    w.block();
    const axis = foldAxis(w.trace.events);
    expect(axis.ticks.map((t) => t.l1)).toEqual([1, 45_819, 45_820]);
    expect(axis.gaps).toEqual([expect.objectContaining({ fromL1: 1, toL1: 45_819, kind: 'blocks' })]);
    expect(axis.width).toBeLessThan(10);
  });

  it('follows trace order through a reorg: x grows with the step while the head goes back', () => {
    const w = new TraceWriter();
    for (let i = 0; i < 4; i++) w.block();
    w.l1 -= 2;
    w.add('reorg', 'l1', 'reorg of depth 2');
    w.block();
    const axis = foldAxis(w.trace.events);
    const xs = w.trace.events.map((e) => axis.xOfStep(e.step));
    expect(xs.every((x, i) => i === 0 || x > xs[i - 1]!)).toBe(true);
    expect(axis.gaps).toEqual([expect.objectContaining({ fromL1: 4, toL1: 2, kind: 'rewind' })]);
  });

  it('gives a busy block a wider column, with its events in trace order', () => {
    const w = new TraceWriter();
    w.block();
    for (let i = 0; i < 4; i++) w.add('action', 'alice', `action ${i}`);
    w.block();
    const axis = foldAxis(w.trace.events);
    const [busy, quiet] = axis.ticks;
    expect(busy!.x1 - busy!.x0).toBeGreaterThan(quiet!.x1 - quiet!.x0);
    const inBusy = [0, 1, 2, 3, 4].map((s) => axis.xOfStep(s));
    expect(inBusy.every((x, i) => x > busy!.x0 && x < busy!.x1 && (i === 0 || x > inBusy[i - 1]!))).toBe(true);
  });

  it('places a height inside a folded gap in proportion, and one past the run in the tail', () => {
    const w = new TraceWriter();
    w.block();
    w.l1 = 100;
    w.block();
    const axis = foldAxis(w.trace.events);
    const [a, b] = axis.ticks;
    expect([a!.l1, b!.l1]).toEqual([1, 101]);
    const middle = axis.xOfHeight(51, 0, 'end');
    expect(middle.beyond).toBe(false);
    expect(middle.x).toBeCloseTo(a!.x1 + (b!.x0 - a!.x1) / 2);
    expect(axis.xOfHeight(1, 1, 'start').x).toBe(a!.x0);
    const later = axis.xOfHeight(500, 0, 'end');
    expect(later.beyond).toBe(true);
    expect(later.x).toBeGreaterThan(b!.x1);
    expect(later.x).toBeLessThan(axis.width);
  });
});
