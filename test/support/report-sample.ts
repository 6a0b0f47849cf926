import type { AttackResult } from '../../src/kernel/attack.ts';
import { Trace, type TraceEvent } from '../../src/kernel/trace.ts';
import { eth } from '../../src/l1/units.ts';

type Phase = TraceEvent['phase'];

/** Builds a trace by hand, the way a World would record it, for report tests. */
export class TraceWriter {
  readonly trace = new Trace();
  l1 = 0;
  phase: Phase = 'setup';

  add(kind: string, actor: string, summary: string, data?: unknown): TraceEvent {
    return this.trace.append({ l1: this.l1, phase: this.phase, kind, actor, summary, data });
  }

  block(txs: { status: 'success' | 'reverted' }[] = []): TraceEvent {
    this.l1++;
    return this.add('block', 'l1', `block ${this.l1}: ${txs.length === 0 ? 'empty' : txs.map((t) => (t.status === 'reverted' ? 'close ✗ stale' : 'call')).join(', ')}`, {
      txs: txs.map((t, i) => ({ id: `0x${i}`, status: t.status, logs: [] })),
    });
  }

  balance(party: string, amountEth: number, ledger?: string): TraceEvent {
    return this.add('balance', party, `${party} balance ${amountEth} ETH`, { party, wei: eth(amountEth).toString(), ...(ledger ? { ledger } : {}) });
  }
}

/**
 * A channel dispute with every lane a report can draw: L1 blocks (one reverted call), a
 * reorg, a 45,818-block dispute window skipped in O(1), L2 heads, two parties' balances,
 * the adversary, both phases and one violation.
 */
export function disputeTrace(): { trace: TraceEvent[]; violationStep: number } {
  const w = new TraceWriter();
  w.add('tx', 'alice', 'open → channel (0x1)', { method: 'open' });
  w.add('tx', 'bob', 'fund → channel (0x2)', { method: 'fund' });
  w.block([{ status: 'success' }, { status: 'success' }]);
  w.balance('alice', 10, 'channel');
  w.balance('bob', 5, 'channel');
  w.phase = 'safety';
  w.add('phase', 'kernel', 'safety phase: stale-state-close against channel/accepts-stale-version');
  for (let v = 1; v <= 3; v++) {
    w.add('action', 'alice', `pays bob 1 ETH: co-signs state v${v}`);
    w.balance('alice', 10 - v, 'channel');
    w.balance('bob', 5 + v, 'channel');
    w.add('l2-head', 'sequencer', `L2 soft head → ${v * 2}`, { head: 'soft', number: v * 2 });
    w.block();
    w.add('l2-head', 'derivation', `L2 safe head → ${v * 2 - 1}`, { head: 'safe', number: v * 2 - 1 });
  }
  w.add('adversary', 'adversary', 'go-offline: bob offline for 50,000 blocks', { capability: 'go-offline' });
  w.add('adversary', 'adversary', 'broadcast-stale-state: alice closes with v1', { capability: 'broadcast-stale-state' });
  w.add('tx', 'alice', 'close(v1) → channel (0x3)', { method: 'close' });
  w.block([{ status: 'success' }]);
  const opened = w.l1;
  w.add('window', 'channel', `channel dispute window: L1 ${opened}…${opened + 45_818}`, { name: 'channel dispute', fromL1: opened, toL1: opened + 45_818, id: 'ch-1', party: 'bob' });
  w.add('window', 'rollup', `challenge window: L1 ${opened - 2}…${opened + 50_400}`, { name: 'challenge', fromL1: opened - 2, toL1: opened + 50_400 });
  w.block();
  w.block();
  w.l1 -= 2;
  w.add('reorg', 'l1', 'reorg of depth 2: 0 tx back to the mempool', { depth: 2, returned: [] });
  w.block();
  w.block([{ status: 'reverted' }]);
  w.add('l2-head', 'derivation', 'L2 final head → 3', { head: 'final', number: 3 });
  w.l1 = opened + 45_818;
  w.add('skip', 'l1', `skip empty blocks ${opened + 3}…${opened + 45_818}`);
  w.block([{ status: 'success' }]);
  w.add('action', 'channel', 'settles on state v1: alice 9 ETH, bob 6 ETH');
  w.balance('alice', 9, 'channel');
  w.balance('bob', 6, 'channel');
  w.phase = 'recovery';
  w.add('remove', 'kernel', 'operator removed: alice');
  w.add('phase', 'kernel', 'recovery phase: adversary stopped, operator removed, honest users exit via L1');
  const message = 'bob received 6 ETH, but the latest state he co-signed (v3) gives him 8 ETH';
  const violation = w.add('violation', 'checker', `latest-state-enforced: ${message}`, { message, actors: ['bob'] });
  return { trace: w.trace.events, violationStep: violation.step };
}

/** A result around a trace, shaped as runTarget returns it. */
export function resultOf(trace: readonly TraceEvent[], fields: Partial<AttackResult> = {}): AttackResult {
  const violation = trace.find((e) => e.kind === 'violation');
  const invariant = violation ? (violation.summary.split(':')[0] as 'latest-state-enforced') : undefined;
  return {
    attack: 'stale-state-close',
    protocol: 'channel',
    variant: 'accepts-stale-version',
    preset: 'lightning-lnd',
    seed: 7,
    l1: 'memory',
    expected: 'violated',
    expectedInvariant: 'latest-state-enforced',
    outcome: violation ? 'violated' : 'defended',
    asExpected: Boolean(violation),
    violations: violation && invariant ? [{ invariant, step: violation.step, phase: violation.phase, message: (violation.data as { message: string }).message }] : [],
    traceHash: '0xabc',
    configHash: '0xdef',
    steps: trace.length,
    ms: 12,
    repro: 'l2adv attack stale-state-close --protocol channel --variant accepts-stale-version --seed 7',
    trace,
    ...fields,
  };
}

/** A long fuzz-like run: `blocks` mined blocks, each with a transfer, for size and folding tests. */
export function longTrace(blocks: number): TraceEvent[] {
  const w = new TraceWriter();
  w.phase = 'safety';
  w.add('phase', 'kernel', 'safety phase: fuzz');
  for (let i = 0; i < blocks; i++) {
    w.add('tx', i % 2 ? 'alice' : 'bob', `transfer ${i} → rollup (0x${i.toString(16)})`);
    w.block([{ status: i === blocks - 7 ? 'reverted' : 'success' }]);
    if (i % 10 === 0) w.balance('alice', 100 - i / 100);
  }
  return w.trace.events;
}

/**
 * Every way an HTML page could reach the network: absolute or protocol-relative src/href,
 * CSS url() other than a local fragment or data:, @import, and script network calls.
 * Returns the offending snippets; a self-contained report returns none.
 */
export function networkReferences(html: string): string[] {
  const patterns = [
    /\b(?:src|href|action|poster|srcset|data|formaction|manifest)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:)?\/\/[^"'\s>]*/gi,
    /url\(\s*["']?\s*(?!#|data:)[^)]*\)/gi,
    /@import[^;]*/gi,
    /\b(?:fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts)\b\s*\(?/g,
    /https?:\/\/[^\s"'<>)]*/gi,
  ];
  return patterns.flatMap((p) => html.match(p) ?? []);
}
