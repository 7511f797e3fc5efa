import { describe, expect, it } from 'vitest';
import { withAnswerButtons } from '../../src/blocks/answer.js';
import { dueWording } from '../../src/blocks/dates.js';
import { buildFindResult, buildItemResult } from '../../src/blocks/find.js';
import { sentence } from '../../src/blocks/kit.js';
import { buildHelp, buildUnknown } from '../../src/blocks/help.js';
import { decodeAnswerRef } from '../../src/commands/answer-ref.js';
import { actionIds } from '../../src/listeners/ids.js';
import type { SearchablePool } from '../../src/services/catalog.js';
import type { FindResult } from '../../src/services/find-equipment.js';
import type { ItemRow } from '../../src/services/leihs-reader.js';

const foto: SearchablePool = { id: 'p-foto', name: 'Fotostudio', shortname: 'FOTO', isActive: true, role: 'inventory_manager' };
const audio: SearchablePool = { id: 'p-audio', name: 'Audio', shortname: 'AUDIO', isActive: true, role: 'inventory_manager' };
const now = new Date('2026-12-04T09:00:00Z');
const allText = (r: { blocks: unknown[] }) => JSON.stringify(r.blocks);

describe('find answers', () => {
  const found: FindResult = {
    kind: 'found',
    models: [{ id: 'm1', name: 'Tripod <Manfrotto>', manufacturer: 'Manfrotto', inStock: 1, borrowable: 3, pools: [{ pool: foto, inStock: 1, borrowable: 3, items: 3 }] }],
    total: 1,
    complete: true,
    page: 1,
    pageSize: 8,
    hasMore: false,
    report: { asked: 5, failed: [{ pool: audio, error: new Error('down') }] },
  };

  it('shows name, manufacturer and stock per pool, escaping user text', () => {
    const text = allText(buildFindResult(found, { words: 'tripod' }));
    expect(text).toContain('Tripod &lt;Manfrotto&gt;');
    expect(text).toContain('Fotostudio: *1* in stock / 3 borrowable');
  });

  it('says "N+ models" and how to narrow when not every match was read', () => {
    const text = allText(buildFindResult({ ...found, total: 50, complete: false }, { words: 'tripod' }));
    expect(text).toContain('50+ models found');
    expect(text).toContain('Add a word or a pool');
    expect(allText(buildFindResult(found, { words: 'tripod' }))).not.toContain('Add a word or a pool');
  });

  it('names the pools that did not answer', () => {
    expect(allText(buildFindResult(found, { words: 'tripod' }))).toContain('Audio did not answer; results from 4 of 5 pools.');
  });

  it('adds More and Share buttons whose values lead to the next page and the same page', () => {
    const answer = withAnswerButtons(buildFindResult(found, { words: 'tripod' }), { commandText: 'find tripod', page: 1, shareable: true, hasMore: true });
    const actions = answer.blocks.at(-1) as { elements: { action_id: string; value: string }[] };
    expect(actions.elements.map((e) => [e.action_id, decodeAnswerRef(e.value)])).toEqual([
      [actionIds.findMore, { commandText: 'find tripod', page: 2 }],
      [actionIds.shareInChannel, { commandText: 'find tripod', page: 1 }],
    ]);
  });

  it('leaves the buttons off when the command would not fit in a button value', () => {
    const long = `find ${'x'.repeat(2500)}`;
    const answer = withAnswerButtons(buildFindResult(found, { words: 'x' }), { commandText: long, page: 1, shareable: true, hasMore: true });
    expect(answer.blocks.some((b) => b.type === 'actions')).toBe(false);
  });
});

describe('item answers', () => {
  const item: ItemRow = {
    id: 'i1',
    inventoryCode: 'INV-10042',
    modelName: 'Tripod',
    ownerPoolId: 'p-foto',
    responsiblePoolId: 'p-foto',
    buildingName: 'Toni-Areal',
    roomName: '5.K12',
    shelf: 'B3',
    isBorrowable: true,
    isBroken: false,
    isIncomplete: false,
    retired: false,
    reservation: { userName: 'Anna Schmid', endDate: '2026-12-02' },
  };

  it('shows where the item is and who has it, overdue since the due date', () => {
    const text = allText(buildItemResult({ kind: 'found', item, owner: foto, responsible: foto, report: { asked: 4, failed: [] } }, now, 'Europe/Zurich'));
    expect(text).toContain('Toni-Areal / 5.K12 / B3');
    expect(text).toContain('Anna Schmid, overdue since 2 Dec');
    expect(text).toContain('Fotostudio');
  });

  it('words return dates in the user’s time zone', () => {
    expect(dueWording('2026-12-07', now, 'Europe/Zurich')).toBe('due back in 3 days');
    expect(dueWording('2026-12-04', now, 'Europe/Zurich')).toBe('due back today');
    expect(dueWording('2026-12-05', now, 'Europe/Zurich')).toBe('due back in 1 day');
    // 23:30 UTC on 4 Dec is already 5 Dec in Zurich.
    expect(dueWording('2026-12-04', new Date('2026-12-04T23:30:00Z'), 'Europe/Zurich')).toBe('overdue since 4 Dec');
    expect(dueWording('2026-12-04', new Date('2026-12-04T23:30:00Z'), 'America/New_York')).toBe('due back today');
    expect(dueWording('2025-11-30', now, 'Not/AZone')).toBe('overdue since 30 Nov 2025');
    expect(dueWording('2027-03-01', now)).toBe('due back on 1 Mar 2027');
  });
});

describe('help', () => {
  it('lists every subcommand with an example for a topic', () => {
    expect(allText(buildHelp())).toContain('/leihs find &lt;words&gt; [in &lt;pool&gt;]');
    expect(allText(buildHelp('find'))).toContain('/leihs find tripod');
  });

  it('answers an unknown command with the nearest match', () => {
    const answer = buildUnknown('fnid tripod', 'find');
    expect(answer.text).toBe('I don’t know the command `fnid`. Did you mean `find`?');
  });
});

describe('answer buttons', () => {
  it('reads back every command a button was given, up to the button value limit', () => {
    const commandText = `find ${'t'.repeat(1950)}`;
    const answer = withAnswerButtons(sentence('x'), { commandText, page: 1, shareable: true, hasMore: false });
    const actions = answer.blocks.at(-1) as { elements: { value: string }[] };
    expect(actions.elements).toHaveLength(1);
    expect(decodeAnswerRef(actions.elements[0]?.value)).toEqual({ commandText, page: 1 });
  });

  it('refuses a crafted value longer than a button may carry', () => {
    expect(decodeAnswerRef(JSON.stringify({ c: `find ${'t'.repeat(2000)}`, p: 1 }))).toBeUndefined();
  });
});
