import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { LeihsError } from '../../src/leihs/errors.js';
import { createLeihsCatalog } from '../../src/services/catalog.js';
import { describeModel, findEquipment, findItem, ITEM_SEARCH_PAGES, ITEM_SEARCH_ROWS, MODELS_PER_PAGE, PER_POOL_ROWS } from '../../src/services/find-equipment.js';
import { fakeReader, model } from './fake-reader.js';

const clock = new ManualClock();
const down = () => new LeihsError({ kind: 'unavailable', service: 'inventory', status: 503, reason: 'gateway' });

function setup(opts: Parameters<typeof fakeReader>[0] = {}, concurrency = 8) {
  const fake = fakeReader(opts);
  const catalog = createLeihsCatalog({ reader: fake.reader, clock, ttlMs: 60_000 });
  return { ...fake, catalog, opts: { catalog, concurrency } };
}

const tripods = {
  'p-foto': [model('m-tripod', 'Tripod Manfrotto 055', 1, 3)],
  'p-film': [model('m-tripod', 'Tripod Manfrotto 055', 4, 4), model('m-small', 'Tripod mini', 0, 2)],
  'p-audio': [],
  'p-werk': [],
};

describe('findEquipment', () => {
  it('merges one model across pools, most available first, and skips inactive pools', async () => {
    const { opts, calls } = setup({ models: tripods });
    const result = await findEquipment(opts, { words: 'tripod', page: 1 });
    expect(result.kind).toBe('found');
    if (result.kind !== 'found') return;
    expect(result.models.map((m) => [m.name, m.inStock])).toEqual([
      ['Tripod Manfrotto 055', 5],
      ['Tripod mini', 0],
    ]);
    expect(result.models[0]?.pools.map((p) => p.pool.name)).toEqual(['Filmpool', 'Fotostudio']);
    expect(calls.filter((c) => c.startsWith('models:'))).not.toContain('models:p-arch');
  });

  it('reports a failing pool instead of failing the answer', async () => {
    const { opts } = setup({ models: tripods, failPools: { 'p-audio': down() } });
    const result = await findEquipment(opts, { words: 'tripod', page: 1 });
    if (result.kind !== 'found') throw new Error(result.kind);
    expect(result.report.asked).toBe(4);
    expect(result.report.failed.map((f) => f.pool.name)).toEqual(['Audio']);
    expect(result.total).toBe(2);
  });

  it('throws the leihs error when every pool failed', async () => {
    const failPools = Object.fromEntries(['p-foto', 'p-film', 'p-audio', 'p-werk'].map((id) => [id, down()]));
    const { opts } = setup({ models: tripods, failPools });
    await expect(findEquipment(opts, { words: 'tripod', page: 1 })).rejects.toBeInstanceOf(LeihsError);
  });

  it('says inventory is not deployed when every pool fails and /inventory/status says so (an older leihs)', async () => {
    const failPools = Object.fromEntries(['p-foto', 'p-film', 'p-audio', 'p-werk'].map((id) => [id, down()]));
    const notDeployed = new LeihsError({ kind: 'unavailable', service: 'inventory', status: 503, reason: 'inventory_not_deployed' });
    const { opts, calls } = setup({ models: tripods, failPools, inventoryStatusError: notDeployed });
    await expect(findEquipment(opts, { words: 'tripod', page: 1 })).rejects.toBe(notDeployed);
    expect(calls).toContain('inventoryStatus');
  });

  it('keeps the outage error when every pool fails but inventory itself is deployed', async () => {
    const failPools = Object.fromEntries(['p-foto', 'p-film', 'p-audio', 'p-werk'].map((id) => [id, down()]));
    const { opts } = setup({ models: tripods, failPools });
    await expect(findEquipment(opts, { words: 'tripod', page: 1 })).rejects.toMatchObject({ reason: 'gateway' });
  });

  it('asks pools in parallel but never more than the configured bound', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { opts, maxInFlight } = setup({ models: tripods, gate }, 2);
    const pending = findEquipment(opts, { words: 'tripod', page: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    open();
    await pending;
    expect(maxInFlight()).toBe(2);
  });

  it('narrows by pool name or shortname and explains unknown or unsearchable pools', async () => {
    const { opts, calls } = setup({ models: tripods });
    const film = await findEquipment(opts, { words: 'tripod', pool: 'film', page: 1 });
    expect(film.kind === 'found' && film.models.every((m) => m.pools.every((p) => p.pool.name === 'Filmpool'))).toBe(true);
    expect(calls.filter((c) => c.startsWith('models:'))).toEqual(['models:p-film']);
    expect((await findEquipment(opts, { words: 'tripod', pool: 'Mars', page: 1 })).kind).toBe('unknown_pool');
    expect((await findEquipment(opts, { words: 'tripod', pool: 'Archiv', page: 1 })).kind).toBe('pool_not_searchable');
  });

  it('searches exactly the pool picked by id, and says when that pool is unsearchable or gone', async () => {
    const { opts, calls } = setup({ models: tripods });
    const result = await findEquipment(opts, { words: 'tripod', poolId: 'p-film', page: 1 });
    expect(result.kind).toBe('found');
    expect(calls.filter((c) => c.startsWith('models:'))).toEqual(['models:p-film']);
    expect((await findEquipment(opts, { words: 'tripod', poolId: 'p-arch', page: 1 })).kind).toBe('pool_not_searchable');
    expect((await findEquipment(opts, { words: 'tripod', poolId: 'p-gone', page: 1 })).kind).toBe('unknown_pool');
  });

  it('pages merged results', async () => {
    const many = Array.from({ length: 20 }, (_, i) => model(`m${i}`, `Tripod ${i}`, 20 - i));
    const { opts } = setup({ models: { 'p-foto': many } });
    const first = await findEquipment(opts, { words: 'tripod', page: 1 });
    const third = await findEquipment(opts, { words: 'tripod', page: 3 });
    if (first.kind !== 'found' || third.kind !== 'found') throw new Error('not found');
    expect(first.models).toHaveLength(MODELS_PER_PAGE);
    expect(first.hasMore).toBe(true);
    expect(third.models.map((m) => m.name)).toEqual(['Tripod 16', 'Tripod 17', 'Tripod 18', 'Tripod 19']);
    expect(third.hasMore).toBe(false);
  });

  it('says the total is a lower bound when a pool has more matches than were read', async () => {
    const many = Array.from({ length: PER_POOL_ROWS + 5 }, (_, i) => model(`m${i}`, `Tripod ${i}`, 1));
    const { opts } = setup({ models: { 'p-foto': many } });
    const truncated = await findEquipment(opts, { words: 'tripod', page: 1 });
    expect(truncated.kind === 'found' && [truncated.total, truncated.complete]).toEqual([PER_POOL_ROWS, false]);
    const { opts: small } = setup({ models: tripods });
    const whole = await findEquipment(small, { words: 'tripod', page: 1 });
    expect(whole.kind === 'found' && whole.complete).toBe(true);
  });

  it('says when the bot has no role in any active pool', async () => {
    const { opts } = setup({ auth: { ...(await import('./fake-reader.js')).botAuth, accessRights: [{ poolId: 'p-arch', role: 'inventory_manager' }] } });
    expect((await findEquipment(opts, { words: 'tripod', page: 1 })).kind).toBe('no_pools');
  });

  it('caches pools and access rights across searches (single flight)', async () => {
    const { opts, calls } = setup({ models: tripods });
    await Promise.all([findEquipment(opts, { words: 'tripod', page: 1 }), findEquipment(opts, { words: 'mini', page: 1 })]);
    await findEquipment(opts, { words: 'tripod', page: 1 });
    expect(calls.filter((c) => c === 'authInfo' || c === 'listPools')).toEqual(['authInfo', 'listPools']);
  });
});

const item = {
  id: 'i-1',
  inventoryCode: 'INV-10042',
  modelId: 'm-tripod',
  modelName: 'Tripod Manfrotto 055',
  ownerPoolId: 'p-foto',
  responsiblePoolId: 'p-foto',
  isBorrowable: true,
  isBroken: false,
  isIncomplete: false,
  retired: false,
  reservation: { userName: 'Anna Schmid', endDate: '2026-12-02' },
};

describe('findItem and describeModel', () => {
  it('finds an item by exact inventory code, case-insensitively, with its pools', async () => {
    const { opts } = setup({ items: { 'p-foto': [item, { ...item, id: 'i-2', inventoryCode: 'INV-100420' }] } });
    const result = await findItem(opts, 'inv-10042');
    expect(result.kind === 'found' && result.item.id).toBe('i-1');
    expect(result.kind === 'found' && result.owner?.name).toBe('Fotostudio');
    expect((await findItem(opts, 'INV-99999')).kind).toBe('not_found');
  });

  it('finds an item whose code has more substring matches than one page holds', async () => {
    const lookalikes = Array.from({ length: ITEM_SEARCH_ROWS + 30 }, (_, i) => ({ ...item, id: `i-x${i}`, inventoryCode: `INV-10042-${i}` }));
    const { opts } = setup({ items: { 'p-foto': [...lookalikes, item] } });
    const result = await findItem(opts, 'INV-10042');
    expect(result.kind === 'found' && result.item.id).toBe('i-1');
  });

  it('stops paging one pool for an item after a bounded number of pages', async () => {
    const lookalikes = Array.from({ length: ITEM_SEARCH_ROWS * (ITEM_SEARCH_PAGES + 2) }, (_, i) => ({ ...item, id: `i-x${i}`, inventoryCode: `INV-10042-${i}` }));
    const { opts, calls } = setup({ items: { 'p-foto': lookalikes } });
    expect((await findItem(opts, 'INV-10042')).kind).toBe('not_found');
    expect(calls.filter((c) => c === 'items:p-foto')).toHaveLength(ITEM_SEARCH_PAGES);
  });

  it('describes a model with its items per pool', async () => {
    const { opts } = setup({ models: tripods, items: { 'p-foto': [item], 'p-film': [{ ...item, id: 'i-3', inventoryCode: 'INV-20001', reservation: undefined }] } });
    const result = await describeModel(opts, 'tripod manfrotto 055');
    if (result.kind !== 'found') throw new Error(result.kind);
    expect(result.model.name).toBe('Tripod Manfrotto 055');
    expect(result.pools.map((p) => [p.stock.pool.name, p.items.map((i) => i.inventoryCode)])).toEqual([
      ['Filmpool', ['INV-20001']],
      ['Fotostudio', ['INV-10042']],
    ]);
    expect(result.otherNames).toEqual([]);
  });
});
