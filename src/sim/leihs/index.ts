/**
 * The leihs simulator: one origin serving /admin/*, /my/* and /inventory/* like the leihs reverse proxy,
 * in memory and deterministic from a seed. It must behave like /work/shared/reference/leihs-api.md, quirks
 * included (design rule 8).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleAdmin } from './admin.js';
import { authenticate, extractSecret } from './auth.js';
import { createFaultTable, type FaultRule, type Faults } from './faults.js';
import {
  isSafeMethod,
  json,
  negotiateInventory,
  parseJsonBody,
  readBody,
  ReplyError,
  spaHtml,
  text,
  UNCLASSIFIED,
  type Reply,
  type RequestContext,
} from './http.js';
import { handleInventory } from './inventory.js';
import type { SimData } from './model.js';
import { handleMy } from './my.js';
import { DEFAULT_SCALE, DEMO_EMAILS, DEMO_TOKENS, generateData, TOKEN_NAMES, type TokenName } from './seed.js';
import { statusReply } from './status.js';
import { createRandom } from './util.js';

export { DEMO_EMAILS, DEMO_TOKENS, TOKEN_NAMES, type TokenName };
export type { FaultRule, Faults };
export type { SimData };
export { parseFaultSpec } from './faults.js';

export interface LeihsSimulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  pools?: number;
  users?: number;
  models?: number;
  items?: number;
  latencyMs?: number;
  jitterMs?: number;
  now?: () => Date;
  /** Serve /__sim/faults and /__sim/token-expiry so another process can drive faults and token expiry. */
  control?: boolean;
}

export interface LeihsSimulator {
  url: string;
  port: number;
  tokens: Readonly<Record<TokenName, string>>;
  faults: Faults;
  data: SimData;
  now(): Date;
  setTokenExpiry(name: TokenName, expiresAt: Date): void;
  close(): Promise<void>;
}

const STATUS_PATHS = new Set(['/admin/status', '/my/status', '/inventory/status']);

function send(res: ServerResponse, reply: Reply, head: boolean): void {
  const headers: Record<string, string | number> = { ...reply.headers };
  if (reply.status !== 204) headers['content-length'] = Buffer.byteLength(reply.body);
  res.writeHead(reply.status, headers);
  res.end(head ? undefined : reply.body);
}

