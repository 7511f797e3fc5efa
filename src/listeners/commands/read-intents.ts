/** The read side's intent handlers: call one service, render with one builder. */
import { buildCategories, buildGroup, buildGroups, buildPeople, buildPerson, buildPool, buildPools, buildWhoAmI } from '../../blocks/directory.js';
import { buildFindResult, buildItemResult, buildModelResult } from '../../blocks/find.js';
import { sentence } from '../../blocks/kit.js';
import { messages } from '../../messages/index.js';
import { categories, describeGroup, describePool, findPerson, listGroups, listPools, searchPeople, whoAmI } from '../../services/directory.js';
import { describeModel, findEquipment, findItem, type FindOptions } from '../../services/find-equipment.js';
import { groupChangeLeihsFor, mayLookUpPeople } from '../../services/group-change-leihs.js';
import type { CommandContext, IntentHandlers } from './intent-handlers.js';

/** Longest search people may send; leihs would search for it, but nobody means 3000 characters. */
export const MAX_SEARCH_LENGTH = 200;
const INVENTORY_CODE = /^[\p{L}\p{N}._/-]{1,64}$/u;

const tooLong = (text: string) => text.length > MAX_SEARCH_LENGTH;
export const findOptions = (ctx: Pick<CommandContext, 'deps'>): FindOptions => ({ catalog: ctx.deps.catalog, concurrency: ctx.deps.config.leihs.fanoutConcurrency });

/** The user's time zone from Slack, for "due back in 3 days"; UTC when Slack does not say. */
async function timeZoneOf(ctx: CommandContext): Promise<string | undefined> {
  try {
    return (await ctx.deps.identity.slackProfile(ctx.client, ctx.userId)).tz;
  } catch {
    return undefined;
  }
}

/** Whether the Slack user who asks is, in leihs, someone leihs lets search people (looked up, not trusted). */
async function asksAsPeopleManager(ctx: CommandContext): Promise<boolean> {
  const asker = await ctx.deps.identity.resolve(ctx.client, ctx.userId);
  if (!asker.linked || asker.leihsUser.accountEnabled === false) return false;
  return mayLookUpPeople(await groupChangeLeihsFor(ctx.deps).approverFacts({ id: asker.leihsUser.id }));
}

type ReadIntent = 'find' | 'item' | 'model' | 'pools' | 'pool' | 'users' | 'user' | 'groups' | 'group' | 'categories' | 'whoami';

export const readHandlers: Pick<IntentHandlers, ReadIntent> = {
  async find(intent, ctx) {
    if (tooLong(intent.words) || tooLong(intent.pool ?? '')) return { ...sentence(messages.find.tooLong), shareable: false };
    const result = await findEquipment(findOptions(ctx), { words: intent.words, pool: intent.pool, page: ctx.page });
    const answer = buildFindResult(result, intent);
    return { ...answer, shareable: result.kind === 'found' && result.total > 0 };
  },
  async item(intent, ctx) {
    if (!INVENTORY_CODE.test(intent.inventoryCode)) return { ...sentence(messages.find.badInventoryCode), shareable: false };
    const [result, tz] = await Promise.all([findItem(findOptions(ctx), intent.inventoryCode), timeZoneOf(ctx)]);
    return { ...buildItemResult(result, ctx.deps.clock.now(), tz), shareable: result.kind === 'found' };
  },
  async model(intent, ctx) {
    if (tooLong(intent.name)) return { ...sentence(messages.find.tooLong), shareable: false };
    const [result, tz] = await Promise.all([describeModel(findOptions(ctx), intent.name), timeZoneOf(ctx)]);
    return { ...buildModelResult(result, ctx.deps.clock.now(), tz), shareable: result.kind === 'found' };
  },
  async pools(intent, ctx) {
    if (tooLong(intent.words)) return { ...sentence(messages.find.tooLong), shareable: false };
    const pools = await listPools(ctx.deps.catalog, intent.words);
    return { ...buildPools(pools, intent.words), shareable: pools.length > 0 };
  },
  async pool(intent, ctx) {
    if (tooLong(intent.name)) return { ...sentence(messages.find.tooLong), shareable: false };
    const result = await describePool(ctx.deps.catalog, intent.name);
    return { ...buildPool(result), shareable: result.kind === 'found' };
  },
  async users(intent, ctx) {
    if (tooLong(intent.words)) return { ...sentence(messages.find.tooLong), shareable: false };
    if (!(await asksAsPeopleManager(ctx))) return { ...sentence(messages.directory.peopleOnlyForManagers), shareable: false };
    return { ...buildPeople(await searchPeople(ctx.deps.catalog, intent.words), intent.words), shareable: false };
  },
  async user(intent, ctx) {
    if (tooLong(intent.query)) return { ...sentence(messages.find.tooLong), shareable: false };
    if (!(await asksAsPeopleManager(ctx))) return { ...sentence(messages.directory.peopleOnlyForManagers), shareable: false };
    return { ...buildPerson(await findPerson(ctx.deps.catalog, intent.query)), shareable: false };
  },
  async groups(intent, ctx) {
    if (tooLong(intent.words)) return { ...sentence(messages.find.tooLong), shareable: false };
    const groups = await listGroups(ctx.deps.catalog, intent.words);
    return { ...buildGroups(groups, intent.words), shareable: groups.length > 0 };
  },
  async group(intent, ctx) {
    if (tooLong(intent.name)) return { ...sentence(messages.find.tooLong), shareable: false };
    const result = await describeGroup(ctx.deps.catalog, intent.name);
    return { ...buildGroup(result), shareable: result.kind === 'found' };
  },
  async categories(intent, ctx) {
    if (tooLong(intent.words)) return { ...sentence(messages.find.tooLong), shareable: false };
    const tree = await categories(ctx.deps.catalog, intent.words);
    return { ...buildCategories(tree, intent.words), shareable: tree.length > 0 };
  },
  async whoami(_intent, ctx) {
    return { ...buildWhoAmI(await whoAmI(ctx.deps.catalog, ctx.deps.identity, ctx.client, ctx.userId)), shareable: false };
  },
};
