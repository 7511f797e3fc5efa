/** Helpers for talking to the leihs simulator over loopback HTTP in tests. */
import { request } from 'undici';
import type { IncomingHttpHeaders } from 'undici/types/header.js';
import type { LeihsSimulator } from '../../src/sim/leihs/index.js';

export interface CallOptions {
  method?: string;
  token?: string;
  /** Raw Authorization header (wins over `token`). */
  authorization?: string;
  /** `null` sends no Accept header at all. */
  accept?: string | null;
  body?: unknown;
  contentType?: string;
}

export interface CallResult {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

export async function call(sim: LeihsSimulator, path: string, options: CallOptions = {}): Promise<CallResult> {
  const headers: Record<string, string> = {};
  const accept = options.accept === undefined ? 'application/json' : options.accept;
  if (accept !== null) headers.accept = accept;
  if (options.authorization) headers.authorization = options.authorization;
  else if (options.token) headers.authorization = `Token ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const res = await request(`${sim.url}${path}`, { method: (options.method ?? 'GET') as 'GET', headers, body });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export function poolId(sim: LeihsSimulator, shortname: string): string {
  const pool = sim.data.pools.find((p) => p.shortname === shortname);
  if (!pool) throw new Error(`no pool ${shortname}`);
  return pool.id;
}

export function userId(sim: LeihsSimulator, email: string): string {
  const user = sim.data.index.userByEmail.get(email);
  if (!user) throw new Error(`no user ${email}`);
  return user.id;
}

export function groupId(sim: LeihsSimulator, name: string): string {
  const group = [...sim.data.groups.values()].find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}
