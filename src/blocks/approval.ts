/**
 * Pure builders for group change requests: the approval message in each state, the answers to a
 * click that changed nothing, the requester's notices, `/leihs requests`, and the request modal.
 * Button values carry only the request id.
 */
import type { Button, ConfirmationDialog, InputBlock, KnownBlock, ModalView } from '@slack/types';
import { messages } from '../messages/index.js';
import type { StoredRequest } from '../store/store.js';
import { actionIds, blockIds, callbackIds } from '../listeners/ids.js';
import {
  changeOf,
  describeGroupChangeProblem,
  descriptionMaxLength,
  groupNameMaxLength,
  type GroupChange,
  type GroupChangeProblem,
} from '../services/group-requests.js';
import { actions, button, context, fieldsSection, header, reply, section, sentence, type Reply } from './kit.js';
import { LIMITS, ellipsis, escapeMrkdwn } from './limits.js';
import { slackDateTime } from './status-format.js';

/** Why a group change cannot be asked for, in one sentence with the names escaped for mrkdwn. */
export const groupChangeProblemText = (problem: GroupChangeProblem): string => describeGroupChangeProblem(problem, escapeMrkdwn);

const m = messages.approvals;

export const mention = (slackUserId: string) => `<@${slackUserId}>`;
const groupName = (name: string) => `*“${escapeMrkdwn(name)}”*`;
const plainGroupName = (name: string) => `“${name}”`;
const personLabel = (user: { name: string; email?: string }, withEmail: boolean) =>
  withEmail && user.email ? `${escapeMrkdwn(user.name)} (${escapeMrkdwn(user.email)})` : escapeMrkdwn(user.name);

/**
 * The change in one mrkdwn line, e.g. `Create the group *“Film Students”*`. The approval message names
 * the member's email (approvers must know exactly who); lists anyone can open show the name only.
 */
export function changeLine(change: GroupChange | undefined, action = '', options: { withEmail?: boolean } = {}): string {
  const withEmail = options.withEmail ?? true;
  if (!change) return escapeMrkdwn(action);
  switch (change.action) {
    case 'group_create':
      return m.change.group_create(groupName(change.name));
    case 'group_delete':
      return m.change.group_delete(groupName(change.group.name));
    case 'group_add_member':
      return m.change.group_add_member(personLabel(change.user, withEmail), groupName(change.group.name));
    case 'group_remove_member':
      return m.change.group_remove_member(personLabel(change.user, withEmail), groupName(change.group.name));
  }
}

/** The same line without mrkdwn, for notification text and quotes. */
export function changeText(change: GroupChange | undefined, action = ''): string {
  if (!change) return action;
  switch (change.action) {
    case 'group_create':
      return m.change.group_create(plainGroupName(change.name));
    case 'group_delete':
      return m.change.group_delete(plainGroupName(change.group.name));
    case 'group_add_member':
      return m.change.group_add_member(change.user.name, plainGroupName(change.group.name));
    case 'group_remove_member':
      return m.change.group_remove_member(change.user.name, plainGroupName(change.group.name));
  }
}

/** The group's page in leihs admin, when the group exists after the change. */
export function leihsGroupUrl(request: StoredRequest, leihsUrl: string | undefined): string | undefined {
  if (!leihsUrl || request.status !== 'approved' || request.action === 'group_delete') return undefined;
  const outcome = request.outcome;
  const groupId = outcome && typeof outcome === 'object' && !Array.isArray(outcome) ? outcome['groupId'] : undefined;
  return typeof groupId === 'string' ? `${leihsUrl}/admin/groups/${encodeURIComponent(groupId)}` : undefined;
}

function confirmFor(change: GroupChange | undefined): ConfirmationDialog | undefined {
  const dialog = (c: { title: string; text: string; confirm: string; deny: string }): ConfirmationDialog => ({
    title: { type: 'plain_text', text: ellipsis(c.title, 100) },
    text: { type: 'plain_text', text: ellipsis(c.text, 300) },
    confirm: { type: 'plain_text', text: ellipsis(c.confirm, 30) },
    deny: { type: 'plain_text', text: ellipsis(c.deny, 30) },
    style: 'danger',
  });
  if (change?.action === 'group_delete') {
    const c = m.confirmDelete;
    return dialog({ ...c, text: c.text(plainGroupName(change.group.name), change.memberCount) });
  }
  if (change?.action === 'group_remove_member') {
    const c = m.confirmRemove;
    return dialog({ ...c, text: c.text(change.user.name, plainGroupName(change.group.name)) });
  }
  return undefined;
}

