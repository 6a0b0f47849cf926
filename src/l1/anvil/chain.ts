import { jumpTemplate, jumpTo, type JumpTemplate } from './jump.ts';
import type { AnvilNode } from './node.ts';

/** A block on the node's current chain: mined by the run, or an empty head set by a jump. */
interface Entry {
  readonly number: number;
  readonly kind: 'mined' | 'jump';
}

/**
 * The shape of the node's chain, which the run alone changes: which heights hold a mined
 * block and which an empty jumped-to head (skipped heights hold nothing). It is what a
 * reorg needs, because anvil_rollback restores a block's state only where a block was
 * mined on top of it.
 */
export class NodeChain {
  private entries: Entry[] = [{ number: 0, kind: 'mined' }];

  private constructor(
    private readonly node: AnvilNode,
    private readonly template: JumpTemplate,
  ) {}

  static async of(node: AnvilNode): Promise<NodeChain> {
    return new NodeChain(node, await jumpTemplate(node));
  }

  get head(): number {
    return this.entries[this.entries.length - 1]!.number;
  }

  mined(number: number): void {
    this.entries.push({ number, kind: 'mined' });
  }

  /** Makes an empty block at `height` the head in O(1) (see jump.ts); it replaces an earlier jump nothing was mined on. */
  async jump(height: number): Promise<void> {
    await this.jumpNode(height);
    if (this.entries[this.entries.length - 1]!.kind === 'jump') this.entries.pop();
    this.entries.push({ number: height, kind: 'jump' });
  }

  /**
   * Brings the head back to `height`: roll back to the parent of the first mined block
   * above it (that parent's state is the state at `height`: everything between is
   * empty), then jump to exactly `height` if the parent stands at another height.
   */
  async rewindTo(height: number): Promise<void> {
    const firstMinedAbove = this.entries.findIndex((e) => e.kind === 'mined' && e.number > height);
    if (firstMinedAbove > 0) {
      const parent = this.entries[firstMinedAbove - 1]!;
      await this.node.rpc('anvil_rollback', [this.head - parent.number]);
      this.entries.length = firstMinedAbove;
    }
    if (this.head === height) return;
    this.entries = this.entries.filter((e) => e.number < height);
    await this.jumpNode(height);
    this.entries.push({ number: height, kind: 'jump' });
  }

  /** Heights at or below `finalHeight` can no longer be reorganised: keep only the newest of them, as a parent. */
  forgetBelow(finalHeight: number): void {
    let last = 0;
    while (last + 1 < this.entries.length && this.entries[last + 1]!.number <= finalHeight) last++;
    if (last > 0) this.entries.splice(0, last);
  }

  get length(): number {
    return this.entries.length;
  }

  private async jumpNode(height: number): Promise<void> {
    const latest = await this.node.rpc<{ hash: string }>('eth_getBlockByNumber', ['latest', false]);
    await jumpTo(this.node, this.template, height, latest.hash);
  }
}
