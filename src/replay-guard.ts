/**
 * Refuses a signed Slack request that was already received: Bolt checks the signature and that the
 * timestamp is under five minutes old, but the same signed request sent twice inside those five minutes
 * would run its listener twice. Each (timestamp, signature) pair is remembered for five minutes; a repeat
 * gets 401 before Bolt sees it. Per process: replicas behind a load balancer each keep their own memory.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Clock } from './clock.js';

const FIVE_MINUTES_MS = 5 * 60_000;
/** Bounds memory under a flood of junk headers; the oldest pairs are forgotten first. */
const MAX_REMEMBERED = 100_000;

export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  constructor(private readonly clock: Clock) {}

  /** True the first time a pair is offered (within five minutes), false for a repeat. */
  firstTime(timestamp: string, signature: string): boolean {
    const now = this.clock.now().getTime();
    this.forgetOlderThan(now - FIVE_MINUTES_MS);
    const key = `${timestamp}:${signature}`;
    if (this.seen.has(key)) return false;
    this.seen.set(key, now);
    if (this.seen.size > MAX_REMEMBERED) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  private forgetOlderThan(cutoff: number): void {
    // Map iteration is in insertion order, which is time order.
    for (const [key, at] of this.seen) {
      if (at >= cutoff) break;
      this.seen.delete(key);
    }
  }
}

/** Wraps a receiver's request listener so repeated signed requests get 401 and never reach Bolt. */
export function guardAgainstReplays(listener: RequestListener, guard: ReplayGuard): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const timestamp = req.headers['x-slack-request-timestamp'];
    const signature = req.headers['x-slack-signature'];
    if (typeof timestamp === 'string' && typeof signature === 'string' && !guard.firstTime(timestamp, signature)) {
      res.writeHead(401);
      res.end();
      return;
    }
    listener(req, res);
  };
}
