/** Global shortcut "Request group change": opens the modal at once, since a trigger_id lives only 3 s. */
import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildGroupChangeModal } from '../../blocks/approval.js';

export function requestGroupChangeShortcut() {
  return async ({ ack, shortcut, client }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: shortcut.trigger_id, view: buildGroupChangeModal() });
  };
}
