/** Wraps a command's answer with its buttons ("More", "Share in channel"), or marks it as shared. Pure. */
import type { KnownBlock } from '@slack/types';
import { encodeAnswerRef } from '../commands/answer-ref.js';
import { actionIds, blockIds } from '../listeners/ids.js';
import { messages } from '../messages/index.js';
import { LIMITS } from './limits.js';
import { actions, button, buttonValueFits, capBlocks, context, reply, type Reply } from './kit.js';

const m = messages.commands;

export interface AnswerButtons {
  commandText: string;
  page: number;
  shareable: boolean;
  hasMore: boolean;
}

/** Adds the buttons that fit; a command too long to carry in a button value simply gets none. */
export function withAnswerButtons(answer: Reply, opts: AnswerButtons): Reply {
  const buttons = [];
  const more = encodeAnswerRef({ commandText: opts.commandText, page: opts.page + 1 });
  const share = encodeAnswerRef({ commandText: opts.commandText, page: opts.page });
  if (opts.hasMore && buttonValueFits(more)) buttons.push(button({ text: m.more, actionId: actionIds.findMore, value: more }));
  if (opts.shareable && buttonValueFits(share)) {
    buttons.push(button({ text: m.shareInChannel, actionId: actionIds.shareInChannel, value: share }));
  }
  if (buttons.length === 0) return answer;
  const blocks: KnownBlock[] = [...capBlocks(answer.blocks, 0, LIMITS.blocksPerMessage - 1), actions(blockIds.answerActions, buttons)];
  return reply(answer.text, blocks);
}

/** The copy posted in the channel: the same answer, without buttons, saying who shared it. */
export function asSharedAnswer(answer: Reply, userId: string): Reply {
  const blocks = answer.blocks.filter((b) => b.type !== 'actions');
  return reply(answer.text, [...capBlocks(blocks, 0, LIMITS.blocksPerMessage - 1), context(m.sharedBy(userId))]);
}
