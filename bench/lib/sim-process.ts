/**
 * Runs the leihs simulator in its own process (`src/sim/leihs/cli.ts --json`), so its work never shares
 * the app's event loop, and reads the URL and tokens from its first line of output.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

export interface SimScale {
  pools?: number;
  users?: number;
  latencyMs?: number;
}

export interface SimProcess {
  url: string;
  tokens: Record<string, string>;
  /** The bot's token (leihs-bot@hdk.example: admin and inventory manager of every active pool). */
  adminToken: string;
  scale: SimScale;
  pid: number;
  close(): Promise<void>;
}

const startupTimeoutMs = 60_000;

/** Starts a Node process for a TypeScript entry (through tsx), in the repository root. */
export function spawnTs(entry: string, args: string[], nodeFlags: string[] = []): ChildProcess {
  return spawn(process.execPath, [...nodeFlags, '--import', 'tsx', entry, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Resolves with the first stdout line that parses as JSON; rejects if the process ends or stays silent. */
export function firstJsonLine(child: ChildProcess, timeoutMs: number, what: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-2000);
    });
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error(`${what} printed nothing within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null) => fail(new Error(`${what} exited (code ${code}) before answering: ${stderr.trim()}`));
    function done() {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.close();
      // Keep draining stdout so a chatty child never blocks on a full pipe.
      child.stdout?.resume();
    }
    function fail(error: Error) {
      done();
      reject(error);
    }
    child.once('exit', onExit);
    lines.on('line', (line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        done();
        resolve(parsed);
      } catch {
        // Not the JSON line; keep reading.
      }
    });
  });
}

/** Stops a child: SIGTERM, then SIGKILL if it has not exited within the bound. */
export function stopChild(child: ChildProcess, boundMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startSimProcess(scale: SimScale): Promise<SimProcess> {
  const args = ['--json', '--port', '0'];
  if (scale.pools !== undefined) args.push('--pools', String(scale.pools));
  if (scale.users !== undefined) args.push('--users', String(scale.users));
  if (scale.latencyMs !== undefined) args.push('--latency-ms', String(scale.latencyMs));
  const child = spawnTs('src/sim/leihs/cli.ts', args);
  let first: unknown;
  try {
    first = await firstJsonLine(child, startupTimeoutMs, 'the leihs simulator');
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const { url, tokens } = first as { url: string; tokens: Record<string, string> };
  const adminToken = tokens.admin;
  if (!url || !adminToken) {
    await stopChild(child);
    throw new Error('the leihs simulator did not print {"url","tokens":{"admin"}}');
  }
  return { url, tokens, adminToken, scale, pid: child.pid ?? 0, close: () => stopChild(child) };
}
