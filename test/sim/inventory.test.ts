import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLeihsSimulator, type LeihsSimulator } from '../../src/sim/leihs/index.js';
import { call, poolId } from './helpers.js';

let sim: LeihsSimulator;
let foto: string;
let film: string;
let audio: string;
beforeAll(async () => {
  sim = await startLeihsSimulator();
  foto = poolId(sim, 'FOTO');
  film = poolId(sim, 'FILM');
  audio = poolId(sim, 'AUDIO');
});
afterAll(async () => {
  await sim.close();
});

type Row = Record<string, unknown>;

describe('inventory pagination', () => {
  it('returns a bare array without page or size', async () => {
    const res = await call(sim, `/inventory/${foto}/models/`, { token: sim.tokens.admin });
    expect(Array.isArray(res.json())).toBe(true);
  });

  it('wraps in {data, pagination} with page or size; only page → size 10; size ≤ 0 → 25; page ≤ 0 → 1', async () => {
    const onlyPage = (await call(sim, `/inventory/${foto}/models/?page=1`, { token: sim.tokens.admin })).json<{ data: Row[]; pagination: Row }>();
    expect(onlyPage.data).toHaveLength(10);
    expect(onlyPage.pagination).toMatchObject({ page: 1, size: 10 });
    const total = Number(onlyPage.pagination.total_rows);
    expect(onlyPage.pagination.total_pages).toBe(Math.ceil(total / 10));
    const odd = (await call(sim, `/inventory/${foto}/models/?page=0&size=0`, { token: sim.tokens.admin })).json<{ pagination: Row }>();
    expect(odd.pagination).toMatchObject({ page: 1, size: 25 });
  });

  it('answers a non-integer page with 404 Coercion-Error JSON', async () => {
    const res = await call(sim, `/inventory/${foto}/models/?page=abc`, { token: sim.tokens.admin });
    expect(res.status).toBe(404);
    expect(res.json()).toMatchObject({ reason: 'Coercion-Error', scope: 'request/query-params' });
  });
});

describe('inventory roles', () => {
  const matrix: [string, keyof LeihsSimulator['tokens'], string, number][] = [
    ['list/', 'admin', 'FOTO', 200],
    ['list/', 'lendingManager', 'FOTO', 200],
    ['list/', 'lendingManager', 'FILM', 403],
    ['models/', 'inventoryManager', 'FILM', 200],
    ['list/', 'groupManager', 'AUDIO', 200],
    ['items/', 'groupManager', 'AUDIO', 200],
    ['category-tree/', 'groupManager', 'AUDIO', 200],
    ['inventory-pools/', 'groupManager', 'AUDIO', 200],
    ['models/', 'groupManager', 'AUDIO', 403],
    ['templates/', 'groupManager', 'AUDIO', 403],
    ['list/', 'customer', 'FOTO', 403],
    ['list/', 'adminWithoutScopes', 'FOTO', 403],
    ['list/', 'admin', 'ARCH', 403],
  ];
  it.each(matrix)('GET {pool}/%s with the %s token in %s → %i', async (route, token, pool, status) => {
    const res = await call(sim, `/inventory/${poolId(sim, pool)}/${route}`, { token: sim.tokens[token] });
    expect(res.status).toBe(status);
    if (status === 403) expect(res.json()).toEqual({ status: 'failure', message: 'Forbidden' });
  });

  it('answers an unknown pool with 403 JSON and a non-uuid pool with 404 Coercion-Error', async () => {
    expect((await call(sim, '/inventory/00000000-0000-4000-8000-000000000000/list/', { token: sim.tokens.admin })).status).toBe(403);
    const bad = await call(sim, '/inventory/FOTO/list/', { token: sim.tokens.admin });
    expect(bad.status).toBe(404);
    expect(bad.json()).toMatchObject({ reason: 'Coercion-Error' });
  });

  it('answers an unsafe request without auth with 403 (CSRF before auth)', async () => {
    const res = await call(sim, '/inventory/token/', { method: 'POST', body: { description: 'x' } });
    expect(res.status).toBe(403);
  });
});

