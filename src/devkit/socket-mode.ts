/**
 * Socket Mode for the fake Slack: `apps.connections.open` hands out a `ws://127.0.0.1` URL on the
 * fake's own server; the connection gets `hello`, then envelopes, and the app's acks come back on
 * the socket (reference/slack-platform.md B8, stack.md §9). Loaded only when asked for, as it
 * needs the `ws` package.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { API_APP_ID } from './directory.js';
import { WaitTimeoutError } from './transcript.js';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  /** The envelope's `payload` as the app acked it (undefined for a bare ack). */
  body: unknown;
  ackMs: number;
  timedOut: boolean;
}

export interface SocketModeServer {
  issueUrl(): string;
  connected(): boolean;
  waitForConnection(timeoutMs?: number): Promise<void>;
  deliver(type: EnvelopeType, payload: Record<string, unknown>, ackDeadlineMs: number): Promise<SocketAck>;
  pendingAcks(): number;
  close(): Promise<void>;
}

const PING_INTERVAL_MS = 10_000;

export function attachSocketMode(server: Server, origin: string): SocketModeServer {
  const wss = new WebSocketServer({ noServer: true });
  const tickets = new Set<string>();
  const pending = new Map<string, (body: unknown) => void>();
  const onConnect = new Set<() => void>();
  let current: WebSocket | undefined;
  let envelopeSeq = 0;

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', origin);
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      current = ws;
      const ping = setInterval(() => ws.ping(), PING_INTERVAL_MS);
      ping.unref();
      ws.on('close', () => {
        clearInterval(ping);
        if (current === ws) current = undefined;
      });
      ws.on('message', (data) => {
        let frame: unknown;
        try {
          frame = JSON.parse(String(data));
        } catch {
          return;
        }
        if (typeof frame !== 'object' || frame === null) return;
        const { envelope_id: id, payload } = frame as { envelope_id?: unknown; payload?: unknown };
        const resolve = typeof id === 'string' ? pending.get(id) : undefined;
        if (resolve && typeof id === 'string') {
          pending.delete(id);
          resolve(payload);
        }
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'slack-fake', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: API_APP_ID },
        }),
      );
      for (const cb of onConnect) cb();
      onConnect.clear();
    });
  });

  return {
    issueUrl() {
      const ticket = randomBytes(8).toString('hex');
      tickets.add(ticket);
      return `${origin.replace(/^http/, 'ws')}/link/?ticket=${ticket}`;
    },
    connected: () => current?.readyState === 1,
    waitForConnection(timeoutMs = 5000) {
      if (current?.readyState === 1) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const done = () => (clearTimeout(timer), resolve());
        const timer = setTimeout(() => {
          onConnect.delete(done);
          reject(new WaitTimeoutError(`No Socket Mode connection within ${timeoutMs} ms`));
        }, timeoutMs);
        onConnect.add(done);
      });
    },
    deliver(type, payload, ackDeadlineMs) {
      const ws = current;
      if (!ws || ws.readyState !== 1) return Promise.reject(new Error('No app is connected over Socket Mode'));
      const envelopeId = `env-${++envelopeSeq}-${randomBytes(4).toString('hex')}`;
      const started = performance.now();
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(envelopeId);
          resolve({ body: undefined, ackMs: performance.now() - started, timedOut: true });
        }, ackDeadlineMs);
        pending.set(envelopeId, (body) => {
          clearTimeout(timer);
          resolve({ body, ackMs: performance.now() - started, timedOut: false });
        });
        ws.send(
          JSON.stringify({
            envelope_id: envelopeId,
            type,
            accepts_response_payload: type !== 'events_api',
            payload,
            retry_attempt: 0,
            retry_reason: '',
          }),
        );
      });
    },
    pendingAcks: () => pending.size,
    async close() {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
