import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlReport } from '../../src/report/html.ts';
import { writeFileAtomic } from '../../src/report/write.ts';
import { disputeTrace, networkReferences, resultOf } from '../support/report-sample.ts';
import { l2adv, type CliRun } from './cli.ts';

/** Debian's Chromium, installed by scripts/ensure-chromium.sh (npm test runs it first). */
const CHROMIUM = process.env.L2ADV_CHROMIUM ?? '/usr/bin/chromium';
/** Git-ignored; CI keeps the screenshots as artifacts. */
const ARTIFACTS = join(import.meta.dirname, '../../out/test-artifacts');

const STALE_CLOSE = join(ARTIFACTS, 'stale-state-close.html');

let context: BrowserContext;
let profile: string;
/** The acceptance command of the reports issue, run once as a user would. */
let staleClose: CliRun;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM}: run \`bash scripts/ensure-chromium.sh\` (\`npm test\` runs it first), or set L2ADV_CHROMIUM to a Chromium binary`);
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  rmSync(STALE_CLOSE, { force: true });
  staleClose = l2adv('attack', 'stale-state-close', '--variant', 'accepts-stale-version', '--report', STALE_CLOSE);
  profile = mkdtempSync(join(tmpdir(), 'l2adv-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  // Belt and braces behind the report's own CSP: nothing may leave the machine.
  await context.route(/^(https?|wss?|ftp):/, (route) => route.abort());
}, 60_000);

afterAll(async () => {
  await context?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

interface Opened {
  page: Page;
  /** Every URL the page asked for. */
  requests: string[];
  /** Console errors and warnings (a CSP violation is one), and uncaught exceptions. */
  problems: string[];
}

async function open(file: string): Promise<Opened> {
  const page = await context.newPage();
  const requests: string[] = [];
  const problems: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`exception: ${e.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return { page, requests, problems };
}

describe('the HTML report in headless Chromium', () => {
  it('`attack stale-state-close --variant accepts-stale-version --report` draws swimlanes and marks latest-state-enforced, loading nothing else', async () => {
    expect(staleClose.code, staleClose.stderr).toBe(0);
    expect(staleClose.stdout).toContain(`HTML report: ${STALE_CLOSE}`);
    expect(networkReferences(readFileSync(STALE_CLOSE, 'utf8'))).toEqual([]);

    const { page, requests, problems } = await open(STALE_CLOSE);
    const labels = await page.locator('.lane-label > span').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['L1 blocks', 'alice', 'bob', 'adversary', 'checkers']));
    const lanes = page.locator('svg.timeline g.lane');
    expect(await lanes.count()).toBe(labels.length);
    for (const lane of await lanes.all()) expect((await lane.boundingBox())?.width ?? 0).toBeGreaterThan(0);
    expect(await page.locator('svg.timeline g.mark').count()).toBeGreaterThan(10);

    const marker = page.locator('.violation-marker[data-invariant="latest-state-enforced"]');
    expect(await marker.isVisible()).toBe(true);
    expect(await marker.textContent()).toMatch(/latest-state-enforced @ step \d+/);
    const line = await marker.locator('line').boundingBox();
    const timeline = await page.locator('svg.timeline').boundingBox();
    expect(line!.height).toBeGreaterThan(timeline!.height / 2);

    expect(await page.locator('#repro-0').textContent()).toMatch(/^l2adv attack stale-state-close --protocol channel --variant accepts-stale-version/);
    await page.screenshot({ path: join(ARTIFACTS, 'stale-state-close.png'), fullPage: true });
    expect(statSync(join(ARTIFACTS, 'stale-state-close.png')).size).toBeGreaterThan(10_000);
    expect(requests).toEqual([pathToFileURL(STALE_CLOSE).href]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the harness would catch an external load: it sees the request and the CSP refusal', async () => {
    const file = join(ARTIFACTS, 'tampered.html');
    const html = readFileSync(STALE_CLOSE, 'utf8');
    writeFileAtomic(file, html.replace('<body>', '<body><img src="https://example.invalid/pixel.png" alt="">'));
    const { page, requests, problems } = await open(file);
    expect(problems.join('\n')).toMatch(/Content Security Policy/);
    expect(requests).toContain('https://example.invalid/pixel.png');
    await page.close();
    rmSync(file);
  });

  it('clicking the violation marker opens the trace table at the violating step', async () => {
    const { page, problems } = await open(STALE_CLOSE);
    const marker = page.locator('.violation-marker[data-invariant="latest-state-enforced"]');
    const step = await marker.getAttribute('data-step');
    expect(await page.locator('details.trace').getAttribute('open')).toBeNull();
    await marker.locator('text').click();
    await page.waitForFunction((id) => document.getElementById(id)?.classList.contains('hit'), `s0-${step}`);
    expect(await page.locator('details.trace').getAttribute('open')).not.toBeNull();
    expect(await page.locator(`#s0-${step}`).isVisible()).toBe(true);
    expect(await page.locator(`#s0-${step} td:nth-child(4)`).textContent()).toBe('violation');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws protocol windows, L2 heads and the balance plot when the trace records them', async () => {
    const file = join(ARTIFACTS, 'dispute-sample.html');
    writeFileAtomic(file, htmlReport([resultOf(disputeTrace().trace)]));
    const { page, requests, problems } = await open(file);
    for (const lane of ['window:channel dispute', 'l2:soft', 'l2:safe', 'l2:final']) {
      expect(await page.locator(`svg.timeline g.lane[data-lane="${lane}"]`).isVisible()).toBe(true);
    }
    const span = await page.locator('g.lane[data-lane="window:channel dispute"] .span rect').boundingBox();
    expect(span!.width).toBeGreaterThan(100);
    const plot = page.locator('svg.balance-plot');
    expect(await plot.isVisible()).toBe(true);
    const lengths = await plot.locator('.balance-line path').evaluateAll((paths) => paths.map((p) => (p as SVGPathElement).getTotalLength()));
    expect(lengths).toHaveLength(2);
    for (const length of lengths) expect(length).toBeGreaterThan(100);
    await page.screenshot({ path: join(ARTIFACTS, 'dispute-sample.png'), fullPage: true });
    expect(requests).toEqual([pathToFileURL(file).href]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
