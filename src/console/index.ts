/** The local console: the app without a Slack workspace. main calls `runConsole` in console mode. */
import type { Config } from '../config.js';

export { runConsole, type ConsoleOptions, type ConsoleSlack } from './console.js';
export { printTurn, type Clickable, type PrintedTurn } from './printer.js';

/** The fake Slack's channels that stand in for LEIHS_APPROVALS_CHANNEL and LEIHS_OPS_CHANNEL. */
export const CONSOLE_CHANNELS = { approvals: 'C0APPROVE1', ops: 'C0OPS00001' } as const;

/**
 * The config the console's app runs with: the given leihs (a real one, or the demo simulator's URL
 * and bot token), and the fake's #leihs-approvals and #leihs-ops where no channel is configured.
 */
export function consoleConfig(config: Config, leihs: { url: string; token: string }): Config {
  return {
    ...config,
    leihs: { ...config.leihs, url: leihs.url, token: leihs.token },
    approvals: { ...config.approvals, channel: config.approvals.channel ?? CONSOLE_CHANNELS.approvals },
    ops: { ...config.ops, channel: config.ops.channel ?? CONSOLE_CHANNELS.ops },
  };
}
