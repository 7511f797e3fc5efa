// The leihs client against undici MockAgent: the faults and edges the simulator cannot easily make.
import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collect, createLeihsClient, describeLeihsError, LeihsError, probeLeihs, type LeihsClientOptions } from '../../src/leihs/index.js';
import { messages } from '../../src/messages/index.js';
import { caught } from './caught.js';

const origin = 'https://leihs.test';
const token = 'SECRETTOKENQWERTYUIOPASDFGHJKLZX';
const json = { 'content-type': 'application/json; charset=utf-8' };
const text = { 'content-type': 'text/plain' };
const html = { 'content-type': 'text/html; charset=utf-8' };
const spaPage = '<!DOCTYPE html><html><head><title>leihs</title></head><body><div id="app"></div></body></html>';

interface Seen {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

let agent: MockAgent;
let seen: Seen[];

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  seen = [];
});

afterEach(async () => {
  await agent.close();
});

function client(options: Partial<LeihsClientOptions> = {}) {
  return createLeihsClient({ baseUrl: origin, token, dispatcher: agent, random: () => 0, ...options });
}

function headersOf(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (raw instanceof Headers) raw.forEach((v, k) => (out[k.toLowerCase()] = v));
  else if (Array.isArray(raw)) for (let i = 0; i < raw.length; i += 2) out[String(raw[i]).toLowerCase()] = String(raw[i + 1]);
  else if (raw && typeof raw === 'object') for (const [k, v] of Object.entries(raw)) out[k.toLowerCase()] = String(v);
  return out;
}

/** Answers one matching request (path prefix, method) and records it. */
function answer(method: string, pathPrefix: string, statusCode: number, data: unknown = '', headers: Record<string, string> = json) {
  agent
    .get(origin)
    .intercept({ method, path: (p) => p.startsWith(pathPrefix) })
    .reply((opts) => {
      seen.push({
        method: opts.method,
        path: opts.path,
        headers: headersOf(opts.headers),
        body: typeof opts.body === 'string' ? JSON.parse(opts.body) : undefined,
      });
      return { statusCode, data: typeof data === 'string' ? data : JSON.stringify(data), responseOptions: { headers } };
    });
}

function failWithNetworkError(method: string, pathPrefix: string) {
  agent
    .get(origin)
    .intercept({ method, path: (p) => p.startsWith(pathPrefix) })
    .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
}


const healthy = { memory: { 'ok?': true, usage: 0.2 }, 'db-pool': {}, 'health-checks': { 'HikariPool-1.pool.ConnectivityCheck': { 'healthy?': true, message: null, error: null } } };
const unhealthy = { memory: { 'ok?': true, usage: 0.2 }, 'db-pool': {}, 'health-checks': { 'HikariPool-1.pool.ConnectivityCheck': { 'healthy?': false, message: 'Connection is not available', error: null } } };
const group = { id: 'g-1', name: 'Film MA', description: null, organization: 'local', org_id: null, users_count: 3 };
const pool = (n: number) => ({ id: `p-${n}`, name: `Pool ${n}`, shortname: `P${n}`, is_active: true, users_count: 1, index: n });

describe('request headers', () => {
  it('a GET sends exactly Accept: application/json and Authorization: Token, and no Content-Type', async () => {
    answer('GET', '/admin/groups/g-1', 200, group);
    await client().admin.group('g-1');
    expect(seen[0]?.headers['accept']).toBe('application/json');
    expect(seen[0]?.headers['authorization']).toBe(`Token ${token}`);
    expect(seen[0]?.headers['content-type']).toBeUndefined();
  });

  it('a write sends Content-Type: application/json with the JSON body, still with Token auth', async () => {
    answer('POST', '/admin/groups/', 201, group);
    await client().admin.createGroup({ name: 'Film MA', description: 'Master students' });
    expect(seen[0]?.path).toBe('/admin/groups/');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    expect(seen[0]?.headers['authorization']).toBe(`Token ${token}`);
    expect(seen[0]?.headers['authorization']).not.toMatch(/bearer/i);
    expect(seen[0]?.body).toEqual({ name: 'Film MA', description: 'Master students' });
  });

  it('a base URL with a path prefix is kept in front of every path', async () => {
    answer('GET', '/leihs/admin/groups/g-1', 200, group);
    await client({ baseUrl: `${origin}/leihs/` }).admin.group('g-1');
    expect(seen[0]?.path).toBe('/leihs/admin/groups/g-1');
  });
});

