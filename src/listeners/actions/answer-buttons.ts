/**
 * "More" replaces the answer with its next page; "Share in channel" posts the same answer in the
 * channel for everyone. Both re-run the command the button carries, as the person who clicked.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { asSharedAnswer } from '../../blocks/answer.js';
import { sentence } from '../../blocks/kit.js';
import { decodeAnswerRef } from '../../commands/answer-ref.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { answerCommand } from '../commands/leihs-command.js';
import type { CommandContext } from '../commands/intent-handlers.js';
import { safeRespond } from '../respond.js';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

function contextFor(deps: AppDeps, args: ButtonArgs, page: number): CommandContext {
  const { body, client, logger } = args;
  return {
    deps,
    userId: body.user.id,
    channelId: body.channel?.id ?? body.container?.channel_id ?? '',
    teamId: body.team?.id ?? body.user.team_id ?? '',
    client,
    logger,
    page,
  };
}

export function findMoreAction(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ref = decodeAnswerRef(args.action.value);
    if (!ref) {
      await safeRespond(args.respond, { replace_original: false, ...sentence(messages.commands.answerGone) }, args.logger);
      return;
    }
    const answer = await answerCommand(ref.commandText, contextFor(deps, args, ref.page));
    await safeRespond(args.respond, { response_type: 'ephemeral', replace_original: true, text: answer.text, blocks: answer.blocks }, args.logger);
  };
}

export function shareInChannelAction(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const ref = decodeAnswerRef(args.action.value);
    if (!ref) {
      await safeRespond(args.respond, { replace_original: false, ...sentence(messages.commands.answerGone) }, args.logger);
      return;
    }
    const answer = await answerCommand(ref.commandText, contextFor(deps, args, ref.page));
    const shared = asSharedAnswer(answer, args.body.user.id);
    await safeRespond(args.respond, { response_type: 'in_channel', replace_original: false, text: shared.text, blocks: shared.blocks }, args.logger);
  };
}
