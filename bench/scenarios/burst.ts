/**
 * burst: 300 signed `/leihs find …` sent at once from the sender process, each on its own connection,
 * as Slack would in a rush.
 * The same burst against the bare Bolt app shows what the machine and the harness cost by themselves.
 */
import { performance } from 'node:perf_hooks';
import type { BenchOptions, Row } from '../lib/report.js';
import { startBareBoltApp, startLeihsApp, type RunningApp } from '../lib/apps.js';
import type { SimProcess } from '../lib/sim-process.js';
import { RemoteSender } from '../lib/remote-sender.js';
import { percentile, ratioSpread, spread } from '../lib/stats.js';
import { FIND_TEXT } from './ack.js';

export const BURST_SIZE = 300;
const SLACK_ACK_LIMIT_MS = 3000;
const answersTimeoutMs = 60_000;

interface BurstFigures {
  p99: number;
  max: number;
  errors: number;
  lastAnswer: number;
  unanswered: number;
}

async function burstOnce(target: RunningApp, sender: RemoteSender, tag: string, answered: boolean): Promise<BurstFigures> {
  const started = performance.now();
  const result = await sender.series({ endpoint: target.endpoint, text: FIND_TEXT, prefix: `burst-${tag}`, count: BURST_SIZE, mode: 'burst' });
  const answers = answered ? await Promise.all(result.ids.map((id) => target.slack.firstResponse(id, answersTimeoutMs).catch(() => undefined))) : [];
  target.slack.reset();
  return {
    p99: percentile(result.acks, 99),
    max: Math.max(...result.acks),
    errors: result.statuses.filter((s) => s !== 200).length,
    unanswered: answers.filter((a) => a === undefined).length,
    lastAnswer: Math.max(0, ...answers.map((a) => (a ? a.at - started : Number.POSITIVE_INFINITY))),
  };
}

export async function burstScenario(sim: SimProcess, options: BenchOptions): Promise<Row[]> {
  const runs = options.runs;
  const app = await startLeihsApp({ leihsUrl: sim.url, leihsToken: sim.adminToken });
  const bare = await startBareBoltApp();
  const sender = await RemoteSender.start();
  const ours: BurstFigures[] = [];
  const base: BurstFigures[] = [];
  try {
    // Not counted: warms up JIT and the app's catalog.
    await burstOnce(bare, sender, 'warm-bare', false);
    await burstOnce(app, sender, 'warm', true);
    for (let run = 0; run < runs; run++) {
      base.push(await burstOnce(bare, sender, `bare-${run}`, false));
      ours.push(await burstOnce(app, sender, `ours-${run}`, true));
      options.log(`  burst run ${run + 1}/${runs}: p99 ack ${ours.at(-1)?.p99.toFixed(1)} ms (bare Bolt ${base.at(-1)?.p99.toFixed(1)} ms), ${ours.at(-1)?.errors} errors`);
    }
  } finally {
    await sender.close();
    await app.close();
    await bare.close();
  }
  const of = (list: BurstFigures[], key: keyof BurstFigures) => list.map((f) => f[key]);
  const max = spread(of(ours, 'max'));
  const errors = spread(of(ours, 'errors'));
  const unanswered = spread(of(ours, 'unanswered'));
  return [
    { scenario: 'burst', figure: `p99 ack of ${BURST_SIZE} at once (baseline: bare Bolt)`, unit: 'ms', ours: spread(of(ours, 'p99')), baseline: spread(of(base, 'p99')), ratio: ratioSpread(of(ours, 'p99'), of(base, 'p99')) },
    { scenario: 'burst', figure: 'slowest ack', unit: 'ms', ours: max, baseline: spread(of(base, 'max')), goal: `all < ${SLACK_ACK_LIMIT_MS} ms`, met: max.max < SLACK_ACK_LIMIT_MS },
    { scenario: 'burst', figure: 'errors (non-200 or no ack)', unit: 'count', ours: errors, goal: '0', met: errors.max === 0 },
    { scenario: 'burst', figure: 'last answer (respond) after send', unit: 'ms', ours: spread(of(ours, 'lastAnswer')) },
    { scenario: 'burst', figure: 'commands never answered', unit: 'count', ours: unanswered, goal: '0', met: unanswered.max === 0 },
  ];
}
