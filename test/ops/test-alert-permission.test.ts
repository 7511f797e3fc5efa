import { describe, expect, it } from 'vitest';
import { maySendTestAlert, opsMentionUser } from '../../src/ops/test-alert-permission.js';
import { mayDecide, type Clicker } from '../../src/services/approval-decision.js';

const admin: Clicker = { slackUserId: 'U0RUTH0KE', email: 'ruth.keller@hdk.example', leihs: { userId: 'l-ruth', isAdmin: true, managesSomePool: false } };
const manager: Clicker = { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', leihs: { userId: 'l-marco', isAdmin: false, managesSomePool: true } };
const customer: Clicker = { slackUserId: 'U0ANNA0SC', email: 'anna.schmid@hdk.example', leihs: { userId: 'l-anna', isAdmin: false, managesSomePool: false } };
const stranger: Clicker = { slackUserId: 'U0NOBODY1', email: 'nobody@elsewhere.example' };

describe('who may send a test alert', () => {
  const table: [string, Clicker, { approvers: string[]; opsMention?: string }, boolean][] = [
    ['a leihs admin', admin, { approvers: [] }, true],
    ['a pool manager who is not ops', manager, { approvers: [] }, false],
    ['a customer', customer, { approvers: [] }, false],
    ['someone on LEIHS_APPROVERS by email', customer, { approvers: ['Anna.Schmid@hdk.example'] }, true],
    ['the user in LEIHS_OPS_MENTION, even without a leihs account', stranger, { approvers: [], opsMention: 'U0NOBODY1' }, true],
    ['the user in LEIHS_OPS_MENTION written as a mention', stranger, { approvers: [], opsMention: '<@U0NOBODY1>' }, true],
    ['nobody through a user group mention (it names no single person)', stranger, { approvers: [], opsMention: 'S0ONCALL1' }, false],
  ];
  for (const [who, clicker, policy, allowed] of table) {
    it(`${who}: ${allowed ? 'may' : 'may not'}`, () => expect(maySendTestAlert(clicker, policy)).toBe(allowed));
  }

  it('reads the user out of LEIHS_OPS_MENTION', () => {
    expect([opsMentionUser('U0123ABCD'), opsMentionUser('<@U0123ABCD>'), opsMentionUser('<!subteam^S0123ABCD>'), opsMentionUser(undefined)]).toEqual(['U0123ABCD', 'U0123ABCD', undefined, undefined]);
  });
});

describe('Retry is authorised like Approve', () => {
  it('a customer may not retry a failed request', () => {
    expect(mayDecide('retry', customer, { requesterSlackUserId: 'U0JONAS0M' }, { approvers: [], allowSelfApproval: false })).toEqual({ allowed: false, because: 'not_an_approver' });
  });
});