describe('retry policy', () => {
  it.each([502, 503, 504])('a GET answered %i is retried and then succeeds', async (status) => {
    answer('GET', '/admin/groups/g-1', status, 'Bad gateway', text);
    answer('GET', '/admin/groups/g-1', 200, group);
    const result = await client().admin.group('g-1');
    expect(result.name).toBe('Film MA');
    expect(seen).toHaveLength(2);
  });

  it('a GET is retried at most twice, then the 503 becomes unavailable', async () => {
    for (let i = 0; i < 4; i++) answer('GET', '/admin/groups/g-1', 503, '', text);
    const error = await caught(client().admin.group('g-1'));
    expect(seen).toHaveLength(3);
    expect(error.kind).toBe('unavailable');
    expect(error.status).toBe(503);
  });

  it('a GET is retried on a network error and gives network after the second retry', async () => {
    for (let i = 0; i < 4; i++) failWithNetworkError('GET', '/admin/groups/g-1');
    const error = await caught(client().admin.group('g-1'));
    expect(error.kind).toBe('network');
    expect(agent.pendingInterceptors()).toHaveLength(1);
  });

  it('a GET recovers when the network error is followed by an answer', async () => {
    failWithNetworkError('GET', '/admin/groups/g-1');
    answer('GET', '/admin/groups/g-1', 200, group);
    await expect(client().admin.group('g-1')).resolves.toMatchObject({ id: 'g-1' });
  });

  it('a POST is never retried, not on 503 and not on a network error', async () => {
    answer('POST', '/admin/groups/', 503, '', text);
    answer('POST', '/admin/groups/', 201, group);
    expect((await caught(client().admin.createGroup({ name: 'Film MA' }))).kind).toBe('unavailable');
    expect(seen).toHaveLength(1);

    agent.get(origin).cleanMocks();
    failWithNetworkError('POST', '/admin/groups/');
    answer('POST', '/admin/groups/', 201, group);
    expect((await caught(client().admin.createGroup({ name: 'Film MA' }))).kind).toBe('network');
    expect(agent.pendingInterceptors()).toHaveLength(1);
  });

  it('a GET answered 500 is not retried', async () => {
    answer('GET', '/admin/groups/g-1', 500, 'Unclassified error, see the server logs for details.', text);
    answer('GET', '/admin/groups/g-1', 200, group);
    expect((await caught(client().admin.group('g-1'))).kind).toBe('unavailable');
    expect(seen).toHaveLength(1);
  });

  it('retries: 0 turns retrying off', async () => {
    answer('GET', '/admin/groups/g-1', 502, '', text);
    answer('GET', '/admin/groups/g-1', 200, group);
    await caught(client({ retries: 0 }).admin.group('g-1'));
    expect(seen).toHaveLength(1);
  });
});

