/**
 * "More" replaces the answer with its next page; "Share in channel" posts the same answer in the
 * channel for everyone. Both re-run the command the button carries, as the person who clicked, so
 * every permission check of that command applies to the clicker, never to whoever got the answer.
 *
 * A button value is payload input anyone can craft. Only the read-only commands that put these
 * buttons on their answers are re-run (never a group change, /leihs requests, help or the echo of
 * an unknown command), and Share posts only an answer its command marks as shareable.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { asSharedAnswer } from '../../blocks/answer.js';
import { sentence } from '../../blocks/kit.js';
import { decodeAnswerRef, type AnswerRef } from '../../commands/answer-ref.js';
import { parseCommand, subcommands, type Intent, type IntentType, type Subcommand } from '../../commands/parse.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { answerCommand } from '../commands/leihs-command.js';
import { runIntent, type CommandContext } from '../commands/intent-handlers.js';
import { errorReply } from '../errors.js';
import { safeRespond } from '../respond.js';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

/** Subcommands whose answers carry no "More" / "Share in channel": they list or change requests, or only explain. */
const notRerunnable: ReadonlySet<Subcommand> = new Set<Subcommand>(['requests', 'help']);

/** The commands whose answers carry "More" / "Share in channel": read-only, no side effects. */
export const rerunnableIntents: ReadonlySet<IntentType> = new Set<IntentType>(subcommands.filter((name) => !notRerunnable.has(name)));

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

/** The button's command, when it is one these buttons may re-run; undefined for anything else. */
export function rerunnableRef(value: string | undefined): { ref: AnswerRef; intent: Intent } | undefined {
  const ref = decodeAnswerRef(value);
  if (!ref) return undefined;
  const intent = parseCommand(ref.commandText);
  return rerunnableIntents.has(intent.type) ? { ref, intent } : undefined;
}

async function refuse(args: ButtonArgs): Promise<void> {
  await safeRespond(args.respond, { response_type: 'ephemeral', replace_original: false, ...sentence(messages.commands.answerGone) }, args.logger);
}

export function findMoreAction(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const target = rerunnableRef(args.action.value);
    if (!target) return refuse(args);
    const answer = await answerCommand(target.ref.commandText, contextFor(deps, args, target.ref.page));
    await safeRespond(args.respond, { response_type: 'ephemeral', replace_original: true, text: answer.text, blocks: answer.blocks }, args.logger);
  };
}

export function shareInChannelAction(deps: AppDeps) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const target = rerunnableRef(args.action.value);
    if (!target) return refuse(args);
    let answer;
    try {
      answer = await runIntent(target.intent, contextFor(deps, args, target.ref.page));
    } catch (error) {
      // A failure is told to the clicker alone, never posted in the channel.
      const reply = errorReply(error, args.logger);
      await safeRespond(args.respond, { response_type: 'ephemeral', replace_original: false, ...reply }, args.logger);
      return;
    }
    if (answer.shareable === false) return refuse(args);
    const shared = asSharedAnswer(answer, args.body.user.id);
    await safeRespond(args.respond, { response_type: 'in_channel', replace_original: false, text: shared.text, blocks: shared.blocks }, args.logger);
  };
}
