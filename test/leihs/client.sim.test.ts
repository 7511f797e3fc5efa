// The leihs client against the leihs simulator over loopback HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { collect, createLeihsClient, describeLeihsError, probeLeihs, type LeihsClient } from '../../src/leihs/index.js';
import { messages } from '../../src/messages/index.js';
import { startLeihsSimulator } from '../../src/sim/leihs/index.js';
import { caught } from './caught.js';

type Simulator = Awaited<ReturnType<typeof startLeihsSimulator>>;

let sim: Simulator;
let bot: LeihsClient;
const opened: LeihsClient[] = [];
const poolIds = new Map<string, string>(); // shortname → id

function clientFor(token: string): LeihsClient {
  const client = createLeihsClient({ baseUrl: sim.url, token, random: () => 0 });
  opened.push(client);
  return client;
}

function pool(shortname: string): string {
  const id = poolIds.get(shortname);
  if (!id) throw new Error(`no pool ${shortname} in the simulator`);
  return id;
}


beforeAll(async () => {
  sim = await startLeihsSimulator();
  bot = clientFor(sim.tokens.admin);
  for (const row of await collect(bot.admin.pools())) if (row.shortname) poolIds.set(row.shortname, row.id);
});

afterEach(() => {
  sim.faults.clear();
});

afterAll(async () => {
  await Promise.all(opened.map((c) => c.close()));
  await sim?.close();
});

describe('identity', () => {
  it('auth-info names the bot, its admin scopes and its role in every active pool', async () => {
    const info = await bot.my.authInfo();
    expect(info.email).toBe('leihs-bot@hdk.example');
    expect(info.is_admin).toBe(true);
    expect(info.scope_admin_write).toBe(true);
    const managed = info['access-rights'].filter((r) => r.role === 'inventory_manager').map((r) => r.inventory_pool_id);
    expect(managed.sort()).toEqual(['FOTO', 'FILM', 'AUDIO', 'WERK'].map(pool).sort());
  });

  it('an expired token is rejected with a sentence that says so', async () => {
    const error = await caught(clientFor(sim.tokens.expired).my.authInfo());
    expect(error).toMatchObject({ kind: 'unauthorized', reason: 'token_rejected', status: 401 });
    expect(describeLeihsError(error)).toBe(messages.leihs.tokenRejected);
  });

  it('the API tokens of the bot can be read (for expires_at)', async () => {
    const info = await bot.my.authInfo();
    const tokens = await bot.admin.userApiTokens(info.id);
    expect(tokens.length).toBeGreaterThan(0);
    expect(tokens.every((t) => t.expires_at instanceof Date)).toBe(true);
  });
});

describe('paging', () => {
  it('walking the pools two at a time finds the same pools as one big page, the inactive one included', async () => {
    const small = await collect(bot.admin.pools({ perPage: 2 }));
    const big = await collect(bot.admin.pools({ perPage: 1000 }));
    expect(small.map((p) => p.id)).toEqual(big.map((p) => p.id));
    expect(small.map((p) => p.shortname)).toEqual(expect.arrayContaining(['FOTO', 'FILM', 'AUDIO', 'WERK', 'ARCH']));
    expect(small.find((p) => p.shortname === 'ARCH')?.is_active).toBe(false);
  });

  it('walking the users in small pages reaches every enabled demo user once', async () => {
    const users = await collect(bot.admin.users({ perPage: 3 }));
    const emails = users.map((u) => u.email);
    expect(new Set(users.map((u) => u.id)).size).toBe(users.length);
    expect(emails).toEqual(expect.arrayContaining(['anna.schmid@hdk.example', 'marco.bernasconi@hdk.example']));
    expect(emails).not.toContain('peter.muster@hdk.example'); // disabled: hidden by default
  });

  it('a user is found by exact email, and the admin detail is read by id', async () => {
    const anna = await bot.admin.findUserByEmail('Anna.Schmid@hdk.example');
    expect(anna?.email).toBe('anna.schmid@hdk.example');
    const detail = await bot.admin.user(anna?.id ?? '');
    expect(detail.lastname).toBe('Schmid');
  });

  it('people search through inventory is paged with totals and carries no avatars', async () => {
    const page = await bot.inventory.users(pool('FOTO'), { search: 'anna', size: 5 });
    expect(page.pagination.total_rows).toBeGreaterThanOrEqual(1);
    expect(page.data.map((u) => u.email)).toContain('anna.schmid@hdk.example');
    expect(page.data[0]).not.toHaveProperty('img32_url');
  });
});

