/** Answers for find / item / model. Pure: data in, Block Kit out; every string through limits. */
import type { KnownBlock } from '@slack/types';
import { messages } from '../messages/index.js';
import type { FanoutReport, FindResult, ItemResult, ModelResult } from '../services/find-equipment.js';
import type { ItemRow, PoolSummary } from '../services/leihs-reader.js';
import { dueWording } from './dates.js';
import { context, divider, fieldsSection, header, reply, section, sentence, type Reply } from './kit.js';
import { LIMITS, code, escapeMrkdwn } from './limits.js';

const m = messages.find;
const esc = escapeMrkdwn;
/** Pools listed under one model before "…and N more pools". */
const POOLS_PER_MODEL = 6;
/** Model names listed when a name matches several models. */
const MODELS_LISTED = 15;

export interface PagedReply extends Reply {
  hasMore: boolean;
}

/** "Audio did not answer; results from 4 of 5 pools" as a context line, or nothing. */
export function partialNotice(report: FanoutReport): KnownBlock[] {
  if (report.failed.length === 0) return [];
  const names = report.failed.map((f) => esc(f.pool.name));
  return [context(`:warning: ${m.partial(names, report.asked - report.failed.length, report.asked)}`)];
}

export function buildFindResult(result: FindResult, query: { words: string; pool?: string }): PagedReply {
  const words = esc(query.words);
  switch (result.kind) {
    case 'no_pools':
      return { ...sentence(m.noPools), hasMore: false };
    case 'unknown_pool':
      return { ...sentence(m.unknownPool(code(result.pool), result.pools.map((p) => esc(p.name)))), hasMore: false };
    case 'pool_not_searchable':
      return { ...sentence(m.poolNotSearchable(esc(result.pool.name))), hasMore: false };
    case 'found':
      break;
  }
  if (result.total === 0) {
    const text = query.pool ? m.nothingFoundInPool(code(query.words), code(query.pool)) : m.nothingFound(code(query.words));
    return { ...reply(text, [section(text), ...partialNotice(result.report)]), hasMore: false };
  }
  const from = (result.page - 1) * result.pageSize + 1;
  const to = from + result.models.length - 1;
  const blocks: KnownBlock[] = [header(m.resultsTitle(query.words)), context(m.resultsSummary(result.total, from, to, result.complete)), ...partialNotice(result.report)];
  for (const model of result.models) {
    // Pools that hold the model but lend none of it share one line instead of a row of zeros each.
    const lending = model.pools.filter((s) => s.borrowable > 0);
    const holding = model.pools.filter((s) => s.borrowable <= 0);
    const shown = lending.slice(0, POOLS_PER_MODEL);
    const lines = shown.map((s) => `• ${m.stockLine(esc(s.pool.name), s.inStock, s.borrowable)}`);
    if (lending.length > shown.length) lines.push(m.morePools(lending.length - shown.length));
    if (holding.length > 0) lines.push(m.notBorrowableIn(holding.slice(0, POOLS_PER_MODEL).map((s) => esc(s.pool.name))));
    const title = `*${esc(model.name)}*${model.manufacturer ? ` · ${esc(model.manufacturer)}` : ''}`;
    blocks.push(divider(), section(`${title}\n${lines.join('\n')}`));
  }
  const text = `${m.resultsTitle(words)}: ${m.resultsSummary(result.total, from, to, result.complete)}`;
  // Leave room for the answer's buttons (one actions block) and, on the last page read, the hint to narrow.
  const cut = !result.complete && !result.hasMore ? [context(m.resultsCut)] : [];
  return { ...reply(text, [...blocks.slice(0, LIMITS.blocksPerMessage - 1 - cut.length), ...cut]), hasMore: result.hasMore };
}

function place(item: ItemRow): string {
  const parts = [item.buildingName ?? item.buildingCode, item.roomName, item.shelf].filter((p): p is string => Boolean(p));
  return parts.length > 0 ? parts.map(esc).join(' / ') : m.unknownPlace;
}

