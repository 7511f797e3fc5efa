/**
 * Keeps `npm run bench` from rotting: runs `--quick` once and checks that every scenario produced its
 * figures (not their values; benchmarks never fail on timing).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchReport } from '../../bench/lib/report.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const boundMs = 90_000;

function runQuickBench(out: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--out', out], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run bench -- --quick', () => {
  let dir: string | undefined;
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('produces a figure for every scenario, the environment and the table', { timeout: boundMs + 10_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'leihs-bench-test-'));
    const out = join(dir, 'latest.json');
    const { code, output } = await runQuickBench(out);
    expect(code, output).toBe(0);
    expect(output).toContain('| scenario');

    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport;
    expect(report.environment.node).toBe(process.version);
    expect(report.environment.cpus).toBeGreaterThan(0);
    expect(Object.keys(report.environment.scales)).toEqual(['small', 'pools', 'users']);
    const scenarios = new Set(report.rows.map((row) => row.scenario));
    for (const name of ['ack paced', 'ack back-to-back', 'find fan-out', 'find naive', 'warm find', 'users at scale', 'burst', 'approvals']) {
      expect(scenarios, name).toContain(name);
    }
    for (const row of report.rows) {
      expect(Number.isFinite(row.ours.median), `${row.scenario}: ${row.figure}`).toBe(true);
      if (row.ratio) expect(Number.isFinite(row.ratio.median), `${row.scenario}: ${row.figure} ratio`).toBe(true);
    }
  });
});
