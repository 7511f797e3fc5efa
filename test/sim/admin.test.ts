import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { call, groupId, poolId, userId } from './helpers.js';

let sim: LeihsSimulator;
beforeAll(async () => {
  sim = await startLeihsSimulator();
});
afterAll(async () => {
  await sim.close();
});

const ANNA = 'anna.schmid@hdk.example';

describe('admin pagination', () => {
  it('answers page=0 with 409 and the PostgreSQL OFFSET message', async () => {
    const res = await call(sim, '/admin/users/?page=0', { token: sim.tokens.admin });
    expect(res.status).toBe(409);
    expect(res.text).toBe('ERROR: OFFSET must not be negative');
  });

  it('answers per-page outside 1..1000 or non-integer with 422 text', async () => {
    for (const perPage of ['0', '1001', 'abc', '2.5']) {
      const res = await call(sim, `/admin/groups/?per-page=${perPage}`, { token: sim.tokens.admin });
      expect(res.status, perPage).toBe(422);
      expect(res.text).toBe('The query parameter per-page must be present and set to an integer between 1 and 1000.');
    }
  });

  it('answers a negative page with 422 text', async () => {
    const res = await call(sim, '/admin/users/?page=-1', { token: sim.tokens.admin });
    expect(res.status).toBe(422);
    expect(res.text).toBe('The query parameter page must be present and set to a positive integer.');
  });

  it('pages users with absolute index and page-index, no totals, short last page', async () => {
    const page2 = (await call(sim, '/admin/users/?per-page=10&page=2', { token: sim.tokens.admin })).json<{ users: Record<string, unknown>[] }>();
    expect(page2.users).toHaveLength(10);
    expect(page2.users[0]).toMatchObject({ index: 11, 'page-index': 0 });
    expect(Object.keys(page2)).toEqual(['meta', 'users']);
    const all = (await call(sim, '/admin/users/?per-page=1000', { token: sim.tokens.admin })).json<{ users: unknown[] }>();
    expect(all.users.length).toBeLessThan(1000);
  });
});

