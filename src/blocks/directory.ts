/** Answers for pools, people, groups, categories and whoami. Pure. */
import type { KnownBlock } from '@slack/types';
import { messages } from '../messages/index.js';
import type { GroupResult, PeopleResult, PersonResult, PoolListing, PoolResult, WhoAmI } from '../services/directory.js';
import { personName, type CategoryNode, type GroupSummary, type Person } from '../services/leihs-reader.js';
import { context, fieldsSection, header, reply, section, sentence, type Reply } from './kit.js';
import { LIMITS, code, escapeMrkdwn } from './limits.js';

const m = messages.directory;
const esc = escapeMrkdwn;

/** Packs lines into as few sections as fit (3000 characters each), at most `maxBlocks`. */
export function linesToSections(lines: string[], maxBlocks: number): { blocks: KnownBlock[]; shown: number } {
  const blocks: KnownBlock[] = [];
  let current: string[] = [];
  let length = 0;
  let shown = 0;
  for (const line of lines) {
    const cut = line.slice(0, 500);
    if (length + cut.length + 1 > LIMITS.sectionText && current.length > 0) {
      if (blocks.length + 1 >= maxBlocks) break;
      blocks.push(section(current.join('\n')));
      current = [];
      length = 0;
    }
    current.push(cut);
    length += cut.length + 1;
    shown += 1;
  }
  if (current.length > 0) blocks.push(section(current.join('\n')));
  return { blocks, shown };
}

function personLine(p: Person): string {
  const extra = [p.email, p.login && p.login !== p.email ? p.login : undefined].filter(Boolean).map((x) => esc(x as string));
  return `• *${esc(personName(p))}*${extra.length > 0 ? ` · ${extra.join(' · ')}` : ''}${p.accountEnabled ? '' : ` · _${m.personDisabled}_`}`;
}

export function buildPools(pools: PoolListing[], words: string): Reply {
  if (pools.length === 0) return sentence(m.poolsNone(words.trim() ? code(words) : ''));
  const lines = pools.map((p) => `• ${m.poolLine(esc(p.name), p.shortname ? esc(p.shortname) : undefined, p.isActive, p.botRole ? m.roles[p.botRole] : undefined)}`);
  const { blocks, shown } = linesToSections(lines, 40);
  const folded = shown < lines.length ? [context(m.poolsFolded(lines.length - shown))] : [];
  return reply(`${m.poolsTitle}: ${pools.map((p) => esc(p.name)).join(', ')}`, [header(m.poolsTitle), ...blocks, ...folded]);
}

export function buildPool(result: PoolResult): Reply {
  if (result.kind === 'not_found') return sentence(m.poolNotFound(code(result.name), result.pools.map((p) => esc(p.name))));
  const { pool, managers } = result;
  const title = `${pool.name}${pool.shortname ? ` (${pool.shortname})` : ''}`;
  const fields = [`*${m.poolActive(pool.isActive)}*`];
  if (pool.email) fields.push(`*${m.poolEmail}*\n${esc(pool.email)}`);
  if (pool.contact) fields.push(`*${m.poolContact}*\n${esc(pool.contact)}`);
  const blocks: KnownBlock[] = [header(title)];
  if (pool.description) blocks.push(section(esc(pool.description)));
  blocks.push(fieldsSection(fields));
  const managerLines = managers.map((p) => `${personLine(p)} · ${m.roles[p.role]}`);
  blocks.push(section(`*${m.poolManagers}*\n${managerLines.length > 0 ? managerLines.join('\n') : m.poolNoManagers}`));
  return reply(esc(title), blocks);
}

export function buildPeople(result: PeopleResult, words: string): Reply {
  if (result.kind === 'no_people_pool') return sentence(m.noPeoplePool);
  if (result.people.length === 0) return sentence(m.peopleNone(code(words)));
  const { blocks } = linesToSections(result.people.map(personLine), 40);
  const out: KnownBlock[] = [header(m.peopleTitle(words)), ...blocks];
  if (result.total > result.people.length) out.push(context(m.peopleMore(result.people.length, result.total)));
  return reply(m.peopleTitle(esc(words)), out);
}

export function buildPerson(result: PersonResult): Reply {
  if (result.kind === 'no_people_pool') return sentence(m.noPeoplePool);
  if (result.kind === 'not_found') {
    const text = m.personNotFound(code(result.query));
    const similar = result.similar.slice(0, 5).map(personLine);
    return reply(text, [section(text), ...(similar.length > 0 ? [section(`${m.personSimilar}\n${similar.join('\n')}`)] : [])]);
  }
  return reply(esc(personName(result.person)), [header(personName(result.person)), section(personLine(result.person))]);
}

