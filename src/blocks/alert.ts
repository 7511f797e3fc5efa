/**
 * What the health monitor posts to the ops channel (pure): the one incident message (edited as the
 * state moves), its timeline replies, token expiry warnings and the test alert.
 */
import type { Overall } from '../ops/incident.js';
import type { TokenWarning } from '../ops/token-expiry.js';
import { messages as defaultMessages, type Messages } from '../messages/index.js';
import type { HealthReport } from '../services/health.js';
import { header, reply, section, type Reply } from './kit.js';
import { escapeMrkdwn } from './limits.js';
import { serviceLine, tokenLines } from './status.js';
import { duration, slackDate, slackDateTime, timeLeft } from './status-format.js';

/** The lines that say what is wrong: every service not up, and the token when it is not valid. */
export function problemLines(report: HealthReport, m: Messages = defaultMessages): string[] {
  const lines = report.services.filter((s) => s.state !== 'up').map((s) => serviceLine(s, report.deadlineMs, m));
  if (report.token.state !== 'valid') lines.push(...tokenLines(report.token, report.checkedAt, m));
  return lines;
}

export interface OpenIncident {
  state: Exclude<Overall, 'ok'>;
  /** When the current state was first seen. */
  since: Date;
  /** When the incident began. */
  startedAt: Date;
  report: HealthReport;
  /** config.ops.mention; used when the state is down. */
  mention?: string;
}

/** The incident message while it is open: title, since when, what failed; mentions on-call when down. */
export function buildIncidentMessage(incident: OpenIncident, m: Messages = defaultMessages): Reply {
  const title = m.ops.overallTitle[incident.state];
  const emoji = m.ops.overallEmoji[incident.state];
  const when =
    incident.since.getTime() === incident.startedAt.getTime()
      ? m.ops.alert.opened(title, slackDateTime(incident.since))
      : m.ops.alert.changed(title, slackDateTime(incident.since), slackDateTime(incident.startedAt));
  const ping = incident.state === 'down' && incident.mention ? m.ops.alert.mention(mentionMarkup(incident.mention)) : undefined;
  const problems = problemLines(incident.report, m);
  return reply(ping ?? `${emoji} ${title}`, [
    header(title),
    section([...(ping ? [ping] : []), `${emoji} ${when}`].join('\n')),
    ...(problems.length > 0 ? [section([m.ops.alert.whatFailed, ...problems].join('\n'))] : []),
  ]);
}

/** The incident message once it is over: how long it lasted, from when to when. */
export function buildResolvedMessage(startedAt: Date, recoveredAt: Date, m: Messages = defaultMessages): Reply {
  const text = m.ops.alert.resolved(duration(startedAt, recoveredAt), slackDateTime(startedAt), slackDateTime(recoveredAt));
  return reply(`${m.ops.overallEmoji.ok} ${m.ops.alert.resolvedTitle}`, [header(m.ops.alert.resolvedTitle), section(`${m.ops.overallEmoji.ok} ${text}`)]);
}

/** A timeline reply in the incident's thread: the new state, what failed, and on-call when it went down. */
export function buildTimelineEntry(
  state: Exclude<Overall, 'ok'>,
  at: Date,
  report: HealthReport,
  mention: string | undefined,
  m: Messages = defaultMessages,
): Reply {
  const line = m.ops.alert.timelineChange(slackDateTime(at), `${m.ops.overallEmoji[state]} ${m.ops.overallTitle[state]}`);
  const ping = state === 'down' && mention ? m.ops.alert.mention(mentionMarkup(mention)) : undefined;
  return reply(ping ?? line, [section([...(ping ? [ping] : []), line, ...problemLines(report, m)].join('\n'))]);
}

/** The timeline reply that closes an incident. */
export function buildRecoveryEntry(startedAt: Date, recoveredAt: Date, m: Messages = defaultMessages): Reply {
  const text = m.ops.alert.recovered(slackDateTime(recoveredAt), duration(startedAt, recoveredAt));
  return reply(text, [section(`${m.ops.overallEmoji.ok} ${text}`)]);
}

export function buildTokenWarning(warning: TokenWarning, now: Date, who: string | undefined, m: Messages = defaultMessages): Reply {
  const text = m.ops.alert.tokenWarning(timeLeft(now, warning.expiresAt), slackDate(warning.expiresAt), who ? escapeMrkdwn(who) : m.ops.alert.tokenWarningWhoUnknown);
  return reply(text, [section(text)]);
}

export function buildTestAlert(userId: string, m: Messages = defaultMessages): Reply {
  const text = m.ops.alert.testAlert(userId);
  return reply(text, [section(text)]);
}

/** LEIHS_OPS_MENTION as Slack markup: a user group id S… becomes <!subteam^S…>, a user id <@U…>. */
export function mentionMarkup(mention: string): string {
  if (mention.startsWith('<')) return mention;
  return mention.startsWith('S') ? `<!subteam^${mention}>` : `<@${mention}>`;
}
