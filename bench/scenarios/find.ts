/**
 * find fan-out and warm find, against a simulator with 40 active pools at 50 ms per leihs request.
 * - fan-out: a signed `/leihs find …` until the respond() carrying results, with the pools' catalog warm;
 *   baseline: one single-pool leihs search at the same latency (the physical limit is one round trip).
 * - naive: the same pools searched one by one; reported as how many times slower than ours.
 * - warm find: the same search within the cache lifetime; baseline: the cold search (caches cleared).
 */
import { performance } from 'node:perf_hooks';
import { formatSpread, type BenchOptions, type Row } from '../lib/report.js';
import { startLeihsApp, type LeihsApp } from '../lib/apps.js';
import type { SimProcess } from '../lib/sim-process.js';
import { SignedSender, slashCommandBody } from '../lib/slack.js';
import { median, ratioSpread, spread } from '../lib/stats.js';

const WORDS = 'tripod';
/** The leihs client's own undici Pool size (src/leihs/http.ts). */
const answerTimeoutMs = 30_000;

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

interface FindTarget {
  app: LeihsApp;
  sender: SignedSender;
  seq: number;
  /** Answers that did not carry the search's results (an error sentence instead). */
  wrongAnswers: number;
}

/** Command → the first respond() for it, in ms. */
async function findOnce(target: FindTarget): Promise<number> {
  const id = `find-${target.seq++}`;
  const started = performance.now();
  const sent = await target.sender.post(slashCommandBody(`find ${WORDS}`, id));
  if (sent.status !== 200) target.wrongAnswers++;
  const answer = await target.app.slack.firstResponse(id, answerTimeoutMs);
  if (!JSON.stringify(answer.body).toLowerCase().includes(WORDS)) target.wrongAnswers++;
  target.app.slack.reset();
  return answer.at - started;
}

/** The old default, measured beside the shipped one to show what the bound costs. */
const NARROW_CONCURRENCY = 8;

async function startTarget(sim: SimProcess, env: Record<string, string> = {}): Promise<FindTarget> {
  const app = await startLeihsApp({ leihsUrl: sim.url, leihsToken: sim.adminToken, env });
  return { app, sender: new SignedSender(app.endpoint), seq: 0, wrongAnswers: 0 };
}

async function stopTarget(target: FindTarget): Promise<void> {
  await target.sender.close();
  await target.app.close();
}

export async function findScenario(sim: SimProcess, options: BenchOptions): Promise<Row[]> {
  const runs = options.runs;
  const perRun = options.quick ? 2 : 5;
  const shipped = await startTarget(sim);
  const narrow = await startTarget(sim, { LEIHS_FANOUT_CONCURRENCY: String(NARROW_CONCURRENCY) });
  const fig = { warm: [] as number[], narrow: [] as number[], cold: [] as number[], single: [] as number[], naive: [] as number[] };
  let poolCount = 0;
  try {
    const pools = await shipped.app.deps.catalog.searchablePools();
    poolCount = pools.length;
    const reader = shipped.app.deps.reader;
    const firstPool = pools[0];
    if (!firstPool) throw new Error('the simulator has no pool the bot can search');
    const searchOne = (poolId: string) => reader.searchModels(poolId, WORDS, { page: 1, size: 50 });
    // Warm-up: JIT, keep-alive connections and the catalog caches of both apps.
    await findOnce(shipped);
    await findOnce(narrow);
    await searchOne(firstPool.id);
    for (let run = 0; run < runs; run++) {
      const warm: number[] = [];
      const narrowRun: number[] = [];
      const cold: number[] = [];
      const single: number[] = [];
      for (let i = 0; i < perRun; i++) {
        single.push(await timed(() => searchOne(firstPool.id)));
        warm.push(await findOnce(shipped));
        narrowRun.push(await findOnce(narrow));
        shipped.app.deps.catalog.clear();
        cold.push(await findOnce(shipped));
      }
      fig.single.push(median(single));
      fig.warm.push(median(warm));
      fig.narrow.push(median(narrowRun));
      fig.cold.push(median(cold));
      fig.naive.push(
        await timed(async () => {
          for (const pool of pools) await searchOne(pool.id);
        }),
      );
      options.log(`  find run ${run + 1}/${runs}: fan-out ${median(warm).toFixed(0)} ms, single request ${median(single).toFixed(0)} ms, naive ${fig.naive.at(-1)?.toFixed(0)} ms`);
    }
  } finally {
    await stopTarget(shipped);
    await stopTarget(narrow);
  }
  const fanoutRatio = ratioSpread(fig.warm, fig.single);
  const narrowRatio = ratioSpread(fig.narrow, fig.single);
  const naiveRatio = ratioSpread(fig.naive, fig.warm);
  const warmRatio = ratioSpread(fig.warm, fig.cold);
  const rows: Row[] = [
    {
      scenario: 'find fan-out',
      figure: `command → results, ${poolCount} pools, shipped settings`,
      unit: 'ms',
      ours: spread(fig.warm),
      baseline: spread(fig.single),
      ratio: fanoutRatio,
      goal: 'ratio ≤ 2',
      met: fanoutRatio.median <= 2,
    },
    {
      scenario: 'find fan-out',
      figure: `same, LEIHS_FANOUT_CONCURRENCY=${NARROW_CONCURRENCY} (for comparison)`,
      unit: 'ms',
      ours: spread(fig.narrow),
      baseline: spread(fig.single),
      ratio: narrowRatio,
    },
    {
      scenario: 'find naive',
      figure: `${poolCount} pools one by one (ratio: naive ÷ ours)`,
      unit: 'ms',
      ours: spread(fig.naive),
      baseline: spread(fig.warm),
      ratio: naiveRatio,
      goal: 'ratio ≥ 10',
      met: naiveRatio.median >= 10,
    },
    { scenario: 'warm find', figure: 'same search within cache lifetime (baseline: cold)', unit: 'ms', ours: spread(fig.warm), baseline: spread(fig.cold), ratio: warmRatio },
  ];
  const concurrency = shipped.app.deps.config.leihs.fanoutConcurrency;
  const rounds = (inFlight: number) => Math.ceil(poolCount / inFlight);
  options.note(
    `find fan-out is bounded by round trips: ${poolCount} pools at LEIHS_FANOUT_CONCURRENCY=${concurrency} (one leihs connection each) are ${rounds(concurrency)} round(s) of one leihs request; ` +
      `at ${NARROW_CONCURRENCY} they are ${rounds(NARROW_CONCURRENCY)} rounds (${formatSpread(narrowRatio)}× the single request).`,
  );
  const wrong = shipped.wrongAnswers + narrow.wrongAnswers;
  if (wrong > 0) rows.push({ scenario: 'find fan-out', figure: 'answers without results', unit: 'count', ours: spread([wrong]), goal: '0', met: false });
  return rows;
}
