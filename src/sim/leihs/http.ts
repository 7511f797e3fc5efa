/** Reply values, content negotiation, bodies and pagination as leihs's services do them. */
import type { IncomingMessage } from 'node:http';
import type { SimData, User, ApiToken } from './model.js';

export interface Reply {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /**
   * Built by leihs-clj-shared's ring-exception handler, the outermost admin/my middleware: such replies skip
   * `wrap-add-vary-header` and `wrap-content-type`. Replies with a text/plain error status count as such too.
   */
  exception?: boolean;
}

/** Thrown by handlers to answer early (leihs's ex-info with a status). */
export class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(`reply ${reply.status}`);
  }
}

export const JSON_TYPE = 'application/json; charset=utf-8';
export const EXCEL_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

/** An ex-info with a status: text/plain. */
export function text(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/plain' }, body };
}

/** No explicit content type: ring's wrap-content-type falls back to application/octet-stream. */
export function untyped(status: number, body = ''): Reply {
  return { status, headers: { 'content-type': 'application/octet-stream' }, body };
}

/** A PostgreSQL error: ring-exception answers 409 with the PG message and sets no Content-Type at all. */
export function pgReply(message: string): Reply {
  return { status: 409, headers: {}, body: message, exception: true };
}

export function noContent(): Reply {
  return { status: 204, headers: {}, body: '' };
}

export function fail(reply: Reply): never {
  throw new ReplyError(reply);
}

export const TOKEN_ERROR =
  'Token authentication error: No valid API-Token / User combination found! Is the token present, not expired, and the user permitted to sign-in?';
export const UNCLASSIFIED = 'Unclassified error, see the server logs for details.';

/** The single-page app every leihs service serves to browsers. */
export function spaHtml(service: string): Reply {
  const body = `<!DOCTYPE html>
<html lang="de-CH">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leihs ${service}</title>
<link rel="stylesheet" href="/${service}/css/site.css"></head>
<body><div id="app" class="container-fluid"><div class="alert alert-warning">Loading leihs ${service} …</div></div>
<script src="/${service}/js/main.js" type="text/javascript"></script></body>
</html>
`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

interface AcceptRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string | undefined): AcceptRange[] {
  if (header === undefined || header.trim() === '') return [{ type: '*', subtype: '*', q: 1 }];
  return header.split(',').flatMap((part) => {
    const [range = '', ...params] = part.trim().split(';');
    const [type = '', subtype = '*'] = range.trim().toLowerCase().split('/');
    if (type === '') return [];
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
    }
    return [{ type, subtype, q: Number.isFinite(q) ? q : 0 }];
  });
}

function qualityOf(ranges: AcceptRange[], mime: string): number {
  const [type, subtype] = mime.split('/');
  let best: { specificity: number; q: number } | undefined;
  for (const range of ranges) {
    const specificity =
      range.type === type && range.subtype === subtype ? 2 : range.type === type && range.subtype === '*' ? 1 : range.type === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity) best = { specificity, q: range.q };
  }
  return best?.q ?? 0;
}

/**
 * Admin and my (ring-middleware-accept): offered json, apng (qs 0.8), css, html; ties go to the last offered,
 * so `*\/*`, no header and `application/json, text/plain, *\/*` all pick html.
 */
export function negotiateAdmin(header: string | undefined): 'json' | 'html' | 'none' {
  const ranges = parseAccept(header);
  const offered: [string, number, 'json' | 'html'][] = [
    ['application/json', 1, 'json'],
    ['image/apng', 0.8, 'html'],
    ['text/css', 1, 'html'],
    ['text/html', 1, 'html'],
  ];
  let chosen: 'json' | 'html' | 'none' = 'none';
  let bestQ = 0;
  for (const [mime, qs, kind] of offered) {
    const q = qualityOf(ranges, mime) * qs;
    if (q > 0 && q >= bestQ) {
      bestQ = q;
      chosen = kind;
    }
  }
  return chosen;
}

export type InventoryAccept = 'json' | 'csv' | 'excel' | 'html' | 'image' | 'unsupported';

/** Inventory (muuntaja + enforce-accept): the first recognisable type of the header wins. */
export function negotiateInventory(header: string | undefined): InventoryAccept {
  if (header === undefined || header.trim() === '') return 'html';
  const types = parseAccept(header)
    .filter((r) => r.q > 0)
    .map((r) => `${r.type}/${r.subtype}`);
  if (types.includes('application/json')) return 'json';
  if (types.includes('text/csv')) return 'csv';
  if (types.includes(EXCEL_TYPE)) return 'excel';
  if (types.some((t) => t === 'text/html' || t === '*/*' || t === 'application/xhtml+xml')) return 'html';
  if (types.length > 0 && types.every((t) => t.startsWith('image/'))) return 'image';
  return 'unsupported';
}