describe('groups', () => {
  it('create, add a member, list, remove, delete: the whole round trip', async () => {
    const created = await bot.admin.createGroup({ name: 'Film Students', description: 'created by a test' });
    expect(created.name).toBe('Film Students');
    const anna = await bot.admin.findUserByEmail('anna.schmid@hdk.example');
    if (!anna) throw new Error('anna is missing from the simulator');

    await bot.admin.addGroupMember(created.id, anna.id);
    await bot.admin.addGroupMember(created.id, anna.id); // idempotent
    expect((await collect(bot.admin.groupMembers(created.id))).map((m) => m.id)).toEqual([anna.id]);
    expect((await bot.admin.group(created.id)).users_count).toBe(1);

    await bot.admin.removeGroupMember(created.id, anna.id);
    expect(await collect(bot.admin.groupMembers(created.id))).toEqual([]);
    expect((await caught(bot.admin.removeGroupMember(created.id, anna.id))).kind).toBe('not_found');

    await bot.admin.deleteGroup(created.id);
    const gone = await caught(bot.admin.group(created.id));
    expect(gone).toMatchObject({ kind: 'not_found', reason: 'empty_body' });
  });

  it('a duplicate name in the same organization is a conflict, told without the PostgreSQL text', async () => {
    // "Sound Design" is in the default organization `local`, as a new group is ("Film MA" is in hdk.example).
    const error = await caught(bot.admin.createGroup({ name: 'Sound Design' }));
    expect(error).toMatchObject({ kind: 'conflict', status: 409 });
    expect(error.message).not.toMatch(/duplicate key|ERROR:/);
    expect(describeLeihsError(error)).toBe(messages.leihs.conflict);
  });

  it('groups can be searched by term', async () => {
    const rows = await collect(bot.admin.groups({ term: 'Old Group' }));
    expect(rows.map((g) => g.name)).toContain('Old Group');
  });
});

describe('permissions', () => {
  it('a customer gets 403 (never 401) from admin', async () => {
    const error = await caught(collect(clientFor(sim.tokens.customer).admin.groups()));
    expect(error).toMatchObject({ kind: 'forbidden', service: 'admin', status: 403 });
  });

  it('inventory answers 403 where the token has no role, and for an inactive pool', async () => {
    const marco = clientFor(sim.tokens.lendingManager);
    expect((await caught(marco.inventory.list(pool('FILM'), { search: 'tripod' }))).kind).toBe('forbidden');
    const archived = await caught(bot.inventory.list(pool('ARCH')));
    expect(archived).toMatchObject({ kind: 'forbidden', service: 'inventory', reason: 'no_pool_role' });
    expect(describeLeihsError(archived)).toBe(messages.leihs.forbiddenPool);
  });
});

