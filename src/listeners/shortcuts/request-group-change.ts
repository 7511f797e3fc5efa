/**
 * Global shortcut "Request group change" (and the App Home button of the same name): opens the modal
 * at once, since a trigger_id lives only 3 s.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildGroupChangeModal } from '../../blocks/approval.js';

export function requestGroupChangeShortcut() {
  return async ({ ack, shortcut, client }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: buildGroupChangeModal() });
  };
}

export function requestGroupChangeButton() {
  return async ({ ack, body, client }: AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildGroupChangeModal() });
  };
}
