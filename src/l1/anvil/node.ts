import { spawn, type ChildProcess } from 'node:child_process';
import { foundryBinary } from './binaries.ts';

/** A JSON-RPC error answered by the node: a revert (code 3, with its data), a refused transaction, a bad call. */
export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    readonly detail: string,
    readonly data?: string,
  ) {
    super(`anvil ${method}: ${detail}`);
    this.name = 'RpcError';
  }
}

/** The node process is gone: every later call fails fast with this instead of hanging. */
export class AnvilExited extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnvilExited';
  }
}

export interface AnvilNodeOptions {
  /** How long one JSON-RPC call may take before the run fails. @defaultValue 60,000 ms */
  rpcTimeoutMs?: number;
  /** How long anvil may take to start listening. @defaultValue 20,000 ms */
  startupTimeoutMs?: number;
}

type Exit = { code: number | null; signal: NodeJS.Signals | null };

/** Every node this process started and has not stopped: killed when the process exits or is interrupted. */
const live = new Set<ChildProcess>();
const TAIL_LINES = 12;

/**
 * One anvil process owned by one run. It listens on 127.0.0.1 on a port the OS picks
 * (`--port 0`, read back from its banner), so parallel runs never collide. It dies with
 * the run: on stop(), on process exit, on SIGINT/SIGTERM/SIGHUP. A node that dies on its
 * own fails every pending and later call with AnvilExited, so a crash is an error, never a hang.
 */
export class AnvilNode {
  private nextId = 0;
  private exit: Exit | undefined;
  private readonly exited: Promise<Exit>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
    exited: Promise<Exit>,
    private readonly tail: readonly string[],
    private readonly rpcTimeoutMs: number,
  ) {
    this.exited = exited.then((e) => (this.exit = e));
  }

  static async start(args: readonly string[], options: AnvilNodeOptions = {}): Promise<AnvilNode> {
    const child = spawn(foundryBinary('anvil'), [...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    live.add(child);
    guardProcessExit();
    const tail: string[] = [];
    const exited = new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        live.delete(child);
        resolve({ code, signal });
      });
    });
    try {
      const port = await listeningPort(child, tail, exited, options.startupTimeoutMs ?? 20_000);
      return new AnvilNode(child, `http://127.0.0.1:${port}`, exited, tail, options.rpcTimeoutMs ?? 60_000);
    } catch (e) {
      child.kill('SIGKILL');
      live.delete(child);
      throw e;
    }
  }

  /** False once the process is known to be gone. */
  get running(): boolean {
    return !this.exit;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async rpc<T = unknown>(method: string, params: readonly unknown[] = []): Promise<T> {
    if (this.exit) throw this.exitedError(method);
    const body = JSON.stringify({ jsonrpc: '2.0', id: ++this.nextId, method, params });
    const request = fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(this.rpcTimeoutMs) }).then(
      (r) => r.json() as Promise<{ result?: T; error?: { code: number; message: string; data?: unknown } }>,
    );
    // The race below abandons the request if the node dies first; its rejection is expected.
    request.catch(() => {});
    const outcome = await Promise.race([
      request.then(
        (json) => ({ json }),
        (error: unknown) => ({ error }),
      ),
      this.exited.then((exit) => ({ exit })),
    ]);
    if ('exit' in outcome || this.exit) throw this.exitedError(method);
    if ('error' in outcome) {
      // A refused connection usually means the node just died: give its exit a moment to be seen.
      await Promise.race([this.exited, new Promise((r) => setTimeout(r, 1_000).unref())]);
      if (this.exit) throw this.exitedError(method);
      const e = outcome.error as Error;
      if (e.name === 'TimeoutError') throw new Error(`anvil did not answer ${method} within ${this.rpcTimeoutMs} ms`);
      throw new Error(`anvil ${method} failed: ${e.message}`);
    }
    const { json } = outcome;
    if (json.error) throw new RpcError(method, json.error.code, json.error.message, typeof json.error.data === 'string' ? json.error.data : undefined);
    return json.result as T;
  }

  /** Kills the node and waits for it to be gone. Idempotent. */
  async stop(): Promise<void> {
    if (this.exit) return;
    // No state worth saving: anvil runs with --prune-history, so it keeps nothing on disk.
    this.child.kill('SIGKILL');
    await this.exited;
  }

  private exitedError(method: string): AnvilExited {
    const last = this.tail.filter(Boolean).slice(-3).join(' | ');
    return new AnvilExited(`anvil exited mid-run (${describeExit(this.exit!)}) during ${method}${last ? `; last output: ${last}` : ''}`);
  }
}

function describeExit(exit: Exit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

/** Waits for anvil's "Listening on 127.0.0.1:PORT" and keeps draining its output, or the node would block on a full pipe. */
function listeningPort(child: ChildProcess, tail: string[], exited: Promise<Exit>, timeoutMs: number): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let banner = '';
    let listening = false;
    const remember = (chunk: Buffer): void => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line.trim());
        if (tail.length > TAIL_LINES) tail.shift();
      }
    };
    const timer = setTimeout(() => reject(new Error(`anvil did not start listening within ${timeoutMs} ms; last output: ${tail.join(' | ')}`)), timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      remember(chunk);
      if (listening) return;
      banner += chunk.toString('utf8');
      const match = /Listening on 127\.0\.0\.1:(\d+)/.exec(banner);
      if (!match) return;
      listening = true;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.stderr!.on('data', remember);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`anvil could not be started: ${e.message}`));
    });
    void exited.then((exit) => {
      clearTimeout(timer);
      reject(new Error(`anvil exited at startup (${describeExit(exit)}): ${tail.join(' | ') || 'no output'}`));
    });
  });
}

let guarded = false;

/** Kills every live node when this process ends, however it ends (short of SIGKILL, which no process can catch). */
function guardProcessExit(): void {
  if (guarded) return;
  guarded = true;
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => onSignal(signal));
}

function onSignal(signal: NodeJS.Signals): void {
  killAll();
  // Without other listeners the default action applies again: re-raise so the process
  // still ends the way the signal meant it to (exit status 128 + n).
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  else process.once(signal, () => onSignal(signal));
}

function killAll(): void {
  for (const child of live) child.kill('SIGKILL');
  live.clear();
}