describe('finding equipment', () => {
  it('tripods are found via list/ in Fotostudio and Filmpool, with quantities', async () => {
    for (const shortname of ['FOTO', 'FILM']) {
      const page = await bot.inventory.list(pool(shortname), { search: 'tripod', type: 'model', withItems: true, retired: false, size: 20 });
      expect(page.pagination.total_rows).toBeGreaterThan(0);
      expect(page.data.every((row) => /tripod/i.test(`${row.product ?? ''} ${row.name ?? ''}`))).toBe(true);
      expect(page.data.some((row) => (row.borrowable_quantity ?? 0) > 0)).toBe(true);
    }
  });

  it('INV-10042 is an overdue tripod lent to Anna', async () => {
    let found: { code: string; user?: string | null; end: string | null; poolId: string } | undefined;
    for (const shortname of ['FOTO', 'FILM']) {
      const page = await bot.inventory.items(pool(shortname), { search: 'INV-10042' });
      const row = page.data.find((r) => r.inventory_code === 'INV-10042');
      if (row) found = { code: row.inventory_code, user: row.reservation_user_name, end: row.reservation_end_date, poolId: pool(shortname) };
    }
    expect(found?.user).toMatch(/Anna/);
    expect(found?.end).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('items of a model can be filtered to the ones in stock, and an item read in detail', async () => {
    const list = await bot.inventory.list(pool('FOTO'), { search: 'tripod', type: 'model', size: 5 });
    const modelId = list.data[0]?.id ?? '';
    const items = await bot.inventory.items(pool('FOTO'), { modelId, inStock: true, retired: false });
    expect(items.data.every((i) => i.model_id === modelId)).toBe(true);
    const first = items.data[0];
    if (first) expect((await bot.inventory.item(pool('FOTO'), first.id)).inventory_code).toBe(first.inventory_code);
  });

  it('the inventory list exports as CSV when asked by Accept', async () => {
    const file = await bot.inventory.export(pool('FOTO'), 'list', 'csv', { search: 'tripod' });
    expect(file.contentType).toMatch(/^text\/csv/);
    expect(file.data.toString('utf8')).toMatch(/tripod/i);
  });
});

describe('every read method', () => {
  it('parses what leihs answers for pools, people, catalogue and settings', async () => {
    const foto = pool('FOTO');
    expect((await bot.admin.pool(foto)).name).toBe('Fotostudio');
    const managers = await collect(bot.admin.poolUsers(foto, { role: 'lending_manager' }));
    expect(managers.map((u) => u.email)).toContain('marco.bernasconi@hdk.example');
    expect(managers.every((u) => u.roles.lending_manager)).toBe(true);
    await collect(bot.admin.poolGroups(foto));
    await collect(bot.admin.poolDelegations(foto));
    expect((await collect(bot.admin.buildings())).length).toBeGreaterThan(0);
    expect((await collect(bot.admin.rooms())).length).toBeGreaterThan(0);
    expect((await collect(bot.admin.suppliers())).length).toBeGreaterThan(0);
    expect((await collect(bot.admin.inventoryFields())).length).toBeGreaterThan(0);
    expect((await collect(bot.admin.mailTemplates())).length).toBeGreaterThan(0);
    const tree = await bot.admin.categories();
    expect(tree.children.map((c) => c.name)).toContain('Foto');

    expect((await bot.inventory.categoryTree(foto)).children.length).toBeGreaterThan(0);
    expect((await bot.inventory.buildings(foto)).length).toBeGreaterThan(0);
    expect((await bot.inventory.rooms(foto)).length).toBeGreaterThan(0);
    await bot.inventory.templates(foto);
    await bot.inventory.suppliers(foto);
    await bot.inventory.entitlementGroups(foto);
    const models = await bot.inventory.models(foto, { search: 'tripod', size: 3 });
    const first = models.data[0];
    expect(first).toBeDefined();
    if (first) expect((await bot.inventory.model(foto, first.id)).id).toBe(first.id);
  });
});

describe('health', () => {
  it('every service is up and the probe lists the pools the bot can search', async () => {
    const probe = await probeLeihs(bot);
    expect([probe.services.admin.state, probe.services.my.state, probe.services.inventory.state]).toEqual(['up', 'up', 'up']);
    expect(probe.searchablePools.sort()).toEqual(['FOTO', 'FILM', 'AUDIO', 'WERK'].map(pool).sort());
  });

  it('status 900 from a fault is reported as unhealthy', async () => {
    sim.faults.add({ path: '/admin/status', unhealthy: true });
    const health = await bot.admin.status();
    expect(health).toMatchObject({ healthy: false, status: 900 });
    expect((await probeLeihs(bot)).services.admin.state).toBe('unhealthy');
  });

  it('inventory that is not deployed is told apart from one that is down', async () => {
    sim.faults.add({ path: '/inventory/*', notDeployed: true });
    const error = await caught(bot.inventory.status());
    expect(error).toMatchObject({ kind: 'unavailable', reason: 'inventory_not_deployed' });
    expect((await probeLeihs(bot)).services.inventory.state).toBe('not_deployed');
  });
});
