import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { createLeihsCatalog, searchablePoolsOf } from '../../src/services/catalog.js';
import { listPools } from '../../src/services/directory.js';
import { botAuth, fakeReader, pools } from './fake-reader.js';

describe('searchablePoolsOf', () => {
  it('keeps the highest role per pool whatever order leihs lists the access rights in', () => {
    const rights = [
      { poolId: 'p-foto', role: 'inventory_manager' as const },
      { poolId: 'p-foto', role: 'group_manager' as const },
      { poolId: 'p-film', role: 'group_manager' as const },
      { poolId: 'p-film', role: 'lending_manager' as const },
    ];
    const searchable = searchablePoolsOf({ ...botAuth, accessRights: rights }, pools);
    expect(searchable.map((p) => [p.id, p.role])).toEqual([
      ['p-film', 'lending_manager'],
      ['p-foto', 'inventory_manager'],
    ]);
  });
});

describe('listPools', () => {
  it('shows the bot’s highest role in a pool whatever order leihs lists the access rights in', async () => {
    const accessRights = [
      { poolId: 'p-foto', role: 'inventory_manager' as const },
      { poolId: 'p-foto', role: 'customer' as const },
    ];
    const { reader } = fakeReader({ auth: { ...botAuth, accessRights } });
    const catalog = createLeihsCatalog({ reader, clock: new ManualClock(), ttlMs: 60_000 });
    const listed = await listPools(catalog, 'foto');
    expect(listed.map((p) => p.botRole)).toEqual(['inventory_manager']);
  });
});
