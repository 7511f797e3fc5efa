/** The parent's side of bench/sender-process.ts: runs series of signed commands from another process. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { InProcessSlack } from './slack.js';
import { repoRoot, stopChild } from './sim-process.js';

export type SendMode = 'paced' | 'back-to-back' | 'burst';

export type SenderRequest =
  | { type: 'series'; runId: number; endpoint: string; text: string; prefix: string; count: number; mode: SendMode; awaitAnswers: boolean }
  | { type: 'answered'; responseId: string }
  | { type: 'exit' };

export type SenderReply =
  | { type: 'ready' }
  | { type: 'await-answer'; responseId: string }
  | { type: 'done'; runId: number; acks: number[]; statuses: number[]; ids: string[] }
  | { type: 'failed'; runId: number; message: string };

export interface SeriesResult {
  /** Ack times in ms, in sending order (Infinity when no ack came). */
  acks: number[];
  statuses: number[];
  ids: string[];
}

const answerTimeoutMs = 30_000;

export class RemoteSender {
  private runs = 0;
  private readonly waiting = new Map<number, { resolve(r: SeriesResult): void; reject(e: Error): void }>();
  private slack: InProcessSlack | undefined;

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: SenderReply) => this.onMessage(message));
    child.once('exit', () => {
      for (const w of this.waiting.values()) w.reject(new Error('the sender process ended'));
      this.waiting.clear();
    });
  }

  static async start(): Promise<RemoteSender> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/sender-process.ts'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the sender process did not start within 30 s')), 30_000);
      child.once('message', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('exit', (code) => reject(new Error(`the sender process exited (code ${code})`)));
    });
    return new RemoteSender(child);
  }

  private onMessage(message: SenderReply): void {
    if (message.type === 'await-answer') {
      const { responseId } = message;
      const slack = this.slack;
      if (!slack) return void this.child.send({ type: 'answered', responseId } satisfies SenderRequest);
      // Paced: the next command goes once this one's answer has arrived and the app has finished with it.
      slack
        .firstResponse(responseId, answerTimeoutMs)
        .catch(() => undefined)
        .then(() => new Promise((resolve) => setImmediate(resolve)))
        .then(() => this.child.send({ type: 'answered', responseId } satisfies SenderRequest));
    } else if (message.type === 'done' || message.type === 'failed') {
      const w = this.waiting.get(message.runId);
      this.waiting.delete(message.runId);
      if (message.type === 'done') w?.resolve({ acks: message.acks, statuses: message.statuses, ids: message.ids });
      else w?.reject(new Error(message.message));
    }
  }

  /** Sends `count` `/leihs <text>` commands; with `answersFrom`, paced mode waits for each answer there. */
  series(args: { endpoint: string; text: string; prefix: string; count: number; mode: SendMode; answersFrom?: InProcessSlack }): Promise<SeriesResult> {
    const runId = ++this.runs;
    this.slack = args.answersFrom;
    return new Promise((resolve, reject) => {
      this.waiting.set(runId, { resolve, reject });
      const { answersFrom, ...rest } = args;
      this.child.send({ type: 'series', runId, ...rest, awaitAnswers: answersFrom !== undefined } satisfies SenderRequest);
    });
  }

  async close(): Promise<void> {
    if (this.child.connected) this.child.send({ type: 'exit' } satisfies SenderRequest);
    await stopChild(this.child);
  }
}
