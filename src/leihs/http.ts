/**
 * The only code that speaks HTTP to leihs. One undici Pool for the leihs origin (keep-alive), or an
 * injected Dispatcher (a MockAgent in tests). Every request sends exactly `Accept: application/json`
 * (or the export type asked for) and `Authorization: Token <token>`; writes add
 * `Content-Type: application/json`. GETs are retried at most twice on network errors and 502/503/504,
 * with jittered backoff; nothing else is retried.
 */
import { Pool, type Dispatcher } from 'undici';
import { errorForResponse, LeihsError, safeJson, type LeihsService, type RequestContext, type ResponseBody } from './errors.js';

export interface LeihsTimeouts {
  /** TCP/TLS connect. Only applies to the client's own Pool; an injected dispatcher brings its own. */
  connectMs: number;
  /** Until the response headers have arrived. */
  headersMs: number;
  /** Longest pause between two chunks of the body. */
  bodyMs: number;
}

export const defaultTimeouts: LeihsTimeouts = { connectMs: 5_000, headersMs: 10_000, bodyMs: 10_000 };

/** Never more than this many retries, whatever the options say. */
export const maxRetries = 2;
const retryBaseMs = 100;
const retryStatuses = new Set([502, 503, 504]);

export type QueryValue = string | number | boolean | undefined | null | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface LeihsRequest {
  service: LeihsService;
  method: HttpMethod;
  /** Built by paths.ts; already encoded. */
  path: string;
  query?: Query;
  body?: unknown;
  /** Defaults to exactly `application/json`. */
  accept?: string;
  /** Statuses returned to the caller instead of thrown (e.g. 900 on status endpoints). */
  passStatuses?: readonly number[];
  /** Set false to send a GET once (health checks answer for themselves). */
  retry?: boolean;
}

/** How to reach leihs; `createLeihsClient` takes the same options. */
export interface HttpOptions {
  /** leihs's base URL, e.g. https://leihs.example.org (LEIHS_URL). */
  baseUrl: string;
  /** An API token of the bot's leihs user (LEIHS_TOKEN); sent as `Authorization: Token …`. */
  token: string;
  /** Tests pass an undici MockAgent; otherwise the client keeps its own keep-alive Pool. */
  dispatcher?: Dispatcher;
  timeouts?: Partial<LeihsTimeouts>;
  /** Retries for GETs on network errors and 502/503/504, 0..2 (default 2). */
  retries?: number;
  /** Jitter source in [0, 1) for the retry backoff; tests pass () => 0. */
  random?: () => number;
  /** Keep-alive connections to leihs (default 16); give at least LEIHS_FANOUT_CONCURRENCY, so a search is one round trip. */
  connections?: number;
}

/** Connections when none are asked for. */
export const defaultConnections = 16;

const writeMethods = new Set<HttpMethod>(['POST', 'PUT', 'PATCH', 'DELETE']);

export class LeihsHttp {
  readonly origin: string;
  private readonly basePath: string;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly timeouts: LeihsTimeouts;
  private readonly retries: number;
  private readonly random: () => number;
  private readonly authorization: string;

