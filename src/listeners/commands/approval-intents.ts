/** The `/leihs` intents of group change requests: `group create|delete|add|remove …` and `requests`. */
import { buildRequestsOverview } from '../../blocks/approval.js';
import { sentence } from '../../blocks/kit.js';
import { messages } from '../../messages/index.js';
import { listRequestsOverview } from '../../services/approvals.js';
import { approvalContext, requestGroupChange } from '../approval-flow.js';
import type { IntentHandler } from './intent-handlers.js';

export const groupChangeIntent: IntentHandler<'group_change'> = async (intent, ctx) => {
  const answer = await requestGroupChange(
    { userId: ctx.userId, wish: intent.change, ...(ctx.channelId ? { requestChannel: ctx.channelId } : {}) },
    ctx.deps,
    { client: ctx.client, logger: ctx.logger },
  );
  return { ...answer, shareable: false };
};

export const requestsIntent: IntentHandler<'requests'> = async (_intent, ctx) => {
  const ac = approvalContext(ctx.deps);
  if (!ac) return { ...sentence(messages.approvals.noStore), shareable: false };
  return { ...buildRequestsOverview(await listRequestsOverview(ac.store, ac.clock.now())), shareable: false };
};
