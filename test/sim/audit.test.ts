/**
 * Differences between the simulator and leihs found by reading leihs's source (leihs-admin 6ce1fcc,
 * leihs-inventory 438398f, leihs-clj-shared 1a13b12, leihs_database e59dfa0); each test names the file that settled it.
 */
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
type Rows = Record<string, unknown>[];

describe('admin lists (adm:resources/*/main.clj)', () => {
  it('pages /admin/inventory-fields/ by per-page with index and page-index, rows {id, dynamic, active, data} by id', async () => {
    const res = await call(sim, '/admin/inventory-fields/?per-page=3&page=2', { token: sim.tokens.admin });
    const rows = res.json<{ 'inventory-fields': Rows }>()['inventory-fields'];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({ index: 4, 'page-index': 0 });
    expect(Object.keys(rows[0] ?? {}).sort()).toEqual(['active', 'data', 'dynamic', 'id', 'index', 'page-index']);
    const all = (await call(sim, '/admin/inventory-fields/?per-page=1000', { token: sim.tokens.admin })).json<{ 'inventory-fields': { id: string }[] }>();
    const ids = all['inventory-fields'].map((f) => f.id);
    expect(ids).toEqual([...ids].sort());
    const dynamic = (await call(sim, '/admin/inventory-fields/?dynamic=yes', { token: sim.tokens.admin })).json<{ 'inventory-fields': { dynamic: boolean }[] }>();
    expect(dynamic['inventory-fields'].length).toBeGreaterThan(0);
    expect(dynamic['inventory-fields'].every((f) => f.dynamic)).toBe(true);
  });

  it('lists mail templates by name then locale with created_at, updated_at and subject, filtered by language_locale', async () => {
    const res = await call(sim, '/admin/mail-templates/?language_locale=en-GB', { token: sim.tokens.admin });
    const rows = res.json<{ 'mail-templates': { name: string; language_locale: string }[] }>()['mail-templates'];
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.every((r) => r.language_locale === 'en-GB')).toBe(true);
    expect(rows.map((r) => r.name)).toEqual(rows.map((r) => r.name).sort());
    expect(rows[0]).toHaveProperty('subject');
    expect(rows[0]).toHaveProperty('created_at');
  });

  it('lists pool delegations (membership member by default) with the responsible user', async () => {
    const film = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FILM')}/delegations/`, { token: sim.tokens.admin });
    const rows = film.json<{ delegations: Rows }>().delegations;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ firstname: 'Filmprojekt BA 2026', member: true, users_count: 1, responsible_user: { email: 'marco.bernasconi@hdk.example' } });
    const foto = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FOTO')}/delegations/`, { token: sim.tokens.admin });
    expect(foto.json<{ delegations: Rows }>().delegations).toHaveLength(0);
    const bad = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FOTO')}/delegations/?membership=yes`, { token: sim.tokens.admin });
    expect(bad.status).toBe(500);
  });
});

describe('admin users list (adm:resources/users/main.clj, users/shared.cljc)', () => {
  it('never lists delegations, not even for their exact email', async () => {
    const all = (await call(sim, '/admin/users/?per-page=1000&account_enabled=any', { token: sim.tokens.admin })).json<{ users: { email: string }[] }>();
    expect(all.users.some((u) => u.email === 'filmprojekt.ba@hdk.example')).toBe(false);
    const exact = (await call(sim, '/admin/users/?term=filmprojekt.ba@hdk.example', { token: sim.tokens.admin })).json<{ users: unknown[] }>();
    expect(exact.users).toEqual([]);
  });

  it('matches an @ term exactly on the secondary email too', async () => {
    const res = (await call(sim, '/admin/users/?term=R.Keller@zhdk.example', { token: sim.tokens.admin })).json<{ users: { email: string }[] }>();
    expect(res.users.map((u) => u.email)).toEqual(['ruth.keller@hdk.example']);
  });

  it('answers an account_enabled or admin value its case does not name with 500', async () => {
    for (const query of ['account_enabled=maybe', 'admin=root']) {
      const res = await call(sim, `/admin/users/?${query}`, { token: sim.tokens.admin });
      expect(res.status, query).toBe(500);
      expect(res.text).toBe('Unclassified error, see the server logs for details.');
    }
  });

  it('adds fields from the full allowed set (city, zip) but ignores a comma list, which is not JSON', async () => {
    const added = (await call(sim, `/admin/users/?fields=${encodeURIComponent('["city","zip"]')}`, { token: sim.tokens.admin })).json<{ users: Rows }>();
    expect(added.users.every((u) => 'city' in u && 'zip' in u && 'img32_url' in u)).toBe(true);
    const comma = (await call(sim, '/admin/users/?fields=city,zip', { token: sim.tokens.admin })).json<{ users: Rows }>();
    expect(comma.users.some((u) => 'city' in u)).toBe(false);
    const repeated = (await call(sim, '/admin/users/?fields=city&fields=is_admin', { token: sim.tokens.admin })).json<{ users: Rows }>();
    expect(repeated.users.every((u) => 'city' in u && 'is_admin' in u)).toBe(true);
  });
});

