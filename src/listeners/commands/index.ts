import type { App } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import { COMMAND } from '../ids.js';
import { leihsCommand } from './leihs-command.js';

export function register(app: App, deps: AppDeps): void {
  app.command(COMMAND, leihsCommand(deps));
}
