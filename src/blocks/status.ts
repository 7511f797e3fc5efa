/**
 * `/leihs status` as one compact message (pure). Services, the bot's token and the bot itself, one
 * section each; `verbose` adds a line of timings. The lines are shared with the alerts and App Home.
 */
import type { KnownBlock } from '@slack/types';
import { actionIds, blockIds } from '../listeners/ids.js';
import { messages as defaultMessages, type Messages } from '../messages/index.js';
import type { HealthReport, ServiceCheck, TokenHealth, BotHealth, HealthTimings } from '../services/health.js';
import { actions, button, context, header, reply, section, type Reply } from './kit.js';
import { escapeMrkdwn } from './limits.js';
import { duration, responseTime, slackDate, slackDateTime, timeLeft } from './status-format.js';

export interface StatusOptions {
  verbose: boolean;
  /** Offer "Send test alert" (only when an ops channel is configured). */
  canSendTestAlert: boolean;
  messages?: Messages;
}

export function buildStatusMessage(report: HealthReport, options: StatusOptions): Reply {
  const m = options.messages ?? defaultMessages;
  const title = m.ops.overallTitle[report.overall];
  const blocks: KnownBlock[] = [
    header(title),
    section([m.ops.serviceHeading, ...report.services.map((s) => serviceLine(s, report.deadlineMs, m))].join('\n')),
    section([m.ops.tokenHeading, ...tokenLines(report.token, report.checkedAt, m)].join('\n')),
    section([m.ops.botHeading, botLine(report.bot, m)].join('\n')),
    context(`${m.ops.overallEmoji[report.overall]} ${m.ops.checkedAt(slackDateTime(report.checkedAt))}`),
  ];
  if (options.verbose) blocks.push(context(timingsLine(report, m)));
  if (options.canSendTestAlert) {
    blocks.push(actions(blockIds.statusActions, [button({ text: m.ops.buttons.testAlert, actionId: actionIds.opsTestAlert, value: 'test' })]));
  }
  return reply(`${m.ops.overallEmoji[report.overall]} ${m.ops.statusFallback(title)}`, blocks);
}

/** ":white_check_mark: *Admin*: up · 42 ms" */
export function serviceLine(s: Pick<ServiceCheck, 'service' | 'state' | 'ms' | 'unhealthy' | 'unreachable'>, deadlineMs: number, m: Messages = defaultMessages): string {
  return m.ops.serviceLine(m.ops.serviceEmoji[s.state], m.ops.services[s.service], serviceWhat(s, deadlineMs, m), responseTime(s.ms, m));
}

function serviceWhat(s: Pick<ServiceCheck, 'state' | 'unhealthy' | 'unreachable'>, deadlineMs: number, m: Messages): string {
  const words = m.ops.serviceState;
  switch (s.state) {
    case 'up':
      return words.up;
    case 'unhealthy':
      return words.unhealthy(problemsOf(s.unhealthy, m));
    case 'not_deployed':
      return words.notDeployed;
    case 'unreachable':
      return words.unreachable(m.ops.unreachableReason[s.unreachable ?? 'other']);
    case 'slow':
      return words.slow(responseTime(deadlineMs, m));
  }
}

function problemsOf(detail: ServiceCheck['unhealthy'], m: Messages): string {
  const parts: string[] = [];
  if (detail?.memoryOk === false || (detail?.memoryUsage ?? 0) >= 0.95) {
    parts.push(m.ops.problems.memory(Math.round((detail?.memoryUsage ?? 1) * 100)));
  }
  for (const check of detail?.failingChecks ?? []) parts.push(m.ops.problems.checkFailing(escapeMrkdwn(check.name), check.message && escapeMrkdwn(check.message)));
  return parts.length > 0 ? parts.join(m.ops.problems.separator) : m.ops.problems.unknown;
}

export function tokenLines(token: TokenHealth, now: Date, m: Messages = defaultMessages): string[] {
  const t = m.ops.token;
  if (token.state === 'rejected') return [t.rejected];
  if (token.state === 'unknown') {
    return [t.notChecked(t.notCheckedReason[token.why]), ...(token.expiresAt ? [expiryLine(token.expiresAt, 'config', now, m)] : [])];
  }
  const admin = token.isAdmin ? (token.scopes.includes('admin_read') ? t.admin : t.adminWithoutScopes) : t.notAdmin;
  const scopes = token.scopes.length > 0 ? t.scopes(token.scopes.map((s) => t.scopeNames[s]).join(', ')) : t.noScopes;
  const expiry = token.expiresAt ? expiryLine(token.expiresAt, token.expirySource ?? 'leihs', now, m) : t.expiryUnknown;
  const lines = [`${t.valid(escapeMrkdwn(token.user.name), escapeMrkdwn(token.user.email))} · ${admin} · ${scopes} · ${expiry}`];
  if (token.searchablePools === undefined || token.poolsWithoutRole === undefined) lines.push(t.poolsUnknown);
  else {
    const names = (pools: { name: string }[]) => pools.map((p) => escapeMrkdwn(p.name)).join(', ');
    lines.push(token.searchablePools.length > 0 ? t.searches(token.searchablePools.length, names(token.searchablePools)) : t.searchesNone);
    if (token.poolsWithoutRole.length > 0) lines.push(t.lacksRole(names(token.poolsWithoutRole)));
  }
  return lines;
}

function expiryLine(expiresAt: Date, source: 'leihs' | 'config', now: Date, m: Messages): string {
  const t = m.ops.token;
  if (expiresAt.getTime() <= now.getTime()) return t.expired(slackDate(expiresAt));
  const words = source === 'config' ? t.expiresInFromConfig : t.expiresIn;
  return words(timeLeft(now, expiresAt), slackDate(expiresAt));
}

export function botLine(bot: BotHealth, m: Messages = defaultMessages): string {
  const b = m.ops.bot;
  const parts = [b.version(bot.version), b.uptime(duration(new Date(0), new Date(bot.uptimeMs))), b.mode[bot.slackMode]];
  parts.push(bot.store ? b.store(bot.store.engine, bot.store.answers) : b.noStore);
  if (bot.pendingRequests !== undefined) parts.push(b.pending(bot.pendingRequests));
  parts.push(bot.lastMonitorRun ? b.lastRun(slackDateTime(bot.lastMonitorRun)) : b.neverRun);
  return parts.join(' · ');
}

function timingsLine(report: HealthReport, m: Messages): string {
  const labels = m.ops.timingLabels;
  const parts = report.services.map((s) => m.ops.timing(m.ops.services[s.service], responseTime(s.ms, m)));
  const extra: [keyof HealthTimings, string][] = [
    ['pools', labels.pools],
    ['tokenList', labels.tokenList],
    ['store', labels.store],
    ['total', labels.total],
  ];
  for (const [key, label] of extra) {
    const ms = report.timings[key];
    if (ms !== undefined) parts.push(m.ops.timing(label, responseTime(ms, m)));
  }
  return `${m.ops.timingsHeading}: ${parts.join(' · ')}`;
}
