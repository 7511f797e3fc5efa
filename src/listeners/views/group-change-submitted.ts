/**
 * The "Request group change" modal was submitted: a missing member for add/remove is shown in the
 * modal; otherwise the modal closes at once and the answer ("sent for approval", or why not) arrives
 * as a direct message from the app, since a global shortcut has no channel to answer in.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import type { GroupChange as GroupChangeWish } from '../../commands/parse.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { requestGroupChange } from '../approval-flow.js';
import { actionIds, blockIds } from '../ids.js';
import { sendDirectMessage } from './direct-message.js';

type ViewArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

const input = z.object({ value: z.string().nullish() });
const stateSchema = z.object({
  [blockIds.groupChangeAction]: z.object({
    [actionIds.groupChangeActionSelect]: z.object({ selected_option: z.object({ value: z.enum(['create', 'delete', 'add_member', 'remove_member']) }) }),
  }),
  [blockIds.groupChangeGroup]: z.object({ [actionIds.groupChangeGroupInput]: input }),
  [blockIds.groupChangeUser]: z.object({ [actionIds.groupChangeUserInput]: input }).optional(),
  [blockIds.groupChangeDescription]: z.object({ [actionIds.groupChangeDescriptionInput]: input }).optional(),
});

/** The modal's values as the same wish `/leihs group …` produces, or the block to complain about. */
export function wishFromModal(values: unknown): { wish: GroupChangeWish } | { missing: 'group' | 'user' } {
  const parsed = stateSchema.safeParse(values);
  if (!parsed.success) return { missing: 'group' };
  const s = parsed.data;
  const action = s[blockIds.groupChangeAction][actionIds.groupChangeActionSelect].selected_option.value;
  const group = s[blockIds.groupChangeGroup][actionIds.groupChangeGroupInput].value?.trim() ?? '';
  const user = s[blockIds.groupChangeUser]?.[actionIds.groupChangeUserInput].value?.trim() ?? '';
  const description = s[blockIds.groupChangeDescription]?.[actionIds.groupChangeDescriptionInput].value?.trim() ?? '';
  if (!group) return { missing: 'group' };
  if (action === 'create') return { wish: description ? { action, name: group, description } : { action, name: group } };
  if (action === 'delete') return { wish: { action, name: group } };
  if (!user) return { missing: 'user' };
  return { wish: { action, user, group } };
}

export function groupChangeSubmitted(deps: AppDeps) {
  return async ({ ack, body, view, client, logger }: ViewArgs): Promise<void> => {
    const result = wishFromModal(view.state.values);
    if ('missing' in result) {
      const block = result.missing === 'user' ? blockIds.groupChangeUser : blockIds.groupChangeGroup;
      const text = result.missing === 'user' ? messages.approvals.modal.userNeeded : messages.approvals.invalid.nameEmpty;
      await ack({ response_action: 'errors', errors: { [block]: text } });
      return;
    }
    await ack();
    const answer = await requestGroupChange({ userId: body.user.id, wish: result.wish }, deps, { client, logger });
    try {
      await sendDirectMessage(client, body.user.id, answer);
    } catch (error) {
      logger.warn(`group change answer not sent: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
}
