/**
 * "Send test alert" (from /leihs status): posts a test alert to the ops channel, so ops see the wiring
 * work end to end, and tells the clicker whether it went out (and what to do when it did not).
 * Anyone can run /leihs status, so the click is authorised on the server (maySendTestAlert) from the
 * signed user id, looked up freshly: leihs admins, LEIHS_APPROVERS and the LEIHS_OPS_MENTION user.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildTestAlert } from '../../blocks/alert.js';
import { sentence } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { messages } from '../../messages/index.js';
import { maySendTestAlert } from '../../ops/test-alert-permission.js';
import { lookUpClicker } from '../../services/approvals.js';
import { groupChangeLeihsFor } from '../../services/group-change-leihs.js';
import { safeRespond } from '../respond.js';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockButtonAction>;

export function opsTestAlertAction(deps: AppDeps) {
  return async ({ ack, body, client, respond, logger }: ButtonArgs): Promise<void> => {
    await ack();
    const t = messages.ops.testAlert;
    const channel = deps.config.ops.channel;
    let answer: string;
    if (!channel) answer = t.noChannel;
    else if (!(await mayClick(deps, body.user.id, client, logger))) answer = t.notAllowed;
    else {
      const alert = buildTestAlert(body.user.id);
      answer = await client.chat.postMessage({ channel, text: alert.text, blocks: alert.blocks }).then(
        () => t.sent(channel),
        (error: unknown) => {
          const code = slackErrorCode(error);
          logger.warn(`test alert to ${channel} failed: ${code}`);
          return code === 'not_in_channel' || code === 'channel_not_found' ? t.notInChannel(channel) : t.failed(channel, code);
        },
      );
    }
    await safeRespond(respond, { response_type: 'ephemeral', replace_original: false, ...sentence(answer) }, logger);
  };
}

/** Whether this Slack user may send a test alert; a lookup that fails counts as no. */
async function mayClick(deps: AppDeps, slackUserId: string, client: ButtonArgs['client'], logger: ButtonArgs['logger']): Promise<boolean> {
  try {
    const clicker = await lookUpClicker(slackUserId, (id) => deps.identity.resolve(client, id, { fresh: true }), groupChangeLeihsFor(deps));
    return maySendTestAlert(clicker, { approvers: deps.config.approvals.approvers, ...(deps.config.ops.mention ? { opsMention: deps.config.ops.mention } : {}) });
  } catch (error) {
    logger.warn(`test alert: clicker not looked up: ${error instanceof Error ? error.message : 'unknown error'}`);
    return false;
  }
}

/** Slack's error code from a Web API failure (`data.error`), else a generic word. */
export function slackErrorCode(error: unknown): string {
  const data = typeof error === 'object' && error !== null && 'data' in error ? (error as { data?: { error?: unknown } }).data : undefined;
  return typeof data?.error === 'string' ? data.error : 'request_failed';
}
