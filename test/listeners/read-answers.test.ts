/**
 * Findings of the user's-eye sweep of the read side, each pinned: user text echoed inertly, leihs names
 * kept out of notification mentions, Share only for answers worth sharing, paging past the end, a model
 * name that matches many models, retired items, pools that lend none of a model, item wording.
 */
import { describe, expect, it } from 'vitest';
import { buildCategories, buildWhoAmI } from '../../src/blocks/directory.js';
import { buildFindResult, buildItemResult } from '../../src/blocks/find.js';
import { answerCommand } from '../../src/listeners/commands/leihs-command.js';
import { actionIds } from '../../src/listeners/ids.js';
import type { SearchablePool } from '../../src/services/catalog.js';
import type { WhoAmI } from '../../src/services/directory.js';
import { describeModel, findEquipment, MODELS_PER_PAGE, type FindResult } from '../../src/services/find-equipment.js';
import type { ItemRow } from '../../src/services/leihs-reader.js';
import { botAuth, model } from '../services/fake-reader.js';
import { commandContext, fakeDeps } from './fakes.js';

const foto: SearchablePool = { id: 'p-foto', name: 'Fotostudio', shortname: 'FOTO', isActive: true, role: 'inventory_manager' };
const werk: SearchablePool = { id: 'p-werk', name: 'Werkstatt', shortname: 'WERK', isActive: true, role: 'inventory_manager' };
const audio: SearchablePool = { id: 'p-audio', name: 'Audio', shortname: 'AUDIO', isActive: true, role: 'inventory_manager' };
const now = new Date('2026-12-04T09:00:00Z');
const json = (r: { blocks: unknown[] }) => JSON.stringify(r.blocks);
const hasShare = (r: { blocks: unknown[] }) => json(r).includes(actionIds.shareInChannel);

function item(over: Partial<ItemRow>): ItemRow {
  return {
    id: 'i1',
    inventoryCode: 'INV-10001',
    modelId: 'm1',
    modelName: 'Tripod',
    ownerPoolId: 'p-foto',
    responsiblePoolId: 'p-foto',
    isBorrowable: true,
    isBroken: false,
    isIncomplete: false,
    retired: false,
    ...over,
  };
}

describe('user text echoed back', () => {
  it.each([
    ['pool <!here> *b* `x`', '`&lt;!here&gt; *b* ˋxˋ`'],
    ['group _it_ <!channel>', '`_it_ &lt;!channel&gt;`'],
    ['find *bold* <!channel>', '`*bold* &lt;!channel&gt;`'],
    ['model ~strike~ `x`', '`~strike~ ˋxˋ`'],
    ['item INV_x_1', '`INV_x_1`'],
    ['find tripod in *Mars*', '`*Mars*`'],
  ])('is inline code for /leihs %s, so mrkdwn, backticks and mentions stay inert', async (input, echoed) => {
    const { deps } = fakeDeps({ models: { 'p-foto': [model('m1', 'Tripod', 1)] } });
    const answer = await answerCommand(input, commandContext(deps));
    expect(answer.text).toContain(echoed);
    expect(json(answer)).toContain(echoed);
    expect(json(answer)).not.toMatch(/<!(here|channel)>/);
  });
});

describe('leihs names in the notification text', () => {
  it('are escaped, so a group called <!channel> cannot ping a channel when shared', async () => {
    const { deps } = fakeDeps({ groups: [{ id: 'g1', name: '<!channel> Film', memberCount: 2 }] });
    for (const input of ['groups', 'group "<!channel> Film"']) {
      const answer = await answerCommand(input, commandContext(deps));
      expect(answer.text).toContain('&lt;!channel&gt; Film');
      expect(answer.text).not.toContain('<!channel>');
    }
  });
});

describe('Share in channel', () => {
  it('is offered for answers that found something, not for "no such pool/group/category"', async () => {
    const { deps } = fakeDeps({ groups: [{ id: 'g1', name: 'Film MA', memberCount: 2 }], tree: [{ id: 'c1', name: 'Kamera', modelsCount: 2, children: [] }] });
    const ask = (text: string) => answerCommand(text, commandContext(deps));
    for (const found of ['pools', 'pool FOTO', 'groups', 'group "Film MA"', 'categories']) expect(hasShare(await ask(found)), found).toBe(true);
    for (const missing of ['pools zzz', 'pool Mars', 'groups zzz', 'group zzz', 'categories zzz']) expect(hasShare(await ask(missing)), missing).toBe(false);
  });
});

