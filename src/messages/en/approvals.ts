// Words of group change requests and their approval. Owned by approvals.
// Names, people and times arrive already escaped or formatted (Slack mentions, date tokens); sentences only place them.

export const approvals = {
  // The change, in one line (names are already quoted/escaped by the builder).
  change: {
    group_create: (group: string) => `Create the group ${group}`,
    group_delete: (group: string) => `Delete the group ${group}`,
    group_add_member: (person: string, group: string) => `Add ${person} to the group ${group}`,
    group_remove_member: (person: string, group: string) => `Remove ${person} from the group ${group}`,
  },
  descriptionLabel: '*Description*',
  membersNow: (count: number) => `The group has ${count === 1 ? '1 member' : `${count} members`} now; they lose this group’s access.`,
  memberDetail: (email: string) => `Email in leihs: ${email}`,

  // The approval message.
  header: 'Group change request',
  fallback: (who: string, change: string) => `${who} asks: ${change}`,
  requestedBy: (who: string) => `*Requested by*\n${who}`,
  expires: (time: string) => `*Expires*\n${time}`,
  requestId: (id: string) => `Request ${id}`,
  approve: 'Approve',
  reject: 'Reject',
  retry: 'Retry',
  confirmDelete: {
    title: 'Delete this group in leihs?',
    text: (group: string, members: number) =>
      `${group} and its ${members === 1 ? '1 membership' : `${members} memberships`} will be deleted in leihs. This cannot be undone from Slack.`,
    confirm: 'Delete group',
    deny: 'Cancel',
  },
  confirmRemove: {
    title: 'Remove this member?',
    text: (person: string, group: string) => `${person} will lose the access that ${group} gives in leihs.`,
    confirm: 'Remove member',
    deny: 'Cancel',
  },

  // What became of it (shown on the approval message and told to the requester).
  state: {
    executing: (who: string) => `:hourglass_flowing_sand: Approved by ${who}; changing leihs now…`,
    approved: (who: string, time: string) => `:white_check_mark: Approved by ${who} on ${time}. Done in leihs.`,
    rejected: (who: string, time: string) => `:x: Rejected by ${who} on ${time}. Nothing was changed.`,
    withdrawn: (who: string, time: string) => `:leftwards_arrow_with_hook: Withdrawn by ${who} on ${time}. Nothing was changed.`,
    failed: (who: string, time: string, reason: string) =>
      `:warning: Approved by ${who} on ${time}, but leihs refused: ${reason}\nNothing was changed. Retry when the cause is fixed, or reject.`,
    expired: (time: string) => `:hourglass: Expired on ${time} without a decision. Nothing was changed; ask again if it is still needed.`,
  },
  openInLeihs: (url: string, group: string) => `<${url}|Open ${group} in leihs>`,

  // Told to the requester.
  sentForApproval: (channel: string, link?: string) =>
    link ? `Sent for approval in ${channel}: <${link}|see the request>.` : `Sent for approval in ${channel}.`,
  sentForApprovalExpires: (time: string) => `A manager has until ${time} to decide.`,
  toRequester: {
    approved: (change: string, who: string) => `Your request was approved by ${who} and is done in leihs: ${change}.`,
    rejected: (change: string, who: string) => `Your request was rejected by ${who}; nothing was changed: ${change}.`,
    failed: (change: string, who: string, reason: string) =>
      `Your request was approved by ${who}, but leihs refused it (${change}): ${reason}`,
    openInLeihs: (url: string) => `<${url}|Open the group in leihs admin>`,
  },

  // Told to someone whose click changed nothing.
  already: {
    executing: (who: string) => `${who} is approving this request right now.`,
    approved: (who: string, time: string) => `Already approved by ${who} on ${time}.`,
    rejected: (who: string, time: string) => `Already rejected by ${who} on ${time}.`,
    failed: (who: string, time: string) => `${who} approved this on ${time} and it failed; use Retry on the request.`,
    expired: (time: string) => `This request expired on ${time}; nothing was changed. Ask again with /leihs group.`,
    pending: 'This request is still open; it was not carried out, so there is nothing to retry yet.',
  },
  requestGone: 'This request is no longer known here. Ask again with /leihs group if it is still needed.',
  notLinked:
    'I could not find you in leihs by your Slack email, so I cannot act for you. Ask a leihs admin to add your Slack email to your leihs account.',
  notAnApprover:
    'Only a leihs admin or a lending or inventory manager of a pool (or someone on the approvers list) can decide on group changes. The request stays open for them.',
  ownRequest: 'You cannot approve your own request; another manager has to. You can still reject it to withdraw it.',

  // Checks before a request is posted.
  invalid: {
    nameEmpty: 'Give the group a name, e.g. /leihs group create "Film Students" — for the film course.',
    nameTooLong: (max: number) => `A group name can have at most ${max} characters.`,
    descriptionTooLong: (max: number) => `A description can have at most ${max} characters.`,
    groupExists: (group: string) => `A group named ${group} already exists in leihs; pick another name.`,
    groupNotFound: (group: string) => `There is no group named ${group} in leihs. /leihs groups lists them.`,
    userNotFound: (query: string) => `leihs has no enabled user ${query}. Use their email address, e.g. anna.schmid@hdk.example.`,
    userAmbiguous: (query: string, count: number) => `${count} leihs users match ${query}; use the email address.`,
    alreadyMember: (person: string, group: string) => `${person} is already a member of ${group}.`,
    notMember: (person: string, group: string) => `${person} is not a member of ${group}.`,
  },
  noStore: 'Group changes need the app’s database, which is not set up here. Ask whoever runs this app.',
  noChannel: 'I do not know where to post the request for approval. Run the command in a channel, or ask whoever runs this app to set LEIHS_APPROVALS_CHANNEL.',
  postFailed: (channel: string) => `I could not post the request in ${channel}. Invite me to that channel, then ask again.`,

  // leihs's reasons, in plain words.
  reason: {
    duplicateName: (group: string) => `a group named ${group} already exists.`,
    groupGone: (group: string) => `the group ${group} no longer exists.`,
    notAMember: (person: string, group: string) => `${person} is no longer a member of ${group}.`,
    userGone: (person: string) => `${person} is no longer a leihs user.`,
    forbidden: 'the app’s leihs account may not change groups (it needs admin rights, or this group is protected).',
    timeout: 'leihs did not answer in time. It may or may not have made the change; check in leihs before retrying.',
    interrupted: 'the app stopped while changing leihs. leihs may or may not have made the change; check in leihs before retrying.',
  },

  // /leihs requests
  list: {
    header: 'Group change requests',
    open: '*Open*',
    recent: '*Recent decisions*',
    noneOpen: 'No open requests.',
    noneRecent: 'No decisions yet.',
    line: (id: string, change: string, who: string, time: string) => `\`${id}\` ${change} · asked by ${who} · ${time}`,
    decidedLine: (id: string, emoji: string, change: string, status: string, who: string, time: string) =>
      `${emoji} \`${id}\` ${change} · ${status}${who ? ` by ${who}` : ''} · ${time}`,
    status: { approved: 'approved', rejected: 'rejected', failed: 'failed', expired: 'expired', executing: 'being carried out', pending: 'open' },
    emoji: { approved: ':white_check_mark:', rejected: ':x:', failed: ':warning:', expired: ':hourglass:', executing: ':hourglass_flowing_sand:', pending: ':inbox_tray:' },
  },

  // The "Request group change" modal.
  modal: {
    title: 'Request group change',
    submit: 'Send for approval',
    close: 'Cancel',
    actionLabel: 'What should change?',
    actions: {
      create: 'Create a group',
      delete: 'Delete a group',
      add_member: 'Add a member',
      remove_member: 'Remove a member',
    },
    groupLabel: 'Group name',
    groupHint: 'For a new group, the name it should get; otherwise the name of an existing group.',
    userLabel: 'Member (email)',
    userHint: 'Only for adding or removing a member.',
    userNeeded: 'Give the member’s email address.',
    descriptionLabel: 'Description',
    descriptionHint: 'Only for a new group.',
  },
} as const;
