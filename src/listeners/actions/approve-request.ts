/**
 * Approve / Reject / Retry on an approval message or on the App Home tab: ack at once, then decide on
 * the server. The button value is only the request id; who clicked is the signed `body.user.id`,
 * looked up freshly. A click on the Home tab (a view: no response_url) gets its answer and the
 * decided request's new state by re-publishing the clicker's Home tab.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import type { Decision } from '../../services/approval-decision.js';
import { handleDecisionClick } from '../approval-flow.js';
import { publishHome } from '../events/app-home-opened.js';
import { safeRespond } from '../respond.js';

export type DecisionButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

export function requestDecisionAction(deps: AppDeps, decision: Decision) {
  return async ({ ack, body, action, client, logger, respond }: DecisionButtonArgs): Promise<void> => {
    await ack();
    const userId = body.user.id;
    const answer = await handleDecisionClick({ requestId: action.value, decision, userId }, deps, { client, logger });
    if (body.container?.type === 'view' || !body.response_url) {
      await publishHome(deps, client, userId, answer).catch((error: unknown) => {
        logger.warn(`app home: not re-published after a decision: ${error instanceof Error ? error.message : 'unknown error'}`);
      });
      return;
    }
    if (answer) await safeRespond(respond, { response_type: 'ephemeral', replace_original: false, ...answer }, logger);
  };
}
