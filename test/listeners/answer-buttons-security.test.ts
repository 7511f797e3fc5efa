/**
 * "More" and "Share in channel" carry a command in their button value, which anyone can craft. They
 * re-run only read-only commands, as the clicker, and Share posts only what its command marks shareable.
 */
import { describe, expect, it, vi } from 'vitest';
import { findMoreAction, rerunnableIntents, shareInChannelAction, type ButtonArgs } from '../../src/listeners/actions/answer-buttons.js';
import { encodeAnswerRef } from '../../src/commands/answer-ref.js';
import { actionIds, blockIds } from '../../src/listeners/ids.js';
import { messages } from '../../src/messages/index.js';
import { model } from '../services/fake-reader.js';
import { fakeClient, fakeDeps, fakeLogger, ids } from './fakes.js';

function buttonArgs(actionId: string, value: string) {
  const respond = vi.fn(async (_message: unknown) => {});
  const client = fakeClient();
  const args = {
    ack: vi.fn(async () => {}),
    respond,
    action: { type: 'button', action_id: actionId, value, block_id: blockIds.answerActions, action_ts: '1' },
    body: { type: 'block_actions', user: { id: ids.user, team_id: ids.team }, channel: { id: ids.channel }, team: { id: ids.team } },
    client,
    logger: fakeLogger(),
  };
  return { args: args as unknown as ButtonArgs, respond, client };
}

const crafted = (commandText: string) => encodeAnswerRef({ commandText, page: 1 });
const sentTo = (respond: ReturnType<typeof buttonArgs>['respond']) => respond.mock.calls.map((c) => c[0] as { response_type?: string; replace_original?: boolean; text?: string });

describe('Share in channel with a crafted button value', () => {
  it('does not echo arbitrary text into the channel through the "unknown command" answer', async () => {
    const { deps } = fakeDeps();
    const { args, respond } = buttonArgs(actionIds.shareInChannel, crafted('<!channel> free laptops at https://evil.example'));
    await shareInChannelAction(deps)(args);
    const sent = sentTo(respond);
    expect(sent.some((m) => m.response_type === 'in_channel')).toBe(false);
    expect(sent.map((m) => m.text)).toEqual([messages.commands.answerGone]);
  });

  it('does not run a group change (a side effect) nor post its answer in the channel', async () => {
    const { deps, calls } = fakeDeps();
    const { args, respond, client } = buttonArgs(actionIds.shareInChannel, crafted('group delete "Fotografie BA"'));
    await shareInChannelAction(deps)(args);
    expect(sentTo(respond).some((m) => m.response_type === 'in_channel')).toBe(false);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('does not post an answer its command keeps private (people search) in the channel', async () => {
    const { deps } = fakeDeps();
    const { args, respond } = buttonArgs(actionIds.shareInChannel, crafted('users anna'));
    await shareInChannelAction(deps)(args);
    const sent = sentTo(respond);
    expect(sent.some((m) => m.response_type === 'in_channel')).toBe(false);
    expect(sent.map((m) => m.text)).toEqual([messages.commands.answerGone]);
  });

  it('tells only the clicker when leihs fails, instead of posting the error in the channel', async () => {
    const { deps } = fakeDeps({ models: { 'p-foto': [model('m1', 'Tripod', 2, 3)] } });
    deps.reader.authInfo = async () => {
      throw new Error('boom');
    };
    const { args, respond } = buttonArgs(actionIds.shareInChannel, crafted('find tripod'));
    await shareInChannelAction(deps)(args);
    const sent = sentTo(respond);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.response_type).toBe('ephemeral');
  });
});

describe('More with a crafted button value', () => {
  it('does not run a group change', async () => {
    const { deps, calls } = fakeDeps();
    const { args, respond, client } = buttonArgs(actionIds.findMore, crafted('group create "Film Students"'));
    await findMoreAction(deps)(args);
    expect(sentTo(respond).map((m) => [m.replace_original, m.text])).toEqual([[false, messages.commands.answerGone]]);
    expect(client.chat.postMessage).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('runs people search as the clicker, so someone leihs does not let search people gets the refusal, not the results', async () => {
    const { deps } = fakeDeps();
    const { args, respond } = buttonArgs(actionIds.findMore, encodeAnswerRef({ commandText: 'users anna', page: 2 }));
    await findMoreAction(deps)(args);
    expect(JSON.stringify(respond.mock.calls[0]?.[0])).toContain(messages.directory.peopleOnlyForManagers.slice(0, 40));
  });
});

describe('which commands the buttons re-run', () => {
  it('are the read-only subcommands: every one but requests and help, and never a group change', () => {
    expect([...rerunnableIntents].sort()).toEqual(
      ['find', 'item', 'model', 'pools', 'pool', 'users', 'user', 'groups', 'group', 'categories', 'whoami', 'status'].sort(),
    );
    expect(rerunnableIntents.has('group_change')).toBe(false);
  });
});
