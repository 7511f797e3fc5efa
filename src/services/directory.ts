/**
 * Reading leihs's directory: pools, people, groups, categories and "who am I". Plain data out; "not
 * found" is data, leihs failures are LeihsErrors.
 */
import { matchPools } from './find-equipment.js';
import { searchablePoolsOf, type LeihsCatalog, type SearchablePool } from './catalog.js';
import type { Identity, IdentityService, SlackUsersApi } from './identity.js';
import {
  managerRoles,
  roleRank,
  type AuthInfo,
  type CategoryNode,
  type GroupDetail,
  type GroupSummary,
  type Person,
  type PoolDetail,
  type PoolPerson,
  type PoolRole,
  type PoolSummary,
  type UserPoolRole,
} from './leihs-reader.js';

export interface PoolListing extends PoolSummary {
  /** The bot's role there, when it has one. */
  botRole?: PoolRole;
}

export async function listPools(catalog: LeihsCatalog, words: string): Promise<PoolListing[]> {
  const [all, info] = await Promise.all([catalog.pools(), catalog.authInfo()]);
  const roles = new Map<string, PoolRole>();
  for (const right of info.accessRights) {
    const held = roles.get(right.poolId);
    if (!held || roleRank[right.role] > roleRank[held]) roles.set(right.poolId, right.role);
  }
  const shown = words.trim() ? matchPools(all, words) : all;
  return [...shown]
    .sort((a, b) => Number(b.isActive) - Number(a.isActive) || a.name.localeCompare(b.name))
    .map((p) => ({ ...p, botRole: roles.get(p.id) }));
}

export type PoolResult =
  | { kind: 'found'; pool: PoolDetail; managers: PoolPerson[] }
  | { kind: 'not_found'; name: string; pools: PoolSummary[] };

export const MANAGERS_SHOWN = 10;

export async function describePool(catalog: LeihsCatalog, name: string): Promise<PoolResult> {
  const all = await catalog.pools();
  const match = matchPools(all, name)[0];
  if (!match) return { kind: 'not_found', name, pools: all };
  const [pool, managers] = await Promise.all([catalog.reader.getPool(match.id), catalog.reader.listPoolManagers(match.id, MANAGERS_SHOWN)]);
  return { kind: 'found', pool: pool ?? match, managers };
}

export type PeopleResult = { kind: 'found'; people: Person[]; total: number } | { kind: 'no_people_pool' };

/** People search needs a lending or inventory manager role in some pool (the inventory users endpoint). */
async function peoplePool(catalog: LeihsCatalog): Promise<SearchablePool | undefined> {
  const [info, pools] = await Promise.all([catalog.authInfo(), catalog.pools()]);
  return searchablePoolsOf(info, pools, managerRoles)[0];
}

export const PEOPLE_SHOWN = 15;

export async function searchPeople(catalog: LeihsCatalog, words: string): Promise<PeopleResult> {
  const pool = await peoplePool(catalog);
  if (!pool) return { kind: 'no_people_pool' };
  const page = await catalog.reader.searchPeople(pool.id, words.trim(), { page: 1, size: PEOPLE_SHOWN });
  return { kind: 'found', people: page.rows, total: page.total };
}

export type PersonResult = { kind: 'found'; person: Person } | { kind: 'not_found'; query: string; similar: Person[] } | { kind: 'no_people_pool' };

/** One person by email or login (exact, case-insensitive). */
export async function findPerson(catalog: LeihsCatalog, query: string): Promise<PersonResult> {
  const found = await searchPeople(catalog, query);
  if (found.kind !== 'found') return found;
  const q = query.trim().toLowerCase();
  const person = found.people.find((p) => p.email?.toLowerCase() === q || p.login?.toLowerCase() === q);
  if (person) return { kind: 'found', person };
  if (found.people.length === 1 && found.people[0]) return { kind: 'found', person: found.people[0] };
  return { kind: 'not_found', query, similar: found.people };
}

export const GROUPS_SHOWN = 20;
export const MEMBERS_SHOWN = 10;

export async function listGroups(catalog: LeihsCatalog, words: string): Promise<GroupSummary[]> {
  return catalog.reader.listGroups(words.trim(), GROUPS_SHOWN);
}

export type GroupResult = { kind: 'found'; group: GroupDetail; members: Person[] } | { kind: 'not_found'; name: string; similar: GroupSummary[] };

export async function describeGroup(catalog: LeihsCatalog, name: string): Promise<GroupResult> {
  const candidates = await catalog.reader.listGroups(name.trim(), GROUPS_SHOWN);
  const wanted = name.trim().toLowerCase();
  const summary = candidates.find((g) => g.name.toLowerCase() === wanted);
  if (!summary) return { kind: 'not_found', name, similar: candidates };
  const [detail, members] = await Promise.all([catalog.reader.getGroup(summary.id), catalog.reader.listGroupMembers(summary.id, MEMBERS_SHOWN)]);
  return { kind: 'found', group: { ...summary, ...detail }, members };
}

/** Keeps nodes whose name matches and the ancestors that lead to them. */
export function filterCategories(nodes: CategoryNode[], words: string): CategoryNode[] {
  const w = words.trim().toLowerCase();
  if (!w) return nodes;
  const out: CategoryNode[] = [];
  for (const node of nodes) {
    if (node.name.toLowerCase().includes(w)) out.push(node);
    else {
      const children = filterCategories(node.children, words);
      if (children.length > 0) out.push({ ...node, children });
    }
  }
  return out;
}

export async function categories(catalog: LeihsCatalog, words: string): Promise<CategoryNode[]> {
  return filterCategories(await catalog.categoryTree(), words);
}

export interface WhoAmI {
  identity: Identity;
  roles: UserPoolRole[];
  bot: AuthInfo;
  botPools: SearchablePool[];
}

export async function whoAmI(catalog: LeihsCatalog, identity: IdentityService, slack: SlackUsersApi, slackUserId: string): Promise<WhoAmI> {
  const [me, bot, botPools] = await Promise.all([identity.resolve(slack, slackUserId), catalog.authInfo(), catalog.searchablePools()]);
  const roles = me.linked ? await catalog.reader.userPoolRoles(me.leihsUser, (await catalog.pools()).filter((p) => p.isActive)) : [];
  return { identity: me, roles, bot, botPools };
}
