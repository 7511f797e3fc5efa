/**
 * Global shortcut "Find equipment": opens the modal at once (trigger_id lives 3 s) with the pools we
 * have cached; when the pools were not cached yet, fetches them and updates the open modal.
 */
import type { AllMiddlewareArgs, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import { buildFindModal } from '../../blocks/find-modal.js';
import type { AppDeps } from '../../deps.js';

export type ShortcutArgs = AllMiddlewareArgs & SlackShortcutMiddlewareArgs;

export function findEquipmentShortcut(deps: AppDeps) {
  return async ({ ack, shortcut, client, logger }: ShortcutArgs): Promise<void> => {
    await ack();
    const cached = deps.catalog.cachedPools();
    const opened = await client.views.open({ trigger_id: shortcut.trigger_id, view: buildFindModal(cached ?? []) });
    if (cached || !opened.view?.id) return;
    try {
      const pools = await deps.catalog.pools();
      await client.views.update({ view_id: opened.view.id, hash: opened.view.hash, view: buildFindModal(pools) });
    } catch (error) {
      // The modal still works with "All pools"; a failed refresh is only logged.
      logger.warn(`find modal: pools not loaded: ${error instanceof Error ? error.message : 'unknown error'}`);
    }
  };
}
