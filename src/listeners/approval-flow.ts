/**
 * The Slack side of group change requests, shared by the `/leihs group …` command, the "Request group
 * change" modal and the Approve / Reject / Retry buttons: it wires the services to the app's
 * dependencies and sends what the builders render. Services stay free of Bolt.
 */
import type { Logger } from '@slack/bolt';
import { setTimeout as delay } from 'node:timers/promises';
import { ErrorCode, type WebClient } from '@slack/web-api';
import {
  buildApprovalMessage,
  buildRefusal,
  buildRequesterNotice,
  buildSentForApproval,
  buildUnchanged,
  groupChangeProblemText,
} from '../blocks/approval.js';
import { sentence, type Reply } from '../blocks/kit.js';
import type { GroupChange as GroupChangeWish } from '../commands/parse.js';
import type { AppDeps } from '../deps.js';
import { messages } from '../messages/index.js';
import type { StoredRequest } from '../store/store.js';
import type { Decision } from '../services/approval-decision.js';
import {
  decideOnRequest,
  expireDueRequests,
  failInterruptedRequests,
  interruptedAfterMs,
  lookUpClicker,
  type ApprovalsDeps,
  type ClickResult,
} from '../services/approvals.js';
import { groupChangeLeihsFor } from '../services/group-change-leihs.js';
import { checkGroupChange, openGroupRequest } from '../services/group-requests.js';
import { errorReply } from './errors.js';
import { leihsWebUrl } from '../services/leihs-reader-client.js';
import { sendDirectMessage } from './views/direct-message.js';

const m = messages.approvals;

export interface ApprovalContext extends ApprovalsDeps {
  /** For links to the group in leihs admin. */
  leihsUrl: string;
  /** LEIHS_APPROVALS_CHANNEL, or undefined to use the channel of the request. */
  approvalsChannel?: string;
  requestTtlMs: number;
  /** An `executing` request older than this was cut off (from LEIHS_TIMEOUT, see interruptedAfterMs). */
  interruptedAfterMs: number;
  /** Aborted when the app shuts down; a Retry-After wait then ends at once. */
  shutdown?: AbortSignal;
}

/** The approval services built on the app's dependencies; undefined without a store. */
export function approvalContext(deps: AppDeps): ApprovalContext | undefined {
  if (!deps.store) return undefined;
  const leihs = groupChangeLeihsFor(deps);
  const { approvals } = deps.config;
  return {
    store: deps.store,
    leihs,
    clock: deps.clock,
    policy: { approvers: approvals.approvers, allowSelfApproval: approvals.allowSelfApproval },
    leihsUrl: leihsWebUrl(deps.leihs),
    ...(approvals.channel ? { approvalsChannel: approvals.channel } : {}),
    requestTtlMs: approvals.requestTtlMs,
    interruptedAfterMs: interruptedAfterMs(deps.config.leihs.timeoutMs),
    ...(deps.shutdown ? { shutdown: deps.shutdown } : {}),
  };
}

export interface SlackSide {
  client: WebClient;
  logger: Logger;
}

/**
 * `/leihs group create|delete|add|remove` and the modal: the requester is looked up freshly, the wish
 * is checked against leihs, stored as pending and posted for approval. Returns the requester's answer.
 */
export async function requestGroupChange(
  input: { userId: string; wish: GroupChangeWish; requestChannel?: string },
  deps: AppDeps,
  slack: SlackSide,
): Promise<Reply> {
  const ac = approvalContext(deps);
  if (!ac) return sentence(m.noStore);
  try {
    const identity = await deps.identity.resolve(slack.client, input.userId, { fresh: true });
    if (!identity.linked || identity.leihsUser.accountEnabled === false) return sentence(m.notLinked);
    const channel = ac.approvalsChannel ?? input.requestChannel;
    if (!channel) return sentence(m.noChannel);
    const prepared = await checkGroupChange(input.wish, ac.leihs);
    if (!prepared.ok) return sentence(groupChangeProblemText(prepared.problem));

    const user = identity.leihsUser;
    const requester = {
      slackUserId: input.userId,
      ...(identity.slack.email ? { email: identity.slack.email } : {}),
      leihsUserId: user.id,
    };
    const request = await openGroupRequest(
      { change: prepared.change, requester, ...(input.requestChannel ? { requestChannel: input.requestChannel } : {}) },
      { store: ac.store, clock: ac.clock, requestTtlMs: ac.requestTtlMs },
    );
    const posted = await postApprovalMessage(request, channel, ac, slack);
    if (!posted) return sentence(m.postFailed(`<#${channel}>`));
    return buildSentForApproval(request, posted.channel, posted.permalink);
  } catch (error) {
    return errorReply(error, slack.logger);
  }
}

async function postApprovalMessage(
  request: StoredRequest,
  channel: string,
  ac: ApprovalContext,
  slack: SlackSide,
): Promise<{ channel: string; permalink?: string } | undefined> {
  const message = buildApprovalMessage(request, { leihsUrl: ac.leihsUrl });
  let posted: { channel?: string; ts?: string };
  try {
    posted = await slack.client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
  } catch (error) {
    slack.logger.warn(`approval message for ${request.id} not posted: ${error instanceof Error ? error.message : 'unknown error'}`);
    // Nobody can see it, so nobody can decide: close it rather than leave it open.
    const now = ac.clock.now();
    const closed = await ac.store.transition(request.id, 'pending', 'expired', { reason: 'approval message not posted', updatedAt: now });
    if (closed) {
      await ac.store.appendAudit({ requestId: request.id, action: request.action, outcome: 'not_posted', actor: request.requester, requester: request.requester, at: now });
    }
    return undefined;
  }
  const postedChannel = posted.channel ?? channel;
  if (posted.ts) await ac.store.setApprovalMessage(request.id, postedChannel, posted.ts);
  let permalink: string | undefined;
  if (posted.ts) {
    try {
      permalink = (await slack.client.chat.getPermalink({ channel: postedChannel, message_ts: posted.ts })).permalink;
    } catch {
      // The answer names the channel anyway; a missing link is not worth a failure.
    }
  }
  return { channel: postedChannel, ...(permalink ? { permalink } : {}) };
}