export function isSafeMethod(method: string): boolean {
  return method === 'GET' || method === 'HEAD' || method === 'OPTIONS';
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** What a request carries once the service's middleware has run. */
export interface RequestContext {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  data: SimData;
  now: Date;
  auth: AuthEntity | null;
  params: Record<string, string>;
  /** Undo steps of this request's writes; run in reverse when the status is ≥ 400 (wrap-tx rollback). */
  undo: (() => void)[];
  /** The body as ring-json's wrap-json-body parsed it (only for a JSON Content-Type); undefined otherwise. */
  jsonBody?: unknown;
}

export function isJsonContentType(header: string | string[] | undefined): boolean {
  return /^application\/(.+\+)?json/i.test(String(header ?? '').trim());
}

/** ring-json wrap-json-body: runs before routing and authentication; malformed JSON is a 400 at once. */
export function parseJsonBody(ctx: RequestContext): Reply | undefined {
  if (!isJsonContentType(ctx.headers['content-type']) || ctx.rawBody.length === 0) return undefined;
  try {
    ctx.jsonBody = JSON.parse(ctx.rawBody.toString('utf8')) as unknown;
  } catch {
    return { ...text(400, 'Malformed JSON in request body.'), exception: false };
  }
  return undefined;
}

export interface AuthEntity {
  user: User;
  token: ApiToken;
}

/** Admin query values are JSON-parsed first (`"2"` → 2, `abc` stays a string). */
export function jsonParam(value: string | null): unknown {
  if (value === null) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export interface AdminPage {
  page: number;
  perPage: number;
  offset: number;
}

/** Admin pagination: `page` (default 1) and `per-page` (default 50, 1..1000); page=0 reaches PostgreSQL. */
export function adminPage(query: URLSearchParams): AdminPage {
  const perPage = query.has('per-page') ? jsonParam(query.get('per-page')) : 50;
  if (typeof perPage !== 'number' || !Number.isInteger(perPage) || perPage < 1 || perPage > 1000) {
    fail(text(422, 'The query parameter per-page must be present and set to an integer between 1 and 1000.'));
  }
  const page = query.has('page') ? jsonParam(query.get('page')) : 1;
  if (typeof page !== 'number' || !Number.isInteger(page) || page < 0) {
    fail(text(422, 'The query parameter page must be present and set to a positive integer.'));
  }
  if (page === 0) fail(pgReply('ERROR: OFFSET must not be negative'));
  return { page, perPage, offset: (page - 1) * perPage };
}

/** One admin page of rows, each with `index` (absolute, 1-based) and optionally `page-index` (0-based). */
export function adminSlice<T, R extends object>(rows: readonly T[], page: AdminPage, toRow: (row: T) => R, withPageIndex = true): R[] {
  return rows.slice(page.offset, page.offset + page.perPage).map((row, i) => ({
    ...toRow(row),
    index: page.offset + i + 1,
    ...(withPageIndex ? { 'page-index': i } : {}),
  }));
}

export function coercionError(method: string, path: string, detail: string, scope = 'request/query-params'): Reply {
  return json(404, { reason: 'Coercion-Error', detail, 'coercion-type': 'schema', scope, uri: `${method} ${path}` });
}

export interface InventoryPage {
  page: number;
  size: number;
}

function intParam(ctx: RequestContext, name: string): number | undefined {
  const value = ctx.query.get(name);
  if (value === null) return undefined;
  if (!/^-?\d+$/.test(value.trim())) fail(coercionError(ctx.method, ctx.path, `{:${name} (not (int? "${value}"))}`));
  return Number(value);
}

/** Inventory pagination: no page/size → undefined (bare array); size ≤ 0 → 25, page ≤ 0 → 1, only page → size 10. */
export function inventoryPage(ctx: RequestContext): InventoryPage | undefined {
  const page = intParam(ctx, 'page');
  const size = intParam(ctx, 'size');
  if (page === undefined && size === undefined) return undefined;
  return { page: page === undefined || page <= 0 ? 1 : page, size: size === undefined ? 10 : size <= 0 ? 25 : size };
}

/** `toRow` shapes only the rows that are sent (a page of 20 000 users is not mapped whole). */
export function inventoryList<T, R = T>(
  rows: readonly T[],
  page: InventoryPage | undefined,
  headers: Record<string, string> = {},
  toRow: (row: T) => R = (row) => row as unknown as R,
): Reply {
  if (!page) return json(200, rows.map(toRow), headers);
  const start = (page.page - 1) * page.size;
  return json(
    200,
    {
      data: rows.slice(start, start + page.size).map(toRow),
      pagination: { total_rows: rows.length, total_pages: Math.ceil(rows.length / page.size), page: page.page, size: page.size },
    },
    headers,
  );
}
