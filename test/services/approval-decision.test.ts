import { describe, expect, it } from 'vitest';
import { mayDecide, type ApprovalPolicy, type Clicker, type Decision, type Verdict } from '../../src/services/approval-decision.js';

const requester = { requesterSlackUserId: 'U0ANNA0SC', requesterLeihsUserId: 'leihs-anna' };

const admin: Clicker = { slackUserId: 'U0RUTH0KE', email: 'ruth.keller@hdk.example', leihs: { userId: 'leihs-ruth', isAdmin: true, managesSomePool: false } };
const manager: Clicker = {
  slackUserId: 'U0MARCO0B',
  email: 'marco.bernasconi@hdk.example',
  leihs: { userId: 'leihs-marco', isAdmin: false, managesSomePool: true },
};
const customer: Clicker = {
  slackUserId: 'U0JONAS0M',
  email: 'jonas.meier@hdk.example',
  leihs: { userId: 'leihs-jonas', isAdmin: false, managesSomePool: false },
};
const unlinked: Clicker = { slackUserId: 'U0NOBODY1', email: 'nobody@elsewhere.example' };
const requesterAsManager: Clicker = {
  slackUserId: 'U0ANNA0SC',
  email: 'anna.schmid@hdk.example',
  leihs: { userId: 'leihs-anna', isAdmin: false, managesSomePool: true },
};
const requesterOtherSlackAccount: Clicker = {
  slackUserId: 'U0ANNA0S2',
  email: 'anna.schmid@hdk.example',
  leihs: { userId: 'leihs-anna', isAdmin: true, managesSomePool: false },
};
const requesterCustomer: Clicker = { ...requesterAsManager, leihs: { userId: 'leihs-anna', isAdmin: false, managesSomePool: false } };

const none: ApprovalPolicy = { approvers: [], allowSelfApproval: false };
const listsJonasById = { approvers: ['U0JONAS0M'], allowSelfApproval: false };
const listsJonasByEmail = { approvers: ['Jonas.Meier@HDK.example'], allowSelfApproval: false };
const listsNobody = { approvers: ['nobody@elsewhere.example', 'U0NOBODY1'], allowSelfApproval: false };
const selfAllowed = { approvers: [], allowSelfApproval: true };

const table: [string, Decision, Clicker, ApprovalPolicy, Verdict][] = [
  ['a leihs admin may approve', 'approve', admin, none, { allowed: true, as: 'leihs_admin' }],
  ['a pool manager may approve', 'approve', manager, none, { allowed: true, as: 'pool_manager' }],
  ['a pool manager may reject', 'reject', manager, none, { allowed: true, as: 'pool_manager' }],
  ['a pool manager may retry', 'retry', manager, none, { allowed: true, as: 'pool_manager' }],
  ['a customer may not approve', 'approve', customer, none, { allowed: false, because: 'not_an_approver' }],
  ['a customer may not reject', 'reject', customer, none, { allowed: false, because: 'not_an_approver' }],
  ['a customer listed by Slack id may approve', 'approve', customer, listsJonasById, { allowed: true, as: 'listed_approver' }],
  ['a customer listed by email (any case) may approve', 'approve', customer, listsJonasByEmail, { allowed: true, as: 'listed_approver' }],
  ['someone leihs does not know may not approve', 'approve', unlinked, none, { allowed: false, because: 'not_linked' }],
  ['someone leihs does not know may not approve even when listed', 'approve', unlinked, listsNobody, { allowed: false, because: 'not_linked' }],
  ['the requester may not approve their own request', 'approve', requesterAsManager, none, { allowed: false, because: 'own_request' }],
  ['the requester may not retry their own request', 'retry', requesterAsManager, none, { allowed: false, because: 'own_request' }],
  ['the requester from another Slack account is still the requester', 'approve', requesterOtherSlackAccount, none, { allowed: false, because: 'own_request' }],
  ['the requester may approve their own request when self-approval is on', 'approve', requesterAsManager, selfAllowed, { allowed: true, as: 'pool_manager' }],
  ['self-approval on does not make a customer an approver', 'approve', requesterCustomer, selfAllowed, { allowed: false, because: 'not_an_approver' }],
  ['the requester may withdraw (reject) their own request', 'reject', requesterCustomer, none, { allowed: true, as: 'requester_withdrawing' }],
  ['a non-approver cannot reject someone else’s request', 'reject', customer, none, { allowed: false, because: 'not_an_approver' }],
];

describe('who may decide on a group change request', () => {
  it.each(table)('%s', (_name, decision, clicker, policy, expected) => {
    expect(mayDecide(decision, clicker, requester, policy)).toEqual(expected);
  });

  it('treats the requester by Slack id as the requester even when leihs knows no requester id', () => {
    expect(mayDecide('approve', requesterAsManager, { requesterSlackUserId: 'U0ANNA0SC' }, none)).toEqual({ allowed: false, because: 'own_request' });
  });
});
