/**
 * `/leihs …`: acks at once ("Searching…", or the answer itself when no leihs call is needed), then
 * parses, dispatches through the intent table and replaces the ack with the answer via respond().
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { withAnswerButtons } from '../../blocks/answer.js';
import { parseCommand } from '../../commands/parse.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { afterAck } from '../../util/after-ack.js';
import { errorReply } from '../errors.js';
import { safeRespond } from '../respond.js';
import { instantIntents, runIntent, type CommandAnswer, type CommandContext } from './intent-handlers.js';

export type CommandArgs = AllMiddlewareArgs & SlackCommandMiddlewareArgs;

export function leihsCommand(deps: AppDeps) {
  return async ({ command, ack, respond, client, logger }: CommandArgs): Promise<void> => {
    const commandText = command.text ?? '';
    const intent = parseCommand(commandText);
    const ctx: CommandContext = {
      deps,
      userId: command.user_id,
      channelId: command.channel_id,
      teamId: command.team_id,
      client,
      logger,
      page: 1,
    };
    if (instantIntents.has(intent.type)) {
      const answer = await runIntent(intent, ctx);
      await ack({ response_type: 'ephemeral', text: answer.text, blocks: answer.blocks });
      return;
    }
    await ack({ response_type: 'ephemeral', text: messages.commands.searching });
    await afterAck();
    const message = await answerCommand(commandText, ctx);
    await safeRespond(respond, { response_type: 'ephemeral', replace_original: true, ...message }, logger);
  };
}

/**
 * Runs a command's text for a page and renders it with its buttons; failures become one sentence.
 * `share: false` leaves out "Share in channel" (e.g. an answer sent as a DM, where there is no channel to share in).
 */
export async function answerCommand(commandText: string, ctx: CommandContext, options: { share?: boolean } = {}): Promise<CommandAnswer> {
  try {
    const answer = await runIntent(parseCommand(commandText), ctx);
    return withAnswerButtons(answer, {
      commandText,
      page: ctx.page,
      shareable: options.share !== false && (answer.shareable ?? true),
      hasMore: answer.hasMore ?? false,
    });
  } catch (error) {
    return errorReply(error, ctx.logger);
  }
}