describe('inventory content negotiation (Corrections 1 and 2)', () => {
  it('serves the SPA to */* even unauthenticated', async () => {
    const res = await call(sim, `/inventory/${foto}/list/`, { accept: '*/*' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
  });

  it('answers an unknown route: JSON 404 for json/csv, text 404 for images, 406 for xml', async () => {
    const path = `/inventory/${foto}/nothing-here/`;
    expect((await call(sim, path, { token: sim.tokens.admin })).json()).toEqual({ error: 'Not Found' });
    expect((await call(sim, path, { token: sim.tokens.admin, accept: 'text/csv' })).json()).toEqual({ error: 'Not Found' });
    const image = await call(sim, path, { token: sim.tokens.admin, accept: 'image/png' });
    expect([image.status, image.text]).toEqual([404, 'Not Found']);
    const xml = await call(sim, path, { token: sim.tokens.admin, accept: 'application/xml' });
    expect([xml.status, xml.text]).toEqual([406, 'Not Acceptable']);
  });

  it('answers an image-only Accept with 401 JSON unauthenticated and 406 authenticated', async () => {
    const path = `/inventory/${foto}/models/`;
    const anon = await call(sim, path, { accept: 'image/jpeg' });
    expect(anon.status).toBe(401);
    expect(anon.json()).toEqual({ status: 'failure', message: 'Not authenticated' });
    expect((await call(sim, path, { accept: 'image/jpeg', token: sim.tokens.admin })).status).toBe(406);
  });
});

describe('inventory data', () => {
  it('lists every model in list/, also those with no item in the pool (quantities 0)', async () => {
    const rows = (await call(sim, `/inventory/${audio}/list/`, { token: sim.tokens.admin })).json<Row[]>();
    expect(rows.length).toBe(sim.data.models.length);
    const tripod = rows.find((r) => r.name === 'Gitzo Mountaineer Tripod');
    expect(tripod).toMatchObject({ borrowable_quantity: 0, in_stock_quantity: 0, items_quantity: 0 });
  });

  it('computes borrowable and in-stock quantities per the reference (§11)', async () => {
    const rows = (await call(sim, `/inventory/${foto}/list/?search=manfrotto%20055&type=model&with_items=true`, { token: sim.tokens.admin })).json<Row[]>();
    const model = rows.find((r) => r.name === 'Manfrotto 055 Tripod');
    const items = sim.data.items.filter((i) => i.model_id === model?.id && i.inventory_pool_id === foto && i.is_borrowable && !i.retired);
    expect(model?.borrowable_quantity).toBe(items.length);
    expect(model?.in_stock_quantity).toBe(items.filter((i) => !i.reservation).length);
    expect(Number(model?.borrowable_quantity)).toBeGreaterThan(Number(model?.in_stock_quantity));
  });

  it('has at least one tripod model in stock in two pools', async () => {
    const inStock = async (pool: string) =>
      (await call(sim, `/inventory/${pool}/list/?search=tripod`, { token: sim.tokens.admin }))
        .json<Row[]>()
        .filter((r) => Number(r.in_stock_quantity) > 0)
        .map((r) => r.name);
    const [a, b] = [await inStock(foto), await inStock(film)];
    expect(a.filter((name) => b.includes(name)).length).toBeGreaterThan(0);
  });

  it('shows INV-10042 as a Fotostudio tripod lent to Anna Schmid, due two days before start', async () => {
    const [item] = (await call(sim, `/inventory/${foto}/items/?search=INV-10042`, { token: sim.tokens.admin })).json<Row[]>();
    expect(item).toMatchObject({
      inventory_code: 'INV-10042',
      model_name: 'Manfrotto 055 Tripod',
      inventory_pool_id: foto,
      reservation_user_name: 'Anna Schmid',
      retired: false,
    });
    const due = new Date(`${String(item?.reservation_end_date)}T00:00:00Z`).getTime();
    const start = new Date(sim.data.startedAt.toISOString().slice(0, 10) + 'T00:00:00Z').getTime();
    expect((start - due) / 86_400_000).toBe(2);
    expect(item).toHaveProperty('building_name');
    expect(item).toHaveProperty('shelf');
  });

  it('filters items by model, in_stock and borrowable, and rejects unknown params with 404 Coercion-Error', async () => {
    const model = sim.data.models.find((m) => m.name === 'Manfrotto 055 Tripod');
    const rows = (await call(sim, `/inventory/${foto}/items/?model_id=${model?.id}&in_stock=true&borrowable=true&retired=false`, { token: sim.tokens.admin })).json<Row[]>();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.model_id === model?.id && r.reservation_user_name === null && r.is_borrowable === true)).toBe(true);
    const bad = await call(sim, `/inventory/${foto}/items/?colour=red`, { token: sim.tokens.admin });
    expect(bad.status).toBe(404);
    expect(bad.json()).toMatchObject({ reason: 'Coercion-Error' });
  });

  it('answers a missing item and model with their own 404 bodies', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await call(sim, `/inventory/${foto}/items/${missing}`, { token: sim.tokens.admin })).json()).toEqual({ error: 'Item not found' });
    expect((await call(sim, `/inventory/${foto}/models/${missing}`, { token: sim.tokens.admin })).json()).toEqual({ status: 'failure', message: 'No entry found' });
  });

  it('searches models with all words ILIKE on the name', async () => {
    const rows = (await call(sim, `/inventory/${foto}/models/?search=tripod%20manfrotto`, { token: sim.tokens.admin })).json<Row[]>();
    expect(rows.map((r) => r.name).sort()).toEqual(['Manfrotto 055 Tripod', 'Manfrotto Befree Tripod']);
  });

  it('exports list/ as CSV for Accept text/csv', async () => {
    const res = await call(sim, `/inventory/${foto}/list/?search=tripod`, { token: sim.tokens.admin, accept: 'text/csv' });
    expect(res.headers['content-type']).toBe('text/csv');
    expect(res.text.split('\n')[0]).toMatch(/^id,type,/);
    expect(res.text).toContain('Manfrotto 055 Tripod');
  });

  it('orders users/ as leihs does: by lastname, firstname, id', async () => {
    const rows = (await call(sim, `/inventory/${foto}/users/`, { token: sim.tokens.lendingManager })).json<Row[]>();
    const keys = rows.map((r) => [String(r.lastname), String(r.firstname), String(r.id)] as const);
    const sorted = [...keys].sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]) || (a[2] < b[2] ? -1 : 1));
    expect(keys).toEqual(sorted);
    expect(rows.length).toBeGreaterThan(10);
  });

  it('lists all users without avatars in users/ (Corrections 7)', async () => {
    const res = await call(sim, `/inventory/${foto}/users/?search=schmid&page=1&size=5`, { token: sim.tokens.lendingManager });
    const body = res.json<{ data: Row[]; pagination: Row }>();
    expect(Object.keys(body.data[0] ?? {}).sort()).toEqual(['account_enabled', 'email', 'firstname', 'id', 'lastname', 'login', 'searchable']);
    expect(body.data.some((u) => u.email === 'anna.schmid@hdk.example')).toBe(true);
  });

  it('needs target_type on fields/', async () => {
    expect((await call(sim, `/inventory/${foto}/fields/`, { token: sim.tokens.admin })).status).toBe(404);
    expect((await call(sim, `/inventory/${foto}/fields/?target_type=item`, { token: sim.tokens.admin })).status).toBe(200);
  });

  it('sends a Count header with buildings/ and rooms/', async () => {
    const res = await call(sim, `/inventory/${foto}/buildings/`, { token: sim.tokens.admin });
    expect(res.headers.count).toBe(String(res.json<Row[]>().length));
  });

  it('lists a category under two parents in the tree', async () => {
    const tree = (await call(sim, `/inventory/${foto}/category-tree/`, { token: sim.tokens.admin })).json<{ children: { name: string; children: { category_id: string }[] }[] }>();
    const ids = tree.children.flatMap((c) => c.children.map((k) => k.category_id));
    expect(ids.length).toBeGreaterThan(new Set(ids).size);
  });

  it('returns pools and roles for the token user from /inventory/profile/', async () => {
    const profile = (await call(sim, '/inventory/profile/', { token: sim.tokens.lendingManager })).json<{ available_inventory_pools: Row[] }>();
    expect(profile.available_inventory_pools).toEqual([expect.objectContaining({ id: foto, permission: 'edit' })]);
  });
});