  constructor(options: HttpOptions) {
    const url = new URL(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    if (!options.token || /[\r\n\0]/.test(options.token)) {
      // The token itself is never put in an error.
      throw new Error('The leihs token is empty or contains characters that cannot be sent in an HTTP header.');
    }
    this.authorization = `Token ${options.token}`;
    this.timeouts = { ...defaultTimeouts, ...options.timeouts };
    this.retries = Math.max(0, Math.min(maxRetries, options.retries ?? maxRetries));
    this.random = options.random ?? Math.random;
    this.ownsDispatcher = options.dispatcher === undefined;
    this.dispatcher =
      options.dispatcher ??
      new Pool(this.origin, {
        connectTimeout: this.timeouts.connectMs,
        headersTimeout: this.timeouts.headersMs,
        bodyTimeout: this.timeouts.bodyMs,
        keepAliveTimeout: 30_000,
        connections: Math.max(1, options.connections ?? defaultConnections),
      });
  }

  /** A JSON request: the parsed body (undefined when empty), or a LeihsError. */
  async json(request: LeihsRequest): Promise<{ status: number; json: unknown }> {
    const ctx = contextOf(request);
    const body = await this.send(request);
    if (!isSuccess(body.status) && !request.passStatuses?.includes(body.status)) throw errorForResponse(ctx, body);
    switch (body.shape) {
      case 'empty':
        return { status: body.status, json: undefined };
      case 'json': {
        const json = safeJson(body.text);
        if (json === undefined) throw new LeihsError({ ...ctx, status: body.status, kind: 'unexpected_response', reason: 'malformed_json' });
        return { status: body.status, json };
      }
      case 'html':
        throw new LeihsError({ ...ctx, status: body.status, kind: 'unexpected_response', reason: 'html_instead_of_json' });
      case 'text':
        throw new LeihsError({ ...ctx, status: body.status, kind: 'unexpected_response', reason: 'not_json' });
    }
  }

  /** A download (CSV / Excel export): the bytes as sent, or a LeihsError. */
  async bytes(request: LeihsRequest & { accept: string }): Promise<{ contentType: string; data: Buffer }> {
    const ctx = contextOf(request);
    const body = await this.send(request);
    if (!isSuccess(body.status)) throw errorForResponse(ctx, body);
    if (body.shape === 'html' || !body.contentType.startsWith(request.accept.split(';')[0] ?? request.accept)) {
      throw new LeihsError({
        ...ctx,
        status: body.status,
        kind: 'unexpected_response',
        reason: body.shape === 'html' ? 'html_instead_of_json' : 'not_json',
      });
    }
    return { contentType: body.contentType, data: body.bytes };
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  /** Sends with the retry policy; reads the body exactly once. */
  private async send(request: LeihsRequest): Promise<ResponseBody> {
    const ctx = contextOf(request);
    const retries = request.method === 'GET' && request.retry !== false ? this.retries : 0;
    for (let attempt = 0; ; attempt++) {
      let body: ResponseBody;
      try {
        body = await this.sendOnce(request);
      } catch (error) {
        const leihsError = transportError(ctx, error);
        if (leihsError.kind === 'network' && attempt < retries) {
          await this.backoff(attempt);
          continue;
        }
        throw leihsError;
      }
      if (retryStatuses.has(body.status) && attempt < retries) {
        await this.backoff(attempt);
        continue;
      }
      return body;
    }
  }

  private async sendOnce(request: LeihsRequest): Promise<ResponseBody> {
    const headers: Record<string, string> = {
      accept: request.accept ?? 'application/json',
      authorization: this.authorization,
    };
    if (writeMethods.has(request.method)) headers['content-type'] = 'application/json';
    const response = await this.dispatcher.request({
      origin: this.origin,
      path: this.basePath + request.path + queryString(request.query),
      method: request.method,
      headers,
      body: request.body === undefined ? null : JSON.stringify(request.body),
      headersTimeout: this.timeouts.headersMs,
      bodyTimeout: this.timeouts.bodyMs,
    });
    const bytes = Buffer.from(await response.body.arrayBuffer());
    const contentType = headerValue(response.headers['content-type']).toLowerCase();
    return readBody(response.statusCode, contentType, bytes);
  }

  private async backoff(attempt: number): Promise<void> {
    // Full jitter: anywhere between 0 and 100 ms, then 0 and 200 ms.
    const ms = Math.floor(this.random() * retryBaseMs * 2 ** attempt);
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

function contextOf(request: LeihsRequest): RequestContext {
  return { service: request.service, method: request.method, path: request.path };
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function readBody(status: number, contentType: string, bytes: Buffer): ResponseBody {
  const text = contentType.includes('spreadsheet') ? '' : bytes.toString('utf8');
  const start = text.trimStart().slice(0, 15).toLowerCase();
  let shape: ResponseBody['shape'] = 'text';
  if (bytes.length === 0 || (text.trim() === '' && !contentType.includes('spreadsheet'))) shape = 'empty';
  else if (contentType.includes('text/html') || start.startsWith('<!doctype html') || start.startsWith('<html')) shape = 'html';
  else if (contentType.includes('json')) shape = 'json';
  else if ((contentType === '' || contentType.includes('octet-stream')) && (start.startsWith('{') || start.startsWith('['))) shape = 'json';
  return { status, contentType, bytes, text, shape };
}

export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.append(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Anything the transport throws: a timeout, or a network error. Never carries the token. */
function transportError(ctx: RequestContext, error: unknown): LeihsError {
  if (error instanceof LeihsError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  return new LeihsError({
    ...ctx,
    kind: timeoutCodes.has(code) ? 'timeout' : 'network',
    detail: code || undefined,
    cause: error,
  });
}
