/** The one sentence a user sees when something fails, and the log line for us. */
import type { Logger } from '@slack/bolt';
import { describeLeihsError, LeihsError } from '../leihs/errors.js';
import { messages } from '../messages/index.js';
import { sentence, type Reply } from '../blocks/kit.js';

export function errorReply(error: unknown, logger: Logger): Reply {
  if (error instanceof LeihsError) {
    logger.warn(error.message);
    return sentence(describeLeihsError(error));
  }
  logger.error(error instanceof Error ? `${error.name}: ${error.message}` : 'unexpected failure');
  return sentence(messages.common.somethingWentWrong);
}