describe('leihs status codes', () => {
  it('900 on an ordinary request is unavailable/unhealthy and says so to the user', async () => {
    answer('GET', '/admin/inventory-pools/', 900, unhealthy);
    const error = await caught(collect(client().admin.pools()));
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'unhealthy', status: 900 });
    expect(describeLeihsError(error)).toBe(messages.leihs.unhealthy('admin'));
  });

  it('900 on /admin/status is an answer: unhealthy, with the failing health check', async () => {
    answer('GET', '/admin/status', 900, unhealthy);
    const health = await client().admin.status();
    expect(health.healthy).toBe(false);
    expect(health.status).toBe(900);
    expect(health.checks).toEqual([{ name: 'HikariPool-1.pool.ConnectivityCheck', healthy: false, message: 'Connection is not available' }]);
  });

  it('544 is no_route (wrong slash form)', async () => {
    answer('GET', '/admin/groups/g-1', 544, 'No handler for the route /admin/groups/g-1', text);
    const error = await caught(client().admin.group('g-1'));
    expect(error).toMatchObject({ kind: 'no_route', reason: 'wrong_route_form', status: 544 });
    expect(describeLeihsError(error)).toBe(messages.leihs.noRoute);
  });

  it('401 with the token message is a rejected token; 403 in admin is missing admin rights', async () => {
    answer('GET', '/my/auth-info', 401, 'Token authentication error: No valid API-Token / User combination found! Is the token present, not expired, and the user permitted to sign-in?', text);
    const expired = await caught(client().my.authInfo());
    expect(expired).toMatchObject({ kind: 'unauthorized', reason: 'token_rejected' });
    expect(describeLeihsError(expired)).toBe(messages.leihs.tokenRejected);

    answer('GET', '/admin/groups/', 403, 'Not authorized', text);
    const forbidden = await caught(collect(client().admin.groups()));
    expect(forbidden).toMatchObject({ kind: 'forbidden', service: 'admin' });
    expect(describeLeihsError(forbidden)).toBe(messages.leihs.forbiddenAdmin);
  });

  it('403 in inventory means the bot lacks a role in that pool', async () => {
    answer('GET', '/inventory/p-1/list/', 403, { status: 'failure', message: 'Forbidden' });
    const error = await caught(client().inventory.list('p-1', { search: 'tripod' }));
    expect(error).toMatchObject({ kind: 'forbidden', service: 'inventory', reason: 'no_pool_role' });
    expect(describeLeihsError(error)).toBe(messages.leihs.forbiddenPool);
  });

  it('409 is a conflict whose PostgreSQL text reaches neither the log message nor the user', async () => {
    const pg = 'ERROR: duplicate key value violates unique constraint "idx_groups_name_org"';
    answer('POST', '/admin/groups/', 409, pg, { 'content-type': 'application/octet-stream' });
    const error = await caught(client().admin.createGroup({ name: 'Film MA' }));
    expect(error.kind).toBe('conflict');
    expect(error.message).not.toContain('duplicate key');
    expect(describeLeihsError(error)).toBe(messages.leihs.conflict);
  });

  it('422 is invalid', async () => {
    answer('POST', '/admin/groups/', 422, 'The leihs-core organizations are protected/reserved!', text);
    expect((await caught(client().admin.createGroup({ name: 'x' }))).kind).toBe('invalid');
  });

  it('200 with an empty body where a group was expected is not_found', async () => {
    answer('GET', '/admin/groups/missing', 200, '', { 'content-type': 'application/octet-stream' });
    const error = await caught(client().admin.group('missing'));
    expect(error).toMatchObject({ kind: 'not_found', reason: 'empty_body', status: 200 });
    expect(describeLeihsError(error)).toBe(messages.leihs.notFound);
  });

  it('HTML with 200 where JSON was expected says LEIHS_URL points at the web app', async () => {
    answer('GET', '/admin/groups/g-1', 200, spaPage, html);
    const error = await caught(client().admin.group('g-1'));
    expect(error).toMatchObject({ kind: 'unexpected_response', reason: 'html_instead_of_json' });
    expect(error.message).not.toContain('<');
    expect(describeLeihsError(error)).toContain('LEIHS_URL');
  });

  it('HTML is recognised by its first characters even without a content type', async () => {
    answer('GET', '/my/auth-info', 200, `\n  ${spaPage}`, {});
    expect((await caught(client().my.authInfo())).reason).toBe('html_instead_of_json');
  });

  it('inventory coercion errors are invalid, the catch-all 404 is no_route, a missing item is not_found', async () => {
    answer('GET', '/inventory/p-1/items/', 404, { reason: 'Coercion-Error', detail: '…', 'coercion-type': 'schema', scope: 'request/query-params' });
    expect((await caught(client().inventory.items('p-1', { search: 'x' }))).kind).toBe('invalid');
    answer('GET', '/inventory/p-1/items/', 404, { error: 'Not Found' });
    expect((await caught(client().inventory.items('p-1'))).kind).toBe('no_route');
    answer('GET', '/inventory/p-1/items/i-9', 404, { error: 'Item not found' });
    expect((await caught(client().inventory.item('p-1', 'i-9'))).kind).toBe('not_found');
  });

  it('malformed JSON is an unexpected response, not a crash', async () => {
    answer('GET', '/admin/groups/g-1', 200, '{"id": "g-1", "name": ', json);
    expect((await caught(client().admin.group('g-1'))).reason).toBe('malformed_json');
  });
});

