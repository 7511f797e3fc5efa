/**
 * The "Find equipment" modal was submitted: check the input (errors show in the modal), close it, run
 * the same search as `/leihs find`, and send the answer to the user as a message from the app.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ALL_POOLS } from '../../blocks/find-modal.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { withAnswerButtons } from '../../blocks/answer.js';
import { buildFindResult } from '../../blocks/find.js';
import type { Reply } from '../../blocks/kit.js';
import { findEquipment } from '../../services/find-equipment.js';
import { findOptions, MAX_SEARCH_LENGTH } from '../commands/read-intents.js';
import { errorReply } from '../errors.js';
import { actionIds, blockIds } from '../ids.js';
import { sendDirectMessage } from './direct-message.js';

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

const quote = (text: string) => (text.includes('"') ? `“${text}”` : `"${text}"`);

/**
 * `find <words> in "<pool>"`: what the answer's "More" button carries. Words that contain "in" or "im"
 * on their own are quoted, so the parser does not read the rest as a pool.
 */
export function findCommandText(query: string, poolName?: string): string {
  const words = /(^|\s)(in|im)(\s|$)/i.test(query) ? quote(query) : query;
  return poolName ? `find ${words} in ${quote(poolName)}` : `find ${words}`;
}

/** Searches the picked pool by its id (never by re-reading a name), as `/leihs find` renders it. */
async function findAnswer(deps: AppDeps, input: { query: string; poolId?: string }, logger: ViewArgs['logger']): Promise<Reply> {
  try {
    const result = await findEquipment(findOptions({ deps }), { words: input.query, poolId: input.poolId, page: 1 });
    const pool = input.poolId ? (await deps.catalog.pools()).find((p) => p.id === input.poolId) : undefined;
    const answer = buildFindResult(result, { words: input.query, pool: pool?.name });
    return withAnswerButtons(answer, { commandText: findCommandText(input.query, pool?.name), page: 1, shareable: false, hasMore: answer.hasMore });
  } catch (error) {
    return errorReply(error, logger);
  }
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
    try {
      await sendDirectMessage(client, body.user.id, await findAnswer(deps, input, logger));
    } catch (error) {
      logger.error(`find modal: answer not delivered: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
}