/** Longest Retry-After worth waiting for after a decision, and how often to try again. */
const maxRetryAfterMs = 30_000;
const rateLimitRetries = 2;

/**
 * The app's Web API client fails fast on a 429 (right for commands); the outcome of a decision must
 * still reach Slack, so these calls wait out Retry-After and try again, a bounded number of times
 * (at most rateLimitRetries waits of maxRetryAfterMs each). A shutdown ends the wait at once.
 */
async function afterRateLimits<T>(call: () => Promise<T>, shutdown: AbortSignal | undefined): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      const limited = error as { code?: unknown; retryAfter?: unknown };
      const retryAfterMs = typeof limited.retryAfter === 'number' ? limited.retryAfter * 1000 : undefined;
      if (limited.code !== ErrorCode.RateLimitedError || retryAfterMs === undefined || retryAfterMs > maxRetryAfterMs || attempt >= rateLimitRetries) {
        throw error;
      }
      await delay(retryAfterMs, undefined, shutdown ? { signal: shutdown } : {});
    }
  }
}

/** Re-renders the request's approval message in place (buttons removed once it is decided). */
export async function updateApprovalMessage(request: StoredRequest, ac: Pick<ApprovalContext, 'leihsUrl' | 'shutdown'>, slack: SlackSide): Promise<void> {
  if (!request.approvalChannel || !request.approvalMessageTs) return;
  const message = buildApprovalMessage(request, { leihsUrl: ac.leihsUrl });
  const { approvalChannel: channel, approvalMessageTs: ts } = request;
  try {
    await afterRateLimits(() => slack.client.chat.update({ channel, ts, text: message.text, blocks: message.blocks }), ac.shutdown);
  } catch (error) {
    slack.logger.warn(`approval message for ${request.id} not updated: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}

async function tellRequester(request: StoredRequest, ac: ApprovalContext, slack: SlackSide): Promise<void> {
  const notice = buildRequesterNotice(request, { leihsUrl: ac.leihsUrl });
  if (!notice) return;
  try {
    await afterRateLimits(
      () => sendDirectMessage(slack.client, request.requester.slackUserId, notice),
      ac.shutdown,
    );
  } catch (error) {
    slack.logger.warn(`requester of ${request.id} not told: ${error instanceof Error ? error.message : 'unknown error'}`);
  }
}

/** Request ids are short and opaque; anything else in a button value is refused before the store sees it. */
const requestIdPattern = /^R[0-9A-Z]{9}$/;

/**
 * A click on Approve, Reject or Retry (already acked). Updates the approval message and tells the
 * requester when this click decided; returns the clicker's ephemeral answer, or undefined for none.
 */
export async function handleDecisionClick(
  input: { requestId: string | undefined; decision: Decision; userId: string },
  deps: AppDeps,
  slack: SlackSide,
): Promise<Reply | undefined> {
  const ac = approvalContext(deps);
  if (!ac) return sentence(m.noStore);
  if (!input.requestId || !requestIdPattern.test(input.requestId)) return sentence(m.requestGone);
  let result: ClickResult;
  try {
    result = await decideOnRequest(
      {
        requestId: input.requestId,
        decision: input.decision,
        slackUserId: input.userId,
        lookUpClicker: (slackUserId) => lookUpClicker(slackUserId, (id) => deps.identity.resolve(slack.client, id, { fresh: true }), ac.leihs),
      },
      ac,
    );
  } catch (error) {
    return errorReply(error, slack.logger);
  }
  switch (result.kind) {
    case 'gone':
      return sentence(m.requestGone);
    case 'refused':
      return buildRefusal(result.because);
    case 'unchanged':
      return buildUnchanged(result.request);
    case 'expired':
      if (result.justMarked) await updateApprovalMessage(result.request, ac, slack);
      return buildUnchanged(result.request);
    case 'decided':
      await updateApprovalMessage(result.request, ac, slack);
      await tellRequester(result.request, ac, slack);
      return undefined;
  }
}

/**
 * Marks pending requests past their expiry as expired, and executions cut off by a stopped process as
 * failed (so they can be retried), and updates their messages; for a timer in main. Returns how many.
 */
export async function sweepExpiredRequests(deps: AppDeps, slack: SlackSide): Promise<number> {
  const ac = approvalContext(deps);
  if (!ac) return 0;
  const changed = [...(await expireDueRequests(ac)), ...(await failInterruptedRequests(ac, ac.interruptedAfterMs))];
  for (const request of changed) await updateApprovalMessage(request, ac, slack);
  return changed.length;
}

export interface ExpirySweeper {
  /** Stops the timer; resolves when a sweep already running has ended. */
  stop(): Promise<void>;
}

/** Runs the expiry sweep every `intervalMs` (one run at a time); for main. Safe on several replicas. */
export function startExpirySweeper(deps: AppDeps, slack: SlackSide, intervalMs = 60_000): ExpirySweeper {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = sweepExpiredRequests(deps, slack)
      .then(() => undefined)
      .catch((error: unknown) => slack.logger.warn(`expiry sweep failed: ${error instanceof Error ? error.message : 'unknown error'}`))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