describe('response schemas', () => {
  it('a row missing a required field is unexpected_response naming that field', async () => {
    answer('GET', '/admin/inventory-pools/', 200, { 'inventory-pools': [pool(1), { id: 'p-2', is_active: true }] });
    const error = await caught(collect(client().admin.pools()));
    expect(error).toMatchObject({ kind: 'unexpected_response', reason: 'schema_mismatch', field: 'inventory-pools.1.name' });
    expect(describeLeihsError(error)).toBe(messages.leihs.unexpectedField('inventory-pools.1.name'));
  });

  it('unknown fields are kept, avatars may be data URLs, https URLs or null, dates are read leniently', async () => {
    answer('GET', '/admin/users/', 200, {
      meta: { organizations: ['local'] },
      users: [
        { id: 'u-1', email: 'anna.schmid@hdk.example', firstname: 'Anna', lastname: 'Schmid', img32_url: 'data:image/jpeg;base64,/9j/4AAQ', pools_count: 2 },
        { id: 'u-2', email: 'b@hdk.example', img32_url: 'https://cdn.example/a.jpg' },
        { id: 'u-3', email: 'c@hdk.example', img32_url: null },
      ],
    });
    const users = await collect(client().admin.users());
    expect(users.map((u) => u.img32_url)).toEqual(['data:image/jpeg;base64,/9j/4AAQ', 'https://cdn.example/a.jpg', null]);
    expect(users[0]?.['pools_count']).toBe(2);

    answer('GET', '/admin/users/u-1/api-tokens/', 200, {
      'user-api-tokens': [
        { id: 't-1', token_part: 'ABCDE', expires_at: '2027-01-31T12:00:00Z', created_at: '2026-01-31 12:00:00' },
        { id: 't-2', token_part: 'FGHIJ', expires_at: '2027-01-31T12:00:00.123+01:00', created_at: 'not a date' },
      ],
    });
    const tokens = await client().admin.userApiTokens('u-1');
    expect(tokens[0]?.expires_at?.toISOString()).toBe('2027-01-31T12:00:00.000Z');
    expect(tokens[0]?.created_at?.toISOString()).toBe('2026-01-31T12:00:00.000Z');
    expect(tokens[1]?.expires_at?.toISOString()).toBe('2027-01-31T11:00:00.123Z');
    expect(tokens[1]?.created_at).toBeNull();
  });
});

describe('paths', () => {
  it('user-supplied segments are encoded, never pasted', async () => {
    answer('GET', '/admin/users/', 200, { id: 'u-1', email: 'anna.schmid@hdk.example' });
    await client().admin.user('anna/../schmid?x=1');
    expect(seen[0]?.path).toBe('/admin/users/anna%2F..%2Fschmid%3Fx%3D1');
  });

  it('a dot segment is refused before anything is sent', async () => {
    const error = await caught(client().admin.group('..'));
    expect(error.kind).toBe('invalid');
    expect(seen).toHaveLength(0);
  });

  it('collections end in a slash and single resources do not', async () => {
    answer('GET', '/admin/groups/g-1/users/', 200, { users: [] });
    answer('PUT', '/admin/groups/g-1/users/u-1', 204, '', {});
    answer('DELETE', '/admin/groups/g-1', 204, '', {});
    await collect(client().admin.groupMembers('g-1'));
    await client().admin.addGroupMember('g-1', 'u-1');
    await client().admin.deleteGroup('g-1');
    expect(seen.map((s) => `${s.method} ${s.path.split('?')[0]}`)).toEqual([
      'GET /admin/groups/g-1/users/',
      'PUT /admin/groups/g-1/users/u-1',
      'DELETE /admin/groups/g-1',
    ]);
  });
});

