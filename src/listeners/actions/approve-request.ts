/**
 * Approve / Reject / Retry on an approval message: ack at once, then decide on the server. The button
 * value is only the request id; who clicked is the signed `body.user.id`, looked up freshly.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { AppDeps } from '../../deps.js';
import type { Decision } from '../../services/approval-decision.js';
import { handleDecisionClick } from '../approval-flow.js';
import { safeRespond } from '../respond.js';

export type DecisionButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

export function requestDecisionAction(deps: AppDeps, decision: Decision) {
  return async ({ ack, body, action, client, logger, respond }: DecisionButtonArgs): Promise<void> => {
    await ack();
    const answer = await handleDecisionClick({ requestId: action.value, decision, userId: body.user.id }, deps, { client, logger });
    if (answer) await safeRespond(respond, { response_type: 'ephemeral', replace_original: false, ...answer }, logger);
  };
}
