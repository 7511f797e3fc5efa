/**
 * The `/leihs` dispatch table: one handler per intent type. The read side answers from read-intents.ts;
 * status, requests and group changes come from the ops and approvals handlers.
 */
import type { Logger } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Intent, IntentOf, IntentType } from '../../commands/parse.js';
import { buildHelp, buildUnknown } from '../../blocks/help.js';
import type { Reply } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { readHandlers } from './read-intents.js';
import { statusIntent } from './status-intent.js';
import { groupChangeIntent, requestsIntent } from './approval-intents.js';

export interface CommandContext {
  deps: AppDeps;
  /** Who typed the command (or pressed the button that re-runs it). */
  userId: string;
  channelId: string;
  teamId: string;
  client: WebClient;
  logger: Logger;
  /** 1 for a fresh command; "More" asks for the next page. */
  page: number;
}

/** An answer, plus what the listener may add around it. */
export interface CommandAnswer extends Reply {
  /** Adds a "Share in channel" button (default: true for answers from leihs). */
  shareable?: boolean;
  /** Adds a "More" button that asks for page + 1. */
  hasMore?: boolean;
}

export type IntentHandler<T extends IntentType> = (intent: IntentOf<T>, ctx: CommandContext) => Promise<CommandAnswer>;
export type IntentHandlers = { [T in IntentType]: IntentHandler<T> };

export const intentHandlers: IntentHandlers = {
  ...readHandlers,
  help: async (intent) => ({ ...buildHelp(intent.topic), shareable: false }),
  unknown: async (intent) => ({ ...buildUnknown(intent.input, intent.suggestion), shareable: false }),
  status: statusIntent,
  requests: requestsIntent,
  group_change: groupChangeIntent,
};

/** Intents answered without any network call: the listener acks with the answer itself. */
export const instantIntents: ReadonlySet<IntentType> = new Set<IntentType>(['help', 'unknown']);

export function runIntent(intent: Intent, ctx: CommandContext): Promise<CommandAnswer> {
  const handler = intentHandlers[intent.type] as IntentHandler<typeof intent.type>;
  return handler(intent as never, ctx);
}
