/**
 * The "Find equipment" modal was submitted: check the input (errors show in the modal), close it, run
 * the same search as `/leihs find`, and send the answer to the user as a message from the app.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ALL_POOLS } from '../../blocks/find-modal.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { answerCommand } from '../commands/leihs-command.js';
import { MAX_SEARCH_LENGTH } from '../commands/read-intents.js';
import { actionIds, blockIds } from '../ids.js';

export type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const stateSchema = z.object({
  [blockIds.findQuery]: z.object({ [actionIds.findQueryInput]: z.object({ value: z.string().nullish() }) }),
  [blockIds.findPool]: z
    .object({ [actionIds.findPoolSelect]: z.object({ selected_option: z.object({ value: z.string() }).nullish() }) })
    .optional(),
});

/** Reads the modal's values; undefined when the payload is not the shape we built. */
export function readFindModal(values: unknown): { query: string; poolId?: string } | undefined {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return undefined;
  const query = (parsed.data[blockIds.findQuery]?.[actionIds.findQueryInput]?.value ?? '').trim();
  const poolId = parsed.data[blockIds.findPool]?.[actionIds.findPoolSelect]?.selected_option?.value;
  return { query, poolId: poolId && poolId !== ALL_POOLS ? poolId : undefined };
}

/** `find <words> in "<pool>"`, the command the modal stands for. */
export function findCommandText(query: string, poolName?: string): string {
  if (!poolName) return `find ${query}`;
  const quoted = poolName.includes('"') ? `“${poolName}”` : `"${poolName}"`;
  return `find ${query} in ${quoted}`;
}

export function findSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client, logger }: ViewArgs): Promise<void> => {
    const input = readFindModal(view.state.values);
    const m = messages.findModal;
    if (!input || input.query.length === 0) {
      await ack({ response_action: 'errors', errors: { [blockIds.findQuery]: m.queryMissing } });
      return;
    }
    if (input.query.length > MAX_SEARCH_LENGTH) {
      await ack({ response_action: 'errors', errors: { [blockIds.findQuery]: m.queryTooLong } });
      return;
    }
    await ack();
    const userId = body.user.id;
    try {
      const pool = input.poolId ? (await deps.catalog.pools()).find((p) => p.id === input.poolId) : undefined;
      const answer = await answerCommand(findCommandText(input.query, pool?.shortname ?? pool?.name), {
        deps,
        userId,
        channelId: '',
        teamId: body.team?.id ?? body.user.team_id ?? '',
        client,
        logger,
        page: 1,
      }, { share: false });
      const dm = await client.conversations.open({ users: userId });
      const channel = dm.channel?.id ?? userId;
      await client.chat.postMessage({ channel, text: answer.text, blocks: answer.blocks });
    } catch (error) {
      logger.error(`find modal: answer not delivered: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
}
