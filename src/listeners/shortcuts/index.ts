import type { App } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { callbackIds } from '../ids.js';
import { findEquipmentShortcut } from './find-equipment.js';
import { requestGroupChangeShortcut } from './request-group-change.js';

export function register(app: App, deps: AppDeps): void {
  app.shortcut(callbackIds.findShortcut, findEquipmentShortcut(deps));
  app.shortcut(callbackIds.groupChangeShortcut, requestGroupChangeShortcut());
}
