import { describe, expect, it } from 'vitest';
import { buildFindModal } from '../../src/blocks/find-modal.js';
import { buildHelp } from '../../src/blocks/help.js';
import { subcommands } from '../../src/commands/parse.js';
import { answerCommand } from '../../src/listeners/commands/leihs-command.js';
import { commandContext, fakeDeps } from '../listeners/fakes.js';
import { model } from '../services/fake-reader.js';
import { limitViolations } from './limits-check.js';

const huge = 'Ü🎥<&>`*_~'.repeat(600);
const manyModels = Array.from({ length: 120 }, (_, i) => ({ ...model(`m${i}`, `Tripod ${i} ${huge}`, i % 7, 7), manufacturer: huge }));
const data = {
  models: { 'p-foto': manyModels, 'p-film': manyModels, 'p-audio': manyModels, 'p-werk': manyModels },
  items: {
    'p-foto': Array.from({ length: 30 }, (_, i) => ({
      id: `i${i}`,
      inventoryCode: i === 0 ? 'INV-10042' : `INV-${huge.slice(0, 20)}${i}`,
      modelId: 'm1',
      modelName: huge,
      ownerPoolId: 'p-foto',
      responsiblePoolId: 'p-film',
      buildingName: huge,
      roomName: huge,
      shelf: huge,
      isBorrowable: true,
      isBroken: true,
      isIncomplete: true,
      retired: true,
      reservation: { userName: huge, endDate: '2026-12-02' },
    })),
  },
  people: Array.from({ length: 40 }, (_, i) => ({ id: `u${i}`, firstname: huge, lastname: `${i}`, email: `${i}${huge}@x`, login: huge, accountEnabled: i % 2 === 0 })),
  groups: Array.from({ length: 40 }, (_, i) => ({ id: `g${i}`, name: `Film ${i} ${huge}`, memberCount: i })),
  tree: Array.from({ length: 30 }, (_, i) => ({
    id: `c${i}`,
    name: `Kamera ${huge.slice(0, 40)}`,
    modelsCount: i,
    children: Array.from({ length: 20 }, (_, j) => ({ id: `c${i}-${j}`, name: `Sub ${j}`, children: [] })),
  })),
};

const oddInputs = [
  '',
  ' ',
  'x'.repeat(3000),
  `find ${'tripod '.repeat(500)}`.slice(0, 3000),
  'find "',
  'find ""',
  'find "Film Students"',
  'find 🎥📷🎙️',
  "find '; DROP TABLE items; --",
  'find ../../etc/passwd',
  'find %2e%2e%2f',
  'find tripod in Mars',
  'find tripod in Archiv',
  'find tripod in',
  `find tripod in ${'x'.repeat(300)}`,
  'find <!channel> <@U0123ABCD>',
  'item INV-10042',
  'item ../../admin',
  `item ${'9'.repeat(3000)}`,
  'item INV-404',
  'model tripod',
  `model ${huge}`,
  'pools',
  'pools zzz',
  'pool Mars',
  'pool FOTO',
  'users tripod',
  `users ${'a'.repeat(150)}`,
  'user nobody@elsewhere.example',
  'groups',
  'group Film',
  'group "Film 1 Ü"',
  'categories',
  'categories kamera',
  'whoami',
  'help',
  'help ｆｉｎｄ',
  'status',
  'requests',
  'group create "Film Students" — for the film course',
  'fnid tripod',
  '🎥',
  `${huge}`,
];

describe('every answer fits Slack’s limits', () => {
  it.each(oddInputs.map((input) => [input.slice(0, 40), input]))('for /leihs %s', async (_label, input) => {
    const { deps } = fakeDeps(data);
    for (const page of [1, 2]) {
      const answer = await answerCommand(input, commandContext(deps, page));
      expect(limitViolations(answer)).toEqual([]);
    }
  });

  it('help for every topic fits', () => {
    for (const topic of [undefined, ...subcommands]) expect(limitViolations(buildHelp(topic))).toEqual([]);
  });

  it('the find modal keeps to 100 pool options of at most 75 characters', () => {
    const pools = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, name: huge, isActive: true }));
    const view = buildFindModal(pools);
    const select = (view.blocks[1] as { element: { options: { text: { text: string }; value: string }[] } }).element;
    expect(select.options).toHaveLength(100);
    expect(select.options.every((o) => o.text.text.length <= 75 && o.value.length <= 75)).toBe(true);
  });
});
