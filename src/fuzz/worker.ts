import { parentPort, workerData } from 'node:worker_threads';
import { fuzzTarget, type FuzzRequest } from '../catalogue.ts';
import { runTrial } from './trial.ts';

/** A fuzz worker: resolves the same target as the main thread, then runs whatever indices it is sent. */
const request = workerData as FuzzRequest & { rootSeed: number };
const target = fuzzTarget(request);

parentPort!.on('message', async (run: number) => {
  try {
    parentPort!.postMessage({ run, result: await runTrial(target, request.rootSeed, run) });
  } catch (e) {
    parentPort!.postMessage({ run, error: e instanceof Error ? e.message : String(e) });
  }
});
