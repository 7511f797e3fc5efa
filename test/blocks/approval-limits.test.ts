/** Approval messages and /leihs requests stay inside Slack's limits with the longest input people may give. */
import { describe, expect, it } from 'vitest';
import { buildApprovalMessage, buildRequesterNotice, buildRequestsOverview, buildSentForApproval, buildUnchanged } from '../../src/blocks/approval.js';
import { buildHomeView } from '../../src/blocks/home.js';
import { checkMessage, checkView } from '../../src/devkit/slack-rules.js';
import { homeCard } from '../../src/ops/home.js';
import { descriptionMaxLength, groupNameMaxLength } from '../../src/services/group-requests.js';
import type { RequestStatus, StoredRequest } from '../../src/store/store.js';
import { limitViolations } from './limits-check.js';

const anna = { slackUserId: 'U0ANNA0SC', email: 'anna.schmid@hdk.example', leihsUserId: 'leihs-anna' };
const marco = { slackUserId: 'U0MARCO0B', email: 'marco.bernasconi@hdk.example', leihsUserId: 'leihs-marco' };
const at = new Date('2026-12-04T09:00:00Z');
// Characters that grow when escaped for mrkdwn, so the escaped text is as long as it gets.
const longName = '<&>'.repeat(groupNameMaxLength).slice(0, groupNameMaxLength);
const longDescription = '&\n'.repeat(descriptionMaxLength).slice(0, descriptionMaxLength);
const longPerson = { id: 'u1', name: '&'.repeat(200), email: `${'a'.repeat(240)}@hdk.example` };

function request(i: number, status: RequestStatus, action: string, params: StoredRequest['params']): StoredRequest {
  return {
    id: `R${String(i).padStart(9, '0')}`,
    action,
    params,
    status,
    requester: anna,
    approvalChannel: 'C0APPROVE1',
    approvalMessageTs: '1733302800.000100',
    createdAt: at,
    expiresAt: new Date(at.getTime() + 86_400_000),
    updatedAt: at,
    ...(status === 'pending' ? {} : { decider: marco, decidedAt: at, reason: status === 'failed' ? '&'.repeat(600) : undefined, outcome: { groupId: 'g1' } }),
  };
}

const changes: [string, StoredRequest['params']][] = [
  ['group_create', { name: longName, description: longDescription }],
  ['group_delete', { group: { id: 'g1', name: longName }, memberCount: 1234 }],
  ['group_add_member', { group: { id: 'g1', name: longName }, user: longPerson }],
  ['group_remove_member', { group: { id: 'g1', name: longName }, user: longPerson }],
];
const statuses: RequestStatus[] = ['pending', 'executing', 'approved', 'rejected', 'failed', 'expired'];

describe('approval messages at the input limits (100-character group name, 500-character description)', () => {
  for (const [action, params] of changes) {
    for (const status of statuses) {
      it(`${action} while ${status}: the message, the answers and the requester's notice fit`, () => {
        const r = request(1, status, action, params);
        const replies = [buildApprovalMessage(r, { leihsUrl: 'https://leihs.example.org' }), buildUnchanged(r), buildSentForApproval(r, 'C0APPROVE1', 'https://hdk.slack.com/archives/C0APPROVE1/p1')];
        const notice = buildRequesterNotice(r, { leihsUrl: 'https://leihs.example.org' });
        if (notice) replies.push(notice);
        for (const reply of replies) {
          expect(limitViolations(reply)).toEqual([]);
          expect(checkMessage(reply)).toBeUndefined();
        }
      });
    }
  }

  it('never lets a group name mention the channel, in the blocks or the notification text', () => {
    const r = request(1, 'pending', 'group_create', { name: '<!channel> free laptops' });
    const message = buildApprovalMessage(r);
    expect(message.text).not.toContain('<!channel>');
    expect(JSON.stringify(message.blocks)).not.toContain('<!channel>');
  });
});

describe('/leihs requests and App Home with many long requests', () => {
  it('the overview of 10 open and 10 decided requests of every kind fits one message', () => {
    const open = Array.from({ length: 10 }, (_, i) => request(i, i % 3 === 0 ? 'failed' : 'pending', changes[i % 4]![0], changes[i % 4]![1]));
    const recent = Array.from({ length: 10 }, (_, i) => request(100 + i, (['approved', 'rejected', 'expired'] as const)[i % 3]!, changes[i % 4]![0], changes[i % 4]![1]));
    const overview = buildRequestsOverview({ open, recent });
    expect(limitViolations(overview)).toEqual([]);
    expect(checkMessage(overview)).toBeUndefined();
  });

  it('App Home with 50 long pending requests stays within 100 blocks and gives every card its own block_id', () => {
    const cards = Array.from({ length: 50 }, (_, i) => homeCard(request(i, 'pending', changes[i % 4]![0], changes[i % 4]![1]), 'https://leihs.example.org'));
    const view = buildHomeView({ deadlineMs: 3000, identity: { state: 'linked', name: 'Marco', email: 'marco@hdk.example' }, approvals: cards, notice: buildUnchanged(request(1, 'approved', ...changes[0]!)).blocks });
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(checkView(view)).toBeUndefined();
  });
});
