import type { Logger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';

/** A logger that keeps test output clean; Bolt and web-api accept it. */
export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  setLevel: () => undefined,
  getLevel: () => LogLevel.ERROR,
  setName: () => undefined,
};
