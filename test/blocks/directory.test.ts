import { describe, expect, it } from 'vitest';
import { buildPools } from '../../src/blocks/directory.js';
import { LIMITS } from '../../src/blocks/limits.js';
import type { PoolListing } from '../../src/services/directory.js';

const allText = (r: { blocks: unknown[] }) => JSON.stringify(r.blocks);

describe('pools answer', () => {
  it('says how many pools did not fit instead of dropping them silently', () => {
    const pools: PoolListing[] = Array.from({ length: 1500 }, (_, i) => ({ id: `p-${i}`, name: `Pool ${i} ${'x'.repeat(120)}`, isActive: true }));
    const answer = buildPools(pools, '');
    expect(answer.blocks.length).toBeLessThanOrEqual(LIMITS.blocksPerMessage);
    expect(allText(answer)).toMatch(/…and \d+ more pools/);
  });

  it('adds no fold line when every pool fits', () => {
    const answer = buildPools([{ id: 'p-foto', name: 'Fotostudio', shortname: 'FOTO', isActive: true }], '');
    expect(allText(answer)).not.toContain('more pool');
  });
});