function decisionButtons(request: StoredRequest, change: GroupChange | undefined): KnownBlock {
  const go: Button =
    request.status === 'failed'
      ? button({ text: m.retry, actionId: actionIds.retryRequest, value: request.id, style: 'primary' })
      : button({ text: m.approve, actionId: actionIds.approveRequest, value: request.id, style: 'primary' });
  const confirm = confirmFor(change);
  if (confirm) go.confirm = confirm;
  const no = button({ text: m.reject, actionId: actionIds.rejectRequest, value: request.id, style: 'danger' });
  return actions(blockIds.approvalActions, [go, no]);
}

function stateLine(request: StoredRequest, leihsUrl: string | undefined): string | undefined {
  const who = request.decider ? mention(request.decider.slackUserId) : '?';
  const when = slackDateTime(request.decidedAt ?? request.updatedAt);
  switch (request.status) {
    case 'pending':
      return undefined;
    case 'executing':
      return m.state.executing(who);
    case 'approved': {
      const url = leihsGroupUrl(request, leihsUrl);
      const change = changeOf(request);
      const name = change && change.action !== 'group_create' ? change.group.name : change?.name;
      const link = url && name ? `\n${m.openInLeihs(url, escapeMrkdwn(plainGroupName(name)))}` : '';
      return `${m.state.approved(who, when)}${link}`;
    }
    case 'rejected':
      return request.decider?.slackUserId === request.requester.slackUserId ? m.state.withdrawn(who, when) : m.state.rejected(who, when);
    case 'failed':
      return m.state.failed(who, when, escapeMrkdwn(request.reason ?? messages.common.somethingWentWrong));
    case 'expired':
      return m.state.expired(slackDateTime(request.expiresAt));
  }
}

/** The approval message for a request in any state: buttons only while a decision is possible. */
export function buildApprovalMessage(request: StoredRequest, options: { leihsUrl?: string } = {}): Reply {
  const change = changeOf(request);
  const line = changeLine(change, request.action);
  const blocks: KnownBlock[] = [header(m.header), section(`${mention(request.requester.slackUserId)}: ${line}`)];
  if (change?.action === 'group_create' && change.description) {
    blocks.push(section(`${m.descriptionLabel}\n>${escapeMrkdwn(change.description).replace(/\n/g, '\n>')}`));
  }
  if (change?.action === 'group_delete') blocks.push(context(m.membersNow(change.memberCount)));
  const state = stateLine(request, options.leihsUrl);
  if (request.status === 'pending' || request.status === 'failed') {
    if (request.status === 'pending') blocks.push(fieldsSection([m.requestedBy(mention(request.requester.slackUserId)), m.expires(slackDateTime(request.expiresAt))]));
    if (state) blocks.push(section(state));
    blocks.push(decisionButtons(request, change));
  } else if (state) {
    blocks.push(section(state));
  }
  blocks.push(context(m.requestId(request.id)));
  // The notification text is mrkdwn too: a name like <!channel> must not notify anyone.
  return reply(m.fallback(mention(request.requester.slackUserId), escapeMrkdwn(changeText(change, request.action))), blocks);
}

/** What a click that changed nothing is told (ephemeral). */
export function buildUnchanged(request: StoredRequest): Reply {
  const who = request.decider ? mention(request.decider.slackUserId) : '?';
  const when = slackDateTime(request.decidedAt ?? request.updatedAt);
  switch (request.status) {
    case 'executing':
      return sentence(m.already.executing(who));
    case 'approved':
      return sentence(m.already.approved(who, when));
    case 'rejected':
      return sentence(m.already.rejected(who, when));
    case 'failed':
      return sentence(m.already.failed(who, when));
    case 'expired':
      return sentence(m.already.expired(slackDateTime(request.expiresAt)));
    case 'pending':
      return sentence(m.already.pending);
  }
}

export function buildRefusal(because: 'not_linked' | 'not_an_approver' | 'own_request'): Reply {
  return sentence({ not_linked: m.notLinked, not_an_approver: m.notAnApprover, own_request: m.ownRequest }[because]);
}

/** The requester's ephemeral answer once the request is posted. */
export function buildSentForApproval(request: StoredRequest, channelId: string, permalink?: string): Reply {
  const text = m.sentForApproval(`<#${channelId}>`, permalink);
  return reply(text, [section(`${text}\n${changeLine(changeOf(request), request.action)}`), context(m.sentForApprovalExpires(slackDateTime(request.expiresAt)), m.requestId(request.id))]);
}