describe('group members and pool users (groups/group/users/main.clj, inventory_pool/users/main.clj)', () => {
  it('takes membership any, yes or member; any other value is a 500', async () => {
    const path = `/admin/groups/${groupId(sim, 'Film MA')}/users/`;
    const any = (await call(sim, `${path}?membership=any&per-page=1000`, { token: sim.tokens.admin })).json<{ users: { group_id: string | null }[] }>();
    expect(any.users.some((u) => u.group_id === null)).toBe(true);
    const member = (await call(sim, `${path}?membership=member`, { token: sim.tokens.admin })).json<{ users: { group_id: string | null }[] }>();
    expect(member.users.every((u) => u.group_id !== null)).toBe(true);
    expect((await call(sim, `${path}?membership=no`, { token: sim.tokens.admin })).status).toBe(500);
  });

  it('answers 500 for the members of a group that does not exist (normalized-group-id! asserts)', async () => {
    const res = await call(sim, '/admin/groups/00000000-0000-4000-8000-000000000000/users/', { token: sim.tokens.admin });
    expect(res.status).toBe(500);
  });

  it('answers 404 "Group not found" when adding a member to a missing group', async () => {
    const res = await call(sim, `/admin/groups/00000000-0000-4000-8000-000000000000/users/${userId(sim, ANNA)}`, { method: 'PUT', token: sim.tokens.admin });
    expect(res.status).toBe(404);
    expect(res.text).toBe('Group not found');
  });

  it('batch PUT names extra keys in its 422 and treats a body without ids as "no members"', async () => {
    const created = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: { name: 'Audit Batch' } });
    const id = created.json<{ id: string }>().id;
    const extra = await call(sim, `/admin/groups/${id}/users/`, { method: 'PUT', token: sim.tokens.admin, body: { ids: [], foo: 1 } });
    expect(extra.status).toBe(422);
    expect(extra.text).toBe('Batch uptdate only supports the ids key, given: #{:foo}');
    await call(sim, `/admin/groups/${id}/users/${userId(sim, ANNA)}`, { method: 'PUT', token: sim.tokens.admin });
    const cleared = await call(sim, `/admin/groups/${id}/users/`, { method: 'PUT', token: sim.tokens.admin, body: {} });
    expect(cleared.status).toBe(200);
    expect(cleared.json()).toEqual({ 'removed-user-ids': [userId(sim, ANNA)], 'added-user-ids': [] });
  });

  it('answers 500 for a pool users role it does not know and for a pool that does not exist', async () => {
    const bad = await call(sim, `/admin/inventory-pools/${poolId(sim, 'FOTO')}/users/?role=owner`, { token: sim.tokens.admin });
    expect(bad.status).toBe(500);
    const missing = await call(sim, '/admin/inventory-pools/00000000-0000-4000-8000-000000000000/users/', { token: sim.tokens.admin });
    expect(missing.status).toBe(500);
  });

  it('lets a token owner list their own tokens only by UUID, not by email (own-user-admin-scopes?)', async () => {
    const byId = await call(sim, `/admin/users/${userId(sim, 'leihs-bot@hdk.example')}/api-tokens/`, { token: sim.tokens.admin });
    expect(byId.status).toBe(200);
    const byEmail = await call(sim, '/admin/users/leihs-bot@hdk.example/api-tokens/', { token: sim.tokens.admin });
    expect(byEmail.status).toBe(403);
  });
});

