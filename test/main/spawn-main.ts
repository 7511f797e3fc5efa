/**
 * Runs `npm start`'s entry (src/main.ts under tsx) as a child process, as an operator would: its own
 * working directory (so no developer's .env is read), only the environment given, and output
 * collected so a test can wait, with a bound, for a line to appear or for the process to end.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const mainEntry = join(repoRoot, 'src/main.ts');
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

export interface MainProcess {
  child: ChildProcessWithoutNullStreams;
  /** The working directory it runs in (a fresh temp dir; DATA_DIR defaults to ./data under it). */
  cwd: string;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` on stdout; rejects after `timeoutMs` or when the process ends first. */
  waitForStdout(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code; rejects (and kills the process) after `timeoutMs`. */
  exited(timeoutMs?: number): Promise<number | null>;
  /** Kills it if still running and removes its working directory. */
  cleanup(): Promise<void>;
}

export async function spawnMain(env: Record<string, string>, options: { files?: Record<string, string> } = {}): Promise<MainProcess> {
  const cwd = await mkdtemp(join(tmpdir(), 'leihs-main-'));
  for (const [name, text] of Object.entries(options.files ?? {})) await writeFile(join(cwd, name), text);
  const child = spawn(process.execPath, ['--import', tsxLoader, mainEntry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exitCode: number | null | undefined;
  const onOutput = new Set<() => void>();
  const notify = () => onOutput.forEach((f) => f());
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    notify();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const closed = new Promise<number | null>((resolveClosed) =>
    child.on('close', (code) => {
      exitCode = code;
      notify();
      resolveClosed(code);
    }),
  );
  const describeOutput = () => `stdout:\n${stdout}\nstderr:\n${stderr}`;

  return {
    child,
    cwd,
    stdout: () => stdout,
    stderr: () => stderr,
    waitForStdout(pattern, timeoutMs = 20_000) {
      return new Promise((resolveMatch, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) done(() => resolveMatch(match));
          else if (exitCode !== undefined) done(() => reject(new Error(`main exited (${exitCode}) before printing ${pattern}; ${describeOutput()}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`main did not print ${pattern} within ${timeoutMs} ms; ${describeOutput()}`))), timeoutMs);
        const done = (settle: () => void) => {
          clearTimeout(timer);
          onOutput.delete(check);
          settle();
        };
        onOutput.add(check);
        check();
      });
    },
    async exited(timeoutMs = 20_000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          child.kill('SIGKILL');
          reject(new Error(`main did not exit within ${timeoutMs} ms; ${describeOutput()}`));
        }, timeoutMs);
      });
      try {
        return await Promise.race([closed, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    async cleanup() {
      if (exitCode === undefined) {
        child.kill('SIGKILL');
        await closed;
      }
      await rm(cwd, { recursive: true, force: true });
    },
  };
}
