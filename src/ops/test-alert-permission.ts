/**
 * Who may press "Send test alert" (it posts in the ops channel, so not everyone who can run
 * /leihs status): a leihs admin, anyone on LEIHS_APPROVERS, or the user named in LEIHS_OPS_MENTION.
 * Pure; the clicker is looked up freshly from the signed user id by the listener.
 */
import { isListedApprover, type Clicker } from '../services/approval-decision.js';

export interface TestAlertPolicy {
  /** LEIHS_APPROVERS: Slack user ids or emails. */
  approvers: readonly string[];
  /** LEIHS_OPS_MENTION: a user (U…, <@U…>) or a user group (S…), which names no single person here. */
  opsMention?: string;
}

/** The user id in LEIHS_OPS_MENTION, when it names one user. */
export function opsMentionUser(mention: string | undefined): string | undefined {
  return /^<?@?([UW][A-Z0-9]+)>?$/.exec(mention ?? '')?.[1];
}

export function maySendTestAlert(clicker: Clicker, policy: TestAlertPolicy): boolean {
  if (clicker.leihs?.isAdmin) return true;
  if (isListedApprover(clicker, policy.approvers)) return true;
  return opsMentionUser(policy.opsMention) === clicker.slackUserId;
}