describe('admin middleware (adm:src/leihs/admin/routes.clj init, shared ring_exception.clj)', () => {
  it('answers 555 naming the handler key for SPA-only paths requested as JSON', async () => {
    const res = await call(sim, '/admin/groups/create', { token: sim.tokens.admin });
    expect(res.status).toBe(555);
    expect(res.text).toBe('No authorizers for the handler :group-create are defined! This is most likely a programming error.');
    expect((await call(sim, `/admin/groups/${groupId(sim, 'Film MA')}/edit`, { token: sim.tokens.admin })).status).toBe(555);
    expect((await call(sim, '/admin/groups/create', { accept: 'text/html' })).status).toBe(200);
  });

  it('answers a PATCH on a missing building or room with 406 and patches an existing one with 204', async () => {
    for (const kind of ['buildings', 'rooms']) {
      const res = await call(sim, `/admin/${kind}/00000000-0000-4000-8000-000000000000`, { method: 'PATCH', token: sim.tokens.admin, body: { name: 'x' } });
      expect(res.status, kind).toBe(406);
      expect(res.text).toBe('This resource does not provide a json response.');
    }
    const building = sim.data.buildings[1];
    const ok = await call(sim, `/admin/buildings/${building?.id ?? ''}`, { method: 'PATCH', token: sim.tokens.admin, body: { code: building?.code ?? null } });
    expect(ok.status).toBe(204);
  });

  it('rejects malformed JSON with 400 before authentication and routing', async () => {
    const res = await call(sim, '/admin/groups', { method: 'POST', body: '{"name":', contentType: 'application/json' });
    expect(res.status).toBe(400);
    expect(res.text).toBe('Malformed JSON in request body.');
  });

  it('answers a write without Content-Type with 500 (the body stays unread)', async () => {
    const res = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: '{"name":"No Type"}', contentType: 'text/plain' });
    expect(res.status).toBe(500);
  });

  it('sends Vary: Accept and a Content-Type on handler replies, neither on exception replies; PG errors carry no Content-Type', async () => {
    const ok = await call(sim, '/admin/groups/', { token: sim.tokens.admin });
    expect(ok.headers.vary).toBe('Accept');
    expect(ok.headers['content-type']).toBe('application/json; charset=utf-8');
    const noRoute = await call(sim, '/admin/groups', { token: sim.tokens.admin });
    expect(noRoute.status).toBe(544);
    expect(noRoute.headers.vary).toBeUndefined();
    expect(noRoute.headers['content-type']).toBe('text/plain');
    const pg = await call(sim, '/admin/users/?page=0', { token: sim.tokens.admin });
    expect(pg.status).toBe(409);
    expect(pg.headers['content-type']).toBeUndefined();
    expect(pg.headers.vary).toBeUndefined();
    const token401 = await call(sim, '/admin/groups/', { token: 'NOTATOKEN' });
    expect(token401.status).toBe(401);
    expect(token401.headers['content-type']).toBe('application/octet-stream');
    expect(token401.headers.vary).toBe('Accept');
  });

  it('labels a 204 application/octet-stream (ring wrap-content-type)', async () => {
    const created = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: { name: 'Audit 204' } });
    const res = await call(sim, `/admin/groups/${created.json<{ id: string }>().id}`, { method: 'DELETE', token: sim.tokens.admin });
    expect(res.status).toBe(204);
    expect(res.headers['content-type']).toBe('application/octet-stream');
  });

  it('writes group searchable as the trigger does: name, a space, org_id', async () => {
    const created = await call(sim, '/admin/groups/', { method: 'POST', token: sim.tokens.admin, body: { name: 'Audit Searchable' } });
    expect(created.json()).toMatchObject({ searchable: 'Audit Searchable ' });
  });
});