function itemStatus(item: ItemRow): string {
  const flags: string[] = [item.isBorrowable ? m.borrowable : m.notBorrowable];
  if (item.isBroken) flags.push(m.broken);
  if (item.isIncomplete) flags.push(m.incomplete);
  if (item.retired) flags.push(m.retired);
  return flags.join(' · ');
}

function lentTo(item: ItemRow, now: Date, timeZone?: string): string {
  const r = item.reservation;
  if (!r) return m.available;
  const who = esc(r.userName ?? m.unknownPerson);
  return r.endDate ? m.lentToLine(who, dueWording(r.endDate, now, timeZone)) : who;
}

const poolName = (pool: PoolSummary | undefined, fallback?: string) => esc(pool?.name ?? fallback ?? '?');

export function buildItemResult(result: ItemResult, now: Date, timeZone?: string): Reply {
  if (result.kind === 'no_pools') return sentence(m.noPools);
  if (result.kind === 'not_found') {
    const text = m.itemNotFound(code(result.inventoryCode));
    return reply(text, [section(text), ...partialNotice(result.report)]);
  }
  const { item } = result;
  const title = m.itemTitle(item.inventoryCode, item.modelName ?? '');
  const fields = [
    `*${m.owner}*\n${poolName(result.owner, item.ownerPoolId)}`,
    `*${m.responsible}*\n${poolName(result.responsible, item.responsiblePoolName)}`,
    `*${m.location}*\n${place(item)}`,
    `*${m.status}*\n${itemStatus(item)}`,
    `*${m.lentTo}*\n${lentTo(item, now, timeZone)}`,
  ];
  // The code is unique: once found, pools that did not answer cannot change the answer.
  const summary = item.reservation ? lentTo(item, now, timeZone) : m.notLentOut;
  return reply(`${esc(title)}: ${summary}`, [header(title), fieldsSection(fields)]);
}

export function buildModelResult(result: ModelResult, now: Date, timeZone?: string): Reply {
  if (result.kind === 'no_pools') return sentence(m.noPools);
  if (result.kind === 'not_found') {
    const text = m.modelNotFound(code(result.name), code(m.findCommand(result.name)));
    return reply(text, [section(text), ...partialNotice(result.report)]);
  }
  if (result.kind === 'ambiguous') {
    const text = m.modelAmbiguous(code(result.name), result.names.length);
    const shown = result.names.slice(0, MODELS_LISTED);
    const lines = shown.map((name) => `• ${esc(name)}`);
    if (result.names.length > shown.length) lines.push(m.moreModels(result.names.length - shown.length));
    return reply(text, [section(text), section(lines.join('\n')), ...partialNotice(result.report)]);
  }
  const { model } = result;
  const blocks: KnownBlock[] = [header(m.modelTitle(model.name))];
  const sub = [model.manufacturer ? esc(model.manufacturer) : undefined, m.totals(model.inStock, model.borrowable)].filter(Boolean).join(' · ');
  blocks.push(context(sub), ...partialNotice(result.report));
  for (const p of result.pools) {
    const lines = p.items.map((item) => `• \`${esc(item.inventoryCode)}\` ${place(item)} · ${item.reservation ? lentTo(item, now, timeZone) : itemStatus(item)}`);
    const hidden = Math.max(0, p.totalItems - p.items.length);
    if (hidden > 0) lines.push(m.moreItems(hidden));
    blocks.push(divider(), section(`${m.modelPool(esc(p.stock.pool.name), p.stock.inStock, p.stock.borrowable, p.stock.items)}\n${lines.join('\n')}`));
  }
  if (result.otherNames.length > 0) blocks.push(context(m.otherModels(result.otherNames.slice(0, 10).map(esc).join(', '))));
  return reply(`${esc(model.name)}: ${m.totals(model.inStock, model.borrowable)}`, blocks.slice(0, LIMITS.blocksPerMessage - 1));
}