describe('admin wrappers and rows', () => {
  it('wraps each list in its leihs key', async () => {
    const cases: [string, string][] = [
      ['/admin/users/', 'users'],
      ['/admin/groups/', 'groups'],
      ['/admin/inventory-pools/', 'inventory-pools'],
      ['/admin/buildings/', 'buildings'],
      ['/admin/rooms/', 'rooms'],
      ['/admin/suppliers/', 'suppliers'],
      [`/admin/users/${userId(sim, 'leihs-bot@hdk.example')}/api-tokens/`, 'user-api-tokens'],
      [`/admin/users/${userId(sim, ANNA)}/inventory-pools/`, 'user-inventory-pools'],
      [`/admin/groups/${groupId(sim, 'Film MA')}/inventory-pools-roles/`, 'inventory_pools_roles'],
      [`/admin/inventory-pools/${poolId(sim, 'FOTO')}/users/${userId(sim, ANNA)}/groups-roles/`, 'groups-roles'],
      ['/admin/mail-templates/', 'mail-templates'],
    ];
    for (const [path, key] of cases) {
      const res = await call(sim, path, { token: sim.tokens.admin });
      expect(res.status, path).toBe(200);
      expect(Array.isArray(res.json()[key]), path).toBe(true);
    }
  });

  it('keeps img32_url on every users row even when fields asks for other columns', async () => {
    const res = await call(sim, `/admin/users/?fields=${encodeURIComponent('["is_admin"]')}&per-page=50`, { token: sim.tokens.admin });
    const users = res.json<{ users: Record<string, unknown>[] }>().users;
    expect(users.every((u) => 'img32_url' in u && 'is_admin' in u)).toBe(true);
    expect(users.some((u) => String(u.img32_url).startsWith('data:image/jpeg;base64,'))).toBe(true);
    expect(users.some((u) => String(u.img32_url).startsWith('https://'))).toBe(true);
    expect(users.some((u) => u.img32_url === null)).toBe(true);
  });

  it('matches a term containing @ exactly on the email, case-insensitively', async () => {
    const exact = (await call(sim, '/admin/users/?term=Anna.Schmid@HDK.example', { token: sim.tokens.admin })).json<{ users: { email: string }[] }>();
    expect(exact.users.map((u) => u.email)).toEqual([ANNA]);
    const partial = (await call(sim, '/admin/users/?term=schmid@hdk', { token: sim.tokens.admin })).json<{ users: unknown[] }>();
    expect(partial.users).toEqual([]);
  });

  it('hides disabled accounts unless account_enabled=any', async () => {
    const term = 'peter.muster@hdk.example';
    expect((await call(sim, `/admin/users/?term=${term}`, { token: sim.tokens.admin })).json<{ users: unknown[] }>().users).toHaveLength(0);
    expect((await call(sim, `/admin/users/?term=${term}&account_enabled=any`, { token: sim.tokens.admin })).json<{ users: unknown[] }>().users).toHaveLength(1);
  });

  it('finds a user by id, email or login, and answers an unknown one with 404 User not found', async () => {
    for (const key of [userId(sim, ANNA), ANNA, 'anna.schmid']) {
      expect((await call(sim, `/admin/users/${key}`, { token: sim.tokens.admin })).json()).toMatchObject({ email: ANNA });
    }
    const missing = await call(sim, '/admin/users/nobody@elsewhere.example', { token: sim.tokens.admin });
    expect(missing.status).toBe(404);
    expect(missing.text).toBe('User not found');
  });

  it('answers a missing group, pool or building with 200 and an empty body', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/admin/groups/${missing}`, `/admin/inventory-pools/${missing}`, `/admin/buildings/${missing}`]) {
      const res = await call(sim, path, { token: sim.tokens.admin });
      expect(res.status, path).toBe(200);
      expect(res.text).toBe('');
    }
  });

  it('gives pool users 4-key role maps split into direct and group roles', async () => {
    const res = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FOTO')}/users/?term=${ANNA}`, { token: sim.tokens.admin });
    const [anna] = res.json<{ users: Record<string, unknown>[] }>().users;
    expect(anna).toMatchObject({
      roles: { customer: true, group_manager: false, lending_manager: false, inventory_manager: false },
      direct_roles: { customer: false, group_manager: false, lending_manager: false, inventory_manager: false },
      groups_roles: { customer: true, group_manager: false, lending_manager: false, inventory_manager: false },
      suspension: {},
    });
  });

  it('answers a non-hierarchical roles PUT with 422 and an empty body', async () => {
    const path = `/admin/inventory-pools/${poolId(sim, 'FOTO')}/users/${userId(sim, ANNA)}/roles`;
    const res = await call(sim, path, {
      method: 'PUT',
      token: sim.tokens.admin,
      body: { customer: false, group_manager: true, lending_manager: false, inventory_manager: false },
    });
    expect(res.status).toBe(422);
    expect(res.text).toBe('');
  });
});

