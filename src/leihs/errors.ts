/**
 * Every leihs failure becomes one LeihsError (design rule 2). `message` is for logs: it names the
 * service, method, path and status, never the token, raw HTML or PostgreSQL text. The sentence a
 * Slack user reads comes from describeLeihsError().
 */
import { messages as defaultMessages, type Messages } from '../messages/index.js';

export type LeihsService = 'admin' | 'my' | 'inventory';

export type LeihsErrorKind =
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'no_route'
  | 'conflict'
  | 'invalid'
  | 'unavailable'
  | 'timeout'
  | 'network'
  | 'unexpected_response';

export type LeihsErrorReason =
  | 'token_rejected' // 401 from token auth: expired, revoked or disabled user
  | 'not_authenticated' // 401 without the token message
  | 'no_pool_role' // inventory 403: no lending/inventory manager role, or the pool is inactive
  | 'not_authorized' // admin 403: no admin scopes / role
  | 'html_instead_of_json' // LEIHS_URL points at the web app, or at something that is not leihs
  | 'empty_body' // 200 with an empty body where a resource was expected (leihs's "not found")
  | 'inventory_not_deployed' // 503/502/404/HTML on /inventory/status
  | 'unhealthy' // status 900
  | 'wrong_route_form' // 544: collection without slash or single resource with one
  | 'no_authorizer' // 555
  | 'unknown_route' // inventory catch-all 404
  | 'bad_query' // inventory coercion error (404) or a path segment that cannot be sent
  | 'server_error' // 500
  | 'gateway' // 502/503/504
  | 'malformed_json' // said JSON, was not
  | 'not_json' // a JSON answer was expected, something else came
  | 'schema_mismatch'; // JSON of the wrong shape; `field` names the zod path

export interface LeihsErrorInit {
  kind: LeihsErrorKind;
  service: LeihsService;
  status?: number;
  reason?: LeihsErrorReason;
  /** For unexpected_response: the response field that did not match, e.g. `users.0.id`. */
  field?: string;
  method?: string;
  /** The request path without its query string. */
  path?: string;
  /** A short, already-safe detail for the log (never PG text, HTML or the token). */
  detail?: string;
  cause?: unknown;
}

export class LeihsError extends Error {
  override name = 'LeihsError';
  readonly kind: LeihsErrorKind;
  readonly service: LeihsService;
  readonly status?: number;
  readonly reason?: LeihsErrorReason;
  readonly field?: string;
  readonly method?: string;
  readonly path?: string;

  constructor(init: LeihsErrorInit) {
    super(logLine(init), init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.service = init.service;
    this.status = init.status;
    this.reason = init.reason;
    this.field = init.field;
    this.method = init.method;
    this.path = init.path;
  }
}

function logLine(init: LeihsErrorInit): string {
  const where = [init.method, init.path].filter(Boolean).join(' ');
  const parts = [
    `leihs ${init.service}${where ? ` ${where}` : ''}: ${init.kind}`,
    init.status === undefined ? '' : ` (status ${init.status})`,
    init.reason ? ` ${init.reason}` : '',
    init.field ? ` at field ${init.field}` : '',
    init.detail ? `: ${init.detail}` : '',
  ];
  return parts.join('');
}

export function isLeihsError(error: unknown): error is LeihsError {
  return error instanceof LeihsError;
}

/** The one sentence a Slack user can act on. Anything that is not a LeihsError gets the generic one. */
export function describeLeihsError(error: unknown, messages: Messages = defaultMessages): string {
  if (!(error instanceof LeihsError)) return messages.common.somethingWentWrong;
  const m = messages.leihs;
  const service = m.serviceName[error.service];
  switch (error.kind) {
    case 'unauthorized':
      return error.reason === 'token_rejected' ? m.tokenRejected : m.notAuthenticated;
    case 'forbidden':
      return error.service === 'inventory' ? m.forbiddenPool : m.forbiddenAdmin;
    case 'not_found':
      return m.notFound;
    case 'no_route':
      return m.noRoute;
    case 'conflict':
      return m.conflict;
    case 'invalid':
      return m.invalid;
    case 'unavailable':
      if (error.reason === 'unhealthy') return m.unhealthy(service);
      if (error.reason === 'inventory_not_deployed') return m.inventoryNotDeployed;
      return m.unavailable(service);
    case 'timeout':
      return m.timeout;
    case 'network':
      return m.network;
    case 'unexpected_response':
      if (error.reason === 'html_instead_of_json') return m.htmlInsteadOfJson;
      return error.field ? m.unexpectedField(error.field) : m.unexpected;
  }
}

/** What came back, read once. `shape` is sniffed from the content type and the first characters. */
export interface ResponseBody {
  status: number;
  contentType: string;
  bytes: Buffer;
  text: string;
  shape: 'empty' | 'json' | 'html' | 'text';
}

export interface RequestContext {
  service: LeihsService;
  method: string;
  path: string;
}

const gatewayStatuses = new Set([502, 503, 504]);

/** Turns a response leihs should not have given into a LeihsError (the catalogue of leihs's edges). */
export function errorForResponse(ctx: RequestContext, body: ResponseBody): LeihsError {
  const base = { ...ctx, status: body.status };
  const { status } = body;
  if (body.shape === 'html' && !gatewayStatuses.has(status) && status !== 900) {
    return new LeihsError({ ...base, kind: 'unexpected_response', reason: 'html_instead_of_json' });
  }
  switch (status) {
    case 401:
      return new LeihsError({
        ...base,
        kind: 'unauthorized',
        reason: /token authentication error/i.test(body.text) ? 'token_rejected' : 'not_authenticated',
      });
    case 403:
      return new LeihsError({ ...base, kind: 'forbidden', reason: ctx.service === 'inventory' ? 'no_pool_role' : 'not_authorized' });
    case 404:
      return notFoundError(ctx, body);
    case 406: // admin: "This resource does not provide a json response", i.e. the handler found nothing
      return new LeihsError({ ...base, kind: 'not_found' });
    case 409: // any PostgreSQL error; its text stays out of the message
      return new LeihsError({ ...base, kind: 'conflict' });
    case 400:
    case 422:
      return new LeihsError({ ...base, kind: 'invalid' });
    case 500:
      return new LeihsError({ ...base, kind: 'unavailable', reason: 'server_error' });
    case 544:
      return new LeihsError({ ...base, kind: 'no_route', reason: 'wrong_route_form' });
    case 555:
      return new LeihsError({ ...base, kind: 'no_route', reason: 'no_authorizer' });
    case 900:
      return new LeihsError({ ...base, kind: 'unavailable', reason: 'unhealthy' });
  }
  if (gatewayStatuses.has(status)) return new LeihsError({ ...base, kind: 'unavailable', reason: 'gateway' });
  return new LeihsError({ ...base, kind: 'unexpected_response' });
}

function notFoundError(ctx: RequestContext, body: ResponseBody): LeihsError {
  const base = { ...ctx, status: body.status };
  if (ctx.service === 'inventory' && body.shape === 'json') {
    const parsed = safeJson(body.text);
    if (isRecord(parsed) && parsed['reason'] === 'Coercion-Error') {
      return new LeihsError({ ...base, kind: 'invalid', reason: 'bad_query' });
    }
    if (isRecord(parsed) && parsed['error'] === 'Not Found' && Object.keys(parsed).length === 1) {
      return new LeihsError({ ...base, kind: 'no_route', reason: 'unknown_route' });
    }
  }
  return new LeihsError({ ...base, kind: 'not_found' });
}

export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