/** The message the requester gets when their request is decided; undefined for states not worth a notice. */
export function buildRequesterNotice(request: StoredRequest, options: { leihsUrl?: string } = {}): Reply | undefined {
  if (!request.decider || request.decider.slackUserId === request.requester.slackUserId) return undefined;
  const change = changeText(changeOf(request), request.action);
  const who = mention(request.decider.slackUserId);
  const url = leihsGroupUrl(request, options.leihsUrl);
  switch (request.status) {
    case 'approved': {
      const text = m.toRequester.approved(escapeMrkdwn(change), who);
      return reply(text, [section(url ? `${text}\n${m.toRequester.openInLeihs(url)}` : text)]);
    }
    case 'rejected':
      return sentence(m.toRequester.rejected(escapeMrkdwn(change), who));
    case 'failed':
      return sentence(m.toRequester.failed(escapeMrkdwn(change), who, escapeMrkdwn(request.reason ?? messages.common.somethingWentWrong)));
    default:
      return undefined;
  }
}

/** `/leihs requests`: open requests, then recent decisions. */
export function buildRequestsOverview(overview: { open: StoredRequest[]; recent: StoredRequest[] }): Reply {
  const l = m.list;
  const openLines = overview.open.map((r) => {
    const line = l.line(r.id, changeLine(changeOf(r), r.action, { withEmail: false }), mention(r.requester.slackUserId), slackDateTime(r.createdAt));
    return r.status === 'pending' ? line : `${l.emoji[r.status]} ${line} · ${l.status[r.status]}`;
  });
  const recentLines = overview.recent.map((r) =>
    l.decidedLine(
      r.id,
      l.emoji[r.status],
      changeLine(changeOf(r), r.action, { withEmail: false }),
      l.status[r.status],
      r.decider ? mention(r.decider.slackUserId) : '',
      slackDateTime(r.decidedAt ?? r.updatedAt),
    ),
  );
  const blocks: KnownBlock[] = [
    header(l.header),
    section(`${l.open}\n${openLines.length > 0 ? openLines.join('\n') : l.noneOpen}`),
    section(`${l.recent}\n${recentLines.length > 0 ? recentLines.join('\n') : l.noneRecent}`),
  ];
  return reply(`${l.header}: ${overview.open.length}`, blocks);
}

const plain = (text: string, max: number) => ({ type: 'plain_text' as const, text: ellipsis(text, max) });

function textInput(blockId: string, actionId: string, label: string, opts: { hint?: string; optional?: boolean; maxLength: number; multiline?: boolean }): InputBlock {
  const block: InputBlock = {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    optional: opts.optional ?? false,
    element: { type: 'plain_text_input', action_id: actionId, max_length: opts.maxLength, multiline: opts.multiline ?? false },
  };
  if (opts.hint) block.hint = plain(opts.hint, 2000);
  return block;
}

/** The "Request group change" modal (global shortcut). */
export function buildGroupChangeModal(): ModalView {
  const mm = m.modal;
  const options = (['create', 'delete', 'add_member', 'remove_member'] as const).map((value) => ({
    text: plain(mm.actions[value], LIMITS.optionText),
    value,
  }));
  return {
    type: 'modal',
    callback_id: callbackIds.groupChangeModal,
    title: plain(mm.title, LIMITS.modalTitle),
    submit: plain(mm.submit, LIMITS.modalTitle),
    close: plain(mm.close, LIMITS.modalTitle),
    blocks: [
      {
        type: 'input',
        block_id: blockIds.groupChangeAction,
        label: plain(mm.actionLabel, 2000),
        element: { type: 'static_select', action_id: actionIds.groupChangeActionSelect, options, initial_option: options[0] },
      },
      textInput(blockIds.groupChangeGroup, actionIds.groupChangeGroupInput, mm.groupLabel, { hint: mm.groupHint, maxLength: groupNameMaxLength }),
      textInput(blockIds.groupChangeUser, actionIds.groupChangeUserInput, mm.userLabel, { hint: mm.userHint, optional: true, maxLength: 254 }),
      textInput(blockIds.groupChangeDescription, actionIds.groupChangeDescriptionInput, mm.descriptionLabel, {
        hint: mm.descriptionHint,
        optional: true,
        maxLength: descriptionMaxLength,
        multiline: true,
      }),
    ],
  };
}
