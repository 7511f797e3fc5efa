/**
 * Gathers the App Home for one user: the monitor's last run (from the store, never recomputed per open),
 * who they are in leihs, and the pending requests they may decide, rendered with the approvals' own cards.
 * Each part that fails shows as "unknown" instead of failing the whole tab.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { buildApprovalMessage } from '../blocks/approval.js';
import { buildHomeView, type HomeIdentity } from '../blocks/home.js';
import { mayDecide, type ApprovalPolicy, type Clicker } from '../services/approval-decision.js';
import type { ApproverFacts, LeihsUserKey } from '../services/group-change-leihs.js';
import type { Identity } from '../services/identity.js';
import type { Store, StoredRequest } from '../store/store.js';
import { readMonitorState, type MonitorSnapshot } from './monitor-state.js';
import { personName } from '../services/leihs-reader.js';

export interface HomeDeps {
  store?: Pick<Store, 'getMonitorState' | 'listRequests'>;
  /** Slack user → leihs user (the identity service; a cached answer is fine here). */
  resolveIdentity: (slackUserId: string) => Promise<Identity>;
  /** Admin flag and pool roles, to know which requests this user may decide. */
  approverFacts?: (user: LeihsUserKey) => Promise<ApproverFacts>;
  policy: ApprovalPolicy;
  /** The health checks' deadline, to word "slow". */
  deadlineMs: number;
  leihsUrl?: string;
}

/** How many pending requests are looked at for one Home tab. */
const pendingLimit = 50;

export async function loadHomeView(slackUserId: string, deps: HomeDeps, notice?: KnownBlock[]): Promise<HomeView> {
  const [health, identity] = await Promise.all([lastRun(deps), deps.resolveIdentity(slackUserId).catch(() => undefined)]);
  const approvals = identity?.linked ? await decidableRequests(slackUserId, identity, deps).catch(() => []) : [];
  return buildHomeView({
    ...(health ? { health } : {}),
    deadlineMs: deps.deadlineMs,
    identity: homeIdentity(identity),
    approvals: approvals.map((request) => homeCard(request, deps.leihsUrl)),
    ...(notice ? { notice } : {}),
  });
}

/**
 * A request's approval card for the Home tab. A view refuses two blocks with one block_id, so each
 * card's buttons get the request id in theirs (listeners match on action_id only).
 */
export function homeCard(request: StoredRequest, leihsUrl: string | undefined): KnownBlock[] {
  const blocks = buildApprovalMessage(request, leihsUrl ? { leihsUrl } : {}).blocks;
  return blocks.map((block) => (block.type === 'actions' && block.block_id ? { ...block, block_id: `${block.block_id}_${request.id}` } : block));
}

async function lastRun(deps: HomeDeps): Promise<MonitorSnapshot | undefined> {
  if (!deps.store) return undefined;
  return (await readMonitorState(deps.store).catch(() => undefined))?.lastRun;
}

function homeIdentity(identity: Identity | undefined): HomeIdentity {
  if (!identity) return { state: 'unknown' };
  if (identity.linked) {
    const u = identity.leihsUser;
    const name = personName(u);
    return { state: 'linked', name, email: u.email ?? identity.slack.email ?? '' };
  }
  return identity.slack.email && identity.reason === 'not_in_leihs' ? { state: 'not_linked', email: identity.slack.email } : { state: 'not_linked' };
}

async function decidableRequests(slackUserId: string, identity: Extract<Identity, { linked: true }>, deps: HomeDeps) {
  if (!deps.store || !deps.approverFacts) return [];
  const user = identity.leihsUser;
  const [facts, pending] = await Promise.all([
    deps.approverFacts(user.email ? { id: user.id, email: user.email } : { id: user.id }),
    deps.store.listRequests({ statuses: ['pending'], limit: pendingLimit }),
  ]);
  const clicker: Clicker = {
    slackUserId,
    ...(identity.slack.email ? { email: identity.slack.email } : {}),
    leihs: { userId: user.id, ...facts },
  };
  return pending.filter(
    (r) =>
      mayDecide(
        'approve',
        clicker,
        { requesterSlackUserId: r.requester.slackUserId, ...(r.requester.leihsUserId ? { requesterLeihsUserId: r.requester.leihsUserId } : {}) },
        deps.policy,
      ).allowed,
  );
}
