import type { App, ViewSubmitAction } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { callbackIds } from '../ids.js';
import { findSubmitted } from './find-submitted.js';
import { groupChangeSubmitted } from './group-change-submitted.js';

export function register(app: App, deps: AppDeps): void {
  app.view<ViewSubmitAction>(callbackIds.findModal, findSubmitted(deps));
  app.view<ViewSubmitAction>(callbackIds.groupChangeModal, groupChangeSubmitted(deps));
}
