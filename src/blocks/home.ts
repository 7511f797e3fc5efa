/**
 * The App Home tab (pure, ≤ 100 blocks): leihs health from the last monitor run (never recomputed per
 * open), the user's leihs identity, requests waiting for their decision (the approvals' own cards with
 * their buttons), quick actions and help, and Refresh.
 */
import type { HomeView, KnownBlock } from '@slack/types';
import { actionIds, blockIds } from '../listeners/ids.js';
import { messages as defaultMessages, type Messages } from '../messages/index.js';
import type { MonitorSnapshot } from '../ops/monitor-state.js';
import { actions, button, context, divider, header, section } from './kit.js';
import { LIMITS, escapeMrkdwn } from './limits.js';
import { serviceLine } from './status.js';
import { slackDateTime } from './status-format.js';

export type HomeIdentity =
  | { state: 'linked'; name: string; email: string }
  | { state: 'not_linked'; email?: string }
  | { state: 'unknown' };

export interface HomeInput {
  /** The health monitor's last run, from the store. */
  health?: MonitorSnapshot;
  /** The monitor's deadline, to word "slow". */
  deadlineMs: number;
  identity: HomeIdentity;
  /** One card (a few blocks, with Approve / Reject) per request this user may decide, newest first. */
  approvals: KnownBlock[][];
  /** The answer to the user's last click on this tab (e.g. "already approved by …"), shown on top. */
  notice?: KnownBlock[];
  messages?: Messages;
}

/** Blocks kept for everything around the approval cards. */
const reservedBlocks = 20;

export function buildHomeView(input: HomeInput): HomeView {
  const m = input.messages ?? defaultMessages;
  const h = m.ops.home;
  const blocks: KnownBlock[] = [...(input.notice ?? []).slice(0, 5), header(h.healthHeading), ...healthBlocks(input, m), divider(), header(h.youHeading), section(identityText(input.identity, m))];

  blocks.push(divider(), header(h.approvalsHeading(input.approvals.length)));
  if (input.approvals.length === 0) blocks.push(section(h.noApprovals));
  let shown = 0;
  for (const card of input.approvals) {
    if (blocks.length + card.length + reservedBlocks > LIMITS.blocksPerView) break;
    blocks.push(...card);
    shown++;
  }
  if (shown < input.approvals.length) blocks.push(context(h.moreApprovalsPlain(input.approvals.length - shown)));

  blocks.push(
    divider(),
    header(h.quickActionsHeading),
    actions(blockIds.homeActions, [
      button({ text: m.ops.buttons.findEquipment, actionId: actionIds.homeFindEquipment, style: 'primary' }),
      button({ text: m.ops.buttons.requestGroupChange, actionId: actionIds.homeRequestGroupChange }),
      button({ text: m.ops.buttons.refresh, actionId: actionIds.homeRefresh }),
    ]),
    context(h.help),
  );
  return { type: 'home', blocks: blocks.slice(0, LIMITS.blocksPerView) };
}

function healthBlocks(input: HomeInput, m: Messages): KnownBlock[] {
  const health = input.health;
  if (!health) return [section(m.ops.home.notChecked)];
  const title = `${m.ops.overallEmoji[health.overall]} *${m.ops.overallTitle[health.overall]}*`;
  const lines = health.services.map((s) => serviceLine(s, input.deadlineMs, m));
  if (health.token.state === 'rejected') lines.push(m.ops.token.rejected);
  return [section([title, ...lines].join('\n')), context(m.ops.home.lastChecked(slackDateTime(new Date(health.at))))];
}

function identityText(identity: HomeIdentity, m: Messages): string {
  const h = m.ops.home;
  switch (identity.state) {
    case 'linked':
      return h.you(escapeMrkdwn(identity.name), escapeMrkdwn(identity.email));
    case 'not_linked':
      return identity.email ? h.notLinked(escapeMrkdwn(identity.email)) : h.notLinkedNoEmail;
    case 'unknown':
      return h.identityUnknown;
  }
}
