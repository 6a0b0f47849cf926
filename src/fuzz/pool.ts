import { Worker } from 'node:worker_threads';
import type { FuzzRequest } from '../catalogue.ts';
import type { Trial } from './campaign.ts';
import type { TrialResult } from './trial.ts';

interface Reply {
  run: number;
  result?: TrialResult;
  error?: string;
}

/**
 * worker_threads running trials. Each worker takes one index at a time; which worker ran
 * which index does not matter, because every index carries its own derived seed.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly waiting: Array<(w: Worker) => void> = [];
  private readonly all: Worker[];

  constructor(size: number, request: FuzzRequest & { rootSeed: number }) {
    this.all = Array.from({ length: size }, () => new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData: request }));
    this.idle.push(...this.all);
  }

  readonly trial: Trial = async (run) => {
    const worker = await this.acquire();
    try {
      const reply = await new Promise<Reply>((resolve, reject) => {
        const onError = (e: Error) => reject(e);
        worker.once('error', onError);
        worker.once('message', (m: Reply) => {
          worker.off('error', onError);
          resolve(m);
        });
        worker.postMessage(run);
      });
      if (reply.error !== undefined) throw new Error(`fuzz worker failed on run ${run}: ${reply.error}`);
      return reply.result!;
    } finally {
      this.release(worker);
    }
  };

  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private acquire(): Promise<Worker> {
    const free = this.idle.pop();
    return free ? Promise.resolve(free) : new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(worker: Worker): void {
    const next = this.waiting.shift();
    if (next) next(worker);
    else this.idle.push(worker);
  }
}
