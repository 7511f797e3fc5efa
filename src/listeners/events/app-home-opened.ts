/** app_home_opened: publishes the user's Home tab (health from the last monitor run, identity, requests to decide). */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Reply } from '../../blocks/kit.js';
import type { AppDeps } from '../../deps.js';
import { loadHomeView, type HomeDeps } from '../../ops/home.js';
import { defaultDeadlineMs } from '../../services/health.js';
import { groupChangeLeihsFor } from '../../services/group-change-leihs.js';
import { leihsWebUrl } from '../../services/leihs-reader-client.js';

type HomeOpenedArgs = AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>;

export function appHomeOpened(deps: AppDeps) {
  return async ({ event, client, logger }: HomeOpenedArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    await publishHome(deps, client, event.user).catch((error: unknown) => {
      logger.warn(`app home: not published: ${error instanceof Error ? error.message : 'unknown error'}`);
    });
  };
}

/** Builds and publishes one user's Home tab (also used by Refresh), with the answer to their last click on it. */
export async function publishHome(deps: AppDeps, client: WebClient, userId: string, notice?: Reply): Promise<void> {
  const view = await loadHomeView(userId, homeDepsFor(deps, client), notice?.blocks);
  await client.views.publish({ user_id: userId, view });
}

function homeDepsFor(deps: AppDeps, client: WebClient): HomeDeps {
  const groupChanges = groupChangeLeihsFor(deps);
  return {
    ...(deps.store ? { store: deps.store } : {}),
    resolveIdentity: (slackUserId) => deps.identity.resolve(client, slackUserId),
    approverFacts: (user) => groupChanges.approverFacts(user),
    policy: { approvers: deps.config.approvals.approvers, allowSelfApproval: deps.config.approvals.allowSelfApproval },
    deadlineMs: defaultDeadlineMs,
    leihsUrl: leihsWebUrl(deps.leihs),
  };
}