describe('paging', () => {
  const many = Array.from({ length: MODELS_PER_PAGE + 3 }, (_, i) => model(`m${i}`, `Tripod ${i}`, 1));

  it('shows the last page, not an empty one, when "More" asks past the end', async () => {
    const { deps } = fakeDeps({ models: { 'p-foto': many } });
    const result = await findEquipment({ catalog: deps.catalog, concurrency: 2 }, { words: 'tripod', page: 9 });
    expect(result.kind === 'found' && { page: result.page, shown: result.models.length, hasMore: result.hasMore }).toEqual({ page: 2, shown: 3, hasMore: false });
    const answer = await answerCommand('find tripod', commandContext(deps, 9));
    expect(json(answer)).toContain(`showing ${MODELS_PER_PAGE + 1}–${MODELS_PER_PAGE + 3}`);
    expect(json(answer)).not.toContain(actionIds.findMore);
  });
});

describe('model <name>', () => {
  const cameras = { models: { 'p-foto': [model('m1', 'Canon EOS R5', 2), model('m2', 'Canon EOS C70', 1), model('m3', 'Canon', 1)] } };

  it('asks which one when the name matches several models and none exactly', async () => {
    const { deps } = fakeDeps(cameras);
    const result = await describeModel({ catalog: deps.catalog, concurrency: 2 }, 'canon eos');
    expect(result.kind === 'ambiguous' && result.names).toEqual(['Canon EOS R5', 'Canon EOS C70']);
    const answer = await answerCommand('model canon eos', commandContext(deps));
    expect(answer.text).toBe('2 models match `canon eos`. Which one? Type `/leihs model` and the full name.');
    expect(json(answer)).toContain('Canon EOS C70');
  });

  it('shows the model whose full name was typed, even when others match too', async () => {
    const { deps } = fakeDeps(cameras);
    const result = await describeModel({ catalog: deps.catalog, concurrency: 2 }, 'CANON');
    expect(result.kind === 'found' && result.model.name).toBe('Canon');
  });

  it('leaves retired items out of the list, as they are out of its stock', async () => {
    const { deps } = fakeDeps({
      models: { 'p-foto': [model('m1', 'Tripod', 1)] },
      items: { 'p-foto': [item({ inventoryCode: 'INV-1' }), item({ id: 'i2', inventoryCode: 'INV-RETIRED', retired: true, isBorrowable: false })] },
    });
    const answer = await answerCommand('model tripod', commandContext(deps));
    expect(json(answer)).toContain('INV-1');
    expect(json(answer)).not.toContain('INV-RETIRED');
  });
});

describe('find answers', () => {
  it('fold pools that hold a model but lend none of it into one line instead of rows of zeros', () => {
    const result: FindResult = {
      kind: 'found',
      models: [
        {
          id: 'm1',
          name: 'Tripod',
          inStock: 2,
          borrowable: 3,
          pools: [
            { pool: foto, inStock: 2, borrowable: 3, items: 3 },
            { pool: werk, inStock: 0, borrowable: 0, items: 2 },
            { pool: audio, inStock: 0, borrowable: 0, items: 1 },
          ],
        },
      ],
      total: 1,
      complete: true,
      page: 1,
      pageSize: 8,
      hasMore: false,
      report: { asked: 3, failed: [] },
    };
    const text = json(buildFindResult(result, { words: 'tripod' }));
    expect(text).toContain('Fotostudio: *2* in stock / 3 borrowable');
    expect(text).toContain('_Also in Werkstatt, Audio, none borrowable there_');
    expect(text).not.toMatch(/\*0\* in stock \/ 0 borrowable/);
  });
});

describe('item answers', () => {
  it('say "Borrowed by: nobody" when the item is not lent out, and leave out pools that did not answer once it is found', () => {
    const answer = buildItemResult({ kind: 'found', item: item({}), owner: foto, responsible: foto, report: { asked: 2, failed: [{ pool: audio, error: new Error('down') }] } }, now);
    expect(json(answer)).toContain('*Borrowed by*\\nnobody');
    expect(answer.text).toBe('INV-10001 · Tripod: not lent out');
    expect(json(answer)).not.toContain('did not answer');
  });
});

describe('directory answers', () => {
  it('show a category that only holds sub-categories as a heading, not "0 models"', () => {
    const text = json(buildCategories([{ id: 'c1', name: 'Foto', modelsCount: 0, children: [{ id: 'c2', name: 'Stative', modelsCount: 4, children: [] }] }], ''));
    expect(text).toContain('*Foto*\\n');
    expect(text).not.toContain('0 models');
    expect(text).toContain('Stative · 4 models');
  });

  it('name the bot token’s scopes in words, not field names', () => {
    const who: WhoAmI = { identity: { linked: false, slack: { slackUserId: 'U0123ABCD', isBot: false, deleted: false }, reason: 'no_email' }, roles: [], bot: botAuth, botPools: [] };
    expect(json(buildWhoAmI(who))).toContain('Token scopes: read, write, admin read, admin write');
  });
});