describe('inventory (inv:resources/pool/items, list, buildings, rooms, users)', () => {
  const base = () => `/inventory/${poolId(sim, 'FOTO')}`;
  type ItemRow = { id: string; parent_id: string | null; reservation_user_id: string | null; owner_id: string; inventory_pool_id: string; package_items: unknown };

  it('keeps in_stock=false to top-level items that are lent out', async () => {
    const rows = (await call(sim, `${base()}/items/?in_stock=false`, { token: sim.tokens.admin })).json<ItemRow[]>();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.parent_id === null && r.reservation_user_id !== null)).toBe(true);
  });

  it('filters inventory_pool_id on owner or responsible pool', async () => {
    const foto = poolId(sim, 'FOTO');
    const rows = (await call(sim, `${base()}/items/?inventory_pool_id=${foto}`, { token: sim.tokens.admin })).json<ItemRow[]>();
    expect(rows.some((r) => r.owner_id === foto && r.inventory_pool_id !== foto)).toBe(sim.data.items.some((i) => i.owner_id === foto && i.inventory_pool_id !== foto));
    expect(rows.every((r) => r.owner_id === foto || r.inventory_pool_id === foto)).toBe(true);
  });

  it('counts children in package_items (a number, never null)', async () => {
    const rows = (await call(sim, `${base()}/items/?size=5`, { token: sim.tokens.admin })).json<{ data: ItemRow[] }>().data;
    expect(rows.every((r) => typeof r.package_items === 'number')).toBe(true);
  });

  it('lists every model in list/ without with_items even when an item filter matches none of its items', async () => {
    const plain = (await call(sim, `${base()}/list/`, { token: sim.tokens.admin })).json<{ id: string }[]>();
    const filtered = (await call(sim, `${base()}/list/?retired=true`, { token: sim.tokens.admin })).json<{ id: string; items_quantity: number }[]>();
    expect(filtered.map((r) => r.id)).toEqual(plain.map((r) => r.id));
    expect(filtered.some((r) => r.items_quantity === 0)).toBe(true);
  });

  it('includes models of descendant categories for category_id', async () => {
    const foto = sim.data.categories.find((c) => c.name === 'Foto' && c.parents.length === 0);
    expect(foto).toBeDefined();
    const rows = (await call(sim, `${base()}/list/?category_id=${foto?.id ?? ''}&with_items=true`, { token: sim.tokens.admin })).json<{ name: string }[]>();
    expect(rows.some((r) => r.name.includes('Tripod'))).toBe(true);
  });

  it('answers buildings/ and rooms/ as a bare array with Count even when page or size is given', async () => {
    for (const what of ['buildings', 'rooms']) {
      const res = await call(sim, `${base()}/${what}/?page=1&size=1`, { token: sim.tokens.admin });
      const rows = res.json<unknown[]>();
      expect(Array.isArray(rows), what).toBe(true);
      expect(res.headers.count).toBe(String(rows.length));
      expect(rows.length).toBeGreaterThan(1);
    }
  });

  it('names the items export items.csv', async () => {
    const res = await call(sim, `${base()}/items/`, { token: sim.tokens.admin, accept: 'text/csv' });
    expect(res.headers['content-disposition']).toContain('filename="items.csv"');
  });

  it('shows users searchable as the trigger writes it and matches "lastname firstname"', async () => {
    const res = (await call(sim, `${base()}/users/?search=Schmid Anna`, { token: sim.tokens.admin })).json<{ email: string; searchable: string }[]>();
    expect(res.map((u) => u.email)).toContain(ANNA);
    expect(res.find((u) => u.email === ANNA)?.searchable).toBe('Anna Schmid anna.schmid@hdk.example anna.schmid  Schmid Anna'.replace('  ', ` ${sim.data.index.userByEmail.get(ANNA)?.badge_id ?? ''}  `));
  });
});

describe('determinism', () => {
  it('gives byte-identical answers for the same seed and clock', async () => {
    const now = () => new Date('2026-03-02T09:00:00Z');
    const [a, b] = await Promise.all([startLeihsSimulator({ seed: 7, now }), startLeihsSimulator({ seed: 7, now })]);
    try {
      const paths = [
        '/admin/users/?per-page=1000',
        '/admin/groups/',
        '/admin/inventory-pools/',
        `/inventory/${poolId(a, 'FILM')}/items/`,
        `/inventory/${poolId(a, 'FILM')}/list/`,
        '/my/auth-info',
      ];
      for (const path of paths) {
        const [ra, rb] = await Promise.all([call(a, path, { token: a.tokens.admin }), call(b, path, { token: b.tokens.admin })]);
        expect(ra.status, path).toBe(200);
        expect(ra.text === rb.text, path).toBe(true);
      }
      const write = { method: 'POST', body: { name: 'Same' } } as const;
      const [wa, wb] = await Promise.all([call(a, '/admin/groups/', { ...write, token: a.tokens.admin }), call(b, '/admin/groups/', { ...write, token: b.tokens.admin })]);
      expect(wa.text).toBe(wb.text);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