describe('pagination', () => {
  it('admin pages start at 1, use per-page, and stop at a short page', async () => {
    answer('GET', '/admin/inventory-pools/', 200, { 'inventory-pools': [pool(1), pool(2)] });
    answer('GET', '/admin/inventory-pools/', 200, { 'inventory-pools': [pool(3)] });
    const pools = await collect(client().admin.pools({ perPage: 2 }));
    expect(pools.map((p) => p.id)).toEqual(['p-1', 'p-2', 'p-3']);
    expect(seen.map((s) => new URL(s.path, origin).searchParams.get('page'))).toEqual(['1', '2']);
    expect(seen.map((s) => new URL(s.path, origin).searchParams.get('per-page'))).toEqual(['2', '2']);
  });

  it('a page longer than asked (paging ignored) ends the walk instead of looping', async () => {
    answer('GET', '/admin/inventory-pools/', 200, { 'inventory-pools': [pool(1), pool(2), pool(3)] });
    answer('GET', '/admin/inventory-pools/', 200, { 'inventory-pools': [pool(1), pool(2), pool(3)] });
    expect(await collect(client().admin.pools({ perPage: 2 }))).toHaveLength(3);
    expect(seen).toHaveLength(1);
  });

  it('never sends page 0 and never more than 1000 per page', async () => {
    answer('GET', '/admin/groups/', 200, { groups: [] });
    await collect(client().admin.groups({ startPage: 0, perPage: 5000 }));
    const query = new URL(seen[0]?.path ?? '', origin).searchParams;
    expect(query.get('page')).toBe('1');
    expect(query.get('per-page')).toBe('1000');
  });

  it('the admin users list is only read in small pages', async () => {
    answer('GET', '/admin/users/', 200, { users: [] });
    await collect(client().admin.users({ perPage: 1000 }));
    expect(Number(new URL(seen[0]?.path ?? '', origin).searchParams.get('per-page'))).toBeLessThanOrEqual(100);
  });

  it('inventory always sends page and size (never page 0) and returns the totals', async () => {
    answer('GET', '/inventory/p-1/users/', 200, {
      data: [{ id: 'u-1', firstname: 'Anna', lastname: 'Schmid', login: 'anna', email: 'anna.schmid@hdk.example', account_enabled: true }],
      pagination: { total_rows: 41, total_pages: 5, page: 1, size: 10 },
    });
    const page = await client().inventory.users('p-1', { search: 'anna', page: 0, size: 10 });
    const query = new URL(seen[0]?.path ?? '', origin).searchParams;
    expect(query.get('page')).toBe('1');
    expect(query.get('size')).toBe('10');
    expect(query.get('search')).toBe('anna');
    expect(page.pagination.total_rows).toBe(41);
  });
});

