/** What a scenario reports, and the table and JSON the run writes. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { round, type Spread } from './stats.js';

export interface Row {
  scenario: string;
  figure: string;
  unit: string;
  ours: Spread;
  baseline?: Spread;
  /** ours ÷ baseline, run by run. */
  ratio?: Spread;
  goal?: string;
  /** Whether the median meets the goal; absent when there is no goal. */
  met?: boolean;
}

export interface BenchOptions {
  quick: boolean;
  /** How many runs each figure is the median of. */
  runs: number;
  /** Progress, printed as it happens. */
  log(line: string): void;
  /** A finding for the closing notes (what bounds a figure). */
  note(line: string): void;
}

export interface Environment {
  node: string;
  cpus: number;
  cpuModel: string;
  platform: string;
  quick: boolean;
  runs: number;
  scales: Record<string, string>;
}

export interface BenchReport {
  startedAt: string;
  durationS: number;
  environment: Environment;
  rows: Row[];
  notes: string[];
}

const fmt = (value: number) => (Number.isFinite(value) ? String(round(value)) : '—');

/** `12.3 (11.9–14.0)`: the median of the runs, then min–max. */
export function formatSpread(s: Spread | undefined): string {
  if (!s) return '—';
  if (s.runs.length <= 1) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

/** A Markdown table: readable in a terminal, pasteable into the README. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['scenario', 'figure', 'ours', 'baseline', 'ratio', 'goal', 'met'];
  const lines = rows.map((r) => [
    r.scenario,
    `${r.figure} (${r.unit})`,
    formatSpread(r.ours),
    formatSpread(r.baseline),
    r.ratio ? `${formatSpread(r.ratio)}×` : '—',
    r.goal ?? '—',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...lines.map(line)].join('\n');
}

function rounded(s: Spread | undefined): Spread | undefined {
  return s && { median: round(s.median), min: round(s.min), max: round(s.max), runs: s.runs.map(round) };
}

export async function writeReport(path: string, report: BenchReport): Promise<void> {
  const rows = report.rows.map((r) => ({ ...r, ours: rounded(r.ours), baseline: rounded(r.baseline), ratio: rounded(r.ratio) }));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify({ ...report, rows }, null, 2)}\n`);
}