/** A fault's answer, or undefined when the rule only delays (or is `unhealthy` on a non-status route). */
function faultReply(rule: FaultRule, path: string): Reply | undefined {
  if (rule.html) return spaHtml(path.split('/')[1] ?? 'admin');
  if (rule.notDeployed) return text(503, 'Service Unavailable');
  if (rule.unhealthy) return STATUS_PATHS.has(path) ? statusReply(false) : undefined;
  if (rule.malformedJson) {
    return { status: rule.status ?? 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"users":[{"id":"' };
  }
  if (rule.status !== undefined) {
    const body = rule.body === undefined ? '' : typeof rule.body === 'string' ? rule.body : JSON.stringify(rule.body);
    const contentType = rule.contentType ?? (rule.body === undefined || typeof rule.body === 'string' ? 'text/plain' : 'application/json; charset=utf-8');
    return { status: rule.status, headers: { 'content-type': contentType }, body };
  }
  return undefined;
}

function fromRingException(reply: Reply): boolean {
  return reply.exception ?? (reply.status >= 400 && (reply.headers['content-type'] ?? '').startsWith('text/plain'));
}

function dispatch(ctx: RequestContext): Reply {
  const { path, headers } = ctx;
  if (path === '/admin/status' || path === '/my/status') return statusReply(true);
  if (path.startsWith('/admin/') || path.startsWith('/my/')) {
    const malformed = parseJsonBody(ctx);
    if (malformed) return malformed;
  }
  if (path.startsWith('/admin/')) {
    ctx.auth = authenticate(ctx.data, extractSecret(headers.authorization, true), ctx.now);
    return handleAdmin(ctx);
  }
  if (path.startsWith('/my/')) {
    ctx.auth = authenticate(ctx.data, extractSecret(headers.authorization, false), ctx.now);
    return handleMy(ctx);
  }
  if (path === '/inventory/status' || path.startsWith('/inventory/')) {
    const accept = negotiateInventory(headers.accept);
    if (path === '/inventory/status') {
      return accept === 'json' ? statusReply(true) : accept === 'html' ? spaHtml('inventory') : text(406, 'Not Acceptable');
    }
    ctx.auth = authenticate(ctx.data, extractSecret(headers.authorization, false), ctx.now);
    return handleInventory(ctx, accept);
  }
  return text(404, 'Not Found');
}

export async function startLeihsSimulator(options: LeihsSimulatorOptions = {}): Promise<LeihsSimulator> {
  const now = options.now ?? (() => new Date());
  const seed = options.seed ?? 1;
  const data = generateData({
    seed,
    now: now(),
    pools: options.pools ?? DEFAULT_SCALE.pools,
    users: options.users ?? DEFAULT_SCALE.users,
    models: options.models ?? DEFAULT_SCALE.models,
    items: options.items ?? DEFAULT_SCALE.items,
  });
  const faults = createFaultTable();
  const latencyRandom = createRandom(seed ^ 0x5eed);
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const setTokenExpiry = (name: TokenName, expiresAt: Date) => {
    const token = data.index.tokenBySecret.get(DEMO_TOKENS[name]);
    if (token) token.expires_at = expiresAt;
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://leihs.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    const rawBody = await readBody(req);
    if (options.control && url.pathname.startsWith('/__sim/')) {
      send(res, control(method, url.pathname, rawBody), false);
      return;
    }
    const latency = (options.latencyMs ?? 0) + (options.jitterMs ? (latencyRandom() * 2 - 1) * options.jitterMs : 0);
    if (latency > 0) await wait(latency);
    const rule = faults.take(method, url.pathname);
    if (rule?.delayMs) await wait(rule.delayMs);
    if (rule?.reset) {
      req.socket.destroy();
      return;
    }
    const faulted = rule ? faultReply(rule, url.pathname) : undefined;
    if (faulted) {
      send(res, faulted, method === 'HEAD');
      return;
    }
    const ctx: RequestContext = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      rawBody,
      data,
      now: now(),
      auth: null,
      params: {},
      undo: [],
    };
    let reply: Reply;
    try {
      reply = dispatch(ctx);
    } catch (error) {
      reply = error instanceof ReplyError ? error.reply : text(500, UNCLASSIFIED);
    }
    // wrap-tx: an unsafe request that ends with status ≥ 400 leaves no trace.
    if (!isSafeMethod(method) && reply.status >= 400) for (const undo of ctx.undo.reverse()) undo();
    if (url.pathname.startsWith('/admin/') && !fromRingException(reply)) {
      // wrap-add-vary-header and wrap-content-type sit inside ring-exception: only non-exception replies pass them.
      reply.headers.vary = 'Accept';
      reply.headers['content-type'] ??= 'application/octet-stream';
    }
    send(res, reply, method === 'HEAD');
  }

  function control(method: string, path: string, rawBody: Buffer): Reply {
    let input: Record<string, unknown> = {};
    try {
      input = rawBody.length ? (JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>) : {};
    } catch {
      return json(400, { error: 'The body must be JSON.' });
    }
    if (path === '/__sim/faults' && method === 'POST') {
      if (typeof input.path !== 'string') return json(400, { error: 'A fault needs a path (a glob such as /inventory/*).' });
      return json(200, { id: faults.add(input as unknown as FaultRule) });
    }
    if (path === '/__sim/faults' && method === 'GET') return json(200, { faults: faults.list() });
    if (path === '/__sim/faults' && method === 'DELETE') {
      faults.clear();
      return { status: 204, headers: {}, body: '' };
    }
    const one = /^\/__sim\/faults\/([^/]+)$/.exec(path);
    if (one && method === 'DELETE') {
      return faults.remove(decodeURIComponent(one[1] ?? '')) ? { status: 204, headers: {}, body: '' } : json(404, { error: 'No such fault.' });
    }
    if (path === '/__sim/token-expiry' && method === 'POST') {
      const name = input.name;
      const expiresAt = new Date(String(input.expiresAt));
      if (typeof name !== 'string' || !(TOKEN_NAMES as readonly string[]).includes(name) || Number.isNaN(expiresAt.getTime())) {
        return json(400, { error: `Send {name, expiresAt} with name one of ${TOKEN_NAMES.join(', ')} and an ISO date.` });
      }
      setTokenExpiry(name as TokenName, expiresAt);
      return json(200, { name, expires_at: expiresAt.toISOString() });
    }
    return json(404, { error: 'Not Found' });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, text(500, UNCLASSIFIED), false);
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    tokens: DEMO_TOKENS,
    faults,
    data,
    now,
    setTokenExpiry,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
