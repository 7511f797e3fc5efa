/**
 * Who may decide on a group change request: a pure function, tested as a table.
 *
 * It mirrors leihs's own rule for the groups endpoints: a leihs admin, or a lending or inventory
 * manager of some pool; plus anyone listed in LEIHS_APPROVERS (Slack user id or email). Everybody must
 * be a linked leihs user (found freshly by Slack email; nothing is done for someone leihs does not
 * know). Nobody approves their own request unless self-approval is allowed; withdrawing (rejecting)
 * one's own request is always allowed.
 */

/** What identity and leihs said about the person who clicked, looked up freshly for this click. */
export interface Clicker {
  /** The signed Slack user id from the payload: the only thing taken from Slack as given. */
  slackUserId: string;
  /** From users.info; absent when Slack gave none. */
  email?: string;
  /** The leihs user with that email; absent when there is none (or the account is disabled). */
  leihs?: {
    userId: string;
    isAdmin: boolean;
    /** Lending or inventory manager of at least one pool. */
    managesSomePool: boolean;
  };
}

export interface RequestParties {
  requesterSlackUserId: string;
  requesterLeihsUserId?: string;
}

export interface ApprovalPolicy {
  /** LEIHS_APPROVERS: Slack user ids (U…) or emails. */
  approvers: readonly string[];
  allowSelfApproval: boolean;
}

export type Decision = 'approve' | 'reject' | 'retry';

export type Authority = 'leihs_admin' | 'pool_manager' | 'listed_approver' | 'requester_withdrawing';

export type Verdict =
  | { allowed: true; as: Authority }
  | { allowed: false; because: 'not_linked' | 'not_an_approver' | 'own_request' };

export function mayDecide(decision: Decision, clicker: Clicker, request: RequestParties, policy: ApprovalPolicy): Verdict {
  if (!clicker.leihs) return { allowed: false, because: 'not_linked' };
  const own =
    clicker.slackUserId === request.requesterSlackUserId ||
    (request.requesterLeihsUserId !== undefined && clicker.leihs.userId === request.requesterLeihsUserId);
  if (own && decision === 'reject') return { allowed: true, as: 'requester_withdrawing' };
  const authority = authorityOf(clicker, policy);
  if (!authority) return { allowed: false, because: 'not_an_approver' };
  if (own && !policy.allowSelfApproval) return { allowed: false, because: 'own_request' };
  return { allowed: true, as: authority };
}

function authorityOf(clicker: Clicker, policy: ApprovalPolicy): Authority | undefined {
  const leihs = clicker.leihs;
  if (leihs?.isAdmin) return 'leihs_admin';
  if (leihs?.managesSomePool) return 'pool_manager';
  if (isListedApprover(clicker, policy.approvers)) return 'listed_approver';
  return undefined;
}

export function isListedApprover(clicker: Pick<Clicker, 'slackUserId' | 'email'>, approvers: readonly string[]): boolean {
  const email = clicker.email?.toLowerCase();
  return approvers.some((entry) => entry === clicker.slackUserId || (email !== undefined && entry.toLowerCase() === email));
}

/** Roles that count as "manager of some pool" for the groups endpoints (customer < group < lending < inventory). */
