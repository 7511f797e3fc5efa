import type { App } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { appHomeOpened } from './app-home-opened.js';

/** Events (app_home_opened, …): the ops engineer adds the App Home here. */
export function register(app: App, deps: AppDeps): void {
  app.event('app_home_opened', appHomeOpened(deps));
}
