/** respond() throws RespondError when the response_url is spent or expired; that is logged, never rethrown. */
import type { Logger, RespondArguments, RespondFn } from '@slack/bolt';

export async function safeRespond(respond: RespondFn, message: RespondArguments, logger: Logger): Promise<boolean> {
  try {
    await respond(message);
    return true;
  } catch (error) {
    logger.warn(`respond failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    return false;
  }
}
