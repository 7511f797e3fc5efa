/**
 * Every Slack id the app registers: the command, action_ids, callback_ids and block_ids (snake_case).
 * Shared: the manifest test checks manifest.yml against these. Add yours with a one-line edit.
 */
export const COMMAND = '/leihs';

export const actionIds = {
  findMore: 'leihs_find_more',
  shareInChannel: 'leihs_share_in_channel',
  findPoolSelect: 'leihs_find_pool_select',
  findQueryInput: 'leihs_find_query_input',
  approveRequest: 'leihs_request_approve',
  rejectRequest: 'leihs_request_reject',
  retryRequest: 'leihs_request_retry',
  groupChangeActionSelect: 'leihs_group_change_action_select',
  groupChangeGroupInput: 'leihs_group_change_group_input',
  groupChangeUserInput: 'leihs_group_change_user_input',
  groupChangeDescriptionInput: 'leihs_group_change_description_input',
  opsTestAlert: 'leihs_ops_test_alert',
  homeRefresh: 'leihs_home_refresh',
  homeFindEquipment: 'leihs_home_find_equipment',
  homeRequestGroupChange: 'leihs_home_request_group_change',
} as const;

/** Global shortcuts (manifest `features.shortcuts`) and modal views. */
export const callbackIds = {
  findShortcut: 'leihs_find_global',
  findModal: 'leihs_find_modal',
  groupChangeShortcut: 'leihs_group_change_global',
  groupChangeModal: 'leihs_group_change_modal',
} as const;

export const blockIds = {
  findQuery: 'leihs_find_query',
  findPool: 'leihs_find_pool',
  answerActions: 'leihs_answer_actions',
  approvalActions: 'leihs_approval_actions',
  groupChangeAction: 'leihs_group_change_action',
  groupChangeGroup: 'leihs_group_change_group',
  groupChangeUser: 'leihs_group_change_user',
  groupChangeDescription: 'leihs_group_change_description',
  statusActions: 'leihs_status_actions',
  homeActions: 'leihs_home_actions',
} as const;

/** Callback ids that are global shortcuts and must appear in manifest.yml. */
export const globalShortcutCallbackIds: readonly string[] = [callbackIds.findShortcut, callbackIds.groupChangeShortcut];
