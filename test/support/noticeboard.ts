import type { ContractSpec, TxId, TxOptions } from '../../src/l1/L1.ts';
import { require } from '../../src/l1/revert.ts';
import type { CallContext, ContractEnv, Mapping, Slot } from '../../src/l1/memory/storage.ts';

/** A test-only contract: posts count per sender, a revert path, blob hashes and timestamps seen. */
export interface NoticeboardFacade {
  post(tx: TxOptions, note: string): Promise<TxId>;
  fail(tx: TxOptions): Promise<TxId>;
  posts(sender: string): Promise<number>;
  total(): Promise<number>;
  lastBlobHashes(): Promise<readonly string[]>;
}

class Noticeboard {
  private readonly count: Mapping<string, number>;
  private readonly sum: Slot<number>;
  private readonly blobs: Slot<readonly string[]>;

  constructor(env: ContractEnv) {
    this.count = env.mapping();
    this.sum = env.slot(0);
    this.blobs = env.slot<readonly string[]>([]);
  }

  post(ctx: CallContext, note: string): void {
    this.count.set(ctx.sender, (this.count.get(ctx.sender) ?? 0) + 1);
    this.sum.set(this.sum.value + 1);
    if (ctx.blobHashes.length > 0) this.blobs.set(ctx.blobHashes);
    ctx.emit('Posted', { by: ctx.sender, note, at: ctx.block.timestamp });
  }

  fail(ctx: CallContext): void {
    this.sum.set(this.sum.value + 100);
    require(false, `nobody may fail (asked by ${ctx.sender})`);
  }

  posts(sender: string): number {
    return this.count.get(sender) ?? 0;
  }

  total(): number {
    return this.sum.value;
  }

  lastBlobHashes(): readonly string[] {
    return this.blobs.value;
  }
}

export const noticeboard: ContractSpec<NoticeboardFacade, Record<string, never>> = {
  name: 'Noticeboard',
  views: ['posts', 'total', 'lastBlobHashes'],
  memory: (env) => new Noticeboard(env),
};
