/**
 * users at scale: walk every user of the instance through the leihs client, avatar-free (inventory
 * users endpoint) against the same walk over the admin users list with its base64 avatars. Each walk
 * runs in a fresh process (bench/users-walk.ts) so peak RSS growth is the walk's own.
 */
import type { BenchOptions, Row } from '../lib/report.js';
import { firstJsonLine, spawnTs, stopChild, type SimProcess } from '../lib/sim-process.js';
import { ratioSpread, spread } from '../lib/stats.js';

interface Walk {
  rows: number;
  bytes: number;
  peakRssGrowthMb: number;
  ms: number;
}

const walkTimeoutMs = 120_000;

async function walkOnce(sim: SimProcess, mode: 'inventory' | 'admin'): Promise<Walk> {
  const child = spawnTs('bench/users-walk.ts', ['--url', sim.url, '--token', sim.adminToken, '--mode', mode], ['--expose-gc']);
  try {
    return (await firstJsonLine(child, walkTimeoutMs, `the ${mode} users walk`)) as Walk;
  } finally {
    await stopChild(child);
  }
}

export async function usersScenario(sim: SimProcess, options: BenchOptions): Promise<Row[]> {
  const runs = options.runs;
  const ours: Walk[] = [];
  const avatars: Walk[] = [];
  for (let run = 0; run < runs; run++) {
    ours.push(await walkOnce(sim, 'inventory'));
    avatars.push(await walkOnce(sim, 'admin'));
    options.log(`  users run ${run + 1}/${runs}: ${ours.at(-1)?.rows} users, RSS +${ours.at(-1)?.peakRssGrowthMb.toFixed(1)} MB (with avatars +${avatars.at(-1)?.peakRssGrowthMb.toFixed(1)} MB)`);
  }
  const users = ours[0]?.rows ?? 0;
  const pick = (walks: Walk[], f: (w: Walk) => number) => walks.map(f);
  const rss = pick(ours, (w) => w.peakRssGrowthMb);
  const mb = (w: Walk) => w.bytes / 2 ** 20;
  const rows: Row[] = [
    {
      scenario: 'users at scale',
      figure: `peak RSS growth, walk of ${users} users (admin list: ${avatars[0]?.rows ?? 0}, no delegations)`,
      unit: 'MB',
      ours: spread(rss),
      baseline: spread(pick(avatars, (w) => w.peakRssGrowthMb)),
      ratio: ratioSpread(rss, pick(avatars, (w) => w.peakRssGrowthMb)),
      goal: '≤ 64 MB',
      met: spread(rss).median <= 64,
    },
    {
      scenario: 'users at scale',
      figure: 'bytes transferred',
      unit: 'MB',
      ours: spread(pick(ours, mb)),
      baseline: spread(pick(avatars, mb)),
      ratio: ratioSpread(pick(ours, mb), pick(avatars, mb)),
    },
    {
      scenario: 'users at scale',
      figure: 'walk time',
      unit: 'ms',
      ours: spread(pick(ours, (w) => w.ms)),
      baseline: spread(pick(avatars, (w) => w.ms)),
      ratio: ratioSpread(pick(ours, (w) => w.ms), pick(avatars, (w) => w.ms)),
    },
  ];
  // The two lists differ by design (inventory lists delegations too, the admin list never does), so each
  // kind of walk is compared with itself: every run must see the same users.
  const adminUsers = avatars[0]?.rows ?? 0;
  const unstable = ours.filter((w) => w.rows !== users).length + avatars.filter((w) => w.rows !== adminUsers).length;
  if (unstable > 0) rows.push({ scenario: 'users at scale', figure: 'walks that saw a different user count than their first run', unit: 'count', ours: spread([unstable]), goal: '0', met: false });
  return rows;
}
