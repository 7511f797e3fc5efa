/** The Home tab's buttons: Refresh re-publishes it; Find equipment and Request group change open their modals. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildGroupChangeModal } from '../../blocks/approval.js';
import { buildFindModal } from '../../blocks/find-modal.js';
import type { AppDeps } from '../../deps.js';
import { publishHome } from '../events/app-home-opened.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

const warn = (logger: ButtonArgs['logger'], what: string) => (error: unknown) => {
  logger.warn(`app home: ${what} failed: ${error instanceof Error ? error.message : 'unknown error'}`);
};

export function homeRefreshAction(deps: AppDeps) {
  return async ({ ack, body, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    await publishHome(deps, client, body.user.id).catch(warn(logger, 'refresh'));
  };
}

export function homeFindEquipmentAction(deps: AppDeps) {
  return async ({ ack, body, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildFindModal(deps.catalog.cachedPools() ?? []) }).catch(warn(logger, 'find modal'));
  };
}

export function homeRequestGroupChangeAction() {
  return async ({ ack, body, client, logger }: ButtonArgs): Promise<void> => {
    await ack();
    await client.views.open({ trigger_id: body.trigger_id, view: buildGroupChangeModal() }).catch(warn(logger, 'group change modal'));
  };
}
