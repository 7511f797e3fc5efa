/**
 * ack: how long Slack waits for the HTTP ack of a signed `/leihs find …`, against a bare Bolt app that
 * only acks, in the same run. Paced: each command's answer arrives before the next is sent (the ack
 * path alone). Back to back: the next command goes as soon as the ack is back, so earlier commands'
 * follow-up work shares the event loop. Commands come from a separate sender process, so an ack is
 * timed from outside the app's event loop, as Slack times it.
 */
import type { BenchOptions, Row } from '../lib/report.js';
import { startBareBoltApp, startLeihsApp, type RunningApp } from '../lib/apps.js';
import type { SimProcess } from '../lib/sim-process.js';
import { RemoteSender } from '../lib/remote-sender.js';
import { percentile, ratioSpread, spread } from '../lib/stats.js';

export const FIND_TEXT = 'find tripod';
const answerTimeoutMs = 10_000;

type Mode = 'paced' | 'back-to-back';

interface RunFigures {
  p50: number;
  p99: number;
  errors: number;
}

/** Sends `count` commands from the sender process; `answered` says whether the app answers them by respond(). */
async function sendSeries(target: RunningApp, sender: RemoteSender, prefix: string, count: number, mode: Mode, answered: boolean): Promise<RunFigures> {
  const result = await sender.series({ endpoint: target.endpoint, text: FIND_TEXT, prefix, count, mode, ...(answered ? { answersFrom: target.slack } : {}) });
  // Back to back: let the queued follow-up work finish before the next series starts.
  if (mode === 'back-to-back' && answered) {
    for (const id of result.ids) await target.slack.firstResponse(id, answerTimeoutMs * 3);
  }
  target.slack.reset();
  return { p50: percentile(result.acks, 50), p99: percentile(result.acks, 99), errors: result.statuses.filter((s) => s !== 200).length };
}

export async function ackScenario(sim: SimProcess, options: BenchOptions): Promise<Row[]> {
  const runs = options.runs;
  const count = options.quick ? 200 : 2000;
  const warmup = options.quick ? 100 : 300;
  const ours = await startLeihsApp({ leihsUrl: sim.url, leihsToken: sim.adminToken });
  const bare = await startBareBoltApp();
  const sender = await RemoteSender.start();
  const figures: Record<Mode, { ours: RunFigures[]; bare: RunFigures[] }> = {
    paced: { ours: [], bare: [] },
    'back-to-back': { ours: [], bare: [] },
  };
  try {
    await sendSeries(bare, sender, 'warm-bare', warmup, 'paced', false);
    await sendSeries(ours, sender, 'warm-ours', warmup, 'paced', true);
    for (let run = 0; run < runs; run++) {
      // Interleaved, so drift in the machine's load hits both sides alike.
      for (const mode of ['paced', 'back-to-back'] as const) {
        figures[mode].bare.push(await sendSeries(bare, sender, `bare-${mode}-${run}`, count, mode, false));
        figures[mode].ours.push(await sendSeries(ours, sender, `ours-${mode}-${run}`, count, mode, true));
        options.log(`  ack ${mode} run ${run + 1}/${runs}: p99 ours ${figures[mode].ours.at(-1)?.p99.toFixed(2)} ms, bare ${figures[mode].bare.at(-1)?.p99.toFixed(2)} ms`);
      }
    }
  } finally {
    await sender.close();
    await ours.close();
    await bare.close();
  }
  const rows: Row[] = [];
  for (const mode of ['paced', 'back-to-back'] as const) {
    const { ours: o, bare: b } = figures[mode];
    for (const p of ['p50', 'p99'] as const) {
      const oursRuns = o.map((f) => f[p]);
      const bareRuns = b.map((f) => f[p]);
      const ratio = ratioSpread(oursRuns, bareRuns);
      const row: Row = { scenario: `ack ${mode}`, figure: `${p} of ${count} acks`, unit: 'ms', ours: spread(oursRuns), baseline: spread(bareRuns), ratio };
      if (mode === 'paced' && p === 'p99') Object.assign(row, { goal: 'ratio ≤ 1.2', met: ratio.median <= 1.2 });
      if (mode === 'back-to-back' && p === 'p99') Object.assign(row, { goal: '< 100 ms', met: row.ours.median < 100 });
      rows.push(row);
    }
    const errors = o.reduce((sum, f) => sum + f.errors, 0) + b.reduce((sum, f) => sum + f.errors, 0);
    if (errors > 0) rows.push({ scenario: `ack ${mode}`, figure: 'non-200 acks', unit: 'count', ours: spread([errors]), goal: '0', met: false });
  }
  return rows;
}
