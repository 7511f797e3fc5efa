/**
 * Slack's sending side in a process of its own, so an ack is timed from outside the app's event loop
 * (as Slack times it), not after whatever the app does next in the same process. Driven over IPC by
 * bench/lib/remote-sender.ts; in paced mode it asks the parent to confirm each answer before the next.
 */
import { SignedSender, slashCommandBody } from './lib/slack.js';
import type { SenderReply, SenderRequest } from './lib/remote-sender.js';

const pendingAnswers = new Map<string, () => void>();

function send(message: SenderReply): void {
  process.send?.(message);
}

function answered(responseId: string): Promise<void> {
  return new Promise((resolve) => {
    pendingAnswers.set(responseId, resolve);
    send({ type: 'await-answer', responseId });
  });
}

async function series(request: Extract<SenderRequest, { type: 'series' }>): Promise<void> {
  const sender = new SignedSender(request.endpoint, undefined, request.mode === 'burst' ? request.count : 1);
  const ids = Array.from({ length: request.count }, (_, i) => `${request.prefix}-${i}`);
  const acks: number[] = [];
  const statuses: number[] = [];
  try {
    if (request.mode === 'burst') {
      const sent = await Promise.all(ids.map((id) => sender.post(slashCommandBody(request.text, id)).catch(() => undefined)));
      for (const s of sent) {
        acks.push(s?.ms ?? Number.POSITIVE_INFINITY);
        statuses.push(s?.status ?? 0);
      }
    } else {
      for (const id of ids) {
        const sent = await sender.post(slashCommandBody(request.text, id));
        acks.push(sent.ms);
        statuses.push(sent.status);
        if (request.mode === 'paced' && request.awaitAnswers) await answered(id);
      }
    }
  } finally {
    await sender.close();
  }
  send({ type: 'done', runId: request.runId, acks, statuses, ids });
}

process.on('message', (message: SenderRequest) => {
  if (message.type === 'answered') {
    pendingAnswers.get(message.responseId)?.();
    pendingAnswers.delete(message.responseId);
  } else if (message.type === 'series') {
    series(message).catch((error: unknown) => send({ type: 'failed', runId: message.runId, message: error instanceof Error ? error.message : String(error) }));
  } else if (message.type === 'exit') {
    process.disconnect();
  }
});
send({ type: 'ready' });