export function buildGroups(groups: GroupSummary[], words: string): Reply {
  if (groups.length === 0) return sentence(m.groupsNone(words.trim() ? code(words) : ''));
  const { blocks } = linesToSections(groups.map((g) => `• ${m.groupLine(esc(g.name), g.memberCount)}`), 40);
  return reply(`${m.groupsTitle}: ${groups.map((g) => esc(g.name)).join(', ')}`, [header(m.groupsTitle), ...blocks]);
}

export function buildGroup(result: GroupResult): Reply {
  if (result.kind === 'not_found') return sentence(m.groupNotFound(code(result.name), result.similar.slice(0, 5).map((g) => esc(g.name))));
  const { group, members } = result;
  const blocks: KnownBlock[] = [header(group.name), context(m.groupLine(esc(group.name), group.memberCount))];
  if (group.description) blocks.push(section(esc(group.description)));
  const title = m.groupMembersTitle(members.length, group.memberCount);
  blocks.push(section(`*${title}*\n${members.length > 0 ? members.map(personLine).join('\n') : m.groupNoMembers}`));
  return reply(esc(group.name), blocks);
}

/** The tree as indented lines, folded: depth-first until the message is full, then "…and N more". */
export function buildCategories(nodes: CategoryNode[], words: string): Reply {
  if (nodes.length === 0) return sentence(m.categoriesNone(words.trim() ? code(words) : ''));
  const lines: string[] = [];
  const walk = (list: CategoryNode[], depth: number, seen: Set<string>) => {
    for (const node of list) {
      // A parent that holds no models itself is a heading, not "0 models".
      const heading = node.modelsCount === 0 && node.children.length > 0;
      const count = node.modelsCount === undefined || heading ? '' : ` · ${m.modelsCount(node.modelsCount)}`;
      lines.push(`${'\u2003'.repeat(depth)}${depth === 0 ? '*' : ''}${esc(node.name)}${depth === 0 ? '*' : ''}${count}`);
      if (!seen.has(node.id) && depth < 6) walk(node.children, depth + 1, new Set([...seen, node.id]));
    }
  };
  walk(nodes, 0, new Set());
  const { blocks, shown } = linesToSections(lines, 10);
  const out: KnownBlock[] = [header(m.categoriesTitle), ...blocks];
  if (shown < lines.length) out.push(context(m.categoriesFolded(lines.length - shown)));
  return reply(m.categoriesTitle, out);
}

export function buildWhoAmI(who: WhoAmI): Reply {
  const blocks: KnownBlock[] = [header(m.whoamiTitle)];
  const me = who.identity;
  if (me.linked) {
    blocks.push(section(m.whoamiYou(esc(personName(me.leihsUser)), esc(me.leihsUser.email ?? me.slack.email ?? ''))));
    const roles = who.roles.map((r) => `• ${esc(r.poolName ?? r.poolId)}: ${m.roles[r.role]}`);
    blocks.push(section(`*${m.whoamiRoles}*\n${roles.length > 0 ? roles.join('\n') : m.whoamiNoRoles}`));
  } else if (me.reason === 'no_email') blocks.push(section(m.whoamiNoEmail));
  else if (me.reason === 'bot_or_deleted') blocks.push(section(m.whoamiBotUser));
  else blocks.push(section(m.whoamiNotInLeihs(esc(me.slack.email ?? ''))));
  const bot = who.bot;
  const scopes = (Object.keys(m.scopeNames) as (keyof typeof m.scopeNames)[])
    .filter((name) => bot.scopes[name])
    .map((name) => m.scopeNames[name])
    .join(', ');
  const botLines = [m.whoamiBot(esc(personName(bot)), esc(bot.email ?? '')) + (bot.isAdmin ? ` · ${m.whoamiAdmin}` : '')];
  botLines.push(m.whoamiBotScopes(scopes || '–'));
  botLines.push(
    who.botPools.length > 0 ? m.whoamiBotPools(who.botPools.map((p) => `${esc(p.name)} (${m.roles[p.role]})`).join(', ')) : m.whoamiBotNoPools,
  );
  blocks.push(section(botLines.join('\n')));
  return reply(m.whoamiTitle, blocks);
}

