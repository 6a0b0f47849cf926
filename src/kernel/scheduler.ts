/**
 * Timers keyed by L1 height. Ties are broken by insertion order, never by anything that
 * depends on timing, so two runs of the same seed fire the same timers in the same order.
 */
export interface Timer {
  readonly height: number;
  readonly seq: number;
  readonly label: string;
  readonly fire: () => void | Promise<void>;
}

export class Scheduler {
  private heap: Timer[] = [];
  private seq = 0;
  fired = 0;

  at(height: number, label: string, fire: () => void | Promise<void>): Timer {
    const timer = { height, seq: this.seq++, label, fire };
    this.heap.push(timer);
    this.siftUp(this.heap.length - 1);
    return timer;
  }

  /** Height of the earliest pending timer, or Infinity. */
  nextHeight(): number {
    return this.heap[0]?.height ?? Infinity;
  }

  /** Removes and returns every timer due at or before `height`, in order. */
  due(height: number): Timer[] {
    const out: Timer[] = [];
    while (this.heap.length > 0 && this.heap[0]!.height <= height) out.push(this.pop());
    this.fired += out.length;
    return out;
  }

  get pending(): number {
    return this.heap.length;
  }

  clear(): void {
    this.heap = [];
  }

  private pop(): Timer {
    const top = this.heap[0]!;
    const last = this.heap.pop()!;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: Timer, b: Timer): boolean {
    return a.height < b.height || (a.height === b.height && a.seq < b.seq);
  }

  private siftUp(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) return;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private siftDown(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
