import { describe, expect, it } from 'vitest';
import { Scheduler } from '../../../src/kernel/scheduler.ts';

describe('Scheduler', () => {
  it('fires timers by height, ties in insertion order', () => {
    const s = new Scheduler();
    const fired: string[] = [];
    for (const [h, l] of [[5, 'b'], [3, 'a'], [5, 'c'], [9, 'd'], [5, 'e']] as const) s.at(h, l, () => void fired.push(l));
    expect(s.nextHeight()).toBe(3);
    for (const t of s.due(5)) t.fire();
    expect(fired).toEqual(['a', 'b', 'c', 'e']);
    expect(s.nextHeight()).toBe(9);
    expect(s.pending).toBe(1);
  });

  it('reports Infinity when nothing is pending', () => {
    expect(new Scheduler().nextHeight()).toBe(Infinity);
  });
});
