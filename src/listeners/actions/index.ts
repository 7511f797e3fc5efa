import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { actionIds } from '../ids.js';
import { findMoreAction, shareInChannelAction } from './answer-buttons.js';
import { opsTestAlertAction } from './ops-test-alert.js';
import { homeFindEquipmentAction, homeRefreshAction, homeRequestGroupChangeAction } from './home-buttons.js';
import { requestDecisionAction } from './approve-request.js';

export function register(app: App, deps: AppDeps): void {
  app.action<BlockButtonAction>(actionIds.findMore, findMoreAction(deps));
  app.action<BlockButtonAction>(actionIds.shareInChannel, shareInChannelAction(deps));
  app.action<BlockButtonAction>(actionIds.opsTestAlert, opsTestAlertAction(deps));
  app.action<BlockButtonAction>(actionIds.homeRefresh, homeRefreshAction(deps));
  app.action<BlockButtonAction>(actionIds.homeFindEquipment, homeFindEquipmentAction(deps));
  app.action<BlockButtonAction>(actionIds.homeRequestGroupChange, homeRequestGroupChangeAction());
  app.action<BlockButtonAction>(actionIds.approveRequest, requestDecisionAction(deps, 'approve'));
  app.action<BlockButtonAction>(actionIds.rejectRequest, requestDecisionAction(deps, 'reject'));
  app.action<BlockButtonAction>(actionIds.retryRequest, requestDecisionAction(deps, 'retry'));
}