describe('exports', () => {
  it('CSV and Excel are chosen by Accept and come back as bytes', async () => {
    answer('GET', '/inventory/p-1/list/', 200, 'id,product\nm-1,Manfrotto 055 Tripod\n', { 'content-type': 'text/csv; charset=utf-8' });
    const csv = await client().inventory.export('p-1', 'list', 'csv', { search: 'tripod' });
    expect(seen[0]?.headers['accept']).toBe('text/csv');
    expect(new URL(seen[0]?.path ?? '', origin).searchParams.get('search')).toBe('tripod');
    expect(csv.data.toString('utf8')).toContain('Manfrotto 055 Tripod');

    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    answer('GET', '/inventory/p-1/items/', 200, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]).toString('latin1'), { 'content-type': xlsx });
    const excel = await client().inventory.export('p-1', 'items', 'xlsx');
    expect(seen[1]?.headers['accept']).toBe(xlsx);
    expect(excel.contentType).toBe(xlsx);
    expect(excel.data.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('an export answered with JSON instead of the file is an unexpected response', async () => {
    answer('GET', '/inventory/p-1/list/', 200, { data: [] });
    expect((await caught(client().inventory.export('p-1', 'list', 'csv'))).kind).toBe('unexpected_response');
  });
});

describe('timeouts', () => {
  it('a server that never sends headers ends in a timeout, not a hang', async () => {
    const { createServer } = await import('node:http');
    const server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const real = createLeihsClient({ baseUrl: `http://127.0.0.1:${port}`, token, timeouts: { headersMs: 50 }, retries: 0 });
    try {
      const error = await caught(real.admin.group('g-1'));
      expect(error.kind).toBe('timeout');
      expect(describeLeihsError(error)).toBe(messages.leihs.timeout);
    } finally {
      await real.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a body that stalls ends in a timeout', async () => {
    const { createServer } = await import('node:http');
    const server = createServer((_req, res) => {
      res.writeHead(200, json);
      res.write('{"id": "g-1",'); // and then nothing
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const real = createLeihsClient({ baseUrl: `http://127.0.0.1:${port}`, token, timeouts: { bodyMs: 50 }, retries: 0 });
    try {
      expect((await caught(real.admin.group('g-1'))).kind).toBe('timeout');
    } finally {
      await real.close().catch(() => undefined);
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('inventory status and the probe', () => {
  it('a 503 on /inventory/status means inventory is not deployed, asked once', async () => {
    answer('GET', '/inventory/status', 503, 'Service Unavailable', text);
    answer('GET', '/inventory/status', 503, 'Service Unavailable', text);
    const error = await caught(client().inventory.status());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'inventory_not_deployed' });
    expect(describeLeihsError(error)).toBe(messages.leihs.inventoryNotDeployed);
    expect(seen).toHaveLength(1);
  });

  it('HTML on /inventory/status also means not deployed', async () => {
    answer('GET', '/inventory/status', 200, spaPage, html);
    expect((await caught(client().inventory.status())).reason).toBe('inventory_not_deployed');
  });

  it('the probe reports each service, the identity and the pools the token can search', async () => {
    answer('GET', '/admin/status', 200, healthy);
    answer('GET', '/my/status', 900, unhealthy);
    answer('GET', '/inventory/status', 503, '', text);
    answer('GET', '/my/auth-info', 200, {
      id: 'u-bot',
      email: 'leihs-bot@hdk.example',
      is_admin: true,
      scope_admin_read: true,
      scope_admin_write: true,
      'authentication-method': 'token',
      'access-rights': [
        { role: 'inventory_manager', inventory_pool_id: 'p-foto' },
        { role: 'customer', inventory_pool_id: 'p-film' },
        { role: 'group_manager', inventory_pool_id: 'p-audio' },
        { role: 'lending_manager', inventory_pool_id: 'p-foto' },
      ],
    });
    const probe = await probeLeihs(client());
    expect(probe.services.admin.state).toBe('up');
    expect(probe.services.admin.health?.checks[0]?.healthy).toBe(true);
    expect(probe.services.my.state).toBe('unhealthy');
    expect(probe.services.inventory.state).toBe('not_deployed');
    expect(probe.services.admin.ms).toBeGreaterThanOrEqual(0);
    expect(probe.identity?.email).toBe('leihs-bot@hdk.example');
    expect(probe.searchablePools).toEqual(['p-foto', 'p-audio']);
  });

  it('the probe reports an unreachable service and a rejected token without throwing', async () => {
    failWithNetworkError('GET', '/admin/status');
    answer('GET', '/my/status', 200, healthy);
    answer('GET', '/inventory/status', 200, healthy);
    answer('GET', '/my/auth-info', 401, 'Token authentication error: No valid API-Token / User combination found!', text);
    const probe = await probeLeihs(client());
    expect(probe.services.admin.state).toBe('unreachable');
    expect(probe.services.inventory.state).toBe('up');
    expect(probe.identity).toBeNull();
    expect(probe.identityError?.reason).toBe('token_rejected');
    expect(probe.searchablePools).toEqual([]);
  });
});

describe('the token stays secret', () => {
  it('no error message, stack, cause or user sentence contains the token', async () => {
    const errors: LeihsError[] = [];
    const c = client({ retries: 0 });
    answer('GET', '/my/auth-info', 401, `Token authentication error for ${token}`, text);
    errors.push(await caught(c.my.authInfo()));
    answer('GET', '/admin/groups/g-1', 200, `<html>${token}</html>`, html);
    errors.push(await caught(c.admin.group('g-1')));
    answer('POST', '/admin/groups/', 409, `ERROR: duplicate key ${token}`, text);
    errors.push(await caught(c.admin.createGroup({ name: 'Film MA' })));
    failWithNetworkError('GET', '/admin/groups/g-2');
    errors.push(await caught(c.admin.group('g-2')));
    answer('GET', '/admin/groups/g-3', 200, { id: 'g-3', [token]: token });
    errors.push(await caught(c.admin.group('g-3')));
    errors.push(await caught(c.admin.group('g-4'))); // no interceptor: MockAgent refuses
    expect(errors.map((e) => e.kind)).toEqual(['unauthorized', 'unexpected_response', 'conflict', 'network', 'unexpected_response', 'network']);
    for (const error of errors) {
      const cause = error.cause instanceof Error ? `${error.cause.message} ${error.cause.stack ?? ''}` : '';
      expect(`${error.message} ${error.stack ?? ''} ${cause} ${JSON.stringify(error)}`).not.toContain(token);
      expect(describeLeihsError(error)).not.toContain(token);
    }
  });

  it('a token that cannot be a header value is refused without echoing it', () => {
    expect(() => createLeihsClient({ baseUrl: origin, token: 'abc\r\nX-Evil: 1' })).toThrow(/token/);
    try {
      createLeihsClient({ baseUrl: origin, token: 'abc\r\nX-Evil: 1' });
    } catch (error) {
      expect(String(error)).not.toContain('X-Evil');
    }
  });
});

describe('describeLeihsError', () => {
  it('anything that is not a LeihsError gets the generic sentence', () => {
    expect(describeLeihsError(new Error('boom'))).toBe(messages.common.somethingWentWrong);
  });
});
