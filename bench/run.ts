/**
 * `npm run bench` (about 2 minutes on 2 cores) or `npm run bench -- --quick` (under a minute).
 * Starts the leihs simulator in its own processes, runs every scenario against its baseline in the same
 * run, prints a table and writes JSON to bench/results/latest.json (or --out). Never fails on timing:
 * the exit code is 1 only when a scenario could not run at all.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { formatSpread, formatTable, writeReport, type BenchOptions, type BenchReport, type Row } from './lib/report.js';
import { repoRoot, startSimProcess, type SimProcess, type SimScale } from './lib/sim-process.js';
import { ackScenario } from './scenarios/ack.js';
import { approvalsScenario } from './scenarios/approvals.js';
import { burstScenario } from './scenarios/burst.js';
import { findScenario } from './scenarios/find.js';
import { usersScenario } from './scenarios/users.js';

const { values } = parseArgs({
  options: { quick: { type: 'boolean', default: false }, out: { type: 'string' }, only: { type: 'string' } },
  strict: true,
});
/** `--only ack,find`: run just these scenarios (for working on one figure). */
const only = values.only?.split(',').map((name) => name.trim());
const quick = values.quick === true;
const out = values.out ?? join(repoRoot, 'bench/results/latest.json');

const started = performance.now();
const notes: string[] = [];
const runs = quick ? 1 : 5;
const options: BenchOptions = { quick, runs, log: (line) => console.log(line), note: (line) => notes.push(line) };

const scales: Record<'small' | 'pools' | 'users', SimScale> = {
  small: {},
  pools: { pools: 41, latencyMs: 50 },
  users: { users: quick ? 2000 : 20_000 },
};
const describeScale = (s: SimScale) =>
  [`${s.pools ?? 5} pools`, `${s.users ?? 60} users`, `${s.latencyMs ?? 0} ms latency`].join(', ') + (s.pools === 41 ? ' (40 active)' : '');

const cpuList = cpus();
console.log(`leihs for Slack benchmarks${quick ? ' (--quick)' : ''}`);
console.log(`Node ${process.version}, ${cpuList.length} CPUs (${cpuList[0]?.model.trim() ?? 'unknown'}), ${process.platform}`);
for (const [name, scale] of Object.entries(scales)) console.log(`simulator "${name}": ${describeScale(scale)}, in its own process`);

const sims = await Promise.all(Object.values(scales).map((scale) => startSimProcess(scale)));
const [small, pools, users] = sims as [SimProcess, SimProcess, SimProcess];

const scenarios: [string, () => Promise<Row[]>][] = [
  ['ack', () => ackScenario(small, options)],
  ['find', () => findScenario(pools, options)],
  ['users', () => usersScenario(users, options)],
  ['burst', () => burstScenario(small, options)],
  ['approvals', () => approvalsScenario(small, options)],
];

const rows: Row[] = [];
let broken = 0;
try {
  for (const [name, run] of scenarios) {
    if (only && !only.includes(name)) continue;
    const t = performance.now();
    console.log(`${name}…`);
    try {
      rows.push(...(await run()));
    } catch (error) {
      broken++;
      const message = error instanceof Error ? error.message : String(error);
      console.error(`  ${name} could not run: ${message}`);
      notes.push(`${name} could not run: ${message}`);
    }
    console.log(`  (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  }
} finally {
  await Promise.all(sims.map((sim) => sim.close()));
}

for (const row of rows.filter((r) => r.met === false)) {
  const shown = row.ratio ? `${formatSpread(row.ratio)}×` : `${formatSpread(row.ours)} ${row.unit}`;
  notes.push(`Goal missed: ${row.scenario}, ${row.figure}: ${shown} against ${row.goal ?? ''}.`);
}

const durationS = (performance.now() - started) / 1000;
const report: BenchReport = {
  startedAt: new Date(Date.now() - durationS * 1000).toISOString(),
  durationS: Math.round(durationS),
  environment: {
    node: process.version,
    cpus: cpuList.length,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    platform: process.platform,
    quick,
    runs,
    scales: Object.fromEntries(Object.entries(scales).map(([name, scale]) => [name, describeScale(scale)])),
  },
  rows,
  notes,
};
await writeReport(out, report);

console.log('');
console.log(formatTable(rows));
console.log('');
console.log('Figures are the median of the runs (min–max); ratios are ours ÷ baseline, run by run.');
for (const note of notes) console.log(`- ${note}`);
console.log(`Finished in ${durationS.toFixed(0)} s; JSON written to ${out}`);
process.exitCode = broken > 0 ? 1 : 0;