describe('admin authorization', () => {
  const matrix: [string, keyof LeihsSimulator['tokens'], number][] = [
    ['/admin/groups/', 'admin', 200],
    ['/admin/groups/', 'lendingManager', 200],
    ['/admin/users/', 'lendingManager', 200],
    ['/admin/groups/', 'adminWithoutScopes', 403],
    ['/admin/groups/', 'inventoryManager', 200],
    ['/admin/groups/', 'groupManager', 403],
    ['/admin/groups/', 'customer', 403],
    ['/admin/inventory-pools/', 'lendingManager', 200],
    ['/admin/buildings/', 'lendingManager', 403],
    ['/admin/buildings/', 'admin', 200],
    ['/admin/categories/', 'inventoryManager', 403],
  ];
  it.each(matrix)('GET %s with the %s token → %i', async (path, token, status) => {
    const res = await call(sim, path, { token: sim.tokens[token] });
    expect(res.status).toBe(status);
    if (status === 403) expect(res.text).toBe('Not authorized');
  });

  it('lets a lending manager GET the pools list but not write to it', async () => {
    const res = await call(sim, '/admin/inventory-pools/', { method: 'POST', token: sim.tokens.lendingManager, body: { name: 'X' } });
    expect(res.status).toBe(403);
  });

  it('lets only the owner with admin scopes list their api tokens', async () => {
    const bot = userId(sim, 'leihs-bot@hdk.example');
    expect((await call(sim, `/admin/users/${bot}/api-tokens/`, { token: sim.tokens.admin })).status).toBe(200);
    expect((await call(sim, `/admin/users/${userId(sim, ANNA)}/api-tokens/`, { token: sim.tokens.admin })).status).toBe(403);
    const ruth = userId(sim, 'ruth.keller@hdk.example');
    expect((await call(sim, `/admin/users/${ruth}/api-tokens/`, { token: sim.tokens.adminWithoutScopes })).status).toBe(403);
  });

  it('shows the bot token expiring 300 days after start, without system-admin scopes in list rows', async () => {
    const bot = userId(sim, 'leihs-bot@hdk.example');
    const rows = (await call(sim, `/admin/users/${bot}/api-tokens/`, { token: sim.tokens.admin })).json<{ 'user-api-tokens': Record<string, unknown>[] }>()['user-api-tokens'];
    const row = rows.find((r) => r.token_part === sim.tokens.admin.slice(0, 5));
    expect(row).toBeDefined();
    expect(row).not.toHaveProperty('scope_system_admin_read');
    const days = (new Date(String(row?.expires_at)).getTime() - sim.data.startedAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(300);
  });

  it('creates a token with 200, a 32-char Base32 secret and token_part = its first 5', async () => {
    const bot = userId(sim, 'leihs-bot@hdk.example');
    const res = await call(sim, `/admin/users/${bot}/api-tokens/`, {
      method: 'POST',
      token: sim.tokens.admin,
      body: { description: 'slack bot', scope_read: true, scope_write: true, scope_admin_read: true, scope_admin_write: true },
    });
    expect(res.status).toBe(200);
    const created = res.json<{ token_secret: string; token_part: string; expires_at: string }>();
    expect(created.token_secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(created.token_part).toBe(created.token_secret.slice(0, 5));
    const days = (new Date(created.expires_at).getTime() - sim.now().getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(365);
    expect((await call(sim, '/my/auth-info', { token: created.token_secret })).status).toBe(200);
  });
});

describe('groups and membership', () => {
  it('creates with 201 and the row incl. searchable, patches with 200 detail, deletes with 204 then 404 text', async () => {
    const created = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: { name: 'Test Crew', description: 'd', bogus: 1 } });
    expect(created.status).toBe(201);
    const row = created.json<{ id: string }>();
    expect(row).toMatchObject({ name: 'Test Crew', searchable: 'Test Crew ' /* groups trigger: name, space, org_id */, organization: 'local' });
    expect(row).not.toHaveProperty('bogus');
    const patched = await call(sim, `/admin/groups/${row.id}`, { method: 'PATCH', token: sim.tokens.admin, body: { description: 'e' } });
    expect(patched.status).toBe(200);
    expect(patched.json()).toMatchObject({ description: 'e', users_count: 0, inventory_pools_roles_count: 0 });
    expect((await call(sim, `/admin/groups/${row.id}`, { method: 'DELETE', token: sim.tokens.admin })).status).toBe(204);
    const again = await call(sim, `/admin/groups/${row.id}`, { method: 'DELETE', token: sim.tokens.admin });
    expect(again.status).toBe(404);
    expect(again.text).toBe('To be deleted group not found.');
  });

  it('answers a duplicate group name with 409 PostgreSQL text and PUT on a group with 500', async () => {
    const dup = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: { name: 'Sound Design' } });
    expect(dup.status).toBe(409);
    expect(dup.text).toMatch(/^ERROR: duplicate key value violates unique constraint/);
    const put = await call(sim, `/admin/groups/${groupId(sim, 'Sound Design')}`, { method: 'PUT', token: sim.tokens.admin, body: { name: 'x' } });
    expect(put.status).toBe(500);
    expect(put.text).toBe('Unclassified error, see the server logs for details.');
  });

  it('has no "Film Students" group at start', async () => {
    const res = await call(sim, '/admin/groups/?term=Film%20Students', { token: sim.tokens.admin });
    expect(res.json<{ groups: unknown[] }>().groups).toEqual([]);
  });

  it('adds a member idempotently with 204, lists members by default, removes with 204 then 404', async () => {
    const group = groupId(sim, 'Old Group');
    const ruth = userId(sim, 'ruth.keller@hdk.example');
    for (let i = 0; i < 2; i++) {
      expect((await call(sim, `/admin/groups/${group}/users/${ruth}`, { method: 'PUT', token: sim.tokens.lendingManager })).status).toBe(204);
    }
    const members = (await call(sim, `/admin/groups/${group}/users/?per-page=1000`, { token: sim.tokens.admin })).json<{ users: { id: string; group_id: string }[] }>();
    expect(members.users.find((u) => u.id === ruth)?.group_id).toBe(group);
    expect((await call(sim, `/admin/groups/${group}/users/${ruth}`, { method: 'DELETE', token: sim.tokens.admin })).status).toBe(204);
    const again = await call(sim, `/admin/groups/${group}/users/${ruth}`, { method: 'DELETE', token: sim.tokens.admin });
    expect(again.status).toBe(404);
    expect(again.text).toBe('Remove group-user failed. It seems the user is not a member of the group.');
  });

  it('replaces members in a batch PUT and reports removed and added ids; other keys → 422', async () => {
    const group = groupId(sim, 'Werkstatt-Berechtigte');
    const before = [...(sim.data.groupMembers.get(group) ?? [])];
    const keep = before.slice(0, 2);
    const add = userId(sim, 'lena.huber@hdk.example');
    const res = await call(sim, `/admin/groups/${group}/users/`, { method: 'PUT', token: sim.tokens.admin, body: { ids: [...keep, add] } });
    expect(res.status).toBe(200);
    const result = res.json<{ 'removed-user-ids': string[]; 'added-user-ids': string[] }>();
    expect(result['added-user-ids']).toEqual([add]);
    expect(new Set(result['removed-user-ids'])).toEqual(new Set(before.slice(2)));
    const bad = await call(sim, `/admin/groups/${group}/users/`, { method: 'PUT', token: sim.tokens.admin, body: { ids: [], extra: 1 } });
    expect(bad.status).toBe(422);
  });

  it('rolls back a write that fails: a batch with an unknown user id leaves the members unchanged', async () => {
    const group = groupId(sim, 'Fotografie BA');
    const before = new Set(sim.data.groupMembers.get(group));
    const newcomer = userId(sim, 'ruth.keller@hdk.example');
    const res = await call(sim, `/admin/groups/${group}/users/`, {
      method: 'PUT',
      token: sim.tokens.admin,
      body: { ids: [newcomer, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(res.status).toBe(409);
    expect(res.text).toMatch(/violates foreign key constraint/);
    expect(new Set(sim.data.groupMembers.get(group))).toEqual(before);
    expect(sim.data.userGroups.get(newcomer)?.has(group) ?? false).toBe(false);
  });

  it('forbids a lending manager from setting org_id on a new group (leihs typo kept)', async () => {
    const res = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.lendingManager, body: { name: 'Y', org_id: 'Y' } });
    expect(res.status).toBe(403);
    expect(res.text).toBe('Forbitten to set the attribute :org_id');
  });

  it('answers malformed JSON with 400 text', async () => {
    const res = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: '{"name":' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('Malformed JSON in request body.');
  });
});
